"""The GitHub client against the fake GitHub: auth, counting, limits, retries, pacing."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator

import jwt
import pytest

from publiccode_checker.forge.github import (
    ClientPolicy,
    GitHubApp,
    Gone,
    LocalPacer,
    NotFound,
    PacingPolicy,
    RateLimited,
    TransientError,
)
from publiccode_checker.forge.github.auth import TokenCache
from publiccode_checker.forge.github.transport import redact_headers
from publiccode_checker.forge.github.urls import graphql_url
from tests.fake_github import FakeGitHub
from tests.fake_github.fixtures import (
    FAST_POLICY,
    INSTALLATION_ID,
    make_app,
    running_fake,
    sample_repo,
)

REPO = "org/sample"


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with running_fake() as fake:
        fake.add_repository(sample_repo(REPO), installation_id=INSTALLATION_ID)
        yield fake


@pytest.fixture
def app(fake: FakeGitHub) -> GitHubApp:
    return make_app(fake)


def head(fake: FakeGitHub) -> str:
    return fake.repos[REPO].head


# -- app authentication -----------------------------------------------------------------------
def test_jwt_claims_follow_githubs_rules(fake: FakeGitHub, app: GitHubApp) -> None:
    token = app.credentials.jwt()
    claims = jwt.decode(token, fake.public_key, algorithms=["RS256"])
    now = time.time()
    assert jwt.get_unverified_header(token)["alg"] == "RS256"
    assert claims["iss"] == str(fake.app_id)
    assert now - 62 <= claims["iat"] <= now - 58
    assert claims["exp"] - now <= 600


def test_jwt_signed_with_another_key_is_refused(fake: FakeGitHub) -> None:
    from tests.fake_github.keys import key_pair

    stranger = GitHubApp(fake.app_id, key_pair("stranger")[0], fake.api_url)
    with pytest.raises(Exception) as caught:
        _ = stranger.slug
    assert getattr(caught.value, "status", None) == 401
    assert fake.recorded("GET", "/app$")[-1].status == 401
    fake.violations.clear()


def test_jwt_with_wrong_issuer_is_refused(fake: FakeGitHub) -> None:
    other = GitHubApp(fake.app_id + 1, fake.private_key, fake.api_url)
    with pytest.raises(Exception) as caught:
        other.list_installations()
    assert getattr(caught.value, "status", None) == 401


def test_slug_and_installations(app: GitHubApp) -> None:
    assert app.slug == "publiccode-checker"
    assert app.bot_login == "publiccode-checker[bot]"
    assert [i["id"] for i in app.list_installations()] == [INSTALLATION_ID]
    _ = app.slug
    assert app.counter.total == 2  # GET /app once (cached) + the installations list


def test_manifest_conversion(fake: FakeGitHub) -> None:
    fake.add_manifest_code("abc123", slug="made-from-manifest")
    converted = GitHubApp.convert_manifest("abc123", fake.api_url)
    assert converted["slug"] == "made-from-manifest"
    assert "PRIVATE KEY" in converted["pem"] and converted["webhook_secret"]
    with pytest.raises(NotFound):
        GitHubApp.convert_manifest("abc123", fake.api_url)  # codes are single-use


# -- installation tokens ----------------------------------------------------------------------
def test_token_minted_once_and_reused(fake: FakeGitHub, app: GitHubApp) -> None:
    client = app.installation(INSTALLATION_ID)
    client.get_repository(REPO)
    client.get_repository(REPO)
    app.installation(INSTALLATION_ID).get_repository(REPO)
    assert fake.count("POST", "access_tokens") == 1


def test_token_refreshed_shortly_before_expiry() -> None:
    now = [1000.0]
    minted: list[str] = []

    def mint():  # tokens of varying length, like GitHub's new format
        from publiccode_checker.forge.github.auth import InstallationToken

        minted.append("ghs_" + "x" * (30 + len(minted) * 17))
        return InstallationToken(minted[-1], now[0] + 3600)

    cache = TokenCache(mint, clock=lambda: now[0])
    first = cache.get()
    now[0] += 3600 - 61
    assert cache.get() == first
    now[0] += 2  # 59 s before expiry: inside the refresh margin
    second = cache.get()
    assert second != first and len(minted) == 2


def test_token_cache_mints_once_under_concurrency() -> None:
    from publiccode_checker.forge.github.auth import InstallationToken

    calls = []

    def mint():
        calls.append(1)
        time.sleep(0.05)
        return InstallationToken("ghs_t", time.time() + 3600)

    cache = TokenCache(mint)
    threads = [threading.Thread(target=cache.get) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1


def test_expired_token_is_reminted_on_401(fake: FakeGitHub, app: GitHubApp) -> None:
    client = app.installation(INSTALLATION_ID)
    client.get_repository(REPO)
    fake.expire_tokens()
    assert client.get_repository(REPO)["full_name"] == REPO
    assert fake.count("POST", "access_tokens") == 2
    assert [r.status for r in fake.recorded("GET", f"/repos/{REPO}$")] == [200, 401, 200]


def test_credentials_never_reach_logs(fake: FakeGitHub, app: GitHubApp, caplog) -> None:
    caplog.set_level("DEBUG", logger="publiccode_checker.forge.github")
    client = app.installation(INSTALLATION_ID)
    client.get_repository(REPO)
    token = client._tokens.get()
    assert "Authorization" in caplog.text  # the header is logged, its value is not
    assert token not in caplog.text and "Bearer" not in caplog.text
    assert redact_headers({"Authorization": "Bearer x"}) == {"Authorization": "<redacted>"}
    assert "PRIVATE KEY" not in repr(app.credentials)


# -- counting ---------------------------------------------------------------------------------
def test_every_request_is_counted(fake: FakeGitHub, app: GitHubApp) -> None:
    client = app.installation(INSTALLATION_ID)
    client.get_repository(REPO)
    assert client.get_file(REPO, "README.md").startswith(b"# Sample")
    assert client.get_file(REPO, "missing.txt") is None
    client.create_check_run(REPO, name="publiccode", head_sha=head(fake))
    assert client.counter.reads == 3
    assert client.counter.writes == 1
    assert client.counter.per_repository == {REPO: (3, 1)}
    assert fake.count(installation=INSTALLATION_ID) == 4 + 1  # and the token


def test_pagination_follows_link_headers(fake: FakeGitHub, app: GitHubApp) -> None:
    client = app.installation(INSTALLATION_ID)
    for n in range(205):
        fake._issues.setdefault(REPO, []).append({
            "number": n + 1, "title": str(n), "body": "", "state": "open",
            "labels": [{"name": "publiccode"}], "user": {"login": "someone"},
        })
    fake._issues[REPO].append({"number": 999, "title": "pr", "body": "", "state": "open",
                               "labels": [{"name": "publiccode"}], "user": {"login": "x"},
                               "pull_request": {"url": "u"}})
    found = client.find_issues(REPO, "publiccode")
    assert len(found) == 205  # pull requests left out
    assert client.counter.reads == 3


# -- GitHub Enterprise Server -----------------------------------------------------------------
def test_enterprise_server_base_url_with_path_prefix() -> None:
    assert graphql_url("https://ghe.example/api/v3") == "https://ghe.example/api/graphql"
    assert graphql_url("https://api.github.com") == "https://api.github.com/graphql"
    with running_fake(prefix="/api/v3") as fake:
        fake.add_repository(sample_repo(REPO), installation_id=INSTALLATION_ID)
        app = make_app(fake)
        client = app.installation(INSTALLATION_ID)
        assert app.slug == "publiccode-checker"
        assert client.get_repository(REPO)["full_name"] == REPO
        snapshot = client.read_snapshot(REPO)
        assert snapshot.exists("README.md")
        paths = {r.path for r in fake.requests}
        assert "/api/graphql" in paths
        assert all(p.startswith(("/api/v3/", "/api/graphql", "/_codeload/")) for p in paths)


def test_api_url_from_environment(monkeypatch: pytest.MonkeyPatch, fake: FakeGitHub) -> None:
    monkeypatch.setenv("GITHUB_API_URL", fake.api_url)
    monkeypatch.setenv("GITHUB_APP_ID", str(fake.app_id))
    monkeypatch.setenv("GITHUB_PRIVATE_KEY", fake.private_key.replace("\n", "\\n"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert GitHubApp.from_env().slug == "publiccode-checker"


# -- rate limits ------------------------------------------------------------------------------
class Sleeps:
    """Records requested sleeps without sleeping, so minute-long waits test in no time."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def test_secondary_limit_honours_retry_after(fake: FakeGitHub) -> None:
    sleeps = Sleeps()
    app = make_app(fake, sleep=sleeps, policy=ClientPolicy(max_wait=30))
    client = app.installation(INSTALLATION_ID)
    fake.rate_limit_next(1, kind="secondary", path="/repos/org/sample$", retry_after=7)
    assert client.get_repository(REPO)["full_name"] == REPO
    assert sleeps.calls == [7]


