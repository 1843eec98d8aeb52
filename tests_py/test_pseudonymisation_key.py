"""The key in a real dbt run: never written anywhere, stable with the same key,
different with another. Runs three small builds on one maternity's file."""

import shutil

import duckdb
import pytest

from conftest import run_dbt
from spmd.publish import publish

KEY_A = "test-key-A-7f3c9e1b5d2a8f4e6c0b9a7d3e5f1c2b"
KEY_B = "test-key-B-0a1b2c3d4e5f60718293a4b5c6d7e8f9"


def _build(tmp, raw, name, key):
    work = tmp / name
    work.mkdir()
    database = work / "spmd.duckdb"
    env = {"SPMD_RAW_ROOT": str(raw), "SPMD_DATABASE": str(database), "SPMD_PSEUDONYMISATION_KEY": key}
    result = run_dbt(["build", "--target", "dev", "--exclude-resource-type", "unit_test"], env, work)
    assert result.returncode == 0, result.stdout[-3000:]
    docs = run_dbt(["docs", "generate", "--static", "--target", "dev"], env, work)
    assert docs.returncode == 0, docs.stdout[-2000:]
    con = duckdb.connect(str(database), read_only=True)
    ids = dict(con.sql(
        "select source_file || ':' || line_number, naissance_id || '/' || enfant_id from internal.fct_naissances"
    ).fetchall())
    con.close()
    return work, ids


@pytest.fixture(scope="module")
def builds(tmp_path_factory, raw_root):
    tmp = tmp_path_factory.mktemp("keys")
    raw = tmp / "raw" / "naissances" / "format_a"
    raw.mkdir(parents=True)
    shutil.copyfile(raw_root / "naissances" / "format_a" / "naissances_35238_2025.csv",
                    raw / "naissances_35238_2025.csv")
    return {name: _build(tmp, tmp / "raw", name, key)
            for name, key in (("a1", KEY_A), ("a2", KEY_A), ("b", KEY_B))}


def test_same_key_same_pseudonyms_across_builds(builds):
    assert builds["a1"][1] == builds["a2"][1]
    assert len(builds["a1"][1]) > 3000


def test_another_key_changes_every_pseudonym(builds):
    a, b = builds["a1"][1], builds["b"][1]
    assert a.keys() == b.keys()
    a_ids = {i for v in a.values() for i in v.split("/")}
    b_ids = {i for v in b.values() for i in v.split("/")}
    assert not a_ids & b_ids


def test_act_and_child_ids_do_not_join(builds):
    values = builds["a1"][1].values()
    acts = {v.split("/")[0] for v in values}
    children = {v.split("/")[1] for v in values}
    assert not acts & children


def test_the_key_is_written_nowhere(builds, tmp_path):
    work = builds["a1"][0]
    exports = tmp_path / "exports" / "opendata"
    publish(work / "spmd.duckdb", work / "target" / "manifest.json", exports)
    places = [p for p in list(work.rglob("*")) + list(exports.rglob("*"))
              if p.is_file() and p.suffix != ".duckdb"]
    assert any(p.name == "static_index.html" for p in places)
    assert any(p.suffix == ".sql" for p in places)  # compiled and run SQL
    assert any(p.name == "dbt.log" for p in places)
    for key in (KEY_A.encode(), KEY_A.upper().encode()):
        assert not [str(p) for p in places if key in p.read_bytes()]
