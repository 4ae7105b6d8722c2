"""Run one check on a small in-memory tree and look at its findings."""

from __future__ import annotations

from datetime import datetime

from publiccode_checker.checks import Finding, all_checks
from publiccode_checker.context import CheckContext
from publiccode_checker.snapshots import MemorySnapshot


def run(check_id: str, snapshot: MemorySnapshot, context: CheckContext | None = None,
        as_of: datetime | None = None) -> dict[str, Finding]:
    """The findings of one check; the context is built from the snapshot unless given, as of
    ``as_of``, else of the newest commit of its history (so the tests' time windows do not move
    with the calendar)."""
    findings = all_checks()[check_id].run(context or CheckContext.for_snapshot(
        snapshot, evaluated_at=as_of or head_time(snapshot)))
    result: dict[str, Finding] = {}
    for finding in findings:
        assert finding.requirement not in result, f"{finding.requirement} decided twice"
        result[finding.requirement] = finding
    return result


def outcomes(check_id: str, snapshot: MemorySnapshot,
             as_of: datetime | None = None) -> dict[str, str]:
    return {req: f.outcome.value for req, f in run(check_id, snapshot, as_of=as_of).items()}


def head_time(snapshot: MemorySnapshot) -> datetime | None:
    """When the snapshot's newest commit was made, if it has a history."""
    history = snapshot.history
    if history is None:
        return None
    if history.head_date is not None:
        return history.head_date
    return history.commits[0].committed_at if history.commits else None
