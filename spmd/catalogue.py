"""The catalogue of the published datasets, generated from the project's metadata.

- ``catalogue.csv``: SCDL « Catalogue simplifié » 0.1.3 (``schemas/scdl-catalogue.json``),
  one row per published dataset, validated with frictionless plus the schema's
  custom check ``french-siret-value``;
- ``catalogue.jsonld``: DCAT-AP (JSON-LD), one ``dcat:Dataset`` per published
  dataset with one ``dcat:Distribution`` per file.

Everything comes from the dbt manifest (meta of the opendata models, their
exposures on the portal), the ``metropole`` seed and the files just written.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata

FREQUENCIES = {  # meta.update_frequency -> (SCDL FREQ_MAJ, EU frequency)
    "annual": ("Annuelle", "ANNUAL"),
    "monthly": ("Mensuelle ou plusieurs fois par mois", "MONTHLY"),
    "weekly": ("Hebdomadaire ou plusieurs fois par semaine", "WEEKLY"),
    "daily": ("Quotidienne ou plusieurs fois par jour", "DAILY"),
    "continuous": ("Continuelle", "CONT"),
}
LICENCES = {
    "etalab-2.0": ("Licence Ouverte-LO", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
    "odbl-1.0": ("Open Database License-ODBL", "https://opendatacommons.org/licenses/odbl/1-0/"),
}
MEDIA_TYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet",
               "geojson": "application/geo+json"}
SCDL_FIELDS = [
    "COLL_NOM", "COLL_SIRET", "ID", "TITRE", "DESCRIPTION", "THEME", "PRODUCTEUR_NOM",
    "PRODUCTEUR_SIRET", "COUV_SPAT_MAILLE", "COUV_SPAT_NOM", "COUV_TEMP_DEBUT", "COUV_TEMP_FIN",
    "DATE_PUBL", "FREQ_MAJ", "DATE_MAJ", "MOTS_CLES", "LICENCE", "NOMBRE_RESSOURCES",
    "FORMAT_RESSOURCES", "URL",
]


def _unaccented_lower(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def plain_text(markdown: str) -> str:
    """A description without markdown marks, on one line."""
    text = re.sub(r"[*`#]", "", markdown)
    return re.sub(r"\s+", " ", text).strip()


def siret_is_valid(siret: str) -> bool:
    """SIRET checksum (Luhn), with La Poste's exception (SIREN 356000000: digit sum % 5)."""
    if not re.fullmatch(r"\d{14}", siret or ""):
        return False
    if siret.startswith("356000000"):
        return sum(int(d) for d in siret) % 5 == 0
    total = 0
    for i, d in enumerate(reversed(siret)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _portal_url(manifest: dict, node: dict) -> str:
    for exposure in manifest.get("exposures", {}).values():
        if exposure.get("type") == "application" and node["unique_id"] in exposure["depends_on"]["nodes"]:
            return exposure["url"]
    raise ValueError(f"{node['name']}: no portal exposure (type application) gives its URL")


def build(manifest: dict, nodes: list[dict], files: list[dict], metropole: dict,
          coverage: dict[str, tuple[int, int]], published_on: str) -> tuple[str, dict]:
    """(catalogue CSV text, DCAT-AP JSON-LD document)."""
    rows, datasets = [], []
    for node in nodes:
        meta = node["config"]["meta"]
        name = node["name"]
        own_files = [f for f in files if f["model"] == name]
        first, last = coverage[name]
        frequency, eu_frequency = FREQUENCIES[meta["update_frequency"]]
        licence, licence_url = LICENCES[meta["licence"]]
        url = _portal_url(manifest, node)
        description = plain_text(node["description"])
        rows.append({
            "COLL_NOM": metropole["nom"], "COLL_SIRET": metropole["siret"], "ID": name,
            "TITRE": meta["titre"], "DESCRIPTION": description, "THEME": meta["theme"],
            "PRODUCTEUR_NOM": meta["producteur"]["nom"], "PRODUCTEUR_SIRET": meta["producteur"]["siret"],
            "COUV_SPAT_MAILLE": meta["granularite"], "COUV_SPAT_NOM": metropole["nom"],
            "COUV_TEMP_DEBUT": f"{first}-01-01", "COUV_TEMP_FIN": f"{last}-12-31",
            "DATE_PUBL": published_on, "FREQ_MAJ": frequency, "DATE_MAJ": published_on,
            "MOTS_CLES": ";".join(_unaccented_lower(k) for k in meta["keywords"]),
            "LICENCE": licence, "NOMBRE_RESSOURCES": len(own_files),
            "FORMAT_RESSOURCES": ";".join(f["format"] for f in own_files), "URL": url,
        })
        datasets.append({
            "@id": f"{url}#dataset",
            "@type": "dcat:Dataset",
            "dct:identifier": name,
            "dct:title": meta["titre"],
            "dct:description": description,
            "dcat:keyword": meta["keywords"],
            "dcat:theme": meta["theme"],
            "dct:publisher": {"@type": "foaf:Organization", "foaf:name": meta["producteur"]["nom"],
                              "dct:identifier": meta["producteur"]["siret"]},
            "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": metropole["nom_service"],
                                  "vcard:hasEmail": f"mailto:{metropole['contact']}"},
            "dct:spatial": {"@type": "dct:Location", "skos:prefLabel": metropole["nom"],
                            "dct:identifier": metropole["siren"]},
            "spmd:granularite": meta["granularite"],
            "dct:temporal": {"@type": "dct:PeriodOfTime", "dcat:startDate": f"{first}-01-01",
                             "dcat:endDate": f"{last}-12-31"},
            "dct:accrualPeriodicity": f"http://publications.europa.eu/resource/authority/frequency/{eu_frequency}",
            "dct:license": licence_url,
            "dct:issued": published_on,
            "dct:conformsTo": (meta.get("national_schema") or {}).get("name", f"spmd-{name}"),
            "dcat:landingPage": url,
            "dcat:distribution": [
                {
                    "@type": "dcat:Distribution",
                    "dct:title": f["path"],
                    "dcat:downloadURL": f"{url}/files/{f['path']}",
                    "dcat:mediaType": MEDIA_TYPES[f["format"]],
                    "dct:format": f["format"],
                    "dct:license": licence_url,
                    "spdx:checksum": {"spdx:algorithm": "spdx:checksumAlgorithm_sha256",
                                      "spdx:checksumValue": f["sha256"]},
                }
                for f in own_files
            ],
        })
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SCDL_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    jsonld = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/", "vcard": "http://www.w3.org/2006/vcard/ns#",
            "skos": "http://www.w3.org/2004/02/skos/core#", "spdx": "http://spdx.org/rdf/terms#",
            "spmd": "https://data.rennesmetropole.fr/spmd/ns#",
        },
        "@type": "dcat:Catalog",
        "dct:title": f"Catalogue du {metropole['nom_service']} — {metropole['nom']}",
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": metropole["nom"],
                          "dct:identifier": metropole["siret"]},
        "dcat:dataset": datasets,
    }
    return buffer.getvalue(), jsonld


