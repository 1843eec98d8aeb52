"""The catalogue of the published datasets: SCDL catalogue 0.1.3 (valid for the
official validator, Validata, its custom SIRET check included) and DCAT-AP
JSON-LD, both consistent with the manifest."""

import csv
import io
import json

from frictionless import Resource, Schema

from conftest import ROOT, active_profile
from spmd.publish import validata_errors

SCHEMA = json.loads((ROOT / "schemas" / "scdl-catalogue.json").read_text(encoding="utf-8"))


def _validate(path):
    resource = Resource(path=path.name, basepath=str(path.parent),
                        schema=Schema.from_descriptor({"fields": SCHEMA["fields"]}))
    return resource.validate()


def test_catalogue_csv_validates_against_scdl_catalogue(exports):
    report = _validate(exports / "catalogue.csv")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])[:5]
    assert validata_errors([(exports / "catalogue.csv", ROOT / "schemas" / "scdl-catalogue.json")]) == []


def test_catalogue_lists_every_published_dataset(exports):
    manifest = json.loads((exports / "manifest.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((exports / "catalogue.csv").read_text(encoding="utf-8"))))
    assert {r["ID"] for r in rows} == {f["model"] for f in manifest["files"]}
    for r in rows:
        assert int(r["NOMBRE_RESSOURCES"]) == sum(f["model"] == r["ID"] for f in manifest["files"])


def test_siret_custom_check_catches_a_wrong_siret(exports, tmp_path):
    text = (exports / "catalogue.csv").read_text(encoding="utf-8")
    row = next(csv.DictReader(io.StringIO(text)))
    siret = row["PRODUCTEUR_SIRET"]
    wrong = siret[:-1] + str((int(siret[-1]) + 1) % 10)
    (tmp_path / "catalogue.csv").write_text(text.replace(siret, wrong), encoding="utf-8")
    errors = validata_errors([(tmp_path / "catalogue.csv", ROOT / "schemas" / "scdl-catalogue.json")])
    assert errors and all("french-siret-value" in e for e in errors), errors


def test_dcat_dataset_has_what_a_portal_needs(exports):
    manifest = json.loads((exports / "manifest.json").read_text(encoding="utf-8"))
    catalog = json.loads((exports / "catalogue.jsonld").read_text(encoding="utf-8"))
    assert catalog["@type"] == "dcat:Catalog"
    datasets = catalog["dcat:dataset"]
    assert {d["dct:identifier"] for d in datasets} == {f["model"] for f in manifest["files"]}
    for d in datasets:
        for key in ("dct:title", "dcat:keyword", "dcat:theme", "dct:publisher", "dcat:contactPoint",
                    "dct:spatial", "spmd:granularite", "dct:temporal", "dct:accrualPeriodicity",
                    "dct:license"):
            assert d.get(key), (d["dct:identifier"], key)
        assert len(d["dct:description"]) >= 100
        checksums = {x["spdx:checksum"]["spdx:checksumValue"] for x in d["dcat:distribution"]}
        assert checksums == {f["sha256"] for f in manifest["files"] if f["model"] == d["dct:identifier"]}


def test_producer_publisher_and_namespace_are_the_profiles(exports):
    """Nothing of another métropole: the manifest, every catalogue line and the DCAT
    catalogue name the active profile's métropole, SIRET, licence and portal."""
    profile = active_profile()
    manifest = json.loads((exports / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["producer"] == {"nom": profile["NOM"], "siret": profile["SIRET"]}
    rows = list(csv.DictReader(io.StringIO((exports / "catalogue.csv").read_text(encoding="utf-8"))))
    assert {(r["COLL_NOM"], r["COLL_SIRET"], r["PRODUCTEUR_SIRET"]) for r in rows} == {
        (profile["NOM"], profile["SIRET"], profile["SIRET"])}
    assert {f["licence"] for f in manifest["files"]} == {profile["LICENCE"]}
    catalog = json.loads((exports / "catalogue.jsonld").read_text(encoding="utf-8"))
    assert catalog["@context"]["spmd"].startswith(profile["PORTAIL"] + "/")
    assert catalog["dct:publisher"]["dct:identifier"] == profile["SIRET"]
    assert {d["dct:publisher"]["dct:identifier"] for d in catalog["dcat:dataset"]} == {profile["SIRET"]}
    assert all(d["dcat:contactPoint"]["vcard:hasEmail"] == f"mailto:{profile['CONTACT']}"
               for d in catalog["dcat:dataset"])
