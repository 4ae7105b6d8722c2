"""End to end: gunicorn and real worker processes against the fake GitHub, fed signed deliveries
built from GitHub's own example payloads."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from publiccode_checker.publishing.marker import TRACKING_LABEL
from publiccode_checker.publishing.output import CHECK_NAME
from tests.conftest import require_reference
from tests.e2e.service import Service, free_port, wait_for
from tests.fake_github import FakeGitHub, FixtureRepo

PRODUCT = {
    "README.md": "# Product\n\nWhat it does, for whom, and how to install it.\n",
    "LICENSE": "MIT License\n\nCopyright (c) 2025 Someone\n",
    "src/main.py": "print('hello')\n",
}


def example(event: str, name: str) -> dict[str, Any]:
    path = require_reference("github", "webhook-examples", event, f"{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))


def pull_request_opened(repo: FixtureRepo, installation: int, number: int = 7) -> dict[str, Any]:
    payload = copy.deepcopy(example("pull_request", "opened.12"))
    payload["installation"] = {"id": installation}
    payload["number"] = number
    payload["repository"].update(full_name=repo.full_name, name=repo.name,
                                 default_branch=repo.default_branch)
    payload["pull_request"]["number"] = number
    payload["pull_request"]["head"]["sha"] = repo.head
    payload["pull_request"]["base"]["sha"] = repo.commits[1].sha
    return payload


def installation_created(installation: int, account: str) -> dict[str, Any]:
    payload = copy.deepcopy(example("installation", "created.1"))
    payload["installation"]["id"] = installation
    payload["installation"]["account"]["login"] = account
    return payload


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeGitHub]:
    with FakeGitHub() as server:
        yield server


@pytest.fixture(scope="module")
def service(fake: FakeGitHub, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    running = Service(tmp_path_factory.mktemp("service"), fake).start(workers=1)
    try:
        yield running
    finally:
        running.stop()


def completed_runs(fake: FakeGitHub, full_name: str) -> list[dict[str, Any]]:
    return [r for r in fake.check_runs(full_name) if r["status"] == "completed"]


def test_pull_request_opened_gets_one_completed_check_run(fake: FakeGitHub,
                                                          service: Service) -> None:
    repo = fake.add_repository(FixtureRepo("pr-org/product", PRODUCT), installation_id=101)
    payload = pull_request_opened(repo, 101)
    started = time.monotonic()
    answer = service.post("pull_request", payload, guid="pr-delivery-1")
    assert answer.status_code == 202
    assert time.monotonic() - started < 2
    [run] = wait_for(lambda: completed_runs(fake, repo.full_name), timeout=60,
                     what="a completed check run")
    assert run["name"] == CHECK_NAME and run["head_sha"] == repo.head
    assert run["conclusion"] in ("failure", "neutral", "success")
    # What the pull request changed comes first, then the full report.
    summary = run["output"]["summary"]
    assert summary.startswith("### Compared with the base branch")
    assert "111 unchanged" in summary and "\n## " in summary
    assert run["details_url"] == "https://checker.example/repos/pr-org/product"
    wait_for(lambda: service.query("select conclusion, state from service_jobs where "
                                   "repository = 'pr-org/product'") == [(run["conclusion"],
                                                                         "done")],
             timeout=10, what="the job to be recorded as done")
    assert fake.violations == []

    # A redelivery (same GUID) is answered but runs nothing.
    again = service.post("pull_request", payload, guid="pr-delivery-1")
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    # Another event for the same commit does not check it twice either.
    payload["action"] = "reopened"
    assert service.post("pull_request", payload).status_code == 202
    time.sleep(1.5)
    assert len(fake.check_runs(repo.full_name)) == 1


def test_failing_repository_gets_failure_and_annotations(fake: FakeGitHub,
                                                         service: Service) -> None:
    files = {"README.md": "# x\n", ".github/publiccode-checker.yml": "no_such_setting: 1\n"}
    repo = fake.add_repository(FixtureRepo("pr-org/poor", files), installation_id=101)
    assert service.post("pull_request", pull_request_opened(repo, 101)).status_code == 202
    [run] = wait_for(lambda: completed_runs(fake, repo.full_name), timeout=60,
                     what="a completed check run")
    assert run["conclusion"] == "failure"
    annotations = run["output"]["annotations"]
    assert any(a["path"] == ".github/publiccode-checker.yml" and a["start_line"] == 1
               for a in annotations)
    assert len(annotations) <= 150


def test_bad_signature_is_refused(service: Service) -> None:
    answer = service.post("pull_request", {"installation": {"id": 1}}, secret="wrong")
    assert answer.status_code == 401


def test_installation_on_an_org_of_50_repositories_despite_502s(fake: FakeGitHub,
                                                                service: Service) -> None:
    installation = 202
    fake.add_repository(FixtureRepo("big-org/.github", {
        "publiccode-checker.yml": "tracking_issue: true\n"}), installation_id=installation)
    names = [f"big-org/repo-{i:02d}" for i in range(49)]
    for name in names:
        fake.add_repository(FixtureRepo(name, PRODUCT), installation_id=installation)
    # Lost answers: the issue is created but the app sees a 502 (and must not create another).
    fake.fail_next(8, path=r"/repos/big-org/[^/]+/issues$", method="POST", status=502,
                   after=True)
    fake.fail_next(8, path=r"/repos/big-org/.*/git/trees/", method="GET", status=502)
    answer = service.post("installation", installation_created(installation, "big-org"))
    assert answer.status_code == 202

    def evaluated() -> bool:
        rows = service.query("select count(*) from service_jobs where installation_id = 202 "
                             "and state in ('done', 'skipped', 'failed')")
        return rows[0][0] >= 50

    wait_for(evaluated, timeout=120, interval=0.5, what="50 evaluations")
    states = dict(service.query("select state, count(*) from service_jobs "
                                "where installation_id = 202 group by state"))
    assert states == {"done": 50}
    total_issues = 0
    for name in [*names, "big-org/.github"]:
        ours = [i for i in fake.issues(name)
                if TRACKING_LABEL in {label["name"] for label in i["labels"]}]
        assert len(ours) <= 1, name
        total_issues += len(ours)
    assert 0 < total_issues <= 50
    assert fake.violations == []


def test_worker_killed_mid_job_leaves_no_run_in_progress(fake: FakeGitHub,
                                                         service: Service) -> None:
    repo = fake.add_repository(FixtureRepo("kill-org/product", PRODUCT), installation_id=303)
    fake.set_latency(0.4)  # every request is slow, so the job is surely mid-way when killed
    try:
        [worker] = service.workers
        assert service.post("pull_request", pull_request_opened(repo, 303)).status_code == 202
        wait_for(lambda: fake.check_runs(repo.full_name), timeout=60,
                 what="the check run to start")
        assert fake.check_runs(repo.full_name)[0]["status"] == "in_progress"
        service.kill_worker(worker)
        assert fake.check_runs(repo.full_name)[0]["status"] == "in_progress"
    finally:
        fake.set_latency(0.0)
    service.start_worker()
    [run] = wait_for(lambda: completed_runs(fake, repo.full_name), timeout=60,
                     what="the run to be completed by the next worker")
    assert len(fake.check_runs(repo.full_name)) == 1  # reused, not a second run
    assert run["conclusion"] in ("failure", "neutral", "success")
    wait_for(lambda: service.query("select count(*) from service_jobs where check_run_status = "
                                   "'in_progress' or state = 'running'") == [(0,)],
             timeout=30, what="no job or run left in progress")
    [(attempts,)] = service.query("select attempts from service_jobs "
                                  "where repository = 'kill-org/product'")
    assert attempts == 2


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    folder: Path = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen([server, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                                "--appendonly", "yes", "--dir", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        import redis

        client = redis.Redis(host="127.0.0.1", port=port)
        wait_for(lambda: _pings(client), timeout=10, what="redis")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _pings(client: Any) -> bool:
    try:
        return bool(client.ping())
    except Exception:
        return False


def test_with_redis_two_workers(fake: FakeGitHub, redis_url: str,
                                tmp_path_factory: pytest.TempPathFactory) -> None:
    running = Service(tmp_path_factory.mktemp("redis-service"), fake,
                      redis_url=redis_url).start(workers=2)
    try:
        health = running.session.get(f"{running.url}/healthz", timeout=5).json()
        assert health["queue"]["backend"] == "redis"
        repos = [fake.add_repository(FixtureRepo(f"redis-org/p{i}", PRODUCT),
                                     installation_id=404) for i in range(4)]
        for number, repo in enumerate(repos, start=1):
            payload = pull_request_opened(repo, 404, number)
            assert running.post("pull_request", payload, guid=f"r{number}").status_code == 202
            assert running.post("pull_request", payload, guid=f"r{number}").status_code == 200
        for repo in repos:
            wait_for(lambda repo=repo: completed_runs(fake, repo.full_name), timeout=60,
                     what=f"a completed run on {repo.full_name}")
        time.sleep(1)
        assert all(len(fake.check_runs(repo.full_name)) == 1 for repo in repos)
    finally:
        running.stop()


def push_to_default_branch(repo: FixtureRepo, installation: int) -> dict[str, Any]:
    payload = copy.deepcopy(example("push", "none.4"))
    payload["installation"] = {"id": installation}
    payload["ref"] = f"refs/heads/{repo.default_branch}"
    payload["after"] = repo.head
    payload["repository"].update(full_name=repo.full_name, name=repo.name,
                                 default_branch=repo.default_branch, private=False,
                                 visibility="public")
    payload["repository"]["owner"]["login"] = repo.full_name.split("/")[0]
    return payload


def test_push_is_recorded_in_history_and_shown_on_the_dashboard(fake: FakeGitHub,
                                                                service: Service) -> None:
    repo = fake.add_repository(FixtureRepo("history-org/product", PRODUCT), installation_id=101)
    assert service.post("push", push_to_default_branch(repo, 101)).status_code == 202
    wait_for(lambda: completed_runs(fake, repo.full_name), timeout=60,
             what="a completed check run")
    rows = wait_for(lambda: service.query(
        "select e.\"commit\", e.trigger, e.pull_request from history_evaluations e "
        "join history_streams s on s.id = e.stream_id "
        "join history_repositories r on r.id = s.repository_id "
        f"where r.full_name = '{repo.full_name}'"), timeout=10, what="a history record")
    assert rows == [(repo.head, "push", None)]

    page = service.session.get(f"{service.url}/repos/{repo.full_name}", timeout=10)
    assert page.status_code == 200 and repo.head[:7] in page.text
    api = service.session.get(f"{service.url}/api/v1/repos/{repo.full_name}", timeout=10)
    assert api.status_code == 200 and len(api.json()["requirements"]) == 111
    badge = service.session.get(f"{service.url}/badges/{repo.full_name}.svg", timeout=10)
    assert badge.status_code == 200 and badge.text.startswith("<svg")
    org = service.session.get(f"{service.url}/orgs/history-org", timeout=10)
    assert org.status_code == 200 and repo.full_name in org.text
