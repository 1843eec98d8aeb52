"""Demo council decisions and grants, as the communes' software export them.

What is generated (docs/formats/deliberations.md and subventions.md give the formats):
- per commune and year, its council decisions (about 12 + population / 1,000,
  capped at 240) in one of two formats, under
  ``<raw_root>/deliberations/<format>/deliberations_<INSEE>_<YYYY>.csv``;
- per commune and year, the grants it awarded (about 6 + population / 2,500),
  a quarter of them to private persons (driving licence, bursaries...), under
  ``<raw_root>/subventions/<format>/subventions_<INSEE>_<YYYY>.csv``;
- private persons named in the objects of decisions (with a civility, in a
  family form, as "Prénom NOM"), planted phone numbers, e-mails and NIRs, and
  the canary identity of spmd/demo/canaries.py;
- defects at documented rates, listed with their expected outcome in
  ``<raw_root>/_demo/actes_defects.json``.

One seeded generator: the same seed gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from faker import Faker
from stdnum import luhn
from stdnum.fr import siren as siren_check

from spmd import PROJECT_ROOT
from spmd.demo.canaries import CANARY
from spmd.demo.defects import DefectLog
from spmd.profile import Profile, most_populous

YEARS_DEFAULT = (2024, 2025)

# ACTES matière -> templates of objects; {person} is a private person, {street} a street.
OBJECTS = {
    "1.1": ["Marché de travaux de réfection de la toiture de la mairie : attribution",
            "Marché de fourniture de repas pour la restauration scolaire"],
    "1.4": ["Convention de groupement de commandes avec {metropole} pour l'énergie"],
    "2.1": ["Modification simplifiée n° {n} du plan local d'urbanisme intercommunal : avis"],
    "2.3": ["Exercice du droit de préemption urbain sur le bien de {person} situé {street}"],
    "3.1": ["Acquisition de la parcelle {parcel} appartenant à {person}",
            "Acquisition amiable auprès des consorts {family} d'une emprise {street}"],
    "3.2": ["Cession d'un délaissé de voirie à {person}, {street}"],
    "3.3": ["Location du logement communal à {person}", "Bail commercial consenti à {person}"],
    "3.5": ["Concession funéraire accordée à {person} au cimetière communal"],
    "4.1": ["Création d'un poste d'adjoint technique territorial à temps complet",
            "Modification du tableau des effectifs"],
    "4.2": ["Recrutement de {person} en qualité d'agent contractuel"],
    "5.3": ["Désignation de {official} au conseil d'administration du collège"],
    "5.6": ["Indemnités de fonction du maire et des adjoints"],
    "5.8": ["Autorisation d'ester en justice dans l'affaire opposant la commune à {person}"],
    "7.1": ["Budget primitif {year} : budget principal", "Décision modificative n° {n}"],
    "7.2": ["Vote des taux d'imposition {year}"],
    "7.5": ["Attribution des subventions aux associations pour {year}",
            "Subvention exceptionnelle à l'association sportive"],
    "8.1": ["Tarifs de la restauration scolaire pour l'année {year}"],
    "8.3": ["Travaux d'aménagement {street}", "Dénomination de la rue Simone Veil"],
    "8.9": ["Convention avec l'école de musique intercommunale"],
    "9.4": ["Vœu pour le maintien du bureau de poste"],
}
ACTES_LABELS = {
    "1.1": "Marches publics", "1.4": "Autres types de contrats", "2.1": "Documents d urbanisme",
    "2.3": "Droit de preemption urbain", "3.1": "Acquisitions", "3.2": "Alienations",
    "3.3": "Locations", "3.5": "Autres actes de gestion du domaine public",
    "4.1": "Personnel titulaires et stagiaires de la F.P.T.", "4.2": "Personnel contractuel",
    "5.3": "Designation de representants", "5.6": "Exercice des mandats locaux",
    "5.8": "Decision d ester en justice", "7.1": "Decisions budgetaires", "7.2": "Fiscalite",
    "7.5": "Subventions", "8.1": "Enseignement", "8.3": "Voirie", "8.9": "Culture",
    "9.4": "Voeux et motions",
}
ASSOCIATIONS = ("Comité des fêtes", "Union sportive", "Amicale laïque", "Club de l'amitié",
                "Les Amis de la bibliothèque", "Office des sports", "Secours populaire",
                "Restos du cœur", "École de musique", "Association des parents d'élèves")
COMPANIES = ("Boulangerie du Bourg", "Garage Central", "Ferme de la Lande", "Librairie Le Failler",
             "Atelier Kerdoncuff", "Café des sports")
PRIVATE_SCHEMES = ("Aide au permis de conduire", "Bourse d'études", "Aide à l'achat d'un vélo",
                   "Aide au ravalement de façade")

# Per-row defects: (expected outcome, share of rows).
DELIBERATION_DEFECTS = {
    "vote_sum_mismatch": 0.01,
    "prefecture_before_vote": 0.01,
    "unknown_actes_matiere": 0.005,
    "invalid_deliberation_date": 0.003,
    "missing_deliberation_id": 0.003,
    "duplicate_deliberation": 0.005,
    # corrected, published: the code wins over a contradicting label
    "corrected:label_contradicts_code": 0.01,
    # corrected, published: VOTE_REEL = POUR + CONTRE + ABSTENTION
    "corrected:votes_cast_missing": 0.01,
}
GRANT_DEFECTS = {
    "invalid_beneficiary_id": 0.02,
    "invalid_amount": 0.01,
    "invalid_percentage": 0.01,
    # corrected, published: the wrong SIRET is dropped, the RNA identifies
    "corrected:invalid_siret_with_rna": 0.02,
}


def random_siren(rng: random.Random) -> str:
    """A SIREN as INSEE makes them: eight digits and their Luhn key."""
    body = str(rng.randrange(10**7, 10**8))
    return body + luhn.calc_check_digit(body)


def siret_for(siren: str, establishment: int = 1) -> str:
    """The SIRET of establishment ``establishment`` (the NIC's first four digits)
    of SIREN ``siren``, its last digit the Luhn key of the fourteen."""
    if not siren_check.is_valid(siren):
        raise ValueError(f"{siren} is not a valid SIREN: its SIRETs would not be either")
    body = f"{siren}{establishment:04d}"
    return body + luhn.calc_check_digit(body)


def seats_for(population: int, bands: list[dict[str, str]]) -> int:
    return next(int(b["sieges"]) for b in bands
                if int(b["population_min"]) <= population <= int(b["population_max"]))


@dataclass(frozen=True)
class Format:
    encoding: str
    delimiter: str
    header: tuple[str, ...]
    date: str  # strftime

    def render(self, rows: list[list[str]], extra: tuple[str, ...] = ()) -> bytes:
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=self.delimiter, quoting=csv.QUOTE_ALL,
                       lineterminator="\r\n" if self.encoding == "cp1252" else "\n")
        w.writerow(list(self.header) + list(extra))
        w.writerows(r + ["RAS"] * len(extra) for r in rows)
        return buf.getvalue().encode(self.encoding)


DELIBERATION_FORMATS = {
    "format_a": Format("utf-8", ";", (
        "siret_collectivite", "numero_deliberation", "date_seance", "code_matiere",
        "libelle_matiere", "objet", "membres_en_exercice", "presents_representes", "votes_pour",
        "votes_contre", "abstentions", "date_transmission_prefecture", "identifiant_prefecture",
        "url_document"), "%Y-%m-%d"),
    "format_b": Format("cp1252", ",", (
        "SIRET", "N° délibération", "Date du conseil", "Matière", "Objet", "Effectif", "Votants",
        "Pour", "Contre", "Abstention", "Date AR préfecture", "N° AR", "Lien"), "%d/%m/%Y"),
}
GRANT_FORMATS = {
    "format_a": Format("utf-8", ";", (
        "siret_attribuant", "reference_deliberation", "date_convention", "beneficiaire",
        "type_beneficiaire", "siret_beneficiaire", "rna_beneficiaire", "objet", "montant", "nature",
        "conditions_versement", "date_debut_versement", "date_fin_versement", "notification_ue",
        "taux_financement", "dispositif"), "%Y-%m-%d"),
    "format_b": Format("cp1252", ",", (
        "SIRET collectivité", "N° délibération", "Date convention", "Bénéficiaire", "Catégorie",
        "SIRET", "RNA", "Objet", "Montant", "Nature de l'aide", "Versement", "Début versement",
        "Fin versement", "Notification UE", "% financement", "Dispositif"), "%d/%m/%Y"),
}


class CouncilGenerator:
    def __init__(self, communes: list[dict[str, str]], bands: list[dict[str, str]], seed: int,
                 metropole: str, departement: str):
        self.rng = random.Random(seed)
        self.metropole, self.departement = metropole, departement
        self.faker = Faker("fr_FR")
        self.faker.seed_instance(seed)
        self.communes = communes
        self.bands = bands
        self.formats = {c["code_insee"]: self.rng.choice(("format_a", "format_b")) for c in communes}
        self.log = DefectLog()

    # --- people and places ---------------------------------------------------

    def person(self) -> str:
        """A private person as a decision names one; logged so tests can look for it."""
        first, last = self.faker.first_name(), self.faker.last_name()
        form = self.rng.random()
        civility = self.rng.choice(("M.", "Mme", "Madame", "Monsieur"))
        if form < 0.45:
            text = f"{civility} {first} {last.upper()}"
        elif form < 0.75:
            text = f"{civility} {first} {last}"
        elif form < 0.9:
            text = f"M. et Mme {last.upper()}"
        else:
            text = f"{first} {last.upper()}"
        self.log.persons.append(text)
        return text

    def official(self) -> str:
        return f"Mme {self.faker.first_name_female()} {self.faker.last_name()}, adjointe au maire"

    def fill(self, template: str, year: int) -> str:
        return template.format(
            person=self.person() if "{person}" in template else "",
            official=self.official() if "{official}" in template else "",
            family=self.faker.last_name() if "{family}" in template else "",
            street=f"{self.rng.randrange(1, 80)} {self.faker.street_name()}",
            parcel=f"{self.rng.choice('ABCDZ')}{self.rng.choice('ABCDK')} {self.rng.randrange(1, 900)}",
            year=year, n=self.rng.randrange(1, 6), metropole=self.metropole,
        )

    def planted_pii(self) -> str:
        kind = self.rng.choice(("phone", "email", "nir"))
        if kind == "phone":
            return f" (contact : 06 {self.rng.randrange(10, 99)} {self.rng.randrange(10, 99)} {self.rng.randrange(10, 99)} {self.rng.randrange(10, 99)})"
        if kind == "email":
            return f", courriel {self.faker.user_name()}@example.org"
        sex, yy, mm = self.rng.choice("12"), self.rng.randrange(40, 99), self.rng.randrange(1, 13)
        body = f"{sex}{yy:02d}{mm:02d}{self.departement:0>2}{self.rng.randrange(1, 999):03d}{self.rng.randrange(1, 999):03d}"
        return f", NIR {body}{97 - int(body) % 97:02d}"

    # --- council decisions ---------------------------------------------------------

    def deliberations(self, commune: dict[str, str], year: int) -> list[dict]:
        population = int(commune["population_municipale"])
        seats = seats_for(population, self.bands)
        siret = siret_for(commune["siren"])
        n = min(240, 12 + population // 1000)
        ascii_name = unicodedata.normalize("NFKD", commune["nom"].lower()).encode("ascii", "ignore").decode()
        slug = "".join(ch if ch.isalnum() else "-" for ch in ascii_name)
        sittings = sorted({dt.date(year, m, self.rng.randrange(1, 28)) for m in range(1, 13)
                           if m != 8})
        out = []
        for i in range(n):
            code = self.rng.choice(list(OBJECTS))
            date = self.rng.choice(sittings)
            cast = seats - self.rng.randrange(0, max(2, seats // 5))
            against = self.rng.choice((0, self.rng.randrange(1, max(2, cast // 4))))
            abstain = self.rng.choice((0, 0, self.rng.randrange(0, 3)))
            objet = self.fill(self.rng.choice(OBJECTS[code]), year)
            if "{person}" in " ".join(OBJECTS[code]) and self.rng.random() < 0.08:
                objet += self.planted_pii()
            votes = [seats, cast, cast - against - abstain, against, abstain]
            out.append({
                "siret": siret, "id": f"DEL{year}-{i + 1:03d}", "date": date, "code": code,
                "label": ACTES_LABELS[code], "objet": objet,
                "votes": None if self.rng.random() < 0.05 else votes,
                "pref_date": date + dt.timedelta(days=self.rng.randrange(1, 12)),
                "pref_id": f"{commune['departement']:0>3}-{commune['siren']}-{date:%Y%m%d}-{i + 1:03d}-DE",
                "url": f"https://actes.{slug}.fr/{year}/{i + 1:03d}.pdf",
                "defect": "",
            })
        return out

    def plant_deliberation_defects(self, rows: list[dict]) -> list[dict]:
        pool = [r for r in rows if r["votes"] is not None and r["votes"][3] > 0]
        self.rng.shuffle(pool)
        extra = []
        for reason, rate in DELIBERATION_DEFECTS.items():
            for _ in range(max(1, round(len(rows) * rate))):
                r = pool.pop()
                r["defect"] = reason
                self.log.count(reason)
                if reason == "vote_sum_mismatch":
                    r["votes"][3] = max(0, r["votes"][3] - 1)  # one vote against lost
                elif reason == "prefecture_before_vote":
                    r["pref_date"] = r["date"] - dt.timedelta(days=5)
                elif reason == "unknown_actes_matiere":
                    r["code"], r["label"] = "7.12", "Finances diverses"
                elif reason == "invalid_deliberation_date":
                    r["date"] = "2025-02-30"
                elif reason == "missing_deliberation_id":
                    r["id"] = ""
                elif reason == "duplicate_deliberation":
                    extra.append(dict(r, votes=list(r["votes"])))
                elif reason == "corrected:label_contradicts_code":
                    r["label"] = "Marches publics" if r["code"] != "1.1" else "Voirie"
                elif reason == "corrected:votes_cast_missing":
                    r["votes"][1] = None
        return rows + extra

    def deliberation_row(self, fmt_name: str, r: dict) -> list[str]:
        fmt = DELIBERATION_FORMATS[fmt_name]
        date = r["date"] if isinstance(r["date"], str) else r["date"].strftime(fmt.date)
        votes = ["" if v is None else str(v) for v in (r["votes"] or [None] * 5)]
        pref = r["pref_date"].strftime(fmt.date)
        if fmt_name == "format_a":
            return [r["siret"], r["id"], date, r["code"], r["label"], r["objet"], *votes, pref,
                    r["pref_id"], r["url"]]
        # format B: one column "Matière", written as code + label, label only or code only
        style = self.rng.random()
        matiere = (r["label"] if style < 0.2 and not r["defect"]
                   else r["code"] if style < 0.3 else f"{r['code']} {r['label']}")
        if r["defect"] == "corrected:label_contradicts_code":
            matiere = f"{r['code']} {r['label']}"
        return [" ".join((r["siret"][:3], r["siret"][3:6], r["siret"][6:9], r["siret"][9:])),
                r["id"], date, matiere, r["objet"], *votes, pref, r["pref_id"], r["url"]]

    # --- grants ------------------------------------------------------------------

    def grants(self, commune: dict[str, str], year: int) -> list[dict]:
        population = int(commune["population_municipale"])
        siret = siret_for(commune["siren"])
        out = []
        for i in range(6 + population // 2500):
            date = dt.date(year, self.rng.randrange(1, 13), self.rng.randrange(1, 28))
            kind = self.rng.choices(("association", "entreprise", "personne"), (0.6, 0.15, 0.25))[0]
            if kind == "personne":
                scheme = self.rng.choice(PRIVATE_SCHEMES)
                name = f"{self.faker.first_name()} {self.faker.last_name().upper()}"
                self.log.persons.append(name)
                beneficiary = {"name": name, "type": "Personne physique", "siret": "", "rna": "",
                               "objet": f"{scheme} accordée à {name}", "scheme": scheme,
                               "amount": self.rng.choice((150, 200, 300, 400, 500, 800))}
            elif kind == "association":
                name = f"{self.rng.choice(ASSOCIATIONS)} de {commune['nom']}"
                rna = f"W35{self.rng.randrange(10**6, 10**7):07d}"
                siret_b = siret_for(random_siren(self.rng)) if self.rng.random() < 0.4 else ""
                beneficiary = {"name": name, "type": "Association", "siret": siret_b, "rna": rna,
                               "objet": f"Subvention de fonctionnement {year} à {name}",
                               "scheme": "Subvention de fonctionnement",
                               "amount": round(self.rng.lognormvariate(7.5, 1.1), 2)}
            else:
                name = self.rng.choice(COMPANIES)
                beneficiary = {"name": name, "type": "Entreprise",
                               "siret": siret_for(random_siren(self.rng)), "rna": "",
                               "objet": f"Aide à l'installation de {name}", "scheme": "Aide économique",
                               "amount": round(self.rng.uniform(1000, 20000), 2)}
            share = self.rng.choice((0.1, 0.25, 0.5, 0.8, 1.0))
            out.append(dict(beneficiary, siret_coll=siret, ref=f"DEL{year}-{i + 1:03d}", date=date,
                            nature=self.rng.choice(("aide en numéraire", "aide en numéraire",
                                                    "aide en nature")),
                            conditions=self.rng.choice(("unique", "échelonné")),
                            start=date + dt.timedelta(days=30), end=date + dt.timedelta(days=395),
                            ue="non", share=share, defect=""))
        return out

    def plant_grant_defects(self, rows: list[dict]) -> list[dict]:
        legal = [r for r in rows if r["type"] != "Personne physique"]
        self.rng.shuffle(legal)
        for reason, rate in GRANT_DEFECTS.items():
            for _ in range(max(1, round(len(rows) * rate))):
                candidates = [r for r in legal if not r["defect"]
                              and (reason != "corrected:invalid_siret_with_rna" or r["rna"])]
                r = candidates[0]
                r["defect"] = reason
                self.log.count(reason)
                if reason == "invalid_beneficiary_id":
                    r["rna"] = "W12345"  # wrong pattern
                    r["siret"] = r["siret"][:-1] + str((int(r["siret"][-1]) + 1) % 10) if r["siret"] else ""
                elif reason == "invalid_amount":
                    r["amount"] = self.rng.choice(("douze mille", "-500,00", "0"))
                elif reason == "invalid_percentage":
                    r["share"] = 1.5
                elif reason == "corrected:invalid_siret_with_rna":
                    base = r["siret"] or siret_for(random_siren(self.rng))
                    r["siret"] = base[:-1] + str((int(base[-1]) + 1) % 10)
        return rows

    def grant_row(self, fmt_name: str, r: dict) -> list[str]:
        fmt = GRANT_FORMATS[fmt_name]
        amount = r["amount"]
        if not isinstance(amount, str):
            whole, cents = f"{amount:,.2f}".split(".")
            # French writing: a no-break space (narrow in UTF-8) between thousands, a decimal comma
            group = "\xa0" if fmt_name == "format_b" else "\u202f"
            amount = whole.replace(",", group) + "," + cents + (" €" if fmt_name == "format_b" else "")
        share = (f"{r['share'] * 100:g} %" if fmt_name == "format_b"
                 else f"{r['share']:g}".replace(".", ","))
        siret = r["siret"]
        if siret and fmt_name == "format_b":
            siret = f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"
        return [r["siret_coll"], r["ref"], r["date"].strftime(fmt.date), r["name"],
                r["type"] if fmt_name == "format_a" else
                {"Personne physique": "Particulier"}.get(r["type"], r["type"]),
                siret, r["rna"], r["objet"], amount, r["nature"], r["conditions"],
                r["start"].strftime(fmt.date), r["end"].strftime(fmt.date),
                r["ue"] if fmt_name == "format_a" else r["ue"].capitalize(), share, r["scheme"]]


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def generate(raw_root: Path, profile: Profile, years: tuple[int, ...], seed: int) -> DefectLog:
    communes = profile.communes()
    bands = _read(PROJECT_ROOT / "seeds" / "reference" / "conseil_municipal_effectif.csv")
    gen = CouncilGenerator(communes, bands, seed, profile["NOM"], profile.departements[0])
    files: dict[Path, bytes] = {}
    for year in years:
        for commune in communes:
            insee, fmt = commune["code_insee"], gen.formats[commune["code_insee"]]
            delibs = gen.plant_deliberation_defects(gen.deliberations(commune, year)) \
                if int(commune["population_municipale"]) > 15000 else gen.deliberations(commune, year)
            files[raw_root / "deliberations" / fmt / f"deliberations_{insee}_{year}.csv"] = \
                DELIBERATION_FORMATS[fmt].render([gen.deliberation_row(fmt, r) for r in delibs])
            grants = gen.plant_grant_defects(gen.grants(commune, year)) \
                if int(commune["population_municipale"]) > 15000 else gen.grants(commune, year)
            files[raw_root / "subventions" / fmt / f"subventions_{insee}_{year}.csv"] = \
                GRANT_FORMATS[fmt].render([gen.grant_row(fmt, r) for r in grants])

    last = max(years)
    # File-level defects: a file with only its header, one with an extra column.
    small = sorted((c for c in communes), key=lambda c: int(c["population_municipale"]))
    header_only = raw_root / "deliberations" / gen.formats[small[0]["code_insee"]] / \
        f"deliberations_{small[0]['code_insee']}_{last}.csv"
    files[header_only] = DELIBERATION_FORMATS[gen.formats[small[0]["code_insee"]]].render([])
    gen.log.files.append({"file": header_only.name, "defect": "header_only"})
    extra_commune = small[1]
    fmt = gen.formats[extra_commune["code_insee"]]
    extra = raw_root / "subventions" / fmt / f"subventions_{extra_commune['code_insee']}_{last}.csv"
    grants = gen.grants(extra_commune, last)
    files[extra] = GRANT_FORMATS[fmt].render([gen.grant_row(fmt, r) for r in grants], ("Commentaire",))
    gen.log.files.append({"file": extra.name, "defect": "extra_column"})

    # The canary, in the object of a decision of the main commune.
    main = most_populous(communes)
    fmt = gen.formats[main["code_insee"]]
    seats = seats_for(int(main["population_municipale"]), bands)
    canary = {
        "siret": siret_for(main["siren"]), "id": f"DEL{last}-999", "date": dt.date(last, 6, 20),
        "code": "3.5", "label": ACTES_LABELS["3.5"],
        "objet": (f"Concession funéraire accordée à Mme Corentine {CANARY['family_name']}, "
                  f"tél. {CANARY['phone']}, {CANARY['email']}, NIR {CANARY['nir']}"),
        "votes": [seats, seats - 6, seats - 6, 0, 0], "pref_date": dt.date(last, 6, 25),
        "pref_id": f"{main['departement']:0>3}-canary", "url": "https://actes.example.fr/canary.pdf", "defect": "",
    }
    path = raw_root / "deliberations" / fmt / f"deliberations_{main['code_insee']}_{last}_complement.csv"
    files[path] = DELIBERATION_FORMATS[fmt].render([gen.deliberation_row(fmt, canary)])
    gen.log.files.append({"file": path.name, "defect": "canary"})

    for p, content in files.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content)
    demo = raw_root / "_demo"
    demo.mkdir(parents=True, exist_ok=True)
    (demo / "actes_defects.json").write_text(json.dumps(
        {"seed": seed, "years": list(years), "rows": gen.log.rows, "files": gen.log.files,
         "persons": sorted(set(gen.log.persons))},
        ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return gen.log
