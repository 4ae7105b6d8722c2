"""What the git history says: who commits, how commits are described, linked and tagged.

Time windows ("the last 90 days") count back from the evaluation time (``history_at``): a
repository untouched since 2019 is not active today, and a report states that time, so a run can
be repeated with ``check --as-of``. ``history_evidence`` alone counts back from the evaluated
commit's date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from publiccode_checker.evidence import collector
from publiccode_checker.snapshots import Commit, GitHistory, Snapshot, Tag

#: How many recent human, non-merge commits the message rules look at.
SAMPLE_SIZE = 100

_BOT = re.compile(
    r"\[bot\]|dependabot|renovate|github-actions|snyk-bot|pre-commit-ci|weblate", re.IGNORECASE
)

# -- commit messages ----------------------------------------------------------------------------
_CONVENTIONAL_PREFIX = re.compile(r"^[a-z]+(?:\([^)]*\))?!?:\s*", re.IGNORECASE)
_PR_SUFFIX = re.compile(r"\s*\((?:#|GH-|!)\d+\)\s*$", re.IGNORECASE)
_GENERIC = re.compile(
    r"^(?:wip\b|fixup!|squash!|amend!|add files via upload|apply suggestions? from code review|"
    r"initial commit|first commit|(?:minor|small|some|various|more|misc\.?|several|few|tiny)\s+"
    r"(?:code\s+)?(?:fix(?:es)?|changes?|updates?|tweaks?|improvements?|clean-?ups?|bug ?fixes)\b|"
    r"(?:fix(?:ed)?|update[ds]?)\s+(?:some|a few|the|more)\s+(?:bugs?|stuff|things|issues)$|"
    r"(?:update|edit|create|delete|add|rename)\s+\S+\s+(?:file|files)$)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_][\w'’./-]*")

# -- links from commits to discussions -----------------------------------------------------------
_ISSUE_REF = re.compile(r"(?<![\w&])(?:[\w.-]+/[\w.-]+)?#\d+\b|\bGH-\d+\b|(?<![\w])!\d+\b")
_ISSUE_URL = re.compile(
    r"https?://\S+?/(?:issues|pull|pulls|merge_requests|discussions)/\d+", re.IGNORECASE
)
_TRACKER_URL = re.compile(
    r"https?://\S+?/(?:browse/[A-Z][A-Z0-9]+-\d+|tickets?/\d+|work_packages/\d+|"
    r"show_bug\.cgi\?id=\d+)", re.IGNORECASE
)
_TRACKER_KEY = re.compile(r"\b([A-Z][A-Z0-9]{1,9})-\d+\b")
#: Upper-case words followed by a number that are not issue keys (standards, encodings...).
_NOT_TRACKERS = frozenset(
    "UTF ISO SHA CVE CWE RFC PEP ES GPL LGPL AGPL MPL EUPL CC BY SA WCAG EN IEC TLS SSL HTTP "
    "MD CRC AES RSA UTC GMT ECMA TC PSR ECMASCRIPT IPV OAUTH HTML CSS PHP PY NODE MS X Y".split()
)

# -- organisations ------------------------------------------------------------------------------
_WEBMAIL = frozenset(
    "gmail.com googlemail.com icloud.com me.com mac.com aol.com msn.com protonmail.com "
    "protonmail.ch proton.me pm.me web.de mail.ru mail.com qq.com 163.com 126.com zoho.com "
    "fastmail.com fastmail.fm tutanota.com tuta.io posteo.de posteo.net hey.com mailbox.org "
    "libero.it orange.fr free.fr laposte.net ziggo.nl kpnmail.nl xs4all.nl planet.nl hetnet.nl "
    "telenet.be skynet.be t-online.de riseup.net disroot.org duck.com ymail.com "
    "yandex.com yandex.ru email.com inbox.com seznam.cz wp.pl o2.pl onet.pl live.dk jubii.dk "
    "ofir.dk mail.dk outlook.dk hotmail.dk gmx.de gmx.net gmx.at gmx.ch gmx.com".split()
)
_WEBMAIL_PREFIXES = ("hotmail.", "outlook.", "live.", "yahoo.", "gmx.", "yandex.", "windowslive.")
_NO_ORGANISATION = re.compile(
    r"(?:^|[.-])(?:no-?reply|users\.noreply)(?:[.-]|$)|"
    r"(?:^|\.)(?:localhost|localdomain|local|example(?:\.(?:com|org|net))?|test|invalid|none|"
    r"\(none\)|lan|home)$",
    re.IGNORECASE,
)
_SECOND_LEVEL = frozenset("co com gov ac org net edu govt nic mil ltd plc gouv gob".split())

# -- versions -----------------------------------------------------------------------------------
VERSION_TAG = re.compile(
    r"^(?:[\w.-]*?[-_/@])?v?(?:\d+(?:\.\d+)+|\d{4}-\d{2}(?:-\d{2})?)(?:[-+.][0-9A-Za-z.+-]*)?$",
    re.IGNORECASE,
)
SEMVER_TAG = re.compile(
    r"^v?(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)"
    r"(?:-(?:(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)"
    r"(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$"
)
_VERSION_NUMBER = re.compile(r"\d+(?:\.\d+)+|\d{4}-\d{2}(?:-\d{2})?")


def is_bot(name: str, email: str) -> bool:
    return bool(_BOT.search(name) or _BOT.search(email))


def aware(moment: datetime) -> datetime:
    """Dates without a zone are taken as UTC so that they compare with zoned ones."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def core_subject(subject: str) -> str:
    """The subject without a conventional-commit type and a trailing pull request number."""
    return _CONVENTIONAL_PREFIX.sub("", _PR_SUFFIX.sub("", subject.strip()), count=1).strip()


