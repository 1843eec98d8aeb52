"""The datafactory's real LoRaWAN frames (tests_py/fixtures/real/lora/, copied from the
samples of the datafactory's own pipeline) through the project's models, against the rows
The datafactory's pipeline expects of them: the NKE TIC energy meter read from `data`
(indexes in kWh named after the tariff period), the same frame without EAP_i,
the Adeunis thermometer, and the 2022 frames whose `values` are histories."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil

import duckdb
import pytest

from conftest import ROOT, run_dbt

REAL = ROOT / "tests_py" / "fixtures" / "real" / "lora"


def _frames(name: str) -> list[dict]:
    text = (REAL / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()] if name.endswith(".jsonl") \
        else [json.loads(text)]


def _expected(name: str) -> set[tuple[str, dt.datetime, str, float]]:
    with (REAL / name).open(encoding="utf-8", newline="") as f:
        return {(r["deveui"], _utc(r["timestamp"]), r["name"], float(r["value"])) for r in csv.DictReader(f)}


def _utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(dt.timezone.utc).replace(tzinfo=None)


def _measured(tmp_path, frames: list[dict]) -> set[tuple[str, dt.datetime, str, float]]:
    """The readings the project makes of ``frames``: one raw root, one dbt build."""
    raw = tmp_path / "raw" / "capteurs"
    raw.mkdir(parents=True)
    (raw / "trames_reelles.jsonl").write_text("\n".join(json.dumps(f) for f in frames) + "\n", encoding="utf-8")
    database = tmp_path / "capteurs.duckdb"
    run = run_dbt(["build", "--target", "ci", "--select", "+fct_capteurs_mesures", "+capteurs_rejected_rows",
                   "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"],
                  {"SPMD_RAW_ROOT": str(tmp_path / "raw"), "SPMD_DATABASE": str(database)}, tmp_path)
    assert run.returncode == 0, run.stdout[-3000:]
    with duckdb.connect(str(database), read_only=True) as con:
        rejected = con.sql("select rejection_reason, rejection_detail from quarantine.capteurs_rejected_rows").fetchall()
        rows = con.sql("select deveui, horodatage_utc, mesure, valeur from internal.fct_capteurs_mesures").fetchall()
    assert rejected == []
    return set(rows)


def test_real_meter_and_thermometer_frames_give_rennes_expected_rows(tmp_path):
    frames = _frames("nke_tic_pmepmi_frame.json") + _frames("adeunis_temp_frame.json")
    assert _measured(tmp_path, frames) == _expected("two_sensors_expected.csv")
    assert _expected("two_sensors_expected.csv") == (_expected("nke_tic_pmepmi_expected.csv")
                                                     | _expected("adeunis_temp_expected.csv"))


def test_real_meter_frame_without_eap_i_gives_its_index_alone(tmp_path):
    measured = _measured(tmp_path, _frames("nke_tic_pmepmi_frame_without_eap_i.json"))
    assert measured == _expected("nke_tic_pmepmi_without_eap_i_expected.csv")


def test_real_2022_frames_give_each_value_of_their_history(tmp_path):
    frames = _frames("adeunis_temp_frames_2022-09.jsonl")
    expected = {
        (f["deveui"], _utc(f["timestamp"]) - dt.timedelta(minutes=10 * i), t["name"], float(v))
        for f in frames for t in f["data"]["temperatures"] for i, v in enumerate(t["values"])
    }
    assert len(expected) == 8
    assert _measured(tmp_path, frames) == expected
