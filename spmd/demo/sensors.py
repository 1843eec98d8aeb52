"""Demo LoRaWAN uplinks of the sensors in public buildings.

The sensors are those of the configuration seed ``capteurs_equipements`` (plus
one that is not in it): energy meters sending their cumulative index every hour,
thermometers with one or two channels every ten minutes. Each uplink is a JSON
object in the shape of the network server's export
(``../shared/samples/rennes_datafactory/lora_energy_trame_sample.json``), one per
line, one file per day: ``<raw_root>/capteurs/trames_<AAAAMMJJ>.jsonl``.

Payloads (hex, decoded by the staging model; docs/formats/capteurs.md):
- ``57`` thermometer: status byte (bits 7-5 frame counter, bit 4 second channel
  activated), then one signed 16-bit big-endian value per channel, in 0.1 °C;
- ``4e`` energy meter: status byte, then EAP_i (energy of the last interval, Wh)
  and EAP_s (cumulative index, Wh), unsigned 32-bit big-endian.

Planted defects (``_demo/capteurs_defects.json``): a sensor without mapping, a
counter reset, a silent day of a meter, a malformed payload, a line that is not
JSON.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import random
from pathlib import Path
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
DAYS = 14
START = dt.date(2025, 3, 20)  # the days include the change to summer time (30 March)
UNMAPPED = "70b3d5e75e00ffff"
RESET_SENSOR = "70b3d5e75e003e9a"
SILENT_SENSOR = "70b3d5e75e00310c"


def _status(counter: int, two_channels: bool) -> int:
    return (counter % 8) << 5 | (0x10 if two_channels else 0)


def thermometer_payload(counter: int, values: list[float]) -> str:
    body = "".join(f"{round(v * 10) & 0xFFFF:04x}" for v in values)
    return f"57{_status(counter, len(values) == 2):02x}{body}"


def meter_payload(counter: int, interval_wh: int, index_wh: int) -> str:
    return f"4e{_status(counter, False):02x}{interval_wh:08x}{index_wh:08x}"


def _frame(deveui: str, when: dt.datetime, payload: str, data: dict, fcnt: int) -> dict:
    return {
        "deveui": deveui, "sensor_id": deveui, "timestamp": when.isoformat(timespec="seconds"),
        "payload_ciphered": None, "payload_deciphered": payload, "data": data,
        "lorawan": {"type": "unconfirmed_data_up", "devaddr": deveui[-8:], "adr": True,
                    "fcnt": fcnt, "port": 1},
        "lora": {"freq": 867.3, "data_rate": "SF7BW125", "rssi": -100, "lsnr": 8.2},
        "gateway": {"best": "AA555A000B0315DD", "number": 3}, "gps": [],
    }


def generate(raw_root: Path, mapping_csv: Path, seed: int) -> dict:
    rng = random.Random(seed)
    with mapping_csv.open(encoding="utf-8", newline="") as f:
        sensors = [(r["deveui"], r["type_capteur"]) for r in csv.DictReader(f)]
    sensors.append((UNMAPPED, "thermometre"))
    log = {"rows": {}, "files": [], "frames": 0}
    state = {deveui: rng.randrange(5_000_000, 90_000_000) for deveui, _ in sensors}
    counters = {deveui: 0 for deveui, _ in sensors}
    out = raw_root / "capteurs"
    out.mkdir(parents=True, exist_ok=True)

    def count(reason: str) -> None:
        log["rows"][reason] = log["rows"].get(reason, 0) + 1

    for d in range(DAYS):
        day = START + dt.timedelta(days=d)
        frames: list[tuple[dt.datetime, str]] = []
        for deveui, kind in sensors:
            meter = kind == "compteur_energie"
            step = 60 if meter else 10
            if deveui == SILENT_SENSOR and d == 5:
                continue  # a silent day
            # steps counted in UTC from local midnight: a local day of 23 or 25 hours
            first = dt.datetime.combine(day, dt.time(0, 0), PARIS).astimezone(dt.timezone.utc)
            for k in range(25 * 60 // step):
                when = (first + dt.timedelta(minutes=k * step + rng.randrange(0, 3))).astimezone(PARIS)
                if when.date() != day:
                    break
                counters[deveui] += 1
                if meter:
                    hour = when.hour
                    load = 2500 if 7 <= hour < 19 and day.weekday() < 5 else 600
                    interval = int(load * rng.uniform(0.8, 1.2))
                    state[deveui] += interval
                    if deveui == RESET_SENSOR and d == 7 and k == 12:
                        state[deveui] = interval  # the meter restarts from zero
                        count("counter_reset")
                    payload = meter_payload(counters[deveui], interval, state[deveui])
                    data = {"type": "energy meter index", "measures": [
                        {"name": "PTCOUR1:HPE:EAP_i", "unit": "Wh", "value": interval},
                        {"name": "PTCOUR1:HPE:EAP_s", "unit": "Wh", "value": state[deveui]}]}
                else:
                    base = 19.5 + 2.0 * math.sin((when.hour - 9) / 24 * 2 * math.pi)
                    values = [round(base + rng.uniform(-0.3, 0.3), 1)]
                    if kind == "thermometre_2_voies":
                        values.append(round(base - 4 + rng.uniform(-0.3, 0.3), 1))
                    payload = thermometer_payload(counters[deveui], values)
                    data = {"type": "0x57 Temp 3 periodic data", "temperatures": [
                        {"name": f"temperature {i + 1}", "unit": "°C", "values": [v]}
                        for i, v in enumerate(values)]}
                frames.append((when, json.dumps(_frame(deveui, when, payload, data, counters[deveui]),
                                                ensure_ascii=False)))
        frames.sort()
        lines = [line for _, line in frames]
        if d == 3:
            i = rng.randrange(len(lines))
            frame = json.loads(lines[i])
            frame["payload_deciphered"] = frame["payload_deciphered"][:-3]  # truncated payload
            lines[i] = json.dumps(frame, ensure_ascii=False)
            count("malformed_payload")
        if d == 4:
            lines.insert(len(lines) // 2, '{"deveui": "0018b22000000146", "timestamp": ')
            count("invalid_json")
        count_unmapped = sum(1 for line in lines if UNMAPPED in line)
        log["rows"]["unmapped_sensor"] = log["rows"].get("unmapped_sensor", 0) + count_unmapped
        log["frames"] += len(lines)
        (out / f"trames_{day:%Y%m%d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    log["files"].append({"sensor": SILENT_SENSOR, "defect": "silent_day",
                         "day": (START + dt.timedelta(days=5)).isoformat()})
    log["files"].append({"sensor": RESET_SENSOR, "defect": "counter_reset",
                         "day": (START + dt.timedelta(days=7)).isoformat()})
    demo = raw_root / "_demo"
    demo.mkdir(parents=True, exist_ok=True)
    (demo / "capteurs_defects.json").write_text(json.dumps(dict(log, seed=seed), indent=2,
                                                           sort_keys=True) + "\n", encoding="utf-8")
    return log
