"""The README's analyst commands, run as written, on a copy of the warehouse laid
out as the README says (warehouse/spmd.duckdb next to the project's .venv), and
every relation an analyst reads queried from a copy under another file name: no
view names its database (macro ref, macros/naming/ref.sql)."""

from __future__ import annotations

import re
import shutil
import subprocess

import duckdb
import pytest

from conftest import ROOT, project_path

ANALYST_SCHEMAS = ("opendata", "internal", "quarantine")


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"## {title}")
    return text[start:text.index("\n## ", start + 3)]


def _blocks(section: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", section, flags=re.S)


@pytest.fixture(scope="module")
def analyst_copy(tmp_path_factory):
    """A folder laid out like a checkout after make build, its warehouse a copy of
    the ci database (so its catalogue changes name: spmd_ci -> spmd)."""
    folder = tmp_path_factory.mktemp("analyst")
    (folder / "warehouse").mkdir()
    shutil.copyfile(project_path("SPMD_TEST_DATABASE", "warehouse/spmd_ci.duckdb"),
                    folder / "warehouse" / "spmd.duckdb")
    (folder / ".venv").symlink_to(ROOT / ".venv")
    return folder


def test_readme_shell_commands_run_as_written(analyst_copy):
    blocks = _blocks(_section("Querying the marts (read-only)"), "sh")
    assert blocks
    for block in blocks:
        run = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=analyst_copy,
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        assert "ENFANT_PRENOM" in run.stdout and re.search(r"│\s+\d+\s+│", run.stdout), run.stdout


def test_readme_python_runs_as_written(analyst_copy):
    blocks = _blocks(_section("Querying the marts (read-only)"), "python")
    assert blocks
    for block in blocks:
        run = subprocess.run([str(analyst_copy / ".venv" / "bin" / "python"), "-c", block], cwd=analyst_copy,
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        assert "COLL_INSEE" in run.stdout and "annee_naissance" in run.stdout


def test_every_analyst_relation_works_in_a_copy_under_another_name(tmp_path):
    copy = tmp_path / "copie_du_entrepot.duckdb"
    shutil.copyfile(project_path("SPMD_TEST_DATABASE", "warehouse/spmd_ci.duckdb"), copy)
    with duckdb.connect(str(copy), read_only=True) as con:
        relations = con.sql(
            "select table_schema, table_name, table_type from information_schema.tables "
            f"where table_schema in {ANALYST_SCHEMAS}").fetchall()
        assert any(kind == "VIEW" for _, _, kind in relations)
        for schema, name, _ in relations:
            con.sql(f'select count(*) from {schema}."{name}"').fetchone()
        # nor does any view of the other layers name the catalogue it was built in
        views = con.sql("select schema_name, view_name from duckdb_views() "
                        "where not internal and sql like '%spmd_ci.%'").fetchall()
        assert views == []
