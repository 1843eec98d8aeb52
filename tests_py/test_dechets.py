"""Waste collection, checked from outside the SQL: raw lines counted from the
bytes of the files equal the staged lines per file; the planted defects end
where documented; the published files carry no household detail; and the
incremental runs — a re-sent file, a late file for an old day — give what a
full rebuild gives."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT, active_profile, data_lines, run_dbt
from spmd.demo import waste


@pytest.fixture(scope="module")
def declared(raw_root) -> dict:
    return json.loads((raw_root / "_demo" / "dechets_defects.json").read_text(encoding="utf-8"))


def _staged(warehouse, relation: str, lines: str = "count(*)") -> dict[str, int]:
    return dict(warehouse.sql(
        f"select regexp_extract(source_file, '[^/]+$'), {lines} from {relation} group by 1").fetchall())


# a photo file's lines: those kept at load plus those counted as unchanged
PHOTO_LINES = ("count(*) filter (where record_type = 'data') "
               "+ coalesce(sum(unchanged_lines) filter (where record_type = 'header'), 0)")



def test_every_raw_line_is_staged_per_file(raw_root, warehouse):
    """The fast CSV reader and the line parser together lose no line; a photo
    line is kept at load or counted as unchanged on its file's header row."""
    for feed, relation, lines in (
        ("levees", "intermediate.int_dechets_levees_validated", "count(*)"),
        # the staged photo lines (the validated views need the spatial extension)
        ("ref_bac", "staging.stg_dechets__ref_bacs", PHOTO_LINES),
        ("ref_producteur", "staging.stg_dechets__ref_producteurs", PHOTO_LINES),
        ("exutoire", "intermediate.int_dechets_tickets_validated", "count(*)"),
    ):
        raw = {p.name: data_lines(p) for p in (raw_root / "dechets" / feed).glob("*.csv")}
        staged = _staged(warehouse, relation, lines)
        assert {n: c for n, c in raw.items() if c != staged.get(n, 0)} == {}, feed
        assert set(staged) <= set(raw), feed
    assert sum(data_lines(p) for p in (raw_root / "dechets" / "levees").glob("*.csv")) > 500_000
    # compacted: most photo lines repeat the previous photo and are not kept
    kept, photo_lines = warehouse.sql(
        "select count(*) filter (where record_type = 'data'), count(*) filter (where record_type = 'data') "
        "+ sum(unchanged_lines) from staging.stg_dechets__ref_bacs").fetchone()
    assert kept < photo_lines / 10


def test_planted_defects_end_where_documented(warehouse, declared):
    rows = declared["rows"]
    reasons = dict(warehouse.sql(
        "select source_format || ':' || rejection_reason, count(*) from quarantine.dechets_rejected_rows "
        "group by 1").fetchall())
    assert reasons == {
        "levees:duplicate_lift": rows["lift:duplicate_lift"],
        "levees:invalid_weight": rows["lift:invalid_weight"],
        "ref_bac:duplicate_chip_in_photo": rows["photo:duplicate_chip_in_photo"],
    }
    members = dict(warehouse.sql(
        "select type_puce, count(*) from internal.fct_dechets_levees group by 1").fetchall())
    assert members["Inconnu"] == rows["lift:unknown_chip"]
    assert members["Absent"] == rows["lift:missing_chip"]
    corrections = dict(warehouse.sql(
        "select correction_poids, count(*) from internal.fct_dechets_levees "
        "where correction_poids is not null group by 1").fetchall())
    assert corrections["poids_negatif"] == rows["lift:weight_negative"]
    # planted 850 kg weights, and the heaviest natural draws above the bins' capacity
    assert rows["lift:weight_above_capacity"] <= corrections["au_dessus_capacite"] \
        < rows["lift:weight_above_capacity"] * 1.2
    outside = warehouse.sql(
        "select count(*) from internal.fct_dechets_levees where gps_hors_metropole").fetchone()[0]
    assert outside == rows["lift:gps_outside_metropole"]

    issues = warehouse.sql(
        "select file_issue, regexp_extract(coalesce(source_file, ''), '[^/]+$'), file_issue_detail "
        "from quarantine.dechets_file_issues").fetchall()
    files = {f["defect"]: f["file"] for f in declared["files"]}
    assert ("no_records", files["empty_with_header"]) in {(i[0], i[1]) for i in issues}
    missing_day = files["missing_day"].split()[-1]
    assert [i for i in issues if i[0] == "missing_day"] == [
        ("missing_day", "", f"no lift file for the collection day "
                            f"{missing_day[:4]}-{missing_day[4:6]}-{missing_day[6:]}")]
    # the file with an extra column is read as any other
    extra = files["extra_column"]
    assert warehouse.sql("select count(*) from internal.fct_dechets_levees "
                         f"where source_file like '%{extra}'").fetchone()[0] > 100


