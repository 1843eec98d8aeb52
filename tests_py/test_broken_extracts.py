"""A build pointed at a raw root with broken files completes and explains them.

The fixture raw root holds a few real demo files and, beside them, a file with
the wrong delimiter, a file in the wrong encoding, a binary file named .csv, an
empty file and a file whose last line is truncated.
"""

import shutil

import duckdb
import pytest

from conftest import run_dbt
from spmd.demo import births


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory, raw_root):
    tmp = tmp_path_factory.mktemp("broken")
    root = tmp / "raw"
    for fmt, name in (("format_a", "naissances_35238_2025.csv"), ("format_b", "naissances_35278_2025.csv"),
                      ("format_c", "naissances_35051_2024.csv")):
        (root / "naissances" / fmt).mkdir(parents=True)
        shutil.copyfile(raw_root / "naissances" / fmt / name, root / "naissances" / fmt / name)

    a, c = root / "naissances" / "format_a", root / "naissances" / "format_c"
    fmt_a = births.EXPORT_FORMATS["format_a"]
    row = ["2025-00077", "35047", "2025-05-05", "10:00", "F", "ÉLOÏSE", "LEROY", "35047",
           "LEROY", "JEAN", "MARTIN", "ANNE", "1 rue de Rennes, 35170 Bruz"]
    # wrong delimiter: a comma where format A has a semicolon
    (a / "naissances_35047_2025.csv").write_text(
        ",".join(fmt_a.header) + "\n" + ",".join(r.replace(",", "") for r in row) + "\n", encoding="utf-8")
    # wrong encoding: Windows-1252 in a UTF-8 format
    (c / "naissances_35120_2025.csv").write_bytes(
        ("|".join(births.EXPORT_FORMATS["format_c"].header) + "\n"
         "2025-00001|35120|20250505|Féminin|ÉLOÏSE|LEROY|35120|LEROY JEAN|MARTIN ANNE|Pacé\n").encode("cp1252"))
    (a / "naissances_35206_2025.csv").write_bytes(b"PK\x03\x04\x14\x00\x00\x00binary\x00\xff")
    (a / "naissances_35189_2025.csv").write_bytes(b"")
    # a truncated last line
    b_file = root / "naissances" / "format_b" / "naissances_35278_2025.csv"
    b_file.write_bytes(b_file.read_bytes().rstrip(b"\r\n")[:-25])

    database = tmp / "broken.duckdb"
    result = run_dbt(["build", "--target", "ci", "--exclude-resource-type", "unit_test"],
                     {"SPMD_RAW_ROOT": str(root), "SPMD_DATABASE": str(database)}, tmp)
    return result, duckdb.connect(str(database), read_only=True), root


def test_the_build_completes(broken_build):
    result, _, _ = broken_build
    assert result.returncode == 0, result.stdout[-3000:]


def test_each_broken_file_is_named_with_its_issue(broken_build):
    _, con, _ = broken_build
    issues = dict(con.sql(
        "select regexp_extract(source_file, '[^/]+$'), file_issue from quarantine.naissances_file_issues"
    ).fetchall())
    assert issues == {
        "naissances_35047_2025.csv": "header_mismatch",
        "naissances_35120_2025.csv": "encoding_mismatch",
        "naissances_35206_2025.csv": "encoding_mismatch",
        "naissances_35189_2025.csv": "header_mismatch",
    }
    detail = con.sql("select file_issue_detail from quarantine.naissances_file_issues "
                     "where source_file like '%35047_2025.csv'").fetchone()[0]
    assert "missing columns" in detail and "numero_acte" in detail


def test_their_lines_are_quarantined_and_the_good_files_published(broken_build):
    _, con, _ = broken_build
    reasons = dict(con.sql(
        "select regexp_extract(source_file, '[^/]+$') || ':' || rejection_reason, count(*) "
        "from quarantine.naissances_rejected_rows group by 1"
    ).fetchall())
    assert reasons["naissances_35047_2025.csv:header_mismatch"] == 1
    assert reasons["naissances_35120_2025.csv:encoding_mismatch"] == 1
    assert reasons["naissances_35278_2025.csv:wrong_field_count"] == 1
    assert con.sql("select count(*) from internal.fct_naissances").fetchone()[0] > 3000
    assert con.sql("select count(*) from opendata.prenoms").fetchone()[0] > 0
