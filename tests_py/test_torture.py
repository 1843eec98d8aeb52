"""The torture set (tests_py/fixtures/torture/): every way a spreadsheet breaks a
file, next to valid files. The build completes, each outcome is explicit, and
raw lines = valid + quarantined still holds.

The set names no commune: ``@C01@``, ``@N01@``, ``@P01@``... stand for the INSEE code,
name and postal code of the active profile's communes (conftest.with_profile_communes),
filled in a copy before the build."""

from collections import Counter

import duckdb
import pytest

from conftest import ROOT, data_lines, profile_communes_tokens, run_dbt, with_profile_communes

TOKENS = profile_communes_tokens()
TORTURE_SOURCE = ROOT / "tests_py" / "fixtures" / "torture"

# file -> (file issue or None, valid rows, {rejection reason: rows})
EXPECTED = {
    "naissances_@C01@_2025.csv": (None, 5, {}),                               # UTF-8 with a BOM
    "naissances_@C02@_2025.csv": ("header_mismatch", 0, {}),                  # empty file
    "naissances_@C03@_2025.csv": ("no_records", 0, {}),                       # header only
    "naissances_@C04@_2025.csv": ("header_mismatch", 0, {"header_mismatch": 1}),   # wrong delimiter
    "naissances_@C05@_2025.csv": ("encoding_mismatch", 0, {"encoding_mismatch": 1}),  # € œ ’ in 1252
    "naissances_@C06@_2025.csv": (None, 2, {"wrong_field_count": 1}),         # truncated last line
    "naissances_@C07@_2025.csv": ("header_mismatch", 0, {"header_mismatch": 1}),   # missing column
    "naissances_@C08@_2025.csv": (None, 2, {}),                               # extra column
    "naissances_@C09@_2025.csv": (None, 2, {}),                               # columns reordered
    "naissances_@C01@_2025_copie.csv": (None, 0, {"duplicate_act": 5}),       # file sent twice
    "naissances_@C10@_2025.csv": (None, 1, {                                  # bad values
        "unknown_commune": 1, "invalid_birth_date": 2,                        # 99999, future, 29/02
        "invalid_first_name": 1,                                              # ' OR '1'='1
        "wrong_field_count": 2}),                                             # ; in DROP and HYPERLINK
    "naissances_@C11@_2025.csv": ("encoding_mismatch", 0, {}),                # binary named .csv
    "naissances_@C12@_2025.csv": (None, 3, {}),                               # format C, valid
}


# facility lists: file -> (file issue or None, valid facilities, {rejection reason: rows})
EXPECTED_FACILITIES = {
    "equipements_@C01@_20250101.xlsx": ("unreadable_workbook", 0, {}),     # text named .xlsx
    "equipements_@C02@_20250101.xlsx": ("header_mismatch", 0, {}),         # no sheet Equipements
    "equipements_@C03@_20250101.xlsx": ("header_mismatch", 0, {}),         # no header row
    "equipements_@C04@_20250101.xlsx": (None, 1, {"unmapped_type": 1}),    # geocoded + unknown label
    "equipements_@C06@_20250101.csv": ("header_mismatch", 0, {"header_mismatch": 1}),  # wrong delimiter
}
# uplink files: (file, line) outcomes; a binary file is one line that says so
EXPECTED_FRAMES = [
    ("trames_20250101.jsonl", {1: "unreadable_file"}),
    ("trames_20250102.jsonl", {1: "invalid_json", 2: None, 3: "invalid_frame"}),
]

# lift files of the collection operator: file -> (file issue or None, lifts kept, {reason: rows})
EXPECTED_LIFTS = {
    "dechets_levees_20250106_LU-010-OM.csv": (None, 3, {}),                                  # clean: fast reader
    "dechets_levees_20250106_LU-020-OM.csv": ("encoding_mismatch", 0, {"encoding_mismatch": 2}),  # a latin-1 é
    "dechets_levees_20250106_LU-030-OM.csv": ("header_mismatch", 0, {"header_mismatch": 1}),  # no Pesee_net
    "dechets_levees_20250106_LU-040-OM.csv": (None, 2, {"wrong_field_count": 1}),           # truncated line
    "dechets_levees_20250106_LU-050-OM.csv": ("encoding_mismatch", 0, {}),  # binary: a file issue
    "dechets_levees_20250106_LU-060-OM.csv": ("header_mismatch", 0, {}),                     # empty file
}

