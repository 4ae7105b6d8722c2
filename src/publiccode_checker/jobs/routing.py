"""From a webhook event to the work it asks for. Pure: reads the payload, never GitHub.

``accepts`` is the cheap test the web endpoint runs before storing a delivery; ``route`` is what the
worker runs afterwards to turn the stored delivery into actions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from publiccode_checker.jobs.requests import (
    KIND_CHECK,
    KIND_HOW_TO_FIX,
    PRIORITY_BACKFILL,
    PRIORITY_PULL_REQUEST,
    PRIORITY_PUSH,
    PRIORITY_RERUN,
    Action,
    Backfill,
    InstallationChanged,
    JobRequest,
    OrgConfigChanged,
    RepositoryGone,
    RepositoryRenamed,
    TrackingOptOut,
)
from publiccode_checker.publishing.marker import OPT_OUT_LABEL, TRACKING_LABEL, read_marker

#: Events and actions we act on; ``None`` means every action (push has none).
ACCEPTED: dict[str, frozenset[str] | None] = {
    "installation": frozenset({"created", "deleted", "suspend", "unsuspend"}),
    "installation_repositories": frozenset({"added", "removed"}),
    "push": None,
    "pull_request": frozenset({"opened", "synchronize", "reopened", "ready_for_review"}),
    "check_suite": frozenset({"requested", "rerequested"}),
    "check_run": frozenset({"rerequested", "requested_action"}),
    "repository": frozenset({"created", "renamed", "archived", "unarchived", "deleted"}),
    "issues": frozenset({"labeled", "unlabeled"}),
}
#: The "rerun" and "how to fix" buttons on our check runs.
ACTION_RECHECK = "recheck"
ACTION_HOW_TO_FIX = "how_to_fix"
ORG_CONFIG_REPOSITORY = ".github"
_NULL_SHA = "0" * 40

Payload = Mapping[str, Any]


def accepts(event: str, payload: Payload, *, bot_login: str | None = None,
            app_id: str | None = None) -> str | None:
    """None when the delivery is worth storing, else why it is ignored."""
    if event not in ACCEPTED:
        return f"event {event!r} is not used"
    actions = ACCEPTED[event]
    action = payload.get("action")
    if actions is not None and action not in actions:
        return f"{event}.{action} is not used"
    if not isinstance(_get(payload, "installation", "id"), int):
        return "no installation in the payload"
    sender = payload.get("sender")
    if bot_login and isinstance(sender, Mapping) and sender.get("login") == bot_login:
        return "sent by this app"
    if event == "push" and not _is_default_branch_push(payload):
        return "not a push to the default branch"
    if event == "check_run" and app_id and str(_get(payload, "check_run", "app", "id")) != app_id:
        return "a check run of another app"
    if event == "issues" and _get(payload, "label", "name") != OPT_OUT_LABEL:
        return "not the opt-out label"
    return None


def route(event: str, payload: Payload) -> list[Action]:
    """The actions a delivery asks for (none for anything we do not act on)."""
    handler = _HANDLERS.get(event)
    if handler is None:
        return []
    installation_id = _get(payload, "installation", "id")
    if not isinstance(installation_id, int):
        return []
    return handler(installation_id, payload)


def _installation(installation_id: int, payload: Payload) -> list[Action]:
    action = payload.get("action")
    account = _get(payload, "installation", "account", "login")
    if action == "created":
        return [InstallationChanged(installation_id, account, "active"),
                Backfill(installation_id, "installation", PRIORITY_BACKFILL)]
    if action == "unsuspend":
        # Events were not delivered while suspended: catch up on everything.
        return [InstallationChanged(installation_id, account, "active"),
                Backfill(installation_id, "unsuspend", PRIORITY_BACKFILL)]
    if action == "suspend":
        return [InstallationChanged(installation_id, account, "suspended")]
    if action == "deleted":
        return [InstallationChanged(installation_id, account, "deleted")]
    return []


def _installation_repositories(installation_id: int, payload: Payload) -> list[Action]:
    if payload.get("action") == "added":
        names = tuple(r["full_name"] for r in payload.get("repositories_added") or ()
                      if isinstance(r, Mapping) and isinstance(r.get("full_name"), str))
        return [Backfill(installation_id, "repositories_added", PRIORITY_BACKFILL, names)] \
            if names else []
    return [RepositoryGone(installation_id, r["full_name"], "removed from the installation")
            for r in payload.get("repositories_removed") or ()
            if isinstance(r, Mapping) and isinstance(r.get("full_name"), str)]


def _push(installation_id: int, payload: Payload) -> list[Action]:
    if not _is_default_branch_push(payload):
        return []
    full_name = _get(payload, "repository", "full_name")
    sha = payload.get("after")
    if not isinstance(full_name, str) or not isinstance(sha, str):
        return []
    actions: list[Action] = [JobRequest(installation_id, full_name, sha, "push", KIND_CHECK,
                                        PRIORITY_PUSH, update_issue=True)]
    owner, _, name = full_name.partition("/")
    if name == ORG_CONFIG_REPOSITORY:
        actions.append(OrgConfigChanged(installation_id, owner))
    return actions


def _pull_request(installation_id: int, payload: Payload) -> list[Action]:
    full_name = _get(payload, "repository", "full_name")
    head_sha = _get(payload, "pull_request", "head", "sha")
    number = _get(payload, "pull_request", "number") or payload.get("number")
    if not isinstance(full_name, str) or not isinstance(head_sha, str):
        return []
    base_sha = _get(payload, "pull_request", "base", "sha")
    return [JobRequest(installation_id, full_name, head_sha, "pull_request", KIND_CHECK,
                       PRIORITY_PULL_REQUEST,
                       pull_number=number if isinstance(number, int) else None,
                       base_sha=base_sha if isinstance(base_sha, str) else None)]


def _check_suite(installation_id: int, payload: Payload) -> list[Action]:
    full_name = _get(payload, "repository", "full_name")
    head_sha = _get(payload, "check_suite", "head_sha")
    if not isinstance(full_name, str) or not isinstance(head_sha, str):
        return []
    pulls = _get(payload, "check_suite", "pull_requests") or []
    pull = pulls[0] if pulls and isinstance(pulls[0], Mapping) else None
    on_default = (_get(payload, "check_suite", "head_branch")
                  == _get(payload, "repository", "default_branch"))
    rerequested = payload.get("action") == "rerequested"
    if pull is None and not on_default and not rerequested:
        # Checks are published on pull requests and the default branch only.
        return []
    return [JobRequest(
        installation_id, full_name, head_sha, "rerequest" if rerequested else "check_suite",
        KIND_CHECK, PRIORITY_RERUN if rerequested else
        (PRIORITY_PULL_REQUEST if pull else PRIORITY_PUSH),
        pull_number=pull.get("number") if pull else None,
        base_sha=_get(pull, "base", "sha") if pull else None,
        unique=rerequested,
    )]


def _check_run(installation_id: int, payload: Payload) -> list[Action]:
    full_name = _get(payload, "repository", "full_name")
    head_sha = _get(payload, "check_run", "head_sha")
    if not isinstance(full_name, str) or not isinstance(head_sha, str):
        return []
    pulls = _get(payload, "check_run", "pull_requests") or []
    pull = pulls[0] if pulls and isinstance(pulls[0], Mapping) else None
    number = pull.get("number") if pull else None
    base_sha = _get(pull, "base", "sha") if pull else None
    if payload.get("action") == "requested_action":
        identifier = _get(payload, "requested_action", "identifier")
        if identifier == ACTION_HOW_TO_FIX:
            run_id = _get(payload, "check_run", "id")
            return [JobRequest(installation_id, full_name, head_sha, "how_to_fix",
                               KIND_HOW_TO_FIX, PRIORITY_RERUN, pull_number=number,
                               base_sha=base_sha,
                               check_run_id=run_id if isinstance(run_id, int) else None,
                               unique=True)]
        if identifier != ACTION_RECHECK:
            return []
    return [JobRequest(installation_id, full_name, head_sha, "rerequest", KIND_CHECK,
                       PRIORITY_RERUN, pull_number=number, base_sha=base_sha, unique=True)]


def _repository(installation_id: int, payload: Payload) -> list[Action]:
    full_name = _get(payload, "repository", "full_name")
    if not isinstance(full_name, str):
        return []
    action = payload.get("action")
    if action in ("created", "unarchived"):
        return [Backfill(installation_id, f"repository_{action}", PRIORITY_BACKFILL,
                         (full_name,))]
    if action in ("archived", "deleted"):
        return [RepositoryGone(installation_id, full_name, action)]
    if action == "renamed":
        old_name = _get(payload, "changes", "repository", "name", "from")
        owner = full_name.partition("/")[0]
        if isinstance(old_name, str):
            return [RepositoryRenamed(installation_id, f"{owner}/{old_name}", full_name)]
    return []


def _issues(installation_id: int, payload: Payload) -> list[Action]:
    if _get(payload, "label", "name") != OPT_OUT_LABEL:
        return []
    labels = {label.get("name") for label in _get(payload, "issue", "labels") or ()
              if isinstance(label, Mapping)}
    found = read_marker(_get(payload, "issue", "body"))
    issue_repository = _get(payload, "repository", "full_name")
    number = _get(payload, "issue", "number")
    if found is None or TRACKING_LABEL not in labels or not isinstance(number, int) \
            or not isinstance(issue_repository, str):
        return []
    return [TrackingOptOut(found[0], issue_repository, number,
                           opted_out=payload.get("action") == "labeled")]


_HANDLERS = {
    "installation": _installation,
    "installation_repositories": _installation_repositories,
    "push": _push,
    "pull_request": _pull_request,
    "check_suite": _check_suite,
    "check_run": _check_run,
    "repository": _repository,
    "issues": _issues,
}


def _is_default_branch_push(payload: Payload) -> bool:
    branch = _get(payload, "repository", "default_branch")
    return (isinstance(branch, str) and payload.get("ref") == f"refs/heads/{branch}"
            and not payload.get("deleted") and payload.get("after") != _NULL_SHA)


def _get(value: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value
