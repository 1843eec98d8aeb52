"""Demo birth records, as three civil-registry software packages export them.

What is generated (see docs/formats/naissances.md for the formats themselves):
- about ``births_per_year`` births a year, registered where they happen: the
  maternities of the profile (SPMD_METROPOLE_DEMO_MATERNITES, else its two most
  populous communes), and a few home births in the parents' commune; parents' residence drawn in proportion to the communes' population;
- one file per registering commune and year, in the format of that commune's
  software, under ``<raw_root>/naissances/<format>/naissances_<INSEE>_<YYYY>.csv``;
- defects planted at documented rates (``DEFECT_RATES``) and a few file-level
  defects, listed in ``<raw_root>/_demo/naissances_defects.json`` so that tests can
  check that each one ends in quarantine with the right reason.

Everything is drawn from one seeded generator: the same seed gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from dataclasses import dataclass
from pathlib import Path

from faker import Faker

from spmd.demo.canaries import CANARY, FREE_TEXT
from spmd.demo.defects import DefectLog
from spmd.demo.given_names import (
    FEMALE,
    MALE,
    RARE_ENDINGS_FEMALE,
    RARE_ENDINGS_MALE,
    RARE_STARTS,
)
from spmd.demo.territory import Territory
from spmd.profile import Profile

# The share of the births registered in each maternity commune is the profile's
# (spmd.profile.Profile.maternities); the rest are home births, registered in the
# parents' commune.

# Per-row defects: (reason code expected in quarantine, share of rows).
DEFECT_RATES = {
    "duplicate_act": 0.003,
    "invalid_birth_date": 0.001,
    "unknown_commune": 0.001,
    "missing_first_name": 0.001,
}

# Share of first names drawn from the long tail of rare names.
RARE_NAME_SHARE = 0.07

# Given names as registrars type them: this share of the acts with several given
# names separates them otherwise than by one space (never with the file's own
# delimiter), sometimes with a trailing separator. They are valid births.
REGISTRAR_SEPARATOR_SHARE = 0.03
REGISTRAR_SEPARATORS = (", ", ",", "; ", ";", "  ", "\t")

FORMATS = ("format_a", "format_b", "format_c")
# The software of the maternity communes is fixed so that both the UTF-8 and the
# Windows-1252 formats carry real volume; the other communes draw theirs.
MATERNITY_FORMATS = ("format_a", "format_b")


@dataclass
class Birth:
    act_number: str
    registration_insee: str
    residence_insee: str
    birth_date: str  # ISO; may be deliberately impossible
    birth_time: str
    sex: str  # M / F
    given_names: str
    family_name: str
    parent1: tuple[str, str]
    parent2: tuple[str, str]
    address: str
    defect: str = ""


def _zipf_weights(n: int, exponent: float = 1.07) -> list[float]:
    return [1.0 / (rank**exponent) for rank in range(1, n + 1)]


class BirthsGenerator:
    def __init__(self, communes: list[dict[str, str]], seed: int, births_per_year: int,
                 maternities: dict[str, float]):
        self.rng = random.Random(seed)
        self.faker = Faker("fr_FR")
        self.faker.seed_instance(seed)
        self.communes = communes
        self.by_insee = {c["code_insee"]: c for c in communes}
        self.births_per_year = births_per_year
        self.maternities = maternities
        fixed = dict(zip(maternities, MATERNITY_FORMATS))
        self.female_weights = _zipf_weights(len(FEMALE))
        self.male_weights = _zipf_weights(len(MALE))
        self.population_weights = [int(c["population_municipale"]) for c in communes]
        self.formats = {
            c["code_insee"]: fixed.get(c["code_insee"], self.rng.choice(FORMATS))
            for c in communes
        }

    def _given_names(self, sex: str) -> str:
        names, weights = (FEMALE, self.female_weights) if sex == "F" else (MALE, self.male_weights)
        count = self.rng.choices((1, 2, 3), weights=(0.35, 0.45, 0.20))[0]
        picked = self.rng.choices(names, weights=weights, k=count)
        if self.rng.random() < RARE_NAME_SHARE:
            endings = RARE_ENDINGS_FEMALE if sex == "F" else RARE_ENDINGS_MALE
            picked[0] = self.rng.choice(RARE_STARTS) + self.rng.choice(endings)
        return " ".join(dict.fromkeys(picked))

    def _person(self) -> tuple[str, str]:
        sex = self.rng.choice("MF")
        return self.faker.last_name().upper(), self._given_names(sex)

    def births(self, year: int) -> list[Birth]:
        n = int(self.rng.gauss(self.births_per_year, self.births_per_year * 0.02))
        days = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
        acts: dict[str, int] = {}
        out = []
        for _ in range(n):
            residence = self.rng.choices(self.communes, weights=self.population_weights)[0]
            draw = self.rng.random()
            registration = next(
                (code for code, share in _cumulative(self.maternities) if draw < share),
                residence["code_insee"],
            )
            date = dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randrange(days))
            sex = self.rng.choice("MF")
            acts[registration] = acts.get(registration, 0) + 1
            parent1, parent2 = self._person(), self._person()
            family_name = self.rng.choice((parent1[0], parent2[0], f"{parent1[0]}-{parent2[0]}"))
            postcode = residence["codes_postaux"].split(";")[0]
            out.append(
                Birth(
                    act_number=f"{year}-{acts[registration]:05d}",
                    registration_insee=registration,
                    residence_insee=residence["code_insee"],
                    birth_date=date.isoformat(),
                    birth_time=f"{self.rng.randrange(24):02d}:{self.rng.randrange(60):02d}",
                    sex=sex,
                    given_names=self._given_names(sex),
                    family_name=family_name,
                    parent1=parent1,
                    parent2=parent2,
                    address=f"{self.faker.street_address()}, {postcode} {residence['nom']}",
                )
            )
        out.sort(key=lambda b: (b.registration_insee, b.act_number))
        return out


def _cumulative(shares: dict[str, float]):
    total = 0.0
    for code, share in shares.items():
        total += share
        yield code, total


# --- the three export formats -------------------------------------------------


def _date_a(iso: str) -> str:
    return iso


def _date_b(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def _date_c(iso: str) -> str:
    return iso.replace("-", "")


@dataclass(frozen=True)
class ExportFormat:
    name: str
    encoding: str
    delimiter: str
    quote_all: bool
    header: tuple[str, ...]
    sex_codes: dict[str, str]
    date: object

    def row(self, b: Birth) -> list[str]:
        sex = self.sex_codes[b.sex]
        date = self.date(b.birth_date)
        if self.name == "format_a":
            return [b.act_number, b.registration_insee, date, b.birth_time, sex, b.given_names,
                    b.family_name, b.residence_insee, *b.parent1, *b.parent2, b.address]
        if self.name == "format_b":
            return [b.act_number, b.registration_insee, date, sex, b.given_names, b.family_name,
                    b.residence_insee, *b.parent1, *b.parent2, b.address]
        return [b.act_number, b.registration_insee, date, sex, b.given_names, b.family_name,
                b.residence_insee, " ".join(b.parent1), " ".join(b.parent2), b.address]

    def render(self, header: list[str], rows: list[list[str]]) -> bytes:
        buf = io.StringIO()
        writer = csv.writer(
            buf,
            delimiter=self.delimiter,
            quoting=csv.QUOTE_ALL if self.quote_all else csv.QUOTE_NONE,
            lineterminator="\r\n" if self.encoding == "cp1252" else "\n",
            escapechar=None if self.quote_all else "\\",
        )
        writer.writerow(header)
        writer.writerows(rows)
        return buf.getvalue().encode(self.encoding)


EXPORT_FORMATS = {
    "format_a": ExportFormat(
        "format_a", "utf-8", ";", False,
        ("numero_acte", "code_insee_lieu_naissance", "date_naissance", "heure_naissance", "sexe",
         "prenoms", "nom", "code_insee_domicile", "nom_parent1", "prenoms_parent1",
         "nom_parent2", "prenoms_parent2", "adresse_domicile"),
        {"M": "M", "F": "F"}, _date_a,
    ),
    "format_b": ExportFormat(
        "format_b", "cp1252", ",", True,
        ("N_ACTE", "INSEE_LIEU", "DATE_NAIS", "SEXE", "PRENOMS", "NOM", "INSEE_DOMICILE",
         "PARENT1_NOM", "PARENT1_PRENOMS", "PARENT2_NOM", "PARENT2_PRENOMS", "ADRESSE"),
        {"M": "1", "F": "2"}, _date_b,
    ),
    "format_c": ExportFormat(
        "format_c", "utf-8", "|", False,
        ("NumeroActe", "CommuneNaissance", "DateNaissance", "Sexe", "Prenoms", "NomFamille",
         "CommuneDomicile", "Parent1", "Parent2", "AdresseParents"),
        {"M": "Masculin", "F": "Féminin"}, _date_c,
    ),
}


# --- defects and files ----------------------------------------------------------


def _plant_row_defects(births: list[Birth], rng: random.Random, log: DefectLog, unknown_commune: str) -> list[Birth]:
    """Return the rows to write, with defects planted on distinct births."""
    pool = list(range(len(births)))
    rng.shuffle(pool)
    cursor = 0
    duplicated: set[int] = set()
    for reason, rate in DEFECT_RATES.items():
        k = max(1, round(len(births) * rate))
        chosen, cursor = pool[cursor : cursor + k], cursor + k
        for i in chosen:
            b = births[i]
            b.defect = reason
            if reason == "duplicate_act":
                duplicated.add(i)
            elif reason == "invalid_birth_date":
                y = b.birth_date[:4]
                b.birth_date = rng.choice((f"{y}-02-30", f"{y}-13-01", f"{y}-04-31"))
            elif reason == "unknown_commune":
                b.residence_insee = unknown_commune
            elif reason == "missing_first_name":
                b.given_names = ""
        log.count(reason, k)
    rows = []
    for i, b in enumerate(births):
        rows.append(b)
        if i in duplicated:
            rows.append(b)
    return rows


def _type_as_registrars(files: dict, rng: random.Random) -> int:
    """Rewrite the separators of a share of the multi-name acts (REGISTRAR_SEPARATORS);
    its own generator, so the births themselves do not depend on it. Returns the
    number of acts rewritten."""
    typed = 0
    for fmt, _, births in files.values():
        separators = [s for s in REGISTRAR_SEPARATORS if fmt.delimiter not in s]
        trailing_mark = ";" if fmt.delimiter == "," else ","
        for b in births:
            if b.defect or " " not in b.given_names or rng.random() >= REGISTRAR_SEPARATOR_SHARE:
                continue
            trailing = rng.choice(("", "", "", trailing_mark))
            b.given_names = rng.choice(separators).join(b.given_names.split(" ")) + trailing
            typed += 1
    return typed


def for_profile(profile: Profile, seed: int, births_per_year: int,
                communes: list[dict[str, str]] | None = None) -> BirthsGenerator:
    return BirthsGenerator(communes if communes is not None else profile.communes(), seed, births_per_year,
                           profile.maternities())


def generate(raw_root: Path, profile: Profile, years: tuple[int, ...], seed: int,
             births_per_year: int, communes: list[dict[str, str]] | None = None) -> DefectLog:
    """The civil-registry extracts of ``profile`` (or of ``communes`` of it: a benchmark's scale)."""
    gen = for_profile(profile, seed, births_per_year, communes)
    unknown_commune = Territory(profile, gen.communes).unknown_commune_code()
    main_maternity = next(iter(gen.maternities))
    log = DefectLog()
    domain = raw_root / "naissances"
    # path -> (format, extra header columns, births in file order)
    files: dict[Path, tuple[ExportFormat, list[str], list[Birth]]] = {}
    for year in years:
        by_commune: dict[str, list[Birth]] = {}
        for b in gen.births(year):
            by_commune.setdefault(b.registration_insee, []).append(b)
        for insee, births in sorted(by_commune.items()):
            fmt = EXPORT_FORMATS[gen.formats[insee]]
            rows = _plant_row_defects(births, gen.rng, log, unknown_commune) if len(births) > 50 else births
            files[domain / fmt.name / f"naissances_{insee}_{year}.csv"] = (fmt, [], rows)

    # File-level defects, one each, on the smallest files so the volume stays realistic.
    small = sorted(files, key=lambda p: (len(files[p][2]), str(p)))
    last_year = max(years)
    header_only = next(p for p in small if p.name.endswith(f"_{last_year}.csv"))
    files[header_only] = (files[header_only][0], [], [])
    log.files.append({"file": header_only.name, "defect": "header_only"})

    extra = next(p for p in small if p.parent.name == "format_c" and p != header_only)
    files[extra] = (files[extra][0], ["Observations"], files[extra][2])
    log.files.append({"file": extra.name, "defect": "extra_column"})

    typed = _type_as_registrars(files, random.Random(f"{seed}-separators"))

    # The canary: a valid birth in a maternity's file (structured fields) and a
    # note in the free-text column of the extra-column file.
    maternity = domain / "format_a" / f"naissances_{main_maternity}_{last_year}.csv"
    fmt, extra_columns, births_in_file = files[maternity]
    home = gen.by_insee[main_maternity]
    births_in_file.append(Birth(
        act_number=f"{last_year}-99999", registration_insee=main_maternity, residence_insee=main_maternity,
        birth_date=f"{last_year}-06-15", birth_time="12:00", sex="F",
        given_names=CANARY["given_names"], family_name=CANARY["family_name"],
        parent1=(CANARY["family_name"], CANARY["parent_given_name"]),
        parent2=(CANARY["family_name"], "MARINE"),
        address=f"{CANARY['address']}, {home['codes_postaux'].split(';')[0]} {home['nom']}",
    ))
    log.files.append({"file": maternity.name, "defect": "canary"})
    log.files.append({"file": extra.name, "defect": "canary"})

    # A maternity re-sends twenty acts it had already sent: they are duplicates.
    resend_source = maternity
    fmt, _, births = files[resend_source]
    resent = [b for b in births if not b.defect][100:120]
    resend = resend_source.with_name(f"naissances_{main_maternity}_{last_year}_renvoi.csv")
    files[resend] = (fmt, [], resent)
    log.count("duplicate_act", len(resent))
    log.files.append({"file": resend.name, "defect": "resend"})

    for path, (fmt, extra_columns, births) in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        notes = [FREE_TEXT if i == 0 else "RAS" for i in range(len(births))]
        rows = [fmt.row(b) + [note] * len(extra_columns) for b, note in zip(births, notes)]
        path.write_bytes(fmt.render(list(fmt.header) + extra_columns, rows))

    demo = raw_root / "_demo"
    demo.mkdir(parents=True, exist_ok=True)
    (demo / "naissances_defects.json").write_text(
        json.dumps({"seed": seed, "years": list(years), "rows": log.rows, "files": log.files,
                    "registrar_separators": typed}, indent=2, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    return log
