"""Lay out the DuckDB extensions shipped as PyPI wheels for ``extension_directory``.

DuckDB's extension server is out of reach, so ``INSTALL spatial`` fails. The
``duckdb-extension-*`` wheels carry the binaries; DuckDB finds them when they sit at
``<dir>/v<duckdb version>/<platform>/<name>.duckdb_extension``.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import duckdb

EXTENSIONS = ("spatial", "encodings", "excel")


def install(target_dir: Path) -> list[Path]:
    con = duckdb.connect()
    platform = con.sql("select platform from pragma_platform()").fetchone()[0]
    version = duckdb.__version__
    dest = target_dir / f"v{version}" / platform
    dest.mkdir(parents=True, exist_ok=True)
    laid_out = []
    for name in EXTENSIONS:
        spec = importlib.util.find_spec(f"duckdb_extension_{name}")
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit(
                f"the wheel duckdb-extension-{name} is not installed: run the install step "
                "(make install), which installs requirements.txt"
            )
        package_dir = Path(next(iter(spec.submodule_search_locations)))
        binaries = sorted(package_dir.glob(f"extensions/v{version}/{name}.duckdb_extension"))
        if not binaries:
            raise SystemExit(
                f"duckdb-extension-{name} has no binary for DuckDB {version} in {package_dir}: "
                "the wheel and duckdb must have the same version (see requirements.txt)"
            )
        shutil.copyfile(binaries[0], dest / binaries[0].name)
        laid_out.append(dest / binaries[0].name)
    check = duckdb.connect(config={"extension_directory": str(target_dir)})
    for name in EXTENSIONS:
        check.sql(f"load {name}")
    return laid_out