def test_primary_limit_waits_until_reset(fake: FakeGitHub) -> None:
    sleeps = Sleeps()
    app = make_app(fake, sleep=sleeps, policy=ClientPolicy(max_wait=30))
    client = app.installation(INSTALLATION_ID)
    fake.rate_limit_next(1, kind="primary", path="/repos/org/sample$", reset_in=5, status=429)
    client.get_repository(REPO)
    assert len(sleeps.calls) == 1 and 4 <= sleeps.calls[0] <= 7


def test_limit_beyond_the_wait_budget_raises_with_retry_at(fake: FakeGitHub) -> None:
    sleeps = Sleeps()
    app = make_app(fake, sleep=sleeps, policy=ClientPolicy(max_wait=30))
    client = app.installation(INSTALLATION_ID)
    fake.rate_limit_next(1, kind="primary", path="/repos/org/sample$", reset_in=600)
    started = time.time()
    with pytest.raises(RateLimited) as caught:
        client.get_repository(REPO)
    assert sleeps.calls == []  # the worker is not parked; the queue retries later
    assert 590 <= caught.value.retry_at.timestamp() - started <= 610


def test_secondary_limit_without_retry_after_waits_a_minute_then_gives_up(
    fake: FakeGitHub,
) -> None:
    sleeps = Sleeps()
    app = make_app(fake, sleep=sleeps, policy=ClientPolicy(max_wait=300, max_limit_retries=2))
    client = app.installation(INSTALLATION_ID)
    fake.rate_limit_next(5, kind="secondary", path="/repos/org/sample$")
    with pytest.raises(RateLimited):
        client.get_repository(REPO)
    assert sleeps.calls == [60, 120]  # at least a minute, then exponential backoff


