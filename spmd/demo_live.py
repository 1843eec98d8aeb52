"""The live demo: ``spmd demo-live`` (``make demo-live``).

Simulated real-time feeds for the current time — road traffic, car parks, bike
counters — land as batch files every minute, in the documented formats and with
the daily rhythms of the demo generator (spmd/demo/mobility.py); the real-time
loop runs on them after each landing, and the dashboard is served on 127.0.0.1,
its real-time file rewritten by every pass: a person watches the car parks fill
in the morning.

Everything lives under its own folder (default ``target/demo-live/``): a raw root,
a database and a copy of the site built by ``make build``. The raw root carries a
marker (``_demo/demo-live.json``); a folder that exists without it is not the
demo's and is never written into — neither the demo extracts of ``data/raw`` nor
real ones.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import threading
import time
from pathlib import Path

from spmd import PROJECT_ROOT, dashboard, profile, realtime
from spmd.demo import mobility

DEFAULT_ROOT = PROJECT_ROOT / "target" / "demo-live"
MARKER = Path("_demo") / "demo-live.json"
UTC = dt.timezone.utc


class DemoLiveError(RuntimeError):
    """The demo cannot start; nothing was written."""


def prepare_raw_root(root: Path) -> Path:
    """The demo's raw root under ``root``, marked as such; refuses a raw root
    that is not the demo's."""
    raw = root / "raw"
    if raw.exists() and not (raw / MARKER).exists():
        raise DemoLiveError(f"{raw} exists and is not the live demo's raw root (no {MARKER}): refusing to write "
                            "into it; choose another --root")
    (raw / MARKER).parent.mkdir(parents=True, exist_ok=True)
    (raw / MARKER).write_text(json.dumps({"written_by": "spmd demo-live"}) + "\n", encoding="utf-8")
    return raw


class LiveFeeds:
    """The demo generator's feeds, one batch per call, for the clock's time."""

    def __init__(self, raw: Path, seed: int):
        self.raw = raw
        self.generator = mobility.MobilityGenerator(profile.load(), seed, ())
        self.generator._write_segments(raw / "mobilite" / "referentiel")

    def _write(self, feed: str, name: str, header: str, lines: list[str]) -> None:
        folder = self.raw / "mobilite" / feed
        folder.mkdir(parents=True, exist_ok=True)
        # written aside, renamed in: the loop never reads half a batch
        aside = folder / f".{name}.part"
        aside.write_text(header + "\n" + "".join(line + "\n" for line in lines), encoding="utf-8")
        os.replace(aside, folder / name)

    def land(self, end: dt.datetime, minutes: int = 1) -> None:
        """The batches landing at ``end`` (UTC, on the minute): the traffic of the
        ``minutes`` before, the car parks' state, and at five past each hour the
        bike counts of the hour before."""
        gen, stamp = self.generator, mobility._stamp(end)
        traffic = [gen._traffic_line(seg, end - dt.timedelta(minutes=m), blocked=False)
                   for m in range(minutes, 0, -1) for seg in gen.segments]
        self._write("trafic", f"trafic_{stamp}.csv", mobility.TRAFIC_HEADER, traffic)
        parks = [gen._car_park_line(p, end) for p in range(len(gen.car_parks))]
        self._write("parkings", f"parkings_{stamp}.csv", mobility.PARKINGS_HEADER, parks)
        if end.minute == 5:
            self.land_counts(end - dt.timedelta(minutes=5))

    def land_counts(self, hour_end: dt.datetime) -> None:
        start = hour_end - dt.timedelta(hours=1)
        lines = [self.generator._count_line(channel, start) for channel in self.generator.channels]
        stamp = mobility._stamp(hour_end + dt.timedelta(minutes=5))
        self._write("compteurs", f"eco-counter-data_{stamp}.csv", mobility.COMPTEURS_HEADER, lines)

    def backfill(self, now: dt.datetime, hours: int = 2) -> None:
        """What would have landed before the demo started: the last ``hours`` of
        traffic and car parks (5-minute batches), the bike counts since local
        midnight (and of the last ``hours`` at least)."""
        end = now.replace(second=0, microsecond=0) - dt.timedelta(minutes=now.minute % 5)
        for k in range(hours * 12, 0, -1):
            self.land(end - dt.timedelta(minutes=5 * k), minutes=5)
        zone = self.generator.zone
        midnight = dt.datetime.combine(now.astimezone(zone).date(), dt.time(), zone)
        first = min(midnight.astimezone(UTC), now.replace(minute=0, second=0, microsecond=0)
                    - dt.timedelta(hours=hours))
        hour_end = first + dt.timedelta(hours=1)
        while hour_end + dt.timedelta(minutes=5) <= now:
            self.land_counts(hour_end)
            hour_end += dt.timedelta(hours=1)


def run(root: Path, exports: Path, port: int, passes: int | None, every: float, seed: int,
        clock=lambda: dt.datetime.now(UTC)) -> int:
    site_built = exports / "dashboard"
    if not (site_built / "index.html").exists():
        raise DemoLiveError(f"{site_built}/index.html missing: run `make build` first (the demo serves its pages)")
    raw = prepare_raw_root(root)
    site = root / "site"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(site_built, site)
    # the loop's environment: the demo's raw root and database, nothing else
    os.environ.update({"SPMD_RAW_ROOT": str(raw), "SPMD_DATABASE": str(root / "warehouse" / "spmd.duckdb"),
                       "DBT_TARGET_PATH": str(root / "dbt-target"), "DBT_LOG_PATH": str(root / "logs")})
    feeds = LiveFeeds(raw, seed)
    feeds.backfill(clock())
    server = dashboard.make_server(site, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"démo en direct : http://127.0.0.1:{server.server_address[1]}/ — flux simulés dans {raw} "
          f"(Ctrl-C pour arrêter)", flush=True)
    done, status = 0, 0
    try:
        while passes is None or done < passes:
            started = time.monotonic()
            feeds.land(clock().replace(second=0, microsecond=0))
            report = realtime.run_pass("dev", PROJECT_ROOT, True, site)
            print("\n".join(report.lines()), flush=True)
            status = 0 if report.ok else 1
            done += 1
            if passes is None or done < passes:
                time.sleep(max(0.0, every - (time.monotonic() - started)))
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return status
