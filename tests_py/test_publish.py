"""The publication step: validated before it replaces anything."""

import json
import shutil

import duckdb
import pytest
from stdnum import luhn

from conftest import ROOT, project_path
from spmd.publish import (
    PublicationError,
    national_schema_jobs,
    publish,
    published_models,
    table_schema_from_contract,
    validata_errors,
)


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
    # a lower-case first name breaks the national schema's pattern
    con.sql("insert into opendata.prenoms select COMMUNE_NOM, COLL_INSEE, 'F', 'jade lowercase', 9, 2025 "
            "from opendata.prenoms limit 1")
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
            "where COLL_INSEE = (select min(COLL_INSEE) from opendata.naissances_par_commune)")
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


def test_every_export_with_a_national_schema_passes_the_official_validator(exports):
    """Validata's core, as the SCDL's own validator runs it, on the published files."""
    manifest = json.loads((ROOT / "target" / "manifest.json").read_text(encoding="utf-8"))
    jobs = national_schema_jobs(published_models(manifest), exports)
    assert {p.name for p, _ in jobs} >= {"prenoms.csv", "equipements.csv", "deliberations.csv", "subventions.csv",
                                         "catalogue.csv", "comptage_mobilites_measure.csv"}
    assert validata_errors(jobs) == []


def test_a_siret_with_an_invalid_siren_blocks_the_publication(database_copy, tmp_path):
    """A SIRET whose 14-digit key is right but whose SIREN part is not (the demo
    generator's old defect) is refused by Validata: nothing is published."""
    con = duckdb.connect(str(database_copy))
    valid = con.sql("select idAttribuant from opendata.subventions limit 1").fetchone()[0]
    siren = valid[:8] + str((int(valid[8]) + 1) % 10)
    wrong = siren + "0001" + luhn.calc_check_digit(siren + "0001")
    con.sql(f"update opendata.subventions set idBeneficiaire = '{wrong}' "
            "where idBeneficiaire = (select min(idBeneficiaire) from opendata.subventions)")
    con.close()
    exports = tmp_path / "exports" / "opendata"
    with pytest.raises(PublicationError, match=f"subventions.csv: row .* french-siret-value: .*{wrong}"):
        publish(database_copy, ROOT / "target" / "manifest.json", exports)
    assert not exports.exists()
