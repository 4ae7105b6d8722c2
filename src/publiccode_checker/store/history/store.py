"""Writing history: one call per evaluation, and one for declarations made outside of it.

The caller owns the transaction (``database.session_scope``). Writers for the same repository
should not run at the same time (the job queue holds a lock per repository); shared rows
(evidence, outcomes, series) tolerate concurrent writers.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import UTC, datetime

from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from publiccode_checker.evaluation.model import Evaluation
from publiccode_checker.repo_config.model import RequirementOverride
from publiccode_checker.store.history import maturity
from publiccode_checker.store.history.dedup import ensure_evidence, ensure_outcome
from publiccode_checker.store.history.models import (
    HistoryDeclaration,
    HistoryEvaluation,
    HistoryRepository,
    HistoryStream,
)
from publiccode_checker.store.history.payloads import (
    declaration_hash,
    declaration_payload,
    digest,
    evidence_payload,
    is_declaration,
    outcome_payload,
)
from publiccode_checker.store.history.runs import apply_evaluation
from publiccode_checker.store.history.series import ensure_series

TRIGGERS = ("pull_request", "push", "schedule", "backfill", "cli")
VISIBILITIES = ("public", "private", "internal")


class HistoryError(ValueError):
    """The caller passed something history cannot store (an unknown trigger, a bad name)."""


@event.listens_for(Session, "after_soft_rollback")
def _forget_cached_ids(session: Session, _transaction: object) -> None:
    # Ids remembered in this session may belong to rows that were just rolled back.
    for key in [k for k in session.info if str(k).startswith("history_")]:
        del session.info[key]


def record_evaluation(
    session: Session,
    evaluation: Evaluation,
    *,
    repository: str,
    repository_id: int | None = None,
    installation_id: int | None = None,
    organisation: str | None = None,
    ref: str | None = None,
    trigger: str,
    pull_request: int | None = None,
    visibility: str | None = None,
    recorded_at: datetime | None = None,
) -> int:
    """Store ``evaluation`` of ``repository`` (``owner/name``) and return its history id.

    The evaluation counts at ``evaluation.evaluated_at`` (a backfill of old commits should set
    it to the commit time); ``recorded_at`` is when it was stored (default: now).
    """
    if trigger not in TRIGGERS:
        raise HistoryError(f"unknown trigger {trigger!r}; expected one of {', '.join(TRIGGERS)}")
    at = _utc(evaluation.evaluated_at)
    repo = ensure_repository(session, repository, repository_id=repository_id,
                             installation_id=installation_id, organisation=organisation,
                             visibility=visibility, seen_at=at)
    series = ensure_series(session, evaluation.profile)
    lane = pull_request if trigger == "pull_request" else 0
    if lane is None or lane < 0:
        raise HistoryError("a pull_request evaluation needs the pull request's number")
    stream = _ensure_stream(session, repo.id, evaluation.profile.id, lane, series.id)
    payload = outcome_payload(evaluation)
    outcome_id = ensure_outcome(session, digest(payload), payload)
    row = HistoryEvaluation(
        stream_id=stream.id, series_id=series.id, outcome_id=outcome_id, evaluated_at=at,
        recorded_at=_utc(recorded_at) if recorded_at else datetime.now(UTC), trigger=trigger,
        ref=ref, commit=evaluation.commit, pull_request=pull_request,
    )
    session.add(row)
    session.flush()

    payloads = {}
    hashes = []
    for result in evaluation.requirements:
        item = evidence_payload(result)
        key = digest(item)
        payloads[key] = item
        hashes.append(key)
    evidence_ids = ensure_evidence(session, payloads)
    states = {
        series.lineages[result.id]: (result.verdict.value, evidence_ids[key])
        for result, key in zip(evaluation.requirements, hashes, strict=True)
    }
    apply_evaluation(session, stream.id, row.id, at, states)

    latest = _latest_time(session, stream)
    is_latest = latest is None or at >= latest
    if is_latest:
        stream.latest_evaluation_id = row.id
        stream.series_id = series.id
    if is_latest and lane == 0:
        # Declarations are recorded as they arrive; a backfilled evaluation of an older commit
        # must not reopen what has since been withdrawn, nor may a proposal in a pull request.
        overrides = [r.override for r in evaluation.requirements if r.override is not None]
        record_declarations(session, repository=repository, repository_id=repository_id,
                            declarations=overrides, at=at, source="config",
                            scope={r.id for r in evaluation.requirements}, evaluation_id=row.id)
    session.flush()
    if lane == 0:
        maturity.refresh_stream(session, stream.id)
    return row.id


def record_declarations(
    session: Session,
    *,
    repository: str,
    declarations: Iterable[RequirementOverride],
    at: datetime | None = None,
    source: str = "config",
    scope: Collection[str] | None = None,
    complete: bool = True,
    repository_id: int | None = None,
    evaluation_id: int | None = None,
) -> int:
    """Record the waivers, explanations and answers in force for ``repository`` at ``at``.

    With ``complete`` (the default), ``declarations`` is everything ``source`` declares for the
    requirements in ``scope`` (all requirements when None): what is no longer declared is closed.
    Without it, only the given declarations are added or replaced (e.g. one answer from the
    tracking issue). Returns the number of declarations opened or closed.
    """
    at = _utc(at) if at else datetime.now(UTC)
    repo = ensure_repository(session, repository, repository_id=repository_id, seen_at=at)
    given = {d.requirement: d for d in declarations if is_declaration(d)}
    current = {
        row.requirement: row
        for row in session.scalars(
            select(HistoryDeclaration).where(HistoryDeclaration.repository_id == repo.id,
                                             HistoryDeclaration.source == source,
                                             HistoryDeclaration.valid_to.is_(None))
        )
    }
    changes = 0
    for requirement, row in current.items():
        if requirement in given:
            if row.hash == declaration_hash(given[requirement]):
                del given[requirement]
                continue
        elif not complete or (scope is not None and requirement not in scope):
            continue
        row.valid_to = max(at, row.valid_from)
        changes += 1
    for requirement, declaration in given.items():
        session.add(HistoryDeclaration(
            repository_id=repo.id, requirement=requirement, source=source,
            hash=declaration_hash(declaration), valid_from=at, evaluation_id=evaluation_id,
            **declaration_payload(declaration),
        ))
        changes += 1
    session.flush()
    return changes


def ensure_repository(
    session: Session,
    full_name: str,
    *,
    repository_id: int | None = None,
    installation_id: int | None = None,
    organisation: str | None = None,
    visibility: str | None = None,
    seen_at: datetime | None = None,
) -> HistoryRepository:
    """The repository's row, created on first sight; a GitHub id follows renames and transfers."""
    owner, slash, name = full_name.partition("/")
    if not owner or not slash or not name:
        raise HistoryError(f"repository {full_name!r} is not of the form owner/name")
    if visibility is not None and visibility not in VISIBILITIES:
        raise HistoryError(f"unknown visibility {visibility!r}")
    repo = None
    if repository_id is not None:
        repo = session.scalars(
            select(HistoryRepository).where(HistoryRepository.github_id == repository_id)
        ).first()
    if repo is None:
        repo = session.scalars(
            select(HistoryRepository).where(HistoryRepository.full_name == full_name)
        ).first()
    if repo is None:
        try:
            with session.begin_nested():
                repo = HistoryRepository(
                    full_name=full_name, organisation=organisation or owner,
                    github_id=repository_id, installation_id=installation_id,
                    visibility=visibility, first_seen_at=seen_at or datetime.now(UTC),
                )
                session.add(repo)
                session.flush()
        except IntegrityError:
            repo = session.scalars(
                select(HistoryRepository).where(HistoryRepository.full_name == full_name)
            ).one()
        return repo
    if repo.full_name != full_name:
        repo.full_name = full_name
        repo.organisation = organisation or owner
    elif organisation is not None:
        repo.organisation = organisation
    if repository_id is not None:
        repo.github_id = repository_id
    if installation_id is not None:
        repo.installation_id = installation_id
    if visibility is not None:
        repo.visibility = visibility
    return repo


def _ensure_stream(
    session: Session, repository_id: int, profile_id: str, lane: int, series_id: int
) -> HistoryStream:
    stream = session.scalars(
        select(HistoryStream).where(HistoryStream.repository_id == repository_id,
                                    HistoryStream.profile_id == profile_id,
                                    HistoryStream.pull_request == lane)
    ).first()
    if stream is None:
        stream = HistoryStream(repository_id=repository_id, profile_id=profile_id,
                               pull_request=lane, series_id=series_id)
        session.add(stream)
        session.flush()
    return stream


def _latest_time(session: Session, stream: HistoryStream) -> datetime | None:
    if stream.latest_evaluation_id is None:
        return None
    return session.scalar(
        select(HistoryEvaluation.evaluated_at)
        .where(HistoryEvaluation.id == stream.latest_evaluation_id)
    )


def _utc(value: datetime) -> datetime:
    # Naive times from callers are taken to be UTC, as everywhere in the product.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
