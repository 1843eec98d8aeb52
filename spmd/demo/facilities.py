"""Demo public-facility lists of the communes, and the address referential.

What is generated (docs/formats/equipements.md gives the formats):
- per commune, its list of public facilities (about 6 + population / 4,000), sent
  twice (two ``send`` dates): between the sends one facility closes, one opens and
  one moves; each commune writes with one of three shapes, under
  ``<raw_root>/equipements/<format>/equipements_<INSEE>_<AAAAMMJJ>.<csv|xlsx>``:
  format A (CSV UTF-8 ``;``, Lambert-93 coordinates), format B (CSV Windows-1252
  ``,``, WGS84 latitude/longitude), format C (Excel workbook, address only);
- ``<raw_root>/adresses/adresses_ban.csv``: an address referential shaped like
  the Base Adresse Nationale export (id, INSEE code, number, street, lon, lat),
  with every facility address and random addresses of each commune;
- planted defects (an unknown type label, coordinates outside the commune,
  latitude and longitude swapped, a workbook with an extra sheet and a title row
  above the header, a duplicate line), listed in ``_demo/equipements_defects.json``.

Demo geography: spmd.demo.territory (the profile's main commune at its demo
centre, the others on a ring around it; not their real places — the pipeline does
not rely on it: a commune's bounds come from the address referential).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import random
import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from faker import Faker

from spmd.demo.defects import DefectLog
from spmd.demo.territory import Territory
from spmd.profile import Profile

SENDS = (dt.date(2025, 1, 15), dt.date(2025, 6, 16))
# (communal label variants, typical name) per kind of facility; the labels are
# what communes write, the seed equipements_types maps them to the nomenclature
KINDS = [
    (["Mairie", "MAIRIE", "Hôtel de ville"], "Mairie de {commune}"),
    (["Salle de sport", "GYMNASE MUNICIPAL", "Gymnase", "Salle omnisports"], "Gymnase {person}"),
    (["Médiathèque", "Bibliothèque", "MEDIATHEQUE"], "Médiathèque {person}"),
    (["École maternelle", "Ecole maternelle publique"], "École maternelle {person}"),
    (["École élémentaire", "Groupe scolaire", "ECOLE PRIMAIRE"], "École {person}"),
    (["Piscine", "Centre aquatique"], "Piscine de {commune}"),
    (["Toilettes publiques", "Sanitaires publics", "WC public"], "Toilettes {place}"),
    (["Parking", "Parc de stationnement"], "Parking {place}"),
    (["Crèche", "Multi-accueil"], "Multi-accueil {person}"),
    (["Salle polyvalente", "Salle des fêtes"], "Salle des fêtes"),
    (["Stade", "Terrain de football"], "Stade {person}"),
    (["Cimetière"], "Cimetière {place}"),
    (["Église"], "Église Saint-{saint}"),
    (["Centre médico-social"], "Centre médico-social"),
]
HOURS = ["lun-ven 9h-12h / 14h-18h", "mar, jeu 14h-18h ; sam 10h-12h", "24h/24", "",
         "lun-sam 8h30-19h", "mer 10h-12h / 14h-18h ; sam 10h-17h"]
UNKNOWN_LABEL = "Boulodrome couvert"
FORMATS = ("format_a", "format_b", "format_c")


def _lambert93(lon: float, lat: float) -> tuple[float, float]:
    """WGS84 -> Lambert-93 (EPSG:2154), the IGN formulas (Lambert conformal conic,
    GRS80), precise to the centimetre; the pipeline converts back with PROJ."""
    a, e = 6378137.0, 0.0818191910428158
    lon0, phi1, phi2, phi0 = math.radians(3), math.radians(44), math.radians(49), math.radians(46.5)
    x0, y0 = 700000.0, 6600000.0

    def m(phi):
        return math.cos(phi) / math.sqrt(1 - (e * math.sin(phi)) ** 2)

    def t(phi):
        return math.tan(math.pi / 4 - phi / 2) / ((1 - e * math.sin(phi)) / (1 + e * math.sin(phi))) ** (e / 2)

    n = (math.log(m(phi1)) - math.log(m(phi2))) / (math.log(t(phi1)) - math.log(t(phi2)))
    f = m(phi1) / (n * t(phi1) ** n)
    rho0 = a * f * t(phi0) ** n
    phi, lam = math.radians(lat), math.radians(lon)
    rho = a * f * t(phi) ** n
    theta = n * (lam - lon0)
    return x0 + rho * math.sin(theta), y0 + rho0 - rho * math.cos(theta)


@dataclass
class Facility:
    local_id: str
    insee: str
    label: str
    name: str
    number: str
    street: str
    postcode: str
    lon: float
    lat: float
    hours: str
    defect: str = ""


class FacilitiesGenerator:
    def __init__(self, territory: Territory, seed: int):
        self.rng = random.Random(seed)
        self.faker = Faker("fr_FR")
        self.faker.seed_instance(seed)
        self.territory = territory
        self.communes = communes = territory.communes
        self.centres = {c["code_insee"]: territory.commune_centre(c["code_insee"]) for c in communes}
        self.radii = {c["code_insee"]: territory.radius_km(c) for c in communes}
        # the main commune writes format A, the others draw theirs
        self.formats = {c["code_insee"]: ("format_a" if c["code_insee"] == territory.main
                                          else self.rng.choice(FORMATS)) for c in communes}
        self.log = DefectLog()

    def point(self, insee: str) -> tuple[float, float]:
        lon0, lat0 = self.centres[insee]
        r = self.radii[insee] * math.sqrt(self.rng.random()) * 0.8
        a = self.rng.uniform(0, 2 * math.pi)
        lon, lat = self.territory.offset(lon0, lat0, r * math.cos(a), r * math.sin(a))
        return round(lon, 6), round(lat, 6)

    def facility(self, commune: dict[str, str], i: int) -> Facility:
        labels, name = self.rng.choice(KINDS) if i > 0 else KINDS[0]
        lon, lat = self.point(commune["code_insee"])
        return Facility(
            local_id=f"EQ{commune['code_insee']}-{i + 1:03d}", insee=commune["code_insee"],
            label=self.rng.choice(labels),
            name=name.format(commune=commune["nom"], person=self.faker.last_name(),
                             place=self.faker.street_name(), saint=self.faker.first_name_male()),
            number=str(self.rng.randrange(1, 120)), street=self.faker.street_name(),
            postcode=commune["codes_postaux"].split(";")[0], lon=lon, lat=lat,
            hours=self.rng.choice(HOURS),
        )

    def lists(self, commune: dict[str, str]) -> tuple[list[Facility], list[Facility]]:
        """The commune's list at the first and the second send."""
        n = 6 + int(commune["population_municipale"]) // 4000
        first = [self.facility(commune, i) for i in range(n)]
        second = [replace(f) for f in first]
        closed = second.pop(self.rng.randrange(1, len(second)))  # never the town hall
        opened = self.facility(commune, n)
        moved = second[self.rng.randrange(1, len(second))]
        moved.lon, moved.lat = self.point(commune["code_insee"])
        moved.number = str(self.rng.randrange(1, 120))
        second.append(opened)
        del closed
        return first, second


