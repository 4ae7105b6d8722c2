"""Reading history: what the dashboard, the badges and the service ask of it.

Every function takes a session and returns plain frozen dataclasses (no ORM objects escape), so
callers can cache, serialise or compare them. Queries about "the repository" read its own line
(pushes, schedules, backfills, CLI runs); pull requests only show up in ``find_evaluation`` and
as the origin of a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from publiccode_checker.store.history.maturity import MaturitySettings, answer_in_force
from publiccode_checker.store.history.models import (
    HistoryDeclaration,
    HistoryEvaluation,
    HistoryEvidence,
    HistoryLevelEvent,
    HistoryOutcome,
    HistoryRepository,
    HistoryRequirement,
    HistoryRequirementRun,
    HistorySeries,
    HistoryStream,
)

#: Verdicts that leave a question for a person open.
OPEN_VERDICTS = ("manual", "warn", "unknown")


@dataclass(frozen=True)
class StoredEvaluation:
    id: int
    repository: str
    profile_id: str
    profile_version: str
    commit: str | None
    ref: str | None
    trigger: str
    pull_request: int | None
    evaluated_at: datetime
    recorded_at: datetime
    conclusion: str
    level_label: str
    level_value: str | None
    summary_text: str
    criteria_met: int
    criteria_total: int
    must_failing: int
    must_open: int
    criteria: dict[str, str]
    verdicts: dict[str, str]


@dataclass(frozen=True)
class RequirementState:
    requirement: str
    criterion: str
    level: str
    summary: str
    verdict: str
    message: str
    observed: str | None
    evidence: list[dict[str, Any]]
    #: Since when (and from which commit) the requirement has been in this state.
    since: datetime
    since_commit: str | None


@dataclass(frozen=True)
class RepositoryState:
    repository: str
    visibility: str | None
    profile_id: str
    profile_version: str
    evaluation_id: int
    evaluated_at: datetime
    commit: str | None
    ref: str | None
    conclusion: str
    level_label: str
    level_value: str | None
    sustained_level: str | None
    summary_text: str
    criteria: dict[str, str]
    requirements: list[RequirementState]


@dataclass(frozen=True)
class TrendPoint:
    at: datetime
    commit: str | None
    criteria_met: int
    must_failing: int
    level: str
    level_value: str | None
    conclusion: str
    evaluation_id: int


@dataclass(frozen=True)
class Change:
    requirement: str
    old: str | None
    new: str
    at: datetime
    commit: str | None
    pull_request: int | None
    trigger: str
    evaluation_id: int


@dataclass(frozen=True)
class OverviewRow:
    repository: str
    visibility: str | None
    level: str
    sustained_level: str | None
    conclusion: str
    evaluated_at: datetime
    commit: str | None
    criteria_met: int
    must_failing: int
    #: Criterion code -> "met" | "not_met" | "open".
    criteria: dict[str, str]


@dataclass(frozen=True)
class LevelEvent:
    track: str
    kind: str
    label: str
    at: datetime
    since: datetime
    commit: str | None
    evaluation_id: int | None


@dataclass(frozen=True)
class Declaration:
    requirement: str
    source: str
    status: str | None
    reason: str | None
    approver: str | None
    expires: date | None
    answer: str | None
    answered_by: str | None
    answered_on: date | None
    note: str | None
    valid_from: datetime
    valid_to: datetime | None


@dataclass(frozen=True)
class OpenQuestion:
    requirement: str
    level: str
    question: str | None
    verdict: str
    message: str
    since: datetime
    #: Answers given so far, newest first (current and withdrawn).
    answers: list[Declaration]
    #: An answer was given but is too old to count: ask again.
    answer_expired: bool


def find_evaluation(
    session: Session, *, repository: str, commit: str, profile_id: str
) -> StoredEvaluation | None:
    """The latest stored evaluation of ``commit`` (on the repository's line or a pull request)."""
    row = session.execute(
        select(HistoryEvaluation, HistoryStream, HistoryRepository.full_name)
        .join(HistoryStream, HistoryStream.id == HistoryEvaluation.stream_id)
        .join(HistoryRepository, HistoryRepository.id == HistoryStream.repository_id)
        .where(HistoryRepository.full_name == repository, HistoryStream.profile_id == profile_id,
               HistoryEvaluation.commit == commit)
        .order_by(HistoryEvaluation.evaluated_at.desc(), HistoryEvaluation.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    evaluation, stream, full_name = row
    outcome = session.get_one(HistoryOutcome, evaluation.outcome_id)
    series = session.get_one(HistorySeries, evaluation.series_id)
    return StoredEvaluation(
        id=evaluation.id, repository=full_name, profile_id=profile_id,
        profile_version=series.version, commit=evaluation.commit, ref=evaluation.ref,
        trigger=evaluation.trigger, pull_request=evaluation.pull_request,
        evaluated_at=evaluation.evaluated_at, recorded_at=evaluation.recorded_at,
        conclusion=outcome.conclusion, level_label=outcome.level_label,
        level_value=outcome.level_value, summary_text=outcome.summary_text,
        criteria_met=outcome.criteria_met, criteria_total=outcome.criteria_total,
        must_failing=outcome.must_failing, must_open=outcome.must_open,
        criteria=dict(outcome.criteria),
        verdicts=_verdicts(session, stream.id, evaluation.series_id, evaluation.evaluated_at),
    )


def verdicts_at(
    session: Session, *, repository: str, profile_id: str, at: datetime
) -> dict[str, str]:
    """Requirement -> verdict as of the latest evaluation at or before ``at`` (empty if none)."""
    stream_id = _stream_id(session, repository, profile_id)
    if stream_id is None:
        return {}
    at = _utc(at)
    series_id = session.scalar(
        select(HistoryEvaluation.series_id)
        .where(HistoryEvaluation.stream_id == stream_id, HistoryEvaluation.evaluated_at <= at)
        .order_by(HistoryEvaluation.evaluated_at.desc(), HistoryEvaluation.id.desc()).limit(1)
    )
    if series_id is None:
        return {}
    return _verdicts(session, stream_id, series_id, at)


def repository_current(
    session: Session, *, repository: str, profile_id: str
) -> RepositoryState | None:
    found = session.execute(
        select(HistoryStream, HistoryRepository, HistoryEvaluation, HistoryOutcome,
               HistorySeries.version)
        .join(HistoryRepository, HistoryRepository.id == HistoryStream.repository_id)
        .join(HistoryEvaluation, HistoryEvaluation.id == HistoryStream.latest_evaluation_id)
        .join(HistoryOutcome, HistoryOutcome.id == HistoryEvaluation.outcome_id)
        .join(HistorySeries, HistorySeries.id == HistoryEvaluation.series_id)
        .where(HistoryRepository.full_name == repository, HistoryStream.profile_id == profile_id,
               HistoryStream.pull_request == 0)
    ).first()
    if found is None:
        return None
    stream, repo, evaluation, outcome, version = found
    at = evaluation.evaluated_at
    rows = session.execute(
        select(HistoryRequirement, HistoryRequirementRun, HistoryEvidence,
               HistoryEvaluation.commit)
        .join(HistoryRequirementRun, HistoryRequirementRun.lineage_id
              == HistoryRequirement.lineage_id)
        .join(HistoryEvidence, HistoryEvidence.id == HistoryRequirementRun.evidence_id)
        .join(HistoryEvaluation, HistoryEvaluation.id == HistoryRequirementRun.evaluation_id)
        .where(HistoryRequirement.series_id == evaluation.series_id,
               HistoryRequirementRun.stream_id == stream.id,
               *_covering(at))
        .order_by(HistoryRequirement.position)
    )
    requirements = [
        RequirementState(
            requirement=req.code, criterion=req.criterion, level=req.level, summary=req.summary,
            verdict=run.verdict, message=evidence.message, observed=evidence.observed,
            evidence=list(evidence.items), since=run.valid_from, since_commit=commit,
        )
        for req, run, evidence, commit in rows
    ]
    return RepositoryState(
        repository=repo.full_name, visibility=repo.visibility, profile_id=profile_id,
        profile_version=version, evaluation_id=evaluation.id, evaluated_at=at,
        commit=evaluation.commit, ref=evaluation.ref, conclusion=outcome.conclusion,
        level_label=outcome.level_label, level_value=outcome.level_value,
        sustained_level=stream.sustained_label, summary_text=outcome.summary_text,
        criteria=dict(outcome.criteria), requirements=requirements,
    )


def repository_trend(
    session: Session, *, repository: str, profile_id: str, since: datetime | None = None
) -> list[TrendPoint]:
    """One point per evaluation of the repository's line, oldest first."""
    stream_id = _stream_id(session, repository, profile_id)
    if stream_id is None:
        return []
    query = (
        select(HistoryEvaluation.evaluated_at, HistoryEvaluation.commit,
               HistoryOutcome.criteria_met, HistoryOutcome.must_failing,
               HistoryOutcome.level_label, HistoryOutcome.level_value,
               HistoryOutcome.conclusion, HistoryEvaluation.id)
        .join(HistoryOutcome, HistoryOutcome.id == HistoryEvaluation.outcome_id)
        .where(HistoryEvaluation.stream_id == stream_id)
        .order_by(HistoryEvaluation.evaluated_at, HistoryEvaluation.id)
    )
    if since is not None:
        query = query.where(HistoryEvaluation.evaluated_at >= _utc(since))
    return [TrendPoint(*row) for row in session.execute(query)]


def repository_timeline(
    session: Session, *, repository: str, profile_id: str, limit: int = 100
) -> list[Change]:
    """Verdict changes of the repository's line, newest first (the first verdicts excluded)."""
    stream_id = _stream_id(session, repository, profile_id)
    if stream_id is None:
        return []
    run = HistoryRequirementRun
    window = {"partition_by": run.lineage_id, "order_by": run.valid_from}
    ordered = (
        select(run.lineage_id, run.verdict, run.valid_from, run.evaluation_id,
               func.lag(run.verdict).over(**window).label("old"))
        .where(run.stream_id == stream_id)
        .subquery()
    )
    rows = session.execute(
        select(HistoryRequirement.code, ordered.c.old, ordered.c.verdict, ordered.c.valid_from,
               HistoryEvaluation.commit, HistoryEvaluation.pull_request,
               HistoryEvaluation.trigger, HistoryEvaluation.id)
        .join(HistoryEvaluation, HistoryEvaluation.id == ordered.c.evaluation_id)
        .join(HistoryRequirement,
              (HistoryRequirement.lineage_id == ordered.c.lineage_id)
              & (HistoryRequirement.series_id == HistoryEvaluation.series_id))
        .where(ordered.c.old.is_not(None), ordered.c.old != ordered.c.verdict)
        .order_by(ordered.c.valid_from.desc(), HistoryRequirement.position)
        .limit(limit)
    )
    return [Change(*row) for row in rows]


def organisation_overview(
    session: Session, *, organisation: str, profile_id: str, include_private: bool = False
) -> list[OverviewRow]:
    """The organisation's repositories with their latest state, by name.

    Without ``include_private`` only repositories known to be public are listed: private,
    internal and those whose visibility was never recorded stay out of public pages.
    """
    query = (
        select(HistoryRepository.full_name, HistoryRepository.visibility,
               HistoryOutcome.level_label, HistoryStream.sustained_label,
               HistoryOutcome.conclusion, HistoryEvaluation.evaluated_at,
               HistoryEvaluation.commit, HistoryOutcome.criteria_met,
               HistoryOutcome.must_failing, HistoryOutcome.criteria)
        .join(HistoryStream, HistoryStream.repository_id == HistoryRepository.id)
        .join(HistoryEvaluation, HistoryEvaluation.id == HistoryStream.latest_evaluation_id)
        .join(HistoryOutcome, HistoryOutcome.id == HistoryEvaluation.outcome_id)
        .where(HistoryRepository.organisation == organisation,
               HistoryStream.profile_id == profile_id, HistoryStream.pull_request == 0)
        .order_by(HistoryRepository.full_name)
    )
    if not include_private:
        query = query.where(HistoryRepository.visibility == "public")
    return [OverviewRow(*row[:-1], criteria=dict(row[-1])) for row in session.execute(query)]


def level_events(session: Session, *, repository: str, profile_id: str) -> list[LevelEvent]:
    """Levels and criteria attained or lost (and declarations changed), oldest first."""
    stream_id = _stream_id(session, repository, profile_id)
    if stream_id is None:
        return []
    rows = session.scalars(
        select(HistoryLevelEvent).where(HistoryLevelEvent.stream_id == stream_id)
        .order_by(HistoryLevelEvent.at, HistoryLevelEvent.id)
    )
    return [LevelEvent(e.track, e.kind, e.label, e.at, e.since, e.commit, e.evaluation_id)
            for e in rows]


def declaration_history(
    session: Session, *, repository: str, requirement: str | None = None,
    at: datetime | None = None,
) -> list[Declaration]:
    """Declarations of ``repository``, oldest first; with ``at`` only those in force then."""
    query = (
        select(HistoryDeclaration)
        .join(HistoryRepository, HistoryRepository.id == HistoryDeclaration.repository_id)
        .where(HistoryRepository.full_name == repository)
        .order_by(HistoryDeclaration.valid_from, HistoryDeclaration.id)
    )
    if requirement is not None:
        query = query.where(HistoryDeclaration.requirement == requirement)
    if at is not None:
        at = _utc(at)
        query = query.where(HistoryDeclaration.valid_from <= at,
                            or_(HistoryDeclaration.valid_to.is_(None),
                                HistoryDeclaration.valid_to > at))
    return [_declaration(row) for row in session.scalars(query)]


def open_questions(
    session: Session, *, repository: str, profile_id: str,
    settings: MaturitySettings | None = None, now: datetime | None = None,
) -> list[OpenQuestion]:
    """Requirements a person still has to answer: open ones with a question, and answered ones
    whose answer has grown too old to count."""
    current = repository_current(session, repository=repository, profile_id=profile_id)
    if current is None:
        return []
    settings = settings or MaturitySettings.from_env()
    now = _utc(now) if now else datetime.now(UTC)
    stream_id = _stream_id(session, repository, profile_id)
    series_id = session.scalar(select(HistoryStream.series_id).where(
        HistoryStream.id == stream_id))
    questions = dict(session.execute(
        select(HistoryRequirement.code, HistoryRequirement.question)
        .where(HistoryRequirement.series_id == series_id)
    ).all())
    answers: dict[str, list[HistoryDeclaration]] = {}
    for row in session.scalars(
        select(HistoryDeclaration)
        .join(HistoryRepository, HistoryRepository.id == HistoryDeclaration.repository_id)
        .where(HistoryRepository.full_name == repository, HistoryDeclaration.answer.is_not(None))
        .order_by(HistoryDeclaration.valid_from.desc(), HistoryDeclaration.id.desc())
    ):
        answers.setdefault(row.requirement, []).append(row)
    result = []
    for state in current.requirements:
        given = answers.get(state.requirement, [])
        in_force = [a for a in given if a.valid_to is None]
        expired = bool(in_force) and not any(answer_in_force(a, now, settings) for a in in_force)
        question = questions.get(state.requirement)
        is_open = state.verdict == "manual" or (state.verdict in OPEN_VERDICTS and question)
        if not is_open and not expired:
            continue
        result.append(OpenQuestion(
            requirement=state.requirement, level=state.level, question=question,
            verdict=state.verdict, message=state.message, since=state.since,
            answers=[_declaration(a) for a in given], answer_expired=expired,
        ))
    return result


def _stream_id(session: Session, repository: str, profile_id: str) -> int | None:
    return session.scalar(
        select(HistoryStream.id)
        .join(HistoryRepository, HistoryRepository.id == HistoryStream.repository_id)
        .where(HistoryRepository.full_name == repository, HistoryStream.profile_id == profile_id,
               HistoryStream.pull_request == 0)
    )


def _covering(at: datetime) -> tuple[Any, Any]:
    run = HistoryRequirementRun
    return run.valid_from <= at, or_(run.valid_to.is_(None), run.valid_to > at)


def _verdicts(session: Session, stream_id: int, series_id: int, at: datetime) -> dict[str, str]:
    rows = session.execute(
        select(HistoryRequirement.code, HistoryRequirementRun.verdict)
        .join(HistoryRequirementRun,
              HistoryRequirementRun.lineage_id == HistoryRequirement.lineage_id)
        .where(HistoryRequirement.series_id == series_id,
               HistoryRequirementRun.stream_id == stream_id, *_covering(at))
        .order_by(HistoryRequirement.position)
    )
    return dict(rows.all())


def _declaration(row: HistoryDeclaration) -> Declaration:
    return Declaration(
        requirement=row.requirement, source=row.source, status=row.status, reason=row.reason,
        approver=row.approver, expires=row.expires, answer=row.answer,
        answered_by=row.answered_by, answered_on=row.answered_on, note=row.note,
        valid_from=row.valid_from, valid_to=row.valid_to,
    )


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
