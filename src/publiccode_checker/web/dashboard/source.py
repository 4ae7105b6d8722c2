"""Where the dashboard reads from: the history read API, behind one small interface.

Views depend on ``DashboardSource`` only, so the conversion from history's records to the
dashboard's plain data lives here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

from publiccode_checker.web.dashboard.models import (
    Change,
    EvidenceItem,
    LevelEvent,
    LevelInfo,
    OpenQuestion,
    OverviewRow,
    RepositoryCurrent,
    RequirementState,
    TrendPoint,
)


class DashboardSource(Protocol):
    def current(self, repository: str, profile_id: str) -> RepositoryCurrent | None: ...

    def trend(self, repository: str, profile_id: str) -> list[TrendPoint]: ...

    def timeline(self, repository: str, profile_id: str, limit: int = 100) -> list[Change]: ...

    def overview(
        self, organisation: str, profile_id: str, *, include_private: bool
    ) -> list[OverviewRow]: ...

    def level_events(self, repository: str, profile_id: str) -> list[LevelEvent]: ...

    def open_questions(self, repository: str, profile_id: str) -> list[OpenQuestion]: ...


class HistorySource:
    """Reads through ``history.queries`` in a fresh database session per call."""

    def __init__(self, database_url: str | None = None) -> None:
        self.database_url = database_url

    def _run(self, name: str, convert: Callable[[Any], Any], **kwargs: Any) -> Any:
        # Converted inside the session: history may hand out database rows that load lazily.
        from publiccode_checker.store.database import session_scope
        from publiccode_checker.store.history import queries

        with session_scope(self.database_url) as session:
            return convert(getattr(queries, name)(session, **kwargs))

    def current(self, repository: str, profile_id: str) -> RepositoryCurrent | None:
        return self._run(
            "repository_current",
            lambda state: None if state is None else _current(state, repository, profile_id),
            repository=repository, profile_id=profile_id,
        )

    def trend(self, repository: str, profile_id: str) -> list[TrendPoint]:
        return self._run("repository_trend", _trend, repository=repository,
                         profile_id=profile_id)

    def timeline(self, repository: str, profile_id: str, limit: int = 100) -> list[Change]:
        return self._run("repository_timeline", _timeline, repository=repository,
                         profile_id=profile_id, limit=limit)

    def overview(
        self, organisation: str, profile_id: str, *, include_private: bool
    ) -> list[OverviewRow]:
        return self._run("organisation_overview", _overview, organisation=organisation,
                         profile_id=profile_id, include_private=include_private)

    def level_events(self, repository: str, profile_id: str) -> list[LevelEvent]:
        return self._run("level_events", _level_events, repository=repository,
                         profile_id=profile_id)

    def open_questions(self, repository: str, profile_id: str) -> list[OpenQuestion]:
        return self._run("open_questions", _questions, repository=repository,
                         profile_id=profile_id)


def _trend(points: Iterable[Any]) -> list[TrendPoint]:
    return [
        TrendPoint(time=p.at, commit=p.commit, criteria_met=int(p.criteria_met),
                   must_failing=int(p.must_failing), level=p.level)
        for p in points
    ]


def _timeline(changes: Iterable[Any]) -> list[Change]:
    return [
        Change(requirement=c.requirement, old=c.old, new=c.new, commit=c.commit,
               pull_request=c.pull_request, trigger=c.trigger, time=c.at)
        for c in changes
    ]


def _overview(rows: Iterable[Any]) -> list[OverviewRow]:
    return [
        OverviewRow(
            repository=r.repository, visibility=r.visibility, level=_level(r.level),
            evaluated_at=r.evaluated_at, commit=r.commit, criteria=dict(r.criteria),
            sustained_level=_level(r.sustained_level),
        )
        for r in rows
    ]


def _level_events(events: Iterable[Any]) -> list[LevelEvent]:
    return [
        LevelEvent(time=e.at, kind=e.kind, label=e.label, track=e.track, since=e.since,
                   commit=e.commit)
        for e in events
    ]


def _questions(items: Iterable[Any]) -> list[OpenQuestion]:
    return [
        OpenQuestion(requirement=q.requirement, verdict=q.verdict, since=q.since,
                     answer_expired=bool(q.answer_expired))
        for q in items
    ]


def _level(label: str | None, value: str | None = None) -> LevelInfo | None:
    return None if label is None else LevelInfo(label=label, value=value)


def _current(state: Any, repository: str, profile_id: str) -> RepositoryCurrent:
    requirements = {
        item.requirement: RequirementState(
            id=item.requirement, verdict=item.verdict, message=item.message or "",
            evidence=tuple(_evidence(e) for e in item.evidence or ()),
        )
        for item in state.requirements
    }
    return RepositoryCurrent(
        repository=state.repository or repository, profile_id=profile_id,
        visibility=state.visibility, evaluated_at=state.evaluated_at, commit=state.commit,
        level=_level(state.level_label, state.level_value), requirements=requirements,
        criteria=dict(state.criteria), sustained_level=_level(state.sustained_level),
    )


def _evidence(raw: dict[str, Any]) -> EvidenceItem:
    line = raw.get("line")
    return EvidenceItem(message=str(raw.get("message") or ""), path=raw.get("path"),
                        line=int(line) if line else None, url=raw.get("url"))
