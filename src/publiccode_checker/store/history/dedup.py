"""Rows shared by hash (evidence, outcomes): look up what exists, insert only what is new."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from publiccode_checker.store.history.models import HistoryEvidence, HistoryOutcome

_CHUNK = 500  # stays below every backend's limit on bound parameters


def ensure_evidence(session: Session, payloads: Mapping[str, dict[str, Any]]) -> dict[str, int]:
    """Ids of evidence rows for ``{hash: payload}``, inserting the missing ones."""
    return _ensure(session, HistoryEvidence, payloads, "history_evidence_ids")


def ensure_outcome(session: Session, digest: str, payload: dict[str, Any]) -> int:
    return _ensure(session, HistoryOutcome, {digest: payload}, "history_outcome_ids")[digest]


def _ensure(
    session: Session, model: Any, payloads: Mapping[str, dict[str, Any]], cache_name: str
) -> dict[str, int]:
    # Within one session (a bulk load, a batch of jobs) most hashes repeat: remember their ids.
    cache: dict[str, int] = session.info.setdefault(cache_name, {})
    wanted = [h for h in payloads if h not in cache]
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start:start + _CHUNK]
        cache.update(_ids(session, model, chunk))
    missing = [h for h in wanted if h not in cache]
    if missing:
        rows = [{"hash": h, **payloads[h]} for h in missing]
        try:
            with session.begin_nested():
                session.execute(insert(model), rows)
        except IntegrityError:
            # A concurrent writer inserted some of them: insert the rest one by one.
            for row in rows:
                try:
                    with session.begin_nested():
                        session.execute(insert(model), [row])
                except IntegrityError:
                    pass
        cache.update(_ids(session, model, missing))
    return {h: cache[h] for h in payloads}


def _ids(session: Session, model: Any, hashes: list[str]) -> dict[str, int]:
    rows = session.execute(select(model.hash, model.id).where(model.hash.in_(hashes)))
    return {digest: row_id for digest, row_id in rows}
