"""The generated documentation site: self-contained, rendered by a real browser
(Debian's Chromium, headless), with the model tree and the page of prenoms."""

import re
import shutil
import subprocess

import pytest

from conftest import ROOT

PAGE = ROOT / "exports" / "docs" / "index.html"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--virtual-time-budget=15000", "--window-size=1400,1100"]


def test_static_docs_site_holds_the_project():
    assert PAGE.exists(), "run make test / make build: dbt docs generate --static"
    html = PAGE.read_text(encoding="utf-8")
    assert len(html) > 500_000  # manifest and catalog are inlined
    for expected in ("model.spmd.prenoms", "scdl-prenoms", "etalab-2.0", "24350013900189",
                     "Adding a commune or a source format"):
        assert expected in html, expected


def _chromium(tmp_path, *args):
    binary = shutil.which("chromium")
    assert binary, "Debian chromium is installed by `make browser` (part of make test)"
    return subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args,
         f"file://{PAGE}#!/model/model.spmd.prenoms"],
        capture_output=True, timeout=180,
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("chromium")
    dom = _chromium(tmp, "--dump-dom").stdout.decode("utf-8")
    # what the page rendered, not the JSON it embeds
    return re.sub(r"<script.*?</script>", "", dom, flags=re.S)


def test_model_tree_renders(rendered):
    for model in ("prenoms", "prenoms_metropole", "naissances_par_commune", "fct_naissances",
                  "stg_naissances__format_a", "deliberations", "subventions"):
        # a long name is drawn in two spans (the sidebar's ellipsis): join the text
        item = re.search(rf'data-nav-unique-id="model\.spmd\.{model}".*?</a>', rendered, flags=re.S)
        assert item, model
        assert re.sub(r"<[^>]+>|\s", "", item.group(0).split(">", 1)[1]) == model


def test_prenoms_page_shows_description_and_governance(rendered):
    assert "Deliberate deviation from SCDL" in rendered
    for text in ("etalab-2.0", "24350013900189", "NOMBRE_OCCURRENCES", "Columns"):
        assert text in rendered, text


def test_screenshot_of_the_prenoms_page(tmp_path):
    shot = ROOT / "target" / "docs_prenoms.png"
    shot.unlink(missing_ok=True)
    _chromium(tmp_path, f"--screenshot={shot}")
    assert shot.exists() and shot.stat().st_size > 20_000
