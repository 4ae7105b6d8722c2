"""Maturity over time: levels that are attained and lost under time rules, not per run.

One run can be a fluke (a network error, a file moved in a refactoring), so a level counts only
when it is sustained (see ``docs/history.md``):

* attained when its condition holds in every counting run for ``attain_days`` days, or in
  ``attain_runs`` consecutive counting runs, whichever comes first;
* lost when a *decisive* failure (a MUST of that level fails) lasts ``lose_days`` days;
  runs that are merely open (warn, manual, unknown) never demote, and break a failing streak.

Counting runs are those not made for a pull request (a proposal is not the codebase's state).
The numbers come from the profile file (``maturity``), the environment may override them
(``HISTORY_*``). Each profile is followed on the tracks of the rule its file names:

* ``criteria`` (the Standard): one track per criterion ("OL met") and ``all_must`` (every MUST
  satisfied);
* ``ladder`` (OS2): ``level:<name>`` per level, cumulative, from the verdicts plus human answers
  recorded in the declarations history (answers older than ``answer_valid_days`` are not used);
* ``declared_status`` (publiccode.yml): ``declared`` (the declared ``developmentStatus``, a fact
  that changes at once) and ``evidence`` (whether the evidence supports it; the consistency
  requirement is a SHOULD, so its warning is the decisive signal there).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from publiccode_checker.criteria.profiles import MaturityRule, ProfileError, load_profile
from publiccode_checker.store.history.models import (
    HistoryDeclaration,
    HistoryEvaluation,
    HistoryLevelEvent,
    HistoryOutcome,
    HistoryRequirement,
    HistoryRequirementRun,
    HistorySeries,
    HistoryStream,
)

SATISFIED = frozenset({"pass", "not_applicable", "explained", "off"})
MUST_LEVELS = frozenset({"MUST", "MUST NOT"})
COUNTING_TRIGGERS = ("push", "schedule", "backfill", "cli")


@dataclass(frozen=True)
class MaturitySettings:
    attain_days: int = 30
    attain_runs: int = 3
    lose_days: int = 14
    answer_valid_days: int = 365

    @classmethod
    def from_env(cls, rule: MaturityRule | None = None) -> MaturitySettings:
        """The profile's numbers (``rule``; the defaults without one), each overridden by
        ``HISTORY_ATTAIN_DAYS``, ``HISTORY_ATTAIN_RUNS``, ``HISTORY_LOSE_DAYS`` or
        ``HISTORY_ANSWER_VALID_DAYS`` when set."""
        values = {}
        for name in ("attain_days", "attain_runs", "lose_days", "answer_valid_days"):
            raw = os.environ.get(f"HISTORY_{name.upper()}")
            if raw:
                values[name] = int(raw)
            elif rule is not None:
                values[name] = getattr(rule, name)
        return cls(**values)


@dataclass(frozen=True)
class Point:
    """One counting run as a track sees it."""

    at: datetime
    evaluation_id: int | None
    commit: str | None
    holds: bool
    decisive_failure: bool = False
    value: str | None = None


@dataclass(frozen=True)
class TrackEvent:
    track: str
    kind: str  # "attained" | "lost" | "changed"
    label: str
    at: datetime
    since: datetime
    commit: str | None
    evaluation_id: int | None


@dataclass
class TrackState:
    attained: bool = False
    since: datetime | None = None
    commit: str | None = None


@dataclass
class StreamMaturity:
    label: str
    value: str | None
    tracks: dict[str, TrackState] = field(default_factory=dict)
    events: list[TrackEvent] = field(default_factory=list)

    def details(self) -> dict[str, Any]:
        return {name: {"attained": s.attained,
                       "since": s.since.isoformat() if s.since else None, "commit": s.commit}
                for name, s in self.tracks.items()}


def follow_track(
    track: str, label: str, points: Sequence[Point], settings: MaturitySettings,
    as_of: datetime | None = None,
) -> tuple[list[TrackEvent], TrackState]:
    """Apply the time rules to one track's runs (in time order)."""
    attain_after = timedelta(days=settings.attain_days)
    lose_after = timedelta(days=settings.lose_days)
    events: list[TrackEvent] = []
    state = TrackState()
    streak: Point | None = None
    streak_runs = 0
    failing: Point | None = None

    def deadlines(now: datetime) -> None:
        nonlocal streak, failing, streak_runs
        if not state.attained and streak is not None and streak.at + attain_after <= now:
            attain(streak, streak.at + attain_after)
        if state.attained and failing is not None and failing.at + lose_after <= now:
            lose(failing, failing.at + lose_after)

    def attain(start: Point, at: datetime) -> None:
        nonlocal streak, streak_runs
        events.append(TrackEvent(track, "attained", label, at, start.at, start.commit,
                                 start.evaluation_id))
        state.attained, state.since, state.commit = True, start.at, start.commit
        streak, streak_runs = None, 0

    def lose(start: Point, at: datetime) -> None:
        nonlocal failing
        events.append(TrackEvent(track, "lost", label, at, start.at, start.commit,
                                 start.evaluation_id))
        state.attained, state.since, state.commit = False, start.at, start.commit
        failing = None

    for point in points:
        deadlines(point.at)
        if point.holds:
            failing = None
            if not state.attained:
                if streak is None:
                    streak, streak_runs = point, 0
                streak_runs += 1
                if streak_runs >= settings.attain_runs:
                    attain(streak, point.at)
            continue
        streak, streak_runs = None, 0
        if not state.attained:
            continue
        if not point.decisive_failure:
            failing = None
            continue
        if failing is None:
            failing = point
        if failing.at + lose_after <= point.at:
            lose(failing, max(point.at, failing.at + lose_after))
    if as_of is not None:
        deadlines(as_of)
    return events, state


