"""Attacks a data-protection officer runs on the exact published files:
re-identification risk, linkage with what an attacker knows, and differencing
between two successive releases."""

import csv
import io
import json
import re
import shutil
from collections import Counter

import pytest

from conftest import ROOT, active_profile, run_dbt
from spmd.demo import births
from spmd.publish import publish

K = 11
PROFILE = active_profile()


def _published(exports, name):
    return list(csv.DictReader(io.StringIO((exports / name).read_text(encoding="utf-8"))))


def _first_name(given_names):
    # as a registrar types them: spaces, a tab, a comma or a semicolon between the names
    first = re.split(r"[\s,;]+", given_names.strip(" \t,;"))[0].lower()
    return "-".join("'".join(p[:1].upper() + p[1:] for p in part.split("'")) for part in first.split("-"))


@pytest.fixture(scope="module")
def attacker_knowledge(raw_root):
    """What a neighbour knows of each child, read from the raw files with Python:
    maternity commune, commune of residence, year of birth, sex, first name."""
    people = []
    for fmt_name, fmt in births.EXPORT_FORMATS.items():
        sexes = {code: sex for sex, code in fmt.sex_codes.items()}
        for path in (raw_root / "naissances" / fmt_name).glob("*.csv"):
            text = path.read_bytes().decode(fmt.encoding).replace("\r\n", "\n")
            reader = csv.reader(io.StringIO(text), delimiter=fmt.delimiter)
            header = [h.lower() for h in next(reader)]
            for row in reader:
                if len(row) != len(header):
                    continue
                r = dict(zip(header, row))
                values = [r.get(c.lower(), "") for c in fmt.header[:8]]
                if fmt_name == "format_a":
                    lieu, date, sex, names, domicile = values[1], values[2], values[4], values[5], values[7]
                else:
                    lieu, date, sex, names, domicile = values[1], values[2], values[3], values[4], values[6]
                year = date[-4:] if fmt_name == "format_b" else date[:4]
                if names and sex in sexes:
                    people.append((lieu, domicile, year, sexes[sex], _first_name(names)))
    return people


def test_risk_never_exceeds_the_declared_threshold(exports):
    manifest = json.loads((exports / "manifest.json").read_text(encoding="utf-8"))
    checked = set()
    for entry in manifest["files"]:
        if entry["format"] == "csv" and entry["risk"] and entry["risk"]["classes"]:
            assert entry["risk"]["max_risk"] <= 1 / entry["anonymisation"]["k"] + 1e-9, entry["model"]
            checked.add(entry["model"])
    # every published table of counts of persons
    assert checked == {"naissances_par_commune", "prenoms", "prenoms_metropole",
                       "prenoms_occurrences_masquees", "subventions_personnes_physiques",
                       "dechets_tonnages_commune_semaine", "dechets_tonnages_carreau_semaine"}


def test_linkage_on_births_by_commune_finds_no_unique_candidate(exports, attacker_knowledge):
    candidates = Counter((domicile, year, sex) for _, domicile, year, sex, _ in attacker_knowledge)
    linked = 0
    for row in _published(exports, "naissances_par_commune.csv"):
        if row["SEXE"] == "ENSEMBLE" or row["NOMBRE_NAISSANCES"] in ("", "0"):
            continue
        n = candidates[(row["COLL_INSEE"], row["ANNEE"], row["SEXE"])]
        assert n != 1, row
        assert n >= K, row
        linked += 1
    assert linked > 100


def test_linkage_on_prenoms_finds_no_unique_candidate(exports, attacker_knowledge):
    candidates = Counter((lieu, year, sex, name) for lieu, _, year, sex, name in attacker_knowledge)
    metropole = Counter((year, sex, name) for _, _, year, sex, name in attacker_knowledge)
    for row in _published(exports, "prenoms.csv"):
        assert candidates[(row["COLL_INSEE"], row["ANNEE"], row["ENFANT_SEXE"], row["ENFANT_PRENOM"])] >= 5
    for row in _published(exports, "prenoms_metropole.csv"):
        assert metropole[(row["ANNEE"], row["ENFANT_SEXE"], row["ENFANT_PRENOM"])] >= 3


# --- differencing between two releases -------------------------------------------


def _release(tmp, raw, name, previous_release=None):
    work = tmp / name
    work.mkdir()
    env = {"SPMD_RAW_ROOT": str(raw), "SPMD_DATABASE": str(work / "spmd.duckdb"),
           "SPMD_PREVIOUS_RELEASE_DIR": str(previous_release or work / "none")}
    result = run_dbt(["build", "--target", "ci", "--exclude-resource-type", "unit_test"], env, work)
    return work, result


def _one_more_week(raw, year, seed):
    gen = births.for_profile(PROFILE, seed, 6000)
    maternity = next(iter(gen.maternities))
    week = [b for b in gen.births(year) if b.birth_date <= f"{year}-01-07"]
    for b in week:
        b.act_number = b.act_number.replace(f"{year}-", f"{year}-8")
    fmt = births.EXPORT_FORMATS["format_a"]
    path = raw / "naissances" / "format_a" / f"naissances_{maternity}_{year}_semaine.csv"
    path.write_bytes(fmt.render(list(fmt.header), [fmt.row(b) for b in week if b.registration_insee == maternity]))
    return len(week)


@pytest.fixture(scope="module")
def releases(tmp_path_factory, raw_root):
    tmp = tmp_path_factory.mktemp("releases")
    raw = tmp / "raw"
    shutil.copytree(raw_root / "naissances", raw / "naissances")
    first, result = _release(tmp, raw, "first")
    assert result.returncode == 0, result.stdout[-3000:]
    exports_first = tmp / "exports_first" / "opendata"
    publish(first / "spmd.duckdb", first / "target" / "manifest.json", exports_first)

    # next release: one more week of births in the current, not yet published year
    _one_more_week(raw, 2026, seed=1)
    second, result = _release(tmp, raw, "second", previous_release=exports_first)
    exports_second = tmp / "exports_second" / "opendata"
    second_ok = result.returncode == 0
    if second_ok:
        publish(second / "spmd.duckdb", second / "target" / "manifest.json", exports_second)

    # and a release that would revise a published year by a few births
    _one_more_week(raw, 2025, seed=2)
    _, late = _release(tmp, raw, "late", previous_release=exports_first)
    return exports_first, exports_second, result, late


def test_next_release_reveals_no_count_by_difference(releases):
    first, second, result, _ = releases
    assert result.returncode == 0, result.stdout[-3000:]
    for name, keys, count in (
        ("naissances_par_commune.csv", ("COLL_INSEE", "ANNEE", "SEXE"), "NOMBRE_NAISSANCES"),
        ("prenoms.csv", ("COLL_INSEE", "ANNEE", "ENFANT_SEXE", "ENFANT_PRENOM"), "NOMBRE_OCCURRENCES"),
        ("prenoms_occurrences_masquees.csv", ("ANNEE", "ENFANT_SEXE"), "NOMBRE_NAISSANCES"),
    ):
        before = {tuple(r[k] for k in keys): r[count] for r in _published(first, name)}
        after = {tuple(r[k] for k in keys): r[count] for r in _published(second, name)}
        for key in before.keys() & after.keys():
            if before[key] and after[key]:
                assert not 1 <= abs(int(after[key]) - int(before[key])) < K, (name, key)


def test_a_late_revision_of_a_published_year_is_stopped_by_the_release_gate(releases):
    _, _, _, late = releases
    assert late.returncode != 0
    assert "no_small_release_differences" in late.stdout
