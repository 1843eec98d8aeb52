"""The scanner itself catches what it must (so that a clean scan means something)."""

import pytest

from spmd.leakscan import find_identifier, iban_is_valid, nir_key_is_valid


@pytest.mark.parametrize(
    "text, kind",
    [
        ("NIR 1 85 05 78 006 084 91", "nir"),
        ("NIR 1 85 05 78 006 084 92", None),  # wrong key: not a NIR
        ("écrire à jean.dupont@example.fr", "email"),
        ("tél. 06 12 34 56 78", "phone"),
        ("+33 6 12 34 56 78", "phone"),
        ("IBAN FR76 3000 6000 0112 3456 7890 189", "iban"),
        ("véhicule AB-123-CD", "plate"),
        ("né le 12/03/2019", "date"),
        ("2019-03-12", "date"),
        ("309826db6abd59e9f083bb9c6a1c2452f966ea0798f7a583afc6e16c98a2bc3c", "pseudonym"),
        ("Jean-Pierre", None),
        ("75056", None),  # an INSEE code
        ("2025", None),
    ],
)
def test_find_identifier(text, kind):
    assert find_identifier(text) == kind


def test_nir_key():
    # key = 97 - (first 13 digits mod 97)
    assert nir_key_is_valid("185057800608491")
    assert not nir_key_is_valid("185057800608492")


def test_corsican_nir_key():
    # 2A counts as 19 in the key: 97 - (1850519006084 mod 97) = 97 - 62 = 35
    assert find_identifier("185052A00608435") == "nir"
    assert find_identifier("185052A00608436") is None


def test_iban_checksum():
    assert iban_is_valid("FR7630006000011234567890189")
    assert not iban_is_valid("FR7630006000011234567890188")
