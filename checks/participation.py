"""Participation: can anyone suggest changes, find the tracker and talk with the maintainers.

These requirements are about the forge as much as the files: visibility, archiving, issues,
discussions and interaction limits come from the API. Without them the checks look for links in
the documentation and say what could not be confirmed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

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
from publiccode_checker.evidence import memoised
from publiccode_checker.evidence.contribution_guides import guidelines
from publiccode_checker.evidence.documents import documents, prose_documents
from publiccode_checker.evidence.external_sites import forge_repository
from publiccode_checker.evidence.publiccode_file import publiccode
from publiccode_checker.evidence.text_search import MAX_HITS, bounded, find_hits, passage_of
from publiccode_checker.snapshots import Snapshot

# Issue trackers: a forge's own issues, or a dedicated tracker.
_TRACKER = re.compile(
    r"/issues\b|/-/issues\b|/issue\b|/tickets?\b|/browse/[A-Z][A-Z0-9]+-?|/jira\b|atlassian\.net"
    r"|show_bug\.cgi|bugzilla|/maniphest\b|youtrack|bugs\.launchpad\.net|todo\.sr\.ht|/trac\b"
    r"|taiga\.io|redmine|/project/issues/|mantis",
    re.IGNORECASE,
)
# A link to one issue or change is a reference, not a way to the tracker.
_SINGLE_ITEM = re.compile(
    r"/(?:issues?|tickets?|merge_requests|pulls?)/\d+|/browse/[A-Z][A-Z0-9]+-\d+"
    r"|show_bug\.cgi\?id=|/T\d+\b|/D\d+\b",
    re.IGNORECASE,
)
# Documents where a project points people to its tracker and its proposed changes.
_ENTRY_KINDS = frozenset({"readme", "readme_translation", "contributing", "support",
                          "pull_request_template", "governance", "code_of_conduct", "security"})
_GITHUB_ISSUES = re.compile(r"github\.com/([^/\s]+/[^/\s#?]+)/issues\b", re.IGNORECASE)
# Where proposed changes are listed.
_CHANGES = re.compile(
    r"/pulls?\b|/merge_requests\b|/-/merge_requests|/pull/new|/differential\b"
    r"|gerrit|review\.[\w.-]+/",
    re.IGNORECASE,
)
_CHANGES_TEXT = re.compile(r"pull[- ]?requests?|merge[- ]?requests?|\bPRs?\b|\bMRs?\b",
                           re.IGNORECASE)
# A diff between two versions, or commits already made, is not a list of proposed changes, even
# when the link text speaks of pull requests ("PRs merged since 4.0.0").
_DIFF = re.compile(r"/compare\b|/commits?\b|/changeset/|/diff/", re.IGNORECASE)
_ADDRESS = re.compile(r"\s*(?:https?://|www\.)", re.IGNORECASE)
# Places where users and developers talk.
_CHANNEL_URL = re.compile(
    r"slack\.com|slackin|matrix\.to|element\.io|matrix\.org|gitter\.im|discord\.gg"
    r"|discord(?:app)?\.com/invite|mattermost|zulipchat\.com|zulip|^ircs?://|libera\.chat"
    r"|oftc\.net|kiwiirc|groups\.google\.com|googlegroups\.com|groups\.io|//lists\.|/mailman/"
    r"|/listinfo|discourse|forum|//community\.|/discussions\b|teams\.microsoft\.com"
    r"|rocket\.chat|//chat\.|t\.me/|telegram\.me",
    re.IGNORECASE,
)
_CHANNEL_TEXT = re.compile(
    r"#[\w.-]+:[\w-]+\.[\w.-]+"  # a Matrix room alias
    r"|#[\w-]+ on (?:libera|oftc|freenode|irc\.)"
    r"|\b(?:[\w+-]+[.-])?(?:lists?|dev|devel|developers|users?|discuss(?:ion)?|community"
    r"|announce|general)(?:[.-][\w+-]+)?@[\w-]+(?:\.[\w-]+)+|@(?:lists|googlegroups)\.",
    re.IGNORECASE,
)
# Addresses in setup examples (admin@example.com) reach nobody.
_PLACEHOLDER_DOMAIN = (r"(?:[\w-]+\.)*(?:example\.(?:com|org|net)|example|localhost|test|invalid)"
                       r"(?![\w.-])")
_PLACEHOLDER_MAIL = re.compile(rf"@{_PLACEHOLDER_DOMAIN}", re.IGNORECASE)
_EMAIL = re.compile(rf"[\w.+-]+@(?!{_PLACEHOLDER_DOMAIN})[\w-]+(?:\.[\w-]+)*\.[a-z]{{2,}}",
                    re.IGNORECASE)
# Badges and pages that publish activity statistics.
_STATISTICS = re.compile(
    r"/graphs/(?:contributors|commit-activity)|/pulse\b|/activity\b|openhub\.net|ohloh"
    r"|commit-activity|/contributors(?:-anon)?/|ossinsight|repobeats|/insights\b"
    r"|/-/graphs/|/analytics\b",
    re.IGNORECASE,
)
# Help pages about issues and pull requests are not this project's tracker.
_HELP_PAGES = re.compile(r"docs\.github\.com|help\.github\.com|docs\.gitlab\.com"
                         r"|guides\.github\.com", re.IGNORECASE)
_ISSUE_TEMPLATE_CONFIG = (".github/ISSUE_TEMPLATE/config.yml", ".github/ISSUE_TEMPLATE/config.yaml")
_YAML_URL = re.compile(r"url:\s*['\"]?(https?://[^\s'\"]+)", re.IGNORECASE)
_RESTRICTING_LIMITS = frozenset({"collaborators_only", "contributors_only"})


@dataclass
class Links:
    tracker: list[Evidence] = field(default_factory=list)
    external_tracker: list[Evidence] = field(default_factory=list)
    changes: list[Evidence] = field(default_factory=list)
    #: Diffs and commit lists that a reader might take for proposed changes; shown, not counted.
    diffs: list[Evidence] = field(default_factory=list)
    channels: list[Evidence] = field(default_factory=list)
    emails: list[Evidence] = field(default_factory=list)
    statistics: list[Evidence] = field(default_factory=list)


@memoised
def participation_links(snapshot: Snapshot) -> Links:
    return _collect(snapshot)


def _own_repository(snapshot: Snapshot) -> str | None:
    own = forge_repository(snapshot.facts)
    if own is not None:
        return own
    url = publiccode(snapshot).get("url")
    match = re.search(r"github\.com/([^/\s]+/[^/\s#?]+?)(?:\.git)?/?$", url) \
        if isinstance(url, str) else None
    return match.group(1).lower() if match else None


def _entry_paths(snapshot: Snapshot) -> set[str]:
    """The documents where a project points people to its tracker, changes and channels."""
    entry = {d.path for d in prose_documents(documents(snapshot)) if d.kind in _ENTRY_KINDS}
    entry.update(d.path for d in guidelines(snapshot).guides)
    return entry


def _collect(snapshot: Snapshot) -> Links:
    own = _own_repository(snapshot)
    result = Links()
    corpus = prose_documents(documents(snapshot))
    entry = _entry_paths(snapshot)
    for doc in corpus:
        for link in doc.links:
            url = link.url.strip()
            if _HELP_PAGES.search(url) or url.startswith("#"):
                continue
            if doc.path in entry and not _SINGLE_ITEM.search(url):
                _classify_entry_link(result, doc.path, link.line, url, link.text, own)
            if _CHANNEL_URL.search(url):
                result.channels.append(Evidence(f"channel: {url}", doc.path, link.line))
            elif url.lower().startswith("mailto:") and doc.path in entry:
                address = _mail_address(url)
                if address and not any(e.message == f"e-mail: {address}"
                                       for e in result.emails):
                    result.emails.append(Evidence(f"e-mail: {address}", doc.path, link.line))
            if _STATISTICS.search(url):
                result.statistics.append(Evidence(f"activity statistics: {url}", doc.path,
                                                  link.line))
        for image in (i for s in doc.sections for i in s.images):
            if _STATISTICS.search(image.url):
                result.statistics.append(Evidence(f"activity badge: {image.url}", doc.path,
                                                  image.line))
    result.channels.extend(_issue_template_channels(snapshot))
    passages = bounded(passage_of(d) for d in corpus if d.path in entry)
    result.channels.extend(h.evidence("channel: ") for h in find_hits(passages, _CHANNEL_TEXT))
    if not result.emails:
        result.emails.extend(h.evidence("e-mail: ") for h in find_hits(passages, _EMAIL, 1))
    return result


def _mail_address(url: str) -> str | None:
    """The address of a mailto: link, without its subject and body; None for placeholders."""
    address = unquote(url[7:].split("?", 1)[0]).strip()
    return None if not address or _PLACEHOLDER_MAIL.search(address) else address


def _classify_entry_link(
    result: Links, path: str, line: int, url: str, text: str, own: str | None
) -> None:
    if _TRACKER.search(url):
        result.tracker.append(Evidence(f"issue tracker link: {url}", path, line))
        github = _GITHUB_ISSUES.search(url)
        if github is None and url.startswith("http"):
            result.external_tracker.append(Evidence(f"tracker outside GitHub: {url}", path, line))
        elif github is not None and own is not None and github.group(1).lower() != own:
            result.external_tracker.append(
                Evidence(f"tracker in another repository: {url}", path, line))
    if _DIFF.search(url):
        result.diffs.append(Evidence(f"a diff or commit history, not a list of proposed "
                                     f"changes: {url}", path, line))
        return
    # A bare or autolinked address is its own text: only the address can say what it is.
    label = "" if _ADDRESS.match(text) else text
    if _CHANGES.search(url) or (_CHANGES_TEXT.search(label) and url):
        result.changes.append(Evidence(f"link to proposed changes: {url}", path, line))


def _issue_template_channels(snapshot: Snapshot) -> list[Evidence]:
    """Contact links GitHub shows on the "new issue" page (forums, chats, support sites)."""
    found = []
    for name in _ISSUE_TEMPLATE_CONFIG:
        path = snapshot.find_ci(name)
        text = snapshot.read_text(path, 64 * 1024) if path else None
        if not text:
            continue
        for match in _YAML_URL.finditer(text):
            if _CHANNEL_URL.search(match.group(1)):
                line = text.count("\n", 0, match.start()) + 1
                found.append(Evidence(f"channel: {match.group(1)}", path, line))
    return found


@dataclass(frozen=True)
class Forge:
    """What the API said about who can take part; ``None`` where it was not gathered."""

    public: bool | None
    archived: bool | None
    has_issues: bool | None
    limit: str | None
    limit_known: bool

    @classmethod
    def of(cls, snapshot: Snapshot) -> Forge:
        facts = snapshot.facts
        visibility = facts.visibility if facts.known("visibility") else None
        limit: Any = facts.interaction_limit if facts.known("interaction_limit") else None
        if isinstance(limit, dict):
            limit = limit.get("limit")
        return cls(
            public=None if visibility is None else visibility == "public",
            archived=_flag(facts, "archived"),
            has_issues=_flag(facts, "has_issues"),
            limit=limit if isinstance(limit, str) else None,
            limit_known=facts.known("interaction_limit"),
        )

    def closed(self) -> Evidence | None:
        """Why nobody outside can take part, when that is so."""
        if self.public is False:
            return Evidence("the repository is not public")
        if self.archived:
            return Evidence("the repository is archived (read-only)")
        return None


def _flag(facts: Any, name: str) -> bool | None:
    value = getattr(facts, name) if facts.known(name) else None
    return value if isinstance(value, bool) else None


_NOT_GATHERED = Evidence("repository settings (visibility, archived, issues) were not gathered")

# -- examples for the reference pages ------------------------------------------------------------
_README = "# Permits\n\nResidents of Example Town apply for a parking permit online.\n"
#: Forge facts of a public, writable repository with issues enabled.
_OPEN = {"full_name": "example-town/permits", "visibility": "public", "archived": False,
         "has_issues": True, "interaction_limit": None,
         "html_url": "https://github.com/example-town/permits"}
_OWN_TRACKER = "https://tracker.example-town.org/projects/permits/issues"


# -- WC-1 ----------------------------------------------------------------------------------------
@check(
    id="open-to-suggestions",
    title="Anyone can suggest changes",
    requirements=["WC-1"],
    strength=Strength.DECISIVE,
    why=(
        "Public code improves when anyone, inside or outside the organisation, can propose a "
        "change or report a problem."
    ),
    how_to_fix=(
        "Keep the repository public and not archived, enable issues (or link the tracker you "
        "use), and lift interaction limits that keep outsiders from commenting or opening pull "
        "requests."
    ),
    limitations=(
        "It reads forge settings, not the project's intent: a public repository passes even "
        "when CONTRIBUTING.md says outside pull requests are not accepted, and a read-only "
        "mirror of code developed elsewhere passes as if it were the place to contribute. A "
        "tracker linked from the documentation is taken as open without being visited. Without "
        "forge facts (offline runs) the verdict is unknown."
    ),
    examples=[
        Example("A public repository with issues enabled",
                {"README.md": _README}, {"WC-1": "pass"}, facts=_OPEN),
        Example("An archived repository",
                {"README.md": _README}, {"WC-1": "fail"}, facts={**_OPEN, "archived": True}),
        Example("Only collaborators may comment or open pull requests",
                {"README.md": _README}, {"WC-1": "warn"},
                facts={**_OPEN, "interaction_limit": "collaborators_only"}),
        Example("Checked offline, without forge facts",
                {"README.md": _README}, {"WC-1": "unknown"}),
    ],
)
def open_to_suggestions(context: CheckContext) -> Iterator[Finding]:
    """Reads the forge facts: visibility, the archived flag, interaction limits and whether
    issues are enabled. Fails for a repository that is not public or is archived; warns when an
    interaction limit keeps outsiders out, or when issues are disabled and neither the README
    nor the contribution guides link another tracker. Passes for a public, writable repository
    (noting any setting that was not gathered), and says unknown when visibility or the archived
    flag was not gathered."""
    snapshot = context.snapshot
    forge = Forge.of(snapshot)
    closed = forge.closed()
    if closed is not None:
        yield failed("WC-1", "Outsiders cannot suggest changes.", closed)
        return
    if forge.limit in _RESTRICTING_LIMITS:
        yield warned("WC-1", "An interaction limit keeps outsiders from suggesting changes.",
                     Evidence(f"interaction limit: {forge.limit}"))
        return
    if forge.public is None or forge.archived is None:
        yield unknown("WC-1", "Could not tell whether anyone can suggest changes.", _NOT_GATHERED)
        return
    links = participation_links(snapshot)
    evidence = [Evidence("the repository is public and open to pull requests")]
    if not forge.limit_known:
        evidence.append(Evidence("interaction limits were not checked"))
    if forge.has_issues:
        yield passed("WC-1", "Anyone can open issues and pull requests.", *evidence)
    elif links.external_tracker:
        # The tracker is a link in the README or the contribution guides, never visited.
        yield passed("WC-1", "Anyone can open pull requests; issues go to a linked tracker.",
                     *evidence, *links.external_tracker[:1], strength=Strength.STRONG)
    elif forge.has_issues is False:
        yield warned("WC-1", "Issues are disabled and no other tracker is linked, so only people "
                             "who write code can suggest changes.", *evidence)
    else:
        yield passed("WC-1", "Anyone can open pull requests.", *evidence,
                     Evidence("whether issues are enabled was not checked"))


# -- MC-1 ----------------------------------------------------------------------------------------
@check(
    id="public-issue-tracker",
    title="A public issue tracker is open to anyone",
    requirements=["MC-1"],
    strength=Strength.DECISIVE,
    why=(
        "An issue tracker anyone can read and write to lets users report problems and suggest "
        "improvements, and shows what is already known."
    ),
    how_to_fix=(
        "Enable issues on the repository (Settings → Features → Issues), or link the public "
        "tracker you use from the README."
    ),
    limitations=(
        "An enabled tracker passes whether or not anyone answers in it. A tracker on another "
        "host is never visited: one that needs an account or an invitation goes to a person "
        "just like an open one, and a tracker named in plain text rather than linked from the "
        "README, CONTRIBUTING or SUPPORT files is not seen. Without forge facts the verdict "
        "is unknown even when the README links the repository's own issues page."
    ),
    examples=[
        Example("Issues are enabled on a public repository",
                {"README.md": _README}, {"MC-1": "pass"}, facts=_OPEN),
        Example("Issues are disabled and the README links the town's own tracker",
                {"README.md": _README + f"\nReport problems in [our tracker]({_OWN_TRACKER}).\n"},
                {"MC-1": "manual"}, facts={**_OPEN, "has_issues": False}),
        Example("Issues are disabled and no tracker is linked",
                {"README.md": _README}, {"MC-1": "fail"}, facts={**_OPEN, "has_issues": False}),
    ],
)
def public_issue_tracker(context: CheckContext) -> Iterator[Finding]:
    """Reads visibility, the archived flag and whether issues are enabled, and the tracker links
    in the README, CONTRIBUTING, SUPPORT and similar entry documents. Fails for a repository
    that is not public or is archived, or has issues disabled with no other tracker linked;
    passes when issues are enabled on a public repository. A linked tracker outside the
    repository (another host or another repository) needs a person to confirm anyone can use
    it; without forge facts the verdict is unknown."""
    snapshot = context.snapshot
    forge = Forge.of(snapshot)
    links = participation_links(snapshot)
    closed = forge.closed()
    if closed is not None:
        yield failed("MC-1", "The issue tracker is not open to the public.", closed)
        return
    if forge.has_issues and forge.public:
        yield passed("MC-1", "The repository's public issue tracker is enabled.",
                     Evidence("issues are enabled on a public repository"))
        return
    if links.external_tracker:
        yield needs_person("MC-1", "Issues are tracked elsewhere; check that anyone can open one "
                                   "there.", *links.external_tracker[:MAX_HITS])
        return
    if forge.has_issues is False:
        # "No other tracker" rests on the links of the README and the community files.
        yield failed("MC-1", "Issues are disabled and no other tracker is linked.",
                     Evidence("issues are disabled in the repository settings"),
                     strength=Strength.STRONG)
        return
    yield unknown("MC-1", "Could not tell whether a public issue tracker is enabled.",
                  _NOT_GATHERED, *links.tracker[:1])


# -- MC-2 ----------------------------------------------------------------------------------------
@check(
    id="tracker-linked",
    title="Documentation links to issues and proposed changes",
    requirements=["MC-2"],
    strength=Strength.STRONG,
    why=(
        "Readers of the documentation, including those who do not know the forge, should find "
        "open issues and proposed changes in one click."
    ),
    how_to_fix=(
        "Link the issue tracker (…/issues) and the list of pull requests (…/pulls) from the "
        "README or CONTRIBUTING.md."
    ),
    limitations=(
        "Links are recognised by their address and text: any URL with /issues in it, or any "
        "link whose text says 'pull requests', counts, even when it points at another "
        "project or a blog post; a bare address counts by its path alone. A diff between two "
        "versions (/compare/...) or a commit list never counts as proposed changes, whatever "
        "its text says. It is lenient on purpose: a public repository with issues enabled "
        "passes without any link in the documentation, because the forge shows both "
        "lists on every page; readers of a copy outside the forge get no link. Offline, "
        "missing links give unknown rather than fail."
    ),
    examples=[
        Example("The README links the issues and the pull requests",
                {"README.md": _README + "\nSee the [open issues]"
                 "(https://github.com/example-town/permits/issues) and the\n[pull requests]"
                 "(https://github.com/example-town/permits/pulls).\n"},
                {"MC-2": "pass"}),
        Example("Issues are disabled and nothing is linked",
                {"README.md": _README}, {"MC-2": "fail"}, facts={**_OPEN, "has_issues": False}),
        Example("Nothing is linked and the forge was not asked",
                {"README.md": _README}, {"MC-2": "unknown"}),
        Example("The README links the issues and a diff between two releases, checked offline",
                {"README.md": _README + "\nSee the [open issues]"
                 "(https://github.com/example-town/permits/issues) and what changed\nsince "
                 "[2.0.0](https://github.com/example-town/permits/compare/2.0.0...main).\n"},
                {"MC-2": "unknown"}),
    ],
)
def tracker_linked(context: CheckContext) -> Iterator[Finding]:
    """Looks for links to an issue tracker and to proposed changes (pull or merge requests, a
    review server) in the README, CONTRIBUTING, SUPPORT and similar entry documents; links to
    one single issue or pull request, to forge help pages, or to a diff or commit list
    (/compare/, /commits) do not count; a diff passed over is shown. Passes when both are
    linked. Without both, passes when issues are enabled on a public repository (the forge links
    them on every page) or when issues are disabled but a tracker elsewhere is linked; fails
    when issues are disabled and no tracker is linked, and is unknown when the forge was not
    asked."""
    snapshot = context.snapshot
    forge = Forge.of(snapshot)
    links = participation_links(snapshot)
    if links.tracker and links.changes:
        yield passed("MC-2", "The documentation links to issues and proposed changes.",
                     links.tracker[0], links.changes[0])
        return
    missing = [name for name, found in (("the issue tracker", links.tracker),
                                        ("the proposed changes", links.changes)) if not found]
    advice = Evidence("the documentation does not link to " + " or ".join(missing))
    # A diff or commit list that was not counted is shown, so a reader sees why.
    found = [*links.tracker[:1], *links.changes[:1], *links.diffs[:1]]
    if forge.has_issues and forge.public:
        yield passed("MC-2", "The forge links its issues and pull requests on every page.",
                     Evidence("issues are enabled on a public repository"), advice, *found)
    elif forge.has_issues is False and not links.external_tracker:
        yield failed("MC-2", "Issues are disabled and the documentation links no other tracker.",
                     advice, *found)
    elif forge.has_issues is False:
        yield passed("MC-2", "The documentation links the tracker in use; the forge lists "
                             "proposed changes.", *links.external_tracker[:1], advice)
    else:
        yield unknown("MC-2", "Links are missing, and whether the forge's own tracker is enabled "
                              "was not checked.", advice, *found)


# -- MC-3 ----------------------------------------------------------------------------------------
@check(
    id="communication-channels",
    title="Users and developers have a channel to talk",
    requirements=["MC-3"],
    strength=Strength.STRONG,
    why=(
        "A mailing list, forum or chat lets users ask questions and developers coordinate "
        "without opening issues for everything."
    ),
    how_to_fix=(
        "Name a public channel in the README or SUPPORT.md with its address: a mailing list, "
        "forum, GitHub Discussions or a chat room (Matrix, Slack, Mattermost...)."
    ),
    limitations=(
        "A link counts by its address alone and from any documentation page, so a docs page "
        "pointing at the forum of a database the software uses passes as the project's own "
        "channel. It does not check that a channel is public, alive or answered, and an "
        "enabled but empty GitHub Discussions passes. A channel named without a link or a "
        "recognisable address (\"join us on our chat\") is missed."
    ),
    examples=[
        Example("The README links a Matrix room",
                {"README.md": _README + "\n## Contact\n\nAsk questions in our [Matrix room]"
                 "(https://matrix.to/#/#permits:example-town.org).\n"},
                {"MC-3": "pass"}),
        Example("Only a personal e-mail address is given",
                {"README.md": _README + "\n## Contact\n\nQuestions? Mail "
                 "anna.berg@example-town.org.\n"},
                {"MC-3": "warn"}),
        Example("No channel, and GitHub Discussions is disabled",
                {"README.md": _README}, {"MC-3": "fail"}, facts={"has_discussions": False}),
    ],
)
def communication_channels(context: CheckContext) -> Iterator[Finding]:
    """Passes when GitHub Discussions is enabled, or the documentation links a chat, forum or
    mailing list (by address: Matrix, Slack, Discourse, mailing-list hosts...), names a
    mailing-list address or a Matrix room in the README or community files, or the issue
    template configuration offers such a contact link. Warns when only an e-mail address or the
    issue tracker is given. Otherwise fails when Discussions is known to be disabled, and asks
    a person when that was not gathered."""
    snapshot = context.snapshot
    facts = snapshot.facts
    discussions = _flag(facts, "has_discussions")
    links = participation_links(snapshot)
    evidence = list(links.channels[:MAX_HITS])
    if discussions:
        evidence.insert(0, Evidence("GitHub Discussions is enabled"))
    if evidence:
        yield passed("MC-3", "There is a channel for users and developers.", *evidence,
                     strength=_channel_strength(snapshot, discussions, links.channels))
        return
    weak = [*links.emails[:2], *links.tracker[:1]]
    if weak:
        yield warned("MC-3", "Only an e-mail address or the issue tracker is given; name a "
                             "channel where users and developers can talk.", *weak)
        return
    looked = Evidence("no mailing list, forum or chat named in the README, CONTRIBUTING, SUPPORT "
                      "or docs")
    if discussions is False:
        yield failed("MC-3", "No communication channel found.", looked,
                     Evidence("GitHub Discussions is disabled"))
    else:
        yield needs_person("MC-3", "No communication channel is named in the documentation.",
                           looked, Evidence("whether GitHub Discussions is enabled was not "
                                            "checked"))


def _channel_strength(
    snapshot: Snapshot, discussions: bool | None, channels: list[Evidence]
) -> Strength:
    """Discussions is a forge fact; a channel in the README, the community files or the issue
    template configuration is the project's own word; a link found only deeper in the
    documentation may be another project's forum."""
    if discussions:
        return Strength.DECISIVE
    own = _entry_paths(snapshot)
    own.update(path for name in _ISSUE_TEMPLATE_CONFIG if (path := snapshot.find_ci(name)))
    return Strength.STRONG if any(e.path in own for e in channels) else Strength.WEAK


