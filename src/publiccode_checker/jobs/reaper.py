"""Finds work a dead worker left behind and finishes it.

Runs when a worker starts and every few heartbeats. A job left ``running`` by a dead worker is run
again (its check run is reused) until it has used its attempts; then its check run is completed as
``neutral`` with the reason. Deliveries and queued jobs whose queue entry was lost are queued again;
claiming is atomic, so a duplicate entry finds nothing left to do.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from publiccode_checker.jobs import store, workers
from publiccode_checker.store.database import session_scope
from publiccode_checker.store.database.service_models import Job, RepositoryLock, utcnow

log = logging.getLogger(__name__)

UNROUTED_AFTER = timedelta(seconds=60)
QUEUED_UNTOUCHED_AFTER = timedelta(minutes=10)


@dataclass
class Reaped:
    rerun: list[int] = field(default_factory=list)
    abandoned: list[int] = field(default_factory=list)
    deliveries: list[str] = field(default_factory=list)
    requeued: list[int] = field(default_factory=list)


def reap(now: datetime | None = None) -> Reaped:
    from publiccode_checker.jobs import tasks
    from publiccode_checker.store import deliveries

    now = now or utcnow()
    report = Reaped()
    alive, dead = workers.classify(now)
    # A worker unknown to the registry may be registering right now: give it time.
    unknown_cutoff = now - workers.STALE_AFTER
    with session_scope() as session:
        orphans = [job for job in session.scalars(select(Job).where(Job.state == "running"))
                   if job.worker_id in dead or (job.worker_id not in alive and
                                                (job.started_at or now) < unknown_cutoff)]
        held = [lock for lock in session.scalars(select(RepositoryLock))
                if lock.worker_id in dead or (lock.worker_id not in alive
                                              and lock.acquired_at < unknown_cutoff)]
        if held:
            session.execute(delete(RepositoryLock).where(
                RepositoryLock.repository_key.in_([lock.repository_key for lock in held])))
    for job in orphans:
        reason = "The worker running this check stopped before it finished."
        if job.attempts < tasks.MAX_ATTEMPTS:
            store.requeue(job.id, reason)
            tasks.enqueue_job(job.id, job.priority)
            report.rerun.append(job.id)
        else:
            tasks.give_up(job.id, reason)
            report.abandoned.append(job.id)
    workers.forget(dead)
    finish_abandoned_check_runs()
    for guid in deliveries.unrouted(UNROUTED_AFTER, now):
        tasks.enqueue_route(guid)
        report.deliveries.append(guid)
    for job_id, priority in store.stale_queued(QUEUED_UNTOUCHED_AFTER, now):
        tasks.enqueue_job(job_id, priority)
        report.requeued.append(job_id)
    if report.rerun or report.abandoned:
        log.warning("reaper: re-running jobs %s, abandoned %s", report.rerun, report.abandoned)
    return report


def finish_abandoned_check_runs() -> int:
    """Complete check runs of failed jobs that could not be completed at the time."""
    from publiccode_checker.jobs import tasks

    with session_scope() as session:
        stuck = list(session.scalars(select(Job.id).where(
            Job.state == "failed", Job.check_run_status == "in_progress")))
    for job_id in stuck:
        tasks.give_up(job_id, "The check could not be completed.")
    return len(stuck)


def release_worker(worker_id: str) -> list[int]:
    """Hand the jobs of a stopping worker back to the queue (a graceful stop, not a crash)."""
    from publiccode_checker.jobs import tasks

    with session_scope() as session:
        mine = list(session.execute(select(Job.id, Job.priority).where(
            Job.state == "running", Job.worker_id == worker_id)).all())
    for job_id, priority in mine:
        store.requeue(job_id, "the worker stopped; queued again")
        tasks.enqueue_job(job_id, priority)
    return [job_id for job_id, _ in mine]