def test_graphql_primary_limit_answered_with_200(fake: FakeGitHub) -> None:
    app = make_app(fake, policy=ClientPolicy(max_wait=1))
    client = app.installation(INSTALLATION_ID)
    fake.rate_limit_next(1, kind="primary", path="/graphql", reset_in=900)
    with pytest.raises(RateLimited):
        client.read_snapshot(REPO)


def test_plain_403_is_not_a_rate_limit(fake: FakeGitHub, app: GitHubApp) -> None:
    fake.repos[REPO].private_vulnerability_reporting = 403
    client = app.installation(INSTALLATION_ID)
    reply = client.transport.request("GET", "/repos/org/sample/private-vulnerability-reporting")
    assert reply.status == 403


# -- 5xx and network failures -----------------------------------------------------------------
def test_get_retried_after_5xx(fake: FakeGitHub, app: GitHubApp) -> None:
    client = app.installation(INSTALLATION_ID)
    fake.fail_next(2, path="/repos/org/sample$", status=502)
    assert client.get_repository(REPO)["full_name"] == REPO
    assert [r.status for r in fake.recorded("GET", "/repos/org/sample$")] == [502, 502, 200]
    assert client.counter.reads == 3  # every attempt counts


def test_persistent_5xx_becomes_transient_error(fake: FakeGitHub, app: GitHubApp) -> None:
    client = app.installation(INSTALLATION_ID)
    fake.fail_next(10, path="/repos/org/sample$", status=503)
    with pytest.raises(TransientError):
        client.get_repository(REPO)
    assert fake.count("GET", "/repos/org/sample$") == 1 + FAST_POLICY.max_retries


def test_network_failure_is_retried_then_reported() -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    from tests.fake_github.keys import key_pair

    app = GitHubApp(1, key_pair("app")[0], f"http://127.0.0.1:{port}", policy=FAST_POLICY)
    with pytest.raises(TransientError):
        _ = app.slug
    assert app.counter.auth == 1 + FAST_POLICY.max_retries


