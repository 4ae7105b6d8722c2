"""Tables of the GitHub App service: deliveries, installations, jobs, workers, locks, evaluations.

Migrations for these tables are the ``service`` branch in ``database/migrations/versions``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from publiccode_checker.store.database import Base


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Delivery(Base):
    """A webhook delivery we acknowledged; its GUID makes a redelivery a no-op."""

    __tablename__ = "service_deliveries"

    guid: Mapped[str] = mapped_column(String(64), primary_key=True)
    event: Mapped[str] = mapped_column(String(64))
    action: Mapped[str | None] = mapped_column(String(64))
    installation_id: Mapped[int | None] = mapped_column(BigInteger)
    repository: Mapped[str | None] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    #: "received" (not yet routed), "routed", "ignored", "failed"
    state: Mapped[str] = mapped_column(String(16), default="received")
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    routed_at: Mapped[datetime | None] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)


class Installation(Base):
    __tablename__ = "service_installations"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    account: Mapped[str | None] = mapped_column(String(255))
    #: "active", "suspended", "deleted"
    state: Mapped[str] = mapped_column(String(16), default="active")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Job(Base):
    """One evaluation to run: (installation, repository, commit, trigger)."""

    __tablename__ = "service_jobs"
    __table_args__ = (
        Index("ix_service_jobs_key_state", "key", "state"),
        Index("ix_service_jobs_state", "state"),
        Index("ix_service_jobs_repository", "repository"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: Equal keys mean equal work: a second event for a queued key merges into the first job.
    key: Mapped[str] = mapped_column(String(600))
    installation_id: Mapped[int] = mapped_column(BigInteger)
    repository: Mapped[str] = mapped_column(String(255))
    #: None: the head of the default branch, resolved when the job runs.
    sha: Mapped[str | None] = mapped_column(String(64))
    #: "pull_request", "push", "check_suite", "rerequest", "backfill", "schedule", ...
    trigger: Mapped[str] = mapped_column(String(32))
    #: "check" publishes a check run; "scan" evaluates the default branch for the tracking issue.
    kind: Mapped[str] = mapped_column(String(16))
    update_issue: Mapped[bool] = mapped_column(Boolean, default=False)
    pull_number: Mapped[int | None] = mapped_column(Integer)
    base_sha: Mapped[str | None] = mapped_column(String(64))
    priority: Mapped[int] = mapped_column(Integer, default=0)
    #: "queued", "running", "done", "failed", "cancelled", "skipped"
    state: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker_id: Mapped[str | None] = mapped_column(String(255))
    check_run_id: Mapped[int | None] = mapped_column(BigInteger)
    #: State of the check run as we left it: None, "in_progress" or "completed".
    check_run_status: Mapped[str | None] = mapped_column(String(16))
    conclusion: Mapped[str | None] = mapped_column(String(16))
    delivery_guid: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Worker(Base):
    """A running worker process; a stale heartbeat (or a gone pid on this host) means it died."""

    __tablename__ = "service_workers"

    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class RepositoryLock(Base):
    """Held while a job works on a repository, so two events for it never race."""

    __tablename__ = "service_repository_locks"

    repository_key: Mapped[str] = mapped_column(String(300), primary_key=True)
    job_id: Mapped[int] = mapped_column(Integer)
    worker_id: Mapped[str] = mapped_column(String(255))
    acquired_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class TrackingIssueState(Base):
    """What we know of a repository's tracking issue beyond GitHub's own record."""

    __tablename__ = "service_tracking_issues"

    repository: Mapped[str] = mapped_column(String(255), primary_key=True)
    issue_repository: Mapped[str | None] = mapped_column(String(255))
    number: Mapped[int | None] = mapped_column(Integer)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


SERVICE_TABLES = (
    Delivery.__table__, Installation.__table__, Job.__table__, Worker.__table__,
    RepositoryLock.__table__, TrackingIssueState.__table__,
)
