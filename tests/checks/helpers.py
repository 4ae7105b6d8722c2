"""Run one check on a small in-memory tree and look at its findings."""

from __future__ import annotations

from publiccode_checker.checks import Finding, all_checks
from publiccode_checker.context import CheckContext
from publiccode_checker.snapshots import MemorySnapshot


def run(check_id: str, snapshot: MemorySnapshot,
        context: CheckContext | None = None) -> dict[str, Finding]:
    """The findings of one check; the context is built from the snapshot unless given."""
    findings = all_checks()[check_id].run(context or CheckContext.for_snapshot(snapshot))
    result: dict[str, Finding] = {}
    for finding in findings:
        assert finding.requirement not in result, f"{finding.requirement} decided twice"
        result[finding.requirement] = finding
    return result


def outcomes(check_id: str, snapshot: MemorySnapshot) -> dict[str, str]:
    return {req: f.outcome.value for req, f in run(check_id, snapshot).items()}
