"""Checks on the exact published files of exports/opendata (PRIVACY.md rules,
national schema, manifest). These read the CSVs, not the warehouse."""

import csv
import hashlib
import json
from collections import defaultdict

import pytest
from frictionless import Resource, Schema

from conftest import ROOT
from spmd.leakscan import find_identifier

K = 11


def read_csv(path):
    text = path.read_bytes().decode("utf-8")  # strict: the files are UTF-8
    assert not text.startswith("\ufeff")
    return list(csv.DictReader(text.splitlines()))


@pytest.fixture(scope="module")
def manifest(exports):
    return json.loads((exports / "manifest.json").read_text(encoding="utf-8"))


def test_only_and_all_opendata_models_are_published(exports, manifest, warehouse):
    tables = {t for (t,) in warehouse.sql(
        "select table_name from information_schema.tables where table_schema = 'opendata'"
    ).fetchall()}
    published = {f["model"] for f in manifest["files"]}
    assert published == tables
    on_disk = {p.name for p in exports.iterdir()}
    expected = {f["path"] for f in manifest["files"]} | {
        "manifest.json", "catalogue.csv", "catalogue.jsonld"} | {f"{m}.schema.json" for m in published}
    assert on_disk == expected


def test_manifest_checksums_and_row_counts(exports, manifest):
    for entry in manifest["files"]:
        path = exports / entry["path"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
        assert entry["licence"] in ("etalab-2.0", "odbl-1.0")
        if entry["format"] == "csv":
            assert len(read_csv(path)) == entry["rows"]


def test_prenoms_header_is_the_scdl_field_list(exports):
    schema = json.loads((ROOT / "schemas" / "scdl-prenoms.json").read_text(encoding="utf-8"))
    header = (exports / "prenoms.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == [f["name"] for f in schema["fields"]]


def _validate(path, schema_file):
    schema = Schema.from_descriptor(
        {"fields": json.loads(schema_file.read_text(encoding="utf-8"))["fields"]}
    )
    return Resource(path=path.name, basepath=str(path.parent), schema=schema).validate()


def test_prenoms_validates_against_the_official_schema(exports):
    report = _validate(exports / "prenoms.csv", ROOT / "schemas" / "scdl-prenoms.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_the_validation_would_catch_a_bad_file(exports, tmp_path):
    rows = (exports / "prenoms.csv").read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "prenoms.csv"
    # a sex X and a count 0 in a copy of the second line's commune
    commune = ",".join(rows[1].split(",")[:2])
    bad.write_text("\n".join(rows[:2] + [f"{commune},X,JEAN,0,2025"]) + "\n", encoding="utf-8")
    report = _validate(bad, ROOT / "schemas" / "scdl-prenoms.json")
    assert not report.valid
    assert {"constraint-error"} <= {e.type for e in report.tasks[0].errors}


def test_every_published_table_validates_against_its_schema(exports, manifest):
    for entry in manifest["files"]:
        if entry["format"] != "csv":
            continue
        report = _validate(exports / entry["path"], exports / f"{entry['model']}.schema.json")
        assert report.valid, (entry["path"], report.flatten(["rowNumber", "fieldName", "type"])[:5])


def test_prenoms_thresholds(exports):
    communes = read_csv(exports / "prenoms.csv")
    metropole = read_csv(exports / "prenoms_metropole.csv")
    assert communes and metropole
    assert min(int(r["NOMBRE_OCCURRENCES"]) for r in communes) >= 5
    assert min(int(r["NOMBRE_OCCURRENCES"]) for r in metropole) >= 3


def test_prenoms_companion_reconciles_with_the_published_files(exports):
    companion = read_csv(exports / "prenoms_occurrences_masquees.csv")
    sums = {"communes": defaultdict(int), "metropole": defaultdict(int)}
    for level, name in (("communes", "prenoms.csv"), ("metropole", "prenoms_metropole.csv")):
        for r in read_csv(exports / name):
            sums[level][(r["ANNEE"], r["ENFANT_SEXE"])] += int(r["NOMBRE_OCCURRENCES"])
    for r in companion:
        key = (r["ANNEE"], r["ENFANT_SEXE"])
        assert int(r["OCCURRENCES_PUBLIEES_COMMUNES"]) == sums["communes"][key]
        assert int(r["OCCURRENCES_PUBLIEES_METROPOLE"]) == sums["metropole"][key]
        if r["SECRET_STATISTIQUE"] == "false":
            total = int(r["NOMBRE_NAISSANCES"])
            assert total == sums["communes"][key] + int(r["OCCURRENCES_MASQUEES_COMMUNES"])
            assert total == sums["metropole"][key] + int(r["OCCURRENCES_MASQUEES_METROPOLE"])


@pytest.mark.parametrize(
    "name, count_columns",
    [
        ("naissances_par_commune.csv", ["NOMBRE_NAISSANCES"]),
        ("prenoms_occurrences_masquees.csv",
         ["NOMBRE_NAISSANCES", "OCCURRENCES_MASQUEES_COMMUNES", "OCCURRENCES_MASQUEES_METROPOLE"]),
    ],
)
def test_counts_of_persons_are_zero_or_at_least_k(exports, name, count_columns):
    for row in read_csv(exports / name):
        for column in count_columns:
            value = row[column]
            assert value == "" or int(value) == 0 or int(value) >= K, (name, row)
        assert (row["NOMBRE_NAISSANCES"] == "") == (row["SECRET_STATISTIQUE"] == "true")


def test_no_hidden_birth_count_is_derivable(exports):
    lines = defaultdict(dict)
    for r in read_csv(exports / "naissances_par_commune.csv"):
        lines[(r["COLL_INSEE"], r["ANNEE"])][r["SEXE"]] = r["NOMBRE_NAISSANCES"]
    hidden_lines = 0
    for key, cells in lines.items():
        total = cells.pop("ENSEMBLE")
        hidden = [s for s, v in cells.items() if v == ""]
        if total == "" or not hidden:
            continue
        hidden_lines += 1
        mass = int(total) - sum(int(v) for v in cells.values() if v != "")
        assert len(hidden) >= 2, key
        assert mass == 0 or mass >= K, key
    assert hidden_lines > 0  # the demo data does exercise secondary suppression


def test_no_identifier_in_any_published_cell(exports, manifest):
    """Columns a model declares in meta.public_columns, each with its reason
    (a date of a public act is not a birth date), are not scanned."""
    dbt_nodes = json.loads((ROOT / "target" / "manifest.json").read_text(encoding="utf-8"))["nodes"]
    public = {n["name"]: n["config"]["meta"].get("public_columns") or {}
              for n in dbt_nodes.values() if n["resource_type"] == "model"}
    scanned = 0
    for entry in manifest["files"]:
        if entry["format"] != "csv":
            continue
        for row in read_csv(exports / entry["path"]):
            for column, value in row.items():
                if column in public[entry["model"]]:
                    continue
                scanned += 1
                assert find_identifier(value) is None, (entry["path"], column, value)
    assert scanned > 10_000
