"""One job, start to finish: snapshot -> evaluation -> check run, tracking issue, verdicts.

Every GitHub call goes through the installation client. The check run is recorded in the database
the moment it exists, so if this process dies the reaper can finish it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from publiccode_checker.evaluation.engine import evaluate
from publiccode_checker.evaluation.model import Evaluation
from publiccode_checker.jobs import store
from publiccode_checker.jobs.org_config import org_config
from publiccode_checker.jobs.requests import KIND_CHECK, KIND_HOW_TO_FIX, KIND_SCAN
from publiccode_checker.publishing import check_runs, tracking_issue
from publiccode_checker.publishing.comparison import Comparison, compare
from publiccode_checker.repo_config.loader import load_repo_config
from publiccode_checker.repo_config.model import RepoConfig
from publiccode_checker.settings import Settings
from publiccode_checker.store import tracking_state
from publiccode_checker.store.database.service_models import Job
from publiccode_checker.store.recording import load_base_verdicts, record, record_base


@dataclass(frozen=True)
class Outcome:
    state: str  # "done" | "skipped"
    conclusion: str | None = None
    issue: str | None = None
    note: str | None = None


def execute(job: Job, *, app: Any, settings: Settings) -> Outcome:
    client = app.installation(job.installation_id)
    repository = job.repository
    if job.kind == KIND_SCAN:
        info = client.get_repository(repository)
        if info.get("archived") or info.get("disabled"):
            return Outcome("skipped", note="archived or disabled repository")
        repository = info.get("full_name") or repository
    details_url = settings.details_url(repository)
    check_run_id = job.check_run_id
    if job.kind == KIND_CHECK and check_run_id is None:
        external_id = f"job-{job.id}"
        # Only a retried job can have lost a run it created; the first attempt spends no read.
        if job.attempts > 1:
            check_run_id = check_runs.find_started(client, repository, job.sha, external_id)
        if check_run_id is None:
            check_run_id = check_runs.start(client, repository, job.sha,
                                            details_url=details_url, external_id=external_id)
        store.record_check_run(job.id, check_run_id, "in_progress")

    snapshot = client.read_snapshot(repository, job.sha)
    org = org_config(client, job.installation_id, repository.partition("/")[0])
    repo_config = load_repo_config(snapshot)
    evaluation = evaluate(snapshot, config=repo_config, org_config=org)
    record(evaluation, snapshot, installation_id=job.installation_id, repository=repository,
           trigger=job.trigger, pull_request=job.pull_number)
    config = repo_config.merged_over(org) if org is not None else repo_config

    conclusion = None
    if job.kind == KIND_CHECK and check_run_id is not None:
        comparison = _comparison(client, job, repository, evaluation, org)
        conclusion = check_runs.complete(client, repository, check_run_id, evaluation,
                                         comparison=comparison, details_url=details_url,
                                         known_paths=set(snapshot.paths))
        store.record_check_run(job.id, check_run_id, "completed", conclusion)
    elif job.kind == KIND_HOW_TO_FIX and check_run_id is not None:
        check_runs.add_fix_guide(client, repository, check_run_id, evaluation, details_url)
    issue = None
    if job.update_issue:
        issue = _tracking_issue(client, repository, evaluation, config)
    return Outcome("done", conclusion, issue)


def _comparison(client: Any, job: Job, repository: str, head: Evaluation,
                org: RepoConfig | None) -> Comparison | None:
    """Head against the pull request's base; the base is evaluated once and then reused."""
    if not job.base_sha or job.base_sha == job.sha:
        return None
    from publiccode_checker.forge.github import NotFound

    base = load_base_verdicts(repository, job.base_sha, head.profile.id)
    if base is None:
        try:
            snapshot = client.read_snapshot(repository, job.base_sha)
        except NotFound:
            return None  # base commit gone (force-pushed away): report without comparison
        base_evaluation = evaluate(snapshot, head.profile.id, org_config=org)
        if job.pull_number is not None:
            record_base(base_evaluation, snapshot, head, installation_id=job.installation_id,
                        repository=repository, pull_request=job.pull_number)
        base = {r.id: r.verdict.value for r in base_evaluation.requirements}
    return compare(base, head, job.base_sha)


def _tracking_issue(client: Any, repository: str, evaluation: Evaluation,
                    config: RepoConfig) -> str:
    from publiccode_checker.forge.github import Gone

    try:
        return tracking_issue.sync(client, repository, evaluation, config,
                                   opted_out=tracking_state.is_opted_out(repository))
    except Gone:
        return "issues_disabled"
