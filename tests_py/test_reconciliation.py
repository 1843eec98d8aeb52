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


# How each births format is read here, independently of the SQL: (encoding, delimiter,
# given-names column), per docs/formats/naissances.md.
_BIRTH_FORMATS = {"format_a": ("utf-8-sig", ";", "prenoms"), "format_b": ("cp1252", ",", "PRENOMS"),
                  "format_c": ("utf-8-sig", "|", "Prenoms")}


def test_given_names_typed_by_registrars_stay_valid_births(raw_root, warehouse):
    """Acts whose given names are separated by a comma, a semicolon, a tab or
    several spaces (as registrars type them) are births with their first given
    name, not invalid_first_name rejections."""
    import csv
    import re

    typed = []
    for folder, (encoding, delimiter, column) in _BIRTH_FORMATS.items():
        for path in sorted((raw_root / "naissances" / folder).glob("*.csv")):
            with path.open(encoding=encoding, newline="") as f:
                for line_number, row in enumerate(csv.DictReader(f, delimiter=delimiter), start=2):
                    names = row.get(column) or ""
                    if re.search(r"[,;\t]|  ", names):
                        typed.append((path.name, line_number, names))
    declared = json.loads((raw_root / "_demo" / "naissances_defects.json").read_text())
    assert declared["registrar_separators"] > 0 and len(typed) >= declared["registrar_separators"]
    valid = {(f, n): p for f, n, p in warehouse.sql(
        "select regexp_extract(source_file, '[^/]+$'), line_number, premier_prenom from internal.fct_naissances"
    ).fetchall()}
    rejected = dict(((f, n), r) for f, n, r in warehouse.sql(
        "select regexp_extract(source_file, '[^/]+$'), line_number, rejection_reason "
        "from quarantine.naissances_rejected_rows").fetchall())
    for name, line_number, names in typed:
        key = (name, line_number)
        # a re-sent act is a duplicate whatever its names
        assert key in valid or rejected.get(key) == "duplicate_act", (key, names, rejected.get(key))
        if key in valid:
            first = re.split(r"[\s,;]+", names.strip(" \t,;"))[0]
            assert valid[key].upper() == first.upper(), (names, valid[key])
