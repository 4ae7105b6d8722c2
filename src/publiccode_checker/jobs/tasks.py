"""The queue's tasks: route a delivery, run a job, backfill an installation, nightly rescan.

Tasks carry ids only; state lives in the database. Retries back off exponentially; a job that
keeps failing ends with its check run completed as ``neutral`` and the reason, never in progress.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from huey import Huey, crontab
from huey.api import Task, TaskWrapper
from huey.exceptions import RetryTask

from publiccode_checker.jobs import dispatch, store
from publiccode_checker.jobs.github_access import github_app
from publiccode_checker.jobs.queue import get_huey
from publiccode_checker.jobs.requests import (
    PRIORITY_ROUTE,
    PRIORITY_SCHEDULE,
    Action,
    Backfill,
)
from publiccode_checker.jobs.workers import current_worker_id
from publiccode_checker.settings import current_settings

log = logging.getLogger(__name__)

#: Attempts per job across huey retries and reaper restarts.
MAX_ATTEMPTS = 6
LOCK_RETRY_SECONDS = 1.0
DELIVERY_RETENTION = timedelta(days=7)

_wrappers: dict[int, dict[str, TaskWrapper]] = {}


def register(huey: Huey) -> dict[str, TaskWrapper]:
    """Register every task on ``huey`` (once per instance)."""
    if id(huey) in _wrappers:
        return _wrappers[id(huey)]
    wrappers = {
        "route_deliveries": huey.task(retries=5, retry_delay=2, retry_backoff=2,
                                      name="route_deliveries")(route_deliveries),
        "run_job": huey.task(retries=MAX_ATTEMPTS - 1, retry_delay=3, retry_backoff=2,
                             context=True, name="run_job")(run_job),
        "backfill": huey.task(retries=5, retry_delay=10, retry_backoff=2,
                              name="backfill")(backfill),
        "nightly_rescan": huey.periodic_task(crontab(hour="2", minute="30"), retries=3,
                                             retry_delay=60,
                                             name="nightly_rescan")(nightly_rescan),
        "prune": huey.periodic_task(crontab(hour="4", minute="15"), name="prune")(prune),
    }
    _wrappers[id(huey)] = wrappers
    return wrappers


def _task(name: str) -> TaskWrapper:
    return register(get_huey())[name]


def enqueue_routes(guids: list[str]) -> None:
    """One queue entry routes a whole batch of stored deliveries."""
    wrapper = _task("route_deliveries")
    wrapper.huey.enqueue(wrapper.s(list(guids), priority=PRIORITY_ROUTE))


def enqueue_route(guid: str) -> None:
    enqueue_routes([guid])


def enqueue_job(job_id: int, priority: int) -> None:
    wrapper = _task("run_job")
    wrapper.huey.enqueue(wrapper.s(job_id, priority=priority))


def enqueue_backfill(request: Backfill) -> None:
    wrapper = _task("backfill")
    repositories = list(request.repositories) if request.repositories is not None else None
    wrapper.huey.enqueue(wrapper.s(request.installation_id, request.trigger, request.priority,
                                   repositories, priority=request.priority))


def enqueue_work(work: Iterable[dispatch.Work]) -> int:
    """Queue what ``dispatch`` recorded; returns how many jobs were queued."""
    jobs = 0
    for item in work:
        if isinstance(item, dispatch.Queued):
            enqueue_job(item.job_id, item.priority)
            jobs += 1
        else:
            enqueue_backfill(item)
    return jobs


def apply(actions: Iterable[Action], delivery_guid: str | None = None) -> int:
    """Carry out routed actions and queue the work they make; returns how many jobs were queued."""
    return enqueue_work(dispatch.apply(actions, delivery_guid))


def worker_huey() -> Huey:
    """The process's queue with every task registered: what a worker consumes."""
    huey = get_huey()
    register(huey)
    return huey


# -- the tasks ------------------------------------------------------------------------------------

def route_deliveries(guids: list[str]) -> None:
    failed: Exception | None = None
    for guid in guids:
        try:
            route_delivery(guid)
        except Exception as exc:  # route the rest; the retry skips the ones already routed
            log.exception("routing delivery %s failed", guid)
            failed = exc
    if failed is not None:
        raise failed


