"""Canary identity planted in the raw demo extracts (PRIVACY assurance).

A made-up person whose identifiers are valid in form (NIR and IBAN with correct
keys) is written into the raw files, in structured fields and in free text. Tests
prove that none of it, in any written form, reaches the exports, the docs site,
dbt's target/ artefacts or the logs, while it is in the raw files.
"""

from __future__ import annotations

CANARY = {
    "nir": "2 91 07 35 238 042 36",
    "phone": "06 71 83 29 54",
    "email": "corentin.canari@example.org",
    "iban": "FR76 3000 4000 0312 3456 7890 143",
    "plate": "CZ-417-QK",
    "family_name": "CANARI-SPMD",
    "parent_given_name": "CANARIO",
    # given once: the threshold must keep it out of the prénoms files
    "given_names": "CANARIELLE MARINE",
    # the street only: the demo writes it with the postal code and name of a commune of the profile
    "address": "17 rue du Canari",
}

FREE_TEXT = (
    f"Parent joignable au {CANARY['phone']} ou {CANARY['email']}, "
    f"NIR {CANARY['nir']}, IBAN {CANARY['iban']}, véhicule {CANARY['plate']}"
)


def written_forms(value: str) -> set[str]:
    """The forms a value may take once copied somewhere: as is, without spaces or
    dashes, in upper, lower and title case."""
    compact = value.replace(" ", "").replace("-", "")
    forms = {value, compact}
    return {f for v in forms for f in (v, v.upper(), v.lower(), v.title())}
