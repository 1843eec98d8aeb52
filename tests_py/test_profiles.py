"""Adopting the SPMD is configuration: a métropole is a folder metropoles/<name>/
(docs/adopter.md). These tests prove it on the two profiles of the repository, and
that a wrong profile fails loudly instead of publishing wrong data."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import duckdb

from conftest import BIN, ROOT, active_profile, run_dbt
from spmd import profile as profiles
from spmd.demo import births, council, facilities, sensors, waste
from spmd.publish import producer_errors

NAMES = profiles.available()
# the code, the SQL, the tooling and the tests; the real samples copied from
# ../shared/samples are third-party inputs (tests_py/fixtures/real/PROVENANCE.md)
SEARCHED = ("models", "macros", "spmd", "tests", "tests_py", "analyses", "snapshots")
NOT_SEARCHED = ("tests_py/fixtures/real/",)


def _values(prof: profiles.Profile) -> dict[str, str]:
    """Every value of a profile that code could be tempted to write down: its codes,
    SIREN and SIRET, names, portal and contact, and coordinates."""
    values = {prof[k]: k for k in ("NOM", "SIREN", "SIRET", "CONTACT", "EQUIPE")}
    values[re.sub(r"^https?://", "", prof["PORTAIL"])] = "PORTAIL"
    for key in ("LON_MIN", "LON_MAX", "LAT_MIN", "LAT_MAX"):
        values[prof[key]] = key
    for number in prof.settings.get("SPMD_METROPOLE_DEMO_CENTRE", "").split(","):
        if number:
            values[number] = "DEMO_CENTRE"
    for c in prof.communes():
        values.update({c["code_insee"]: "commune code", c["siren"]: "commune SIREN", c["nom"]: "commune name"})
    for name in ("parkings.csv", "compteurs.csv"):
        for row in prof.demo_referential(name):
            values.update({row["latitude"]: f"demo/{name}", row["longitude"]: f"demo/{name}"})
    return values


def _tracked(*folders: str) -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", *folders],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    return [ROOT / f for f in listed if not f.startswith(NOT_SEARCHED) and (ROOT / f).is_file()]


def test_both_profiles_are_valid_and_have_the_same_shape():
    assert {"rennes", "nantes"} <= set(NAMES)
    shapes = {}
    for name in NAMES:
        prof = profiles.load(name)
        assert profiles.check(prof) == [], name
        files = sorted(p.relative_to(prof.folder) for p in prof.folder.rglob("*") if p.is_file())
        shapes[name] = {str(f): _header(prof.folder / f) for f in files}
    # the same files with the same columns: a profile is copied and edited, never reshaped
    assert len({json.dumps(s, sort_keys=True) for s in shapes.values()}) == 1, shapes


def _header(path: Path) -> list[str]:
    if path.suffix == ".csv":
        return path.read_text(encoding="utf-8").splitlines()[0].split(",")
    # the settings every profile must give (the optional ones may be left out)
    return sorted(k for k in profiles.read_env_file(path) if k.removeprefix(profiles.PREFIX) in profiles.REQUIRED)


def test_no_value_of_any_profile_is_written_in_the_code_or_the_tests():
    pattern_of = {}
    for name in NAMES:
        for value, what in _values(profiles.load(name)).items():
            # a whole value: not a digit or a word character either side
            pattern_of[value] = (re.compile(rf"(?<![\w.-]){re.escape(value)}(?![\w-]|\.\d)"), f"{name} {what}")
    found = []
    for path in _tracked(*SEARCHED):
        text = path.read_bytes().decode("utf-8", errors="replace")
        names = str(path.relative_to(ROOT))
        for value, (pattern, what) in pattern_of.items():
            if pattern.search(text) or pattern.search(names):
                found.append(f"{names}: {value!r} ({what})")
    assert not found, "\n".join(found)


def _manifest(name: str, tmp: Path) -> dict:
    """dbt's parse of the project set up for profile ``name``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPMD_METROPOLE")}
    env.update(profiles.load(name).env())
    env.update({"DBT_PROFILES_DIR": str(ROOT), "DBT_TARGET_PATH": str(tmp / name), "DBT_LOG_PATH": str(tmp / "logs")})
    run = subprocess.run([str(BIN / "dbt"), "parse", "--target", "ci", "--no-partial-parse"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:]
    return json.loads((tmp / name / "manifest.json").read_text(encoding="utf-8"))


def test_the_two_set_ups_differ_only_by_their_profile_folders(tmp_path):
    """dbt's own view of each set-up: every node read from the same file with the same
    checksum, but for the seeds, which come from the profile's folder."""
    first, second = "rennes", "nantes"
    manifests = {name: _manifest(name, tmp_path) for name in (first, second)}
    files = {name: {uid: (n["original_file_path"], n["checksum"]["checksum"])
                    for uid, n in m["nodes"].items() if "checksum" in n}
             for name, m in manifests.items()}
    assert files[first].keys() == files[second].keys()
    differing = {uid for uid in files[first] if files[first][uid] != files[second][uid]}
    assert differing, "the seeds of the profiles should differ"
    for uid in differing:
        for name in (first, second):
            assert files[name][uid][0].startswith(f"metropoles/{name}/seeds/"), (uid, files[name][uid])
    # what the profile's settings fill in: the producer of every published model
    for name, m in manifests.items():
        prof = profiles.load(name)
        producers = {json.dumps(n["config"]["meta"].get("producteur"), sort_keys=True)
                     for n in m["nodes"].values() if n.get("schema") == "opendata" and n["resource_type"] == "model"}
        assert producers == {json.dumps({"nom": prof["NOM"], "siret": prof["SIRET"]}, sort_keys=True)}, name
        owners = {e["owner"]["email"] for e in m["exposures"].values()}
        assert owners == {prof["CONTACT"]}, name
        assert all(e["url"].startswith(prof["PORTAIL"] + "/") for e in m["exposures"].values()
                   if e["name"].startswith("portail_")), name


def _copy_profiles(tmp: Path) -> Path:
    folder = tmp / "metropoles"
    shutil.copytree(profiles.PROFILES_DIR, folder)
    return folder


def _set(env_file: Path, key: str, value: str) -> None:
    text = env_file.read_text(encoding="utf-8")
    env_file.write_text(re.sub(rf"^{key}=.*$", f"{key}={value}", text, flags=re.M), encoding="utf-8")


def test_a_wrong_profile_is_refused_before_anything_is_built(tmp_path):
    folder = _copy_profiles(tmp_path)
    wrong = folder / "wrong"
    shutil.copytree(folder / "nantes", wrong)
    # the SIRET of another métropole, a commune of another profile, one commune too many
    other = profiles.load("rennes", folder)
    _set(wrong / "metropole.env", "SPMD_METROPOLE_SIRET", other["SIRET"])
    _set(wrong / "metropole.env", "SPMD_METROPOLE_NB_COMMUNES", "25")
    stolen = other.communes()[0]
    with (wrong / "seeds" / "communes.csv").open("a", encoding="utf-8") as f:
        f.write(",".join(stolen[k] for k in stolen) + "\n")
    errors = "\n".join(profiles.check(profiles.load("wrong", folder)))
    assert "is not an establishment of SIREN" in errors
    assert f"communes of the profile 'rennes' in this one: {stolen['code_insee']}" in errors
    assert "communes outside the départements" in errors
    # 25 communes listed and 25 announced: the count agrees; one more line makes it differ
    _set(wrong / "metropole.env", "SPMD_METROPOLE_NB_COMMUNES", "24")
    assert "lists 25 communes, the settings say 24" in "\n".join(profiles.check(profiles.load("wrong", folder)))


def test_the_command_refuses_a_wrong_profile_with_its_reasons(tmp_path):
    run = subprocess.run([str(BIN / "spmd"), "profile", "check", "--name", "nowhere"], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 1 and "no profile 'nowhere'" in run.stderr and "rennes" in run.stderr
    make = subprocess.run(["make", "-n", "build", "METROPOLE=nowhere"], cwd=ROOT, capture_output=True, text=True)
    assert make.returncode != 0 and "metropoles/nowhere/metropole.env not found" in make.stderr


def test_the_publication_refuses_a_producer_that_is_not_the_profiles():
    prof = active_profile()
    con = duckdb.connect()
    con.sql("create schema internal")
    con.sql(f"create table internal.dim_metropole as select '{prof['NOM']}' as nom, '{prof['SIRET']}' as siret")
    right = {"name": "a", "config": {"meta": {"producteur": {"nom": prof["NOM"], "siret": prof["SIRET"]}}}}
    wrong = {"name": "b", "config": {"meta": {"producteur": {"nom": prof["NOM"], "siret": "00000000000000"}}}}
    assert producer_errors(con, [right]) == []
    assert producer_errors(con, [right, wrong]) == [
        f"b: meta producteur {prof['NOM']!r} (SIRET 00000000000000) is not {prof['NOM']!r} (SIRET {prof['SIRET']})"]


def test_the_box_of_another_metropole_fails_the_build(tmp_path):
    """The failure the issue met: the profile's extracts built with another métropole's
    box (the box variable left as it was). Every lift and every facility lies outside it,
    and the guards stop the build instead of publishing them flagged."""
    prof = active_profile()
    other = profiles.load(next(n for n in NAMES if n != prof.name))
    raw = tmp_path / "raw"
    waste.generate(raw, prof, seed=3, weeks=1)
    facilities.generate(raw, prof, seed=3)
    wrong_box = {f"SPMD_METROPOLE_{k}": other[k] for k in ("LON_MIN", "LON_MAX", "LAT_MIN", "LAT_MAX")}
    run = run_dbt(["build", "--target", "ci", "--select", "+fct_dechets_levees", "+dim_equipements",
                   "--exclude-resource-type", "unit_test"],
                  {"SPMD_RAW_ROOT": str(raw), "SPMD_DATABASE": str(tmp_path / "wrong.duckdb"), **wrong_box}, tmp_path)
    assert run.returncode != 0
    for model in ("fct_dechets_levees", "dim_equipements"):
        assert re.search(rf"FAIL 1 mostly_inside_territory_{model}", run.stdout), (model, run.stdout[-3000:])
    # the same extracts with the profile's own box pass these guards
    right = run_dbt(["test", "--target", "ci", "--select", "mostly_inside_territory"],
                    {"SPMD_RAW_ROOT": str(raw), "SPMD_DATABASE": str(tmp_path / "wrong.duckdb")}, tmp_path)
    assert right.returncode == 0, right.stdout[-3000:]


def test_every_profile_gives_the_same_bytes_for_the_same_seed(tmp_path):
    """Per profile, the demo generators are deterministic (the active profile's domains
    are checked at full size by each domain's own test)."""
    for name in NAMES:
        prof = profiles.load(name)
        for run in ("a", "b"):
            root = tmp_path / name / run
            births.generate(root, prof, years=(2025,), seed=11, births_per_year=800)
            council.generate(root, prof, (2025,), seed=11)
            facilities.generate(root, prof, seed=11)
            sensors.generate(root, prof, seed=11)
        a, b = tmp_path / name / "a", tmp_path / name / "b"
        files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
        assert len(files) > 3 * len(prof.communes()), name
        assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files), name