def test_check_run_post_not_duplicated_when_answer_is_lost(fake: FakeGitHub,
                                                          app: GitHubApp) -> None:
    client = app.installation(INSTALLATION_ID)
    fake.fail_next(1, path="/check-runs$", method="POST", status=502, after=True)
    run = client.create_check_run(REPO, name="publiccode", head_sha=head(fake),
                                  status="in_progress")
    assert len(fake.check_runs(REPO)) == 1
    assert run["id"] == fake.check_runs(REPO)[0]["id"]
    assert fake.count("POST", "/check-runs$") == 1  # found, not sent again


def test_check_run_post_repeated_when_first_attempt_did_nothing(fake: FakeGitHub,
                                                               app: GitHubApp) -> None:
    client = app.installation(INSTALLATION_ID)
    fake.fail_next(2, path="/check-runs$", method="POST", status=502)
    client.create_check_run(REPO, name="publiccode", head_sha=head(fake))
    assert len(fake.check_runs(REPO)) == 1
    assert fake.count("POST", "/check-runs$") == 3


def test_issue_post_not_duplicated_when_answer_is_lost(fake: FakeGitHub, app: GitHubApp) -> None:
    client = app.installation(INSTALLATION_ID)
    fake.fail_next(2, path="/issues$", method="POST", status=504, after=True)
    issue = client.create_issue(REPO, title="Compliance", body="Report",
                                labels=["publiccode"], marker="<!-- publiccode-checker -->")
    assert len(fake.issues(REPO)) == 1
    assert issue["number"] == 1 and "<!-- publiccode-checker -->" in issue["body"]


def test_comment_not_duplicated_when_answer_is_lost(fake: FakeGitHub, app: GitHubApp) -> None:
    client = app.installation(INSTALLATION_ID)
    number = client.create_issue(REPO, title="T", body="<!-- m -->")["number"]
    fake.fail_next(1, path="/comments$", method="POST", status=502, after=True)
    client.add_comment(REPO, number, "Thanks!")
    assert [c["body"] for c in fake.comments(REPO, number)] == ["Thanks!"]


def test_patch_is_retried(fake: FakeGitHub, app: GitHubApp) -> None:
    client = app.installation(INSTALLATION_ID)
    run = client.create_check_run(REPO, name="publiccode", head_sha=head(fake))
    fake.fail_next(1, path="/check-runs/", method="PATCH", status=500)
    done = client.update_check_run(REPO, run["id"], conclusion="success",
                                   output={"title": "ok", "summary": "All good"})
    assert done["status"] == "completed"


def test_issues_disabled_is_gone(fake: FakeGitHub, app: GitHubApp) -> None:
    fake.repos[REPO].has_issues = False
    client = app.installation(INSTALLATION_ID)
    with pytest.raises(Gone):
        client.create_issue(REPO, title="T", body="b")


def test_labels_created_once_and_updated_only_when_different(fake: FakeGitHub,
                                                            app: GitHubApp) -> None:
    client = app.installation(INSTALLATION_ID)
    client.ensure_label(REPO, "publiccode", "#0E8A16", "Compliance")
    client.ensure_label(REPO, "publiccode", "0e8a16", "Compliance")
    client.ensure_label(REPO, "publiccode", "0e8a16", "Compliance report")
    assert fake.labels(REPO)["publiccode"]["description"] == "Compliance report"
    assert client.counter.writes == 2


def test_list_check_runs_returns_this_apps_runs(fake: FakeGitHub, app: GitHubApp) -> None:
    client = app.installation(INSTALLATION_ID)
    client.create_check_run(REPO, name="publiccode", head_sha=head(fake))
    client.create_check_run(REPO, name="other", head_sha=head(fake))
    assert [r["name"] for r in client.list_check_runs(REPO, head(fake), "publiccode")] == [
        "publiccode"]
    assert fake.recorded("GET", "/check-runs$")[-1].query["app_id"] == [str(fake.app_id)]


# -- pacing -----------------------------------------------------------------------------------
def test_content_creation_is_paced_per_installation(fake: FakeGitHub) -> None:
    policy = PacingPolicy(min_interval=0.1)
    app = make_app(fake, pacer=LocalPacer(policy))
    client = app.installation(INSTALLATION_ID)
    for n in range(4):
        client.create_check_run(REPO, name=f"run {n}", head_sha=head(fake))
    times = [r.at for r in fake.recorded("POST", "/check-runs$")]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    # Arrival times carry some network jitter; the schedule itself is exact.
    assert min(gaps) >= 0.08 and times[-1] - times[0] >= 0.29


