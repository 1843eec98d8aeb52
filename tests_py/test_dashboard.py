"""The city dashboard as `make test` built it (exports/dashboard/, from the ci
warehouse): what it reads, what it shows, in a real headless Chromium with every
host but 127.0.0.1 unreachable, and what it never carries."""

from __future__ import annotations

import json
import re
import shutil
import threading
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT
from spmd import dashboard, leakscan
from spmd.demo.canaries import CANARY, written_forms

SITE = ROOT / "exports" / "dashboard"
SHOTS = ROOT / "target" / "dashboard-screenshots"


def relations_of(sql: str) -> set[tuple[str, str]]:
    """The tables and views a query reads, from DuckDB's own parser."""
    con = duckdb.connect()
    tree = json.loads(con.execute("select json_serialize_sql(?)", [sql]).fetchone()[0])
    assert not tree.get("error"), tree
    found = set()

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "BASE_TABLE":
                found.add((node.get("schema_name"), node.get("table_name")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tree)
    return found


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads((ROOT / "target" / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site() -> Path:
    assert (SITE / "index.html").exists(), "run `make test`: no dashboard built"
    return SITE


# -- what the site reads ------------------------------------------------------------
def test_every_query_of_the_site_reads_only_opendata_models(manifest):
    models = {(n["schema"], n["name"]) for n in manifest["nodes"].values() if n["resource_type"] in ("model", "seed")}
    opendata = {(s, n) for s, n in models if s == "opendata"}
    for name, sql in {**dashboard.QUERIES, **dashboard.LIVE_QUERIES}.items():
        read = relations_of(sql)
        assert read, name
        assert read <= opendata, f"{name} reads {sorted(read - opendata)}, not opendata models"


def test_the_loaders_only_emit_datasets_of_spmd_dashboard():
    loaders = sorted((ROOT / "dashboard" / "src" / "data").glob("*"))
    assert loaders
    for path in loaders:
        assert path.name.endswith(".json.py"), f"{path.name}: a data file or loader of another kind"
        body = path.read_text(encoding="utf-8")
        calls = re.findall(r'emit\("([a-z_]+)"\)', body)
        assert len(calls) == 1 and path.name == f"{calls[0]}.json.py", path.name
        assert calls[0] in dashboard.QUERIES or calls[0] in {"jeux", "publication"}, path.name
        # nothing else: no SQL, no connection of its own
        code = [line for line in body.splitlines() if line.strip() and not line.startswith("#")]
        assert code == ["from spmd.dashboard import emit", f'emit("{calls[0]}")'], path.name


def test_the_exposure_lists_exactly_the_models_the_site_reads(manifest):
    exposure = manifest["exposures"]["exposure.spmd.tableau_de_bord_metropole"]
    listed = {manifest["nodes"][uid]["name"] for uid in exposure["depends_on"]["nodes"]}
    read = {table for sql in {**dashboard.QUERIES, **dashboard.LIVE_QUERIES}.values()
            for _, table in relations_of(sql)}
    assert listed == read


def test_the_docs_site_links_to_the_dashboard():
    docs = (ROOT / "exports" / "docs" / "index.html").read_text(encoding="utf-8")
    assert "../dashboard/index.html" in docs
    assert (ROOT / "exports" / "docs" / "../dashboard/index.html").resolve().exists()


# -- what the site never carries ----------------------------------------------------
def test_no_identifier_nor_canary_anywhere_in_the_built_site(site):
    forbidden = {form for value in CANARY.values() for form in written_forms(value) if len(form) >= 6}
    assert dashboard.check_site(site, forbidden) == []
    # and the whole site, scripts included, through the documents' leak scan
    for path in site.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert leakscan.find_in_document(text) == [], path


def test_a_planted_identifier_or_external_reference_stops_the_publication(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    data = sorted((copy / "_file" / "data").glob("equipements.*.json"))[0]
    data.write_text(data.read_text(encoding="utf-8").replace("Piscine", CANARY["email"], 1), encoding="utf-8")
    page = copy / "mobilite.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</head>", '<script src="https://cdn.example.org/x.js"></script></head>'), encoding="utf-8")
    problems = dashboard.check_site(copy, {CANARY["email"]})
    assert any("email" in p for p in problems), problems
    assert any("mobilite.html: refers to another host" in p for p in problems), problems


def test_every_data_file_of_the_site_is_a_dataset_of_spmd_dashboard(site):
    names = {re.sub(r"\.[0-9a-f]{8}\.json$", "", p.name) for p in (site / "_file" / "data").glob("*.json")}
    assert names == set(dashboard.QUERIES) | {"jeux", "publication"}
    assert (site / dashboard.LIVE_FILE).exists()


# -- in a real browser -------------------------------------------------------------
@pytest.fixture(scope="module")
def served(site):
    server = dashboard.make_server(site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Debian chromium is installed by `make browser` (part of make test)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=dashboard.CHROMIUM_ARGS)
        yield b
        b.close()


def _open(browser, url: str, width: int = 1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.errors, page.requests = [], []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize("name", dashboard.PAGES)
def test_every_page_renders_offline_without_error(browser, served, name):
    page = _open(browser, f"{served}/{name}.html")
    page.wait_for_timeout(500)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    assert page.errors == []
    assert page.locator(".observablehq--error").count() == 0
    text = page.inner_text("main")
    assert "Error" not in text and "undefined" not in text and "NaN" not in text
    # every chart drawn: each card that names a source holds a chart, a table or a value
    for card in page.locator("main .card").all():
        assert card.locator("svg, table, .valeur").count() > 0, card.inner_text()[:80]
    # every chart names its datasets and their licence
    sources = page.locator("[data-source]").all()
    assert sources and all(re.search("Licence Ouverte|ODbL", s.inner_text()) for s in sources)
    # every request stayed on this machine (the browser's own log, not a grep)
    assert page.requests and all(u.startswith(served) or u.startswith("data:") for u in page.requests), \
        [u for u in page.requests if not u.startswith(served)]
    page.close()


@pytest.mark.parametrize("name", dashboard.PAGES)
def test_every_page_reads_on_a_360_px_screen(browser, served, name):
    """No page scrolls sideways on a phone: a wide table scrolls inside its card."""
    page = _open(browser, f"{served}/{name}.html", width=360)
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / f"{name}-360px.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.errors == []
    page.close()


def _row(table_text: str, key: str) -> list[str]:
    """The cells of the row of a rendered table whose cell ``key`` is, from ``key`` on
    (the first column of a table is its selection box)."""
    for line in table_text.splitlines():
        cells = [c.strip() for c in line.split("\t")]
        if key in cells:
            return cells[cells.index(key):]
    raise AssertionError(f"no row {key!r} in {table_text[:300]!r}")


def _number(text: str) -> int:
    return int(re.sub(r"[^\d-]", "", text))


def test_the_figures_shown_equal_sql_on_the_warehouse(browser, served, warehouse):
    index = _open(browser, f"{served}/index.html")
    free = warehouse.sql("select sum(PLACES_LIBRES) from opendata.mobilite_parkings_etat_courant "
                         "where ETAT <> 'FERME'").fetchone()[0]
    assert _number(index.inner_text('[data-valeur="parkings"]')) == free
    # last complete week (its Sunday is past), all published lines of every flow
    tonnes = warehouse.sql("""
        select round(sum(POIDS_KG) / 1000, 1) from opendata.dechets_tonnages_commune_semaine
        where not SECRET_STATISTIQUE and SEMAINE_DEBUT = (select max(SEMAINE_DEBUT)
            from opendata.dechets_tonnages_commune_semaine where SEMAINE_DEBUT + 7 <= current_date)
    """).fetchone()[0]
    shown = re.sub(r"[\s\u202f\xa0]", "", index.inner_text('[data-valeur="dechets"]'))
    assert float(shown.removesuffix("t").replace(",", ".")) == pytest.approx(float(tonnes), abs=0.05)
    index.close()

    mobility = _open(browser, f"{served}/mobilite.html")
    assert _number(mobility.inner_text("#places-libres")) == free
    open_parks = warehouse.sql("select count(*) from opendata.mobilite_parkings_etat_courant "
                               "where ETAT <> 'FERME'").fetchone()[0]
    assert _number(mobility.inner_text("#parkings-ouverts")) == open_parks
    mobility.close()

    buildings = _open(browser, f"{served}/batiments.html")
    flagged = warehouse.sql("select count(*) from opendata.equipements_energie_jour "
                            "where REMISE_A_ZERO or RELEVES_INCOMPLETS").fetchone()[0]
    assert _number(buildings.inner_text("#jours-signales")) == flagged
    buildings.close()

    facilities = _open(browser, f"{served}/equipements.html")
    count = warehouse.sql("select count(*) from opendata.equipements").fetchone()[0]
    assert _number(facilities.inner_text("#nombre-equipements")) == count
    facilities.close()

    quality = _open(browser, f"{served}/qualite.html")
    table = quality.inner_text("#bilan-lignes")
    for domain, lines in warehouse.sql("select DOMAINE, sum(NB_LIGNES) from opendata.qualite_lignes_domaine "
                                       "group by 1").fetchall():
        assert _number(_row(table, domain)[1]) == lines, _row(table, domain)
    quality.close()


def test_a_secret_cell_is_shown_as_secret(browser, served, warehouse):
    year, commune, sexe = warehouse.sql("""
        select ANNEE, COMMUNE_NOM, SEXE from opendata.naissances_par_commune
        where SECRET_STATISTIQUE and ANNEE = (select max(ANNEE) from opendata.naissances_par_commune)
        order by COMMUNE_NOM limit 1""").fetchone()
    page = _open(browser, f"{served}/population.html")
    assert _row(page.inner_text("#naissances"), commune)[{"F": 1, "M": 2, "I": 3, "ENSEMBLE": 4}[sexe]] == "secret"
    assert str(year) in page.inner_text("#naissances h2")
    page.close()

    # the waste table of the flow shown first (the first in order), its last week
    secret = warehouse.sql("""
        with shown as (
            select * from opendata.dechets_tonnages_commune_semaine
            where FLUX = (select min(FLUX) from opendata.dechets_tonnages_commune_semaine))
        select COMMUNE from shown
        where SECRET_STATISTIQUE and SEMAINE_DEBUT = (select max(SEMAINE_DEBUT) from shown)
        order by COMMUNE limit 1""").fetchone()
    assert secret, "the demo's waste lines have communes under the secret"
    page = _open(browser, f"{served}/dechets.html")
    assert _row(page.inner_text("#tableau-dechets"), secret[0])[1:4] == ["secret"] * 3
    page.close()


def test_a_build_never_reuses_a_loader_output_of_an_earlier_build(tmp_path, warehouse, manifest):
    """Framework caches a loader's output by loader file, not by data: a stale
    output planted in its cache must not reach the site."""
    cache = ROOT / "dashboard" / "src" / ".observablehq" / "cache" / "data"
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "equipements.json").write_text("[]", encoding="utf-8")
    exports = tmp_path / "exports"
    shutil.copytree(ROOT / "exports" / "opendata", exports / "opendata")
    database = warehouse.sql("select path from duckdb_databases() where database_name = current_database()"
                             ).fetchone()[0]
    site = dashboard.build_site(Path(database), exports, ROOT / "target" / "manifest.json", "ci", freshness={})
    built = json.loads(next((site / "_file" / "data").glob("equipements.*.json")).read_text(encoding="utf-8"))
    assert len(built) == warehouse.sql("select count(*) from opendata.equipements").fetchone()[0] > 0
