"""Commit history: messages that explain decisions and link discussions, tags, collaboration."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from publiccode_checker.checks import (
    Evidence,
    Example,
    Finding,
    Strength,
    check,
    failed,
    info,
    passed,
    unknown,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.history import (
    HistoryEvidence,
    aware,
    core_subject,
    history_at,
    is_informative,
    is_pull_request_merge,
    link_kind,
)
from publiccode_checker.snapshots import Commit, GitHistory, Release, Snapshot, Tag

#: Fewer commits than this in a cut-short history say nothing about habits.
MIN_SAMPLE = 10
_ADR_DIR = re.compile(r"(?:^|/)(?:adrs?|decisions|architecture[-_ ]decisions?(?:[-_ ]records)?)/",
                      re.IGNORECASE)
_SIGNED_OFF = re.compile(r"^Signed-off-by:", re.MULTILINE | re.IGNORECASE)
_NOREPLY = re.compile(r"noreply|no-reply|localhost|\.local$|\(none\)", re.IGNORECASE)
NO_HISTORY = "No git history available, so commits could not be read."


def _short(commit: Commit) -> str:
    subject = commit.subject if len(commit.subject) <= 72 else commit.subject[:71] + "…"
    return f"{commit.sha[:7]} {subject!r}"


def _thin_sample(history: HistoryEvidence, sample: tuple[Commit, ...]) -> bool:
    return history.truncated and len(sample) < MIN_SAMPLE


# -- example histories for the reference pages --------------------------------------------------
_EXAMPLE_HEAD = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _example_commit(number: int, subject: str, *, days: int = 0,
                    email: str = "ann@example-town.eu", name: str = "Ann",
                    body: str = "", signed: bool | None = None) -> Commit:
    when = _EXAMPLE_HEAD - timedelta(days=days)
    return Commit(f"{number:040x}", 1, name, email, when, when, subject, body, signed)


def _example_history(*commits: Commit, tags: tuple[Tag, ...] = ()) -> GitHistory:
    return GitHistory(head=commits[0].sha, head_date=_EXAMPLE_HEAD, commits=commits, tags=tags)


_GOOD_HISTORY = _example_history(
    _example_commit(3, "Check the plate number before saving a permit (#41)"),
    _example_commit(2, "Send the permit by mail once it is approved (#38)", days=3),
    _example_commit(1, "Show the zone map on the application form (#35)", days=6),
)
_TERSE_HISTORY = _example_history(
    _example_commit(3, "fix"),
    _example_commit(2, "wip", days=1),
    _example_commit(1, "Update README.md", days=2),
)


@check(
    id="commit-messages",
    title="Commit messages explain changes and link to their discussion",
    requirements=["VC-2", "VC-3"],
    strength=Strength.DECISIVE,
    why=(
        "The history is where people later look for why something changed; messages that say "
        "what and why, with a link to the issue or pull request, keep that reasoning findable."
    ),
    how_to_fix=(
        "Write a subject that says what changed in a few words and a body that says why, and "
        "refer to the issue or pull request (`#123` or its URL); merge pull requests so their "
        "number ends up in the history."
    ),
    limitations=(
        "VC-2 asks for the decision behind a change, but only the subject line is judged: "
        "'Change the colour of the button' passes though it records no reason, and a terse "
        "subject over a detailed body counts as uninformative. Any `#123` counts as a link, "
        "whatever it points to, and ticket keys only warn because the tracker may be private. "
        "Without git history (an API-only run) or with a shallow clone both verdicts are "
        "unknown."
    ),
    examples=[
        Example("Subjects that say what changed, with pull request numbers",
                {"README.md": "# Permits\n"}, {"VC-2": "pass", "VC-3": "pass"},
                history=_GOOD_HISTORY),
        Example("Terse subjects without references",
                {"README.md": "# Permits\n"}, {"VC-2": "warn", "VC-3": "fail"},
                history=_TERSE_HISTORY),
        Example("Subjects that cite keys of an internal tracker",
                {"README.md": "# Permits\n"}, {"VC-2": "pass", "VC-3": "warn"},
                history=_example_history(
                    _example_commit(2, "PERM-12 Check the plate number before saving"),
                    _example_commit(1, "PERM-9 Send the permit by mail once approved", days=2),
                )),
        Example("No git history was read", {"README.md": "# Permits\n"},
                {"VC-2": "unknown", "VC-3": "unknown"}),
    ],
)
def commit_messages(context: CheckContext) -> Iterator[Finding]:
    """Reads the last 100 non-merge commits by people (bots left out) from the git history.
    VC-2 passes when 80 % of their subjects say what changed (three words or more, not a stock
    phrase such as "fix" or "Update README.md") and warns below that; it never fails. VC-3
    counts commits that refer to an issue or pull request (`#12`, `GH-12`, `!12`, a URL), a
    tracker ticket (`PERM-12`), or came in through a pull request (a `(#12)` squash suffix, or
    brought in by a pull request merge): 80 % passes (warns when most are ticket keys), 50 %
    warns, less fails, or warns when pull request merges might account for the rest. Both are
    unknown without history, without commits by people, or when a shallow clone gave fewer
    than 10 commits."""
    snapshot = context.snapshot
    history = history_at(snapshot, context.evaluated_at)
    if history is None:
        yield unknown("VC-2", NO_HISTORY)
        yield unknown("VC-3", NO_HISTORY)
        return
    sample = history.sample()
    if not sample:
        message = "No commits by people (other than merges) to judge."
        yield unknown("VC-2", message)
        yield unknown("VC-3", message)
        return
    if _thin_sample(history, sample):
        message = (f"Only {len(sample)} commits were read (shallow clone); fetch the full "
                   "history to judge commit messages.")
        yield unknown("VC-2", message)
        yield unknown("VC-3", message)
        return
    yield _decisions(snapshot, sample)
    yield _links(history, sample)


def _decisions(snapshot: Snapshot, sample: tuple[Commit, ...]) -> Finding:
    weak = [c for c in sample if not is_informative(c)]
    share = 1 - len(weak) / len(sample)
    with_body = sum(1 for c in sample if c.body.strip())
    evidence = [Evidence(f"{len(sample) - len(weak)} of the last {len(sample)} commits by people "
                         f"have an informative subject; {with_body} have a body")]
    adr = next((p for p in snapshot.paths if _ADR_DIR.search(p)), None)
    if adr:
        evidence.append(Evidence("architecture decision records are kept", adr, 1))
    # The least informative first: the shortest core subjects.
    weak.sort(key=lambda c: len(core_subject(c.subject)))
    examples = [Evidence(f"uninformative: {_short(c)}") for c in weak[:5]]
    if share >= 0.8:
        # Whether a subject records the decision is judged from its wording: a heuristic.
        return passed("VC-2", f"{share:.0%} of recent commit subjects describe the change.",
                      *evidence, strength=Strength.WEAK)
    if share >= 0.5:
        return warned("VC-2", f"Only {share:.0%} of recent commit subjects describe the change.",
                      *evidence, *examples)
    return warned("VC-2", f"Most recent commit subjects ({1 - share:.0%}) do not describe the "
                  "change; a person should look at the history.", *evidence, *examples)


def _links(history: HistoryEvidence, sample: tuple[Commit, ...]) -> Finding:
    kinds = [link_kind(c) or ("pull request" if history.via_pull_request(c) else None)
             for c in sample]
    linked = sum(1 for k in kinds if k)
    trackers = sum(1 for k in kinds if k == "tracker")
    share = linked / len(sample)
    unlinked = [c for c, k in zip(sample, kinds, strict=True) if not k]
    evidence = [Evidence(f"{linked} of the last {len(sample)} commits by people refer to an "
                         "issue, pull request or ticket")]
    evidence += [Evidence(f"no reference: {_short(c)}") for c in unlinked[:5]]
    merges = sum(1 for c in history.commits if is_pull_request_merge(c))
    if share >= 0.8:
        if trackers * 2 >= linked:
            return warned("VC-3", f"{share:.0%} of recent commits refer to a discussion, mostly "
                          "by ticket keys; confirm the tracker is public.", *evidence)
        return passed("VC-3", f"{share:.0%} of recent commits refer to an issue or pull request.",
                      *evidence)
    if share >= 0.5:
        return warned("VC-3", f"Only {share:.0%} of recent commits refer to an issue or pull "
                      "request.", *evidence)
    if merges and not history.parents_known:
        # Commits merged through a pull request belong to it even without a reference, but
        # without parent commits it cannot be told which commits a merge brought in.
        return warned("VC-3", f"Only {share:.0%} of recent commits refer to a discussion, though "
                      f"{merges} pull request merges may account for others; confirm.",
                      *evidence)
    return failed("VC-3", f"Only {share:.0%} of recent commits refer to an issue or pull "
                  "request.", *evidence)


@check(
    id="release-tags",
    title="Released versions are tagged",
    requirements=["VC-6"],
    strength=Strength.DECISIVE,
    why=(
        "Tags mark exactly which state of the code was released, so users can find, compare "
        "and go back to a version."
    ),
    how_to_fix=(
        "Tag each release in git (for example `git tag -a v1.4.0`) and push the tags, or publish "
        "GitHub releases, which create tags."
    ),
    limitations=(
        "Any tag passes, whether or not it marks a release (`before-refactor` counts), and "
        "nothing checks that each release has one; a tag over a year old with 50 commits since "
        "is only noted in the evidence. Releases published only on a package registry or a "
        "website are not seen and give a warning. Without history and forge facts the verdict "
        "is unknown, and a shallow clone without tags is unknown rather than a warning."
    ),
    examples=[
        Example("A published GitHub release",
                {"README.md": "# Permits\n"}, {"VC-6": "pass"},
                facts={"releases": (Release("v1.2.0", "Permits 1.2.0",
                                            datetime(2026, 2, 16, tzinfo=UTC),
                                            has_notes=True),)}),
        Example("A version tag in the git history",
                {"README.md": "# Permits\n"}, {"VC-6": "pass"},
                history=_example_history(*_GOOD_HISTORY.commits, tags=(
                    Tag("v1.2.0", f"{2:040x}", _EXAMPLE_HEAD - timedelta(days=3)),))),
        Example("Commits but no tags and no releases",
                {"README.md": "# Permits\n"}, {"VC-6": "warn"},
                facts={"releases": ()}, history=_GOOD_HISTORY),
    ],
)
def release_tags(context: CheckContext) -> Iterator[Finding]:
    """Reads the tags in the git history and, when the forge was asked, its releases. Passes
    when there is at least one tag or release, noting the latest version tag and whether it is
    over a year old with 50 commits since. Warns when there are neither; unknown when neither
    history nor releases could be read, or when a shallow clone has no tags (they may not have
    been fetched)."""
    snapshot = context.snapshot
    history = history_at(snapshot, context.evaluated_at)
    facts = snapshot.facts
    releases = tuple(facts.releases or ()) if facts.known("releases") else None
    if history is None and releases is None:
        yield unknown("VC-6", NO_HISTORY)
        return
    tags = history.tags if history else ()
    if not tags and not releases:
        if history is not None and history.truncated:
            yield unknown("VC-6", "No tags found, but the clone is shallow and may not have "
                          "fetched them.")
        elif releases is None and history is None:
            yield unknown("VC-6", NO_HISTORY)
        else:
            yield warned("VC-6", "No tags or releases mark released versions.")
        return
    evidence = []
    latest = (history.latest_version_tag if history else None) or (tags[0] if tags else None)
    if latest is not None:
        when = f" ({latest.date.date()})" if latest.date else ""
        evidence.append(Evidence(f"{len(tags)} tags; latest {latest.name}{when}"))
        stale = _stale(history, latest) if history else None
        if stale:
            evidence.append(stale)
    if releases:
        evidence.append(Evidence(f"{len(releases)} GitHub releases"))
    yield passed("VC-6", "Released versions are marked with tags or releases.", *evidence)


def _stale(history: HistoryEvidence, tag: Tag) -> Evidence | None:
    if tag.date is None or history.reference is None:
        return None
    age = history.reference - aware(tag.date)
    since = sum(1 for c in history.commits if aware(c.committed_at) > aware(tag.date))
    if age.days > 365 and since >= 50:
        return Evidence(f"the latest tag is {age.days} days old and {since} commits have been "
                        "made since; consider a new release")
    return None


@check(
    id="commit-signatures",
    title="Commits are signed and authors contactable",
    requirements=["VC-8"],
    strength=Strength.DECISIVE,
    why=(
        "Signed commits prove who made a change, and a real e-mail address lets others reach "
        "the author about it."
    ),
    how_to_fix=(
        "Sign commits (`git commit -S`, or vigilant mode on GitHub) and commit with an e-mail "
        "address people can write to; add `Signed-off-by` lines if you use a DCO."
    ),
    limitations=(
        "It only reports, it never passes or fails. 'Signed' is what the history reader says: "
        "signatures are not verified against anyone's key, and readers that cannot tell leave "
        "them out of the count. Any address that is not a no-reply or local one counts as "
        "contactable, though it may have stopped working years ago; Signed-off-by lines are "
        "counted as statements, not signatures."
    ),
    examples=[
        Example("Signed commits from work addresses",
                {"README.md": "# Permits\n"}, {"VC-8": "info"},
                history=_example_history(
                    _example_commit(2, "Check the plate number before saving a permit",
                                    signed=True,
                                    body="Signed-off-by: Ann <ann@example-town.eu>"),
                    _example_commit(1, "Send the permit by mail once it is approved", days=2,
                                    email="1234+bob@users.noreply.github.com", name="Bob",
                                    signed=False),
                )),
        Example("No git history was read", {"README.md": "# Permits\n"},
                {"VC-8": "unknown"}),
    ],
)
def commit_signatures(context: CheckContext) -> Iterator[Finding]:
    """Reads the last 100 commits by people in the git history and reports, as information, how
    many are signed (of those whose signature status the reader could tell), how many have an
    e-mail address other than a no-reply or local one, and how many carry a Signed-off-by
    line. The requirement is optional, so it never passes or fails; it is unknown without
    history or without commits by people."""
    snapshot = context.snapshot
    history = history_at(snapshot, context.evaluated_at)
    if history is None:
        yield unknown("VC-8", NO_HISTORY)
        return
    sample = history.human[:100]
    if not sample:
        yield unknown("VC-8", "No commits by people to judge.")
        return
    known = [c for c in sample if c.signed is not None]
    signed = sum(1 for c in known if c.signed)
    contactable = sum(1 for c in sample if not _NOREPLY.search(c.author_email))
    dco = sum(1 for c in sample if _SIGNED_OFF.search(c.body))
    parts = [
        f"{signed} of {len(known)} signed" if known else "signatures were not read",
        f"{contactable} of {len(sample)} with a contactable e-mail address",
        f"{dco} with Signed-off-by",
    ]
    yield info("VC-8", f"Of the last {len(sample)} commits by people: " + "; ".join(parts) + ".")


@check(
    id="multi-party-development",
    title="Several organisations take part in development",
    requirements=["RP-5"],
    strength=Strength.WEAK,
    why=(
        "A codebase developed by several organisations shares its costs and keeps working for "
        "more than one of them."
    ),
    how_to_fix=(
        "Invite other organisations that use the software to contribute, and have their people "
        "commit with their work e-mail address so the collaboration is visible."
    ),
    limitations=(
        "An e-mail domain stands for an organisation: a supplier committing for the "
        "municipality counts as a second party, while agencies sharing one government domain "
        "count as one. People who commit with personal or no-reply addresses cannot be "
        "attributed, so projects developed on GitHub accounts often get unknown. Co-authors, "
        "reviewers and funders who do not commit are not seen."
    ),
    examples=[
        Example("Two municipalities commit",
                {"README.md": "# Permits\n"}, {"RP-5": "pass"},
                history=_example_history(
                    _example_commit(4, "Check the plate number before saving a permit"),
                    _example_commit(3, "Add the zones of the northern district", days=5,
                                    email="bo@example-county.eu", name="Bo"),
                    _example_commit(2, "Send the permit by mail once it is approved", days=9),
                    _example_commit(1, "Translate the form into Swedish", days=12,
                                    email="bo@example-county.eu", name="Bo"),
                )),
        Example("Everyone works for the same municipality",
                {"README.md": "# Permits\n"}, {"RP-5": "warn"}, history=_GOOD_HISTORY),
        Example("Only personal addresses",
                {"README.md": "# Permits\n"}, {"RP-5": "unknown"},
                history=_example_history(
                    _example_commit(2, "Check the plate number before saving a permit",
                                    email="ann.dev@gmail.com"),
                    _example_commit(1, "Send the permit by mail once it is approved", days=2,
                                    email="1234+bob@users.noreply.github.com", name="Bob"),
                )),
    ],
)
def multi_party_development(context: CheckContext) -> Iterator[Finding]:
    """Counts the non-merge commits by people in the 12 months before the evaluation time by
    the organisation of the author's e-mail domain (webmail and no-reply addresses cannot be
    attributed). Passes when two or more organisations each made 5 commits or 10 % of them;
    warns when one organisation dominates; unknown without history, without commits in the
    window, or when fewer than half the commits can be attributed."""
    snapshot = context.snapshot
    history = history_at(snapshot, context.evaluated_at)
    if history is None:
        yield unknown("RP-5", NO_HISTORY)
        return
    counts, unattributed = history.organisations(365)
    total = sum(counts.values()) + unattributed
    if total == 0:
        yield unknown("RP-5", "No commits by people in the last 12 months.")
        return
    table = ", ".join(f"{org}: {n}" for org, n in counts.most_common(8))
    evidence = [Evidence(f"commits by organisation (e-mail domain), last 12 months: "
                         f"{table or 'none'}; {unattributed} of {total} not attributable "
                         "(personal or no-reply addresses)")]
    if not history.covers(365):
        evidence.append(Evidence("the history read does not reach back 12 months"))
    attributed = sum(counts.values())
    if attributed * 2 < total:
        yield unknown("RP-5", "Too few commits can be attributed to an organisation to tell; "
                      "say who takes part in the repository configuration.", *evidence)
        return
    qualifying = [org for org, n in counts.items() if n >= 5 or n >= 0.1 * total]
    top_org, top = counts.most_common(1)[0]
    if len(qualifying) >= 2:
        yield passed("RP-5", f"{len(qualifying)} organisations contribute substantially.",
                     *evidence)
    elif top >= 0.9 * attributed:
        yield warned("RP-5", f"{top_org} made {top / attributed:.0%} of attributable commits; "
                     "development looks like a single-party effort.", *evidence)
    else:
        yield warned("RP-5", "Only one organisation contributes substantially.", *evidence)
