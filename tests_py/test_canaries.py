"""The canary identity planted in the raw extracts never leaves the restricted
zones: it is in the raw files (so this test could fail), and in no form in the
exports, the docs site, dbt's target/ artefacts or the logs."""

import pytest

from conftest import ROOT, project_path
from spmd.demo.canaries import CANARY, FREE_TEXT, written_forms

# the profile's exports and dbt artefacts (make sets both), and the logs
EXPORTS = project_path("SPMD_EXPORTS", "exports")
PLACES = [EXPORTS, project_path("DBT_TARGET_PATH", "target"), ROOT / "logs"]


def _files(folder):
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


@pytest.fixture(scope="module")
def raw_bytes(raw_root):
    return b"\n".join(p.read_bytes() for p in raw_root.rglob("*.csv"))


@pytest.mark.parametrize("kind", sorted(CANARY))
def test_canary_is_in_the_raw_extracts(raw_bytes, kind):
    value = CANARY[kind]
    assert any(f.encode("utf-8") in raw_bytes or f.encode("cp1252") in raw_bytes
               for f in written_forms(value)), kind


def test_canary_free_text_is_in_the_raw_extracts(raw_bytes):
    assert FREE_TEXT.encode("utf-8") in raw_bytes


@pytest.mark.parametrize("kind", sorted(CANARY))
def test_canary_is_nowhere_outside_the_restricted_zones(kind):
    forms = {f.encode("utf-8") for f in written_forms(CANARY[kind]) if len(f) >= 6}
    files = [p for place in PLACES for p in _files(place)]
    assert any(p.suffix == ".csv" for p in files) and any(p.name == "index.html" for p in files)
    leaks = [str(p.relative_to(ROOT)) for p in files if any(f in p.read_bytes() for f in forms)]
    assert not leaks


def test_canary_first_name_given_once_is_not_published():
    published = (EXPORTS / "opendata" / "prenoms.csv").read_text(encoding="utf-8")
    assert "Canarielle" not in published
    assert "Canarielle" not in (EXPORTS / "opendata" / "prenoms_metropole.csv").read_text(
        encoding="utf-8")
