"""The city dashboard: ``exports/dashboard/`` (``make build``, ``make dashboard``).

A static site built by Observable Framework from ``dashboard/`` (pinned by its
``package-lock.json``). Its data loaders (``dashboard/src/data/*.json.py``) all
call :func:`emit`, so every figure of the site comes from one of the queries of
:data:`QUERIES`, which read only ``opendata`` relations of the warehouse,
read-only (pytest checks them against dbt's manifest).

The real-time figures (car parks, traffic, bike counts, the feeds' freshness) are
not in the site's pages: they are one file, ``live/etat.json``, written by the
build and rewritten by every pass of the real-time loop (written aside, renamed
in: a reader never sees half of it). The pages re-read it every minute.

The build writes the site into a fresh folder next to the export, checks it (every
page, no address outside the site, the leak scan of the open data on every file)
and only then renames it in, as the other exports.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

import duckdb

from spmd import PROJECT_ROOT, leakscan
from spmd.publish import _swap_in

DASHBOARD_DIR = PROJECT_ROOT / "dashboard"
LIVE_FILE = Path("live") / "etat.json"
PAGES = ("index", "mobilite", "dechets", "batiments", "equipements", "population", "qualite")

# Environment of the data loaders (set by build_site)
ENV_DATABASE = "SPMD_DASHBOARD_DATABASE"
ENV_MANIFEST = "SPMD_DASHBOARD_MANIFEST"
ENV_RELEASE = "SPMD_DASHBOARD_RELEASE"
ENV_OUTPUT = "SPMD_DASHBOARD_OUTPUT"
# Headless Chromium as the tests and the benchmark open the site: every host but
# this machine unreachable, no background traffic of the browser's own.
CHROMIUM_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--no-sandbox", "--disable-gpu",
                 "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class DashboardError(RuntimeError):
    """The site could not be built or is unsafe; the published one is unchanged."""


# Every dataset of the site: only opendata relations (tests_py/test_dashboard.py
# reads the relations of each query from DuckDB's parser and checks them).
QUERIES: dict[str, str] = {
    "parkings_jour": """
        select PARKING_ID, NOM, DEBUT, DEBUT_UTC, CAPACITE, TAUX_OCCUPATION, PLACES_LIBRES_MIN
        from opendata.mobilite_parkings_occupation_15min
        where DEBUT_UTC::timestamp > (select max(DEBUT_UTC::timestamp) from opendata.mobilite_parkings_occupation_15min)
            - interval 24 hours
        order by NOM, DEBUT_UTC""",
    "troncons": """
        select TRONCON_ID, NOM, HIERARCHIE, LONGUEUR_M, GEOMETRIE
        from opendata.mobilite_troncons order by TRONCON_ID""",
    # short keys: one row per segment and quarter-hour of the last 24 hours (names
    # and road classes are in "troncons")
    "trafic_jour": """
        select TRONCON_ID as id, DEBUT_UTC as t, round(VITESSE_MOYENNE, 1)::double as v
        from opendata.mobilite_trafic_15min
        where DEBUT_UTC::timestamp > (select max(DEBUT_UTC::timestamp) from opendata.mobilite_trafic_15min)
            - interval 24 hours
        order by TRONCON_ID, DEBUT_UTC""",
    "comptages": """
        select measure.channel_id, channel.site_id, site.site_name, channel.direction,
            measure.start_datetime, measure.count
        from opendata.comptage_mobilites_measure as measure
        join opendata.comptage_mobilites_channel as channel on measure.channel_id = channel.channel_id
        join opendata.comptage_mobilites_site as site on channel.site_id = site.site_id
        order by measure.channel_id, measure.start_datetime""",
    "sites_comptage": """
        select site_id, site_name, fr_insee_code, xlong, ylat
        from opendata.comptage_mobilites_site order by site_id""",
    "dechets_communes": """
        select ANNEE_ISO, SEMAINE_ISO, SEMAINE_DEBUT, CODE_INSEE, COMMUNE, FLUX, POIDS_KG,
            NB_MENAGES, POPULATION, KG_PAR_HABITANT::double as KG_PAR_HABITANT, SECRET_STATISTIQUE
        from opendata.dechets_tonnages_commune_semaine
        order by SEMAINE_DEBUT, CODE_INSEE, FLUX""",
    # the cells of the latest week; the INSPIRE id gives the square's south-west
    # corner in ETRS89-LAEA (EPSG:3035), metres
    "dechets_carreaux": """
        select ANNEE_ISO, SEMAINE_ISO, CODE_INSEE, FLUX, CARREAU_200M,
            regexp_extract(CARREAU_200M, 'N([0-9]+)E([0-9]+)$', 2)::bigint as EST_M,
            regexp_extract(CARREAU_200M, 'N([0-9]+)E([0-9]+)$', 1)::bigint as NORD_M,
            POIDS_KG, NB_MENAGES, SECRET_STATISTIQUE
        from opendata.dechets_tonnages_carreau_semaine
        where NIVEAU = 'carreau' and (ANNEE_ISO, SEMAINE_ISO) = (
            select (ANNEE_ISO, SEMAINE_ISO) from opendata.dechets_tonnages_carreau_semaine
            order by ANNEE_ISO desc, SEMAINE_ISO desc limit 1)
        order by CARREAU_200M, FLUX""",
    "dechets_exutoires": """
        select EXUTOIRE, ANNEE, MOIS, FLUX, TONNAGE_T::double as TONNAGE_T, NB_TICKETS
        from opendata.dechets_tonnages_exutoire_mois order by ANNEE, MOIS, EXUTOIRE""",
    "energie": """
        select EQUIP_UID, EQUIP_NOM, JOUR, ENERGIE_KWH::double as ENERGIE_KWH, NOMBRE_RELEVES,
            RELEVES_INCOMPLETS, REMISE_A_ZERO
        from opendata.equipements_energie_jour order by EQUIP_NOM, JOUR""",
    "temperatures": """
        select EQUIP_UID, EQUIP_NOM, JOUR, VOIE, TEMPERATURE_MIN::double as TEMPERATURE_MIN,
            TEMPERATURE_MOYENNE::double as TEMPERATURE_MOYENNE, TEMPERATURE_MAX::double as TEMPERATURE_MAX,
            NOMBRE_MESURES
        from opendata.equipements_temperature_jour order by EQUIP_NOM, VOIE, JOUR""",
    "equipements": """
        select EQUIP_UID, EQUIP_THEME, EQUIP_TYPE, EQUIP_NOM, ADR_COMMUNE, EQUIP_LAT, EQUIP_LONG,
            EQUIP_OUVERTURE
        from opendata.equipements order by EQUIP_UID""",
    "naissances": """
        select COLL_INSEE, COMMUNE_NOM, ANNEE, SEXE, NOMBRE_NAISSANCES, SECRET_STATISTIQUE
        from opendata.naissances_par_commune order by COMMUNE_NOM, ANNEE, SEXE""",
    "prenoms": """
        select ANNEE, ENFANT_SEXE, ENFANT_PRENOM, NOMBRE_OCCURRENCES
        from opendata.prenoms_metropole
        where ANNEE = (select max(ANNEE) from opendata.prenoms_metropole)
        qualify row_number() over (partition by ENFANT_SEXE order by NOMBRE_OCCURRENCES desc, ENFANT_PRENOM) <= 15
        order by ENFANT_SEXE, NOMBRE_OCCURRENCES desc, ENFANT_PRENOM""",
    "deliberations": """
        select COLL_NOM, DELIB_MATIERE_NOM, count(*) as NOMBRE
        from opendata.deliberations group by all order by COLL_NOM, DELIB_MATIERE_NOM""",
    "subventions": """
        select year(dateConvention) as ANNEE, 'personnes morales' as BENEFICIAIRES,
            count(*) as NOMBRE_AIDES, sum(montant)::double as MONTANT_TOTAL, false as SECRET_STATISTIQUE
        from opendata.subventions group by all
        union all
        select ANNEE, 'personnes physiques' as BENEFICIAIRES, sum(NOMBRE_AIDES) as NOMBRE_AIDES,
            sum(MONTANT_TOTAL)::double as MONTANT_TOTAL, bool_or(SECRET_STATISTIQUE) as SECRET_STATISTIQUE
        from opendata.subventions_personnes_physiques group by all
        order by ANNEE, BENEFICIAIRES""",
    "qualite_lignes": """
        select DOMAINE, ETAT, MOTIF, NB_LIGNES from opendata.qualite_lignes_domaine
        order by DOMAINE, ETAT desc, NB_LIGNES desc""",
    "qualite_fichiers": """
        select DOMAINE, FORMAT_SOURCE, PROBLEME, CODE_INSEE, NB_FICHIERS
        from opendata.qualite_fichiers_domaine order by DOMAINE, PROBLEME, CODE_INSEE""",
}

# The real-time state: the car parks now, the last quarter-hour of traffic, the
# bikes counted on the last day against the same weekday before (relations the
# real-time loop refreshes: tag realtime).
LIVE_QUERIES: dict[str, str] = {
    "parkings": """
        select PARKING_ID, NOM, ETAT, PLACES_LIBRES, CAPACITE, TAUX_OCCUPATION::double as TAUX_OCCUPATION,
            DERNIER_RELEVE, DERNIER_RELEVE_UTC, LATITUDE, LONGITUDE
        from opendata.mobilite_parkings_etat_courant order by NOM""",
    "trafic": """
        select TRONCON_ID, DEBUT, DEBUT_UTC, VITESSE_MOYENNE::double as VITESSE_MOYENNE,
            PART_SATURE::double as PART_SATURE
        from opendata.mobilite_trafic_etat_courant order by TRONCON_ID""",
    "velos": """
        select JOUR, HEURE, DERNIERE_HEURE_UTC, PASSAGES, HABITUEL, JOURS_COMPARES
        from opendata.comptage_mobilites_jour_courant""",
}


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _json_default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "__float__"):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def dumps(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, default=_json_default, separators=(",", ":"))


def connect(database: Path) -> duckdb.DuckDBPyConnection:
    if not Path(database).exists():
        raise DashboardError(f"{database}: no warehouse to read (run make build first)")
    return duckdb.connect(str(database), read_only=True)


def dataset(con: duckdb.DuckDBPyConnection, name: str):
    if name not in QUERIES:
        raise DashboardError(f"no dataset {name!r} in spmd.dashboard.QUERIES")
    rows = _rows(con, QUERIES[name])
    if name == "troncons":
        for row in rows:
            row["GEOMETRIE"] = json.loads(row["GEOMETRIE"])
    return rows


def _datasets_meta(manifest_path: Path) -> dict:
    """Title and licence of each published dataset (the dbt manifest's meta)."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    out = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] == "model" and node["schema"] == "opendata":
            meta = node["config"]["meta"]
            out[node["name"]] = {"titre": meta.get("titre"), "licence": meta.get("licence"),
                                 "producteur": (meta.get("producteur") or {}).get("nom")}
    return out


def _release(release_manifest: Path) -> dict:
    if not release_manifest.exists():
        return {"built_at": None, "published_at": None, "files": 0}
    release = json.loads(release_manifest.read_text(encoding="utf-8"))
    return {"built_at": release.get("built_at"), "published_at": release.get("published_at"),
            "files": len(release.get("files", []))}


def emit(name: str) -> None:
    """The body of a data loader: one dataset as JSON on stdout."""
    if name == "jeux":
        payload = _datasets_meta(Path(os.environ[ENV_MANIFEST]))
    elif name == "publication":
        payload = {**_release(Path(os.environ[ENV_RELEASE])),
                   "dashboard_built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    else:
        with connect(Path(os.environ[ENV_DATABASE])) as con:
            payload = dataset(con, name)
    sys.stdout.write(dumps(payload))


# -- the real-time state ------------------------------------------------------------
def live_state(con: duckdb.DuckDBPyConnection, freshness: dict[str, dict] | None) -> dict:
    parkings = _rows(con, LIVE_QUERIES["parkings"])
    open_parks = [p for p in parkings if p["ETAT"] != "FERME"]
    capacity = sum(p["CAPACITE"] for p in open_parks)
    free = sum(p["PLACES_LIBRES"] for p in open_parks)
    traffic = _rows(con, LIVE_QUERIES["trafic"])
    bikes = _rows(con, LIVE_QUERIES["velos"])
    return {
        "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "parkings": {
            "releve_utc": max((p["DERNIER_RELEVE_UTC"] for p in parkings), default=None),
            "places_libres": free, "capacite_ouverte": capacity,
            "taux_occupation": None if not capacity else round(1 - free / capacity, 4),
            "ouverts": len(open_parks), "fermes": len(parkings) - len(open_parks),
            "liste": parkings,
        },
        "trafic": {
            "debut_utc": traffic[0]["DEBUT_UTC"] if traffic else None,
            "debut": traffic[0]["DEBUT"] if traffic else None,
            "vitesse_moyenne": (round(sum(t["VITESSE_MOYENNE"] for t in traffic) / len(traffic), 1)
                                if traffic else None),
            # a segment is congested when it was saturated half of the quarter-hour or more
            "part_troncons_satures": (round(sum(t["PART_SATURE"] >= 0.5 for t in traffic) / len(traffic), 4)
                                      if traffic else None),
            "troncons": len(traffic),
            "vitesses": {t["TRONCON_ID"]: t["VITESSE_MOYENNE"] for t in traffic},
        },
        "velos": bikes[0] if bikes else None,
        "fraicheur": freshness or {},
    }


def write_live(database: Path, site: Path, freshness: dict[str, dict] | None) -> Path:
    """Rewrite ``live/etat.json`` of the site: written aside, renamed in."""
    with connect(database) as con:
        text = dumps(live_state(con, freshness))
    target = site / LIVE_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, aside = tempfile.mkstemp(prefix=".etat.", suffix=".json", dir=target.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(aside, 0o644)
    os.replace(aside, target)
    return target


class FeedsFreshness:
    """``dbt source freshness`` of the real-time feeds (the loop's rule), in a
    process of its own started at once, read when the site needs it (it runs
    while Framework builds): its report, not its exit status (a stale feed is a
    fact, not a failure). The check lists the raw root's file names only: it runs
    on an empty database of its own, so it never holds the warehouse the loaders
    read."""

    def __init__(self, target: str):
        from spmd import realtime

        self._tmp = tempfile.TemporaryDirectory(prefix="spmd-freshness-")
        scratch = Path(self._tmp.name) / "freshness.duckdb"
        env = {**os.environ, "SPMD_DATABASE": str(scratch), "DBT_TARGET_PATH": self._tmp.name,
               "DBT_LOG_PATH": self._tmp.name, "SPMD_SKIP_DUCKDB_EXTENSIONS": "1"}
        self._process = subprocess.Popen(
            [str(Path(sys.executable).with_name("dbt")), "source", "freshness", "--select", realtime.FEEDS_SOURCE,
             "--target", target, "--quiet", "--project-dir", str(PROJECT_ROOT), "--profiles-dir", str(PROJECT_ROOT)],
            env=env, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL)

    def report(self) -> dict[str, dict]:
        from spmd import realtime

        self._process.wait()
        try:
            return realtime.freshness_report(Path(self._tmp.name))
        finally:
            self._tmp.cleanup()


# -- the site -----------------------------------------------------------------------
_EXTERNAL_REFERENCE = re.compile(r"""(?:src|href|action)\s*=\s*["']?(?:https?:)?//(?!127\.0\.0\.1|localhost)""",
                                 re.IGNORECASE)
_EXTERNAL_CSS = re.compile(r"""@import\s+(?:url\()?["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""",
                           re.IGNORECASE)


def check_site(site: Path, forbidden: set[str] = frozenset()) -> list[str]:
    """What makes a built site unsafe to publish: a missing page, a reference to
    another host, a direct identifier or a forbidden string in any text file."""
    problems = [f"page {page}.html missing" for page in PAGES if not (site / f"{page}.html").exists()]
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if path.suffix not in {".html", ".js", ".css", ".json", ".csv", ".txt", ".svg"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        name = path.relative_to(site)
        if path.suffix in {".html", ".css"} and (_EXTERNAL_REFERENCE.search(text) or _EXTERNAL_CSS.search(text)):
            problems.append(f"{name}: refers to another host")
        for kind, value, _ in leakscan.find_in_document(text)[:1]:
            problems.append(f"{name}: a value shaped like a {kind} ({value!r})")
        for word in forbidden:
            if word in text:
                problems.append(f"{name}: contains {word!r}")
    return problems


def _framework() -> Path:
    binary = DASHBOARD_DIR / "node_modules" / ".bin" / "observable"
    if not binary.exists():
        raise DashboardError(f"{binary} missing: run `make install` (npm ci in dashboard/)")
    return binary


def build_site(database: Path, exports_dir: Path, dbt_manifest: Path, target: str,
               freshness: dict[str, dict] | None = None) -> Path:
    """Build the site aside, check it, rename it in as ``exports_dir/dashboard``."""
    from spmd.demo.canaries import CANARY, written_forms

    database, exports_dir = Path(database).resolve(), Path(exports_dir).resolve()
    dest = exports_dir / "dashboard"
    exports_dir.mkdir(parents=True, exist_ok=True)
    aside = Path(tempfile.mkdtemp(prefix=".dashboard.next-", dir=exports_dir))
    try:
        # loader outputs are cached by loader file, not by data: never reuse one
        # (the bundles of node_modules, in cache/_node, stay)
        shutil.rmtree(DASHBOARD_DIR / "src" / ".observablehq" / "cache" / "data", ignore_errors=True)
        env = {**os.environ,
               ENV_DATABASE: str(database), ENV_MANIFEST: str(Path(dbt_manifest).resolve()),
               ENV_RELEASE: str(exports_dir / "opendata" / "manifest.json"), ENV_OUTPUT: str(aside),
               "OBSERVABLE_TELEMETRY_DISABLE": "1",
               # the loaders run `python3`: the project's
               "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
        checking = FeedsFreshness(target) if freshness is None else None
        done = subprocess.run([str(_framework()), "build"], cwd=DASHBOARD_DIR, env=env,
                              capture_output=True, text=True)
        if checking is not None:
            freshness = checking.report()
        if done.returncode != 0:
            raise DashboardError("Observable Framework failed:\n" + (done.stdout + done.stderr)[-4000:])
        write_live(database, aside, freshness)
        forbidden = {form for value in CANARY.values() for form in written_forms(value) if len(form) >= 6}
        problems = check_site(aside, forbidden)
        if problems:
            raise DashboardError("the dashboard is not published:\n  " + "\n  ".join(problems[:20]))
        os.chmod(aside, 0o755)
        _swap_in(aside, dest)
    finally:
        shutil.rmtree(aside, ignore_errors=True)
    return dest


def make_server(site: Path, port: int, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """A server of the site on this machine only (the real-time file never cached)."""
    if not (site / "index.html").exists():
        raise DashboardError(f"{site}/index.html missing: run make build first")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self):
            if self.path.startswith("/live/"):
                self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_message(self, *args):  # quiet: one line per request is noise here
            pass

    return http.server.ThreadingHTTPServer((host, port), partial(Handler, directory=str(site)))


def serve(site: Path, port: int) -> None:
    server = make_server(site, port)
    print(f"tableau de bord : http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C pour arrêter)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