def follow_changes(track: str, points: Sequence[Point]) -> list[TrackEvent]:
    """Events for a value that changes at once (a declaration, not a measurement)."""
    events = []
    previous: str | None = None
    for index, point in enumerate(points):
        if index and point.value == previous:
            continue
        label = f"declared {point.value}" if point.value else "nothing declared"
        events.append(TrackEvent(track, "changed", label, point.at, point.at, point.commit,
                                 point.evaluation_id))
        previous = point.value
    return events


# -- from stored history --------------------------------------------------------------------


@dataclass(frozen=True)
class _Run:
    id: int
    at: datetime
    commit: str | None
    series_id: int
    outcome: HistoryOutcome


def stream_maturity(
    session: Session, stream_id: int, settings: MaturitySettings | None = None,
    as_of: datetime | None = None,
) -> StreamMaturity:
    """The tracks, events and sustained level of one stream, computed from its history."""
    stream = session.get(HistoryStream, stream_id)
    if stream is None:
        raise KeyError(stream_id)
    rule = _rule(stream.profile_id)
    settings = settings or MaturitySettings.from_env(rule)
    runs = _counting_runs(session, stream_id)
    if rule.rule == "ladder":
        return _ladder(session, stream, runs, settings, as_of)
    if rule.rule == "declared_status":
        return _declared_status(runs, settings, as_of)
    return _criteria(runs, settings, as_of)


def _rule(profile_id: str) -> MaturityRule:
    """The profile's maturity rule; history of a profile no longer installed counts criteria."""
    try:
        return load_profile(profile_id).maturity
    except ProfileError:
        return MaturityRule()


def refresh_stream(
    session: Session, stream_id: int, settings: MaturitySettings | None = None,
    as_of: datetime | None = None,
) -> StreamMaturity:
    """Recompute and store the stream's level events and sustained level."""
    result = stream_maturity(session, stream_id, settings, as_of)
    session.execute(delete(HistoryLevelEvent).where(HistoryLevelEvent.stream_id == stream_id))
    if result.events:
        session.add_all(
            HistoryLevelEvent(stream_id=stream_id, track=e.track, kind=e.kind, label=e.label,
                              at=e.at, since=e.since, commit=e.commit,
                              evaluation_id=e.evaluation_id)
            for e in result.events
        )
    stream = session.get(HistoryStream, stream_id)
    assert stream is not None
    stream.sustained_label = result.label
    stream.sustained_value = result.value
    stream.sustained_details = result.details()
    session.flush()
    return result


