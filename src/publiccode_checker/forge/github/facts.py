"""Turns GitHub's answers into the snapshot model's facts.

A fact GitHub refused to tell (a GraphQL field error, a 403/404 from an optional endpoint) stays
``UNKNOWN``: checks must be able to tell "not allowed to see" from "no".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from publiccode_checker.snapshots import (
    UNKNOWN,
    Commit,
    GitHistory,
    PullRequestFacts,
    Release,
    RepositoryFacts,
    ReviewRule,
    Tag,
)

_PASSED = {"SUCCESS": True, "FAILURE": False, "ERROR": False}


def parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


class FieldErrors:
    """Which parts of a GraphQL answer GitHub replaced with an error."""

    def __init__(self, errors: Iterable[dict[str, Any]]) -> None:
        self.paths = [tuple(e.get("path") or ()) for e in errors]

    def failed(self, *path: str) -> bool:
        """True when the field, or a field around it, was nulled by an error; an error deeper
        inside (e.g. in one pull request's reviews) does not make the whole field unknown."""
        wanted = ("repository", *path)
        return any(wanted[: len(p)] == p for p in self.paths if len(p) > 1)


def _nodes(data: dict[str, Any] | None, key: str) -> list[dict[str, Any]]:
    return [n for n in ((data or {}).get(key) or {}).get("nodes") or [] if n]


def _login(node: dict[str, Any] | None) -> str:
    return ((node or {}).get("author") or {}).get("login") or "ghost"


def pull_request_facts(node: dict[str, Any]) -> PullRequestFacts:
    author = _login(node)
    responses: list[datetime] = []
    approvers = set()
    for review in _nodes(node, "reviews"):
        if _login(review) != author:
            approvers.add(_login(review))
            if (when := parse_time(review.get("submittedAt"))) is not None:
                responses.append(when)
    comments_by_others = 0
    for comment in _nodes(node, "comments"):
        if _login(comment) != author:
            comments_by_others += 1
            if (when := parse_time(comment.get("createdAt"))) is not None:
                responses.append(when)
    rollup = None
    commits = _nodes(node, "commits")
    if commits:
        rollup = ((commits[-1].get("commit") or {}).get("statusCheckRollup") or {}).get("state")
    return PullRequestFacts(
        number=int(node["number"]),
        author=author,
        created_at=parse_time(node.get("createdAt")),
        merged_at=parse_time(node.get("mergedAt")),
        closed_at=parse_time(node.get("closedAt")),
        approvals_by_others=len(approvers),
        comments_by_others=comments_by_others,
        first_response_at=min(responses) if responses else None,
        is_bot=((node.get("author") or {}).get("__typename") == "Bot"),
        head_checks_passed=_PASSED.get(rollup or ""),
    )


def repository_facts(repo: dict[str, Any], errors: FieldErrors) -> RepositoryFacts:
    facts = RepositoryFacts()

    def put(name: str, field: str, value: Any) -> None:
        if field in repo and not errors.failed(field):
            setattr(facts, name, value)

    put("full_name", "nameWithOwner", repo.get("nameWithOwner"))
    put("owner", "owner", ((repo.get("owner") or {}).get("login")))
    put("html_url", "url", repo.get("url"))
    put("visibility", "visibility", (repo.get("visibility") or "").lower() or UNKNOWN)
    put("archived", "isArchived", repo.get("isArchived"))
    put("disabled", "isDisabled", repo.get("isDisabled"))
    put("fork", "isFork", repo.get("isFork"))
    put("description", "description", repo.get("description") or None)
    put("homepage", "homepageUrl", repo.get("homepageUrl") or None)
    put("topics", "repositoryTopics",
        tuple(n["topic"]["name"] for n in _nodes(repo, "repositoryTopics")))
    put("default_branch", "defaultBranchRef", (repo.get("defaultBranchRef") or {}).get("name"))
    put("has_issues", "hasIssuesEnabled", repo.get("hasIssuesEnabled"))
    put("has_discussions", "hasDiscussionsEnabled", repo.get("hasDiscussionsEnabled"))
    put("licence_spdx_id", "licenseInfo", (repo.get("licenseInfo") or {}).get("spdxId"))
    limit = (repo.get("interactionAbility") or {}).get("limit")
    if limit is not None or repo.get("interactionAbility") is None:
        put("interaction_limit", "interactionAbility",
            None if limit in (None, "NO_LIMIT") else limit.lower())
    put("releases", "releases", tuple(
        Release(tag=n["tagName"], name=n.get("name"), published_at=parse_time(n.get("publishedAt")),
                prerelease=bool(n.get("isPrerelease")),
                has_notes=bool((n.get("description") or "").strip()))
        for n in _nodes(repo, "releases")))
    put("open_pull_requests", "openPullRequests",
        (repo.get("openPullRequests") or {}).get("totalCount"))
    put("merged_pull_requests", "mergedPullRequests",
        tuple(pull_request_facts(n) for n in _nodes(repo, "mergedPullRequests")))
    put("closed_unmerged_pull_requests", "closedPullRequests",
        tuple(pull_request_facts(n) for n in _nodes(repo, "closedPullRequests")))
    put("open_milestones_with_due_date", "milestones",
        sum(1 for n in _nodes(repo, "milestones") if n.get("dueOn")))
    return facts


def classic_protection(repo: dict[str, Any], errors: FieldErrors) -> ReviewRule | Any | None:
    """The default branch's classic protection as a ReviewRule, None, or UNKNOWN."""
    if errors.failed("defaultBranchRef", "branchProtectionRule"):
        return UNKNOWN
    ref = repo.get("defaultBranchRef")
    if not ref or "branchProtectionRule" not in ref:
        return UNKNOWN
    rule = ref["branchProtectionRule"]
    if rule is None:
        return None
    approvals = rule.get("requiredApprovingReviewCount") or 0
    if not rule.get("requiresApprovingReviews"):
        approvals = 0
    return ReviewRule(
        source="branch protection",
        required_approvals=int(approvals),
        bypass_allowed=not rule.get("isAdminEnforced", False),
        required_status_checks=tuple(rule.get("requiredStatusCheckContexts") or ()),
    )


def ruleset_review_rule(rules: list[dict[str, Any]]) -> ReviewRule | None:
    """The strongest pull-request rule among the rulesets that apply to the branch."""
    checks: list[str] = []
    for rule in rules:
        if rule.get("type") == "required_status_checks":
            for check in (rule.get("parameters") or {}).get("required_status_checks") or []:
                if check.get("context"):
                    checks.append(check["context"])
    pull_rules = [r for r in rules if r.get("type") == "pull_request"]
    if not pull_rules:
        return None
    best = max(pull_rules, key=lambda r: (r.get("parameters") or {}).get(
        "required_approving_review_count", 0))
    return ReviewRule(
        source=f"ruleset {best.get('ruleset_source') or best.get('ruleset_id') or ''}".strip(),
        required_approvals=int((best.get("parameters") or {}).get(
            "required_approving_review_count", 0)),
        bypass_allowed=None,  # this endpoint does not say who may bypass
        required_status_checks=tuple(checks),
    )


def combine_review_rules(ruleset: ReviewRule | Any | None, classic: ReviewRule | Any | None
                         ) -> ReviewRule | Any | None:
    """The stricter of the two sources; None only when both are known to be absent."""
    known = [r for r in (ruleset, classic) if r is not UNKNOWN]
    present = [r for r in known if r is not None]
    if present:
        return max(present, key=lambda r: r.required_approvals)
    if len(known) == 2:
        return None
    return UNKNOWN


def git_history(repo: dict[str, Any], default_branch: str | None) -> GitHistory | None:
    commit = repo.get("commit")
    if not commit:
        return None
    history = commit.get("history") or {}
    commits = []
    for node in history.get("nodes") or []:
        author = node.get("author") or {}
        authored = parse_time(node.get("authoredDate"))
        committed = parse_time(node.get("committedDate"))
        if authored is None or committed is None:
            continue
        signature = node.get("signature")
        commits.append(Commit(
            sha=node["oid"],
            parents=int((node.get("parents") or {}).get("totalCount", 0)),
            author_name=author.get("name") or "",
            author_email=author.get("email") or "",
            authored_at=authored,
            committed_at=committed,
            subject=node.get("messageHeadline") or "",
            body=node.get("messageBody") or "",
            signed=bool(signature.get("isValid")) if signature else False,
        ))
    tags = []
    for node in _nodes(repo, "refs"):
        target = node.get("target") or {}
        if "tagger" in target or "target" in target:  # annotated tag object
            sha = (target.get("target") or {}).get("oid") or target.get("oid", "")
            date = parse_time((target.get("tagger") or {}).get("date"))
        else:
            sha, date = target.get("oid", ""), parse_time(target.get("committedDate"))
        tags.append(Tag(node["name"], sha, date))
    return GitHistory(
        head=commit["oid"],
        head_date=parse_time(commit.get("committedDate")),
        commits=tuple(commits),
        tags=tuple(tags),
        branches=(default_branch,) if default_branch else (),
        truncated=bool((history.get("pageInfo") or {}).get("hasNextPage")),
    )
