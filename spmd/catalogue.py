"""The catalogue of the published datasets, generated from the project's metadata.

- ``catalogue.csv``: SCDL « Catalogue simplifié » 0.1.3 (``schemas/scdl-catalogue.json``),
  one row per published dataset, validated with frictionless and by the official
  validator, Validata (its custom check ``french-siret-value`` included);
- ``catalogue.jsonld``: DCAT-AP (JSON-LD), one ``dcat:Dataset`` per published
  dataset with one ``dcat:Distribution`` per file.

Everything comes from the dbt manifest (meta of the opendata models, their
exposures on the portal), the ``dim_metropole`` mart (the métropole profile) and the files just written.
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
            "spmd": f"{metropole['portail'].rstrip('/')}/spmd/ns#",
        },
        "@type": "dcat:Catalog",
        "dct:title": f"Catalogue du {metropole['nom_service']} — {metropole['nom']}",
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": metropole["nom"],
                          "dct:identifier": metropole["siret"]},
        "dcat:dataset": datasets,
    }
    return buffer.getvalue(), jsonld
