"""Demo real-time mobility feeds: road traffic, car parks and bike counters.

Files land in time-stamped batches under ``<raw_root>/mobilite/``, the landing time
(UTC) in their name (docs/formats/mobilite.md):

- ``trafic/trafic_<AAAAMMJJ>T<HHMMSS>Z.csv``: every 5 minutes, one record per road
  segment and minute of the 5 minutes before, exactly the columns of
  ``../shared/samples/rennes_datafactory/trafic_raw_sample.csv`` (its header ends
  with a ``;``, its lines do not; local time with its offset);
- ``parkings/parkings_<stamp>.csv``: every 5 minutes, the state of each car park
  (open / closed / full, free places, capacity, ``"lat, lon"``);
- ``compteurs/eco-counter-data_<stamp>.csv``: every hour, the count of the hour
  before per counting point and direction, exactly the columns of the eco-counter
  export (``date;isoDate;counts;status;ID;name;sens;counter;geo``) with its defect:
  ``isoDate`` is ``date`` minus two hours, still labelled ``+0200``;
- ``referentiel/troncons.csv``: the referential of the road segments (id, name,
  road class, length, geometry as a GeoJSON ``LineString``), which the traffic feed
  does not carry. Its format is the SPMD's (docs/formats/mobilite.md), in the
  style of the portals' exports.

Times are the profile's local time (SPMD_METROPOLE_FUSEAU). The default demo covers
two weekends around the clock changes of 2025 (the European ones):
29-30 March 2025 (a 23-hour Sunday) and 25-26 October 2025 (a 25-hour Sunday). The
benchmark writes 90 continuous days (``days``).

Planted defects (``_demo/mobilite_defects.json``): records delivered hours late, a
batch re-sent under a later name and records repeated in the next batch
(duplicates across batches), out-of-range speeds, a batch whose last line is cut,
a car park reporting more free places than its capacity, a bike counter channel
that goes silent; in the referential, a segment without geometry, a segment listed
twice, a segment of the feed the referential omits.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from pathlib import Path
from zoneinfo import ZoneInfo

from spmd.demo.defects import DefectLog
from spmd.profile import Profile, read_csv

UTC = dt.timezone.utc
# two weekends with a clock change: 30 March 2025 (23 h), 26 October 2025 (25 h)
DEMO_PERIODS = ((dt.date(2025, 3, 29), 2), (dt.date(2025, 10, 25), 2))
SEGMENTS = 120
BATCH_MINUTES = 5

TRAFIC_HEADER = ("datetime;predefinedLocationReference;averageVehicleSpeed;travelTime;"
                 "travelTimeReliability;trafficStatus;")
PARKINGS_HEADER = "id;nom;etat;places_libres;capacite;horodatage;geo"
COMPTEURS_HEADER = "date;isoDate;counts;status;ID;name;sens;counter;geo"
TRONCONS_HEADER = "predefinedLocationReference;denomination;hierarchie;longueur_m;geo_shape"
# The roads, car parks and counting sites come from the profile's demo referentials
# (metropoles/<name>/demo/routes.csv, parkings.csv, compteurs.csv, invented for the demo);
# the counting channels from its seed mobilite_canaux_comptage.


def _iso_local(when: dt.datetime, zone: ZoneInfo) -> str:
    """Local time with its offset: 2025-10-26T02:15:00+01:00."""
    return when.astimezone(zone).isoformat(timespec="seconds")


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _profile(local_hour: float, weekday: int) -> float:
    """Relative traffic demand at a local hour (commuter peaks on weekdays)."""
    peaks = (math.exp(-((local_hour - 8.2) ** 2) / 1.2) + math.exp(-((local_hour - 17.8) ** 2) / 1.8))
    if weekday >= 5:
        peaks = 0.55 * math.exp(-((local_hour - 15.5) ** 2) / 8)
    night = 0.08 if local_hour < 6 or local_hour >= 22 else 0.3
    return night + peaks


class MobilityGenerator:
    def __init__(self, profile: Profile, seed: int, periods: tuple[tuple[dt.date, int], ...],
                 channels: list[dict[str, str]] | None = None):
        self.rng = random.Random(seed)
        self.seed = seed
        self.periods = periods
        self.zone = ZoneInfo(profile["FUSEAU"])
        self.channels = channels if channels is not None else read_csv(profile.seeds / "mobilite_canaux_comptage.csv")
        self.car_parks = [(row["nom"], int(row["capacite"]), row["latitude"], row["longitude"],
                           row["parc_relais"] == "oui") for row in profile.demo_referential("parkings.csv")]
        self.counter_sites = {row["site_id"]: (row["nom"], row["latitude"], row["longitude"], row["compteur"])
                              for row in profile.demo_referential("compteurs.csv")}
        self.roads = [(row["nom"], row["hierarchie"]) for row in profile.demo_referential("routes.csv")]
        # planted on the profile's own rows: a channel that goes silent, a site whose
        # counts arrive late (the channel and the site after it, mid-list)
        self.silent_channel = (lambda c: (c["site_id"], c["sens"]))(self.channels[len(self.channels) // 2 - 1])
        self.late_site = self.channels[len(self.channels) // 2]["site_id"]
        self.log = DefectLog()
        rng = self.rng
        self.segments = [
            {
                "id": f"{210000 + 37 * i}_{'D' if i % 2 else 'G'}",
                "free_speed": rng.choice((30, 50, 50, 70, 90, 110)),
                "length_m": rng.randint(80, 2500),
                "reliability": rng.choice((0, 50, 75, 100, 100)),
                "sensitivity": rng.uniform(0.2, 0.9),
            }
            for i in range(SEGMENTS)
        ]

    # -- time -------------------------------------------------------------------
    def _batches(self) -> list[dt.datetime]:
        """UTC ends of the 5-minute batches of every period (local midnight to midnight)."""
        ends = []
        for first_day, days in self.periods:
            start = dt.datetime.combine(first_day, dt.time(), self.zone).astimezone(UTC)
            stop = dt.datetime.combine(first_day + dt.timedelta(days=days), dt.time(), self.zone).astimezone(UTC)
            t = start + dt.timedelta(minutes=BATCH_MINUTES)
            while t <= stop:
                ends.append(t)
                t += dt.timedelta(minutes=BATCH_MINUTES)
        return ends

    # -- road traffic -------------------------------------------------------------
    def _incidents(self, batches: list[dt.datetime]) -> list[tuple[str, dt.datetime, dt.datetime]]:
        rng = self.rng
        incidents = []
        for _ in range(max(3, len(batches) // 150)):
            start = rng.choice(batches)
            incidents.append((rng.choice(self.segments)["id"], start, start + dt.timedelta(minutes=rng.randint(20, 90))))
        return incidents

    def _traffic_line(self, seg: dict, minute: dt.datetime, blocked: bool) -> str:
        local = minute.astimezone(self.zone)
        demand = _profile(local.hour + local.minute / 60, local.weekday())
        factor = max(0.08, 1 - seg["sensitivity"] * demand + self.rng.gauss(0, 0.05))
        if blocked:
            factor = self.rng.uniform(0.05, 0.2)
        speed = max(1, round(seg["free_speed"] * min(factor, 1.1)))
        ratio = speed / seg["free_speed"]
        status = "freeFlow" if ratio > 0.7 else "heavy" if ratio > 0.4 else "congested"
        travel = round(seg["length_m"] / (speed / 3.6))
        return f"{_iso_local(minute, self.zone)};{seg['id']};{speed};{travel};{seg['reliability']};{status}"

    def _write_traffic(self, folder: Path, batches: list[dt.datetime]) -> None:
        rng, log = self.rng, self.log
        folder.mkdir(parents=True, exist_ok=True)
        incidents = self._incidents(batches)
        late_at = batches[len(batches) // 3]
        late_segments = {s["id"] for s in self.segments[:10]}
        held: list[str] = []  # records of late_segments delivered three hours late
        resend = batches[len(batches) // 2]
        truncated = batches[len(batches) // 4]
        # never in the re-sent batch: each planted line has exactly one reason
        out_of_range = set(rng.sample(range(len(batches)), 6)) - {batches.index(resend)}
        previous: list[str] = []
        for b, end in enumerate(batches):
            lines = []
            for m in range(BATCH_MINUTES, 0, -1):
                minute = end - dt.timedelta(minutes=m)
                for seg in self.segments:
                    if rng.random() < 0.06:  # a minute without a value, as in the real feed
                        continue
                    blocked = any(i == seg["id"] and a <= minute < z for i, a, z in incidents)
                    line = self._traffic_line(seg, minute, blocked)
                    if late_at - dt.timedelta(minutes=30) < end <= late_at and seg["id"] in late_segments:
                        held.append(line)
                        continue
                    lines.append(line)
            if b in out_of_range:
                i = rng.randrange(len(lines) // 2)  # not in the tail repeated by the next batch
                fields = lines[i].split(";")
                fields[2] = rng.choice(("255", "-1", "612"))
                lines[i] = ";".join(fields)
                log.count("trafic:vitesse_hors_plage")
            if end == late_at + dt.timedelta(hours=3):
                lines += held
                log.count("trafic:en_retard", len(held))
            if previous and b % 97 == 5:
                # the last minute of the previous batch sent again at the head of this one
                again = previous[-SEGMENTS // 2:]
                lines = again + lines
                log.count("trafic:doublon", len(again))
            body = TRAFIC_HEADER + "\n" + "".join(x + "\n" for x in lines)
            if end == truncated:
                body = body[: body.rstrip("\n").rfind("\n") + 1] + lines[-1][:28] + "\n"
                log.count("trafic:wrong_field_count")
                log.files.append({"file": f"trafic_{_stamp(end)}.csv", "defect": "truncated_last_line"})
            (folder / f"trafic_{_stamp(end)}.csv").write_text(body, encoding="utf-8")
            if end == resend:
                again_at = end + dt.timedelta(minutes=2)
                (folder / f"trafic_{_stamp(again_at)}.csv").write_text(body, encoding="utf-8")
                log.count("trafic:doublon", len(lines))
                log.files.append({"file": f"trafic_{_stamp(again_at)}.csv", "defect": "resent_batch"})
            previous = lines[:-1] if end == truncated else lines

    # -- car parks ------------------------------------------------------------------
    def _car_park_line(self, p: int, end: dt.datetime, glitch: bool = False) -> str:
        """The state of car park ``p`` at ``end``: full in the afternoon in the
        centre, at the commuter peaks for the park-and-ride ones (closed at night)."""
        name, capacity, lat, lon, park_and_ride = self.car_parks[p]
        local = end.astimezone(self.zone)
        hour = local.hour + local.minute / 60
        demand = _profile(hour, local.weekday()) if park_and_ride else 0.25 + 0.6 * math.exp(-((hour - 15) ** 2) / 12)
        occupied = min(capacity, max(0, round(capacity * min(1, demand) + self.rng.gauss(0, capacity * 0.02))))
        free = capacity - occupied
        closed = park_and_ride and (hour < 5 or hour >= 23.5)
        state = "FERME" if closed else "COMPLET" if free == 0 else "OUVERT"
        if closed:
            free = capacity
        if glitch:
            free = capacity + self.rng.randint(5, 40)
            self.log.count("parkings:places_hors_plage")
        return f"PRK{p + 1:03d};{name};{state};{free};{capacity};{_iso_local(end, self.zone)};{lat}, {lon}"

    def _write_car_parks(self, folder: Path, batches: list[dt.datetime]) -> None:
        rng, log = self.rng, self.log
        folder.mkdir(parents=True, exist_ok=True)
        resend = batches[len(batches) // 2 + 7]
        glitch = set(rng.sample(range(len(batches)), 4)) - {batches.index(resend)}
        for b, end in enumerate(batches):
            lines = []
            for p in range(len(self.car_parks)):
                lines.append(self._car_park_line(p, end, glitch=b in glitch and p == b % len(self.car_parks)))
            body = PARKINGS_HEADER + "\n" + "".join(x + "\n" for x in lines)
            (folder / f"parkings_{_stamp(end)}.csv").write_text(body, encoding="utf-8")
            if end == resend:
                again_at = end + dt.timedelta(minutes=1)
                (folder / f"parkings_{_stamp(again_at)}.csv").write_text(body, encoding="utf-8")
                log.count("parkings:doublon", len(lines))
                log.files.append({"file": f"parkings_{_stamp(again_at)}.csv", "defect": "resent_batch"})

    # -- bike counters --------------------------------------------------------------
    def _count_line(self, channel: dict[str, str], hour_start: dt.datetime) -> str:
        name, lat, lon, counter = self.counter_sites[channel["site_id"]]
        local = hour_start.astimezone(self.zone)
        base = 1 + 150 * max(0.0, _profile(local.hour + 0.5, local.weekday()) - 0.06)
        count = max(0, round(self.rng.gauss(base, math.sqrt(base))))
        # the export's defect: isoDate is date minus two hours, still labelled +0200
        iso_wrong = (local.replace(tzinfo=None) - dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S") + "+0200"
        return (f"{_iso_local(hour_start, self.zone)};{iso_wrong};{count};0;{channel['site_id']};{name};"
                f"{channel['sens']};{counter};{lat}, {lon}")

    def _write_counters(self, folder: Path, batches: list[dt.datetime]) -> None:
        log = self.log
        folder.mkdir(parents=True, exist_ok=True)
        hours = [end for end in batches if end.minute == 0]
        silent_from = hours[len(hours) * 3 // 4]
        late_site = self.late_site
        late_from, late_to = hours[len(hours) // 3], hours[len(hours) // 3 + 6]
        held: list[str] = []
        resend = hours[len(hours) // 2 + 1]
        for end in hours:
            start = end - dt.timedelta(hours=1)
            lines = []
            for channel in self.channels:
                if (channel["site_id"], channel["sens"]) == self.silent_channel and end > silent_from:
                    continue
                line = self._count_line(channel, start)
                if channel["site_id"] == late_site and late_from < end <= late_to:
                    held.append(line)
                    continue
                lines.append(line)
            if end == late_to + dt.timedelta(hours=1):
                lines += held
                log.count("comptages:en_retard", len(held))
            stamp = _stamp(end + dt.timedelta(minutes=5))
            body = COMPTEURS_HEADER + "\n" + "".join(x + "\n" for x in lines)
            (folder / f"eco-counter-data_{stamp}.csv").write_text(body, encoding="utf-8")
            if end == resend:
                again = _stamp(end + dt.timedelta(minutes=7))
                (folder / f"eco-counter-data_{again}.csv").write_text(body, encoding="utf-8")
                log.count("comptages:doublon", len(lines))
                log.files.append({"file": f"eco-counter-data_{again}.csv", "defect": "resent_batch"})
        log.files.append({"channel": "-".join(self.silent_channel), "defect": "silent_channel",
                          "since": silent_from.isoformat()})

    # -- road segments referential ------------------------------------------------
    def _write_segments(self, folder: Path) -> None:
        """Each segment as a line of 2 to 4 points, placed around the car parks'
        centre; a generator of its own, so the feeds stay byte-identical."""
        rng, log = random.Random(f"{self.seed}:troncons"), self.log
        folder.mkdir(parents=True, exist_ok=True)
        lat0 = sum(float(p[2]) for p in self.car_parks) / len(self.car_parks)
        lon0 = sum(float(p[3]) for p in self.car_parks) / len(self.car_parks)
        metres_lat, metres_lon = 111_320.0, 111_320.0 * math.cos(math.radians(lat0))
        lines = []
        omitted = self.segments[-1]["id"]  # in the feed, absent from the referential
        for i, seg in enumerate(self.segments):
            if seg["id"] == omitted:
                continue
            name, hierarchy = self.roads[i % len(self.roads)]
            distance, bearing = rng.uniform(300, 7000), rng.uniform(0, 2 * math.pi)
            y, x = distance * math.cos(bearing), distance * math.sin(bearing)
            heading = bearing + math.pi / 2 + rng.uniform(-0.6, 0.6)
            points = [(x, y)]
            pieces = rng.randint(1, 3)
            for _ in range(pieces):
                heading += rng.uniform(-0.4, 0.4)
                step = seg["length_m"] / pieces
                x, y = x + step * math.sin(heading), y + step * math.cos(heading)
                points.append((x, y))
            coordinates = ", ".join(f"[{lon0 + px / metres_lon:.6f}, {lat0 + py / metres_lat:.6f}]"
                                    for px, py in points)
            shape = '{""type"": ""LineString"", ""coordinates"": [' + coordinates + "]}"
            if i == 7:
                shape = ""
                log.count("troncons:geometrie_invalide")
            lines.append(f'{seg["id"]};{name};{hierarchy};{seg["length_m"]};"{shape}"')
        lines.append(lines[3])
        log.count("troncons:doublon")
        log.files.append({"segment": omitted, "defect": "segment_missing_from_referential"})
        body = TRONCONS_HEADER + "\n" + "".join(x + "\n" for x in lines)
        (folder / "troncons.csv").write_text(body, encoding="utf-8")

    def write(self, raw_root: Path) -> DefectLog:
        root = raw_root / "mobilite"
        batches = self._batches()
        self._write_segments(root / "referentiel")
        self._write_traffic(root / "trafic", batches)
        self._write_car_parks(root / "parkings", batches)
        self._write_counters(root / "compteurs", batches)
        return self.log


def generate(raw_root: Path, profile: Profile, seed: int, days: int | None = None) -> DefectLog:
    """Write the demo feeds of ``profile``; ``days`` = that many continuous days from
    1 September 2025 (the benchmark) instead of the two clock-change weekends."""
    periods = ((dt.date(2025, 9, 1), days),) if days else DEMO_PERIODS
    log = MobilityGenerator(profile, seed, periods).write(raw_root)
    demo = raw_root / "_demo"
    demo.mkdir(parents=True, exist_ok=True)
    (demo / "mobilite_defects.json").write_text(json.dumps(
        {"seed": seed, "periods": [[d.isoformat(), n] for d, n in periods], "segments": SEGMENTS,
         "rows": log.rows, "files": log.files}, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
        encoding="utf-8")
    return log
