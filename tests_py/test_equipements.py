"""Facilities and building sensors, checked from outside the SQL: raw lines and
frames counted in Python equal valid + quarantined; the planted defects end where
documented; the GeoJSON opens (DuckDB spatial, GDAL) with one feature per
facility; the snapshot keeps the history across sends (replayed send by send)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from conftest import ROOT, active_profile, data_lines, run_dbt
from spmd.demo import facilities, sensors

PROFILE = active_profile()


@pytest.fixture(scope="module")
def declared(raw_root) -> dict:
    return json.loads((raw_root / "_demo" / "equipements_defects.json").read_text(encoding="utf-8"))


def _records(path: Path) -> int:
    if path.suffix == ".xlsx":
        rows = [r for r in load_workbook(path, read_only=True)["Equipements"].iter_rows(values_only=True)
                if any(v is not None for v in r)]
        header = next(i for i, r in enumerate(rows) if r[0] == "Identifiant")
        return len(rows) - header - 1
    return data_lines(path)


def test_facility_lines_equal_valid_plus_quarantined_per_file(raw_root, warehouse):
    raw = {p.name: _records(p) for p in (raw_root / "equipements").rglob("*.*")}
    per_file = {}
    for name, relation in (("valid", "intermediate.int_equipements_validated where rejection_reason is null"),
                           ("rejected", "quarantine.equipements_rejected_rows")):
        table, _, where = relation.partition(" where ")
        per_file[name] = dict(warehouse.sql(
            f"select regexp_extract(source_file, '[^/]+$'), count(*) from {table} "
            f"{'where ' + where if where else ''} group by 1").fetchall())
    assert {n: c for n, c in raw.items()
            if c != per_file["valid"].get(n, 0) + per_file["rejected"].get(n, 0)} == {}
    assert sum(raw.values()) > 500 and any(n.endswith(".xlsx") for n in raw)


def test_planted_facility_defects(warehouse, declared):
    reasons = dict(warehouse.sql(
        "select rejection_reason, count(*) from quarantine.equipements_rejected_rows group by 1").fetchall())
    assert reasons == {k: v for k, v in declared["rows"].items() if not k.startswith("corrected:")}
    swapped = warehouse.sql("select count(*) from intermediate.int_equipements_validated "
                            "where corrections = 'lat_lon_swapped' and rejection_reason is null").fetchone()[0]
    assert swapped == declared["rows"]["corrected:swapped_lat_lon"]
    # the workbook with a title row and an extra sheet is read as any other
    odd = next(f["file"] for f in declared["files"] if f["defect"] == "title_row_and_extra_sheet")
    assert warehouse.sql("select count(*) from intermediate.int_equipements_validated "
                         f"where source_file like '%{odd}' and rejection_reason is null").fetchone()[0] > 3


def test_frames_equal_measured_plus_quarantined_per_file(raw_root, warehouse):
    raw = {p.name: data_lines(p) + 1 for p in (raw_root / "capteurs").glob("*.jsonl")}  # no header
    measured = dict(warehouse.sql(
        "select regexp_extract(source_file, '[^/]+$'), count(distinct line_number) "
        "from internal.fct_capteurs_mesures group by 1").fetchall())
    rejected = dict(warehouse.sql(
        "select regexp_extract(source_file, '[^/]+$'), count(*) from quarantine.capteurs_rejected_rows group by 1"
    ).fetchall())
    assert {n: c for n, c in raw.items() if c != measured.get(n, 0) + rejected.get(n, 0)} == {}
    declared = json.loads((raw_root / "_demo" / "capteurs_defects.json").read_text(encoding="utf-8"))
    assert sum(raw.values()) == declared["frames"]
    reasons = dict(warehouse.sql(
        "select rejection_reason, count(*) from quarantine.capteurs_rejected_rows group by 1").fetchall())
    assert reasons == {k: v for k, v in declared["rows"].items() if k != "counter_reset"}


def test_energy_flags_the_reset_the_silent_day_and_the_short_day(exports, raw_root):
    declared = json.loads((raw_root / "_demo" / "capteurs_defects.json").read_text(encoding="utf-8"))
    with (exports / "equipements_energie_jour.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    days = {f["defect"]: f["day"] for f in declared["files"]}
    assert {r["JOUR"] for r in rows if r["REMISE_A_ZERO"] == "true"} == {days["counter_reset"]}
    silent_next = [r for r in rows if r["RELEVES_INCOMPLETS"] == "true" and r["JOUR"] > days["silent_day"]]
    assert silent_next and all(r["JOUR"] == silent_next[0]["JOUR"] for r in silent_next)
    # the day of the change to summer time has 23 hourly readings
    assert {r["NOMBRE_RELEVES"] for r in rows if r["JOUR"] == "2025-03-30"} == {"23"}
    assert all(float(r["ENERGIE_KWH"]) >= 0 for r in rows)


def test_geojson_opens_with_one_feature_per_facility(exports):
    with (exports / "equipements.csv").open(encoding="utf-8") as f:
        facilities_csv = {r["EQUIP_UID"]: r for r in csv.DictReader(f)}
    document = json.loads((exports / "equipements.geojson").read_text(encoding="utf-8"))
    assert document["type"] == "FeatureCollection"
    uids = [feat["properties"]["EQUIP_UID"] for feat in document["features"]]
    assert sorted(uids) == sorted(facilities_csv) and len(set(uids)) == len(uids)
    for feat in document["features"]:
        lon, lat = feat["geometry"]["coordinates"]
        row = facilities_csv[feat["properties"]["EQUIP_UID"]]
        assert feat["geometry"]["type"] == "Point"
        assert (lon, lat) == (float(row["EQUIP_LONG"]), float(row["EQUIP_LAT"]))
    # GDAL (DuckDB spatial) reads it as GeoJSON
    con = duckdb.connect(config={"extension_directory": str(ROOT / ".duckdb_extensions")})
    con.sql("load spatial")
    box = PROFILE.bounds
    count, inside = con.sql(
        f"select count(*), bool_and(st_x(geom) between {box['lon_min']} and {box['lon_max']} "
        f"and st_y(geom) between {box['lat_min']} and {box['lat_max']}) "
        f"from st_read('{exports / 'equipements.geojson'}')").fetchone()
    assert count == len(facilities_csv) and inside


def test_snapshot_keeps_the_history_across_sends(tmp_path):
    """Replay: a build with the first sends, then one with the second sends too."""
    raw = tmp_path / "raw"
    facilities.generate(raw, PROFILE, seed=5)
    second = sorted((raw / "equipements").rglob(f"*_{facilities.SENDS[1]:%Y%m%d}.*"))
    held = tmp_path / "held"
    held.mkdir()
    for p in second:
        shutil.move(p, held / f"{p.parent.name}__{p.name}")
    env = {"SPMD_RAW_ROOT": str(raw), "SPMD_DATABASE": str(tmp_path / "replay.duckdb")}
    args = ["build", "--target", "ci", "-s", "+snp_equipements", "--exclude-resource-type", "test",
            "--exclude-resource-type", "unit_test"]
    first = run_dbt(args, env, tmp_path)
    assert first.returncode == 0, first.stdout[-3000:]
    for p in held.iterdir():
        fmt, name = p.name.split("__")
        shutil.move(p, raw / "equipements" / fmt / name)
    again = run_dbt(args, env, tmp_path)
    assert again.returncode == 0, again.stdout[-3000:]
    con = duckdb.connect(str(tmp_path / "replay.duckdb"), read_only=True)
    versions = dict(con.sql(
        "select equipement_cle, count(*) from internal.snp_equipements group by 1").fetchall())
    closed = con.sql("select count(*) from internal.snp_equipements where dbt_valid_to is not null "
                     "and equipement_cle not in (select equipement_cle from internal.snp_equipements "
                     "where dbt_valid_to is null)").fetchone()[0]
    starts = {r[0] for r in con.sql("select distinct dbt_valid_from::date from internal.snp_equipements").fetchall()}
    communes = len(PROFILE.communes())
    # each commune: one facility moved (two versions), one closed, one opened
    assert sum(1 for n in versions.values() if n == 2) >= communes - 1
    assert closed >= communes - 1
    assert starts == set(facilities.SENDS)


def test_same_seed_same_bytes(tmp_path):
    """Frames and lists, Excel workbooks included (openpyxl stamps the save time)."""
    for run in ("a", "b"):
        sensors.generate(tmp_path / run, PROFILE, seed=3)
        facilities.generate(tmp_path / run, PROFILE, seed=3)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert any(f.suffix == ".xlsx" for f in files) and any(f.suffix == ".jsonl" for f in files)
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
