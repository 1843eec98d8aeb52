"""The generated documentation site is there, self-contained, and documents the
published datasets with their governance metadata."""

from conftest import ROOT


def test_static_docs_site_holds_the_project():
    page = ROOT / "exports" / "docs" / "index.html"
    assert page.exists(), "run make test / make build: dbt docs generate --static"
    html = page.read_text(encoding="utf-8")
    assert len(html) > 500_000  # manifest and catalog are inlined
    for expected in ("model.spmd.prenoms", "scdl-prenoms", "etalab-2.0", "24350013900189",
                     "Adding a commune or a source format"):
        assert expected in html, expected