def test_versions_follow_the_referential_changes(warehouse, declared):
    rows = declared["rows"]
    closed = warehouse.sql("select count(*) from intermediate.int_dechets_bacs_versions "
                           "where valide_au is not null").fetchone()[0]
    # a replaced chip ends the old chip; a move or a size change ends a version
    assert closed == (rows["referential:replaced_chip"] + rows["referential:moved_to_producer"]
                      + rows["referential:size_change"])
    # the ambiguous chip keeps one version over the day it is listed twice
    ambiguous = warehouse.sql(
        "select any_value(cle) from quarantine.dechets_rejected_rows "
        "where rejection_reason = 'duplicate_chip_in_photo'").fetchone()[0]
    assert warehouse.sql("select count(*) from intermediate.int_dechets_bacs_versions "
                         f"where code_puce = '{ambiguous}'").fetchone()[0] == 1


def test_published_files_hold_no_household_detail(exports, warehouse):
    forbidden = {"code_puce", "puce", "code_producteur", "producteur_id", "bac_id", "adresse", "rva_adr",
                 "latitude", "longitude", "immatriculation", "vehicule", "tournee"}
    for name in ("dechets_tonnages_commune_semaine", "dechets_tonnages_carreau_semaine",
                 "dechets_tonnages_exutoire_mois"):
        with (exports / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            lines = list(csv.DictReader(f))
        assert lines, name
        assert not {c.lower() for c in lines[0]} & forbidden, name
        for line in lines:
            households = line.get("NB_MENAGES")
            assert households in (None, "") or int(households) >= 11, (name, line)
    # no published value is a pseudonym or a chip of the internal zone
    chips = {r[0] for r in warehouse.sql(
        "select bac_id from internal.dim_dechets_bacs limit 1000").fetchall()}
    published = " ".join((exports / f).read_text(encoding="utf-8") for f in (
        "dechets_tonnages_commune_semaine.csv", "dechets_tonnages_carreau_semaine.csv"))
    assert not any(c in published for c in chips)


def _link(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)


def test_incremental_runs_equal_a_full_rebuild(tmp_path, raw_root):
    """Day 1 (without one round's file) and day 2, then day 3 with day 2's first
    file re-sent under another name and the Monday of the next ISO week, then the
    late round of day 1: the lifts fact, the versions of bins and producers (their
    photos compacted against the previous load), the quarantine and the weekly
    tonnages (internal and published) built incrementally equal a full rebuild,
    the re-sent lifts count once, the late file's lifts land on day 1 and only
    its week's tonnages are recomputed. Then a bin photo re-sent for day 2: its
    lines are quarantined (late_photo), the versions do not move."""
    src, raw = raw_root / "dechets", tmp_path / "raw" / "dechets"
    days = ["20250106", "20250107", "20250108", "20250113"]
    for d in days:
        for feed in ("ref_bac", "ref_producteur"):
            _link(src / feed / f"dechets_{feed}_{d}.csv", raw / feed / f"dechets_{feed}_{d}.csv")
        _link(src / "exutoire" / f"dechets_exutoire_{d}.csv", raw / "exutoire" / f"dechets_exutoire_{d}.csv")
    lifts = {d: sorted((src / "levees").glob(f"dechets_levees_{d}_*.csv")) for d in days}
    late = lifts[days[0]][-1]
    for p in lifts[days[0]][:-1] + lifts[days[1]]:
        _link(p, raw / "levees" / p.name)

    args = ["build", "--target", "ci", "-s", "+dechets_tonnages_commune_semaine",
            "+dechets_tonnages_carreau_semaine", "+dechets_rejected_rows",
            "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"]
    incremental = tmp_path / "incremental.duckdb"
    env = {"SPMD_RAW_ROOT": str(tmp_path / "raw"), "SPMD_DATABASE": str(incremental)}

    def build(*extra: str, database: Path = incremental) -> None:
        run = run_dbt([*args, *extra], {**env, "SPMD_DATABASE": str(database)}, tmp_path)
        assert run.returncode == 0, run.stdout[-3000:]

    def per_day() -> dict:
        with duckdb.connect(str(incremental), read_only=True) as con:
            return dict(con.sql("select jour_levee::varchar, count(*) from internal.fct_dechets_levees "
                                "group by 1").fetchall())

    build()
    first = per_day()
    assert set(first) == {"2025-01-06", "2025-01-07"}

    resent = lifts[days[1]][0]
    _link(resent, raw / "levees" / resent.name.replace(".csv", "_renvoi.csv"))
    for p in lifts[days[2]] + lifts[days[3]]:
        _link(p, raw / "levees" / p.name)
    build()
    second = per_day()
    assert second["2025-01-07"] == first["2025-01-07"]  # the re-sent lifts count once
    with duckdb.connect(str(incremental), read_only=True) as con:
        duplicates = con.sql("select count(*) from quarantine.dechets_rejected_rows "
                             "where source_file like '%_renvoi.csv' and rejection_reason = 'duplicate_lift'"
                             ).fetchone()[0]
    assert duplicates == data_lines(resent)

    _link(late, raw / "levees" / late.name)
    build()
    third = per_day()
    with duckdb.connect(str(incremental), read_only=True) as con:
        late_rejected = con.sql("select count(*) from quarantine.dechets_rejected_rows "
                                f"where source_file like '%{late.name}'").fetchone()[0]
    assert third["2025-01-06"] == first["2025-01-06"] + data_lines(late) - late_rejected
    assert third["2025-01-08"] == second["2025-01-08"]
    with duckdb.connect(str(incremental), read_only=True) as con:
        stamps = dict(con.sql("select semaine_iso, max(charge_le) "
                              "from internal.fct_dechets_tonnages_commune_semaine group by 1").fetchall())
    assert set(stamps) == {2, 3}
    assert stamps[2] > stamps[3]  # the late file's week recomputed, the next week left as it was

    full = tmp_path / "full.duckdb"
    build("--full-refresh", database=full)

    def differences(relation: str, columns: str) -> list:
        with duckdb.connect(str(incremental)) as con:
            con.execute(f"attach '{full}' as full_build (read_only)")
            return con.sql(
                f"(select {columns} from {relation} except all "
                f"select {columns} from full_build.{relation}) union all "
                f"(select {columns} from full_build.{relation} except all "
                f"select {columns} from {relation})").fetchall()

    assert differences("internal.fct_dechets_levees", "* exclude (source_file, charge_le)") == []
    for relation, columns in (("intermediate.int_dechets_bacs_versions", "*"),
                              ("internal.fct_dechets_tonnages_commune_semaine", "* exclude (charge_le)"),
                              ("internal.fct_dechets_tonnages_carreau_semaine", "* exclude (charge_le)"),
                              ("opendata.dechets_tonnages_commune_semaine", "*"),
                              ("opendata.dechets_tonnages_carreau_semaine", "*"),
                              ("intermediate.int_dechets_producteurs_versions", "*"),
                              # the quarantine is incremental too (by day of lift): its rows
                              # differ only by the run that loaded them
                              ("quarantine.dechets_rejected_rows", "* exclude (charge_le)")):
        assert differences(relation, columns) == [], relation
    with duckdb.connect(str(incremental), read_only=True) as con:
        versions = con.sql("select count(*) from intermediate.int_dechets_bacs_versions").fetchone()[0]

    photo = raw / "ref_bac" / f"dechets_ref_bac_{days[1]}.csv"
    _link(photo, raw / "ref_bac" / f"dechets_ref_bac_{days[1]}_renvoi.csv")
    build()
    with duckdb.connect(str(incremental), read_only=True) as con:
        late = dict(con.sql("select rejection_reason, count(*) from quarantine.dechets_rejected_rows "
                            "where source_file like '%dechets_ref_bac_%_renvoi.csv' group by 1").fetchall())
        assert con.sql("select count(*) from intermediate.int_dechets_bacs_versions").fetchone()[0] == versions
    assert late == {"late_photo": data_lines(photo)}
    assert differences("intermediate.int_dechets_bacs_versions", "*") == []


def test_same_seed_same_bytes(tmp_path):
    for run in ("a", "b"):
        waste.generate(tmp_path / run, active_profile(), seed=3, weeks=1)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert len(files) > 20
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


def test_the_two_weight_rules_compared_on_the_same_lifts(tmp_path, warehouse):
    """analyses/dechets/weight_rules_compared.sql judges every demo lift by the SPMD's
    limit and by the datafactory's: its SPMD columns are what the lifts fact holds (the seed's
    choices are the SPMD's), and its figures are the table of docs/formats/dechets.md."""
    compiled = run_dbt(["compile", "--target", "ci", "--select", "weight_rules_compared"],
                       {"SPMD_DATABASE": str(tmp_path / "compile.duckdb")}, tmp_path)
    assert compiled.returncode == 0, compiled.stdout[-2000:]
    sql = (tmp_path / "target" / "compiled" / "spmd" / "analyses" / "dechets" / "weight_rules_compared.sql")
    result = warehouse.sql(sql.read_text(encoding="utf-8"))
    rows = {r[0]: dict(zip(result.columns, r)) for r in result.fetchall()}
    fact = {flux: (corrected, float(tonnes)) for flux, corrected, tonnes in warehouse.sql(
        "select flux, count(correction_poids), round(sum(poids_corrige_kg) / 1000, 3) "
        "from internal.fct_dechets_levees group by flux").fetchall()}
    for flux, row in rows.items():
        assert (row["levees_a_zero_spmd"], float(row["tonnes_spmd"])) == fact[flux]
        assert row["a_zero_les_deux"] + row["a_zero_spmd_seulement"] == row["levees_a_zero_spmd"]
        assert row["a_zero_les_deux"] + row["a_zero_rennes_seulement"] == row["levees_a_zero_rennes"]
        assert row["tonnes_rennes_sans_reestimation"] <= row["tonnes_rennes_reestimees_par_defaut"]
    doc = (ROOT / "docs" / "formats" / "dechets.md").read_text(encoding="utf-8")
    table = doc.split("<!-- weight-rules-compared: begin -->")[1].split("<!-- weight-rules-compared: end -->")[0]
    documented = [[c.strip() for c in line.strip().strip("|").split("|")]
                  for line in table.strip().splitlines()[2:]]
    measured = [[str(v) for v in row.values()] for row in rows.values()]
    assert documented == measured
