"""Demo extracts of the waste-collection operator (déchets).

What is generated (docs/formats/dechets.md gives the formats), under
``<raw_root>/dechets/``:
- ``ref_producteur/dechets_ref_producteur_<AAAAMMJJ>.csv`` and
  ``ref_bac/dechets_ref_bac_<AAAAMMJJ>.csv``: a full "photo" of the producers
  (households: a house, or a collection point shared by the flats of a building;
  non-household producers: schools, shops...) and of their bins, every day;
- ``levees/dechets_levees_<AAAAMMJJ>_<tournee>.csv``: the lifts of one round of one
  truck on one day, each bin weighed (household waste OM weekly, recycling CS
  fortnightly, on the weekday of the bin's sector);
- ``exutoire/dechets_exutoire_<AAAAMMJJ>.csv``: the tickets of the disposal sites
  where the trucks empty (US dates, as the operator's export).

Scale, for the default profile (43 communes, 474,000 inhabitants): about 64,000 producers and 134,000 bins
(households = population / 2.2; houses 12 % of them in the main commune, 40 % elsewhere; one collection
point per 30 flats), i.e. about 75,000 lifts a week. The default covers 9 weeks;
``--waste-weeks 52`` a year.

The referential changes over time: new producers with their bins, replaced chips,
bins moved to another producer, bin size changes. Planted defects, counted in
``_demo/dechets_defects.json``: unknown chips, lifts without chip, duplicate lifts,
negative, absurd and unreadable weights, GPS outside the métropole, a missing
collection day, a bin photo with a duplicated chip, a lift file with only its
header, a lift file with an extra column.

Demo geography: spmd.demo.territory, as the facilities. The disposal sites and
the client's name on the tickets come from the profile (demo/exutoires.csv).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from spmd.demo.defects import DefectLog
from spmd.demo.territory import Territory
from spmd.profile import Profile

START = dt.date(2025, 1, 6)  # a Monday
DEFAULT_WEEKS = 9
DAYS = ["LU", "MA", "ME", "JE", "VE"]
SECTOR_SIZE = 1500  # bins per round
LEVEES_HEADER = (
    "Date_de_la_levee;Heure_de_la_levee;Code_puce;Pesee_net;Statut_de_la_levee;Latitude;"
    "Longitude;Bouton_poussoir_1;Bouton_poussoir_2;Bouton_poussoir_3;Bouton_poussoir_4;"
    "Bouton_poussoir_5;Bouton_poussoir_6;Statut_du_bac;Immatriculation;Tournee"
)
BAC_HEADER = ("code_producteur;categorie_recipient;type_recipient;litrage_recipient;code_puce;"
              "frequence_om;frequence_cs;date_photo")
PRODUCTEUR_HEADER = ("code_producteur;rva_adr;code_insee;nom_commune;type_producteur;activite;"
                     "longitude;latitude;date_photo")
EXUTOIRE_HEADER = ("immat;date_service_vehic;description_tournee;km_realise;no_bon;lot;service;"
                   "nom_rech_lieu_de_vidage;multiples_lignes;cle_unique_ligne_ticket")
CATEGORIES = {"OM": "Bacs ordures ménagères", "CS": "Bacs collecte sélective"}
ACTIVITES_NON_MENAGES = ["Enseignement", "Commerce", "Restauration", "Administration", "Santé"]
# mean weight (kg) of a lift by flux and litre size class; lognormal spread
MEAN_KG_PER_LITRE = {"OM": 0.075, "CS": 0.03}
PRESENTATION = {"OM": 0.8, "CS": 0.65}


@dataclass
class Referential:
    """Producers and bins as numpy columns; one row per producer / bin ever seen."""

    p_code: np.ndarray
    p_commune: np.ndarray      # index into communes
    p_kind: np.ndarray         # 0 house, 1 collection point, 2 non-household
    p_activite: np.ndarray     # index into ACTIVITES_NON_MENAGES (non-household)
    p_rva: np.ndarray
    p_lon: np.ndarray
    p_lat: np.ndarray
    b_chip: np.ndarray         # int, rendered as 10 hex digits
    b_producer: np.ndarray     # index into producers
    b_flux: np.ndarray         # 0 OM, 1 CS
    b_litres: np.ndarray
    b_sector: np.ndarray       # round number within (commune, flux)
    b_from: np.ndarray         # first day (index) in the photos
    b_to: np.ndarray           # first day absent (index), or a large number


def _centres(territory: Territory) -> list[tuple[float, float, float]]:
    return [(*territory.commune_centre(c["code_insee"]), territory.radius_km(c)) for c in territory.communes]


def _unique_ints(rng: np.random.Generator, low: int, high: int, n: int) -> np.ndarray:
    """n distinct integers of [low, high), in random order (without a range in memory)."""
    drawn = np.unique(rng.integers(low, high, int(n * 1.2) + 100))
    return rng.permutation(drawn)[:n]


def _type_recipient(flux: int, litres: int) -> str:
    return f"Bac PNM {'OM' if flux == 0 else 'CS'} {litres} l"


class WasteGenerator:
    def __init__(self, territory: Territory, sites: dict[str, str], seed: int, weeks: int):
        self.rng = np.random.default_rng(seed)
        self.territory = territory
        self.communes = territory.communes
        self.sites = sites
        self.days = weeks * 7
        self.log = DefectLog()
        self._build_referential()

    # -- referential ----------------------------------------------------------------
    def _build_referential(self) -> None:
        rng, centres = self.rng, _centres(self.territory)
        kinds, comm = [], []
        for i, c in enumerate(self.communes):
            households = int(int(c["population_municipale"]) / 2.2)
            houses = int(households * (0.12 if c["code_insee"] == self.territory.main else 0.40))
            points = max(1, (households - houses) // 30)
            others = max(3, int(c["population_municipale"]) // 250)
            kinds += [0] * houses + [1] * points + [2] * others
            comm += [i] * (houses + points + others)
        kind, commune = np.array(kinds, dtype=np.int8), np.array(comm, dtype=np.int32)
        n = len(kind)
        centre = np.array(centres)[commune]
        radius = centre[:, 2] * np.sqrt(rng.random(n)) * 0.8
        angle = rng.random(n) * 2 * math.pi
        lon, lat = self.territory.offset(centre[:, 0], centre[:, 1], radius * np.cos(angle), radius * np.sin(angle))
        lon, lat = np.round(lon, 7), np.round(lat, 7)
        codes = _unique_ints(rng, 1_000_000, 99_999_999, n + 2000)
        self.spare_codes = list(codes[n:])
        rva = rng.integers(10_000, 99_999, n)
        p = dict(p_code=codes[:n], p_commune=commune, p_kind=kind,
                 p_activite=rng.integers(0, len(ACTIVITES_NON_MENAGES), n), p_rva=rva,
                 p_lon=lon, p_lat=lat)

        # bins: a house has an OM and a CS bin; a collection point 2 OM + 1 CS of
        # 660 l; a non-household producer one of each, 360 or 660 l
        owner, flux, litres = [], [], []
        for idx, k in enumerate(kind):
            if k == 0:
                owner += [idx, idx]; flux += [0, 1]
                litres += [int(rng.choice([120, 140, 240])), 240]
            elif k == 1:
                owner += [idx, idx, idx]; flux += [0, 0, 1]; litres += [660, 660, 660]
            else:
                size = int(rng.choice([360, 660]))
                owner += [idx, idx]; flux += [0, 1]; litres += [size, size]
        owner_a = np.array(owner, dtype=np.int32)
        flux_a = np.array(flux, dtype=np.int8)
        m = len(owner_a)
        chips = _unique_ints(rng, 0x0100000000, 0x04FFFFFFFF, m + 20_000)
        self.spare_chips = list(chips[m:])
        # sectors: bins of a commune and flux in rounds of SECTOR_SIZE, in order of longitude
        sector = np.zeros(m, dtype=np.int32)
        for ci in range(len(self.communes)):
            for f in (0, 1):
                sel = np.flatnonzero((commune[owner_a] == ci) & (flux_a == f))
                order = sel[np.argsort(lon[owner_a[sel]], kind="stable")]
                sector[order] = np.arange(len(order)) // SECTOR_SIZE
        self.ref = Referential(
            **p, b_chip=chips[:m], b_producer=owner_a, b_flux=flux_a,
            b_litres=np.array(litres, dtype=np.int32), b_sector=sector,
            b_from=np.zeros(m, dtype=np.int32), b_to=np.full(m, 1 << 30, dtype=np.int32))
        # first photo day of the producers created during the period
        self.producer_from: dict[int, int] = {}

    def _apply_changes(self) -> None:
        """Daily changes of the referential: a bin row ends and another starts."""
        r, rng = self.ref, self.rng
        new_rows: dict[str, list] = {k: [] for k in ("chip", "producer", "flux", "litres", "sector", "from")}
        for day in range(1, self.days):
            for event in ("replaced_chip", "moved_to_producer", "size_change", "new_producer"):
                for _ in range(int(rng.integers(1, 4))):
                    # a bin of a row started today is not changed again today
                    alive = np.flatnonzero((r.b_from < day) & (r.b_to == 1 << 30))
                    b = int(rng.choice(alive))
                    if event == "new_producer":
                        # a new house: a producer and its two bins
                        src = int(r.b_producer[b])
                        r.p_code = np.append(r.p_code, self.spare_codes.pop())
                        for name in ("p_commune", "p_kind", "p_activite", "p_rva"):
                            setattr(r, name, np.append(getattr(r, name), getattr(r, name)[src]))
                        r.p_kind[-1] = 0
                        r.p_lon = np.append(r.p_lon, round(r.p_lon[src] + 0.0004, 7))
                        r.p_lat = np.append(r.p_lat, round(r.p_lat[src] + 0.0003, 7))
                        self.producer_from[len(r.p_code) - 1] = day
                        self.log.count("referential:new_producer")
                        for f, size in ((0, 140), (1, 240)):
                            new_rows["chip"].append(self.spare_chips.pop())
                            new_rows["producer"].append(len(r.p_code) - 1)
                            new_rows["flux"].append(f); new_rows["litres"].append(size)
                            new_rows["sector"].append(int(r.b_sector[b]) if r.b_flux[b] == f else 0)
                            new_rows["from"].append(day)
                        continue
                    r.b_to[b] = day
                    chip, producer, litres = int(r.b_chip[b]), int(r.b_producer[b]), int(r.b_litres[b])
                    if event == "replaced_chip":
                        chip = self.spare_chips.pop()
                    elif event == "moved_to_producer":
                        same = np.flatnonzero((r.p_commune == r.p_commune[producer]) & (r.p_kind == 0))
                        producer = int(rng.choice(same))
                    else:
                        litres = {120: 140, 140: 240, 240: 360, 360: 660, 660: 360}[litres]
                    new_rows["chip"].append(chip); new_rows["producer"].append(producer)
                    new_rows["flux"].append(int(r.b_flux[b])); new_rows["litres"].append(litres)
                    new_rows["sector"].append(int(r.b_sector[b])); new_rows["from"].append(day)
                    self.log.count(f"referential:{event}")
                # flush so that later events of the day see the new rows
                if new_rows["chip"]:
                    r.b_chip = np.append(r.b_chip, new_rows["chip"])
                    r.b_producer = np.append(r.b_producer, new_rows["producer"]).astype(np.int32)
                    r.b_flux = np.append(r.b_flux, new_rows["flux"]).astype(np.int8)
                    r.b_litres = np.append(r.b_litres, new_rows["litres"]).astype(np.int32)
                    r.b_sector = np.append(r.b_sector, new_rows["sector"]).astype(np.int32)
                    r.b_from = np.append(r.b_from, new_rows["from"]).astype(np.int32)
                    r.b_to = np.append(r.b_to, [1 << 30] * len(new_rows["chip"])).astype(np.int32)
                    new_rows = {k: [] for k in new_rows}

    # -- writers --------------------------------------------------------------------
    def _producer_lines(self) -> list[str]:
        r = self.ref
        out = []
        for i in range(len(r.p_code)):
            c = self.communes[r.p_commune[i]]
            kind = int(r.p_kind[i])
            typ = "Non ménager" if kind == 2 else "Ménage"
            act = (ACTIVITES_NON_MENAGES[r.p_activite[i]] if kind == 2
                   else "Pt de regroupement" if kind == 1 else "Pavillon")
            rva = '""' if kind == 1 else str(r.p_rva[i])
            out.append(f"{r.p_code[i]};{rva};{c['code_insee']};{c['nom']};{typ};{act};"
                       f"{r.p_lon[i]:.7f};{r.p_lat[i]:.7f};")
        return out

    def _bin_line(self, b: int) -> str:
        r = self.ref
        f = int(r.b_flux[b])
        flux = "OM" if f == 0 else "CS"
        return (f"{r.p_code[r.b_producer[b]]};{CATEGORIES[flux]};{_type_recipient(f, int(r.b_litres[b]))};"
                f"{r.b_litres[b]};{int(r.b_chip[b]):010X};1;1.0;")

    def write(self, raw_root: Path) -> DefectLog:
        self._apply_changes()
        r, rng = self.ref, self.rng
        base = raw_root / "dechets"
        for sub in ("ref_bac", "ref_producteur", "levees", "exutoire"):
            (base / sub).mkdir(parents=True, exist_ok=True)
        producer_lines = self._producer_lines()
        p_from = self.producer_from
        bin_lines = [self._bin_line(b) for b in range(len(r.b_chip))]
        dates = [START + dt.timedelta(days=d) for d in range(self.days)]
        dup_photo_day = self.days // 2
        missing_day = self.days // 2 // 7 * 7 + 2  # a Wednesday mid-period without any lift file
        self.log.files.append({"file": f"levees of {dates[missing_day]:%Y%m%d}", "defect": "missing_day"})

        for d, day in enumerate(dates):
            ds = f"{day:%Y%m%d}"
            alive = np.flatnonzero((r.b_from <= d) & (r.b_to > d))
            lines = [bin_lines[b] + ds for b in alive]
            if d == dup_photo_day:
                # the same chip twice, under two producers
                twin = lines[7].split(";")
                twin[0] = str(r.p_code[(r.b_producer[alive[7]] + 1) % len(r.p_code)])
                lines.append(";".join(twin))
                self.log.count("photo:duplicate_chip_in_photo", 2)
                self.log.files.append({"file": f"dechets_ref_bac_{ds}.csv", "defect": "duplicated_chip"})
            (base / "ref_bac" / f"dechets_ref_bac_{ds}.csv").write_text(
                BAC_HEADER + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
            plines = [producer_lines[i] + ds for i in range(len(r.p_code)) if p_from.get(i, 0) <= d]
            (base / "ref_producteur" / f"dechets_ref_producteur_{ds}.csv").write_text(
                PRODUCTEUR_HEADER + "\n" + "\n".join(plines) + "\n", encoding="utf-8")
            if day.weekday() >= 5 or d == missing_day:
                continue
            self._write_lifts(base / "levees", base / "exutoire", d, day, alive)
        return self.log

    def _write_lifts(self, folder: Path, tickets: Path, d: int, day: dt.date, alive: np.ndarray) -> None:
        r, rng = self.ref, self.rng
        week = (day - START).days // 7
        weekday = day.weekday()
        ds = f"{day:%Y%m%d}"
        ticket_lines = []
        commune = r.p_commune[r.b_producer[alive]]
        # a round = (commune, flux, sector), on a weekday set by commune and sector
        # (OM and CS of a sector on different days); CS every other week
        sector, flux = r.b_sector[alive].astype(np.int64), r.b_flux[alive]
        due = (((commune * 3 + sector + 2 * flux) % 5 == weekday)
               & ((flux == 0) | ((commune + sector + week) % 2 == 0)))
        bins = alive[due]
        order = np.lexsort((r.p_lon[r.b_producer[bins]], r.b_sector[bins], r.b_flux[bins],
                            r.p_commune[r.b_producer[bins]]))
        bins = bins[order]
        shown = rng.random(len(bins)) < np.where(r.b_flux[bins] == 0, PRESENTATION["OM"], PRESENTATION["CS"])
        bins = bins[shown]
        rounds = r.p_commune[r.b_producer[bins]].astype(np.int64) * 1000 + r.b_sector[bins] * 10 + r.b_flux[bins]
        for nth, rk in enumerate(np.unique(rounds)):
            sel = bins[rounds == rk]
            ci, sector, f = int(rk // 1000), int(rk % 1000 // 10), int(rk % 10)
            flux = "OM" if f == 0 else "CS"
            insee = self.communes[ci]["code_insee"]
            tour = f"{DAYS[weekday]}-{int(insee[2:]) * 10 + sector:03d}-{flux}"
            plate = f"E{chr(65 + ci % 26)}{100 + (ci * 7 + sector) % 900:03d}{chr(65 + sector % 26)}{'JT' if f == 0 else 'CS'}"
            n = len(sel)
            mean = r.b_litres[sel] * MEAN_KG_PER_LITRE[flux]
            kg = np.round(rng.lognormal(np.log(mean), 0.45), 0)
            t0 = 5 * 3600 + 30 * 60 + int(rng.integers(0, 1800))
            times = t0 + np.cumsum(rng.integers(15, 45, n))
            lon = r.p_lon[r.b_producer[sel]] + rng.normal(0, 0.00005, n)
            lat = r.p_lat[r.b_producer[sel]] + rng.normal(0, 0.00005, n)
            chips = [f"{int(c):010X}" for c in r.b_chip[sel]]
            weights = [f"{w:.1f}" for w in kg]
            lats, lons = [f"{v:.7f}" for v in lat], [f"{v:.7f}" for v in lon]
            extra = None
            # a round that sends a file with its header only: nothing planted in it
            empty = d == 3 and nth == 0
            # planted defects, at fixed places so the counts are exact
            if d % 3 == 0 and n > 20 and not empty:
                chips[3] = f"{self.spare_chips.pop():010X}"
                self.log.count("lift:unknown_chip")
            if d % 11 == 1 and n > 20 and not empty:
                chips[5] = ""
                self.log.count("lift:missing_chip")
            if d % 5 == 2 and n > 20 and not empty:
                weights[6] = f"-{weights[6]}"
                self.log.count("lift:weight_negative")
            if d % 5 == 3 and n > 20 and not empty:
                weights[7] = "850.0"
                self.log.count("lift:weight_above_capacity")
            if d % 13 == 4 and n > 20 and not empty:
                weights[8] = "NA"
                self.log.count("lift:invalid_weight")
            if d % 7 == 1 and n > 20 and not empty:
                lats[9], lons[9] = "0.0000000", "0.0000000"
                self.log.count("lift:gps_outside_metropole")
            rows = [
                f"{ds};{times[i] // 3600:02d}{times[i] // 60 % 60:02d}{times[i] % 60:02d};{chips[i]};"
                f"{weights[i]};1;{lats[i]};{lons[i]};0;0;{int(rng.random() < 0.02)};0;0;0;;{plate};{tour}"
                for i in range(n)
            ]
            if d % 4 == 0 and n > 20 and not empty:
                rows.insert(11, rows[10])  # the same lift sent twice
                self.log.count("lift:duplicate_lift")
            name = f"dechets_levees_{ds}_{tour}.csv"
            header = LEVEES_HEADER
            if d == 1 and nth == 0:
                header += ";Commentaire"
                rows = [row + ";" for row in rows]
                extra = "extra_column"
            if empty:
                rows = []
                extra = "empty_with_header"
            if extra:
                self.log.files.append({"file": name, "defect": extra})
            (folder / name).write_text(header + "\n" + "".join(x + "\n" for x in rows), encoding="utf-8")
            # the truck empties once per round at the site of its flux
            tonnes = float(kg[kg > 0].sum()) / 1000
            ticket_lines.append(
                f"{plate};{day.month}/{day.day}/{day:%y};{tour};{int(rng.integers(20, 120))}.0;"
                f"J{ds[2:]}{len(ticket_lines):04d};{self.territory.name_upper()};{sector};{self.sites[flux]};"
                f"{tonnes:.2f};BOM 19T MERCEDES")
            self.log.count("lift:lines", len(rows))
        (tickets / f"dechets_exutoire_{ds}.csv").write_text(
            EXUTOIRE_HEADER + "\n" + "".join(x + "\n" for x in ticket_lines), encoding="utf-8")


def generate(raw_root: Path, profile: Profile, seed: int, weeks: int = DEFAULT_WEEKS,
             communes: list[dict[str, str]] | None = None) -> DefectLog:
    """The operator's extracts for ``profile`` (or for ``communes`` of it: a benchmark's scale)."""
    sites = {row["flux"]: row["nom"] for row in profile.demo_referential("exutoires.csv")}
    gen = WasteGenerator(Territory(profile, communes), sites, seed, weeks)
    log = gen.write(raw_root)
    demo = raw_root / "_demo"
    demo.mkdir(parents=True, exist_ok=True)
    (demo / "dechets_defects.json").write_text(json.dumps(
        {"seed": seed, "start": START.isoformat(), "weeks": weeks, "rows": log.rows,
         "files": log.files}, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return log
