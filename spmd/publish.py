"""Publication of the open data: every ``opendata`` model, and only those.

Each published model is written as CSV (UTF-8, header = column names, which are
the national schema's field names where one applies) and Parquet into a fresh
folder, validated there with frictionless against its national schema (the
repository's copy, ``schemas/``) or, where none exists, against a Table Schema
derived from the model's dbt contract. Every file with a national schema, and
the SCDL catalogue, is also validated by the official SCDL validator, Validata's
core, custom checks included (SIRET as INSEE defines it, vote sums...), in its
own environment (``spmd/validata_check.py``). Only when every file is valid does
the folder replace ``exports/opendata`` (a rename), so a failed publication
never leaves a half-written or unchecked export behind.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import duckdb

from spmd import PROJECT_ROOT, catalogue, raw_ledger

PUBLIC_SCHEMA = "opendata"

# dbt contract data types -> Table Schema field types
_TABLE_SCHEMA_TYPES = {
    "varchar": "string",
    "text": "string",
    "integer": "integer",
    "bigint": "integer",
    "smallint": "integer",
    "double": "number",
    "decimal": "number",
    "boolean": "boolean",
    "date": "date",
    "timestamp": "datetime",
}

# Text cells starting with one of these would run as a formula in a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class PublicationError(RuntimeError):
    """Something makes the publication unsafe; nothing was replaced."""


def published_models(dbt_manifest: dict) -> list[dict]:
    """The dbt model nodes of the opendata schema, sorted by name."""
    nodes = [
        n
        for n in dbt_manifest["nodes"].values()
        if n["resource_type"] == "model" and n["schema"] == PUBLIC_SCHEMA
    ]
    for node in nodes:
        if not node["config"].get("contract", {}).get("enforced"):
            raise PublicationError(f"{node['name']} is in {PUBLIC_SCHEMA} without an enforced contract")
    return sorted(nodes, key=lambda n: n["name"])


def table_schema_from_contract(node: dict) -> dict:
    """A Table Schema for a model without a national schema, from its contract."""
    fields = []
    for column in node["columns"].values():
        data_type = (column.get("data_type") or "varchar").lower()
        field = {
            "name": column["name"],
            "type": _TABLE_SCHEMA_TYPES.get(data_type, "string"),
            "description": column.get("description", ""),
        }
        if any(c.get("type") == "not_null" for c in column.get("constraints", [])):
            field["constraints"] = {"required": True}
        fields.append(field)
    return {
        "name": node["name"],
        "title": node["name"],
        "description": node.get("description", ""),
        "fields": fields,
    }


def _schema_for(node: dict) -> tuple[dict, dict]:
    """(Table Schema descriptor, {name, version}) of a published model."""
    national = node["config"].get("meta", {}).get("national_schema")
    if national:
        path = PROJECT_ROOT / national["file"]
        return json.loads(path.read_text(encoding="utf-8")), {
            "name": national["name"],
            "version": national["version"],
        }
    return table_schema_from_contract(node), {"name": f"spmd-{node['name']}", "version": "contract"}


def risk_metrics(con: duckdb.DuckDBPyConnection, relation: str, count_column: str | None) -> dict | None:
    """Re-identification risk of an aggregated table: each published non-zero
    count is a class of that many persons; max risk = 1 / smallest class,
    average risk = classes / sum of counts (margins, if published, count twice)."""
    if not count_column:
        return None
    classes, persons, smallest = con.sql(
        f'select count(*), sum("{count_column}"), min("{count_column}") '
        f'from {relation} where "{count_column}" > 0'
    ).fetchone()
    if not classes:
        return {"classes": 0, "sum_of_counts": 0, "smallest_class": None, "max_risk": 0.0, "average_risk": 0.0}
    return {
        "classes": classes,
        "sum_of_counts": int(persons),
        "smallest_class": smallest,
        "max_risk": round(1 / smallest, 4),
        "average_risk": round(classes / persons, 4),
    }


def _neutralised_select(con: duckdb.DuckDBPyConnection, relation: str) -> str:
    """SELECT of the relation with formula-like text cells prefixed by a quote."""
    columns = con.sql(f"describe {relation}").fetchall()
    items = []
    for name, column_type, *_ in columns:
        quoted = f'"{name}"'
        if column_type == "VARCHAR":
            prefixes = ", ".join(f"'{p}'" for p in FORMULA_PREFIXES)
            items.append(
                f"case when left({quoted}, 1) in ({prefixes}) then '''' || {quoted} "
                f"else {quoted} end as {quoted}"
            )
        else:
            items.append(quoted)
    # A total order makes two builds of the same data byte-identical.
    return f"select {', '.join(items)} from {relation} order by all"


def validata_python() -> Path:
    """The Python of Validata's environment (SPMD_VALIDATA_PYTHON, default
    .venv-validata/bin/python, made by ``make install``)."""
    path = Path(os.environ.get("SPMD_VALIDATA_PYTHON", PROJECT_ROOT / ".venv-validata" / "bin" / "python"))
    if not path.exists():
        raise PublicationError(f"the official SCDL validator is not installed ({path} not found): run make install")
    return path


def validata_errors(jobs: list[tuple[Path, Path]]) -> list[str]:
    """Errors of the official validator (Validata's core) on each (CSV, Table
    Schema) pair, as "<file>: <error>"; empty when every file is valid."""
    if not jobs:
        return []
    request = json.dumps([{"source": str(csv_path), "schema": str(schema)} for csv_path, schema in jobs])
    run = subprocess.run([str(validata_python()), str(Path(__file__).with_name("validata_check.py"))],
                         input=request, capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        raise PublicationError(f"the official SCDL validator failed:\n{run.stderr[-2000:]}")
    return [f"{Path(source).name}: {message} (Validata)"
            for source, messages in json.loads(run.stdout).items() for message in messages]


def validate_csv(csv_path: Path, descriptor: dict) -> list[str]:
    """Frictionless errors of a CSV against a Table Schema descriptor (empty: valid);
    the schema's custom checks are Validata's (validata_errors)."""
    from frictionless import Resource, Schema

    schema = Schema.from_descriptor(
        {k: v for k, v in descriptor.items() if k in ("fields", "primaryKey", "missingValues")}
    )
    resource = Resource(path=csv_path.name, basepath=str(csv_path.parent), schema=schema)
    report = resource.validate()
    if report.valid:
        return []
    flat = report.flatten(["rowNumber", "fieldName", "type", "message"])
    return [f"row {row} {field or ''}: {kind}: {message}" for row, field, kind, message in flat][:20]


def _export_model(con: duckdb.DuckDBPyConnection, node: dict, folder: Path) -> tuple[list[dict], list[str]]:
    """Write one published model as CSV and Parquet (and its Table Schema) into
    ``folder``; return its manifest entries and its validation errors."""
    name = node["name"]
    relation = f'{PUBLIC_SCHEMA}."{node["alias"] or name}"'
    select = _neutralised_select(con, relation)
    csv_path, parquet_path = folder / f"{name}.csv", folder / f"{name}.parquet"
    con.sql(f"copy ({select}) to '{csv_path}' (format csv, header true, delimiter ',')")
    con.sql(f"copy ({select}) to '{parquet_path}' (format parquet)")
    rows = con.sql(f"select count(*) from {relation}").fetchone()[0]
    outputs = [(csv_path, "csv"), (parquet_path, "parquet")]
    geojson = node["config"].get("meta", {}).get("geojson")
    if geojson:
        outputs.append((_write_geojson(con, relation, geojson, folder / f"{name}.geojson"), "geojson"))
    descriptor, schema_ref = _schema_for(node)
    (folder / f"{name}.schema.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    errors = [f"{csv_path.name}: {e}" for e in validate_csv(csv_path, descriptor)]
    meta = node["config"].get("meta", {})
    anonymisation = meta.get("anonymisation") or {}
    risk = risk_metrics(con, relation, anonymisation.get("count_column"))
    entries = [
        {
            "path": path.name,
            "model": name,
            "format": fmt,
            "rows": rows,
            "sha256": raw_ledger.sha256(path),
            "schema": schema_ref,
            "licence": meta.get("licence"),
            "anonymisation": {"method": anonymisation.get("method"), "k": anonymisation.get("k")},
            "risk": risk,
        }
        for path, fmt in outputs
    ]
    return entries, errors


def national_schema_jobs(nodes: list[dict], folder: Path) -> list[tuple[Path, Path]]:
    """(CSV in ``folder``, its national Table Schema) for every published model
    with a national schema, and the SCDL catalogue."""
    jobs = [(folder / f"{n['name']}.csv", PROJECT_ROOT / n["config"]["meta"]["national_schema"]["file"])
            for n in nodes if n["config"].get("meta", {}).get("national_schema")]
    return jobs + [(folder / "catalogue.csv", PROJECT_ROOT / "schemas" / "scdl-catalogue.json")]


def _write_geojson(con: duckdb.DuckDBPyConnection, relation: str, columns: dict, path: Path) -> Path:
    """A GeoJSON FeatureCollection (RFC 7946, WGS84) of the relation: one Point
    feature per row at (meta.geojson.longitude, meta.geojson.latitude), the other
    columns as properties, in the order of the CSV."""
    cursor = con.execute(f"select * from {relation} order by all")
    names = [d[0] for d in cursor.description]
    lon, lat = names.index(columns["longitude"]), names.index(columns["latitude"])
    features = []
    for row in cursor.fetchall():
        properties = {n: (v.isoformat() if hasattr(v, "isoformat") else v)
                      for i, (n, v) in enumerate(zip(names, row)) if i not in (lon, lat)}
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [row[lon], row[lat]]},
                         "properties": properties})
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                               ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return path


def _temporal_coverage(con: duckdb.DuckDBPyConnection, node: dict) -> tuple[int, int]:
    meta = node["config"].get("meta", {})
    if "temporal_column" not in meta:
        raise PublicationError(f"{node['name']}: meta.temporal_column is needed for the catalogue")
    column = meta["temporal_column"]
    relation = f'{PUBLIC_SCHEMA}."{node["alias"] or node["name"]}"'
    first, last = (con.sql(f'select min("{column}"), max("{column}") from {relation}').fetchone()
                   if column else (None, None))
    if first is None:
        # a current state (no temporal column), or an empty dataset (no extract
        # received yet), is catalogued for the year of its publication
        return (dt.date.today().year,) * 2
    # a year column, a date column, or ISO 8601 text (the national schemas'
    # datetimes): the years covered
    return tuple(v.year if hasattr(v, "year") else int(v[:4]) if isinstance(v, str) else v
                 for v in (first, last))


def producer_errors(con: duckdb.DuckDBPyConnection, nodes: list[dict]) -> list[str]:
    """Every published model names as producer the métropole the database was built for
    (internal.dim_metropole, from the profile): a SIRET or a name written by hand in a
    model's meta, or a database built with another profile, is refused."""
    nom, siret = con.sql("select nom, siret from internal.dim_metropole").fetchone()
    errors = []
    for node in nodes:
        producer = node["config"].get("meta", {}).get("producteur") or {}
        if producer.get("siret") != siret or producer.get("nom") != nom:
            errors.append(f"{node['name']}: meta producteur {producer.get('nom')!r} (SIRET {producer.get('siret')}) "
                          f"is not {nom!r} (SIRET {siret})")
    return errors