def route_delivery(guid: str) -> None:
    from publiccode_checker.jobs.routing import route
    from publiccode_checker.store import deliveries

    delivery = deliveries.load(guid)
    if delivery is None or delivery.state != "received":
        return
    try:
        payload = json.loads(delivery.body)
    except ValueError:
        deliveries.mark(guid, "failed", "not JSON")
        return
    bot = current_settings().bot_login or _bot_login()
    sender = payload.get("sender") if isinstance(payload, dict) else None
    if bot and isinstance(sender, dict) and sender.get("login") == bot:
        deliveries.mark(guid, "ignored", "sent by this app")
        return
    actions = route(delivery.event, payload)
    apply(actions, guid)
    deliveries.mark(guid, "routed" if actions else "ignored")


def _bot_login() -> str | None:
    try:
        return github_app().bot_login
    except Exception:  # unknown until GitHub answers; routing must not wait for it
        log.warning("could not learn the app's bot login", exc_info=True)
        return None


def run_job(job_id: int, task: Task | None = None) -> None:
    from publiccode_checker.forge.github import GitHubError, RateLimited, TransientError
    from publiccode_checker.jobs import pipeline

    claim, job = store.claim(job_id, current_worker_id())
    if claim is store.Claim.LOCKED:
        # Another job works on this repository; come back shortly (does not use up retries).
        raise RetryTask(delay=LOCK_RETRY_SECONDS)
    if job is None:
        return
    final = task is None or task.retries == 0 or job.attempts >= MAX_ATTEMPTS
    try:
        outcome = pipeline.execute(job, app=github_app(), settings=current_settings())
    except RateLimited as exc:
        if job.attempts >= MAX_ATTEMPTS * 2:
            give_up(job_id, f"GitHub's rate limit held for too long ({exc.message}).")
            return
        store.requeue(job_id, f"rate limited until {exc.retry_at.isoformat()}")
        eta = exc.retry_at.astimezone(UTC).replace(tzinfo=None)
        raise RetryTask(eta=max(eta, datetime.now(UTC).replace(tzinfo=None))) from exc
    except Exception as exc:
        permanent = (isinstance(exc, GitHubError) and not isinstance(exc, TransientError)
                     and 400 <= exc.status < 500)
        if final or permanent:
            log.warning("job %s gave up: %s", job_id, _describe(exc))
            give_up(job_id, f"The check failed: {_describe(exc)}")
            return
        store.requeue(job_id, _describe(exc))
        raise
    store.finish(job_id, outcome.state, conclusion=outcome.conclusion, error=outcome.note)


def give_up(job_id: int, reason: str) -> None:
    """End a job for good; its check run, if one is open, is completed as neutral with why."""
    from publiccode_checker.publishing import check_runs

    job = store.get(job_id)
    if job is not None and job.check_run_id and job.check_run_status == "in_progress":
        try:
            client = github_app().installation(job.installation_id)
            check_runs.complete_neutral(client, job.repository, job.check_run_id, reason)
            store.record_check_run(job_id, job.check_run_id, "completed", "neutral")
        except Exception:
            # Left in progress: the reaper tries again; the job stays failed either way.
            log.exception("could not complete check run of job %s", job_id)
    store.finish(job_id, "failed", error=reason)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


def backfill(installation_id: int, trigger: str, priority: int,
             repositories: list[str] | None = None) -> int:
    """Scan the repositories of an installation (all of them when none are named)."""
    if not store.installation_active(installation_id):
        return 0
    if repositories is None:
        client = github_app().installation(installation_id)
        repositories = [r["full_name"] for r in client.list_repositories()
                        if not r.get("archived") and not r.get("disabled")]
    return enqueue_work(dispatch.scan(installation_id, repositories, trigger, priority))


def nightly_rescan() -> int:
    """Scan every repository of every installation, behind all other work."""
    count = 0
    for installation in github_app().list_installations():
        if installation.get("suspended_at"):
            continue
        store.set_installation(int(installation["id"]),
                               (installation.get("account") or {}).get("login"), "active")
        enqueue_backfill(Backfill(int(installation["id"]), "schedule", PRIORITY_SCHEDULE))
        count += 1
    return count


def prune() -> Any:
    from publiccode_checker.store import deliveries

    return deliveries.prune(DELIVERY_RETENTION)
