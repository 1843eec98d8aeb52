"""The publication step: validated before it replaces anything."""

import shutil

import duckdb
import pytest

from conftest import ROOT, project_path
from spmd.publish import PublicationError, publish, table_schema_from_contract


@pytest.fixture
def database_copy(tmp_path):
    source = project_path("SPMD_TEST_DATABASE", "warehouse/spmd_ci.duckdb")
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(source, copy)
    return copy


def test_invalid_row_blocks_the_publication_and_keeps_the_last_export(database_copy, tmp_path):
    exports = tmp_path / "exports" / "opendata"
    exports.mkdir(parents=True)
    (exports / "prenoms.csv").write_text("last good export\n", encoding="utf-8")
    con = duckdb.connect(str(database_copy))
    con.sql("insert into opendata.prenoms values ('Rennes', '35238', 'F', 'jade lowercase', 9, 2025)")
    con.close()
    with pytest.raises(PublicationError, match="prenoms.csv"):
        publish(database_copy, ROOT / "target" / "manifest.json", exports)
    assert (exports / "prenoms.csv").read_text(encoding="utf-8") == "last good export\n"
    assert sorted(p.name for p in exports.parent.iterdir()) == ["opendata"]


def test_publication_replaces_the_folder_and_neutralises_formulas(database_copy, tmp_path):
    exports = tmp_path / "exports" / "opendata"
    exports.mkdir(parents=True)
    (exports / "stale.csv").write_text("old\n", encoding="utf-8")
    con = duckdb.connect(str(database_copy))
    con.sql("update opendata.naissances_par_commune set COMMUNE_NOM = '=HYPERLINK(\"x\")' "
            "where COLL_INSEE = '35238'")
    con.close()
    result = publish(database_copy, ROOT / "target" / "manifest.json", exports)
    assert not (exports / "stale.csv").exists()
    assert {f["model"] for f in result["files"]} >= {"prenoms", "naissances_par_commune"}
    text = (exports / "naissances_par_commune.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text
    assert ',=HYPERLINK' not in text


def test_table_schema_from_a_contract():
    node = {
        "name": "m",
        "description": "d",
        "columns": {
            "A": {"name": "A", "data_type": "varchar", "constraints": [{"type": "not_null"}]},
            "B": {"name": "B", "data_type": "integer", "constraints": []},
            "C": {"name": "C", "data_type": "boolean"},
        },
    }
    schema = table_schema_from_contract(node)
    assert [(f["name"], f["type"]) for f in schema["fields"]] == [
        ("A", "string"), ("B", "integer"), ("C", "boolean")
    ]
    assert schema["fields"][0]["constraints"] == {"required": True}
    assert "constraints" not in schema["fields"][1]
