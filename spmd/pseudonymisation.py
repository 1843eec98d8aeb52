"""Keyed pseudonymisation (HMAC-SHA256), per PRIVACY.md.

The key comes from the environment (``SPMD_PSEUDONYMISATION_KEY``) and is only ever
held in this process: the DuckDB function ``spmd_pseudonymise(domain, value)`` is
registered by the dbt-duckdb plugin, so compiled SQL names the domain and the
column, never the key.
"""

from __future__ import annotations

import hashlib
import hmac
import os

KEY_ENV_VAR = "SPMD_PSEUDONYMISATION_KEY"
# Public on purpose: it protects nothing and is accepted only by the demo and CI
# targets, which run on generated data.
DEMO_KEY = "spmd-demo-key-not-secret"
MIN_KEY_LENGTH = 32


class PseudonymisationKeyError(RuntimeError):
    """The key is missing or not acceptable for the target."""


def resolve_key(allow_demo_key: bool, environ: dict[str, str] | None = None) -> bytes:
    """Return the key for this run, or raise with a message saying what to do."""
    env = os.environ if environ is None else environ
    key = env.get(KEY_ENV_VAR, "")
    if not key:
        if allow_demo_key:
            return DEMO_KEY.encode()
        raise PseudonymisationKeyError(
            f"{KEY_ENV_VAR} is not set: this target handles real personal data and "
            f"refuses to run without a secret pseudonymisation key. Set {KEY_ENV_VAR} to a "
            f"random secret of at least {MIN_KEY_LENGTH} characters (kept in the "
            "secret store, never in the repository)."
        )
    if not allow_demo_key:
        if key == DEMO_KEY:
            raise PseudonymisationKeyError(
                f"{KEY_ENV_VAR} holds the public demo key: this target refuses it."
            )
        if len(key) < MIN_KEY_LENGTH:
            raise PseudonymisationKeyError(
                f"{KEY_ENV_VAR} is too short ({len(key)} characters): this target "
                f"requires at least {MIN_KEY_LENGTH}."
            )
    return key.encode()


def pseudonymise(key: bytes, domain: str | None, value: str | None) -> str | None:
    """HMAC-SHA256 of (domain, value) as 64 hex characters; NULL stays NULL.

    The domain is part of the message, so the same value gets unrelated
    pseudonyms in two datasets and their ids cannot be joined.
    """
    if value is None or domain is None:
        return None
    message = domain.encode() + b"\x1f" + value.encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
