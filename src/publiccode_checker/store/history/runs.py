"""Requirement states as runs of unchanged state, and how one more evaluation changes them.

Invariant: for each (stream, lineage) the runs do not overlap, and the run covering time T holds
the state of the latest evaluation at or before T. A lineage without a run at T did not exist in
that evaluation's series. Evaluations usually arrive in time order (one open run per lineage is
compared and at most closed); a backfill may insert an evaluation between earlier ones, which
splits the run it lands in.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from publiccode_checker.store.history.models import HistoryEvaluation, HistoryRequirementRun

#: lineage id -> (verdict, evidence id)
States = Mapping[int, tuple[str, int]]


def apply_evaluation(
    session: Session, stream_id: int, evaluation_id: int, at: datetime, states: States
) -> int:
    """Make the runs of ``stream_id`` reflect one more evaluation at ``at``. Returns the number
    of lineages whose state changed."""
    later = session.scalar(
        select(func.min(HistoryEvaluation.evaluated_at)).where(
            HistoryEvaluation.stream_id == stream_id, HistoryEvaluation.evaluated_at > at)
    )
    if later is None:
        return _append(session, stream_id, evaluation_id, at, states)
    return _insert_between(session, stream_id, evaluation_id, at, later, states)


def _append(
    session: Session, stream_id: int, evaluation_id: int, at: datetime, states: States
) -> int:
    # Nothing is later, so every run that covers ``at`` is still open.
    open_runs = {
        run.lineage_id: run
        for run in session.scalars(
            select(HistoryRequirementRun).where(HistoryRequirementRun.stream_id == stream_id,
                                                HistoryRequirementRun.valid_to.is_(None))
        )
    }
    changed = 0
    new_rows = []
    for lineage_id in states.keys() | open_runs.keys():
        new = states.get(lineage_id)
        run = open_runs.get(lineage_id)
        if run is not None and (run.verdict, run.evidence_id) == new:
            continue
        changed += 1
        if run is not None:
            if run.valid_from == at:
                # Same instant as the previous evaluation: the one recorded last wins.
                session.delete(run)
                if new is not None and _extend_previous(session, stream_id, lineage_id, at, new,
                                                        None):
                    continue
            else:
                run.valid_to = at
        if new is not None:
            new_rows.append(_row(stream_id, lineage_id, new, at, None, evaluation_id))
    if new_rows:
        session.add_all(new_rows)
    session.flush()
    return changed


def _insert_between(
    session: Session, stream_id: int, evaluation_id: int, at: datetime, later: datetime,
    states: States,
) -> int:
    runs = list(session.scalars(
        select(HistoryRequirementRun)
        .where(HistoryRequirementRun.stream_id == stream_id,
               or_(HistoryRequirementRun.valid_to.is_(None),
                   HistoryRequirementRun.valid_to >= at))
        .order_by(HistoryRequirementRun.valid_from)
    ))
    covering: dict[int, HistoryRequirementRun] = {}
    following: dict[int, HistoryRequirementRun] = {}
    for run in runs:
        if run.valid_from <= at and (run.valid_to is None or run.valid_to > at):
            covering[run.lineage_id] = run
        elif run.valid_from > at:
            following.setdefault(run.lineage_id, run)
    later_id = session.scalar(
        select(HistoryEvaluation.id)
        .where(HistoryEvaluation.stream_id == stream_id, HistoryEvaluation.evaluated_at == later)
        .order_by(HistoryEvaluation.id.desc()).limit(1)
    )
    changed = 0
    for lineage_id in states.keys() | covering.keys():
        new = states.get(lineage_id)
        run = covering.get(lineage_id)
        old = None if run is None else (run.verdict, run.evidence_id)
        if old == new:
            continue
        changed += 1
        if run is not None:
            old_to = run.valid_to
        else:
            after = following.get(lineage_id)
            old_to = after.valid_from if after is not None else None
        # The old state resumes at the next evaluation if that one still lies inside its run.
        inside = old_to is None or later < old_to
        resumes = old is not None and inside
        end = later if inside else old_to
        if run is not None:
            if run.valid_from == at:
                session.delete(run)
            else:
                run.valid_to = at
            if resumes:
                assert later_id is not None and old is not None
                session.add(_row(stream_id, lineage_id, old, later, old_to, later_id))
        if new is None:
            continue
        if run is not None and run.valid_from == at and _extend_previous(
            session, stream_id, lineage_id, at, new, end
        ):
            continue
        after = following.get(lineage_id)
        if not resumes and after is not None and after.valid_from == end \
                and (after.verdict, after.evidence_id) == new:
            # The next run already holds this state: it now starts here.
            after.valid_from = at
            after.evaluation_id = evaluation_id
            continue
        session.add(_row(stream_id, lineage_id, new, at, end, evaluation_id))
    session.flush()
    return changed


def _extend_previous(
    session: Session, stream_id: int, lineage_id: int, at: datetime, state: tuple[str, int],
    end: datetime | None,
) -> bool:
    """Extend the run ending at ``at`` over ``[at, end)`` when it holds ``state`` already."""
    previous = session.scalars(
        select(HistoryRequirementRun).where(
            HistoryRequirementRun.stream_id == stream_id,
            HistoryRequirementRun.lineage_id == lineage_id,
            HistoryRequirementRun.valid_to == at)
    ).first()
    if previous is None or (previous.verdict, previous.evidence_id) != state:
        return False
    previous.valid_to = end
    return True


def _row(
    stream_id: int, lineage_id: int, state: tuple[str, int], start: datetime,
    end: datetime | None, evaluation_id: int,
) -> HistoryRequirementRun:
    return HistoryRequirementRun(
        stream_id=stream_id, lineage_id=lineage_id, verdict=state[0], evidence_id=state[1],
        valid_from=start, valid_to=end, evaluation_id=evaluation_id,
    )
