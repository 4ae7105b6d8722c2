"""Reads what a page or API call shows, with the access rules applied in one place.

Every route goes through here, so a private repository can never reach a page, an export, a badge
or the API without the viewer's access having been checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from publiccode_checker.web.dashboard.context import lang, profile, state, viewer
from publiccode_checker.web.dashboard.models import (
    Change,
    LevelEvent,
    OpenQuestion,
    OverviewRow,
    RepositoryCurrent,
    TrendPoint,
)
from publiccode_checker.web.dashboard.presenting import CriterionBlock, criterion_blocks


@dataclass(frozen=True)
class RepositoryData:
    current: RepositoryCurrent
    blocks: list[CriterionBlock]
    trend: list[TrendPoint]
    timeline: list[Change]
    level_events: list[LevelEvent]
    questions: list[OpenQuestion]


def load_overview(organisation: str, profile_id: str) -> list[OverviewRow]:
    dashboard = state()
    person = viewer()
    include_private = person.signed_in and dashboard.sign_in_enabled
    rows = dashboard.source.overview(organisation, profile_id, include_private=include_private)
    allowed = dashboard.access.visible(person, [(r.repository, r.visibility) for r in rows])
    return [r for r in rows if r.repository in allowed]


def load_current(repository: str, profile_id: str) -> RepositoryCurrent | None:
    """The current state, or None when it does not exist or the viewer may not see it."""
    dashboard = state()
    current = dashboard.source.current(repository, profile_id)
    if current is None:
        return None
    if not dashboard.access.can_view(viewer(), repository, current.visibility):
        return None
    return current


def load_repository(repository: str, profile_id: str) -> RepositoryData | None:
    current = load_current(repository, profile_id)
    if current is None:
        return None
    source = state().source
    return RepositoryData(
        current=current,
        blocks=criterion_blocks(profile(), current, web_url=state().web_url, lang=lang()),
        trend=source.trend(repository, profile_id),
        timeline=source.timeline(repository, profile_id),
        level_events=source.level_events(repository, profile_id),
        questions=source.open_questions(repository, profile_id),
    )
