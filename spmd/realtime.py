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
"""

from __future__ import annotations

import json
import os
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


@dataclass
class PassReport:
    ok: bool
    seconds: float
    models: dict[str, str] = field(default_factory=dict)
    freshness: dict[str, dict] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"real-time pass {'ok' if self.ok else 'FAILED'} in {self.seconds:.1f} s "
               f"({len(self.models)} models)"]
        for name, status in sorted(self.models.items()):
            if status != "success":
                out.append(f"  model {name}: {status}")
        for feed, f in sorted(self.freshness.items()):
            age = f["age_minutes"]
            out.append(f"  feed {feed}: {f['status']}"
                       + (f", last batch landed {age:.0f} min ago" if age is not None else ", no batch"))
        return out


def _freshness(target_dir: Path) -> dict[str, dict]:
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


def run_pass(target: str, project_dir: Path, freshness: bool = True) -> PassReport:
    """One pass of the loop, in this process (dbt's start-up included)."""
    from dbt.cli.main import dbtRunner  # the import alone is about 2 s: once per process

    started = time.perf_counter()
    # the real-time models use no DuckDB extension (macro load_duckdb_extensions)
    os.environ["SPMD_SKIP_DUCKDB_EXTENSIONS"] = "1"
    runner = dbtRunner()
    common = ["--project-dir", str(project_dir), "--profiles-dir", str(project_dir), "--target", target]
    # no artefacts to write and no relation cache to fill: a second of each pass
    result = runner.invoke([*DBT_COMMAND, "--quiet", "--no-write-json", "--no-populate-cache", *common])
    models = {}
    if result.result is not None:
        models = {r.node.name: str(r.status) for r in result.result.results}
    report = PassReport(ok=bool(result.success), seconds=0.0, models=models)
    if freshness:
        # exit status of freshness = stale feeds: reported, not fatal
        runner.invoke(["source", "freshness", "--select", FEEDS_SOURCE, "--quiet", *common])
        report.freshness = _freshness(Path(os.environ.get("DBT_TARGET_PATH", project_dir / "target")))
    report.seconds = time.perf_counter() - started
    return report


def loop(target: str, project_dir: Path, every: float | None, freshness: bool = True) -> int:
    """Run one pass, or one pass every ``every`` seconds until interrupted."""
    while True:
        report = run_pass(target, project_dir, freshness)
        print("\n".join(report.lines()), flush=True)
        if every is None:
            return 0 if report.ok else 1
        time.sleep(max(0.0, every - report.seconds))
