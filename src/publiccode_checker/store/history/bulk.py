"""Loading many evaluations at once (an organisation's backfill, benchmarks).

Produces the same rows as calling ``record_evaluation`` for each evaluation in time order, but
computes the runs in memory and writes each table with a few multi-row statements. Evaluations
that share their ``requirements`` tuple (``dataclasses.replace`` of one evaluation with another
commit and time) are compared by identity, so a year of unchanged days costs almost nothing.

Restrictions, checked: only the repository's own line (no pull requests), and per repository and
profile the evaluations must be later than anything already stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from publiccode_checker.evaluation.model import Evaluation
from publiccode_checker.store.history import maturity
from publiccode_checker.store.history.dedup import ensure_evidence, ensure_outcome
from publiccode_checker.store.history.models import (
    HistoryDeclaration,
    HistoryEvaluation,
    HistoryRequirementRun,
)
from publiccode_checker.store.history.payloads import (
    declaration_hash,
    declaration_payload,
    digest,
    evidence_payload,
    is_declaration,
    outcome_payload,
)
from publiccode_checker.store.history.series import ensure_series
from publiccode_checker.store.history.store import (
    TRIGGERS,
    HistoryError,
    _ensure_stream,
    _utc,
    ensure_repository,
)

_CHUNK = 2000


@dataclass(frozen=True)
class BulkItem:
    evaluation: Evaluation
    repository: str
    trigger: str = "backfill"
    ref: str | None = None
    visibility: str | None = None
    organisation: str | None = None
    repository_id: int | None = None
    installation_id: int | None = None
    recorded_at: datetime | None = None


@dataclass
class _Shape:
    """What an evaluation's requirements tuple turns into, computed once per distinct tuple."""

    keep: Any  # holds the tuple so its id() cannot be reused while cached
    states: dict[int, tuple[str, int]]
    declarations: dict[str, tuple[str, dict[str, Any]]]


def bulk_record(session: Session, items: Iterable[BulkItem], *, refresh_maturity: bool = True
                ) -> int:
    """Store ``items``; returns how many evaluations were stored."""
    groups: dict[tuple[str, str], list[BulkItem]] = defaultdict(list)
    for item in items:
        if item.trigger not in TRIGGERS or item.trigger == "pull_request":
            raise HistoryError(f"bulk loading takes no {item.trigger!r} evaluations")
        groups[(item.repository, item.evaluation.profile.id)].append(item)
    shapes: dict[int, _Shape] = {}
    outcomes: dict[tuple[int, int, int, int], tuple[Any, int]] = {}
    stored = 0
    streams = []
    for group in groups.values():
        group.sort(key=lambda i: _utc(i.evaluation.evaluated_at))
        stream_id = _load_group(session, group, shapes, outcomes)
        streams.append(stream_id)
        stored += len(group)
    if refresh_maturity:
        for stream_id in streams:
            maturity.refresh_stream(session, stream_id)
    return stored