# traffic batches: file -> (file issue or None, lines kept, {reason: rows})
EXPECTED_TRAFFIC = {
    "trafic_20251026T001500Z.csv": (None, 2, {}),              # clean: the two 02:14 of the clock change
    "trafic_20251026T002000Z.csv": ("encoding_mismatch", 0, {"encoding_mismatch": 2}),  # a latin-1 é
    "trafic_20251026T002500Z.csv": ("header_mismatch", 0, {"header_mismatch": 1}),  # no averageVehicleSpeed
    "trafic_20251026T003000Z.csv": (None, 1, {"wrong_field_count": 1}),   # last line cut
    "trafic_20251026T003500Z.csv": ("encoding_mismatch", 0, {}),          # binary: a file issue
    "trafic_20251026T004000Z.csv": ("header_mismatch", 0, {}),            # empty file
    "trafic_sans_horodatage.csv": ("no_landing_time", 1, {}),             # kept, named
}


def _named(expected: dict) -> dict:
    """The expected outcomes under the names of the filled copy."""
    return {with_profile_communes(name, TOKENS): outcome for name, outcome in expected.items()}


EXPECTED, EXPECTED_FACILITIES = _named(EXPECTED), _named(EXPECTED_FACILITIES)


@pytest.fixture(scope="module")
def torture_root(tmp_path_factory):
    """The torture set with the active profile's communes in it."""
    root = tmp_path_factory.mktemp("torture_raw")
    for source in TORTURE_SOURCE.rglob("*"):
        if source.is_file():
            target = root / source.relative_to(TORTURE_SOURCE)
            target = target.with_name(with_profile_communes(target.name, TOKENS))
            target.parent.mkdir(parents=True, exist_ok=True)
            data = source.read_bytes()
            # a workbook is a zip: its names only (its cells name no commune)
            target.write_bytes(data if source.suffix == ".xlsx" else with_profile_communes(data, TOKENS))
    return root


@pytest.fixture(scope="module")
def torture_build(tmp_path_factory, torture_root):
    tmp = tmp_path_factory.mktemp("torture")
    result = run_dbt(["build", "--target", "ci", "--exclude-resource-type", "unit_test"],
                     {"SPMD_RAW_ROOT": str(torture_root), "SPMD_DATABASE": str(tmp / "t.duckdb")}, tmp)
    return result, duckdb.connect(str(tmp / "t.duckdb"), read_only=True)


def test_every_file_of_the_set_is_expected(torture_root):
    assert {p.name for p in (torture_root / "naissances").rglob("*.csv")} == set(EXPECTED)
    assert {p.name for p in (torture_root / "equipements").rglob("*.*")} == set(EXPECTED_FACILITIES)
    assert {p.name for p in (torture_root / "capteurs").rglob("*.*")} == {n for n, _ in EXPECTED_FRAMES}
    assert {p.name for p in (torture_root / "dechets" / "levees").glob("*")} == set(EXPECTED_LIFTS)
    assert {p.name for p in (torture_root / "mobilite" / "trafic").glob("*")} == set(EXPECTED_TRAFFIC)


def test_the_build_completes(torture_build):
    result, _ = torture_build
    assert result.returncode == 0, result.stdout[-4000:]


def _by_file(con, sql):
    return con.sql(sql).fetchall()


def _outcomes(con, file_issues: str, kept: str, rejected_rows: str):
    """Per file name: its issue, its rows kept, its rejected rows by reason."""
    name = "regexp_extract(source_file, '[^/]+$')"
    issues = dict(_by_file(con, f"select {name}, file_issue from {file_issues}"))
    valid = Counter(dict(_by_file(con, f"select {name}, count(*) from {kept} group by 1")))
    rejected = {}
    for file, reason, n in _by_file(con, f"select {name}, rejection_reason, count(*) from {rejected_rows} "
                                         "group by 1, 2"):
        rejected.setdefault(file, {})[reason] = n
    return issues, valid, rejected


def test_each_file_has_its_explicit_outcome(torture_build):
    _, con = torture_build
    issues, valid, rejected = _outcomes(con, "quarantine.naissances_file_issues", "internal.fct_naissances",
                                        "quarantine.naissances_rejected_rows")
    for name, (issue, valid_rows, reasons) in EXPECTED.items():
        assert (issues.get(name), valid[name], rejected.get(name, {})) == (issue, valid_rows, reasons), name


