"""The métropole profile: one folder ``metropoles/<name>/`` per métropole.

A profile holds everything specific to one métropole (docs/adopter.md):
- ``metropole.env``: its settings, ``SPMD_METROPOLE_*=value`` lines (make includes the
  file, dbt reads the values with ``env_var``, spmd with :func:`load`);
- ``seeds/``: its dbt seeds (communes, facility types, sensors, counting channels);
- ``demo/``: the referentials the demo generators draw from (car parks, counting
  sites, roads), invented for the demo.

``SPMD_METROPOLE`` names the profile (``make build METROPOLE=nantes`` sets it). Nothing
in the code knows a profile's values: :func:`activate` exports them for dbt.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from spmd import PROJECT_ROOT

PROFILES_DIR = PROJECT_ROOT / "metropoles"
PREFIX = "SPMD_METROPOLE_"
REQUIRED = ("NOM", "SIREN", "SIRET", "DEPARTEMENTS", "NB_COMMUNES", "SERVICE", "EQUIPE", "CONTACT",
            "PORTAIL", "LICENCE", "FUSEAU", "LON_MIN", "LON_MAX", "LAT_MIN", "LAT_MAX")
OPTIONAL = ("DEMO_CENTRE", "DEMO_MATERNITES")
SEEDS = ("communes.csv", "equipements_types.csv", "capteurs_equipements.csv", "mobilite_canaux_comptage.csv")
DEMO_REFERENTIALS = ("parkings.csv", "compteurs.csv", "routes.csv", "exutoires.csv")
LICENCES = ("etalab-2.0", "odbl-1.0")


class ProfileError(Exception):
    """A profile that cannot be used: the message says what to fix."""


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def read_env_file(path: Path) -> dict[str, str]:
    """``KEY=VALUE`` lines as make reads them: no quotes, no ``$``, no ``#`` in a value."""
    values: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not re.fullmatch(r"[A-Z][A-Z0-9_]*", key):
            raise ProfileError(f"{path}:{number}: not a KEY=VALUE line: {raw!r}")
        if any(c in value for c in "$#\"'`"):
            raise ProfileError(f"{path}:{number}: {key}: a value holds no quote, '$' or '#' "
                               "(make reads this file as it is)")
        if key in values:
            raise ProfileError(f"{path}:{number}: {key} is set twice")
        values[key] = value
    return values


@dataclass(frozen=True)
class Profile:
    name: str
    folder: Path
    settings: dict[str, str] = field(repr=False)

    def __getitem__(self, key: str) -> str:
        return self.settings[PREFIX + key]

    @property
    def seeds(self) -> Path:
        return self.folder / "seeds"

    @property
    def demo(self) -> Path:
        return self.folder / "demo"

    @property
    def bounds(self) -> dict[str, float]:
        return {k.lower(): float(self[k]) for k in ("LON_MIN", "LON_MAX", "LAT_MIN", "LAT_MAX")}

    @property
    def departements(self) -> list[str]:
        return [d.strip() for d in self["DEPARTEMENTS"].split(",") if d.strip()]

    def communes(self) -> list[dict[str, str]]:
        return read_csv(self.seeds / "communes.csv")

    def demo_referential(self, name: str) -> list[dict[str, str]]:
        return read_csv(self.demo / name)

    def demo_centre(self) -> tuple[float, float]:
        """The main commune's centre (lon, lat): the setting, else the box's centre."""
        value = self.settings.get(PREFIX + "DEMO_CENTRE")
        if value:
            lon, lat = (float(v) for v in value.split(","))
            return lon, lat
        b = self.bounds
        return (b["lon_min"] + b["lon_max"]) / 2, (b["lat_min"] + b["lat_max"]) / 2

    def maternities(self) -> dict[str, float]:
        """Communes with a maternity and their share of the births: the setting, else the
        two most populous communes (60 % and 35 %)."""
        value = self.settings.get(PREFIX + "DEMO_MATERNITES")
        if value:
            return {code.strip(): float(share) for code, share in
                    (item.split(":") for item in value.split(",") if item.strip())}
        largest = sorted(self.communes(), key=lambda c: -int(c["population_municipale"]))[:2]
        return dict(zip((c["code_insee"] for c in largest), (0.60, 0.35)))

    def env(self) -> dict[str, str]:
        return {"SPMD_METROPOLE": self.name, **self.settings}


def most_populous(communes: list[dict[str, str]]) -> dict[str, str]:
    return max(communes, key=lambda c: int(c["population_municipale"]))


def _number_errors(settings: dict[str, str]) -> list[str]:
    """The settings that should be numbers and are not."""
    errors = []
    for key in ("LON_MIN", "LON_MAX", "LAT_MIN", "LAT_MAX"):
        try:
            float(settings[PREFIX + key])
        except ValueError:
            errors.append(f"{PREFIX}{key} is not a number of degrees")
    if not settings[PREFIX + "NB_COMMUNES"].isdigit():
        errors.append(f"{PREFIX}NB_COMMUNES is not a whole number")
    centre = settings.get(PREFIX + "DEMO_CENTRE")
    if centre and not re.fullmatch(r"-?\d+(\.\d+)?,-?\d+(\.\d+)?", centre):
        errors.append(f"{PREFIX}DEMO_CENTRE is not lon,lat")
    maternities = settings.get(PREFIX + "DEMO_MATERNITES")
    if maternities and not re.fullmatch(r"\w{5}:0?\.\d+(,\w{5}:0?\.\d+)*", maternities):
        errors.append(f"{PREFIX}DEMO_MATERNITES is not INSEE:share,INSEE:share (shares below 1)")
    return errors


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def available(profiles_dir: Path = PROFILES_DIR) -> list[str]:
    return sorted(p.parent.name for p in profiles_dir.glob("*/metropole.env"))


