"""Code in the open: the repository is public, holds source code, and work happens in it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

from publiccode_checker.checks import (
    Evidence,
    Example,
    Finding,
    Strength,
    check,
    failed,
    needs_person,
    passed,
    unknown,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.files import inventory
from publiccode_checker.evidence.history import history_at
from publiccode_checker.snapshots import Commit, GitHistory, Snapshot, Tag

MAX_GITMODULES_BYTES = 64 * 1024
_SUBMODULE_URL = re.compile(r"^\s*url\s*=\s*(\S+)", re.MULTILINE)
_DEFAULT_BRANCHES = frozenset({"main", "master", "HEAD"})

_SOURCE_EXAMPLE = {"src/permits.py": "FEE = 25\n", "README.md": "# Permits\n"}
_EXAMPLE_DATE = datetime(2026, 3, 2, tzinfo=UTC)
_EXAMPLE_COMMIT = Commit("a" * 40, 1, "Ann Example", "ann@example-city.eu", _EXAMPLE_DATE,
                         _EXAMPLE_DATE, "Let residents renew a permit online")


def _example_history(*tags: str) -> GitHistory:
    return GitHistory(head="a" * 40, head_date=_EXAMPLE_DATE, commits=(_EXAMPLE_COMMIT,),
                      tags=tuple(Tag(name, "a" * 40, _EXAMPLE_DATE) for name in tags),
                      branches=("main", "origin/main"))


def submodule_urls(snapshot: Snapshot) -> list[tuple[str, int]]:
    text = snapshot.read_text(".gitmodules", MAX_GITMODULES_BYTES) or ""
    return [(m.group(1), text.count("\n", 0, m.start()) + 1)
            for m in _SUBMODULE_URL.finditer(text)]


@check(
    id="published-source",
    title="The source code is published and publicly reachable",
    requirements=["CO-1"],
    strength=Strength.DECISIVE,
    why=(
        "Only code that anyone can open without an account can be reviewed, reused and "
        "trusted by the public it serves."
    ),
    how_to_fix=(
        "Make the repository public on a forge, keep the source code of the software in it, and "
        "make sure every submodule or other component it needs is public too."
    ),
    limitations=(
        "Whether the repository is public is a forge fact: a local checkout or an offline run "
        "gives unknown at best. One file with a programming-language extension is enough, so a "
        "public mirror holding a few scripts of software developed elsewhere passes, while a "
        "project made only of HTML, CSS, templates or configuration warns. Submodule addresses "
        "are listed for a person but never opened, and components fetched from private package "
        "registries are not seen at all."
    ),
    examples=[
        Example("A public repository with source code",
                _SOURCE_EXAMPLE,
                {"CO-1": "pass"},
                facts={"visibility": "public", "disabled": False}),
        Example("A public repository with a submodule hosted elsewhere",
                {**_SOURCE_EXAMPLE,
                 ".gitmodules": '[submodule "forms"]\n\tpath = forms\n'
                                "\turl = https://git.example-city.eu/permits/forms.git\n"},
                {"CO-1": "manual"},
                facts={"visibility": "public"}),
        Example("A private repository",
                _SOURCE_EXAMPLE,
                {"CO-1": "fail"},
                facts={"visibility": "private"}),
        Example("A local checkout, so visibility is not known",
                _SOURCE_EXAMPLE,
                {"CO-1": "unknown"}),
    ],
)
def published_source(context: CheckContext) -> Iterator[Finding]:
    """Counts source files (programming-language extensions, outside vendored folders) and
    reads the forge's visibility and disabled flags and the submodule URLs in .gitmodules. It
    fails when the repository is private, internal or disabled; warns when there are no source
    files; says unknown when visibility was not gathered; asks a person (manual) to confirm that
    submodules are public too; and passes when a public repository holds source code."""
    snapshot = context.snapshot
    facts = snapshot.facts
    sources = inventory(snapshot).source_files
    evidence = [Evidence(f"{len(sources)} source files in the tree")]
    if facts.known("visibility"):
        evidence.insert(0, Evidence(f"repository visibility: {facts.visibility}"))
    submodules = submodule_urls(snapshot)
    to_confirm = [Evidence(f"submodule {url}: confirm it opens without logging in", ".gitmodules",
                           line) for url, line in submodules]
    if facts.known("visibility") and facts.visibility != "public":
        yield failed("CO-1", f"The repository is {facts.visibility}, not public.", *evidence)
    elif facts.known("disabled") and facts.disabled:
        yield failed("CO-1", "The repository is disabled on the forge.", *evidence)
    elif not sources:
        yield warned("CO-1", "No source code files were found in the repository.", *evidence,
                     *to_confirm)
    elif not facts.known("visibility"):
        yield unknown("CO-1", "Source code is present; whether the repository is public was not "
                      "read from the forge.", *evidence, *to_confirm)
    elif to_confirm:
        yield needs_person("CO-1", f"The repository is public, but {len(to_confirm)} submodules "
                           "point elsewhere; confirm they are public too.", *evidence,
                           *to_confirm)
    else:
        yield passed("CO-1", "The repository is public and holds the source code.", *evidence)


@check(
    id="work-in-the-open",
    title="New and old versions are published, not only the one in use",
    requirements=["CO-4"],
    strength=Strength.DECISIVE,
    why=(
        "Publishing work in progress and earlier releases lets others follow, test and reuse "
        "any version, not just the one currently deployed."
    ),
    how_to_fix=(
        "Develop in the public repository (branches and pull requests) and tag every release so "
        "earlier versions stay available."
    ),
    limitations=(
        "It counts versions and branches, not how the work is done: two old tags pass although "
        "development may have moved to a closed repository since, and code dropped in from an "
        "internal system in tagged batches passes too. A project that works in the open on its "
        "default branch with a single release and no open pull requests warns. A local "
        "checkout may lack remote branches, and without git history or forge facts the "
        "result is unknown."
    ),
    examples=[
        Example("Two tagged versions in the history",
                _SOURCE_EXAMPLE,
                {"CO-4": "pass"},
                history=_example_history("v1.1.0", "v1.0.0")),
        Example("Open pull requests on the forge",
                _SOURCE_EXAMPLE,
                {"CO-4": "pass"},
                facts={"open_pull_requests": 3}),
        Example("One tag, only the main branch",
                _SOURCE_EXAMPLE,
                {"CO-4": "warn"},
                history=_example_history("v1.0.0")),
        Example("No git history and no forge facts",
                _SOURCE_EXAMPLE,
                {"CO-4": "unknown"}),
    ],
)
def work_in_the_open(context: CheckContext) -> Iterator[Finding]:
    """Reads version tags and branches from the git history and the number of releases and
    open pull requests from the forge. Passes when there are two or more tagged versions or
    releases, a branch other than the default one (main, master or the forge's default), or
    open pull requests. It says unknown when there is neither history nor forge data, or when
    the clone is shallow and releases were not gathered, and warns otherwise."""
    snapshot = context.snapshot
    facts = snapshot.facts
    history = history_at(snapshot, context.evaluated_at)
    releases = len(facts.releases or ()) if facts.known("releases") else None
    open_prs = _count(facts.open_pull_requests) if facts.known("open_pull_requests") else None
    if history is None and releases is None and open_prs is None:
        yield unknown("CO-4", "No git history or forge data available.")
        return
    tags = len(history.version_tags) if history else 0
    versions = max(tags, releases or 0)
    branches = _other_branches(history.branches if history else (), facts)
    evidence = [Evidence(f"{tags} version tags"
                         + (f", {releases} releases" if releases is not None else "")
                         + f", {len(branches)} other branches"
                         + (f", {open_prs} open pull requests" if open_prs is not None else ""))]
    if branches:
        evidence.append(Evidence("other branches: " + ", ".join(branches[:5])))
    if versions >= 2 or branches or open_prs:
        yield passed("CO-4", "Other versions than the current one are published.", *evidence)
    elif history is not None and history.truncated and releases is None:
        yield unknown("CO-4", "The clone is shallow, so tags and branches may be missing.",
                      *evidence)
    else:
        yield warned("CO-4", "Only the current version is visible: fewer than two tagged "
                     "versions, no other branches and no open pull requests.", *evidence)


def _count(value: object) -> int:
    if isinstance(value, int):
        return value
    try:
        return len(value)  # type: ignore[arg-type]
    except TypeError:
        return 0


def _other_branches(branches: tuple[str, ...], facts: object) -> list[str]:
    default = getattr(facts, "default_branch", None)
    defaults = set(_DEFAULT_BRANCHES)
    if isinstance(default, str):
        defaults.add(default)
    others = []
    for branch in branches:
        name = branch.split("/", 1)[1] if branch.startswith(("origin/", "upstream/")) else branch
        if name not in defaults and name not in others:
            others.append(name)
    return others
