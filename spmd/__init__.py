"""Tooling of the SPMD (service public métropolitain de la donnée).

dbt does the transformation; this package does what dbt is the wrong tool for:
generating demo extracts, registering DuckDB functions (decoding, pseudonymisation),
laying out DuckDB extensions, publishing and checking the open-data files.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
