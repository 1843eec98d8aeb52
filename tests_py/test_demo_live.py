"""`spmd demo-live`: simulated feeds for the current time, the loop on them, the
dashboard served — in its own folder, never in a raw root that is not the demo's."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess

from conftest import BIN, ROOT


def _demo_live(root, *args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SPMD_PSEUDONYMISATION_KEY"}
    return subprocess.run([str(BIN / "spmd"), "demo-live", "--root", str(root), "--exports", str(ROOT / "exports"),
                           "--port", "0", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_it_refuses_a_raw_root_that_is_not_the_demos(tmp_path):
    raw = tmp_path / "raw" / "mobilite" / "trafic"
    raw.mkdir(parents=True)
    (raw / "trafic_20250101T000500Z.csv").write_text("a real extract\n", encoding="utf-8")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    run = _demo_live(tmp_path, "--minutes", "1")
    assert run.returncode == 1
    assert "is not the live demo's raw root" in run.stderr
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_a_short_live_demo_lands_feeds_for_now_and_refreshes_the_dashboard(tmp_path):
    started = dt.datetime.now(dt.timezone.utc)
    run = _demo_live(tmp_path / "demo", "--minutes", "2", "--every", "1")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert run.stdout.count("real-time pass ok") == 2
    raw = tmp_path / "demo" / "raw"
    assert (raw / "_demo" / "demo-live.json").exists()
    stamps = sorted(p.name.rsplit("_", 1)[-1] for p in (raw / "mobilite" / "parkings").glob("*.csv"))
    last = dt.datetime.strptime(stamps[-1], "%Y%m%dT%H%M%SZ.csv").replace(tzinfo=dt.timezone.utc)
    assert abs((last - started).total_seconds()) < 180
    state = json.loads((tmp_path / "demo" / "site" / "live" / "etat.json").read_text(encoding="utf-8"))
    seen = dt.datetime.fromisoformat(state["parkings"]["releve_utc"].replace("Z", "+00:00"))
    assert abs((seen - started).total_seconds()) < 180
    assert {f["status"] for f in state["fraicheur"].values()} == {"pass"}
    assert state["trafic"]["troncons"] > 100 and state["velos"]["PASSAGES"] > 0
