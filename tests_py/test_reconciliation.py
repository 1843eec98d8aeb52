"""Nothing lost, counted independently of the SQL: the lines of every raw file,
read here with Python, are exactly the valid births plus the quarantined rows of
the warehouse, and every planted defect is in quarantine with its reason."""

import json
from collections import Counter

from conftest import data_lines


def test_raw_lines_equal_valid_plus_quarantined_per_file(raw_root, warehouse):
    raw = {
        path.name: data_lines(path)
        for path in (raw_root / "naissances").rglob("*.csv")
    }
    valid = dict(warehouse.sql(
        "select regexp_extract(source_file, '[^/]+$'), count(*) from internal.fct_naissances group by 1"
    ).fetchall())
    quarantined = dict(warehouse.sql(
        "select regexp_extract(source_file, '[^/]+$'), count(*) "
        "from quarantine.naissances_rejected_rows group by 1"
    ).fetchall())
    assert set(valid) | set(quarantined) <= set(raw)
    mismatches = {
        name: (n, valid.get(name, 0), quarantined.get(name, 0))
        for name, n in raw.items()
        if n != valid.get(name, 0) + quarantined.get(name, 0)
    }
    assert not mismatches
    assert sum(raw.values()) > 10_000


def test_every_planted_defect_is_quarantined_with_its_reason(raw_root, warehouse):
    declared = json.loads((raw_root / "_demo" / "naissances_defects.json").read_text())
    reasons = Counter(dict(warehouse.sql(
        "select rejection_reason, count(*) from quarantine.naissances_rejected_rows group by 1"
    ).fetchall()))
    assert reasons == Counter(declared["rows"])


def test_file_level_defects_are_explained(raw_root, warehouse):
    declared = json.loads((raw_root / "_demo" / "naissances_defects.json").read_text())
    issues = dict(warehouse.sql(
        "select regexp_extract(source_file, '[^/]+$'), file_issue from quarantine.naissances_file_issues"
    ).fetchall())
    header_only = next(f["file"] for f in declared["files"] if f["defect"] == "header_only")
    assert issues.get(header_only) == "no_records"
    # an extra column is harmless: that file's rows are valid
    extra = next(f["file"] for f in declared["files"] if f["defect"] == "extra_column")
    assert extra not in issues
    assert warehouse.sql(
        f"select count(*) from internal.fct_naissances where source_file like '%{extra}'"
    ).fetchone()[0] > 0


def test_no_direct_identifier_leaves_staging(warehouse):
    columns = {
        (schema, name)
        for schema, name in warehouse.sql(
            "select table_schema, column_name from information_schema.columns "
            "where table_schema in ('intermediate', 'quarantine', 'internal', 'opendata') "
            # the births' direct identifiers (a facility has a `nom` too)
            "and (table_name like '%naissances%' or table_name like 'prenoms%')"
        ).fetchall()
    }
    forbidden = {"nom", "prenoms", "adresse_domicile", "date_naissance", "nom_parent1", "prenoms_parent1"}
    assert not {c for c in columns if c[1].lower() in forbidden}