def load(name: str | None = None, profiles_dir: Path = PROFILES_DIR) -> Profile:
    """The profile ``name`` (default ``$SPMD_METROPOLE``), its settings checked for presence."""
    name = name or os.environ.get("SPMD_METROPOLE")
    if not name:
        raise ProfileError("no métropole profile chosen: set SPMD_METROPOLE (make does: METROPOLE=...); "
                           f"profiles: {', '.join(available(profiles_dir))}")
    folder = profiles_dir / name
    if not (folder / "metropole.env").is_file():
        raise ProfileError(f"no profile {name!r}: {folder}/metropole.env not found; "
                           f"profiles: {', '.join(available(profiles_dir))}")
    settings = read_env_file(folder / "metropole.env")
    missing = [PREFIX + k for k in REQUIRED if not settings.get(PREFIX + k)]
    unknown = sorted(set(settings) - {PREFIX + k for k in REQUIRED + OPTIONAL})
    problems = ([f"missing {', '.join(missing)}"] if missing else []) + (
        [f"unknown {', '.join(unknown)}"] if unknown else [])
    if not missing:
        problems += _number_errors(settings)
    if problems:
        raise ProfileError(f"{folder}/metropole.env: " + "; ".join(problems))
    return Profile(name, folder, settings)


def activate(name: str | None = None) -> Profile:
    """Load the profile and export its settings (for dbt's ``env_var``); a value left in
    the environment by another profile is overwritten."""
    profile = load(name)
    for key in [k for k in os.environ if k.startswith(PREFIX) and k not in profile.settings]:
        del os.environ[key]
    os.environ.update(profile.env())
    return profile


def check(profile: Profile) -> list[str]:
    """What is wrong with a profile, as sentences (empty: nothing found). The dbt tests
    guard the data built with it; these guard the profile itself."""
    errors: list[str] = []
    for name in SEEDS:
        if not (profile.seeds / name).is_file():
            errors.append(f"seed {profile.seeds / name} is missing")
    for name in DEMO_REFERENTIALS:
        if not (profile.demo / name).is_file():
            errors.append(f"demo referential {profile.demo / name} is missing")
    if errors:
        return errors
    siren, siret = profile["SIREN"], profile["SIRET"]
    if not (re.fullmatch(r"\d{9}", siren) and _luhn(siren)):
        errors.append(f"SIREN {siren} is not a valid SIREN")
    if not (re.fullmatch(r"\d{14}", siret) and _luhn(siret)):
        errors.append(f"SIRET {siret} is not a valid SIRET")
    elif not siret.startswith(siren):
        errors.append(f"SIRET {siret} is not an establishment of SIREN {siren}: the producer "
                      "named in every published file would be another organisation")
    if profile["LICENCE"] not in LICENCES:
        errors.append(f"licence {profile['LICENCE']} is not one of {', '.join(LICENCES)}")
    b = profile.bounds
    if not (-180 <= b["lon_min"] < b["lon_max"] <= 180 and -90 <= b["lat_min"] < b["lat_max"] <= 90):
        errors.append(f"the box {b} is not a box (min < max, in degrees)")
    communes = profile.communes()
    codes = [c["code_insee"] for c in communes]
    if len(communes) != int(profile["NB_COMMUNES"]):
        errors.append(f"seeds/communes.csv lists {len(communes)} communes, the settings say "
                      f"{profile['NB_COMMUNES']} (SPMD_METROPOLE_NB_COMMUNES)")
    foreign = [c for c in codes if not any(c.startswith(d) for d in profile.departements)]
    if foreign:
        errors.append(f"communes outside the départements {profile['DEPARTEMENTS']}: {', '.join(foreign[:5])}")
    for other in available(profile.folder.parent):
        if other == profile.name:
            continue
        shared = sorted(set(codes) & {c["code_insee"] for c in load(other, profile.folder.parent).communes()})
        if shared:
            errors.append(f"communes of the profile {other!r} in this one: {', '.join(shared[:5])}")
    x, y = profile.demo_centre()
    if not (b["lon_min"] <= x <= b["lon_max"] and b["lat_min"] <= y <= b["lat_max"]):
        errors.append(f"the demo centre ({x}, {y}) is outside the box")
    unknown = sorted(set(profile.maternities()) - set(codes))
    if unknown:
        errors.append(f"maternities in communes that are not the profile's: {', '.join(unknown)}")
    sites = {row["site_id"] for row in profile.demo_referential("compteurs.csv")}
    channels = read_csv(profile.seeds / "mobilite_canaux_comptage.csv")
    missing_sites = sorted({c["site_id"] for c in channels} - sites)
    if missing_sites:
        errors.append(f"counting sites of seeds/mobilite_canaux_comptage.csv without a line in demo/compteurs.csv: "
                      f"{', '.join(missing_sites)}")
    for name in ("parkings.csv", "compteurs.csv"):
        for row in profile.demo_referential(name):
            if not (b["lon_min"] <= float(row["longitude"]) <= b["lon_max"]
                    and b["lat_min"] <= float(row["latitude"]) <= b["lat_max"]):
                errors.append(f"demo/{name}: {row['nom']} is outside the box")
    return errors
