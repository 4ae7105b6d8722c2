"""Carries out routed actions: records jobs and queues them, updates installation state."""

from __future__ import annotations

import logging
from collections.abc import Iterable

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
from publiccode_checker.publishing import tracking_state

log = logging.getLogger(__name__)


def apply(actions: Iterable[Action], delivery_guid: str | None = None) -> int:
    """Carry out ``actions``; returns how many jobs were queued."""
    from publiccode_checker.jobs import tasks

    queued = 0
    for action in actions:
        if isinstance(action, JobRequest):
            queued += submit(action, delivery_guid)
        elif isinstance(action, Backfill):
            if action.repositories is None:
                tasks.enqueue_backfill(action)
            else:
                queued += scan(action.installation_id, action.repositories, action.trigger,
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
            tasks.enqueue_backfill(Backfill(action.installation_id, "org_config",
                                            PRIORITY_ORG_CONFIG))
        else:  # pragma: no cover - a new action type without a handler is a bug
            log.error("no handler for %r", action)
    return queued


def submit(request: JobRequest, delivery_guid: str | None = None) -> int:
    from publiccode_checker.jobs import tasks

    job_id = store.submit(request, delivery_guid)
    if job_id is None:
        return 0
    tasks.enqueue_job(job_id, request.priority)
    return 1


def scan(installation_id: int, repositories: Iterable[str], trigger: str, priority: int) -> int:
    """Queue a scan of the default branch of each repository (tracking issue and history)."""
    return sum(submit(JobRequest(installation_id, name, None, trigger, KIND_SCAN, priority,
                                 update_issue=True))
               for name in repositories)
