"""Jobs: merging equal work, per-repository locks, the pipeline, retries and the reaper."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from publiccode_checker.jobs import reaper, store, tasks, workers
from publiccode_checker.jobs.github_access import use_github_app
from publiccode_checker.jobs.requests import KIND_CHECK, KIND_SCAN, Backfill, JobRequest
from publiccode_checker.store import database, deliveries
from publiccode_checker.store.database.service_models import Job, Worker, utcnow
from tests.e2e.doubles import FakeApp, FakeClient, FakeRepo, drain

pytest_plugins = ("tests.e2e.fixtures",)

HEAD, BASE = "b" * 40, "a" * 40
POOR = {"README.md": "# Product\n\nShort.\n"}
BETTER = {**POOR, "LICENSE": "MIT License\n\nCopyright (c) 2025 Someone\n"}


@pytest.fixture
def github(service_db, settings, memory_queue):  # type: ignore[no-untyped-def]
    repo = FakeRepo("org/repo", BETTER, head=HEAD)
    repo.commits[BASE] = POOR
    client = FakeClient({"org/repo": repo})
    use_github_app(FakeApp(client))
    from publiccode_checker.jobs import org_config

    org_config.clear()
    yield client
    use_github_app(None)


def pr_request(**changes: Any) -> JobRequest:
    values: dict[str, Any] = {"installation_id": 1, "repository": "org/repo", "sha": HEAD,
                              "trigger": "pull_request", "kind": KIND_CHECK, "priority": 100,
                              "pull_number": 7, "base_sha": BASE}
    values.update(changes)
    return JobRequest(**values)


def jobs() -> list[Job]:
    with database.session_scope() as session:
        return list(session.scalars(select(Job).order_by(Job.id)))


def test_equal_requests_merge_while_queued(service_db) -> None:
    first = store.submit(pr_request(pull_number=None, base_sha=None, priority=50))
    assert first is not None
    assert store.submit(pr_request()) is None
    [job] = jobs()
    assert job.priority == 100 and job.pull_number == 7 and job.base_sha == BASE


def test_reruns_are_new_jobs(service_db) -> None:
    assert store.submit(pr_request(unique=True), "d1") is not None
    assert store.submit(pr_request(unique=True), "d2") is not None
    assert store.submit(pr_request(unique=True), "d2") is None  # the same delivery again


def test_one_job_per_repository_at_a_time(service_db) -> None:
    first = store.submit(pr_request())
    second = store.submit(pr_request(sha="c" * 40))
    assert store.claim(first, "w1")[0] is store.Claim.CLAIMED
    assert store.claim(second, "w2")[0] is store.Claim.LOCKED
    assert store.claim(first, "w2")[0] is store.Claim.GONE
    store.finish(first, "done")
    assert store.claim(second, "w2")[0] is store.Claim.CLAIMED


def test_pull_request_gets_one_completed_check_run_with_comparison(github, memory_queue) -> None:
    tasks.apply([pr_request()], "delivery-1")
    drain(memory_queue)
    [run] = github.check_runs.values()
    assert run["head_sha"] == HEAD and run["status"] == "completed"
    assert run["conclusion"] in ("failure", "neutral", "success")
    assert "Compared with the base branch" in run["output"]["summary"]
    assert run["details_url"] == "https://checker.example/repos/org/repo"
    [job] = jobs()
    assert job.state == "done" and job.check_run_status == "completed"
    assert job.conclusion == run["conclusion"]
    # The base was evaluated once and stored: a second pull request on it does not read it again.
    reads_of_base = [c for c in github.calls if c[0] == "read_snapshot" and c[1][1] == BASE]
    assert len(reads_of_base) == 1
    tasks.apply([pr_request(sha=HEAD, pull_number=8, unique=True)], "delivery-2")
    drain(memory_queue)
    assert len([c for c in github.calls if c[0] == "read_snapshot" and c[1][1] == BASE]) == 1


def test_the_same_commit_is_not_checked_twice(github, memory_queue) -> None:
    tasks.apply([pr_request()], "d1")
    drain(memory_queue)
    tasks.apply([pr_request(trigger="check_suite")], "d2")
    drain(memory_queue)
    assert len(github.check_runs) == 1


def test_a_delivery_routes_once(github, memory_queue) -> None:
    payload = {"action": "opened", "installation": {"id": 1}, "number": 7,
               "sender": {"login": "ada"},
               "repository": {"full_name": "org/repo", "default_branch": "main"},
               "pull_request": {"number": 7, "head": {"sha": HEAD}, "base": {"sha": BASE}}}
    body = json.dumps(payload).encode()
    assert deliveries.record("g1", "pull_request", "opened", 1, "org/repo", body)
    tasks.enqueue_route("g1")
    tasks.enqueue_route("g1")  # a duplicate queue entry finds the delivery already routed
    drain(memory_queue)
    assert len(github.check_runs) == 1
    assert deliveries.load("g1").state == "routed"


def test_transient_failures_are_retried_then_succeed(github, memory_queue) -> None:
    from publiccode_checker.forge.github import TransientError

    github.fail_on["read_snapshot"] = TransientError(502, "Bad Gateway")
    tasks.apply([pr_request(base_sha=None)], "d")
    drain(memory_queue)
    [run] = github.check_runs.values()
    assert run["status"] == "completed" and run["conclusion"] != "neutral"
    [job] = jobs()
    assert job.state == "done" and job.attempts == 2


def test_permanent_failure_completes_the_run_as_neutral_with_the_reason(github,
                                                                       memory_queue) -> None:
    from publiccode_checker.forge.github import GitHubError

    github.fail_on["read_snapshot"] = GitHubError(422, "No commit found for SHA")
    tasks.apply([pr_request()], "d")
    drain(memory_queue)
    [run] = github.check_runs.values()
    assert run["status"] == "completed" and run["conclusion"] == "neutral"
    assert "No commit found" in run["output"]["summary"]
    assert jobs()[0].state == "failed"


def test_rate_limit_reschedules_without_failing(github, memory_queue) -> None:
    from datetime import UTC, datetime

    from publiccode_checker.forge.github import RateLimited

    github.fail_on["read_snapshot"] = RateLimited(datetime.now(UTC), "secondary rate limit")
    tasks.apply([pr_request(base_sha=None)], "d")
    drain(memory_queue)
    [run] = github.check_runs.values()
    assert run["status"] == "completed" and run["conclusion"] != "neutral"


def test_backfill_scans_every_repository_and_opens_issues(service_db, settings,
                                                          memory_queue) -> None:
    repos = {f"org/r{i}": FakeRepo(f"org/r{i}", POOR, head=f"{i:040d}") for i in range(5)}
    repos["org/archived"] = FakeRepo("org/archived", POOR, archived=True)
    repos["org/.github"] = FakeRepo("org/.github", {
        "publiccode-checker.yml": "tracking_issue: true\n"})
    client = FakeClient(repos)
    use_github_app(FakeApp(client))
    from publiccode_checker.jobs import org_config

    org_config.clear()
    try:
        tasks.apply([Backfill(1, "installation", 10)], "d")
        drain(memory_queue)
        tasks.apply([Backfill(1, "installation", 10)], "d-again")
        drain(memory_queue)
    finally:
        use_github_app(None)
    scans = [j for j in jobs() if j.kind == KIND_SCAN]
    assert len(scans) == 2 * 6  # archived one not listed; each backfill scans once
    assert {j.state for j in scans} == {"done"}
    for i in range(5):
        assert len(client.issues[f"org/r{i}"]) == 1  # no duplicate after the second backfill
    assert "org/archived" not in client.issues
    assert client.check_runs == {}  # backfill publishes no check runs
    assert [c for c in client.calls if c[0] == "get_file"]  # the org config was read...
    assert len([c for c in client.calls if c[0] == "get_file"]) <= 2  # ...once, then cached


def test_installation_suspended_cancels_queued_work(github, memory_queue) -> None:
    from publiccode_checker.jobs.requests import InstallationChanged

    tasks.apply([pr_request()], "d")
    tasks.apply([InstallationChanged(1, "org", "suspended")], "s")
    drain(memory_queue)
    assert github.check_runs == {}
    assert jobs()[0].state == "cancelled"


# -- the reaper -----------------------------------------------------------------------------------

def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def running_job_of_dead_worker(github: FakeClient, attempts: int) -> int:
    job_id = store.submit(pr_request(base_sha=None))
    worker_id = f"{workers.host()}:{dead_pid()}:1"
    with database.session_scope() as session:
        session.add(Worker(id=worker_id, host=workers.host(), pid=dead_pid()))
    assert store.claim(job_id, worker_id)[0] is store.Claim.CLAIMED
    run_id = github.create_check_run("org/repo", name="x", head_sha=HEAD,
                                     status="in_progress")["id"]
    store.record_check_run(job_id, run_id, "in_progress")
    with database.session_scope() as session:
        session.get(Job, job_id).attempts = attempts
    return job_id


def test_job_of_a_killed_worker_is_run_again_and_its_run_completed(github,
                                                                  memory_queue) -> None:
    job_id = running_job_of_dead_worker(github, attempts=1)
    report = reaper.reap()
    assert report.rerun == [job_id]
    drain(memory_queue)
    [run] = github.check_runs.values()  # the same run, reused
    assert run["status"] == "completed" and run["conclusion"] != "neutral"
    assert store.get(job_id).state == "done"


def test_job_out_of_attempts_is_completed_as_neutral(github, memory_queue) -> None:
    job_id = running_job_of_dead_worker(github, attempts=tasks.MAX_ATTEMPTS)
    assert reaper.reap().abandoned == [job_id]
    [run] = github.check_runs.values()
    assert run["status"] == "completed" and run["conclusion"] == "neutral"
    assert "stopped" in run["output"]["summary"]


def test_live_workers_are_left_alone(github, memory_queue) -> None:
    job_id = store.submit(pr_request())
    me = workers.register()
    assert store.claim(job_id, me)[0] is store.Claim.CLAIMED
    report = reaper.reap()
    assert report.rerun == [] and report.abandoned == []
    assert store.get(job_id).state == "running"
    # ...until the heartbeat goes stale (another host: only the heartbeat tells).
    with database.session_scope() as session:
        row = session.get(Worker, me)
        row.host, row.last_seen = "elsewhere", utcnow() - timedelta(minutes=5)
    assert reaper.reap().rerun == [job_id]


def test_unrouted_deliveries_are_queued_again(github, memory_queue) -> None:
    deliveries.record("lost", "installation", "created", 1, None, b"{}")
    assert reaper.reap(now=utcnow() + timedelta(minutes=5)).deliveries == ["lost"]


def test_process_alive() -> None:
    assert workers.process_alive(os.getpid())
    assert not workers.process_alive(dead_pid())


def test_the_migration_creates_exactly_the_modelled_tables(service_db) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from publiccode_checker.store.database import Base
    from publiccode_checker.store.database.service_models import SERVICE_TABLES

    names = {table.name for table in SERVICE_TABLES}
    with database.get_engine().connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "include_object": lambda obj, name, kind, reflected, other: (
                kind != "table" or name in names),
            "compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_how_to_fix_button_adds_the_guide_to_the_run(github, memory_queue) -> None:
    from publiccode_checker.jobs.requests import KIND_HOW_TO_FIX

    tasks.apply([pr_request(base_sha=None)], "d1")
    drain(memory_queue)
    [run_id] = github.check_runs
    tasks.apply([pr_request(kind=KIND_HOW_TO_FIX, trigger="how_to_fix", check_run_id=run_id,
                               unique=True, base_sha=None)], "d2")
    drain(memory_queue)
    assert len(github.check_runs) == 1
    assert github.check_runs[run_id]["output"]["text"].startswith("## How to fix")


def test_opt_out_announced_by_an_issues_event_stops_the_issue(service_db, settings,
                                                              memory_queue) -> None:
    from publiccode_checker.jobs.requests import TrackingOptOut

    repos = {"org/repo": FakeRepo("org/repo", POOR),
             "org/.github": FakeRepo("org/.github", {
                 "publiccode-checker.yml": "tracking_issue: true\n"})}
    client = FakeClient(repos)
    use_github_app(FakeApp(client))
    from publiccode_checker.jobs import org_config

    org_config.clear()
    try:
        tasks.apply([Backfill(1, "installation", 10, ("org/repo",))], "d1")
        drain(memory_queue)
        [issue] = client.issues["org/repo"]
        tasks.apply([TrackingOptOut("org/repo", "org/repo", issue["number"], True)], "d2")
        client.repos["org/repo"].commits[client.repos["org/repo"].head] = BETTER
        tasks.apply([Backfill(1, "schedule", 0, ("org/repo",))], "d3")
        drain(memory_queue)
    finally:
        use_github_app(None)
    assert [c for c in client.calls if c[0] in ("update_issue", "add_comment")] == []
    scans = [j for j in jobs() if j.kind == KIND_SCAN]
    assert [j.state for j in scans] == ["done", "done"]


def test_rename_moves_queued_work_to_the_new_name(service_db) -> None:
    from publiccode_checker.jobs.requests import RepositoryRenamed

    store.submit(pr_request())
    tasks.apply([RepositoryRenamed(1, "org/repo", "org/new-name")])
    assert [j.repository for j in jobs()] == ["org/new-name"]


def test_nightly_rescan_queues_every_active_installation(service_db, settings,
                                                         memory_queue) -> None:
    app = FakeApp(FakeClient())
    app.installations = [{"id": 1, "account": {"login": "a"}},
                         {"id": 2, "account": {"login": "b"}, "suspended_at": "2026-01-01"}]
    use_github_app(app)
    try:
        assert tasks.nightly_rescan() == 1
    finally:
        use_github_app(None)
    [task] = memory_queue.pending()
    assert task.args[:3] == (1, "schedule", 0)