# -- WC-7 ----------------------------------------------------------------------------------------
@check(
    id="activity-statistics",
    title="Activity statistics are public",
    requirements=["WC-7"],
    strength=Strength.DECISIVE,
    why=(
        "Public statistics on commits, contributors and issues show reusers and contributors "
        "whether the codebase is alive and who works on it."
    ),
    how_to_fix=(
        "Keep the repository public so the forge publishes its activity pages, or link a "
        "statistics page (for example Open Hub) from the README."
    ),
    limitations=(
        "A public repository passes on the assumption that its forge publishes activity pages; "
        "a self-hosted forge with those pages switched off passes too. A linked badge or page "
        "passes without being opened, even on a private repository whose statistics the badge "
        "service cannot read. Offline, without a link, the verdict is unknown."
    ),
    examples=[
        Example("A public repository",
                {"README.md": _README}, {"WC-7": "pass"},
                facts={"visibility": "public",
                       "html_url": "https://github.com/example-town/permits"}),
        Example("An activity badge in the README, checked offline",
                {"README.md": _README + "\n![Commit activity](https://img.shields.io/github/"
                 "commit-activity/m/example-town/permits)\n"},
                {"WC-7": "pass"}),
        Example("A private repository without a statistics link",
                {"README.md": _README}, {"WC-7": "fail"}, facts={"visibility": "private"}),
    ],
)
def activity_statistics(context: CheckContext) -> Iterator[Finding]:
    """Passes when the forge says the repository is public (its activity pages are then
    public), or when the documentation links an activity page or shows an activity badge
    (contributor graphs, pulse, Open Hub, commit-activity badges). Fails for a repository that
    is not public and links no statistics; unknown when visibility was not gathered and nothing
    is linked."""
    snapshot = context.snapshot
    forge = Forge.of(snapshot)
    links = participation_links(snapshot)
    facts = snapshot.facts
    if forge.public:
        base = facts.html_url if facts.known("html_url") and isinstance(facts.html_url, str) \
            else None
        where = Evidence("the forge publishes activity statistics of public repositories",
                         url=f"{base.rstrip('/')}/pulse" if base else None)
        yield passed("WC-7", "Activity statistics are public.", where, *links.statistics[:1])
        return
    if links.statistics:
        yield passed("WC-7", "The documentation links to activity statistics.",
                     *links.statistics[:MAX_HITS])
        return
    if forge.public is False:
        yield failed("WC-7", "Activity statistics of a non-public repository are not public.",
                     Evidence("the repository is not public"))
        return
    yield unknown("WC-7", "Could not tell whether activity statistics are public.",
                  Evidence("the repository's visibility was not gathered, and the documentation "
                           "links no statistics page"))
