"""The real-time loop: ``spmd realtime`` (``make realtime``).

One pass ingests the mobility batches landed since the last pass and builds only
the real-time models (``dbt build --select tag:realtime``, tests excluded: the
configuration seed of the counting channels, the incremental staging of the
three feeds, the micro-batch facts, the car parks' current state), then
checks the freshness of each feed (``dbt source freshness``: the landing time of
its last batch, from the file names). A stale feed is reported, it does not stop
the loop; a failed model does (exit status 1), and the next pass takes the same
batches again (a staged batch is never read twice, a fact recomputes the windows
of every line loaded since its own last run).

The data tests of these models run with the daily build (``make build``): over
the whole history, they do not belong in a loop whose cost must follow the batch.

Readers never block the loop, and never see half a pass. DuckDB lets one process
write a file, and a reader holding it open read-only stops any writer ("Conflicting
lock is held"). So the loop never opens the analysts' database
(``warehouse/spmd.duckdb``): it works on a copy of its own
(``warehouse/.realtime/spmd.duckdb``) and, after a successful pass, copies it aside
and renames the copy over the analysts' file. A reader with the file open keeps
reading the state it opened; the next connection sees the new one. ``make build``
swaps its own copy in the same way; both swaps take the same lock
(``warehouse/.spmd.duckdb.lock``, writers only: readers take none). When a build
swapped a new database in during a pass, the pass is not published (it would undo
the build): the loop takes the build's database as its copy and the next pass
stages the batches the build had not seen.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

SELECTOR = "tag:realtime"
# The models and the configuration seed they read (the counting channels), built
# without their tests: a pass picks up a change of the seed, and a new database
# needs nothing built before it.
DBT_COMMAND = ["build", "--select", SELECTOR, "--exclude-resource-type", "test",
               "--exclude-resource-type", "unit_test"]
FEEDS_SOURCE = "source:mobilite_raw"
# the analysts' database of each target, when SPMD_DATABASE does not name one (profiles.yml)
DEFAULT_DATABASES = {"ci": "warehouse/spmd_ci.duckdb"}
DEFAULT_DATABASE = "warehouse/spmd.duckdb"


def live_database(target: str, project_dir: Path) -> Path:
    path = Path(os.environ.get("SPMD_DATABASE") or DEFAULT_DATABASES.get(target, DEFAULT_DATABASE))
    return path if path.is_absolute() else project_dir / path


def work_database(live: Path) -> Path:
    """The loop's own copy: same file name (same DuckDB catalogue name), its own folder."""
    return live.parent / ".realtime" / live.name


def lock_path(live: Path) -> Path:
    return live.parent / f".{live.name}.lock"


