"""What a demo generator planted, for the tests to find it again."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DefectLog:
    """Row defects by expected outcome, file-level defects, and (where a domain
    plants them) the private persons written into free text."""

    rows: dict[str, int] = field(default_factory=dict)
    files: list[dict[str, str]] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)

    def count(self, reason: str, n: int = 1) -> None:
        self.rows[reason] = self.rows.get(reason, 0) + n
