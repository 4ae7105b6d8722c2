"""Version control: is the codebase kept in (distributed) version control at all."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from publiccode_checker.checks import (
    Evidence,
    Example,
    Finding,
    Strength,
    check,
    passed,
    unknown,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.snapshots import Commit, GitHistory, Snapshot

_EXAMPLE_DATE = datetime(2026, 3, 2, 10, tzinfo=UTC)
_EXAMPLE_HISTORY = GitHistory(
    head="1" * 40, head_date=_EXAMPLE_DATE,
    commits=(Commit("1" * 40, 1, "Anna Berg", "anna@eastbrook.example.nl", _EXAMPLE_DATE,
                    _EXAMPLE_DATE, "Add the permit application form"),))


def _in_git(snapshot: Snapshot) -> bool | None:
    if snapshot.history is not None or snapshot.facts.known("full_name"):
        return True
    return None


@check(
    id="git-repository",
    title="The codebase is kept in git",
    requirements=["VC-1", "VC-4"],
    strength=Strength.DECISIVE,
    why=(
        "Version control records who changed what and why, so anyone can follow, review and "
        "undo changes; a distributed system such as git lets everyone keep a full copy."
    ),
    how_to_fix=(
        "Put every file of the codebase (code, configuration, documentation, policy) in a git "
        "repository on a public forge and work from there."
    ),
    limitations=(
        "It shows that the code is in git, not that every file of the codebase is: "
        "configuration, policy or documentation kept on a shared drive or in an untracked "
        "file is invisible, so VC-1 passes regardless. A copy without its .git folder (an "
        "exported archive) is unknown even when the project lives in git elsewhere. It never "
        "fails."
    ),
    examples=[
        Example("A git checkout",
                {"README.md": "# Permits\n"}, {"VC-1": "pass", "VC-4": "pass"},
                history=_EXAMPLE_HISTORY),
        Example("A repository read from the forge",
                {"README.md": "# Permits\n"}, {"VC-1": "pass", "VC-4": "pass"},
                facts={"full_name": "eastbrook/permits"}),
        Example("A folder of files without git history",
                {"README.md": "# Permits\n"}, {"VC-1": "unknown", "VC-4": "unknown"}),
    ],
)
def git_repository(context: CheckContext) -> Iterator[Finding]:
    """Passes both requirements when the snapshot comes with git history or was read from a git
    forge (the forge reported the repository's name): the files are in git, which is
    distributed. Without either, for example a folder that is not a git checkout, both are
    unknown; it never fails."""
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