def _counting_runs(session: Session, stream_id: int) -> list[_Run]:
    rows = session.execute(
        select(HistoryEvaluation.id, HistoryEvaluation.evaluated_at, HistoryEvaluation.commit,
               HistoryEvaluation.series_id, HistoryOutcome)
        .join(HistoryOutcome, HistoryOutcome.id == HistoryEvaluation.outcome_id)
        .where(HistoryEvaluation.stream_id == stream_id,
               HistoryEvaluation.trigger.in_(COUNTING_TRIGGERS))
        .order_by(HistoryEvaluation.evaluated_at, HistoryEvaluation.id)
    )
    return [_Run(*row) for row in rows]


def _point(run: _Run, holds: bool, decisive: bool = False, value: str | None = None) -> Point:
    return Point(run.at, run.id, run.commit, holds, decisive, value)


def _criteria(
    runs: list[_Run], settings: MaturitySettings, as_of: datetime | None
) -> StreamMaturity:
    codes: list[str] = []
    for run in runs:
        codes.extend(c for c in run.outcome.criteria if c not in codes)
    events: list[TrackEvent] = []
    tracks: dict[str, TrackState] = {}
    for code in codes:
        points = [_point(r, r.outcome.criteria.get(code) == "met",
                         r.outcome.criteria.get(code) == "not_met") for r in runs]
        found, state = follow_track(f"criterion:{code}", f"{code} met", points, settings, as_of)
        events += found
        tracks[f"criterion:{code}"] = state
    points = [_point(r, r.outcome.must_failing == 0 and r.outcome.must_open == 0,
                     r.outcome.must_failing > 0) for r in runs]
    found, state = follow_track("all_must", "all MUST requirements met", points, settings, as_of)
    events += found
    tracks["all_must"] = state
    met = sum(1 for name, s in tracks.items() if name.startswith("criterion:") and s.attained)
    total = runs[-1].outcome.criteria_total if runs else len(codes)
    label = f"{met}/{total} criteria met"
    if state.attained:
        label += ", all MUST requirements met"
    return StreamMaturity(label, str(met), tracks, _ordered(events))


def _declared_status(
    runs: list[_Run], settings: MaturitySettings, as_of: datetime | None
) -> StreamMaturity:
    declared = [_point(r, True, value=r.outcome.level_value) for r in runs]
    events = follow_changes("declared", declared)
    consistency = [r.outcome.level_details.get("consistent") for r in runs]
    points = [_point(r, c is True, c is False) for r, c in zip(runs, consistency, strict=True)]
    found, state = follow_track("evidence", "developmentStatus supported by the evidence",
                                points, settings, as_of)
    current = runs[-1].outcome.level_value if runs else None
    if current is None:
        label = "no developmentStatus declared"
    elif state.attained:
        label = f"{current} (declared), supported by the evidence"
    else:
        label = f"{current} (declared), not yet supported by the evidence"
    tracks = {"declared": TrackState(current is not None,
                                     events[-1].at if events else None,
                                     events[-1].commit if events else None),
              "evidence": state}
    return StreamMaturity(label, current, tracks, _ordered(events + found))


