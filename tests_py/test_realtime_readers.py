"""Readers never block the real-time loop, and never see half a pass: a reader of
the analysts' database or of the dashboard's real-time file, open during passes of
`spmd realtime`, sees the state before a pass or after it, and the pass succeeds
(spmd/realtime.py: the loop works on its copy and renames it in)."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from pathlib import Path

import duckdb
import pytest

from conftest import BIN, ROOT, MobilityBatches as Batches
from spmd import realtime

# the staged lines and the car parks' latest state: two relations a half-published
# pass would show out of step
STATE_SQL = """
    select (select count(*) from staging.stg_mobilite__parkings),
           (select max(DERNIER_RELEVE_UTC) from opendata.mobilite_parkings_etat_courant)
"""


def run_pass(tmp: Path, site: Path | None = None) -> subprocess.CompletedProcess:
    """One pass of `spmd realtime` on tmp/raw into tmp/warehouse/spmd.duckdb."""
    env = {k: v for k, v in os.environ.items() if k != "SPMD_PSEUDONYMISATION_KEY"}
    env.update({"DBT_PROFILES_DIR": str(ROOT), "DBT_LOG_PATH": str(tmp / "logs"),
                "DBT_TARGET_PATH": str(tmp / "target"), "SPMD_RAW_ROOT": str(tmp / "raw"),
                "SPMD_DATABASE": str(tmp / "warehouse" / "spmd.duckdb")})
    args = [str(BIN / "spmd"), "realtime", "--target", "ci", "--no-freshness"]
    if site:
        args += ["--site", str(site)]
    run = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0 and "published to the analysts' database" in run.stdout, \
        run.stdout[-3000:] + run.stderr[-3000:]
    return run


@pytest.fixture(scope="module")
def first_pass(tmp_path_factory, raw_root):
    """A real-time database of the first hour of the demo's feeds; each test lands
    more batches on it (they compare states before and after their passes)."""
    tmp = tmp_path_factory.mktemp("readers")
    batches = Batches(raw_root, tmp)
    batches.land(12)
    run_pass(tmp)
    return tmp, batches


def _state(database: Path) -> tuple:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(STATE_SQL).fetchone()


def test_a_reader_holding_the_database_open_does_not_stop_a_pass(first_pass):
    tmp, batches = first_pass
    live = tmp / "warehouse" / "spmd.duckdb"
    reader = duckdb.connect(str(live), read_only=True)
    before = reader.execute(STATE_SQL).fetchone()
    batches.land(3)
    run_pass(tmp)  # asserts the pass succeeded and was published
    # the open reader still sees the whole state it opened; a new one sees the pass
    assert reader.execute(STATE_SQL).fetchone() == before
    reader.close()
    after = _state(live)
    assert after[0] > before[0] and after[1] > before[1]


def test_readers_in_a_loop_during_five_passes_only_see_whole_states(first_pass):
    tmp, batches = first_pass
    live = tmp / "warehouse" / "spmd.duckdb"
    site = tmp / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>site</title>", encoding="utf-8")
    states, files = [_state(live)], []
    seen_db, seen_files, errors = set(), set(), []
    stop = threading.Event()

    def read_database():
        while not stop.is_set():
            try:
                seen_db.add(_state(live))
            except Exception as e:  # any error of a reader is a failure of the loop's design
                errors.append(f"database: {e}")

    def read_live_file():
        while not stop.is_set():
            path = site / "live" / "etat.json"
            if path.exists():
                try:
                    state = json.loads(path.read_text(encoding="utf-8"))
                    seen_files.add((state["generated_at"], state["parkings"]["releve_utc"],
                                    state["parkings"]["places_libres"]))
                except Exception as e:
                    errors.append(f"live file: {e}")

    readers = [threading.Thread(target=read_database), threading.Thread(target=read_live_file)]
    for r in readers:
        r.start()
    try:
        for _ in range(5):
            batches.land(1)
            run_pass(tmp, site)
            states.append(_state(live))
            state = json.loads((site / "live" / "etat.json").read_text(encoding="utf-8"))
            files.append((state["generated_at"], state["parkings"]["releve_utc"], state["parkings"]["places_libres"]))
            time.sleep(0.5)
    finally:
        stop.set()
        for r in readers:
            r.join()
    assert errors == []
    assert len(set(states)) == 6, states  # every pass changed the state
    assert seen_db and seen_db <= set(states), seen_db - set(states)
    assert seen_files and seen_files <= set(files), seen_files - set(files)


def test_a_build_swapped_in_during_a_pass_is_not_undone(tmp_path):
    """A pass whose base was replaced by `make build` meanwhile is not published,
    and the next pass starts from the build's database."""
    live = tmp_path / "spmd.duckdb"
    with duckdb.connect(str(live)) as con:
        con.execute("create table t as select 1 as version")
    work = realtime.work_database(live)
    base = realtime._prepare_work_copy(live, work)
    with duckdb.connect(str(work)) as con:  # the pass
        con.execute("update t set version = 2")
    build = tmp_path / "spmd.next.duckdb"  # make build's copy, swapped in
    with duckdb.connect(str(build)) as con:
        con.execute("create table t as select 3 as version")
    with realtime.writers_lock(live):
        os.replace(build, live)
    published, _ = realtime._publish(live, work, base)
    assert not published
    assert _version(live) == 3
    realtime._prepare_work_copy(live, work)
    assert _version(work) == 3


def _version(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select version from t").fetchone()[0]
