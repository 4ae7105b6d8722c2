"""What a check is given: one read-only object with everything it may look at.

A check is a pure function of its context: the snapshot (files, history and forge facts), the
configuration in force (the organisation's merged with the repository's, as the engine resolved
it) and the time of the evaluation. No check reads the configuration file itself, so an answer
given in the organisation's file counts exactly like the same line in the repository's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from publiccode_checker.repo_config.loader import load_repo_config
from publiccode_checker.repo_config.model import RepoConfig
from publiccode_checker.snapshots import Snapshot


@dataclass(frozen=True)
class CheckContext:
    snapshot: Snapshot
    #: The merged configuration: organisation first, the repository's over it.
    config: RepoConfig
    #: When the evaluation runs (UTC). Time windows in the repository's history are measured
    #: from the evaluated commit; this is for what only makes sense "now".
    evaluated_at: datetime

    @classmethod
    def for_snapshot(
        cls,
        snapshot: Snapshot,
        *,
        config: RepoConfig | None = None,
        org_config: RepoConfig | None = None,
        evaluated_at: datetime | None = None,
    ) -> CheckContext:
        """The context the engine builds: the repository's own file unless ``config`` is given,
        merged over ``org_config`` when there is one."""
        if config is None:
            config = load_repo_config(snapshot)
        if org_config is not None:
            config = config.merged_over(org_config)
        return cls(snapshot, config, evaluated_at or datetime.now(UTC))

    def setting(self, key: str, default: object = None) -> object:
        """A setting of the merged configuration outside the comply-or-explain keys."""
        return self.config.extra.get(key, default)
