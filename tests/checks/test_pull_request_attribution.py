"""Commits brought in by a pull-request merge count as reviewed contributions and linked work."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from publiccode_checker.evidence.history import history_evidence
from publiccode_checker.snapshots.local import LocalSnapshot


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@kommune.dk",
           "GIT_COMMITTER_NAME": "Ada", "GIT_COMMITTER_EMAIL": "ada@kommune.dk"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def commit(root: Path, name: str, message: str) -> None:
    (root / name).write_text(message)
    git(root, "add", name)
    git(root, "commit", "-q", "-m", message)


def test_merge_brings_in_its_branch_commits_only(tmp_path: Path):
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "a", "Set up the project skeleton")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    commit(tmp_path, "b", "Add the permit form")
    commit(tmp_path, "c", "Validate permit numbers")
    git(tmp_path, "checkout", "-q", "main")
    git(tmp_path, "merge", "-q", "--no-ff", "feature", "-m", "Merge pull request #2 from x/feature")
    commit(tmp_path, "d", "Tweak the footer text directly")

    history = history_evidence(LocalSnapshot(tmp_path))
    assert history is not None and history.parents_known
    via = {c.subject for c in history.commits if history.via_pull_request(c)}
    assert via == {"Add the permit form", "Validate permit numbers"}
    signed = {c.signed for c in history.commits}
    assert signed == {False}
