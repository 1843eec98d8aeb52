"""Real-time mobility, checked from outside the SQL: raw lines counted from the
bytes of the batch files equal the staged lines per file; the planted defects
end where documented; the clock changes give 23- and 25-hour days; the national
files link together; and batches replayed out of order through the real-time
entry point (`spmd realtime`), with a re-sent batch landing before its original,
give exactly what a full rebuild gives. Freshness is reported per feed."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from conftest import BIN, ROOT, active_profile, data_lines, run_dbt
from spmd import realtime
from spmd.demo import mobility

FEEDS = {"trafic": "stg_mobilite__trafic", "parkings": "stg_mobilite__parkings",
         "compteurs": "stg_mobilite__compteurs"}


@pytest.fixture(scope="module")
def declared(raw_root) -> dict:
    return json.loads((raw_root / "_demo" / "mobilite_defects.json").read_text(encoding="utf-8"))


def test_every_raw_line_is_staged_per_file(raw_root, warehouse):
    for feed, model in FEEDS.items():
        raw = {p.name: data_lines(p) for p in (raw_root / "mobilite" / feed).glob("*.csv")}
        staged = dict(warehouse.sql(
            f"select regexp_extract(source_file, '[^/]+$'), count(*) from staging.{model} "
            "where record_type = 'data' group by 1").fetchall())
        assert {n: c for n, c in raw.items() if c != staged.get(n, 0)} == {}, feed
        assert set(staged) <= set(raw), feed
    assert len(list((raw_root / "mobilite" / "trafic").glob("*.csv"))) > 1000


def test_planted_defects_end_where_documented(warehouse, declared):
    rows = declared["rows"]
    found = {f"{'comptages' if flux == 'compteurs' else flux}:{reason}": n for flux, reason, n in warehouse.sql(
        "select flux, rejection_reason, count(*) from quarantine.mobilite_rejected_rows group by all").fetchall()}
    assert found == {k: v for k, v in rows.items() if not k.endswith("en_retard")}
    late = {
        "trafic:en_retard": "intermediate.int_mobilite_trafic_validated",
        "parkings:en_retard": "intermediate.int_mobilite_parkings_validated",
        "comptages:en_retard": "intermediate.int_mobilite_comptages_validated",
    }
    for key, relation in late.items():
        n = warehouse.sql(f"select count(*) from {relation} where motif_rejet is null and en_retard").fetchone()[0]
        assert n == rows.get(key, 0), key
    silent = warehouse.sql("select canal_id from internal.dim_mobilite_comptage_canaux where silencieux").fetchall()
    planted = next(f["channel"] for f in declared["files"] if f["defect"] == "silent_channel")
    assert silent == [(planted,)]
    # the cut batch: its last line quarantined, the others used
    cut = next(f["file"] for f in declared["files"] if f["defect"] == "truncated_last_line")
    assert warehouse.sql("select rejection_reason from quarantine.mobilite_rejected_rows "
                         f"where source_file like '%{cut}'").fetchall() == [("wrong_field_count",)]


def test_clock_changes_give_23_and_25_hour_days(warehouse):
    quarters = dict(warehouse.sql(
        "select jour_local::varchar, count(distinct debut_utc) from internal.fct_mobilite_trafic_15min "
        "group by 1").fetchall())
    assert quarters == {"2025-03-29": 96, "2025-03-30": 92, "2025-10-25": 96, "2025-10-26": 100}
    hours = dict(warehouse.sql(
        "select jour_local::varchar, max(heures_du_jour) from internal.fct_mobilite_comptages_jour "
        "group by 1").fetchall())
    assert hours == {"2025-03-29": 24, "2025-03-30": 23, "2025-10-25": 24, "2025-10-26": 25}
    # 02:00 to 03:00 local happens twice on 26 October: eight quarter-hours per segment
    twice = warehouse.sql(
        "select count(*) from internal.fct_mobilite_trafic_15min where troncon_id = '210000_G' "
        "and debut_local >= '2025-10-26 02:00' and debut_local < '2025-10-26 03:00'").fetchone()[0]
    assert twice == 8


def test_published_counts_link_together_and_match_the_facts(exports, warehouse):
    def read(name: str) -> list[dict]:
        with (exports / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    sites, channels, measures = (read(f"comptage_mobilites_{t}") for t in ("site", "channel", "measure"))
    assert {c["site_id"] for c in channels} <= {s["site_id"] for s in sites}
    assert {m["channel_id"] for m in measures} <= {c["channel_id"] for c in channels}
    # the hour of the autumn change published twice, told apart by the offset
    starts = {m["start_datetime"] for m in measures}
    assert {"2025-10-26T02:00:00+02:00", "2025-10-26T02:00:00+01:00"} <= starts
    total = warehouse.sql("select sum(comptage) from internal.fct_mobilite_comptages_heure").fetchone()[0]
    assert sum(int(m["count"]) for m in measures) == total
    manifest = json.loads((exports / "manifest.json").read_text(encoding="utf-8"))
    schemas = {f["model"]: f["schema"] for f in manifest["files"] if f["format"] == "csv"}
    assert schemas["comptage_mobilites_measure"] == {"name": "etalab-comptage-mobilites-measure",
                                                     "version": "0.2.4"}


def _stamp(path: Path) -> str:
    return path.name.rsplit("_", 1)[-1].removesuffix(".csv")


def _realtime(env: dict[str, str], tmp: Path) -> subprocess.CompletedProcess:
    """One pass of the real-time entry point, as `make realtime` runs it."""
    full_env = {k: v for k, v in os.environ.items() if k != "SPMD_PSEUDONYMISATION_KEY"}
    full_env.update({"DBT_PROFILES_DIR": str(ROOT), "DBT_LOG_PATH": str(tmp / "logs"),
                     "DBT_TARGET_PATH": str(tmp / "target"), **env})
    return subprocess.run([str(BIN / "spmd"), "realtime", "--target", "ci"], cwd=ROOT, env=full_env,
                          capture_output=True, text=True, timeout=600)


def test_batches_out_of_order_equal_a_full_rebuild(tmp_path, raw_root):
    """Four hours across the autumn clock change land in five groups in a
    shuffled order, with a traffic batch and a counts batch re-sent under a later
    name landing before their originals; each group is followed by one pass of
    `spmd realtime`. The facts, the current state and the quarantine then equal
    a full rebuild of the same files, and the re-sent copies are the duplicates."""
    src, raw = raw_root / "mobilite", tmp_path / "raw" / "mobilite"
    start, end = "20251025T230000Z", "20251026T030000Z"
    files = [p for feed in FEEDS for p in sorted((src / feed).glob("*.csv")) if start < _stamp(p) <= end]
    assert len(files) > 90
    originals = [next(p for p in files if p.parent.name == feed and _stamp(p) > "20251026T010000Z")
                 for feed in ("trafic", "compteurs")]
    resent = {p: p.with_name(p.name.replace(_stamp(p), _stamp(p)[:-3] + "30Z")) for p in originals}

    order = files[:]
    random.Random(7).shuffle(order)
    groups = [order[i::5] for i in range(5)]
    for p in originals:  # the original lands in the last group, its copy in the first
        for g in groups:
            if p in g:
                g.remove(p)
        groups[-1].append(p)
    groups[0] += [resent[p] for p in originals]

    incremental = tmp_path / "incremental.duckdb"
    env = {"SPMD_RAW_ROOT": str(tmp_path / "raw"), "SPMD_DATABASE": str(incremental)}
    for group in groups:
        for p in group:
            origin = p if p.exists() else next(o for o, r in resent.items() if r == p)
            (raw / p.parent.name).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin, raw / p.parent.name / p.name)
        run = _realtime(env, tmp_path)
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
        assert "real-time pass ok" in run.stdout
        assert "feed trafic: error" in run.stdout  # demo batches of 2025: stale, reported, not fatal

    # attached under its own name: its views name their database
    full = tmp_path / "rebuild.duckdb"
    run = run_dbt([*realtime.DBT_COMMAND, "--target", "ci"],
                  {**env, "SPMD_DATABASE": str(full)}, tmp_path)
    assert run.returncode == 0, run.stdout[-3000:]

    relations = ["internal.fct_mobilite_trafic_15min", "internal.fct_mobilite_parkings_15min",
                 "internal.fct_mobilite_parkings_dernier_etat", "internal.fct_mobilite_comptages_heure",
                 "internal.fct_mobilite_comptages_jour", "opendata.mobilite_parkings_etat_courant",
                 "quarantine.mobilite_rejected_rows"]
    with duckdb.connect(str(incremental)) as con:
        con.execute(f"attach '{full}' as rebuild (read_only)")
        for relation in relations:
            columns = [r[0] for r in con.sql(f"describe {relation}").fetchall()]
            kept = ", ".join(f'"{c}"' for c in columns if c != "charge_le")
            differences = con.sql(
                f"(select {kept} from {relation} except all select {kept} from rebuild.{relation}) "
                f"union all (select {kept} from rebuild.{relation} except all select {kept} from {relation})"
            ).fetchall()
            assert differences == [], relation
            assert con.sql(f"select count(*) from {relation}").fetchone()[0] > 0 or "rejected" in relation
        rejected = con.sql(
            "select regexp_extract(source_file, '[^/]+$') as f, count(*) as n, "
            "count(*) filter (where rejection_reason = 'doublon') as doublons "
            "from quarantine.mobilite_rejected_rows group by 1").fetchall()
    rejected = {f: (n, doublons) for f, n, doublons in rejected}
    for original, copy in resent.items():
        # every line of the copy is quarantined (as a duplicate, or for the
        # reason its original line has); the original, landed first, is used
        lines, doublons = rejected[copy.name]
        original_rejected, original_doublons = rejected.get(original.name, (0, 0))
        assert lines == data_lines(original) and original_doublons == 0
        assert doublons == lines - original_rejected


def test_a_silent_feed_is_reported_per_feed(tmp_path, raw_root):
    """A traffic batch landing now makes that feed fresh; the two others, silent
    since the demo's last batch, are reported stale."""
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    raw = tmp_path / "raw" / "mobilite"
    for feed in FEEDS:
        (raw / feed).mkdir(parents=True)
        last = sorted((raw_root / "mobilite" / feed).glob("*.csv"))[-1]
        shutil.copyfile(last, raw / feed / last.name)
    local = now.astimezone(ZoneInfo(active_profile()["FUSEAU"])).replace(second=0)
    (raw / "trafic" / f"trafic_{now:%Y%m%dT%H%M%SZ}.csv").write_text(
        mobility.TRAFIC_HEADER + "\n" + f"{local.isoformat()};210000_G;48;30;100;freeFlow\n", encoding="utf-8")
    run = _realtime({"SPMD_RAW_ROOT": str(tmp_path / "raw"), "SPMD_DATABASE": str(tmp_path / "rt.duckdb")},
                    tmp_path)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "feed trafic: pass" in run.stdout
    assert "feed parkings: error" in run.stdout and "feed compteurs: error" in run.stdout


