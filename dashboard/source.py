"""Where the dashboard reads from: the history read API, behind one small interface.

Views depend on ``DashboardSource`` only, so the conversion from history's records to the
dashboard's plain data lives here and nowhere else.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Protocol

from dashboard.models import (
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
        from database import session_scope

        queries = importlib.import_module("history.queries")
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
        TrendPoint(
            time=p.time, commit=_get(p, "commit"), criteria_met=int(p.criteria_met),
            must_failing=int(_get(p, "must_failing", default=0) or 0),
            level=_level_text(_get(p, "level")),
        )
        for p in points
    ]


def _timeline(changes: Iterable[Any]) -> list[Change]:
    return [
        Change(
            requirement=c.requirement, old=_verdict(_get(c, "old", "old_verdict")),
            new=_verdict(_get(c, "new", "new_verdict")) or "unknown",
            commit=_get(c, "commit"), pull_request=_get(c, "pull_request"),
            trigger=_get(c, "trigger"), time=_get(c, "time", "evaluated_at"),
        )
        for c in changes
    ]


def _overview(rows: Iterable[Any]) -> list[OverviewRow]:
    return [
        OverviewRow(
            repository=r.repository, visibility=_get(r, "visibility"),
            level=_level(_get(r, "level")),
            evaluated_at=_get(r, "evaluated_at", "last_evaluated_at", "time"),
            commit=_get(r, "commit", "last_commit"),
            criteria={str(k): _verdict(v) or "open" for k, v in
                      (_get(r, "criteria", "statuses", default={}) or {}).items()},
        )
        for r in rows
    ]


def _level_events(events: Iterable[Any]) -> list[LevelEvent]:
    return [
        LevelEvent(time=_get(e, "time", "evaluated_at"),
                   old=_level_text(_get(e, "old", "old_level")),
                   new=_level_text(_get(e, "new", "new_level")),
                   commit=_get(e, "commit"))
        for e in events
    ]


def _questions(items: Iterable[Any]) -> list[OpenQuestion]:
    return [
        OpenQuestion(requirement=_get(q, "requirement", "requirement_id"),
                     verdict=_verdict(_get(q, "verdict")) or "manual",
                     since=_get(q, "since", "asked_at"))
        for q in items
    ]


def _get(record: Any, *names: str, default: Any = None) -> Any:
    """The first attribute (or mapping key) of ``names`` that ``record`` has."""
    for name in names:
        if isinstance(record, dict) and name in record:
            return record[name]
        if hasattr(record, name):
            return getattr(record, name)
    return default


def _verdict(value: Any) -> str | None:
    if value is None:
        return None
    return str(getattr(value, "value", value))


def _level(value: Any) -> LevelInfo | None:
    if value is None:
        return None
    if isinstance(value, LevelInfo):
        return value
    if isinstance(value, str | int):
        return LevelInfo(label=str(value), value=value)
    return LevelInfo(label=str(_get(value, "label", default="")),
                     value=_get(value, "value"), details=dict(_get(value, "details") or {}))


def _level_text(value: Any) -> str | None:
    level = _level(value)
    return level.label if level else None


def _current(state: Any, repository: str, profile_id: str) -> RepositoryCurrent:
    raw_requirements = _get(state, "requirements", "verdicts", default={}) or {}
    items: Iterable[Any] = (
        raw_requirements.values() if isinstance(raw_requirements, dict) else raw_requirements
    )
    requirements: dict[str, RequirementState] = {}
    for item in items:
        rid = str(_get(item, "requirement", "id", "requirement_id"))
        requirements[rid] = RequirementState(
            id=rid, verdict=_verdict(_get(item, "verdict")) or "unknown",
            message=str(_get(item, "message", default="") or ""),
            evidence=tuple(_evidence(e) for e in (_get(item, "evidence", default=()) or ())),
        )
    criteria = _get(state, "criteria", "criteria_statuses", default={}) or {}
    evaluated_at: datetime | None = _get(state, "evaluated_at", "last_evaluated_at", "time")
    return RepositoryCurrent(
        repository=repository, profile_id=profile_id, visibility=_get(state, "visibility"),
        evaluated_at=evaluated_at, commit=_get(state, "commit", "last_commit"),
        level=_level(_get(state, "level")), requirements=requirements,
        criteria={str(k): _verdict(v) or "open" for k, v in criteria.items()},
    )


def _evidence(raw: Any) -> EvidenceItem:
    if isinstance(raw, str):
        return EvidenceItem(raw)
    line = _get(raw, "line")
    return EvidenceItem(message=str(_get(raw, "message", default="") or ""),
                        path=_get(raw, "path"), line=int(line) if line else None,
                        url=_get(raw, "url"))
