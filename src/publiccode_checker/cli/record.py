"""``check --record``: store the command line's evaluation in the history database.

The database is the one the service uses (``DATABASE_URL``, SQLite by default), so a team can
record runs from their own machines or CI. The repository is named after the checkout's
``origin`` remote (``owner/name``), else ``local/<folder name>``; its visibility is not known
locally, so it stays out of public views until the service learns it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from publiccode_checker.evaluation.model import Evaluation

_REMOTE = re.compile(r"[:/](?P<owner>[^/:]+)/(?P<name>[^/]+?)(?:\.git)?/?$")


def record_cli_evaluation(
    evaluation: Evaluation, path: str | Path, *, repository: str | None = None,
    url: str | None = None,
) -> int:
    """Store ``evaluation`` of the checkout at ``path`` (trigger ``cli``); returns its id."""
    from publiccode_checker.store import database
    from publiccode_checker.store.history.store import record_evaluation

    root = Path(path).resolve()
    database.migrate(url)
    with database.session_scope(url) as session:
        return record_evaluation(
            session, evaluation, repository=repository or repository_name(root),
            ref=_git(root, "symbolic-ref", "-q", "HEAD"), trigger="cli",
        )


def repository_name(root: Path) -> str:
    remote = _git(root, "config", "--get", "remote.origin.url")
    if remote:
        match = _REMOTE.search(remote)
        if match:
            return f"{match['owner']}/{match['name']}"
    return f"local/{root.name or 'root'}"


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                                text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    output = result.stdout.strip()
    return output if result.returncode == 0 and output else None
