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
