"""One tracking issue per repository: what is still open, and the questions only people answer.

The issue is found by its label and hidden marker (closed ones too), edited only when its content
changes (the marker carries a hash of the content), closed with a comment once every MUST
requirement is satisfied and reopened when something regresses. A maintainer's opt-out label stops
all of it. An organisation may gather the issues in one repository
(``tracking_issue: {repository: org/name}``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from publiccode_checker.evaluation.model import SATISFIED, Evaluation, RequirementResult, Verdict
from publiccode_checker.publishing.marker import (
    OPT_OUT_LABEL,
    TRACKING_LABEL,
    TRACKING_LABEL_COLOR,
    TRACKING_LABEL_DESCRIPTION,
    marker,
    read_marker,
)
from publiccode_checker.repo_config.model import RepoConfig
from publiccode_checker.reports.markdown import escape, question_list, requirement_block
from publiccode_checker.reports.presentation import title as report_title

MAX_BODY_CHARS = 65_000
_OPEN = (Verdict.FAIL, Verdict.WARN, Verdict.UNKNOWN)


class IssueClient(Protocol):
    def find_issues(self, full_name: str, label: str, state: str = "all",
                    creator: str | None = None) -> list[dict]: ...
    def create_issue(self, full_name: str, **fields: Any) -> dict: ...
    def update_issue(self, full_name: str, number: int, **fields: Any) -> dict: ...
    def add_comment(self, full_name: str, number: int, body: str) -> dict: ...
    def ensure_label(self, full_name: str, name: str, color: str, description: str) -> None: ...


@dataclass(frozen=True)
class TrackingSettings:
    enabled: bool
    #: Where issues live when not in the repository itself ("org/name").
    repository: str | None = None


@dataclass(frozen=True)
class IssueContent:
    title: str
    body: str
    content_hash: str


def tracking_settings(config: RepoConfig) -> TrackingSettings:
    """``tracking_issue: true`` or ``{enabled: true, repository: org/name}``; off by default."""
    value = config.extra.get("tracking_issue")
    if isinstance(value, bool):
        return TrackingSettings(value)
    if isinstance(value, Mapping):
        enabled = value.get("enabled", True)
        repository = value.get("repository")
        valid = isinstance(repository, str) and repository.count("/") == 1
        return TrackingSettings(enabled is not False, repository if valid else None)
    return TrackingSettings(False)


def _mode(config: RepoConfig, requirement_id: str) -> str:
    override = config.overrides.get(requirement_id)
    return (override.mode if override and override.mode else "issue")


def all_must_satisfied(evaluation: Evaluation) -> bool:
    return all(r.verdict in SATISFIED for r in evaluation.requirements if r.requirement.is_must)


def content(evaluation: Evaluation, repository: str, config: RepoConfig) -> IssueContent:
    """Title and body; nothing commit-specific, so an unchanged state gives the same hash."""
    listed = [r for r in evaluation.requirements if _mode(config, r.id) == "issue"]
    open_results = [r for r in listed if r.verdict in _OPEN]
    questions = [r for r in listed if r.verdict is Verdict.MANUAL]
    name = report_title(evaluation)
    if open_results or questions:
        title = (f"{name}: {len(open_results)} requirements to work on, "
                 f"{len(questions)} questions")
    else:
        title = f"{name}: every requirement is met or answered"
    lines = [
        f"This issue tracks how **{escape(repository)}** measures up to the {escape(name)}. "
        "publiccode-checker keeps it up to date after each check of the default branch.",
        "",
        f"**{evaluation.summary.sentence()}**",
        "",
    ]
    lines += _open_section(open_results)
    if questions:
        lines += [f"### Questions for people ({len(questions)})", "",
                  "Answer in `.github/publiccode-checker.yml` (comply or explain):", ""]
        lines += question_list(questions)
        lines.append("")
    if not open_results and not questions:
        lines += ["Nothing is open. 🎉", ""]
    lines += ["---", f"To stop updates to this issue, add the label `{OPT_OUT_LABEL}`."]
    body = "\n".join(lines)
    digest = hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()[:16]
    if len(body) > MAX_BODY_CHARS:
        body = body[:MAX_BODY_CHARS - 200]
        body = body[: body.rfind("\n")] + "\n\n*(cut to fit GitHub's limit)*"
    return IssueContent(title, f"{body}\n\n{marker(repository, digest)}\n", digest)


def _open_section(results: list[RequirementResult]) -> list[str]:
    if not results:
        return []
    lines = [f"### Requirements to work on ({len(results)})", ""]
    for result in results:
        lines += requirement_block(result)
    return lines


def find_issue(client: IssueClient, issue_repository: str, repository: str) -> dict | None:
    """Our issue for ``repository``: the oldest one with the label and a marker naming it."""
    ours = [issue for issue in client.find_issues(issue_repository, TRACKING_LABEL, state="all")
            if (found := read_marker(issue.get("body"))) is not None
            and found[0].lower() == repository.lower()]
    return min(ours, key=lambda issue: issue["number"]) if ours else None


def _labels(issue: Mapping[str, Any]) -> set[str]:
    return {label.get("name") if isinstance(label, Mapping) else str(label)
            for label in issue.get("labels") or ()}


def sync(client: IssueClient, repository: str, evaluation: Evaluation, config: RepoConfig,
         *, opted_out: bool = False) -> str:
    """Bring the tracking issue in line with ``evaluation``; returns what was done."""
    settings = tracking_settings(config)
    if not settings.enabled:
        return "disabled"
    issue_repository = settings.repository or repository
    wanted = content(evaluation, repository, config)
    issue = find_issue(client, issue_repository, repository)
    if issue is not None and (opted_out or OPT_OUT_LABEL in _labels(issue)):
        return "opted_out"
    done = all_must_satisfied(evaluation)
    if issue is None:
        if done:
            return "unchanged"
        client.ensure_label(issue_repository, TRACKING_LABEL, TRACKING_LABEL_COLOR,
                            TRACKING_LABEL_DESCRIPTION)
        client.create_issue(issue_repository, title=wanted.title, body=wanted.body,
                            labels=[TRACKING_LABEL])
        return "created"
    number = int(issue["number"])
    found = read_marker(issue.get("body"))
    same = found is not None and found[1] == wanted.content_hash
    is_open = issue.get("state") == "open"
    if done:
        if not is_open:
            return "unchanged"
        client.add_comment(issue_repository, number,
                           "Every MUST requirement is now met or explained "
                           f"(commit `{(evaluation.commit or '')[:7]}`). Closing this issue; "
                           "it reopens if something regresses.")
        client.update_issue(issue_repository, number, state="closed", state_reason="completed",
                            title=wanted.title, body=wanted.body)
        return "closed"
    if same:
        # Unchanged; a closed issue stays closed, since a person closed it knowingly.
        return "unchanged"
    if not is_open:
        client.update_issue(issue_repository, number, state="open", state_reason="reopened",
                            title=wanted.title, body=wanted.body)
        client.add_comment(issue_repository, number,
                           "Reopened: the requirements changed since this issue was closed "
                           f"(commit `{(evaluation.commit or '')[:7]}`).")
        return "reopened"
    client.update_issue(issue_repository, number, title=wanted.title, body=wanted.body)
    return "updated"