def is_informative(commit: Commit) -> bool:
    """A subject says what changed: at least three words and not a stock phrase."""
    core = core_subject(commit.subject)
    return len(_WORD.findall(core)) >= 3 and not _GENERIC.search(core)


def link_kind(commit: Commit) -> str | None:
    """How a commit points at a discussion: "reference" (issue/PR), "tracker" (a key) or None."""
    message = f"{commit.subject}\n{commit.body}"
    if _ISSUE_REF.search(message) or _ISSUE_URL.search(message):
        return "reference"
    if _TRACKER_URL.search(message):
        return "tracker"
    for match in _TRACKER_KEY.finditer(message):
        if match.group(1) not in _NOT_TRACKERS and re.search("[A-Z]{2}", match.group(1)):
            return "tracker"
    return None


def is_pull_request_merge(commit: Commit) -> bool:
    return commit.parents > 1 and bool(
        re.match(r"merge (?:pull request|branch .* into)|merged? .*(?:#|!)\d+", commit.subject,
                 re.IGNORECASE)
    )


def came_through_pull_request(commit: Commit) -> bool:
    """Offline sign that a commit was squash- or rebase-merged from a pull request."""
    return bool(_PR_SUFFIX.search(commit.subject))


def organisation_of(email: str) -> str | None:
    """The organisation a work address belongs to, by its registrable domain; None for webmail."""
    _, _, domain = email.strip().lower().rpartition("@")
    domain = domain.strip(".> ")
    if not domain or "." not in domain or _NO_ORGANISATION.search(domain):
        return None
    labels = domain.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    base = ".".join(labels[-keep:])
    if base in _WEBMAIL or base.startswith(_WEBMAIL_PREFIXES):
        return None
    return base


def version_number(tag: str) -> str | None:
    match = _VERSION_NUMBER.search(tag)
    return match.group(0) if match else None


