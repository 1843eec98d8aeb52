"""Leak scan of published files (PRIVACY.md): direct identifiers in text cells.

An independent implementation of the dbt macro ``pii_pattern`` in Python, run by
pytest on the exact files of ``exports/opendata``.
"""

from __future__ import annotations

import re

_NIR = re.compile(r"[12]\d{2}(?:0[1-9]|1[0-2]|[2-9]\d)(?:\d{2}|2A|2B)\d{6}\d{2}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<!\d)(?:\+33 ?|0033 ?|0)[1-9](?:[ .-]?\d{2}){4}(?!\d)")
_IBAN = re.compile(r"FR\d{2}[0-9A-Z]{23}")
_PLATE = re.compile(r"(?<![A-Z0-9])[A-HJ-NP-TV-Z]{2}-\d{3}-[A-HJ-NP-TV-Z]{2}(?![A-Z0-9])")
_PSEUDONYM = re.compile(r"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")
_DATE = re.compile(
    r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:19|20)\d{2}(?!\d)"
    r"|(?<!\d)(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d)"
)


def nir_key_is_valid(nir: str) -> bool:
    body = nir[:13].replace("2A", "19").replace("2B", "18")
    return 97 - int(body) % 97 == int(nir[13:15])


def iban_is_valid(iban: str) -> bool:
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(c, 36)) for c in rearranged)
    return int(digits) % 97 == 1


def find_identifier(text: str) -> str | None:
    """The kind of the first direct identifier in ``text``, or None."""
    compact = re.sub(r"[ .]", "", text)
    if any(nir_key_is_valid(m) for m in _NIR.findall(compact)):
        return "nir"
    if _EMAIL.search(text):
        return "email"
    if _PHONE.search(text):
        return "phone"
    if any(iban_is_valid(m) for m in _IBAN.findall(text.upper().replace(" ", ""))):
        return "iban"
    if _PLATE.search(text):
        return "plate"
    if _DATE.search(text):
        return "date"
    if _PSEUDONYM.search(text):
        return "pseudonym"
    return None


# In a whole document (the docs site: code, JSON, hashes), an identifier is a
# whole token: no letter, digit or dot glued to it, so that a digit run inside a
# checksum or a decimal is not read as a phone number.
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![0-9A-Za-z.])", r"(?![0-9A-Za-z])"
_DOCUMENT_PATTERNS = {
    # spaces only: with dots, a float of a build time can pass for one
    "nir": re.compile(_EDGE_BEFORE + r"[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2A|2B)"
                      r" ?\d{3} ?\d{3} ?\d{2}" + _EDGE_AFTER),
    "email": _EMAIL,
    "phone": re.compile(_EDGE_BEFORE + r"(?:\+33 ?|0033 ?|0)[1-9](?:[ .-]?\d{2}){4}" + _EDGE_AFTER),
    "iban": re.compile(_EDGE_BEFORE + r"FR\d{2}(?: ?[0-9A-Z]){23}" + _EDGE_AFTER),
    "plate": re.compile(r"(?<![0-9A-Za-z-])[A-HJ-NP-TV-Z]{2}-\d{3}-[A-HJ-NP-TV-Z]{2}(?![0-9A-Za-z-])"),
}
_DOCUMENT_CHECKS = {"nir": nir_key_is_valid, "iban": iban_is_valid}


def find_in_document(text: str) -> list[tuple[str, str, str]]:
    """Every direct identifier in a whole document, as (kind, value, the text around it):
    NIR and IBAN only with a valid key, e-mail, French phone number, SIV plate.
    Dates and hexadecimal strings are not looked for: a documentation site is full
    of both (build times, checksums)."""
    found = []
    for kind, pattern in _DOCUMENT_PATTERNS.items():
        for match in pattern.finditer(text):
            check = _DOCUMENT_CHECKS.get(kind)
            if check and not check(re.sub(r"[ .]", "", match.group(0))):
                continue
            found.append((kind, match.group(0),
                          text[max(0, match.start() - 40):match.end() + 40].replace("\n", " ")))
    return found
