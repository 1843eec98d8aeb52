"""`make build` under concurrent readers, a failure on purpose and a kill.

Runs the real Makefile in a copy of the project (its own target/, warehouse and
exports; the virtual environment and the demo extracts are shared)."""

import hashlib
import json
import os
import signal
import subprocess
import threading
import time

import duckdb
import pytest

from conftest import copy_project


def _make_build(project, raw_root, *extra, wait=True):
    env = {k: v for k, v in os.environ.items()
           if k not in ("SPMD_PSEUDONYMISATION_KEY", "SPMD_DATABASE", "MAKEFLAGS", "MAKELEVEL")}
    env["SPMD_RAW_ROOT"] = str(raw_root)
    cmd = ["make", "--no-print-directory", "build", *extra]
    if not wait:
        return subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, start_new_session=True)
    return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=900)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _data_checksums(project):
    manifest = json.loads((project / "exports" / "opendata" / "manifest.json").read_text())
    return {f["path"]: f["sha256"] for f in manifest["files"]}


@pytest.fixture(scope="module")
def project(tmp_path_factory, raw_root):
    project = tmp_path_factory.mktemp("atomic") / "spmd"
    copy_project(project)
    first = _make_build(project, raw_root)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-2000:]
    return project


def test_failed_build_never_blocks_readers_nor_replaces_the_last_good_state(project, raw_root):
    live = project / "warehouse" / "spmd.duckdb"
    before_db, before_exports = _digest(live), _data_checksums(project)
    holder = duckdb.connect(str(live), read_only=True)
    expected = holder.sql("select count(*) from internal.fct_naissances").fetchone()[0]
    seen, errors, done = [], [], threading.Event()

    def read_while_building():
        while not done.is_set():
            try:
                seen.append(holder.sql("select count(*) from internal.fct_naissances").fetchone()[0])
                with duckdb.connect(str(live), read_only=True) as fresh:  # a new reader, mid-build
                    seen.append(fresh.sql("select count(*) from opendata.prenoms").fetchone()[0] > 0)
            except Exception as e:  # noqa: BLE001 - any failure to read is the defect
                errors.append(repr(e))
            time.sleep(0.2)

    reader = threading.Thread(target=read_while_building)
    reader.start()
    # a data test fails on purpose: the communes seed must then have 42 rows
    failed = _make_build(project, raw_root, "DBT_ARGS=--vars '{communes_expected_count: 42}'")
    done.set()
    reader.join()
    holder.close()

    assert failed.returncode != 0
    assert "row_count_equals_communes" in failed.stdout
    assert not errors
    assert len(seen) > 10 and set(seen) <= {expected, True}
    assert _digest(live) == before_db
    assert _data_checksums(project) == before_exports


def test_killed_build_leaves_the_last_good_state_and_the_next_build_succeeds(project, raw_root):
    live = project / "warehouse" / "spmd.duckdb"
    before_db, before_exports = _digest(live), _data_checksums(project)
    running = _make_build(project, raw_root, wait=False)
    # kill while dbt writes the copy: its write-ahead log exists only then
    wal = project / "warehouse" / "spmd.next.duckdb.wal"
    deadline = time.time() + 120
    while not wal.exists() and time.time() < deadline and running.poll() is None:
        time.sleep(0.05)
    assert wal.exists(), "the build never started writing"
    time.sleep(1)
    os.killpg(running.pid, signal.SIGKILL)
    running.wait()
    assert _digest(live) == before_db
    assert _data_checksums(project) == before_exports

    again = _make_build(project, raw_root)
    assert again.returncode == 0, again.stdout[-3000:]
    # same input, same bytes: the exports of two builds are identical
    assert _data_checksums(project) == before_exports


def test_a_build_never_mixes_raw_roots_and_a_first_release_is_explicit(project, raw_root, tmp_path):
    """The warehouse was built on the demo raw root. Pointed at another one (here
    the demo files less one commune's births file), make build stops before
    building, and the live database and exports stay; from scratch, it still stops
    at the release gate's door; FROM_SCRATCH=1 FIRST_RELEASE=1 builds and publishes
    the new raw root alone. FIRST_RELEASE=1 cannot then be used again on that root."""
    from spmd import raw_ledger

    other = tmp_path / "autre_racine"
    subprocess.run(["cp", "-al", str(raw_root), str(other)], check=True)
    dropped = sorted((other / "naissances" / "format_c").glob("*.csv"))[0]
    dropped.unlink()
    live = project / "warehouse" / "spmd.duckdb"
    before_db, before_exports = _digest(live), _data_checksums(project)

    switched = _make_build(project, other)
    assert switched.returncode != 0
    assert f"this build reads {other.resolve()}" in switched.stderr and "FROM_SCRATCH=1" in switched.stderr
    from_scratch = _make_build(project, other, "FROM_SCRATCH=1")
    assert from_scratch.returncode != 0 and "FIRST_RELEASE=1" in from_scratch.stderr, from_scratch.stderr
    assert _digest(live) == before_db and _data_checksums(project) == before_exports

    first = _make_build(project, other, "FROM_SCRATCH=1", "FIRST_RELEASE=1")
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-2000:]
    with duckdb.connect(str(live), read_only=True) as con:
        files = {r[0].rsplit("/", 1)[-1] for r in con.sql("select distinct source_file from internal.fct_naissances"
                                                          " union select source_file from quarantine.naissances_file_issues").fetchall()}
        roots = con.sql(f"select distinct raw_root from {raw_ledger.LEDGER}").fetchall()
    assert dropped.name not in files and files
    assert roots == [(str(other.resolve()),)]
    manifest = json.loads((project / "exports" / "opendata" / "manifest.json").read_text())
    assert manifest["raw_root_fingerprint"] == raw_ledger.fingerprint(other)

    again = _make_build(project, other, "FROM_SCRATCH=1", "FIRST_RELEASE=1")
    assert again.returncode != 0 and "comes from this raw root" in again.stderr, again.stderr
