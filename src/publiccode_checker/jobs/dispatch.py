"""Carries out routed actions on the store: records jobs, updates installation state.

It queues nothing itself: it returns the work to queue (``Queued`` jobs and ``Backfill``
requests), which ``tasks`` puts on the queue. So the task bodies can call it without the two
modules importing each other.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from publiccode_checker.jobs import org_config, store
from publiccode_checker.jobs.requests import (
    KIND_SCAN,
    PRIORITY_ORG_CONFIG,
    Action,
    Backfill,
    InstallationChanged,
    JobRequest,
    OrgConfigChanged,
    RepositoryGone,
    RepositoryRenamed,
    TrackingOptOut,
)
from publiccode_checker.store import tracking_state

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Queued:
    """A recorded job, to be put on the queue."""

    job_id: int
    priority: int


Work = Queued | Backfill


def apply(actions: Iterable[Action], delivery_guid: str | None = None) -> list[Work]:
    """Carry out ``actions``; returns the work to queue."""
    work: list[Work] = []
    for action in actions:
        if isinstance(action, JobRequest):
            work += submit(action, delivery_guid)
        elif isinstance(action, Backfill):
            if action.repositories is None:
                work.append(action)
            else:
                work += scan(action.installation_id, action.repositories, action.trigger,
                             action.priority)
        elif isinstance(action, InstallationChanged):
            store.set_installation(action.installation_id, action.account, action.state)
            if action.state != "active":
                store.cancel_queued(action.installation_id, None, f"installation {action.state}")
        elif isinstance(action, RepositoryGone):
            store.cancel_queued(action.installation_id, action.repository, action.reason)
        elif isinstance(action, RepositoryRenamed):
            store.rename_repository(action.installation_id, action.old, action.new)
            tracking_state.rename(action.old, action.new)
        elif isinstance(action, TrackingOptOut):
            tracking_state.set_opt_out(action.repository, action.issue_repository,
                                       action.number, action.opted_out)
        elif isinstance(action, OrgConfigChanged):
            org_config.invalidate(action.installation_id, action.owner)
            # Organisation defaults changed: every repository's verdicts may have changed too.
            work.append(Backfill(action.installation_id, "org_config", PRIORITY_ORG_CONFIG))
        else:  # pragma: no cover - a new action type without a handler is a bug
            log.error("no handler for %r", action)
    return work


def submit(request: JobRequest, delivery_guid: str | None = None) -> list[Work]:
    """Record the job (merged with an equal one still queued); the work to queue, if any."""
    job_id = store.submit(request, delivery_guid)
    return [] if job_id is None else [Queued(job_id, request.priority)]


def scan(installation_id: int, repositories: Iterable[str], trigger: str,
         priority: int) -> list[Work]:
    """A scan of the default branch of each repository (tracking issue and history)."""
    return [work for name in repositories
            for work in submit(JobRequest(installation_id, name, None, trigger, KIND_SCAN,
                                          priority, update_issue=True))]
