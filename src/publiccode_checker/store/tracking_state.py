"""Our own record of tracking issues: the maintainers' opt-out, announced by ``issues`` events."""

from __future__ import annotations

from publiccode_checker.store.database import session_scope
from publiccode_checker.store.database.service_models import TrackingIssueState


def set_opt_out(repository: str, issue_repository: str, number: int, opted_out: bool) -> None:
    with session_scope() as session:
        row = session.get(TrackingIssueState, repository.lower())
        if row is None:
            row = TrackingIssueState(repository=repository.lower())
            session.add(row)
        row.issue_repository = issue_repository
        row.number = number
        row.opted_out = opted_out


def is_opted_out(repository: str) -> bool:
    with session_scope() as session:
        row = session.get(TrackingIssueState, repository.lower())
        return bool(row and row.opted_out)


def rename(old: str, new: str) -> None:
    with session_scope() as session:
        row = session.get(TrackingIssueState, old.lower())
        if row is not None and session.get(TrackingIssueState, new.lower()) is None:
            session.delete(row)
            session.flush()
            session.add(TrackingIssueState(repository=new.lower(),
                                           issue_repository=row.issue_repository,
                                           number=row.number, opted_out=row.opted_out,
                                           content_hash=row.content_hash))
