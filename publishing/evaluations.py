"""Verdicts per commit, kept so the base of a pull request is evaluated only once.

Everything that stores or reads evaluations goes through these two functions, so their storage can
move (to the history module) without touching callers.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from database import session_scope
from database.service_models import StoredEvaluation
from evaluation.model import Evaluation


def store_verdicts(installation_id: int, repository: str, evaluation: Evaluation) -> None:
    """Remember the verdicts of ``evaluation`` (a repeat for the same commit keeps the first)."""
    if not evaluation.commit:
        return
    verdicts = {result.id: result.verdict.value for result in evaluation.requirements}
    try:
        with session_scope() as session:
            session.add(StoredEvaluation(
                installation_id=installation_id, repository=repository.lower(),
                sha=evaluation.commit, profile=evaluation.profile.id,
                conclusion=evaluation.conclusion.value, verdicts=json.dumps(verdicts),
                summary=evaluation.summary.sentence(),
            ))
    except IntegrityError:
        pass  # evaluated before (a rerun, or two jobs racing): same commit, same verdicts


def load_base_verdicts(repository: str, sha: str, profile: str) -> dict[str, str] | None:
    """Requirement id -> verdict for a commit evaluated before, or None."""
    with session_scope() as session:
        row = session.scalars(select(StoredEvaluation).where(
            StoredEvaluation.repository == repository.lower(), StoredEvaluation.sha == sha,
            StoredEvaluation.profile == profile)).first()
        return json.loads(row.verdicts) if row is not None else None