def _ladder(
    session: Session, stream: HistoryStream, runs: list[_Run], settings: MaturitySettings,
    as_of: datetime | None,
) -> StreamMaturity:
    series_ids = {r.series_id for r in runs} or {stream.series_id}
    requirements: dict[int, list[HistoryRequirement]] = defaultdict(list)
    for req in session.scalars(
        select(HistoryRequirement).where(HistoryRequirement.series_id.in_(series_ids))
    ):
        requirements[req.series_id].append(req)
    ladders = dict(session.execute(
        select(HistorySeries.id, HistorySeries.levels).where(HistorySeries.id.in_(series_ids))
    ).all())
    levels: list[str] = list(ladders.get(stream.series_id) or [])
    verdicts = _verdicts_at_runs(session, stream.id, runs)
    answers = _answers(session, stream.repository_id)
    points: dict[str, list[Point]] = {level: [] for level in levels}
    for run, by_lineage in zip(runs, verdicts, strict=True):
        ladder = list(ladders.get(run.series_id) or levels)
        for level in levels:
            below = set(ladder[:ladder.index(level) + 1]) if level in ladder else {level}
            holds, decisive = True, False
            for req in requirements[run.series_id]:
                if req.profile_level not in below or req.level not in MUST_LEVELS:
                    continue
                verdict = _answered(by_lineage.get(req.lineage_id), answers.get(req.code, ()),
                                    run.at, settings)
                if verdict not in SATISFIED:
                    holds = False
                    decisive = decisive or verdict == "fail"
            points[level].append(_point(run, holds, decisive))
    events: list[TrackEvent] = []
    tracks: dict[str, TrackState] = {}
    for level in levels:
        found, state = follow_track(f"level:{level}", f"level {level}", points[level], settings,
                                    as_of)
        events += found
        tracks[f"level:{level}"] = state
    # Cumulative: a level counts only when every level below it is held too.
    reached: str | None = None
    for level in levels:
        if not tracks[f"level:{level}"].attained:
            break
        reached = level
    label = reached or "below the first level"
    return StreamMaturity(label, reached, tracks, _ordered(events))


def _verdicts_at_runs(
    session: Session, stream_id: int, runs: list[_Run]
) -> list[dict[int, str]]:
    """For each run (in time order), lineage -> verdict in force at its time."""
    by_lineage: dict[int, list[tuple[datetime, datetime | None, str]]] = defaultdict(list)
    for lineage_id, start, end, verdict in session.execute(
        select(HistoryRequirementRun.lineage_id, HistoryRequirementRun.valid_from,
               HistoryRequirementRun.valid_to, HistoryRequirementRun.verdict)
        .where(HistoryRequirementRun.stream_id == stream_id)
        .order_by(HistoryRequirementRun.valid_from)
    ):
        by_lineage[lineage_id].append((start, end, verdict))
    result: list[dict[int, str]] = [{} for _ in runs]
    for lineage_id, spans in by_lineage.items():
        index = 0
        for position, run in enumerate(runs):
            while index < len(spans) and spans[index][1] is not None \
                    and spans[index][1] <= run.at:
                index += 1
            if index < len(spans) and spans[index][0] <= run.at:
                result[position][lineage_id] = spans[index][2]
    return result


def _answers(session: Session, repository_id: int) -> dict[str, list[HistoryDeclaration]]:
    result: dict[str, list[HistoryDeclaration]] = defaultdict(list)
    for row in session.scalars(
        select(HistoryDeclaration).where(HistoryDeclaration.repository_id == repository_id,
                                         HistoryDeclaration.answer.is_not(None))
        .order_by(HistoryDeclaration.valid_from)
    ):
        result[row.requirement].append(row)
    return result


def _answered(
    verdict: str | None, answers: Iterable[HistoryDeclaration], at: datetime,
    settings: MaturitySettings,
) -> str | None:
    """The verdict with a person's answer applied where the machine left it open."""
    if verdict not in ("manual", "warn", "unknown"):
        return verdict
    for answer in sorted(answers, key=lambda a: a.valid_from, reverse=True):
        if not answer_in_force(answer, at, settings):
            continue
        return {"yes": "pass", "not_applicable": "not_applicable", "no": "fail"}.get(
            answer.answer or "", verdict)
    return verdict


def answer_in_force(
    answer: HistoryDeclaration, at: datetime, settings: MaturitySettings
) -> bool:
    if answer.valid_from > at or (answer.valid_to is not None and answer.valid_to <= at):
        return False
    if answer.expires is not None and answer.expires < at.date():
        return False
    return not (answer.answered_on is not None and
                (at.date() - answer.answered_on).days > settings.answer_valid_days)


def _ordered(events: list[TrackEvent]) -> list[TrackEvent]:
    return sorted(events, key=lambda e: e.at)  # stable: ladder order within one instant


__all__ = [
    "MaturitySettings", "Point", "StreamMaturity", "TrackEvent", "TrackState",
    "answer_in_force", "follow_changes", "follow_track", "refresh_stream",
    "stream_maturity",
]