# Validata's nomenclature-actes-value: the part before "/" is one of these
# (case and accents ignored).
ACTES_MATIERES = [
    "commande publique", "urbanisme", "domaine et patrimoine", "fonction publique",
    "institutions et vie politique", "libertes publiques et pouvoirs de police",
    "finances locales", "domaines de competences par themes", "autres domaines de competences",
]


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _row_errors(check: dict, row: dict[str, str]) -> str | None:
    """The error of one Validata custom check on one row, or None."""
    name, params = check["name"], check["params"]
    if name == "french-siret-value":
        value = row[params["column"]]
        # an empty optional cell is the schema's business, not the check's
        return None if value == "" or siret_is_valid(value) else f"invalid SIRET {value!r}"
    if name == "one-of-required":
        if not row[params["column1"]] and not row[params["column2"]]:
            return f"{params['column1']} and {params['column2']} both empty"
    elif name == "cohesive-columns-value":
        cells = [row[params["column"]], *(row[c] for c in params["othercolumns"])]
        if any(cells) and not all(cells):
            return f"{params['column']} and {', '.join(params['othercolumns'])} must be all filled or all empty"
    elif name == "compare-columns-value":
        a, b = row[params["column"]], row[params["column2"]]
        if a and b:
            left, right = (_number(a), _number(b)) if _number(a) is not None else (a, b)
            ops = {">=": left >= right, ">": left > right, "<=": left <= right,
                   "<": left < right, "==": left == right}
            if not ops[params["op"]]:
                return f"{params['column']} {a} {params['op']} {params['column2']} {b} is false"
    elif name == "sum-columns-value":
        total, parts = row[params["column"]], [row[c] for c in params["columns"]]
        if total and all(parts) and float(total) != sum(float(p) for p in parts):
            return f"{params['column']} {total} <> sum of {', '.join(params['columns'])}"
    elif name == "year-interval-value":
        value = row[params["column"]]
        if value and not re.fullmatch(r"\d{4}(/\d{4})?", value):
            return f"{params['column']} {value!r} is not a year or an interval"
    elif name == "nomenclature-actes-value":
        value = row[params["column"]]
        if "/" not in value or _unaccented_lower(value.split("/")[0]).strip() not in ACTES_MATIERES:
            return f"{params['column']} {value!r} is not an ACTES matière/sous-matière"
    else:
        return f"custom check {name} is not implemented"
    return None


def custom_check_errors(descriptor: dict, csv_text: str) -> list[str]:
    """The schema's Validata custom checks that frictionless does not run."""
    errors = []
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    for check in descriptor.get("custom_checks", []):
        for i, row in enumerate(rows):
            error = _row_errors(check, row)
            if error:
                errors.append(f"row {i + 2} {check['name']}: {error}")
                if error.startswith("custom check"):
                    break
    return errors
