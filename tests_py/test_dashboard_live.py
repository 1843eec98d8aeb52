"""The dashboard follows the real-time loop without a rebuild: after a new batch
lands and a pass of `spmd realtime --site` runs, the overview open in Chromium
shows the new value and the new time (it re-reads live/etat.json)."""

from __future__ import annotations

import re
import shutil

import duckdb

from conftest import MobilityBatches, ROOT
from spmd import dashboard
from test_dashboard import _open, browser  # noqa: F401  (the browser fixture)
from test_realtime_readers import run_pass


def _free_places(database) -> tuple[int, str]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute("select sum(PLACES_LIBRES) filter (where ETAT <> 'FERME'), max(DERNIER_RELEVE_UTC) "
                           "from opendata.mobilite_parkings_etat_courant").fetchone()


def test_after_a_pass_the_overview_shows_the_new_value_and_time(tmp_path, raw_root, browser):  # noqa: F811
    import threading

    site = tmp_path / "site"
    shutil.copytree(ROOT / "exports" / "dashboard", site)
    batches = MobilityBatches(raw_root, tmp_path)
    batches.land(40)  # the first car parks of the morning
    run_pass(tmp_path, site)
    live = tmp_path / "warehouse" / "spmd.duckdb"
    first, first_time = _free_places(live)

    server = dashboard.make_server(site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = _open(browser, f"http://127.0.0.1:{server.server_address[1]}/index.html?rafraichir=1")
        value = page.locator('[data-valeur="parkings"]')
        assert int(re.sub(r"\D", "", value.inner_text())) == first
        shown_time = page.inner_text('[data-quand="parkings"]')

        batches.land(12)  # an hour later
        run_pass(tmp_path, site)
        second, second_time = _free_places(live)
        assert (second, second_time) != (first, first_time)
        page.wait_for_function(
            """expected => document.querySelector('[data-valeur="parkings"]').textContent.replace(/\\D/g, '') === expected""",
            arg=str(second), timeout=20_000)
        assert page.inner_text('[data-quand="parkings"]') != shown_time
        assert page.errors == []
        page.close()
    finally:
        server.shutdown()
        server.server_close()