def _row(fmt: str, f: Facility) -> list[str]:
    if fmt == "format_a":
        x, y = _lambert93(f.lon, f.lat)
        return [f.local_id, f.name, f.label, f"{f.number} {f.street}", f.postcode,
                f"{x:.2f}", f"{y:.2f}", f.hours]
    if fmt == "format_b":
        return [f.local_id, f.name, f.label, f.number, f.street, f.postcode, f"{f.lat:.6f}",
                f"{f.lon:.6f}", f.hours]
    return [f.local_id, f.name, f.label, f.number, f.street, f.postcode, f.hours]


HEADERS = {
    "format_a": ["identifiant", "nom", "type", "adresse", "code_postal", "x_l93", "y_l93", "horaires"],
    "format_b": ["ID", "Libellé", "Catégorie", "N°", "Voie", "CP", "Latitude", "Longitude", "Horaires"],
    "format_c": ["Identifiant", "Nom", "Type", "Numéro", "Voie", "Code postal", "Horaires"],
}


def _csv(fmt: str, rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    if fmt == "format_a":
        csv.writer(buf, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows(
            [HEADERS[fmt], *rows])
        return buf.getvalue().encode("utf-8")
    csv.writer(buf, delimiter=",", quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(
        [HEADERS[fmt], *rows])
    return buf.getvalue().encode("cp1252")


def _xlsx(path: Path, rows: list[list[str]], title_row: bool, extra_sheet: bool) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Equipements"
    if title_row:
        ws.append(["Liste des équipements publics — export du service technique"])
    ws.append(HEADERS["format_c"])
    for r in rows:
        ws.append(r)
    if extra_sheet:
        notes = wb.create_sheet("Notes")
        notes.append(["Mise à jour", "voir le service technique"])
    wb.properties.created = dt.datetime(2025, 1, 1)
    buffer = io.BytesIO()
    wb.save(buffer)
    # openpyxl stamps the save time (document properties, zip entries): fixed here,
    # so that the same seed gives the same bytes
    with zipfile.ZipFile(buffer) as saved, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in saved.infolist():
            data = saved.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-01-01T00:00:00Z", data)
            out.writestr(zipfile.ZipInfo(item.filename, date_time=(2025, 1, 1, 0, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)


def generate(raw_root: Path, profile: Profile, seed: int) -> DefectLog:
    territory = Territory(profile)
    communes = territory.communes
    gen = FacilitiesGenerator(territory, seed)
    addresses: list[list[str]] = []
    by_commune = {c["code_insee"]: gen.lists(c) for c in communes}
    # the referential holds the true place of every address (before the defects)
    for lists in by_commune.values():
        for f in {id(f): f for fl in lists for f in fl}.values():
            addresses.append([f.insee, f.number, f.street, f"{f.lon:.6f}", f"{f.lat:.6f}"])

    # defects, on the second send of chosen communes (coordinates: a commune whose
    # list has coordinates)
    planted = sorted(by_commune)[1:6]
    second = {insee: by_commune[insee][1] for insee in planted}
    second[planted[0]][1].label = UNKNOWN_LABEL
    gen.log.count("unmapped_type")
    with_coordinates = next(i for i in sorted(by_commune)
                            if i != territory.main and gen.formats[i] != "format_c")
    outside = by_commune[with_coordinates][1][4]
    outside.lon, outside.lat = gen.centres[territory.main]
    outside.lat += 0.004  # a point in the main commune, not in that commune
    gen.log.count("outside_commune")
    b_commune = next(i for i in sorted(by_commune) if gen.formats[i] == "format_b")
    by_commune[b_commune][1][3].defect = "swapped_lat_lon"
    gen.log.count("corrected:swapped_lat_lon")
    dup_commune = planted[2]
    by_commune[dup_commune][1].append(replace(by_commune[dup_commune][1][2]))
    gen.log.count("duplicate_facility")

    c_communes = [i for i in sorted(by_commune) if gen.formats[i] == "format_c"]
    for insee, lists in by_commune.items():
        fmt = gen.formats[insee]
        for send, facilities in zip(SENDS, lists):
            rows = [_row(fmt, f) for f in facilities]
            for f, r in zip(facilities, rows):
                if f.defect == "swapped_lat_lon":
                    r[6], r[7] = r[7], r[6]
            folder = raw_root / "equipements" / fmt
            folder.mkdir(parents=True, exist_ok=True)
            stem = f"equipements_{insee}_{send:%Y%m%d}"
            if fmt == "format_c":
                odd = c_communes and insee == c_communes[0] and send == SENDS[1]
                _xlsx(folder / f"{stem}.xlsx", rows, title_row=odd, extra_sheet=odd)
                if odd:
                    gen.log.files.append({"file": f"{stem}.xlsx", "defect": "title_row_and_extra_sheet"})
            else:
                (folder / f"{stem}.csv").write_bytes(_csv(fmt, rows))
    # random addresses of every commune: the referential, and the communes' bounds
    for c in communes:
        for _ in range(40):
            lon, lat = gen.point(c["code_insee"])
            addresses.append([c["code_insee"], str(gen.rng.randrange(1, 200)),
                              gen.faker.street_name(), f"{lon:.6f}", f"{lat:.6f}"])
    ban = raw_root / "adresses"
    ban.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerow(["id", "code_insee", "numero", "nom_voie", "lon", "lat"])
    for i, a in enumerate(sorted(set(map(tuple, addresses)))):
        w.writerow([f"{a[0]}_{i:05d}", *a])
    (ban / "adresses_ban.csv").write_text(buf.getvalue(), encoding="utf-8")

    demo = raw_root / "_demo"
    demo.mkdir(parents=True, exist_ok=True)
    (demo / "equipements_defects.json").write_text(json.dumps(
        {"seed": seed, "sends": [s.isoformat() for s in SENDS], "rows": gen.log.rows,
         "files": gen.log.files, "formats": gen.formats}, ensure_ascii=False, indent=2,
        sort_keys=True) + "\n", encoding="utf-8")
    return gen.log
