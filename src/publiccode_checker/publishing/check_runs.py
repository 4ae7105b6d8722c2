"""The "Standard for Public Code" check run: started in progress, completed with the report.

Writes go through the installation client only; the client paces them and makes a retried POST
safe, so a check run is never created twice for one attempt.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime
from typing import Any, Protocol

from publiccode_checker.evaluation.model import Conclusion, Evaluation
from publiccode_checker.publishing.comparison import Comparison
from publiccode_checker.publishing.output import (
    ACTIONS,
    CHECK_NAME,
    annotation_payloads,
    batches,
    check_title,
    cut,
    fix_guide,
    summary,
)


class CheckRunClient(Protocol):
    def create_check_run(self, full_name: str, **body: Any) -> dict: ...
    def update_check_run(self, full_name: str, check_run_id: int, **body: Any) -> dict: ...
    def list_check_runs(self, full_name: str, sha: str,
                        check_name: str | None = None) -> list[dict]: ...


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_conclusion(evaluation: Evaluation) -> str:
    """The engine's conclusion, adjusted by ``fail_on`` (report-only mode never fails)."""
    conclusion = evaluation.conclusion
    if evaluation.report_only:
        return Conclusion.NEUTRAL.value if conclusion is Conclusion.FAILURE else conclusion.value
    if evaluation.fail_on == "never" and conclusion is Conclusion.FAILURE:
        return Conclusion.NEUTRAL.value
    if evaluation.fail_on == "should" and evaluation.summary.should_warnings:
        return Conclusion.FAILURE.value
    return conclusion.value


def start(client: CheckRunClient, repository: str, sha: str, *, details_url: str | None,
          external_id: str | None) -> int:
    body: dict[str, Any] = {"name": CHECK_NAME, "head_sha": sha, "status": "in_progress",
                            "started_at": _now()}
    if details_url:
        body["details_url"] = details_url
    if external_id:
        body["external_id"] = external_id
    return int(client.create_check_run(repository, **body)["id"])


def find_started(client: CheckRunClient, repository: str, sha: str,
                 external_id: str) -> int | None:
    """The run an earlier attempt of the same job created, if GitHub has one.

    A worker can die after GitHub created the run but before its id was stored; the next
    attempt must finish that run rather than start a second one.
    """
    for run in client.list_check_runs(repository, sha, check_name=CHECK_NAME):
        if run.get("external_id") == external_id:
            return int(run["id"])
    return None


def complete(client: CheckRunClient, repository: str, check_run_id: int,
             evaluation: Evaluation, *, comparison: Comparison | None = None,
             details_url: str | None = None, known_paths: Collection[str] | None = None) -> str:
    """Complete the run with the report; annotations beyond the first 50 follow in batches."""
    items, dropped = annotation_payloads(evaluation, known_paths)
    groups = batches(items) or [[]]
    title = check_title(evaluation)
    text = summary(evaluation, comparison, details_url, dropped)
    conclusion = check_conclusion(evaluation)
    body: dict[str, Any] = {
        "status": "completed", "conclusion": conclusion, "completed_at": _now(),
        "output": {"title": title, "summary": text, "annotations": groups[0]},
        "actions": ACTIONS,
    }
    if details_url:
        body["details_url"] = details_url
    client.update_check_run(repository, check_run_id, **body)
    for group in groups[1:]:
        # Each PATCH appends its annotations to the run's.
        client.update_check_run(repository, check_run_id,
                                output={"title": title, "summary": text, "annotations": group})
    return conclusion


def complete_neutral(client: CheckRunClient, repository: str, check_run_id: int,
                     reason: str) -> None:
    """Close a run we cannot finish, saying why, so it is never left in progress."""
    client.update_check_run(repository, check_run_id, status="completed", conclusion="neutral",
                            completed_at=_now(), actions=ACTIONS[:1], output={
                                "title": "The check could not be completed",
                                "summary": cut(f"{reason}\n\nUse **Re-check** to try again.\n"),
                            })


def add_fix_guide(client: CheckRunClient, repository: str, check_run_id: int,
                  evaluation: Evaluation, details_url: str | None = None) -> None:
    client.update_check_run(repository, check_run_id, output={
        "title": check_title(evaluation),
        "summary": summary(evaluation, None, details_url),
        "text": fix_guide(evaluation, details_url),
    })