def people(commits: Iterable[Commit]) -> list[str]:
    """Distinct people among commit authors: identities sharing a name or an address are one."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    labels: dict[str, str] = {}
    for commit in commits:
        keys = [f"e:{commit.author_email.strip().lower()}"]
        name = " ".join(commit.author_name.lower().split())
        if name:
            keys.append(f"n:{name}")
        roots = [find(k) for k in keys]
        for root in roots[1:]:
            parent[root] = roots[0]
        labels.setdefault(roots[0], commit.author_name or commit.author_email)
    seen: dict[str, str] = {}
    for key, label in labels.items():
        seen.setdefault(find(key), label)
    return sorted(seen.values())


@dataclass(frozen=True)
class HistoryEvidence:
    """The history, classified once: human and bot commits, the message sample, tags."""

    reference: datetime | None
    truncated: bool
    commits: tuple[Commit, ...]
    human: tuple[Commit, ...]
    bot_commits: int
    tags: tuple[Tag, ...]
    branches: tuple[str, ...]
    version_tags: tuple[Tag, ...] = field(default=())
    #: Commits a pull-request merge brought in (known only when parent commits were read).
    merged_via_pull_request: frozenset[str] = field(default=frozenset())
    #: Whether parent commits were read, so that merges can be followed.
    parents_known: bool = False

    def via_pull_request(self, commit: Commit) -> bool:
        """Whether a commit reached the branch through a pull request (squash, rebase or merge)."""
        return came_through_pull_request(commit) or commit.sha in self.merged_via_pull_request

    @property
    def human_non_merge(self) -> tuple[Commit, ...]:
        return tuple(c for c in self.human if c.parents <= 1)

    def since(self, days: int, commits: Sequence[Commit] | None = None) -> list[Commit]:
        """Commits committed within ``days`` before the reference time (``history_at``: the
        evaluation time)."""
        pool = self.human if commits is None else commits
        if self.reference is None:
            return []
        start = self.reference - timedelta(days=days)
        return [c for c in pool if aware(c.committed_at) >= start]

    def covers(self, days: int) -> bool:
        """True when the history read reaches back the whole window (not cut short)."""
        if not self.truncated:
            return True
        if not self.commits or self.reference is None:
            return False
        oldest = min(aware(c.committed_at) for c in self.commits)
        return oldest <= self.reference - timedelta(days=days)

    def sample(self, size: int = SAMPLE_SIZE) -> tuple[Commit, ...]:
        """The most recent human, non-merge commits the message rules judge."""
        return self.human_non_merge[:size]

    def organisations(self, days: int = 365) -> tuple[Counter[str], int]:
        """Human commits in the window per organisation, and how many could not be attributed."""
        counts: Counter[str] = Counter()
        unattributed = 0
        for commit in self.since(days, self.human_non_merge):
            org = organisation_of(commit.author_email)
            if org is None:
                unattributed += 1
            else:
                counts[org] += 1
        return counts, unattributed

    @property
    def latest_version_tag(self) -> Tag | None:
        return self.version_tags[0] if self.version_tags else None

    def to_facts(self) -> dict:
        sample = self.sample()
        orgs, unattributed = self.organisations()
        latest = self.latest_version_tag
        return {
            "reference_date": self.reference,
            "truncated": self.truncated,
            "commits_read": len(self.commits),
            "human_commits": len(self.human),
            "bot_commits": self.bot_commits,
            "merge_commits": sum(1 for c in self.commits if c.parents > 1),
            "last_human_commit": self.human[0].committed_at if self.human else None,
            "message_sample": len(sample),
            "informative_subjects": sum(1 for c in sample if is_informative(c)),
            "linked_commits": sum(1 for c in sample if link_kind(c)),
            "organisations_12_months": dict(orgs.most_common(10)),
            "unattributed_commits_12_months": unattributed,
            "tags": len(self.tags),
            "version_tags": len(self.version_tags),
            "latest_version_tag": latest.name if latest else None,
            "branches": len(self.branches),
        }


def from_history(history: GitHistory) -> HistoryEvidence:
    commits = tuple(history.commits)
    reference = history.head_date or (commits[0].committed_at if commits else None)
    human = tuple(c for c in commits if not is_bot(c.author_name, c.author_email))
    versions = [t for t in history.tags if VERSION_TAG.match(t.name)]
    # Newest first; tags without a date keep the reader's order after the dated ones.
    dated = sorted((t for t in versions if t.date), key=lambda t: aware(t.date), reverse=True)
    ordered = (*dated, *(t for t in versions if not t.date))
    return HistoryEvidence(
        reference=aware(reference) if reference else None,
        truncated=history.truncated,
        commits=commits,
        human=human,
        bot_commits=len(commits) - len(human),
        tags=tuple(history.tags),
        branches=tuple(history.branches),
        version_tags=ordered,
        merged_via_pull_request=_merged_via_pull_requests(commits),
        parents_known=any(c.parent_shas for c in commits),
    )


def _merged_via_pull_requests(commits: Sequence[Commit]) -> frozenset[str]:
    """Commits on the second-parent side of pull-request merges, up to the main line.

    The main line is the first-parent chain from the newest commit; whatever a merge's second
    parent reaches before joining it came in with that merge.
    """
    by_sha = {c.sha: c for c in commits}
    if not commits or not any(c.parent_shas for c in commits):
        return frozenset()
    mainline: set[str] = set()
    current: Commit | None = commits[0]
    while current is not None and current.sha not in mainline:
        mainline.add(current.sha)
        current = by_sha.get(current.parent_shas[0]) if current.parent_shas else None
    merged: set[str] = set()
    for commit in commits:
        if len(commit.parent_shas) < 2 or not is_pull_request_merge(commit):
            continue
        stack = list(commit.parent_shas[1:])
        while stack:
            sha = stack.pop()
            if sha in mainline or sha in merged or sha not in by_sha:
                continue
            merged.add(sha)
            stack.extend(by_sha[sha].parent_shas)
    return frozenset(merged)


@collector("history")
def history_evidence(snapshot: Snapshot) -> HistoryEvidence | None:
    """None when the snapshot carries no git history (not a checkout, or not read)."""
    if snapshot.history is None:
        return None
    return from_history(snapshot.history)


def history_at(snapshot: Snapshot, moment: datetime) -> HistoryEvidence | None:
    """The history with its windows counting back from ``moment``, the evaluation time."""
    found = history_evidence(snapshot)
    if found is None:
        return None
    return replace(found, reference=aware(moment))
