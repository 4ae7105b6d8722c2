"""Job records: submission (merging equal work), claiming under a per-repository lock, states.

The queue only carries job ids; the database holds each job's state, so a job whose worker died is
found and finished by the reaper, and a duplicate queue entry finds nothing left to claim.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from publiccode_checker.jobs.requests import KIND_CHECK, JobRequest
from publiccode_checker.store.database import session_scope
from publiccode_checker.store.database.service_models import (
    Installation,
    Job,
    RepositoryLock,
    utcnow,
)

ACTIVE = ("queued", "running")


class Claim(enum.Enum):
    CLAIMED = "claimed"
    LOCKED = "locked"  # another job holds the repository: try again shortly
    GONE = "gone"  # nothing to do: done, cancelled or claimed by someone else


def lock_key(installation_id: int, repository: str) -> str:
    return f"{installation_id}:{repository.lower()}"


def submit(request: JobRequest, delivery_guid: str | None = None) -> int | None:
    """Record a job; its id when it must be enqueued, None when equal work already covers it."""
    key = request.key(delivery_guid)
    with session_scope() as session:
        existing = session.scalars(
            select(Job).where(Job.key == key, Job.state.in_(ACTIVE)).order_by(Job.id.desc())
        ).first()
        if existing is not None and existing.state == "queued":
            _merge(existing, request)
            return None
        if existing is not None and request.kind == KIND_CHECK and not request.unique:
            return None  # the running job publishes this very check
        if request.kind == KIND_CHECK and not request.unique and _already_checked(session, key):
            return None  # e.g. check_suite.requested after pull_request.opened for one commit
        job = Job(
            key=key, installation_id=request.installation_id, repository=request.repository,
            sha=request.sha, trigger=request.trigger, kind=request.kind,
            update_issue=request.update_issue, pull_number=request.pull_number,
            base_sha=request.base_sha, priority=request.priority, state="queued", attempts=0,
            check_run_id=request.check_run_id, delivery_guid=delivery_guid,
        )
        session.add(job)
        session.flush()
        return job.id


def _merge(job: Job, request: JobRequest) -> None:
    job.priority = max(job.priority, request.priority)
    job.update_issue = job.update_issue or request.update_issue
    if job.pull_number is None and request.pull_number is not None:
        job.pull_number = request.pull_number
        job.base_sha = request.base_sha


def _already_checked(session, key: str) -> bool:  # type: ignore[no-untyped-def]
    return session.scalars(select(Job.id).where(
        Job.key == key, Job.state == "done", Job.check_run_status == "completed")).first() \
        is not None


def claim(job_id: int, worker_id: str) -> tuple[Claim, Job | None]:
    """Take a queued job and its repository's lock together, or neither."""
    try:
        with session_scope() as session:
            job = session.get(Job, job_id)
            if job is None or job.state != "queued":
                return Claim.GONE, None
            if _installation_inactive(session, job.installation_id):
                job.state, job.finished_at, job.error = "cancelled", utcnow(), \
                    "the installation is suspended or deleted"
                return Claim.GONE, None
            session.add(RepositoryLock(repository_key=lock_key(job.installation_id,
                                                               job.repository),
                                       job_id=job.id, worker_id=worker_id))
            session.flush()
            claimed = session.execute(
                update(Job).where(Job.id == job_id, Job.state == "queued").values(
                    state="running", worker_id=worker_id, attempts=Job.attempts + 1,
                    started_at=utcnow(), error=None)
            ).rowcount
            if claimed != 1:
                session.rollback()
                return Claim.GONE, None
            session.refresh(job)
            return Claim.CLAIMED, job
    except IntegrityError:
        return Claim.LOCKED, None


def _installation_inactive(session, installation_id: int) -> bool:  # type: ignore[no-untyped-def]
    installation = session.get(Installation, installation_id)
    return installation is not None and installation.state != "active"


def release_lock(job_id: int) -> None:
    with session_scope() as session:
        session.execute(delete(RepositoryLock).where(RepositoryLock.job_id == job_id))


def finish(job_id: int, state: str, *, error: str | None = None,
           conclusion: str | None = None) -> None:
    with session_scope() as session:
        values: dict = {"state": state, "finished_at": utcnow(), "error": error}
        if conclusion is not None:
            values["conclusion"] = conclusion
        session.execute(update(Job).where(Job.id == job_id).values(**values))
        session.execute(delete(RepositoryLock).where(RepositoryLock.job_id == job_id))


def requeue(job_id: int, error: str | None) -> None:
    """Back to the queue after a failed attempt (the queue entry is rescheduled by huey)."""
    with session_scope() as session:
        session.execute(update(Job).where(Job.id == job_id).values(
            state="queued", worker_id=None, error=error))
        session.execute(delete(RepositoryLock).where(RepositoryLock.job_id == job_id))


def record_check_run(job_id: int, check_run_id: int, status: str,
                     conclusion: str | None = None) -> None:
    with session_scope() as session:
        values: dict = {"check_run_id": check_run_id, "check_run_status": status}
        if conclusion is not None:
            values["conclusion"] = conclusion
        session.execute(update(Job).where(Job.id == job_id).values(**values))


def get(job_id: int) -> Job | None:
    with session_scope() as session:
        return session.get(Job, job_id)


def cancel_queued(installation_id: int, repository: str | None, reason: str) -> int:
    """Cancel queued jobs of an installation (or of one of its repositories)."""
    with session_scope() as session:
        query = update(Job).where(Job.installation_id == installation_id,
                                  Job.state == "queued")
        if repository is not None:
            query = query.where(Job.repository == repository)
        result = session.execute(query.values(state="cancelled", finished_at=utcnow(),
                                              error=reason))
        return result.rowcount or 0


def rename_repository(installation_id: int, old: str, new: str) -> None:
    with session_scope() as session:
        session.execute(update(Job).where(Job.installation_id == installation_id,
                                          Job.repository == old, Job.state == "queued")
                        .values(repository=new))


def stale_queued(older_than: timedelta, now: datetime | None = None) -> list[tuple[int, int]]:
    """(id, priority) of queued jobs untouched for long: their queue entry may have been lost."""
    cutoff = (now or utcnow()) - older_than
    with session_scope() as session:
        rows = session.execute(select(Job.id, Job.priority).where(
            Job.state == "queued", Job.updated_at < cutoff)).all()
        if rows:
            session.execute(update(Job).where(Job.id.in_([r[0] for r in rows]))
                            .values(updated_at=utcnow()))
        return [(r[0], r[1]) for r in rows]


def set_installation(installation_id: int, account: str | None, state: str) -> None:
    with session_scope() as session:
        row = session.get(Installation, installation_id)
        if row is None:
            session.add(Installation(id=installation_id, account=account, state=state))
        else:
            row.state = state
            row.account = account or row.account


def installation_active(installation_id: int) -> bool:
    with session_scope() as session:
        return not _installation_inactive(session, installation_id)