def test_same_seed_same_bytes(tmp_path):
    for run in ("a", "b"):
        mobility.generate(tmp_path / run, active_profile(), seed=5, days=1)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert len(files) > 500
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


def test_real_counter_excerpt_with_an_unknown_direction_is_quarantined(tmp_path):
    """The datafactory's real eco-counter excerpt (tests_py/fixtures/real/) counts direction
    code 5 of point 100045818, which the configuration seed does not list: every
    line is quarantined as canal_non_configure naming the channel, nothing of it
    reaches the counts, and the warn test of the daily build reports it."""
    excerpt = ROOT / "tests_py" / "fixtures" / "real" / "eco_counter" / "eco-counter-data_excerpt_first20.csv"
    batch = tmp_path / "raw" / "mobilite" / "compteurs" / "eco-counter-data_20180618T230500Z.csv"
    batch.parent.mkdir(parents=True)
    shutil.copyfile(excerpt, batch)
    env = {"SPMD_RAW_ROOT": str(tmp_path / "raw"), "SPMD_DATABASE": str(tmp_path / "real.duckdb")}
    run = _realtime(env, tmp_path)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    with duckdb.connect(str(tmp_path / "real.duckdb"), read_only=True) as con:
        rejected = con.sql("select rejection_reason, rejection_detail, count(*) from quarantine.mobilite_rejected_rows "
                           "group by all").fetchall()
        counted = con.sql("select count(*) from internal.fct_mobilite_comptages_heure").fetchone()[0]
    assert rejected == [("canal_non_configure", "canal 100045818-5 (point 100045818, sens 5) absent de la "
                         "configuration mobilite_canaux_comptage", data_lines(excerpt))]
    assert counted == 0
    tests = run_dbt(["test", "--target", "ci", "--select", "mobilite_every_counting_channel_is_configured"],
                    env, tmp_path)
    assert tests.returncode == 0 and "WARN 20 mobilite_every_counting_channel_is_configured" in tests.stdout, \
        tests.stdout[-2000:]
