"""Demo LoRaWAN uplinks of the sensors in public buildings, in the real shape.

The sensors are those of the configuration seed ``capteurs_equipements`` (plus
one that is not in it), in the profile's time zone. Each uplink is a JSON object as
the network server of the real samples delivers them (``../shared/samples/rennes_datafactory/lora/``): the hex payload
**and** ``data``, the payload decoded by the sensor maker's codec, one per line,
one file per day: ``<raw_root>/capteurs/trames_<AAAAMMJJ>.jsonl``.

- energy meters (NKE TIC on a PME-PMI meter), every hour: ``data`` as the real
  frame (``ADS``, ``MESURES1``, ``DATE``, ``PTCOUR1`` the current tariff period,
  ``DebP``, ``EAP_s``/``EAP_i`` the indexes of that period in kWh, ``PS``); the
  off-peak period ``HCE`` from 22:00 to 06:00 local, ``HPE`` otherwise, each with
  its own index; one frame in ten carries no ``EAP_i``, as the real sample;
- one-channel thermometers (Adeunis), every ten minutes, one value; two-channel
  ones every thirty minutes with a history of three values ten minutes apart
  (``values`` = [t=0, t-1, t-2]); payload ``57`` as the real codec writes it;
- one thermometer's frames of one day come without ``data`` (the network server
  did not decode them): the project decodes those payloads itself (codec 57).

Planted defects (``_demo/capteurs_defects.json``): a sensor without mapping, a
meter reset, a silent day of a meter, a truncated payload (on a frame without
``data``), a meter index that is not a number, an alarm frame whose ``data``
holds no configured measure, a line that is not JSON.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import random
from pathlib import Path
from zoneinfo import ZoneInfo

from spmd.profile import Profile

DAYS = 14
START = dt.date(2025, 3, 20)  # the days include the change to summer time (30 March)
# a sensor no configuration names (checked against the profile's seed)
UNMAPPED = "70b3d5e75e00ffff"


def _status(counter: int, two_channels: bool) -> int:
    return (counter % 8) << 5 | (0x10 if two_channels else 0)


def thermometer_payload(counter: int, values: list[float]) -> str:
    """The Adeunis 0x57 payload of the current values (one or two channels)."""
    body = "".join(f"{round(v * 10) & 0xFFFF:04x}" for v in values)
    return f"57{_status(counter, len(values) == 2):02x}{body}"


def tariff_period(when: dt.datetime) -> str:
    """The PME-PMI period of a local time: off-peak 22:00-06:00 (HCE), else peak (HPE)."""
    return "HCE" if when.hour >= 22 or when.hour < 6 else "HPE"


def meter_data(when: dt.datetime, ads: int, indexes: dict[str, float], injected: float | None) -> dict:
    """``data`` of an NKE TIC frame, as the real one: indexes of the current period in kWh."""
    period = tariff_period(when)
    data = {"ADS": ads, "MESURES1": "BT 4 SUP36", "DATE": when.strftime("%d/%m/%y %H:%M:%S"),
            "PTCOUR1": period, "DebP": when.strftime("01/%m/%y 02:00:00"),
            "EAP_s": f"{int(indexes[period])}kWh"}
    if injected is not None:
        data["EAP_i"] = f"{int(injected)}kWh"
    data["PS"] = "42kVA"
    return data


def _frame(deveui: str, when: dt.datetime, payload: str, data: dict, fcnt: int) -> dict:
    return {
        "deveui": deveui, "sensor_id": deveui, "timestamp": when.isoformat(timespec="seconds"),
        "payload_ciphered": None, "payload_deciphered": payload, "data": data,
        "lorawan": {"type": "unconfirmed_data_up", "devaddr": deveui[-8:], "adr": True,
                    "fcnt": fcnt, "port": 1},
        "lora": {"freq": 867.3, "data_rate": "SF7BW125", "rssi": -100, "lsnr": 8.2},
        "gateway": {"best": "AA555A000B0315DD", "number": 3}, "gps": [],
    }


def generate(raw_root: Path, profile: Profile, seed: int) -> dict:
    rng = random.Random(seed)
    zone = ZoneInfo(profile["FUSEAU"])
    with (profile.seeds / "capteurs_equipements.csv").open(encoding="utf-8", newline="") as f:
        sensors = [(r["deveui"], r["type_capteur"]) for r in csv.DictReader(f)]
    if UNMAPPED in {deveui for deveui, _ in sensors}:
        raise ValueError(f"the profile's seed capteurs_equipements names {UNMAPPED}, the demo's unmapped sensor")
    # planted on the profile's own meters: the second is reset, the third silent a day
    meters = [deveui for deveui, kind in sensors if kind == "compteur_energie"]
    reset_sensor, silent_sensor = meters[1], meters[2]
    sensors.append((UNMAPPED, "thermometre"))
    log = {"rows": {}, "files": [], "frames": 0, "frames_without_data": 0}
    indexes = {deveui: {"HPE": float(rng.randrange(20_000, 90_000)), "HCE": float(rng.randrange(5_000, 30_000))}
               for deveui, _ in sensors}
    ads = {deveui: rng.randrange(10**10, 10**11) for deveui, _ in sensors}
    counters = {deveui: 0 for deveui, _ in sensors}
    no_data_sensor = next(deveui for deveui, kind in sensors if kind == "thermometre")
    out = raw_root / "capteurs"
    out.mkdir(parents=True, exist_ok=True)

    def count(reason: str) -> None:
        log["rows"][reason] = log["rows"].get(reason, 0) + 1

    for d in range(DAYS):
        day = START + dt.timedelta(days=d)
        frames: list[tuple[dt.datetime, str]] = []
        for deveui, kind in sensors:
            meter, two_channels = kind == "compteur_energie", kind == "thermometre_2_voies"
            step = 60 if meter else 30 if two_channels else 10
            if deveui == silent_sensor and d == 5:
                continue  # a silent day
            # steps counted in UTC from local midnight: a local day of 23 or 25 hours
            first = dt.datetime.combine(day, dt.time(0, 0), zone).astimezone(dt.timezone.utc)
            for k in range(25 * 60 // step):
                when = (first + dt.timedelta(minutes=k * step + rng.randrange(0, 3))).astimezone(zone)
                if when.date() != day:
                    break
                counters[deveui] += 1
                if meter:
                    load = 2.5 if 7 <= when.hour < 19 and day.weekday() < 5 else 0.6
                    indexes[deveui][tariff_period(when)] += load * rng.uniform(0.8, 1.2)
                    if deveui == reset_sensor and d == 7 and k == 12:
                        indexes[deveui] = {"HPE": 1.0, "HCE": 0.0}  # a new meter counts from zero
                        count("counter_reset")
                    injected = None if rng.random() < 0.1 else 0.0
                    data = meter_data(when, ads[deveui], indexes[deveui], injected)
                    payload = "110a0057" + "".join(f"{rng.randrange(256):02x}" for _ in range(41))
                else:
                    def temperature(at: dt.datetime, offset: float = 0.0) -> float:
                        base = 19.5 + 2.0 * math.sin((at.hour + at.minute / 60 - 9) / 24 * 2 * math.pi)
                        return round(base + offset + rng.uniform(-0.3, 0.3), 1)
                    history = 3 if two_channels else 1
                    times = [when - dt.timedelta(minutes=10 * i) for i in range(history)]
                    channels = [[temperature(t) for t in times]]
                    if two_channels:
                        channels.append([temperature(t, -4.0) for t in times])
                    payload = thermometer_payload(counters[deveui], [c[0] for c in channels])
                    data = {"type": "0x57 Temp 3 periodic data",
                            "status": {"frameCounter": counters[deveui] % 8, "hardwareError": False,
                                       "lowBattery": False, "configurationDone": False,
                                       "configurationInconsistency": False,
                                       "configuration2ChannelsActivated": two_channels},
                            "decodingInfo": "values: [t=0, t-1, t-2, ...]",
                            "temperatures": [{"name": f"temperature {i + 1}", "unit": "°C", "values": values}
                                             for i, values in enumerate(channels)]}
                    if deveui == no_data_sensor and d == 2:
                        data = None  # not decoded by the network server: the payload is
                        log["frames_without_data"] += 1
                frames.append((when, json.dumps(_frame(deveui, when, payload, data, counters[deveui]),
                                                ensure_ascii=False)))
        frames.sort()
        lines = [line for _, line in frames]
        if d == 2:
            i = next(i for i, line in enumerate(lines) if '"data": null' in line)
            frame = json.loads(lines[i])
            frame["payload_deciphered"] = frame["payload_deciphered"][:-3]  # truncated payload
            lines[i] = json.dumps(frame, ensure_ascii=False)
            log["frames_without_data"] -= 1
            count("malformed_payload")
        if d == 3:
            i = next(i for i, line in enumerate(lines) if '"PTCOUR1"' in line)
            frame = json.loads(lines[i])
            # half an hour later the same meter sends an alarm: data, but no measure in it
            later = dt.datetime.fromisoformat(frame["timestamp"]) + dt.timedelta(minutes=30)
            alarm = dict(frame, timestamp=later.isoformat(timespec="seconds"),
                         data={"type": "alarm", "ALARM": "coupure secteur", "DATE": frame["data"]["DATE"]})
            frame["data"]["EAP_s"] = "ERRkWh"  # the meter's display in error
            lines[i] = json.dumps(frame, ensure_ascii=False)
            lines.insert(i + 1, json.dumps(alarm, ensure_ascii=False))
            count("unreadable_measure")
            count("no_configured_measure")
        if d == 4:
            lines.insert(len(lines) // 2, '{"deveui": "0018b22000000146", "timestamp": ')
            count("invalid_json")
        count_unmapped = sum(1 for line in lines if UNMAPPED in line)
        log["rows"]["unmapped_sensor"] = log["rows"].get("unmapped_sensor", 0) + count_unmapped
        log["frames"] += len(lines)
        (out / f"trames_{day:%Y%m%d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    log["files"].append({"sensor": silent_sensor, "defect": "silent_day",
                         "day": (START + dt.timedelta(days=5)).isoformat()})
    log["files"].append({"sensor": reset_sensor, "defect": "counter_reset",
                         "day": (START + dt.timedelta(days=7)).isoformat()})
    log["files"].append({"sensor": no_data_sensor, "defect": "frames_without_data",
                         "day": (START + dt.timedelta(days=2)).isoformat()})
    demo = raw_root / "_demo"
    demo.mkdir(parents=True, exist_ok=True)
    (demo / "capteurs_defects.json").write_text(json.dumps(dict(log, seed=seed), indent=2,
                                                           sort_keys=True) + "\n", encoding="utf-8")
    return log
