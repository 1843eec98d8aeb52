"""The governance gates fail a public model that lacks its metadata, privacy tests
or carries identifier-like columns: a copy of the project gets such a model."""

from conftest import copy_project, run_dbt

BAD_SQL = "select 'x'::varchar as nom_parent, 'f00d'::varchar as enfant_id, 3::integer as nombre\n"
BAD_YML = """version: 2
models:
  - name: jeu_sans_gouvernance
    description: A public model added without its governance metadata.
    columns:
      - {name: nom_parent, data_type: varchar, description: a parent's name}
      - {name: enfant_id, data_type: varchar, description: a pseudonym}
      - {name: nombre, data_type: integer, description: a count}
"""


def test_public_model_without_governance_fails_the_build(tmp_path):
    project = tmp_path / "project"
    copy_project(project)
    folder = project / "models" / "marts" / "opendata" / "naissances"
    (folder / "jeu_sans_gouvernance.sql").write_text(BAD_SQL, encoding="utf-8")
    (folder / "_jeu_sans_gouvernance__models.yml").write_text(BAD_YML, encoding="utf-8")

    result = run_dbt(
        ["build", "--project-dir", str(project), "--target", "ci",
         "--select", "jeu_sans_gouvernance", "opendata_models_carry_governance_meta",
         "opendata_columns_are_not_identifiers"],
        {"SPMD_DATABASE": str(tmp_path / "gates.duckdb")},
        tmp_path,
    )
    out = result.stdout
    assert result.returncode != 0
    assert "FAIL" in out and "opendata_models_carry_governance_meta" in out
    assert "opendata_columns_are_not_identifiers" in out
    for line in out.splitlines():
        if "START" not in line and ("governance_meta" in line or "not_identifiers" in line) and "FAIL" in line:
            assert "FAIL 0" not in line