def _write_catalogue(con: duckdb.DuckDBPyConnection, manifest: dict, nodes: list[dict],
                     files: list[dict], folder: Path) -> list[str]:
    """Write catalogue.csv and catalogue.jsonld into ``folder``; return the errors
    of catalogue.csv against SCDL catalogue."""
    cursor = con.execute("select * from internal.dim_metropole")
    metropole = dict(zip([d[0] for d in cursor.description], cursor.fetchone()))
    coverage = {node["name"]: _temporal_coverage(con, node) for node in nodes}
    published_on = manifest["metadata"]["generated_at"][:10]
    catalogue_csv, catalogue_jsonld = catalogue.build(manifest, nodes, files, metropole, coverage, published_on)
    (folder / "catalogue.csv").write_text(catalogue_csv, encoding="utf-8")
    (folder / "catalogue.jsonld").write_text(
        json.dumps(catalogue_jsonld, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    schema = json.loads((PROJECT_ROOT / "schemas" / "scdl-catalogue.json").read_text(encoding="utf-8"))
    return [f"catalogue.csv: {e}" for e in validate_csv(folder / "catalogue.csv", schema)]


def publish(database: Path, dbt_manifest: Path, exports_dir: Path, raw_root: Path | None = None) -> dict:
    """Export every opendata model of ``database`` into ``exports_dir``, checked,
    atomically; the manifest names the raw root's fingerprint (spmd.raw_ledger)."""
    if not dbt_manifest.exists():
        raise PublicationError(f"{dbt_manifest} not found: run dbt first")
    manifest = json.loads(dbt_manifest.read_text(encoding="utf-8"))
    nodes = published_models(manifest)
    if not nodes:
        raise PublicationError(f"no model in the {PUBLIC_SCHEMA} schema")
    if not database.exists():
        raise PublicationError(f"{database} not found: run dbt build first")

    exports_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{exports_dir.name}.", dir=exports_dir.parent))
    staging.chmod(0o755)
    try:
        con = duckdb.connect(str(database), read_only=True)
        files, errors = [], producer_errors(con, nodes)
        if errors:
            raise PublicationError("the producer is not the métropole of the profile:\n  " + "\n  ".join(errors))
        for node in nodes:
            entries, model_errors = _export_model(con, node, staging)
            files += entries
            errors += model_errors
        errors += _write_catalogue(con, manifest, nodes, files, staging)
        con.close()
        errors += validata_errors(national_schema_jobs(nodes, staging))
        if errors:
            raise PublicationError("files do not validate:\n  " + "\n  ".join(errors))

        result = {
            "built_at": manifest["metadata"]["generated_at"],
            "published_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "producer": nodes[0]["config"].get("meta", {}).get("producteur"),
            "raw_root_fingerprint": raw_ledger.fingerprint(raw_root) if raw_root else None,
            "files": files,
        }
        (staging / "manifest.json").write_text(
            json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        _swap_in(staging, exports_dir)
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new`` with renames, the old one removed last."""
    old = target.with_name(f".{target.name}.previous")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
