"""Version control: is the codebase kept in (distributed) version control at all."""

from __future__ import annotations

from collections.abc import Iterator

from publiccode_checker.checks import Evidence, Finding, check, passed, unknown
from publiccode_checker.context import CheckContext
from publiccode_checker.snapshots import Snapshot


def _in_git(snapshot: Snapshot) -> bool | None:
    if snapshot.history is not None or snapshot.facts.known("full_name"):
        return True
    return None


@check(
    id="git-repository",
    title="The codebase is kept in git",
    requirements=["VC-1", "VC-4"],
    why=(
        "Version control records who changed what and why, so anyone can follow, review and "
        "undo changes; a distributed system such as git lets everyone keep a full copy."
    ),
    how_to_fix=(
        "Put every file of the codebase (code, configuration, documentation, policy) in a git "
        "repository on a public forge and work from there."
    ),
)
def git_repository(context: CheckContext) -> Iterator[Finding]:
    snapshot = context.snapshot
    in_git = _in_git(snapshot)
    if in_git:
        where = Evidence("git history is present" if snapshot.history is not None
                         else "the repository is hosted on a git forge")
        yield passed("VC-1", "The codebase is in git.", where)
        yield passed("VC-4", "git is a distributed version control system.", where)
    else:
        reason = Evidence("This directory is not a git checkout, so history could not be read.")
        yield unknown("VC-1", "Could not tell whether the files are version controlled.", reason)
        yield unknown("VC-4", "Could not tell which version control system is used.", reason)
