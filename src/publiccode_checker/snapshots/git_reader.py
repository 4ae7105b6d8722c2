"""Reads what the rules need from a git checkout, through git itself."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

from publiccode_checker.snapshots.model import Commit, GitHistory, Tag

_FIELD = "\x1f"
_RECORD = "\x1e"
_LOG_FORMAT = _FIELD.join(["%H", "%P", "%an", "%ae", "%aI", "%cI", "%G?", "%s", "%b"]) + _RECORD
# Only whether a commit carries a signature matters here, not whether it verifies: pointing the
# verifier at `true` answers that without running gpg once per signed commit.
_NO_VERIFY = ("-c", "gpg.program=true", "-c", "gpg.ssh.program=true", "-c", "gpg.x509.program=true")


def _git(root: Path, *args: str, timeout: float = 30) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True, timeout=timeout, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.decode("utf-8", errors="replace")


def tracked_and_untracked_files(root: Path) -> list[str]:
    """Tracked files plus untracked ones git does not ignore: what the author would commit."""
    out = _git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    if out is None:
        return []
    seen: dict[str, None] = {}
    for path in out.split("\0"):
        if path:
            seen.setdefault(path, None)
    return list(seen)


def _date(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def read_history(root: Path, *, limit: int = 1000) -> GitHistory | None:
    head = _git(root, "rev-parse", "HEAD")
    if head is None:
        # A repository with no commits yet: files exist, history does not.
        return GitHistory(head="", head_date=None, commits=())
    commits = []
    log = _git(root, *_NO_VERIFY, "log", f"-n{limit}", f"--format={_LOG_FORMAT}", "HEAD") or ""
    for record in log.split(_RECORD):
        parts = record.strip("\n").split(_FIELD)
        if len(parts) != 9:
            continue
        sha, parents, name, email, authored, committed, signature, subject, body = parts
        authored_at, committed_at = _date(authored), _date(committed)
        if authored_at is None or committed_at is None:
            continue
        commits.append(
            Commit(
                sha=sha, parents=len(parents.split()), author_name=name, author_email=email,
                authored_at=authored_at, committed_at=committed_at, subject=subject,
                body=body.strip(), signed=signature.strip() not in ("N", ""),
                parent_shas=tuple(parents.split()),
            )
        )
    shallow = (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    return GitHistory(
        head=head.strip(),
        head_date=commits[0].committed_at if commits else None,
        commits=tuple(commits),
        tags=_tags(root),
        branches=_branches(root),
        truncated=shallow or len(commits) >= limit,
        remote_url=(_git(root, "config", "--get", "remote.origin.url") or "").strip() or None,
    )


def _tags(root: Path) -> tuple[Tag, ...]:
    fmt = _FIELD.join(
        ["%(refname:short)", "%(objectname)", "%(*objectname)", "%(creatordate:iso-strict)"]
    )
    out = _git(root, "for-each-ref", "--sort=-creatordate", f"--format={fmt}", "refs/tags") or ""
    tags = []
    for line in out.splitlines():
        parts = line.split(_FIELD)
        if len(parts) != 4:
            continue
        name, obj, peeled, date = parts
        tags.append(Tag(name=name, sha=peeled or obj, date=_date(date) if date else None))
    return tuple(tags)


def _branches(root: Path) -> tuple[str, ...]:
    refs = ("refs/heads", "refs/remotes")
    out = _git(root, "for-each-ref", "--format=%(refname:short)", *refs) or ""
    return tuple(b for b in out.splitlines() if b and not b.endswith("/HEAD"))


def file_change_dates(root: Path, path: str, *, limit: int = 200) -> tuple[datetime, ...] | None:
    """Commit dates of the commits that changed ``path`` (following renames), newest first."""
    out = _git(root, "log", f"-n{limit}", "--follow", "--format=%cI", "--", path)
    if out is None:
        return None
    dates = [_date(line) for line in out.splitlines() if line.strip()]
    return tuple(d for d in dates if d is not None)