def test_pacer_budget_per_minute_and_hour() -> None:
    now = [0.0]
    sleeps: list[float] = []

    def sleep(s: float) -> None:
        sleeps.append(s)
        now[0] += s

    pacer = LocalPacer(PacingPolicy(min_interval=1, per_minute=3, per_hour=5),
                       clock=lambda: now[0], sleep=sleep)
    for _ in range(5):
        pacer.acquire("i", max_wait=1000)
    # 0, 1, 2, then the fourth waits for the minute window, the fifth for its interval
    assert sleeps == [1, 1, 58, 1]
    with pytest.raises(RateLimited) as caught:
        pacer.acquire("i", max_wait=30)  # the hour's budget of 5 is spent
    assert caught.value.retry_at.timestamp() == pytest.approx(3600.0)
    assert pacer.acquire("other", max_wait=0) == 0  # installations do not share a budget


def test_pacing_keeps_below_the_secondary_limit(fake: FakeGitHub) -> None:
    fake.limit_content_creation(3, window=0.5)
    policy = PacingPolicy(min_interval=0.01, per_minute=3, minute=0.55)
    app = make_app(fake, pacer=LocalPacer(policy))
    client = app.installation(INSTALLATION_ID)
    for n in range(7):
        client.create_check_run(REPO, name=f"run {n}", head_sha=head(fake))
    assert all(r.status == 201 for r in fake.recorded("POST", "/check-runs$"))


def test_secondary_limit_on_content_creation_is_waited_out(fake: FakeGitHub) -> None:
    fake.limit_content_creation(2, window=0.3)
    app = make_app(fake, pacer=LocalPacer(PacingPolicy(min_interval=0)))
    client = app.installation(INSTALLATION_ID)
    for n in range(4):
        client.create_check_run(REPO, name=f"run {n}", head_sha=head(fake))
    statuses = [r.status for r in fake.recorded("POST", "/check-runs$")]
    assert statuses.count(201) == 4 and 403 in statuses
    assert len(fake.check_runs(REPO)) == 4


@pytest.fixture
def redis_url() -> Iterator[str]:
    import shutil
    import socket
    import subprocess

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    pytest.importorskip("redis")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        import redis

        client = redis.Redis(port=port)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_redis_pacer_shares_one_budget_across_processes(redis_url: str) -> None:
    import subprocess
    import sys

    script = (
        "import sys, time, redis\n"
        "from publiccode_checker.forge.github.pacing import RedisPacer, PacingPolicy\n"
        "p = RedisPacer(redis.Redis.from_url(sys.argv[1]), PacingPolicy(min_interval=0.05))\n"
        "for _ in range(5):\n"
        "    p.acquire('installation:7', max_wait=10)\n"
        "    print(time.time(), flush=True)\n"
    )
    from tests.conftest import PROJECT_ROOT

    workers = [subprocess.Popen([sys.executable, "-c", script, redis_url], cwd=PROJECT_ROOT,
                                stdout=subprocess.PIPE, text=True) for _ in range(3)]
    stamps = sorted(float(line) for w in workers for line in w.communicate(timeout=30)[0].split())
    assert len(stamps) == 15
    # Wake-up times jitter with process scheduling; the shared schedule in Redis is exact.
    import redis

    slots = [score for _, score in redis.Redis.from_url(redis_url).zrange(
        "publiccode-checker:pacing:installation:7", 0, -1, withscores=True)]
    assert len(slots) == 15
    assert min(b - a for a, b in itertools.pairwise(slots)) >= 0.05 - 1e-6
    assert stamps[-1] - stamps[0] >= 14 * 0.05 - 0.1  # nobody ran ahead of the schedule


def test_redis_pacer_refuses_beyond_the_wait_budget(redis_url: str) -> None:
    import redis

    from publiccode_checker.forge.github.pacing import RedisPacer, pacer_from_env

    pacer = RedisPacer(redis.Redis.from_url(redis_url),
                       PacingPolicy(min_interval=0, per_hour=2, hour=100))
    pacer.acquire("k", 1)
    pacer.acquire("k", 1)
    with pytest.raises(RateLimited):
        pacer.acquire("k", 1)
    import os

    os.environ["REDIS_URL"] = redis_url
    try:
        assert isinstance(pacer_from_env(), RedisPacer)
    finally:
        del os.environ["REDIS_URL"]
