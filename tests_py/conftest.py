"""Shared fixtures: the pytest suite checks what `make test` built and published.

It reads the ci database (SPMD_TEST_DATABASE, default warehouse/spmd_ci.duckdb),
the raw root the build read (SPMD_RAW_ROOT, default data/raw) and the exports
(SPMD_EXPORTS, default exports), for the métropole profile SPMD_METROPOLE (make sets
them all; a bare pytest gets the default profile).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def project_path(env: str, default: str) -> Path:
    p = Path(os.environ.get(env, default))
    return p if p.is_absolute() else ROOT / p


@pytest.fixture(scope="session")
def raw_root() -> Path:
    return project_path("SPMD_RAW_ROOT", "data/raw")


@pytest.fixture(scope="session")
def exports() -> Path:
    path = project_path("SPMD_EXPORTS", "exports") / "opendata"
    assert (path / "manifest.json").exists(), "run `make test` (or make build) first: no export"
    return path


@pytest.fixture(scope="session")
def warehouse():
    path = project_path("SPMD_TEST_DATABASE", "warehouse/spmd_ci.duckdb")
    assert path.exists(), f"{path} not found: run `make test` first"
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def run_dbt(args: list[str], env_overrides: dict[str, str], tmp: Path) -> subprocess.CompletedProcess:
    """Run dbt in a subprocess, with its artefacts and logs under ``tmp``.

    The pseudonymisation key of the caller's environment is not passed on unless
    ``env_overrides`` sets it: the runs here are on demo or fixture data. Nor is
    the project's last release compared with, unless ``env_overrides`` names one:
    these builds read other data.
    """
    active_profile()  # the profile's settings, for dbt's env_var
    env = {k: v for k, v in os.environ.items() if k != "SPMD_PSEUDONYMISATION_KEY"}
    env.update({"DBT_PROFILES_DIR": str(ROOT), "DBT_LOG_PATH": str(tmp / "logs"),
                "DBT_TARGET_PATH": str(tmp / "target"),
                "SPMD_PREVIOUS_RELEASE_DIR": str(tmp / "no_previous_release"), **env_overrides})
    return subprocess.run(
        [str(BIN / "dbt"), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )


def copy_project(dest: Path) -> None:
    """A copy of the project's tracked files (mtimes kept, so make sees nothing to
    install), sharing the virtual environments (the project's and Validata's), the
    DuckDB extensions and the dashboard's npm packages."""
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    for name in files:
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    for shared in (".venv", ".venv-validata", ".duckdb_extensions", "dashboard/node_modules"):
        if (ROOT / shared).exists():
            (dest / shared).symlink_to(ROOT / shared)


def active_profile():
    """The métropole profile of the run (make exports SPMD_METROPOLE; a bare pytest
    gets the Makefile's default)."""
    from spmd import profile

    return profile.activate(os.environ.get("SPMD_METROPOLE") or default_profile_name())


def default_profile_name() -> str:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return re.search(r"^DEFAULT_METROPOLE := (\S+)", makefile, re.M).group(1)


def profile_communes_tokens() -> dict[str, str]:
    """The fixtures' stand-ins for the territory: ``@C01@`` (INSEE code), ``@N01@`` (name),
    ``@P01@`` (first postal code) for the active profile's main commune, ``@C02@``...
    for its other communes in the order of its seed; ``@METROPOLE@`` its name."""
    from spmd.profile import most_populous

    prof = active_profile()
    communes = prof.communes()
    main = most_populous(communes)
    ordered = [main] + [c for c in communes if c is not main]
    tokens = {"@METROPOLE@": prof["NOM"]}
    for i, c in enumerate(ordered, 1):
        tokens.update({f"@C{i:02d}@": c["code_insee"], f"@N{i:02d}@": c["nom"],
                       f"@P{i:02d}@": c["codes_postaux"].split(";")[0]})
    return tokens


def with_profile_communes(value, tokens: dict[str, str]):
    """``value`` (text or UTF-8 bytes) with every stand-in replaced."""
    is_bytes = isinstance(value, bytes)
    for token, real in tokens.items():
        value = value.replace(token.encode(), real.encode()) if is_bytes else value.replace(token, real)
    return value


def data_lines(path: Path) -> int:
    """Records in a raw file, counted from its bytes: non-blank lines after the header."""
    lines = path.read_bytes().replace(b"\r\n", b"\n").split(b"\n")
    return sum(1 for line in lines[1:] if line.strip())


class MobilityBatches:
    """The demo's real-time batches of ``raw_root``, landed into ``tmp/raw`` in the
    order of their landing times."""

    FEEDS = ("trafic", "parkings", "compteurs")

    def __init__(self, raw_root: Path, tmp: Path):
        stamp = lambda p: p.name.rsplit("_", 1)[-1].removesuffix(".csv")  # noqa: E731
        self.by_stamp: dict[str, list[Path]] = {}
        for feed in self.FEEDS:
            for p in (raw_root / "mobilite" / feed).glob("*.csv"):
                self.by_stamp.setdefault(stamp(p), []).append(p)
        self.stamps = sorted(self.by_stamp)
        self.raw = tmp / "raw" / "mobilite"
        self.next = 0

    def land(self, count: int = 1) -> None:
        """Every file up to the next ``count`` car-park batches (each changes the state)."""
        for _ in range(count):
            while True:
                stamp = self.stamps[self.next]
                self.next += 1
                for p in self.by_stamp[stamp]:
                    (self.raw / p.parent.name).mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(p, self.raw / p.parent.name / p.name)
                if any(p.parent.name == "parkings" for p in self.by_stamp[stamp]):
                    break
