"""The ledger of the raw files a warehouse was built from (spmd/raw_ledger.py),
on small raw roots: new files pass; a removed or changed file, another raw root,
or a first release asked for on the last release's own raw root stop the build."""

import json
import os

import pytest

from spmd import raw_ledger
from spmd.raw_ledger import RawRootError


@pytest.fixture
def root(tmp_path):
    raw = tmp_path / "raw"
    (raw / "naissances" / "format_a").mkdir(parents=True)
    (raw / "naissances" / "format_a" / "naissances_a_2025.csv").write_text("h\n1\n", encoding="utf-8")
    (raw / "naissances" / "format_a" / "naissances_b_2025.csv").write_text("h\n2\n", encoding="utf-8")
    return raw


def _built(tmp_path, root):
    """A warehouse whose ledger records ``root`` as it is now."""
    database, listing = tmp_path / "w.duckdb", tmp_path / "listing.json"
    raw_ledger.check(database, root, tmp_path / "no_release", False, listing)
    assert raw_ledger.record(database, listing) == 2
    return database


def test_new_files_pass_and_are_recorded(tmp_path, root):
    database = _built(tmp_path, root)
    (root / "naissances" / "format_a" / "naissances_c_2025.csv").write_text("h\n3\n", encoding="utf-8")
    result = raw_ledger.check(database, root, tmp_path / "no_release", False, tmp_path / "l.json")
    assert result == {"raw_root": str(root.resolve()), "files": 3, "known": 2}
    assert raw_ledger.record(database, tmp_path / "l.json") == 3


def test_a_removed_or_changed_file_stops_the_build(tmp_path, root):
    database = _built(tmp_path, root)
    changed = root / "naissances" / "format_a" / "naissances_a_2025.csv"
    changed.write_text("h\n9\n", encoding="utf-8")  # same size: its checksum tells
    os.utime(changed, ns=(1, 1))
    (root / "naissances" / "format_a" / "naissances_b_2025.csv").unlink()
    with pytest.raises(RawRootError) as stopped:
        raw_ledger.check(database, root, tmp_path / "no_release", False, tmp_path / "l.json")
    message = str(stopped.value)
    assert "missing: naissances/format_a/naissances_b_2025.csv" in message
    assert "changed: naissances/format_a/naissances_a_2025.csv" in message
    assert "make build FROM_SCRATCH=1" in message and not (tmp_path / "l.json").exists()


def test_another_raw_root_stops_the_build(tmp_path, root):
    database = _built(tmp_path, root)
    other = tmp_path / "other"
    other.mkdir()
    with pytest.raises(RawRootError, match=f"built from raw root {root.resolve()}; this build reads"):
        raw_ledger.check(database, other, tmp_path / "no_release", False, tmp_path / "l.json")


def test_a_first_release_is_explicit_and_only_for_a_new_raw_root(tmp_path, root):
    release = tmp_path / "release"
    release.mkdir()
    (release / "manifest.json").write_text(json.dumps({"raw_root_fingerprint": raw_ledger.fingerprint(root)}))
    new = tmp_path / "new_database.duckdb"
    other = tmp_path / "other"
    other.mkdir()
    with pytest.raises(RawRootError, match="FIRST_RELEASE=1"):
        raw_ledger.check(new, other, release, False, tmp_path / "l.json")
    assert raw_ledger.check(new, other, release, True, tmp_path / "l.json")["files"] == 0
    with pytest.raises(RawRootError, match="comes from this raw root"):
        raw_ledger.check(new, root, release, True, tmp_path / "l.json")
    assert raw_ledger.check(new, root, release, False, tmp_path / "l.json")["files"] == 2
