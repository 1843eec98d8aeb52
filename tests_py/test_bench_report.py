"""The benchmark report: ratios and marginal costs computed from the measures."""

from spmd.bench import write_report


def _result(scale, rows, build, run, direct, scan):
    return {"scale": scale, "raw_rows": rows, "raw_mib": 1.0, "build_s": build, "build_peak_mib": 100,
            "run_s": run, "direct_s": direct, "scan_s": scan, "rows_per_s_build": round(rows / build),
            "slowest_models": [("stg_x", 1.5)]}


def test_report_has_ratios_and_marginal_costs(tmp_path):
    out = tmp_path / "bench.md"
    write_report([_result(0, 0, 10.0, 5.0, 0.1, 0.0), _result(1, 1000, 11.0, 6.0, 1.0, 0.5),
                  _result(4, 4000, 14.0, 9.0, 4.0, 1.0)], out, "spmd bench --scales 0 1 4")
    text = out.read_text()
    assert "| 1 | 1,000 | 1.0 | 11.0 | 100 | 91 | 6.0 | 1.0 | 6.0 | 0.5 | 22 |" in text
    assert "| 4 | 4,000 | 1.0 | 14.0 | 100 | 286 | 9.0 | 4.0 | 2.2 | 1.0 | 14 |" in text
    assert "scale 1 → 4: 1000.0 ms per 1,000 raw rows" in text
    assert "`stg_x`: 1.50 s" in text


def test_real_time_report_computes_ratios_and_verdicts(tmp_path):
    from spmd.bench_mobilite import TARGETS, write_report as write_mobility_report

    result = {"days": 90, "batch_minutes": 5, "segments": 120, "history_files": 54000,
              "history_traffic_lines": 14_000_000, "raw_mib": 787, "build_s": 150.0, "build_peak_mib": 8000,
              "direct_s": 90.0, "startup_s": 3.0, "freshness_pass_s": 7.0, "traffic_windows": 1_000_000,
              "batches": 2, "batch_files": [3, 2], "batch_traffic_lines": 568, "pass_long_s": [6.0, 6.6],
              "pass_one_day_s": [4.0, 4.4], "median_long_s": 6.3, "median_one_day_s": 4.2,
              "slowest_models": [("stg_x", 60.0)], "pass_slowest_models": [("fct_y", 0.3)], **TARGETS}
    out = tmp_path / "bench.md"
    write_mobility_report(result, out, "spmd bench-mobilite --days 90")
    text = out.read_text()
    assert "6.3 s / 4.2 s = **1.50** | ≤ 1.3 | **missed** |" in text   # the history costs
    assert "6.3 s, of which dbt start-up 3.0 s (48%) | < 10 s | met |" in text
    assert "150.0 s / 90.0 s = **1.67** (peak 8,000 MiB) | ≤ 1.5 | **missed** |" in text


def test_waste_report_and_held_back_days(tmp_path):
    from spmd.bench_dechets import (TARGETS, _drop_photos_after_last_lift_day, _hold_back_last_day,
                                    write_report as write_waste_report)

    raw = tmp_path / "raw"
    for name in ("levees/dechets_levees_20260101_LU-010-OM.csv", "levees/dechets_levees_20260102_LU-010-OM.csv",
                 "ref_bac/dechets_ref_bac_20260101.csv", "ref_bac/dechets_ref_bac_20260102.csv",
                 "ref_bac/dechets_ref_bac_20260103.csv", "ref_producteur/dechets_ref_producteur_20260104.csv"):
        (raw / "dechets" / name).parent.mkdir(parents=True, exist_ok=True)
        (raw / "dechets" / name).write_text("h\n")
    # the photos after the last lift day go (they would make the held-back ones late)
    _drop_photos_after_last_lift_day(raw)
    assert _hold_back_last_day(raw, tmp_path / "second") == "20260102"
    assert _hold_back_last_day(raw, tmp_path / "first") == "20260101"
    assert sorted(p.name for p in (raw / "dechets").rglob("*.csv")) == []
    assert sorted(p.name for p in (tmp_path / "second").rglob("*.csv")) == [
        "dechets_levees_20260102_LU-010-OM.csv", "dechets_ref_bac_20260102.csv"]

    result = {"weeks": 52, "lift_lines": 4_000_000, "photo_lines": 72_000_000, "lifts_kept": 3_990_000,
              "raw_mib": 5940, "build_s": 93.0, "build_peak_mib": 3000, "lifts_per_s": 43011, "run_s": 90.0,
              "direct_s": 75.0, "daily_day": "20260101", "daily_lifts": 15000, "daily_s": 20.0,
              "daily_peak_mib": 4000, "second_day": "20260102", "daily_run_s": 12.0, "startup_s": 4.0,
              "slowest_models": [("stg_x", 30.0)], "daily_slowest_models": [("fct_y", 1.0)], **TARGETS}
    out = tmp_path / "bench.md"
    write_waste_report(result, out, "spmd bench-dechets --weeks 52")
    text = out.read_text()
    assert "93.0 s, peak 3,000 MiB, 43,011 lifts/s | < 120 s | met |" in text
    assert "20.0 s, peak 4,000 MiB | < 15 s | **missed** |" in text
    assert "(the models alone) | 12.0 s | < 15 s | met |" in text
    assert "90.0 s / 75.0 s = **1.20** | < 1.5 | met |" in text
    assert "## The daily run misses its target" in text
    write_waste_report({**result, "daily_s": 12.0, "daily_run_s": 11.0}, out, "spmd bench-dechets --weeks 52")
    text = out.read_text()
    assert "12.0 s, peak 4,000 MiB | < 15 s | met |" in text
    assert "## The daily run misses its target" not in text