@contextlib.contextmanager
def writers_lock(live: Path):
    """The lock of the writers that swap a database in (the loop, make build's
    flock): held for a rename or a copy, never by a reader."""
    path = lock_path(live)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _identity(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return [st.st_ino, st.st_mtime_ns, st.st_size]


def _copy_aside(source: Path, dest: Path) -> None:
    """``source`` copied to ``dest`` through a temporary file in dest's folder."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    aside = dest.with_name(f".{dest.name}.copying")
    shutil.copyfile(source, aside)
    os.replace(aside, dest)


@dataclass
class PassReport:
    ok: bool
    seconds: float
    models: dict[str, str] = field(default_factory=dict)
    freshness: dict[str, dict] = field(default_factory=dict)
    # the swap: seconds spent copying and renaming; False when a build came first
    published: bool = False
    publish_seconds: float = 0.0
    dashboard_seconds: float | None = None

    def lines(self) -> list[str]:
        out = [f"real-time pass {'ok' if self.ok else 'FAILED'} in {self.seconds:.1f} s "
               f"({len(self.models)} models)"]
        if self.ok:
            out.append(f"  published to the analysts' database in {self.publish_seconds:.2f} s" if self.published
                       else "  not published: a build replaced the analysts' database during the pass "
                            "(the next pass starts from it)")
        if self.dashboard_seconds is not None:
            out.append(f"  dashboard's real-time file rewritten in {self.dashboard_seconds:.2f} s")
        for name, status in sorted(self.models.items()):
            if status != "success":
                out.append(f"  model {name}: {status}")
        for feed, f in sorted(self.freshness.items()):
            age = f["age_minutes"]
            out.append(f"  feed {feed}: {f['status']}"
                       + (f", last batch landed {age:.0f} min ago" if age is not None else ", no batch"))
        return out


def freshness_report(target_dir: Path) -> dict[str, dict]:
    path = target_dir / "sources.json"
    if not path.exists():
        return {}
    report = {}
    for result in json.loads(path.read_text(encoding="utf-8"))["results"]:
        feed = result["unique_id"].rsplit(".", 1)[-1]
        seconds = result.get("max_loaded_at_time_ago_in_s")
        report[feed] = {"status": result["status"],
                        "age_minutes": None if seconds is None else seconds / 60,
                        "max_loaded_at": result.get("max_loaded_at")}
    return report


def _state_path(work: Path) -> Path:
    return work.with_name(work.name + ".json")


def _prepare_work_copy(live: Path, work: Path) -> list[int] | None:
    """Under the writers' lock: the loop's copy is the analysts' database as the
    loop last published it; if another writer (a build) replaced it since, or
    the copy is missing, copy the analysts' database anew. Returns its identity."""
    with writers_lock(live):
        current = _identity(live)
        state = _state_path(work)
        published = json.loads(state.read_text(encoding="utf-8")).get("published") if state.exists() else None
        if not work.exists() or current != published:
            work.parent.mkdir(parents=True, exist_ok=True)
            Path(f"{work}.wal").unlink(missing_ok=True)
            if current is None:
                work.unlink(missing_ok=True)  # no analysts' database yet: the pass starts one
            else:
                _copy_aside(live, work)
        return current


def _publish(live: Path, work: Path, base: list[int] | None) -> tuple[bool, float]:
    """Copy the loop's database aside, rename it over the analysts' one unless a
    build replaced that one during the pass."""
    import duckdb

    started = time.perf_counter()
    # everything in the file itself, nothing left in its write-ahead log
    with duckdb.connect(str(work)) as con:
        con.execute("checkpoint")
    aside = live.with_name(f".{live.name}.realtime-next")
    shutil.copyfile(work, aside)
    with writers_lock(live):
        if _identity(live) != base:
            aside.unlink()
            return False, time.perf_counter() - started
        # a log left by a writer of the old file must not be replayed on the new one
        Path(f"{live}.wal").unlink(missing_ok=True)
        os.replace(aside, live)
        _state_path(work).write_text(json.dumps({"published": _identity(live)}), encoding="utf-8")
    return True, time.perf_counter() - started


def run_pass(target: str, project_dir: Path, freshness: bool = True, site: Path | None = None) -> PassReport:
    """One pass of the loop, in this process (dbt's start-up included): on the
    loop's copy, published to the analysts' database by a rename; then the
    dashboard's real-time file of ``site``, if the site exists."""
    from dbt.cli.main import dbtRunner  # the import alone is about 2 s: once per process

    started = time.perf_counter()
    live = live_database(target, project_dir)
    work = work_database(live)
    base = _prepare_work_copy(live, work)
    # the real-time models use no DuckDB extension (macro load_duckdb_extensions)
    os.environ["SPMD_SKIP_DUCKDB_EXTENSIONS"] = "1"
    os.environ["SPMD_DATABASE"] = str(work)
    runner = dbtRunner()
    common = ["--project-dir", str(project_dir), "--profiles-dir", str(project_dir), "--target", target]
    try:
        # no artefacts to write and no relation cache to fill: a second of each pass
        result = runner.invoke([*DBT_COMMAND, "--quiet", "--no-write-json", "--no-populate-cache", *common])
        models = {}
        if result.result is not None:
            models = {r.node.name: str(r.status) for r in result.result.results}
        report = PassReport(ok=bool(result.success), seconds=0.0, models=models)
        if freshness:
            # exit status of freshness = stale feeds: reported, not fatal
            runner.invoke(["source", "freshness", "--select", FEEDS_SOURCE, "--quiet", *common])
            report.freshness = freshness_report(Path(os.environ.get("DBT_TARGET_PATH", project_dir / "target")))
    finally:
        os.environ["SPMD_DATABASE"] = str(live)
    if report.ok:
        report.published, report.publish_seconds = _publish(live, work, base)
    if report.published and site is not None and (site / "index.html").exists():
        from spmd import dashboard

        t = time.perf_counter()
        dashboard.write_live(live, site, report.freshness if freshness else None)
        report.dashboard_seconds = time.perf_counter() - t
    report.seconds = time.perf_counter() - started
    return report


def loop(target: str, project_dir: Path, every: float | None, freshness: bool = True,
         site: Path | None = None, passes: int | None = None) -> int:
    """Run one pass, or one pass every ``every`` seconds until interrupted (or
    ``passes`` passes)."""
    done = 0
    while True:
        report = run_pass(target, project_dir, freshness, site)
        done += 1
        print("\n".join(report.lines()), flush=True)
        if every is None or (passes is not None and done >= passes):
            return 0 if report.ok else 1
        time.sleep(max(0.0, every - report.seconds))