def _load_group(
    session: Session, group: list[BulkItem], shapes: dict[int, _Shape],
    outcomes: dict[tuple[int, int, int, int], tuple[Any, int]],
) -> int:
    first = group[0]
    times = [_utc(i.evaluation.evaluated_at) for i in group]
    if len(set(times)) != len(times):
        raise HistoryError(f"{first.repository}: bulk loading needs distinct evaluation times")
    # Each record updates what it knows about the repository, so the last value given wins.
    facts: dict[str, Any] = {}
    for item in group:
        for name in ("repository_id", "installation_id", "organisation", "visibility"):
            if getattr(item, name) is not None:
                facts[name] = getattr(item, name)
    repo = ensure_repository(session, first.repository, seen_at=times[0], **facts)
    last_series = ensure_series(session, group[-1].evaluation.profile)
    stream = _ensure_stream(session, repo.id, first.evaluation.profile.id, 0, last_series.id)
    open_runs = {
        run.lineage_id: {"stream_id": stream.id, "lineage_id": run.lineage_id,
                         "verdict": run.verdict, "evidence_id": run.evidence_id,
                         "valid_from": run.valid_from, "valid_to": None,
                         "evaluation_id": run.evaluation_id, "_row": run}
        for run in session.scalars(select(HistoryRequirementRun).where(
            HistoryRequirementRun.stream_id == stream.id, HistoryRequirementRun.valid_to.is_(None)))
    }
    if stream.latest_evaluation_id is not None:
        latest = session.get_one(HistoryEvaluation, stream.latest_evaluation_id).evaluated_at
        if _utc(first.evaluation.evaluated_at) < latest:
            raise HistoryError(f"{first.repository}: bulk loading only appends to history")
    open_declarations = {
        row.requirement: row for row in session.scalars(select(HistoryDeclaration).where(
            HistoryDeclaration.repository_id == repo.id, HistoryDeclaration.source == "config",
            HistoryDeclaration.valid_to.is_(None)))
    }

    rows = []
    for item in group:
        evaluation = item.evaluation
        key = (id(evaluation.requirements), id(evaluation.level), id(evaluation.summary),
               id(evaluation.criteria))
        if key not in outcomes:
            payload = outcome_payload(evaluation)
            outcomes[key] = ((evaluation.requirements, evaluation.level, evaluation.summary,
                              evaluation.criteria), ensure_outcome(session, digest(payload),
                                                                   payload))
        rows.append({
            "stream_id": stream.id, "series_id": ensure_series(session, evaluation.profile).id,
            "outcome_id": outcomes[key][1], "evaluated_at": _utc(evaluation.evaluated_at),
            "recorded_at": _utc(item.recorded_at) if item.recorded_at else datetime.now(UTC),
            "trigger": item.trigger, "ref": item.ref, "commit": evaluation.commit,
            "pull_request": None,
        })
    ids: list[int] = []
    for start in range(0, len(rows), _CHUNK):
        ids += session.scalars(
            insert(HistoryEvaluation).returning(HistoryEvaluation.id,
                                                sort_by_parameter_order=True),
            rows[start:start + _CHUNK],
        ).all()

    new_runs: list[dict[str, Any]] = []
    new_declarations: list[dict[str, Any]] = []
    previous: int | None = None
    for item, evaluation_id, row in zip(group, ids, rows, strict=True):
        evaluation = item.evaluation
        if id(evaluation.requirements) == previous:
            continue  # the very same results as the evaluation before
        previous = id(evaluation.requirements)
        shape = _shape(session, evaluation, shapes)
        at = row["evaluated_at"]
        for lineage_id in shape.states.keys() | open_runs.keys():
            new = shape.states.get(lineage_id)
            run = open_runs.get(lineage_id)
            if run is not None and (run["verdict"], run["evidence_id"]) == new:
                continue
            if run is not None:
                _close(run, at)
                del open_runs[lineage_id]
            if new is not None:
                run = {"stream_id": stream.id, "lineage_id": lineage_id, "verdict": new[0],
                       "evidence_id": new[1], "valid_from": at, "valid_to": None,
                       "evaluation_id": evaluation_id}
                open_runs[lineage_id] = run
                new_runs.append(run)
        scope = {r.id for r in evaluation.requirements}
        for requirement, current in list(open_declarations.items()):
            wanted = shape.declarations.get(requirement)
            current_hash = current.hash if isinstance(current, HistoryDeclaration) \
                else current["hash"]
            if wanted is not None and wanted[0] == current_hash:
                continue
            if wanted is None and requirement not in scope:
                continue
            _close(current, at)
            del open_declarations[requirement]
        for requirement, (hash_, payload) in shape.declarations.items():
            if requirement in open_declarations:
                continue
            declaration = {"repository_id": repo.id, "requirement": requirement,
                           "source": "config", "hash": hash_, "valid_from": at,
                           "valid_to": None, "evaluation_id": evaluation_id, **payload}
            open_declarations[requirement] = declaration
            new_declarations.append(declaration)
    for model, values in ((HistoryRequirementRun, new_runs),
                          (HistoryDeclaration, new_declarations)):
        for start in range(0, len(values), _CHUNK):
            session.execute(insert(model), values[start:start + _CHUNK])
    stream.latest_evaluation_id = ids[-1]
    stream.series_id = rows[-1]["series_id"]
    session.flush()
    return stream.id


def _close(run: Any, at: datetime) -> None:
    if isinstance(run, dict):
        if "_row" in run:
            run["_row"].valid_to = at
        run["valid_to"] = at
    else:
        run.valid_to = at


def _shape(session: Session, evaluation: Evaluation, shapes: dict[int, _Shape]) -> _Shape:
    key = id(evaluation.requirements)
    if key in shapes:
        return shapes[key]
    series = ensure_series(session, evaluation.profile)
    payloads: dict[str, dict[str, Any]] = {}
    hashes = []
    for result in evaluation.requirements:
        item = evidence_payload(result)
        hashes.append(digest(item))
        payloads[hashes[-1]] = item
    evidence_ids = ensure_evidence(session, payloads)
    states = {series.lineages[r.id]: (r.verdict.value, evidence_ids[h])
              for r, h in zip(evaluation.requirements, hashes, strict=True)}
    declarations = {
        r.override.requirement: (declaration_hash(r.override), declaration_payload(r.override))
        for r in evaluation.requirements if r.override is not None and is_declaration(r.override)
    }
    shape = _Shape(evaluation.requirements, states, declarations)
    shapes[key] = shape
    return shape
