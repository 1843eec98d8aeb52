import hashlib
import hmac

import pytest

from spmd.pseudonymisation import (
    DEMO_KEY,
    KEY_ENV_VAR,
    PseudonymisationKeyError,
    pseudonymise,
    resolve_key,
)

KEY = b"k" * 40


def test_is_hmac_sha256_of_domain_and_value():
    expected = hmac.new(KEY, b"naissances.acte\x1f00000|2025-00001", hashlib.sha256).hexdigest()
    assert pseudonymise(KEY, "naissances.acte", "00000|2025-00001") == expected


def test_not_a_plain_hash():
    assert pseudonymise(KEY, "d", "v") != hashlib.sha256(b"d\x1fv").hexdigest()


def test_domains_do_not_join():
    assert pseudonymise(KEY, "naissances.acte", "x") != pseudonymise(KEY, "dechets.bac", "x")


def test_key_change_changes_every_pseudonym_and_same_key_is_stable():
    values = [f"00000|2025-{i:05d}" for i in range(200)]
    a = [pseudonymise(KEY, "naissances.acte", v) for v in values]
    b = [pseudonymise(b"other-key" * 5, "naissances.acte", v) for v in values]
    assert not set(a) & set(b)
    assert a == [pseudonymise(KEY, "naissances.acte", v) for v in values]


def test_null_stays_null():
    assert pseudonymise(KEY, "d", None) is None


def test_demo_target_falls_back_to_demo_key():
    assert resolve_key(allow_demo_key=True, environ={}) == DEMO_KEY.encode()


@pytest.mark.parametrize(
    "environ, message",
    [
        ({}, "is not set"),
        ({KEY_ENV_VAR: DEMO_KEY}, "public demo key"),
        ({KEY_ENV_VAR: "short"}, "too short"),
    ],
)
def test_production_refuses_missing_demo_or_weak_key(environ, message):
    with pytest.raises(PseudonymisationKeyError, match=message):
        resolve_key(allow_demo_key=False, environ=environ)


def test_production_accepts_a_real_key():
    key = "x" * 48
    assert resolve_key(allow_demo_key=False, environ={KEY_ENV_VAR: key}) == key.encode()
