"""Review of contributions: approvals, feedback on rejections, branch rules and review speed.

Review facts come from the forge API. Without them, the history gives a proxy for RR-1 (did
commits arrive through pull requests?), which is labelled as such and never fails a requirement.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta

from publiccode_checker.checks import (
    Evidence,
    Example,
    Finding,
    Strength,
    check,
    failed,
    info,
    needs_person,
    passed,
    unknown,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.history import (
    aware,
    history_at,
    is_pull_request_merge,
)
from publiccode_checker.snapshots import (
    Commit,
    GitHistory,
    PullRequestFacts,
    ReviewRule,
    Snapshot,
)

MAX_LISTED = 5
#: Review time is measured in weekday hours; two business days is 48 of them.
BUSINESS_LIMIT = timedelta(days=2)
_SETTINGS_APPROVALS = re.compile(r"required_approving_review_count\s*:\s*(\d+)")




def _facts(snapshot: Snapshot, name: str) -> tuple[PullRequestFacts, ...] | None:
    facts = snapshot.facts
    return tuple(getattr(facts, name) or ()) if facts.known(name) else None


def _pr(pr: PullRequestFacts) -> str:
    when = pr.merged_at or pr.closed_at or pr.created_at
    return f"#{pr.number} by {pr.author}" + (f" ({when.date()})" if when else "")


def _rule_evidence(snapshot: Snapshot) -> list[Evidence]:
    facts = snapshot.facts
    if not facts.known("review_rule"):
        return []
    rule = facts.review_rule
    if rule is None:
        return [Evidence("the default branch has no review rule")]
    return [Evidence(f"{rule.source} requires {rule.required_approvals} approving reviews")]


def _requires_review(rule: ReviewRule | None) -> bool:
    return rule is not None and rule.required_approvals >= 1 and rule.bypass_allowed is False


# -- example data for the reference pages -----------------------------------------------------
#: The examples are evaluated on this day, a week after their pull requests.
_EXAMPLE_TIME = datetime(2026, 3, 10, 12, tzinfo=UTC)

def _example_pr(number: int, day: int, *, approvals: int = 1, comments: int = 0,
                response_hours: float | None = 3, merged: bool = True,
                author: str = "anna") -> PullRequestFacts:
    """A pull request opened on a weekday of March 2026 and closed a day later."""
    opened = datetime(2026, 3, day, 9, tzinfo=UTC)
    return PullRequestFacts(
        number=number, author=author, created_at=opened,
        merged_at=opened + timedelta(days=1) if merged else None,
        closed_at=opened + timedelta(days=1),
        approvals_by_others=approvals, comments_by_others=comments,
        first_response_at=(opened + timedelta(hours=response_hours)
                           if response_hours is not None else None),
    )


def _example_history(*subjects: str) -> GitHistory:
    """Commits by one person on the first days of March 2026, newest first."""
    commits = tuple(
        Commit(f"{n:040x}", 1, "Anna Berg", "anna@eastbrook.example.nl",
               datetime(2026, 3, 10 - n, 10, tzinfo=UTC), datetime(2026, 3, 10 - n, 10, tzinfo=UTC),
               subject)
        for n, subject in enumerate(subjects, 1))
    return GitHistory(head=commits[0].sha, head_date=datetime(2026, 3, 9, 10, tzinfo=UTC),
                      commits=commits)


_README = {"README.md": "# Permits\n"}


@check(
    id="contributions-reviewed",
    title="Every contribution is reviewed by someone else before it is merged",
    requirements=["RR-1", "RR-9"],
    strength=Strength.DECISIVE,
    why=(
        "A second person reading each change catches mistakes and shares knowledge of the code; "
        "changes pushed straight to the main branch skip that."
    ),
    how_to_fix=(
        "Merge every change through a pull request approved by someone other than its author, "
        "and protect the default branch so that this is required."
    ),
    limitations=(
        "With forge facts it judges pull requests only: direct pushes to the default branch go "
        "unseen as long as some pull requests were merged in the window, and bot pull requests "
        "merged without approval count against the share. Only a formal approval counts; review "
        "given in comments does not, and a rubber-stamp approval does. Offline, the history "
        "cannot show approvals at all: pull request numbers in commit subjects lead to a "
        "question, never to a pass, and direct commits to a warning, never to a failure."
    ),
    examples=[
        Example("Every recent pull request was approved, and the rule asks for two reviews",
                _README, {"RR-1": "pass", "RR-9": "pass"},
                facts={"merged_pull_requests": (_example_pr(41, 2), _example_pr(42, 3),
                                                _example_pr(43, 4, approvals=2)),
                       "review_rule": ReviewRule("ruleset", 2, bypass_allowed=False)},
                evaluated_at=_EXAMPLE_TIME),
        Example("Most pull requests were merged without an approving review",
                _README, {"RR-1": "fail", "RR-9": "info"},
                facts={"merged_pull_requests": (_example_pr(41, 2, approvals=0),
                                                _example_pr(42, 3, approvals=0),
                                                _example_pr(43, 4))},
                evaluated_at=_EXAMPLE_TIME),
        Example("Offline, the history shows commits pushed straight to the branch",
                _README, {"RR-1": "warn", "RR-9": "unknown"},
                history=_example_history("Change the fee table for 2026",
                                         "Fix the date on the permit letter")),
    ],
)
def contributions_reviewed(context: CheckContext) -> Iterator[Finding]:
    """RR-1, from the forge: of up to 100 pull requests merged in the 90 days before the
    evaluation time, passes when all were approved by someone other than the author, warns from
    80% and fails below. When none was merged it fails if people committed in those 90 days
    anyway, passes if the branch rule requires an approving review nobody may bypass, and is
    otherwise unknown. Without forge facts it uses the git history as a proxy: a question
    (manual) when recent commits came through pull requests, a warning when some look pushed
    directly, unknown without history. RR-9 passes when the branch rule requires two approvals,
    is unknown without forge facts, and otherwise reports how many pull requests had two (info)."""
    snapshot = context.snapshot
    merged = _facts(snapshot, "merged_pull_requests")
    moment = context.evaluated_at
    yield (_rr1_api(snapshot, merged, moment) if merged is not None
           else _rr1_proxy(snapshot, moment))
    yield _rr9(snapshot, merged, moment)


def _rr1_api(snapshot: Snapshot, merged: tuple[PullRequestFacts, ...],
             moment: datetime) -> Finding:
    rule = _rule_evidence(snapshot)
    window = _merged_since(merged, moment, 90)[:100]
    if not window:
        history = history_at(snapshot, moment)
        recent = history.since(90, history.human_non_merge) if history else []
        if recent:
            return failed("RR-1", f"{len(recent)} commits by people reached the default branch "
                          "in the last 90 days, but no pull request was merged.",
                          *[Evidence(f"{c.sha[:7]} {c.subject[:60]!r} by {c.author_name}")
                            for c in recent[:MAX_LISTED]], *rule)
        if snapshot.facts.known("review_rule") and _requires_review(snapshot.facts.review_rule):
            return passed("RR-1", "No pull requests merged in the last 90 days; the branch rule "
                          "requires an approving review.", *rule)
        return unknown("RR-1", "No pull requests merged in the last 90 days to check.", *rule)
    unapproved = [p for p in window if p.approvals_by_others < 1]
    share = 1 - len(unapproved) / len(window)
    evidence = [Evidence(f"{len(window) - len(unapproved)} of {len(window)} pull requests merged "
                         "in the last 90 days were approved by someone other than the author")]
    evidence += [Evidence(f"merged without approval: {_pr(p)}" + (" (bot)" if p.is_bot else ""))
                 for p in unapproved[:MAX_LISTED]]
    evidence += rule
    if share == 1:
        return passed("RR-1", "Every recently merged pull request was approved by another "
                      "person.", *evidence)
    if share >= 0.8:
        return warned("RR-1", f"{len(unapproved)} recently merged pull requests had no approving "
                      "review.", *evidence)
    return failed("RR-1", f"Only {share:.0%} of recently merged pull requests were approved by "
                  "another person.", *evidence)


def _merged_since(prs: Sequence[PullRequestFacts], moment: datetime,
                  days: int) -> list[PullRequestFacts]:
    start = aware(moment) - timedelta(days=days)
    chosen = [p for p in prs if p.merged_at and aware(p.merged_at) >= start]
    return sorted(chosen, key=lambda p: aware(p.merged_at), reverse=True)  # type: ignore[arg-type]


def _rr1_proxy(snapshot: Snapshot, moment: datetime) -> Finding:
    history = history_at(snapshot, moment)
    if history is None:
        return unknown("RR-1", "No review data from the forge and no git history available.")
    commits = history.since(365, history.human_non_merge)
    if not commits:
        return unknown("RR-1", "No commits by people in the last 12 months to check.")
    through_pr = [c for c in commits if history.via_pull_request(c)]
    merges = [c for c in history.since(365, history.commits) if is_pull_request_merge(c)]
    others = [c for c in commits if not history.via_pull_request(c)]
    evidence = [Evidence(f"proxy from history: {len(through_pr)} of {len(commits)} commits by "
                         f"people in the last 12 months carry a pull request number; "
                         f"{len(merges)} pull request merges; approvals cannot be seen without "
                         "the forge API")]
    evidence += _rule_evidence(snapshot)
    if not others:
        return needs_person("RR-1", "All recent commits came in through pull requests (proxy); "
                            "confirm that each was approved by someone other than its author.",
                            *evidence)
    listed = [Evidence(f"no pull request number: {c.sha[:7]} {c.subject[:60]!r}")
              for c in others[:MAX_LISTED]]
    if merges and not history.parents_known:
        return needs_person("RR-1", f"{len(others)} recent commits carry no pull request number; "
                            "pull request merges may have brought them in. Confirm that every "
                            "change was reviewed.", *evidence, *listed)
    return warned("RR-1", f"{len(others)} recent commits look like direct pushes to the default "
                  "branch (proxy; no pull request number or merge).", *evidence, *listed)


def _rr9(snapshot: Snapshot, merged: tuple[PullRequestFacts, ...] | None,
         moment: datetime) -> Finding:
    facts = snapshot.facts
    if facts.known("review_rule") and facts.review_rule is not None \
            and facts.review_rule.required_approvals >= 2:
        return passed("RR-9", "The branch rule requires at least two approving reviews.",
                      *_rule_evidence(snapshot))
    if merged is None:
        return unknown("RR-9", "Review data from the forge was not gathered.")
    window = _merged_since(merged, moment, 90)
    if not window:
        return info("RR-9", "No pull requests merged in the last 90 days.")
    two = sum(1 for p in window if p.approvals_by_others >= 2)
    return info("RR-9", f"{two} of {len(window)} recently merged pull requests had two or more "
                "approvals from others.")


@check(
    id="rejection-feedback",
    title="Rejected contributions get feedback",
    requirements=["RR-3"],
    strength=Strength.WEAK,
    why=(
        "A contributor whose pull request is closed deserves to know why, or they will not "
        "come back."
    ),
    how_to_fix=(
        "Before closing a pull request without merging it, leave a comment or review that "
        "explains the decision and what could make it acceptable."
    ),
    limitations=(
        "Any comment or approval by someone else counts as feedback, including a bot's or a "
        "one-word 'closing'; on GitHub, line comments and 'changes requested' reviews without "
        "a conversation comment are not counted, so such pull requests look silent. A pull "
        "request its author withdrew without a word warns as well. Explanations given in a "
        "linked issue, a chat or a meeting are not seen. Without forge facts it is unknown, "
        "and it never fails."
    ),
    examples=[
        Example("The closed pull request got an explanation",
                _README, {"RR-3": "pass"},
                facts={"closed_unmerged_pull_requests": (
                    _example_pr(44, 5, approvals=0, comments=2, merged=False),)},
                evaluated_at=_EXAMPLE_TIME),
        Example("A pull request was closed without a word from anyone else",
                _README, {"RR-3": "warn"},
                facts={"closed_unmerged_pull_requests": (
                    _example_pr(44, 5, approvals=0, comments=2, merged=False),
                    _example_pr(45, 6, approvals=0, merged=False, response_hours=None))},
                evaluated_at=_EXAMPLE_TIME),
        Example("Offline: closed pull requests are not known",
                _README, {"RR-3": "unknown"}),
    ],
)
def rejection_feedback(context: CheckContext) -> Iterator[Finding]:
    """Reads the pull requests closed without merging from the forge and keeps those by people
    (not bots) closed in the 12 months before the evaluation time. Passes when there are none
    or when each got at least one comment or approving review from someone other than its
    author; warns when some got neither. Unknown when the forge was not asked."""
    snapshot = context.snapshot
    moment = context.evaluated_at
    closed = _facts(snapshot, "closed_unmerged_pull_requests")
    if closed is None:
        yield unknown("RR-3", "Closed pull requests were not read from the forge.")
        return
    start = aware(moment) - timedelta(days=365)
    window = [p for p in closed if not p.is_bot
              and (p.closed_at or p.created_at) and aware(p.closed_at or p.created_at) >= start]
    if not window:
        yield passed("RR-3", "No pull requests by people were closed without merging in the "
                     "last 12 months.", strength=Strength.DECISIVE)
        return
    silent = [p for p in window if p.comments_by_others + p.approvals_by_others == 0]
    evidence = [Evidence(f"{len(window) - len(silent)} of {len(window)} pull requests closed "
                         "without merging got a comment or review from someone else")]
    evidence += [Evidence(f"closed without feedback: {_pr(p)}") for p in silent[:MAX_LISTED]]
    if not silent:
        # Any comment stands in for an explanation (a proxy): weak, as declared.
        yield passed("RR-3", "Every rejected pull request got feedback.", *evidence)
    else:
        yield warned("RR-3", f"{len(silent)} pull requests were closed without feedback from "
                     "anyone but their author (some may have been withdrawn by the author).",
                     *evidence)


@check(
    id="review-context",
    title="Reviewers come from a different context than contributors",
    requirements=["RR-6"],
    strength=Strength.WEAK,
    why=(
        "A reviewer from another team or organisation notices assumptions that people who "
        "share a context take for granted."
    ),
    how_to_fix=(
        "Ask people from other teams or organisations using the codebase to review pull "
        "requests, and say so in the contribution guidelines."
    ),
    limitations=(
        "It never passes or fails: it cannot tell who reviewed a change or where they work. The "
        "organisations it lists come from the domains of committers' e-mail addresses, so "
        "people using webmail or GitHub's noreply addresses are not attributed, and two teams "
        "of one organisation look like one context. The approval count says that someone else "
        "approved, not that they came from elsewhere."
    ),
    examples=[
        Example("Commits from one council and approved pull requests",
                _README, {"RR-6": "manual"},
                facts={"merged_pull_requests": (_example_pr(41, 2), _example_pr(42, 3))},
                history=_example_history("Change the fee table for 2026"),
                evaluated_at=_EXAMPLE_TIME),
        Example("Nothing known about reviewers",
                _README, {"RR-6": "manual"}),
    ],
)
def review_context(context: CheckContext) -> Iterator[Finding]:
    """Always asks a person (manual). As evidence it lists the organisations whose e-mail
    domains appear on commits by people in the last 12 months of history, and, from the forge,
    how many of the pull requests merged in the last 90 days were approved by someone other
    than their author."""
    snapshot = context.snapshot
    moment = context.evaluated_at
    evidence = []
    history = history_at(snapshot, moment)
    if history is not None:
        counts, unattributed = history.organisations(365)
        if counts:
            table = ", ".join(f"{org}: {n}" for org, n in counts.most_common(5))
            evidence.append(Evidence(f"organisations committing in the last 12 months: {table}"
                                     f" ({unattributed} commits not attributable)"))
    merged = _facts(snapshot, "merged_pull_requests")
    if merged is not None:
        window = _merged_since(merged, moment, 90)
        approved = sum(1 for p in window if p.approvals_by_others)
        evidence.append(Evidence(f"{approved} of {len(window)} pull requests merged in the last "
                                 "90 days were approved by someone other than the author"))
    yield needs_person("RR-6", "Whether reviewers come from another context than the authors "
                       "needs a person to confirm.", *evidence)


@check(
    id="branch-protection",
    title="The default branch does not accept unreviewed changes",
    requirements=["RR-7"],
    strength=Strength.DECISIVE,
    why=(
        "When the forge itself requires an approving review before merging, no change can slip "
        "into a release unreviewed, even by accident."
    ),
    how_to_fix=(
        "Add a ruleset or branch protection on the default branch that requires a pull request "
        "with at least one approving review, and do not let admins bypass it."
    ),
    limitations=(
        "It reads only the default branch's rule; release branches are not looked at. A "
        "ruleset does not say who may bypass it, so a required review passes even when admins "
        "can skip it. Offline, nothing is known: the verdict is unknown, or a question when "
        ".github/settings.yml declares a review count (the file is only applied if the "
        "Settings app is installed). It never fails."
    ),
    examples=[
        Example("A ruleset requires one approving review and allows no bypass",
                _README, {"RR-7": "pass"},
                facts={"review_rule": ReviewRule("ruleset", 1, bypass_allowed=False)}),
        Example("The default branch has no review rule",
                _README, {"RR-7": "warn"}, facts={"review_rule": None}),
        Example("Offline, with a review count declared in .github/settings.yml",
                {".github/settings.yml": "branches:\n  - name: main\n    protection:\n"
                                         "      required_pull_request_reviews:\n"
                                         "        required_approving_review_count: 1\n"},
                {"RR-7": "manual"}),
    ],
)
def branch_protection(context: CheckContext) -> Iterator[Finding]:
    """Reads the review rule of the default branch (ruleset or classic branch protection) from
    the forge. Passes when it requires at least one approving review and nobody may bypass it,
    or when whether anyone may bypass it is not reported; warns when there is no rule, it
    requires no approval, or admins may bypass it. Without forge facts it asks a person when
    .github/settings.yml declares a required review count, and is unknown otherwise."""
    snapshot = context.snapshot
    facts = snapshot.facts
    if not facts.known("review_rule"):
        declared = _declared_in_settings(snapshot)
        if declared:
            yield needs_person("RR-7", "Review rules are declared in the repository settings "
                               "file, but whether the forge applies them was not read.", declared)
        else:
            yield unknown("RR-7", "Branch protection and rulesets were not read from the forge; "
                          "confirm that the default branch requires an approving review.")
        return
    rule = facts.review_rule
    evidence = _rule_evidence(snapshot)
    if rule is None or rule.required_approvals < 1:
        yield warned("RR-7", "The default branch accepts changes without an approving review.",
                     *evidence)
    elif rule.bypass_allowed:
        yield warned("RR-7", "An approving review is required, but admins or bypass actors can "
                     "skip it.", *evidence)
    else:
        note = " (whether anyone may bypass it was not read)" if rule.bypass_allowed is None \
            else ""
        yield passed("RR-7", f"The default branch requires an approving review{note}.",
                     *evidence)


def _declared_in_settings(snapshot: Snapshot) -> Evidence | None:
    text = snapshot.read_text(".github/settings.yml", 64 * 1024)
    match = _SETTINGS_APPROVALS.search(text or "")
    if match and int(match.group(1)) >= 1:
        line = (text or "").count("\n", 0, match.start()) + 1
        return Evidence(f"requires {match.group(1)} approving reviews", ".github/settings.yml",
                        line)
    return None


@check(
    id="review-speed",
    title="Reviews start within two business days",
    requirements=["RR-8"],
    strength=Strength.DECISIVE,
    why=(
        "Contributors lose momentum and interest when nobody reacts to their pull request; a "
        "first response within two working days keeps them engaged."
    ),
    how_to_fix=(
        "Agree who watches new pull requests (for example a rota or CODEOWNERS) and give a "
        "first review or comment within two business days."
    ),
    limitations=(
        "Business days are Monday to Friday in the time zone of the opening date; public "
        "holidays count as working days. Any comment by someone else is a response, including "
        "a bot's (a CLA or preview bot can make every review look fast), while a pull request "
        "that nobody else commented on counts as late even when it was merged within the hour. "
        "Without forge facts, or without pull requests by people in the last 180 days, it is "
        "unknown."
    ),
    examples=[
        Example("Every pull request got a first response within hours",
                _README, {"RR-8": "pass"},
                facts={"merged_pull_requests": (_example_pr(41, 2), _example_pr(42, 3),
                                                _example_pr(43, 4, response_hours=20))},
                evaluated_at=_EXAMPLE_TIME),
        Example("Pull requests waited a week for a first response",
                _README, {"RR-8": "warn"},
                facts={"merged_pull_requests": (_example_pr(41, 2, response_hours=24 * 7),
                                                _example_pr(42, 3, approvals=0,
                                                            response_hours=None),
                                                _example_pr(43, 4))},
                evaluated_at=_EXAMPLE_TIME),
        Example("Offline: pull request timings are not known",
                _README, {"RR-8": "unknown"}),
    ],
)
def review_speed(context: CheckContext) -> Iterator[Finding]:
    """Takes the merged and closed pull requests by people that were opened in the 180 days
    before the evaluation time, and measures for each the time from opening to the first
    comment or review by someone else, counting weekdays only. Passes when at least 90% got
    that response within two business days (48 weekday hours); warns otherwise, where a pull
    request without any response counts as late. Unknown when the forge was not asked or no
    such pull requests exist."""
    snapshot = context.snapshot
    moment = context.evaluated_at
    merged = _facts(snapshot, "merged_pull_requests")
    closed = _facts(snapshot, "closed_unmerged_pull_requests")
    if merged is None and closed is None:
        yield unknown("RR-8", "Pull request timings were not read from the forge.")
        return
    prs = [*(merged or ()), *(closed or ())]
    start = aware(moment) - timedelta(days=180)
    window = [p for p in prs if not p.is_bot and p.created_at and aware(p.created_at) >= start]
    if not window:
        yield unknown("RR-8", "No pull requests by people were opened in the last 180 days.")
        return
    waits: list[tuple[timedelta | None, PullRequestFacts]] = []
    for pr in window:
        opened, response = pr.created_at, pr.first_response_at
        if opened is None or response is None:
            waits.append((None, pr))
        else:
            waits.append((business_time(aware(opened), aware(response)), pr))
    on_time = sum(1 for wait, _ in waits if wait is not None and wait <= BUSINESS_LIMIT)
    share = on_time / len(waits)
    measured = sorted(w.total_seconds() / 86400 for w, _ in waits if w is not None)
    stats = f"{on_time} of {len(waits)} pull requests got a first response within two business days"
    if measured:
        p90 = measured[min(len(measured) - 1, int(0.9 * len(measured)))]
        stats += f"; median {statistics.median(measured):.1f}, p90 {p90:.1f} business days"
    slowest = sorted(waits, key=lambda w: -(w[0].total_seconds() if w[0] else float("inf")))
    listed = [Evidence(f"{_pr(p)}: " + (f"{w.total_seconds() / 86400:.1f} business days"
                                         if w is not None else "no response from others"))
              for w, p in slowest[:MAX_LISTED] if w is None or w > BUSINESS_LIMIT]
    if share >= 0.9:
        yield passed("RR-8", f"{share:.0%} of pull requests got a first response within two "
                     "business days.", Evidence(stats))
    else:
        yield warned("RR-8", f"Only {share:.0%} of pull requests got a first response within "
                     "two business days.", Evidence(stats), *listed)


def business_time(start: datetime, end: datetime) -> timedelta:
    """Time between two moments counting Monday to Friday only."""
    if end <= start:
        return timedelta(0)
    end = end.astimezone(start.tzinfo)
    total = timedelta(0)
    day: date = start.date()
    # Long waits are capped: beyond a year the exact figure does not matter.
    for _ in range(400):
        if day > end.date():
            break
        if day.weekday() < 5:
            day_start = datetime.combine(day, datetime.min.time(), tzinfo=start.tzinfo)
            lo = max(start, day_start)
            hi = min(end, day_start + timedelta(days=1))
            if hi > lo:
                total += hi - lo
        day += timedelta(days=1)
    return total
