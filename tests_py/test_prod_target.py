"""The prod target refuses to run without a secret key, with a clear message."""

from conftest import run_dbt


def test_prod_target_without_key_refuses_to_start(tmp_path):
    result = run_dbt(
        ["debug", "--target", "prod"],
        {"SPMD_DATABASE": str(tmp_path / "prod.duckdb")},
        tmp_path,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "SPMD_PSEUDONYMISATION_KEY is not set" in output
    assert not (tmp_path / "prod.duckdb").exists()
