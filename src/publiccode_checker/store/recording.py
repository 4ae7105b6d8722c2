"""Evaluations the service makes go into history; a pull request's base is read back from there.

Every evaluation is recorded with ``history.store.record_evaluation``, so the dashboard, trends and
levels see what the app saw. A pull request's base commit is evaluated once: later pushes to the
same pull request find its verdicts in history.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from publiccode_checker.evaluation.model import Evaluation
from publiccode_checker.snapshots import Snapshot
from publiccode_checker.store.database import session_scope
from publiccode_checker.store.history.queries import find_evaluation
from publiccode_checker.store.history.store import record_evaluation

#: Service triggers that are not history's own words.
_HISTORY_TRIGGER = {
    "pull_request": "pull_request",
    "push": "push",
    "schedule": "schedule",
    "nightly": "schedule",
}


def history_trigger(trigger: str, pull_request: int | None) -> str:
    if pull_request is not None:
        return "pull_request"
    return _HISTORY_TRIGGER.get(trigger, "push" if trigger in ("rerequest", "check_suite",
                                                               "how_to_fix") else "backfill")


def record(
    evaluation: Evaluation,
    snapshot: Snapshot,
    *,
    installation_id: int,
    repository: str,
    trigger: str,
    pull_request: int | None = None,
    ref: str | None = None,
) -> int:
    """Store ``evaluation`` of ``repository`` in history and return its id."""
    facts = snapshot.facts
    visibility = facts.visibility if facts.known("visibility") else None
    with session_scope() as session:
        return record_evaluation(
            session, evaluation, repository=repository, installation_id=installation_id,
            ref=ref, trigger=history_trigger(trigger, pull_request), pull_request=pull_request,
            visibility=visibility if visibility in ("public", "private", "internal") else None,
        )


def record_base(
    evaluation: Evaluation,
    snapshot: Snapshot,
    head: Evaluation,
    *,
    installation_id: int,
    repository: str,
    pull_request: int,
) -> None:
    """Store a pull request's base evaluation on that pull request's line, dated at the base
    commit, so that it never passes for the newest state of anything."""
    committed = snapshot.history.head_date if snapshot.history is not None else None
    when = committed or head.evaluated_at - timedelta(seconds=1)
    record(replace(evaluation, evaluated_at=min(when, head.evaluated_at - timedelta(seconds=1))),
           snapshot, installation_id=installation_id, repository=repository,
           trigger="pull_request", pull_request=pull_request)


def load_base_verdicts(repository: str, sha: str, profile: str) -> dict[str, str] | None:
    """Requirement id -> verdict for a commit evaluated before, or None."""
    with session_scope() as session:
        stored = find_evaluation(session, repository=repository, commit=sha, profile_id=profile)
        return dict(stored.verdicts) if stored is not None else None
