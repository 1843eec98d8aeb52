"""Benchmark of the waste-collection domain at the full-year scale
(``make bench-dechets``; a benchmark, not a timed test).

1. Demo extracts of ``--weeks`` weeks (52: a year, about 3.9 million lifts and 70
   million photo lines); the files of the last day are held back.
2. ``dbt build`` of the domain (its models and data tests) from an empty database:
   wall time, peak memory, lifts per second.
3. ``dbt run`` of the same models from scratch (``--full-refresh``), against (a)
   the same compiled SQL run in one DuckDB connection (the profiling queries dbt
   runs while compiling the staging models included): the dbt overhead.
4. The daily run: the held-back day lands, ``dbt build`` of the domain again
   (incremental: only the new files are read, only their days rebuilt); then the
   next held-back day lands and ``dbt run`` rebuilds the models alone (the data
   tests apart); and the dbt start-up alone (a run that selects nothing).
Results go to docs/benchmark_dechets.md and target/bench_dechets/results.json.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import duckdb

from spmd import PROJECT_ROOT, profile
from spmd.bench import BIN, _direct, _run, _slowest_models, measured_on
from spmd.demo import waste

SELECT = ["-s", "group:dechets"]
TARGETS = {"dechets_targets": {"year_build_s": 120, "daily_run_s": 15, "dbt_over_duckdb": 1.5}}


def _lift_lines(raw: Path) -> int:
    return sum(max(p.read_bytes().count(b"\n") - 1, 0) for p in (raw / "dechets" / "levees").glob("*.csv"))


def _photo_lines(raw: Path) -> int:
    return sum(max(p.read_bytes().count(b"\n") - 1, 0)
               for feed in ("ref_bac", "ref_producteur") for p in (raw / "dechets" / feed).glob("*.csv"))


def _profiling_queries(raw: Path) -> list[str]:
    """The queries read_large_delimited_extract runs while dbt compiles the staging
    models: the direct execution does the same work."""
    return [f"select spmd_profile_extract(content, 'utf-8', ';') from read_blob('{raw}/dechets/{feed}/*.csv')"
            for feed in ("levees", "ref_bac", "ref_producteur")]


def _last_lift_day(raw: Path) -> str:
    return max(p.name.split("_")[2] for p in (raw / "dechets" / "levees").glob("*.csv"))


def _drop_photos_after_last_lift_day(raw: Path) -> None:
    # the demo's photos run to the end of its last week: a photo newer than the
    # days held back would make theirs late (quarantined, docs/formats/dechets.md)
    last = _last_lift_day(raw)
    for feed in ("ref_bac", "ref_producteur"):
        for path in (raw / "dechets" / feed).glob("*.csv"):
            if path.stem.rsplit("_", 1)[-1] > last:
                path.unlink()


def _hold_back_last_day(raw: Path, held: Path) -> str:
    # the last collection day (a day with lift files), with its photos and tickets
    last = _last_lift_day(raw)
    for path in (raw / "dechets").rglob(f"*{last}*.csv"):
        target = held / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, target)
    return last


def _land(held: Path, raw: Path) -> None:
    for path in held.rglob("*.csv"):
        shutil.move(path, raw / "dechets" / path.parent.name / path.name)


def bench(weeks: int, work: Path) -> dict:
    shutil.rmtree(work, ignore_errors=True)
    raw, held = work / "raw", work / "held"
    waste.generate(raw, profile.load(), seed=20261128, weeks=weeks)
    # the last two collection days, landed one after the other
    _drop_photos_after_last_lift_day(raw)
    second_day = _hold_back_last_day(raw, work / "held_second")
    last_day = _hold_back_last_day(raw, held)
    database = work / "dbt" / "spmd.duckdb"
    database.parent.mkdir(parents=True)
    env = {**os.environ, "DBT_PROFILES_DIR": str(PROJECT_ROOT), "SPMD_RAW_ROOT": str(raw),
           "SPMD_DATABASE": str(database), "DBT_TARGET_PATH": str(work / "target"),
           "DBT_LOG_PATH": str(work / "logs"), "SPMD_PREVIOUS_RELEASE_DIR": str(work / "no_release")}
    env.pop("SPMD_PSEUDONYMISATION_KEY", None)
    dbt = str(BIN / "dbt")
    _run([dbt, "seed", "--target", "dev", "-s", "communes", "dechets_flux"], env)
    lifts, photos = _lift_lines(raw), _photo_lines(raw)

    build_s, build_mib, _ = _run([dbt, "build", "--target", "dev", *SELECT,
                                  "--exclude-resource-type", "unit_test"], env)
    slowest = _slowest_models(work / "target", n=8)
    run_s, _, _ = _run([dbt, "run", "--target", "dev", *SELECT, "--full-refresh"], env)
    (work / "direct").mkdir()
    direct_s = _direct(work / "direct", work / "target", "spmd", _profiling_queries(raw))

    _land(held, raw)
    daily_lifts = _lift_lines(raw) - lifts
    daily_s, daily_mib, _ = _run([dbt, "build", "--target", "dev", *SELECT,
                                  "--exclude-resource-type", "unit_test"], env)
    daily_slowest = _slowest_models(work / "target", n=5)
    _land(work / "held_second", raw)
    daily_run_s, _, _ = _run([dbt, "run", "--target", "dev", *SELECT], env)
    startup_s, _, _ = _run([dbt, "run", "--target", "dev", "-s", "nothing_matches_this"], env)
    with duckdb.connect(str(database), read_only=True) as con:
        kept = con.sql("select count(*) from internal.fct_dechets_levees").fetchone()[0]
    return {
        "weeks": weeks, "lift_lines": lifts, "photo_lines": photos, "lifts_kept": kept,
        "raw_mib": round(sum(p.stat().st_size for p in raw.rglob("*.csv")) / 2**20),
        "build_s": round(build_s, 1), "build_peak_mib": build_mib,
        "lifts_per_s": round(lifts / build_s), "run_s": round(run_s, 1), "direct_s": round(direct_s, 1),
        "daily_day": last_day, "daily_lifts": daily_lifts, "daily_s": round(daily_s, 1),
        "daily_peak_mib": daily_mib, "second_day": second_day, "daily_run_s": round(daily_run_s, 1),
        "startup_s": round(startup_s, 1),
        "slowest_models": slowest, "daily_slowest_models": daily_slowest, **TARGETS,
    }


def write_report(r: dict, out: Path, command: str) -> None:
    targets = r["dechets_targets"]
    ratio = r["run_s"] / r["direct_s"] if r["direct_s"] else float("nan")

    def verdict(ok: bool) -> str:
        return "met" if ok else "**missed**"

    lines = [
        "# Benchmark: the waste-collection domain at the full-year scale",
        "",
        measured_on(command),
        "",
        f"Demo extracts of {r['weeks']} weeks: {r['lift_lines']:,} lift lines, {r['photo_lines']:,} "
        f"photo lines (a full photo of the bins and of the producers every day), {r['raw_mib']:,} MiB"
        + (f"; {r['lifts_kept']:,} lifts kept after the daily run." if r.get("lifts_kept") else "."),
        "",
        "| measure | value | target | |",
        "|---|---|---|---|",
        f"| full build of the domain from an empty database (`dbt build -s group:dechets`, models and "
        f"data tests) | {r['build_s']} s, peak {r['build_peak_mib']:,} MiB, {r['lifts_per_s']:,} lifts/s "
        f"| < {targets['year_build_s']} s | {verdict(r['build_s'] < targets['year_build_s'])} |",
        f"| daily run: the files of {r['daily_day']} land ({r['daily_lifts']:,} lifts, two photos, the "
        f"tickets), `dbt build -s group:dechets` | "
        + (f"stopped after {r['daily_s']} s ({r['daily_stopped']})" if r.get("daily_stopped")
           else f"{r['daily_s']} s, peak {r['daily_peak_mib']:,} MiB")
        + f" | < {targets['daily_run_s']} s | {verdict(r['daily_s'] < targets['daily_run_s'])} |",
        f"| the next day ({r['second_day']}) lands, `dbt run -s group:dechets` (the models alone) "
        f"| {r['daily_run_s']} s | < {targets['daily_run_s']} s "
        f"| {verdict(r['daily_run_s'] < targets['daily_run_s'])} |"
        if r.get("daily_run_s") is not None else "| the models alone | not measured in this run | | |",
        f"| dbt start-up alone (a run that selects nothing) | {r['startup_s']} s | | |"
        if r.get("startup_s") is not None else "| dbt start-up alone | not measured in this run | | |",
        f"| `dbt run` of the models from scratch / the same compiled SQL in one DuckDB connection "
        f"| {r['run_s']} s / {r['direct_s']} s = **{ratio:.2f}** | < {targets['dbt_over_duckdb']} "
        f"| {verdict(ratio < targets['dbt_over_duckdb'])} |",
        "",
        "One run of each; on this machine (2 cores) the same run varies by 5 to 10 % from one",
        "time to the next, so a dbt/DuckDB ratio near 1 means dbt adds nothing measurable.",
        "",
        "Slowest steps of the full build (dbt run_results, models and tests):",
        "",
    ]
    lines += [f"- `{name}`: {seconds:.1f} s" for name, seconds in r["slowest_models"]]
    lines += ["", "Slowest steps of the daily run:", ""]
    lines += [f"- `{name}`: {seconds:.1f} s" for name, seconds in r["daily_slowest_models"]]
    lines += [
        "",
        "## How the domain is built for this volume",
        "",
        "- Files are profiled (`spmd_profile_extract`: encoding, line and field counts, padded",
        "  fields, vectorised over the bytes) and the clean ones read by DuckDB's parallel CSV",
        "  reader, trimming fields only in a file that has padded ones; only a file with a",
        "  defect goes through the line-by-line parser that names each bad line.",
        "- The photos are compacted at load (macro `photo_changes`, docs block",
        "  `dechets_photos_compactees`): of a year's 70 million photo lines the staging keeps",
        "  the changes (a few hundred thousand rows: the first line of each run of identical",
        "  lines of a key, every line of a key that is not a plain run, the absences, the photo",
        "  dates) and counts the others on their file's header row. Two reads of the files,",
        "  each inlined rather than shared through a CTE (DuckDB would hold 50 million lines in",
        "  memory): one aggregate finds each key's runs, the second keeps the changes and",
        "  types only them.",
        "- An incremental run compares the new photos with the lines each key held at the last",
        "  photo loaded: a daily photo costs its own lines. The versions of bins and producers",
        "  are rebuilt whole from the compacted rows at every run (about a second), and the",
        "  quarantine reads them too: nothing reads the history of the photos again.",
        "- Staging is incremental by file, the lifts fact incremental by day (`delete+insert`):",
        "  only the days of the new files are rebuilt, looked up first from the files' first and",
        "  last days (`int_dechets_files_checked`) and written into the query as constants, so",
        "  the filter reaches below the duplicate check's window. The quarantine is incremental",
        "  the same way (by day of lift, watermark `charge_le`; photos and tickets whole).",
        "- The effective-dated join (lift day between `valide_du` and `valide_au`) is written as an",
        "  equality plus a range (`coalesce(valide_au, 9999-12-31)`): DuckDB makes it a hash join.",
        "- The weekly tonnages are incremental by ISO week (docs block",
        "  `dechets_tonnages_par_semaine`): the internal facts `fct_dechets_tonnages_commune_semaine`",
        "  and `fct_dechets_tonnages_carreau_semaine` recompute the weeks of the days the lifts fact",
        "  rebuilt (its rows' `charge_le` newer than theirs, macro `in_rebuilt_weeks`) and replace",
        "  them by `delete+insert` on one key, the week's Monday (on two keys dbt's delete joins the",
        "  week's rows with themselves: 0.6 s for one week); the open data tables apply the secret",
        "  over these small facts.",
        "- `on-run-start` loads spatial only (DuckDB does not load it by itself); encodings and excel",
        "  are loaded by DuckDB on first use: a run that reads no CP1252 file saves 0.8 s.",
        "- The reconciliation per lift file counts the file's lines from `int_dechets_files_checked`",
        "  rather than from the validation view (which numbers every lift to find duplicates).",
    ]
    lines += [
        "",
        "## Earlier measurements (same command)",
        "",
        "| commit | full build | daily `dbt build` | next day `dbt run` |",
        "|---|---|---|---|",
        "| c328e1f: every photo line staged, versions and quarantine rebuilt from the 72 million "
        "lines at every run | 427.9 s (peak 20.6 GB) | 285.4 s | |",
        "| 16e9207: photos compacted at load, weekly tonnages rebuilt whole, all extensions loaded "
        "at start | 93.4 s | 17.1 s | 13.3 s |",
    ]
    daily_missed = r["daily_s"] >= targets["daily_run_s"] or r.get("daily_run_s", 0) >= targets["daily_run_s"]
    if daily_missed:
        lines += [
            "",
            "## The daily run misses its target",
            "",
            "See its slowest steps above; the dbt start-up alone (parse, imports, `on-run-start`) is",
            "part of every run.",
        ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(weeks: int, out: Path, work: Path, command: str) -> dict:
    result = bench(weeks, work)
    work.mkdir(parents=True, exist_ok=True)
    (work / "results.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    write_report(result, out, command)
    return result
