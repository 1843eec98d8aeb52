"""The generated documentation site: self-contained, rendered by a real browser
(Debian's Chromium, headless), with the model tree and the page of prenoms."""

import json
import re
import shutil
import subprocess

import pytest

from conftest import ROOT, active_profile, project_path
from spmd import docs_site

PROFILE = active_profile()
PAGE = project_path("SPMD_EXPORTS", "exports") / "docs" / "index.html"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--virtual-time-budget=15000", "--window-size=1400,1100"]


def test_static_docs_site_holds_the_project():
    assert PAGE.exists(), "run make test / make build: dbt docs generate --static"
    html = PAGE.read_text(encoding="utf-8")
    assert len(html) > 500_000  # manifest and catalog are inlined
    for expected in ("model.spmd.prenoms", "scdl-prenoms", PROFILE["LICENCE"], PROFILE["SIRET"],
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
    for text in (PROFILE["LICENCE"], PROFILE["SIRET"], "NOMBRE_OCCURRENCES", "Columns"):
        assert text in rendered, text


def test_screenshot_of_the_prenoms_page(tmp_path):
    shot = ROOT / "target" / "docs_prenoms.png"
    shot.unlink(missing_ok=True)
    _chromium(tmp_path, f"--screenshot={shot}")
    assert shot.exists() and shot.stat().st_size > 20_000


# --- no identifier in the published site, unit-test fixtures included ----------------

def _nir(body: str) -> str:
    """A NIR (13 digits) with its valid key, written with spaces as in a text."""
    key = 97 - int(body) % 97
    return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key:02d}"


def _with_manifest(html: str, change) -> str:
    start, end = docs_site._manifest_span(html)
    manifest = json.loads(html[start:end])
    change(manifest)
    return html[:start] + json.dumps(manifest) + html[end:]


def test_published_site_holds_no_fixture_row_and_no_identifier():
    html = PAGE.read_text(encoding="utf-8")
    start, end = docs_site._manifest_span(html)
    tests = json.loads(html[start:end])["unit_tests"]
    assert len(tests) > 20
    for test in tests.values():
        for part in [*test["given"], test["expect"]]:
            assert part["rows"].startswith("withheld from the published docs"), test["name"]
    assert docs_site.identifiers_in(html) == []


def test_a_planted_fixture_identifier_is_caught_and_withheld(tmp_path):
    """A unit test whose fixture holds a NIR with a valid key and a phone number,
    as stg_deliberations__format_a_scrubs_the_object did: the scan finds both in
    dbt's page; the published page withholds the fixture and holds neither."""
    nir = _nir("2870375116038")
    source = (ROOT / "target" / "static_index.html").read_text(encoding="utf-8")

    def plant_in_a_fixture(manifest):
        test = next(iter(manifest["unit_tests"].values()))
        test["given"][0]["rows"] = [{"objet": f"Remise accordée à une personne, NIR {nir}, tél. 06 98 76 54 32"}]

    planted = _with_manifest(source, plant_in_a_fixture)
    assert {kind for kind, _, _ in docs_site.identifiers_in(planted)} >= {"nir", "phone"}
    (tmp_path / "static_index.html").write_text(planted, encoding="utf-8")
    docs_site.publish_docs(tmp_path / "static_index.html", tmp_path / "docs" / "index.html")
    published = (tmp_path / "docs" / "index.html").read_text(encoding="utf-8")
    assert nir not in published and "06 98 76 54 32" not in published


def test_an_identifier_outside_the_fixtures_stops_the_publication(tmp_path):
    nir = _nir("1850575116038")
    source = (ROOT / "target" / "static_index.html").read_text(encoding="utf-8")

    def plant_in_a_description(manifest):
        manifest["nodes"]["model.spmd.prenoms"]["description"] += f" Contact: NIR {nir}."

    (tmp_path / "static_index.html").write_text(_with_manifest(source, plant_in_a_description), encoding="utf-8")
    dest = tmp_path / "docs" / "index.html"
    dest.parent.mkdir()
    dest.write_text("last good site", encoding="utf-8")
    with pytest.raises(docs_site.DocsPublicationError, match="nir"):
        docs_site.publish_docs(tmp_path / "static_index.html", dest)
    assert dest.read_text(encoding="utf-8") == "last good site"
