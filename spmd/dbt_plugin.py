"""dbt-duckdb plugin of the SPMD: registers the project's DuckDB functions.

Declared in ``profiles.yml``::

    plugins:
      - module: spmd.dbt_plugin
        config: {allow_demo_key: true}

- ``spmd_decode(content BLOB, encoding VARCHAR) -> VARCHAR``: see ``textcodec``.
- ``spmd_profile_extract(content BLOB, encoding VARCHAR, delimiter VARCHAR) -> VARCHAR``:
  see ``textcodec.profile_extract``.
- ``spmd_workbook_sheets(path VARCHAR) -> VARCHAR[]``: see ``workbook``.
- ``spmd_siret_is_valid(value VARCHAR) -> BOOLEAN`` and ``spmd_siren_is_valid``:
  a SIRET or SIREN of digits only, valid as INSEE defines it, checked by
  python-stdnum (the library Validata uses): the SIRET's key and its SIREN's own
  key, La Poste's exception included.
- ``spmd_pseudonymise(domain VARCHAR, value VARCHAR) -> VARCHAR``: see
  ``pseudonymisation``. The key is resolved when the plugin starts, so a target
  without an acceptable key fails before any model runs.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection
from duckdb.sqltypes import BLOB, BOOLEAN, VARCHAR
from stdnum.fr import siren, siret

from spmd.pseudonymisation import pseudonymise, resolve_key
from spmd.textcodec import decode_extract, profile_extract
from spmd.workbook import workbook_sheets


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        allow_demo_key = bool(plugin_config.get("allow_demo_key", False))
        self._key = resolve_key(allow_demo_key=allow_demo_key)

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        key = self._key

        # decode: one call per file, a plain Python function is enough.
        conn.create_function(
            "spmd_decode", decode_extract, [BLOB, VARCHAR], VARCHAR,
            null_handling="special", side_effects=False,
        )

        # the shape of a large delimited file (which reader can take it)
        conn.create_function(
            "spmd_profile_extract", profile_extract, [BLOB, VARCHAR, VARCHAR], VARCHAR,
            null_handling="special", side_effects=False,
        )

        # the sheets of a workbook, or null for a file that is not one
        conn.create_function(
            "spmd_workbook_sheets", workbook_sheets, [VARCHAR], list[str],
            null_handling="special", side_effects=False,
        )

        # company identifiers, as INSEE defines them (python-stdnum, as Validata)
        conn.create_function(
            "spmd_siret_is_valid", lambda v: v.isdigit() and siret.is_valid(v), [VARCHAR], BOOLEAN,
            side_effects=False,
        )
        conn.create_function(
            "spmd_siren_is_valid", lambda v: v.isdigit() and siren.is_valid(v), [VARCHAR], BOOLEAN,
            side_effects=False,
        )

        # pseudonymise: one call per row, so an Arrow (vectorised) function that
        # gets a whole batch of rows per Python call.
        def pseudonymise_batch(domains: pa.Array, values: pa.Array) -> pa.Array:
            return pa.array(
                [pseudonymise(key, d, v) for d, v in zip(domains.to_pylist(), values.to_pylist())],
                type=pa.string(),
            )

        conn.create_function(
            "spmd_pseudonymise", pseudonymise_batch, [VARCHAR, VARCHAR], VARCHAR,
            type="arrow", null_handling="special", side_effects=False,
        )
