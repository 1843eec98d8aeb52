"""The demo's geography of a métropole, drawn from its profile alone.

The main commune (the most populous) is at the profile's demo centre; the other
communes are put on a ring around it, 5 to 14 km away, at an angle drawn from their
INSEE code. They are not the real places of those communes: the pipeline does not
rely on it (a commune's bounds come from the address referential), and every point
stays inside the profile's box (spmd.profile.check and the dbt guards say when not).
"""

from __future__ import annotations

import math
import unicodedata

from spmd.profile import Profile, most_populous

KM_PER_DEGREE_LAT = 111.0


def _insee_number(code: str) -> int:
    """An INSEE code as a number for the ring's angle (Corsica's 2A/2B as 20)."""
    return int(code.replace("A", "0").replace("B", "0"))


class Territory:
    def __init__(self, profile: Profile, communes: list[dict[str, str]] | None = None):
        self.profile = profile
        self.communes = communes if communes is not None else profile.communes()
        self.main = most_populous(self.communes)["code_insee"]
        self.centre = profile.demo_centre()
        self.km_per_degree_lon = KM_PER_DEGREE_LAT * math.cos(math.radians(self.centre[1]))

    def offset(self, lon: float, lat: float, east_km: float, north_km: float) -> tuple[float, float]:
        return lon + east_km / self.km_per_degree_lon, lat + north_km / KM_PER_DEGREE_LAT

    def commune_centre(self, code: str) -> tuple[float, float]:
        if code == self.main:
            return self.centre
        n = _insee_number(code)
        angle, dist = math.radians((n * 137.508) % 360), 5 + (n * 7) % 10
        return self.offset(*self.centre, dist * math.cos(angle), dist * math.sin(angle))

    @staticmethod
    def radius_km(commune: dict[str, str]) -> float:
        return min(4.0, 0.8 + math.sqrt(int(commune["population_municipale"]) / 8000))

    def unknown_commune_code(self) -> str:
        """A well-formed INSEE code of the profile's first département that is no commune of it."""
        codes = {c["code_insee"] for c in self.communes}
        dep = self.profile.departements[0]
        digits = 5 - len(dep)  # 3 after a 2-digit département, 2 after an overseas one
        candidates = (f"{dep}{n:0{digits}d}" for n in range(10 ** digits - 1, 0, -1))  # from 999 down
        return next(code for code in candidates if code not in codes)

    def name_upper(self) -> str:
        """The métropole's name as operators' exports write it: upper case, no accents."""
        text = unicodedata.normalize("NFKD", self.profile["NOM"])
        return "".join(ch for ch in text if not unicodedata.combining(ch)).upper()
