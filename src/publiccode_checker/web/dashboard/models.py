"""What the dashboard shows, independent of how history stores it.

``dashboard.source`` fills these from the history read API; tests fill them from evaluations.
Everything here is plain data, so the JSON API can serialise it without knowing about the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

PUBLIC = "public"


@dataclass(frozen=True)
class EvidenceItem:
    message: str
    path: str | None = None
    line: int | None = None
    url: str | None = None

    def location(self) -> str | None:
        if not self.path:
            return None
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class LevelInfo:
    label: str
    value: str | int | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RequirementState:
    id: str
    verdict: str
    message: str = ""
    evidence: tuple[EvidenceItem, ...] = ()


@dataclass(frozen=True)
class RepositoryCurrent:
    repository: str
    profile_id: str
    visibility: str | None
    evaluated_at: datetime | None
    commit: str | None
    level: LevelInfo | None
    requirements: dict[str, RequirementState]
    criteria: dict[str, str]
    #: The level that history's time rules confirm (held long enough); None when unknown.
    sustained_level: LevelInfo | None = None


@dataclass(frozen=True)
class TrendPoint:
    time: datetime
    commit: str | None
    criteria_met: int
    must_failing: int
    level: str | None = None


@dataclass(frozen=True)
class Change:
    requirement: str
    old: str | None
    new: str
    commit: str | None
    pull_request: int | None
    trigger: str | None
    time: datetime


@dataclass(frozen=True)
class OverviewRow:
    repository: str
    visibility: str | None
    level: LevelInfo | None
    evaluated_at: datetime | None
    commit: str | None
    criteria: dict[str, str]
    sustained_level: LevelInfo | None = None

    @property
    def criteria_met(self) -> int:
        return sum(1 for status in self.criteria.values() if status == "met")


@dataclass(frozen=True)
class LevelEvent:
    """A level or criterion attained, lost or changed, under history's time rules."""

    time: datetime
    kind: str  # "attained" | "lost" | "changed"
    label: str
    track: str = ""
    since: datetime | None = None
    commit: str | None = None


@dataclass(frozen=True)
class OpenQuestion:
    requirement: str
    verdict: str = "manual"
    since: datetime | None = None
    #: An answer was given but is too old to count: it is asked again.
    answer_expired: bool = False
