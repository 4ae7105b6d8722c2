"""What routing asks the job layer to do: plain data, decided without touching GitHub."""

from __future__ import annotations

from dataclasses import dataclass

#: Queue priorities: people waiting on a pull request come first, org-wide sweeps last.
PRIORITY_PULL_REQUEST = 100
PRIORITY_RERUN = 90
PRIORITY_PUSH = 50
PRIORITY_ROUTE = 200
PRIORITY_BACKFILL = 10
PRIORITY_ORG_CONFIG = 5
PRIORITY_SCHEDULE = 0

KIND_CHECK = "check"  # publish a check run on the commit
KIND_SCAN = "scan"  # evaluate the default branch head (tracking issue, history)
KIND_HOW_TO_FIX = "how_to_fix"  # add the fix guide to an existing check run


@dataclass(frozen=True)
class JobRequest:
    installation_id: int
    repository: str
    sha: str | None
    trigger: str
    kind: str
    priority: int
    update_issue: bool = False
    pull_number: int | None = None
    base_sha: str | None = None
    check_run_id: int | None = None
    #: Reruns asked for by a person always run, even when the same commit was already checked.
    unique: bool = False

    def key(self, delivery_guid: str | None = None) -> str:
        parts = [str(self.installation_id), self.repository.lower(), self.sha or "HEAD", self.kind]
        if self.unique:
            parts.append(delivery_guid or "once")
        return ":".join(parts)


@dataclass(frozen=True)
class Backfill:
    """Scan repositories of an installation; ``repositories`` None means all of them."""

    installation_id: int
    trigger: str
    priority: int
    repositories: tuple[str, ...] | None = None


@dataclass(frozen=True)
class InstallationChanged:
    installation_id: int
    account: str | None
    state: str  # "active" | "suspended" | "deleted"


@dataclass(frozen=True)
class RepositoryGone:
    """Removed from the installation, archived or deleted: drop its queued work."""

    installation_id: int
    repository: str
    reason: str


@dataclass(frozen=True)
class RepositoryRenamed:
    installation_id: int
    old: str
    new: str


@dataclass(frozen=True)
class TrackingOptOut:
    repository: str
    issue_repository: str
    number: int
    opted_out: bool


@dataclass(frozen=True)
class OrgConfigChanged:
    installation_id: int
    owner: str


Action = (JobRequest | Backfill | InstallationChanged | RepositoryGone | RepositoryRenamed
          | TrackingOptOut | OrgConfigChanged)
