"""Benchmark of the real-time mobility loop (``make bench-mobilite``; a benchmark,
not a timed test).

1. Demo feeds of ``days`` + 1 continuous days (5-minute batches of traffic and car
   parks, hourly bike counts); the last day's batches are the micro-batches.
2. History of 1 day and of ``days`` days: each a raw root (links to the files) and a
   database built from it (``dbt build --select tag:realtime``, tests excluded; the first is timed
   against the same compiled SQL run in one DuckDB connection: the full rebuild).
3. The same 5-minute batches land one after the other in both; each is processed
   by one pass of ``spmd realtime --no-freshness`` (a new process: dbt's start-up
   included). The median pass with the long history over the median with one
   day is the cost of the history; dbt's start-up alone is measured too (a run
   selecting nothing), and one pass with the freshness check.
Results go to docs/benchmark_mobilite.md and target/bench_mobilite/results.json.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import statistics
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from spmd import PROJECT_ROOT, profile, realtime
from spmd.bench import BIN, _direct, _run, _slowest_models, measured_on
from spmd.demo import mobility

FEEDS = ("trafic", "parkings", "compteurs")
TARGETS = {"mobilite_targets": {"history_ratio": 1.3, "micro_batch_s": 10, "dbt_over_duckdb": 1.5}}
BATCHES = 6


def _stamp(path: Path) -> str:
    return path.name.rsplit("_", 1)[-1].removesuffix(".csv")


def _link_root(files: list[Path], root: Path) -> None:
    for path in files:
        target = root / "mobilite" / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(path.resolve())


def _lines(files: list[Path]) -> int:
    return sum(max(p.read_bytes().count(b"\n") - 1, 0) for p in files if p.parent.name == "trafic")


def _profiling_queries(root: Path) -> list[str]:
    """What read_large_delimited_extract runs while dbt compiles the staging
    models (the listing, the profiles): the direct execution does it too."""
    return [f"select filename, spmd_profile_extract(content, 'utf-8', ';') "
            f"from read_blob('{root}/mobilite/{feed}/*.csv')" for feed in FEEDS]


def _env(root: Path, database: Path, work: Path, name: str) -> dict[str, str]:
    env = {**os.environ, "DBT_PROFILES_DIR": str(PROJECT_ROOT), "SPMD_RAW_ROOT": str(root),
           "SPMD_DATABASE": str(database), "DBT_TARGET_PATH": str(work / f"target_{name}"),
           "DBT_LOG_PATH": str(work / "logs"), "SPMD_PREVIOUS_RELEASE_DIR": str(work / "no_release")}
    env.pop("SPMD_PSEUDONYMISATION_KEY", None)
    return env


def bench(days: int, work: Path) -> dict:
    shutil.rmtree(work, ignore_errors=True)
    raw = work / "raw_all"
    chosen = profile.load()
    mobility.generate(raw, chosen, seed=20261128, days=days + 1)
    files = sorted((p for feed in FEEDS for p in (raw / "mobilite" / feed).glob("*.csv")), key=_stamp)
    # the batches of the last day, and the history before them
    last_day = dt.datetime.combine(dt.date(2025, 9, 1) + dt.timedelta(days=days), dt.time(),
                                   ZoneInfo(chosen["FUSEAU"])).astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    history = [p for p in files if _stamp(p) <= last_day]
    one_day_from = (dt.datetime.strptime(last_day, "%Y%m%dT%H%M%SZ") - dt.timedelta(days=1)).strftime(
        "%Y%m%dT%H%M%SZ")
    later = [p for p in files if _stamp(p) > last_day]
    # a micro-batch: every file landed after the previous traffic batch, up to this one
    stamps = sorted({_stamp(p) for p in later if p.parent.name == "trafic"})[:BATCHES + 1]
    batches = [[p for p in later if ([last_day] + stamps)[i] < _stamp(p) <= stamp]
               for i, stamp in enumerate(stamps)]
    batches, extra = batches[:-1], batches[-1]

    dbt, spmd = str(BIN / "dbt"), str(BIN / "spmd")
    select = realtime.DBT_COMMAND[1:]  # the loop's own selection, seed included
    result: dict = {"days": days, "batch_minutes": mobility.BATCH_MINUTES, "segments": mobility.SEGMENTS}
    passes: dict[str, list[float]] = {}
    for name, kept in (("long", history), ("one_day", [p for p in history if _stamp(p) > one_day_from])):
        root, database = work / f"raw_{name}", work / f"db_{name}" / "spmd.duckdb"
        database.parent.mkdir(parents=True)
        _link_root(kept, root)
        env = _env(root, database, work, name)
        build_s, build_mib, _ = _run([dbt, realtime.DBT_COMMAND[0], "--target", "dev", *select], env)
        if name == "long":
            (work / "direct").mkdir()
            result.update({
                "history_files": len(kept), "history_traffic_lines": _lines(kept),
                "raw_mib": round(sum(p.stat().st_size for p in kept) / 2**20),
                "build_s": round(build_s, 1), "build_peak_mib": build_mib,
                "slowest_models": _slowest_models(work / f"target_{name}", n=6),
                "direct_s": round(_direct(work / "direct", work / f"target_{name}", "spmd",
                                          _profiling_queries(root)), 1),
            })
        _run([spmd, "realtime", "--target", "dev", "--no-freshness"], env)  # warm: partial parsing
        passes[name] = []
        for batch in batches:
            _link_root(batch, root)
            seconds, _, _ = _run([spmd, "realtime", "--target", "dev", "--no-freshness"], env)
            passes[name].append(seconds)
        if name == "long":
            # the passes write no run_results: one more batch through dbt itself, for the timings
            _link_root(extra, root)
            _run([dbt, realtime.DBT_COMMAND[0], "--target", "dev", *select], {**env, "SPMD_SKIP_DUCKDB_EXTENSIONS": "1"})
            result["pass_slowest_models"] = _slowest_models(work / f"target_{name}", n=6)
            # dbt's start-up as the loop runs it (no extension, no artefact, no cache)
            result["startup_s"] = round(_run(
                [dbt, "run", "--target", "dev", "-s", "nothing_matches_this", "--no-write-json",
                 "--no-populate-cache"], {**env, "SPMD_SKIP_DUCKDB_EXTENSIONS": "1"})[0], 2)
            result["freshness_pass_s"] = round(_run([spmd, "realtime", "--target", "dev"], env)[0], 2)
            with duckdb.connect(str(database), read_only=True) as con:
                result["traffic_windows"] = con.sql(
                    "select count(*) from internal.fct_mobilite_trafic_15min").fetchone()[0]
    result.update({
        "batches": len(batches), "batch_files": [len(b) for b in batches],
        "batch_traffic_lines": round(statistics.mean(_lines(b) for b in batches)),
        "pass_long_s": [round(s, 2) for s in passes["long"]],
        "pass_one_day_s": [round(s, 2) for s in passes["one_day"]],
        "median_long_s": round(statistics.median(passes["long"]), 2),
        "median_one_day_s": round(statistics.median(passes["one_day"]), 2),
        **TARGETS,
    })
    return result


def write_report(r: dict, out: Path, command: str) -> None:
    targets = r["mobilite_targets"]
    history_ratio = r["median_long_s"] / r["median_one_day_s"]
    dbt_ratio = r["build_s"] / r["direct_s"] if r["direct_s"] else float("nan")
    startup_share = r["startup_s"] / r["median_long_s"]

    def verdict(ok: bool) -> str:
        return "met" if ok else "**missed**"

    lines = [
        "# Benchmark: the real-time mobility loop",
        "",
        measured_on(command),
        "",
        f"Demo feeds of {r['days']} days of history ({r['segments']} road segments every minute, 18 car "
        f"parks every {r['batch_minutes']} minutes, 16 bike-counting channels every hour): "
        f"{r['history_files']:,} batch files, {r['history_traffic_lines']:,} traffic lines, "
        f"{r['raw_mib']:,} MiB; {r['traffic_windows']:,} traffic windows after the passes. "
        f"Then {r['batches']} batches of {r['batch_minutes']} minutes "
        f"(~{r['batch_traffic_lines']:,} traffic lines, {'/'.join(str(n) for n in r['batch_files'])} files) "
        "land one by one, each followed by one pass of `spmd realtime --no-freshness` (a new process).",
        "",
        "| measure | value | target | |",
        "|---|---|---|---|",
        f"| (a) one micro-batch, {r['days']} days of history / 1 day (median pass) "
        f"| {r['median_long_s']} s / {r['median_one_day_s']} s = **{history_ratio:.2f}** "
        f"| ≤ {targets['history_ratio']} | {verdict(history_ratio <= targets['history_ratio'])} |",
        f"| (b) one micro-batch end to end, dbt start-up included ({r['days']} days of history) "
        f"| {r['median_long_s']} s, of which dbt start-up {r['startup_s']} s ({startup_share:.0%}) "
        f"| < {targets['micro_batch_s']} s | {verdict(r['median_long_s'] < targets['micro_batch_s'])} |",
        f"| (b') the same pass with the freshness check of the three feeds | {r['freshness_pass_s']} s | | |",
        f"| (c) full rebuild of {r['days']} days (`dbt build --select tag:realtime`, tests excluded, on an empty database) / "
        f"the same compiled SQL in one DuckDB connection | {r['build_s']} s / {r['direct_s']} s = "
        f"**{dbt_ratio:.2f}** (peak {r['build_peak_mib']:,} MiB) | ≤ {targets['dbt_over_duckdb']} "
        f"| {verdict(dbt_ratio <= targets['dbt_over_duckdb'])} |",
        "",
        f"Passes, {r['days']} days of history (s): {', '.join(str(s) for s in r['pass_long_s'])}; "
        f"1 day: {', '.join(str(s) for s in r['pass_one_day_s'])}.",
        "",
        "Slowest models of the full rebuild:",
        "",
    ]
    lines += [f"- `{name}`: {seconds:.1f} s" for name, seconds in r["slowest_models"]]
    lines += ["", "Slowest models of the last micro-batch pass:", ""]
    lines += [f"- `{name}`: {seconds:.2f} s" for name, seconds in r["pass_slowest_models"]]
    lines += [
        "",
        "## Why a pass costs the batch, not the history",
        "",
        "- Staging is incremental by file name: a pass lists the feed's folder and reads the new",
        "  files only.",
        "- Each fact recomputes the windows touched by the lines loaded since its own last run",
        "  (`charge_le` watermark). Their bounds are looked up first and written into the query as",
        "  constants, so that DuckDB prunes the staging row groups by their min/max (zone maps) and",
        "  pushes the range below the deduplication window: the history is not scanned.",
        "- The quarantine and the lines' fates are views: the loop never recomputes them; the",
        "  data tests run with the daily build.",
        "- What still grows a little with the history: each staging model compares the folder's",
        "  file names with the files it has loaded (a scan of the file-name column of its table),",
        "  and the folder listing itself (54,000 files at 90 days).",
        "- What remains fixed per pass is dbt itself: start-up (Python imports, project parse from",
        "  the partial-parse cache, adapter) and one transaction per model. The loop loads no DuckDB",
        "  extension, writes no artefact and fills no relation cache (about 2 s less per pass).",
    ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(days: int, out: Path, work: Path, command: str) -> dict:
    result = bench(days, work)
    (work / "results.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    write_report(result, out, command)
    return result