def test_raw_lines_equal_valid_plus_quarantined(torture_build, torture_root):
    _, con = torture_build
    for path in (torture_root / "naissances").rglob("*.csv"):
        counted = con.sql(
            "select (select count(*) from internal.fct_naissances where source_file like $f) + "
            "(select count(*) from quarantine.naissances_rejected_rows where source_file like $f)",
            params={"f": f"%/{path.name}"},
        ).fetchone()[0]
        assert counted == data_lines(path), path.name


def test_a_rejected_file_is_explained_and_the_good_files_are_published(torture_build):
    _, con = torture_build
    wrong_delimiter = with_profile_communes("naissances_@C04@_2025.csv", TOKENS)
    detail = con.sql("select file_issue_detail from quarantine.naissances_file_issues where source_file like $f",
                     params={"f": f"%/{wrong_delimiter}"}).fetchone()[0]
    assert "missing columns" in detail and "numero_acte" in detail
    # the SQL-looking text was data, not code: the tables it named are still there
    assert con.sql("select count(*) from internal.fct_naissances").fetchone()[0] == 15
    assert con.sql("select count(*) from opendata.prenoms").fetchone()[0] > 0


def test_broken_facility_lists_are_file_issues_not_a_failed_build(torture_build):
    _, con = torture_build
    issues, valid, rejected = _outcomes(
        con, "quarantine.equipements_file_issues",
        "(select * from intermediate.int_equipements_validated where rejection_reason is null)",
        "quarantine.equipements_rejected_rows")
    for name, (issue, valid_rows, reasons) in EXPECTED_FACILITIES.items():
        assert (issues.get(name), valid[name], rejected.get(name, {})) == (issue, valid_rows, reasons), name


def test_broken_uplink_files_are_quarantined_line_by_line(torture_build):
    _, con = torture_build
    rejected = {(f, line): reason for f, line, reason in _by_file(
        con, "select regexp_extract(source_file, '[^/]+$'), line_number, rejection_reason "
             "from quarantine.capteurs_rejected_rows")}
    measured = {(f, line) for f, line in _by_file(
        con, "select distinct regexp_extract(source_file, '[^/]+$'), line_number "
             "from internal.fct_capteurs_mesures")}
    for name, lines in EXPECTED_FRAMES:
        for line, reason in lines.items():
            if reason is None:
                assert (name, line) in measured and (name, line) not in rejected
            else:
                assert rejected.get((name, line)) == reason, (name, line)


def test_broken_lift_files_are_explained_and_the_good_lines_kept(torture_build, torture_root):
    _, con = torture_build
    issues, kept, rejected = _outcomes(
        con, "(select * from quarantine.dechets_file_issues where source_format = 'levees')",
        "internal.fct_dechets_levees", "quarantine.dechets_rejected_rows")
    for name, (issue, lifts, reasons) in EXPECTED_LIFTS.items():
        assert (issues.get(name), kept[name], rejected.get(name, {})) == (issue, lifts, reasons), name
        assert kept[name] + sum(reasons.values()) == data_lines(torture_root / "dechets" / "levees" / name), name
    # the unknown chip of the clean file attaches to the unknown member; the ticket
    # with an impossible US date is quarantined, the other one kept
    assert con.sql("select count(*) from internal.fct_dechets_levees where type_puce = 'Inconnu'"
                   ).fetchone()[0] == 1
    assert _by_file(con, "select rejection_reason from quarantine.dechets_rejected_rows "
                         "where source_format = 'exutoire'") == [("invalid_service_date",)]
    assert con.sql("select count(*) from internal.fct_dechets_tickets").fetchone()[0] == 1


def test_broken_traffic_batches_are_explained_and_the_good_lines_kept(torture_build, torture_root):
    _, con = torture_build
    issues, kept, rejected = _outcomes(
        con, "(select * from quarantine.mobilite_file_issues where source_format = 'trafic')",
        "(select * from intermediate.int_mobilite_trafic_validated where motif_rejet is null)",
        "(select * from quarantine.mobilite_rejected_rows where flux = 'trafic')")
    for name, (issue, lines, reasons) in EXPECTED_TRAFFIC.items():
        assert (issues.get(name), kept[name], rejected.get(name, {})) == (issue, lines, reasons), name
        assert kept[name] + sum(reasons.values()) == data_lines(torture_root / "mobilite" / "trafic" / name), name
    # the two 02:14 of 26 October are two quarter-hours an hour apart
    assert con.sql("select count(*) from internal.fct_mobilite_trafic_15min where troncon_id = '213972_D' "
                   "and debut_local = '2025-10-26 02:00:00'").fetchone()[0] == 2

