"""The demo generator: deterministic, shaped like the documented formats, with
the planted defects it declares."""

import csv
import hashlib
import io
import json

import pytest

from conftest import active_profile
from spmd.demo import births
from spmd.demo.given_names import FEMALE, MALE

PROFILE = active_profile()


def _digest(root):
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("raw")
    births.generate(root, PROFILE, years=(2024, 2025), seed=7, births_per_year=1500)
    return root


def test_same_seed_same_bytes(small_demo, tmp_path):
    births.generate(tmp_path, PROFILE, years=(2024, 2025), seed=7, births_per_year=1500)
    assert _digest(tmp_path) == _digest(small_demo)


def test_other_seed_other_data(small_demo, tmp_path):
    births.generate(tmp_path, PROFILE, years=(2024, 2025), seed=8, births_per_year=1500)
    assert _digest(tmp_path) != _digest(small_demo)


def test_three_formats_with_their_encoding_and_delimiter(small_demo):
    expected = {"format_a": ("utf-8", ";"), "format_b": ("cp1252", ","), "format_c": ("utf-8", "|")}
    for name, (encoding, delimiter) in expected.items():
        files = sorted((small_demo / "naissances" / name).glob("naissances_*.csv"))
        assert files, name
        for path in files:
            text = path.read_bytes().decode(encoding)
            header = next(csv.reader(io.StringIO(text), delimiter=delimiter))
            assert [h.lower() for h in header[:1]] == [births.EXPORT_FORMATS[name].header[0].lower()]


def test_windows_1252_file_is_not_utf8(small_demo):
    # the second maternity's software writes format B (Windows-1252)
    second = list(PROFILE.maternities())[1]
    path = small_demo / "naissances" / "format_b" / f"naissances_{second}_2025.csv"
    content = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    assert "É" in content.decode("cp1252") or "Ï" in content.decode("cp1252")


def test_volume_and_registration_places(small_demo):
    rows = 0
    per_commune = {}
    for path in (small_demo / "naissances").rglob("*.csv"):
        n = len(path.read_bytes().splitlines()) - 1
        rows += n
        commune = path.name.split("_")[1]
        per_commune[commune] = per_commune.get(commune, 0) + n
    assert 2 * 1500 * 0.9 < rows < 2 * 1500 * 1.1
    # the maternities register nearly every birth
    maternities = PROFILE.maternities()
    assert sum(per_commune[m] for m in maternities) / rows > sum(maternities.values()) - 0.03


def test_declares_its_planted_defects(small_demo):
    declared = json.loads((small_demo / "_demo" / "naissances_defects.json").read_text())
    assert set(declared["rows"]) == set(births.DEFECT_RATES)
    assert all(n > 0 for n in declared["rows"].values())
    assert {f["defect"] for f in declared["files"]} == {"header_only", "extra_column", "resend", "canary"}


def test_given_names_have_the_hard_cases():
    names = set(FEMALE) | set(MALE)
    assert any("-" in n for n in names)
    assert any("'" in n for n in names)
    assert any(c in "ÉÈÏËÖÂ" for n in names for c in n)
