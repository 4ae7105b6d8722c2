"""The fake GitHub's own contract: it must refuse what GitHub refuses, or tests prove nothing."""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

import jwt
import pytest
import requests

from tests.conftest import require_reference
from tests.fake_github import FakeGitHub, FixtureRepo, git_sha
from tests.fake_github.fixtures import INSTALLATION_ID, SAMPLE_FILES, sample_repo
from tests.fake_github.keys import key_pair
from tests.fake_github.schema import OPENAPI_FILE

REPO = "org/sample"


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with FakeGitHub() as fake:
        fake.add_repository(sample_repo(REPO), installation_id=INSTALLATION_ID)
        yield fake


def app_jwt(fake: FakeGitHub, *, key: str | None = None, iss: object = None,
            exp_in: int = 300, iat_in: int = -60) -> str:
    now = int(time.time())
    claims = {"iat": now + iat_in, "exp": now + exp_in,
              "iss": str(fake.app_id) if iss is None else iss}
    return jwt.encode(claims, key or fake.private_key, algorithm="RS256")


def token_for(fake: FakeGitHub) -> str:
    reply = requests.post(f"{fake.api_url}/app/installations/{INSTALLATION_ID}/access_tokens",
                          headers={"Authorization": f"Bearer {app_jwt(fake)}"}, timeout=5)
    assert reply.status_code == 201
    return reply.json()["token"]


def get(fake: FakeGitHub, path: str, token: str, **kwargs: object) -> requests.Response:
    return requests.get(fake.api_url + path, headers={"Authorization": f"Bearer {token}"},
                        timeout=5, **kwargs)


# -- authentication ---------------------------------------------------------------------------
@pytest.mark.parametrize("variant", ["good", "other key", "expired", "too long", "wrong iss"])
def test_app_jwt_verification(fake: FakeGitHub, variant: str) -> None:
    token = {
        "good": lambda: app_jwt(fake),
        "other key": lambda: app_jwt(fake, key=key_pair("stranger")[0]),
        "expired": lambda: app_jwt(fake, exp_in=-5, iat_in=-120),
        "too long": lambda: app_jwt(fake, exp_in=3600),
        "wrong iss": lambda: app_jwt(fake, iss="999"),
    }[variant]()
    reply = requests.get(f"{fake.api_url}/app", headers={"Authorization": f"Bearer {token}"},
                         timeout=5)
    assert reply.status_code == (200 if variant == "good" else 401)


def test_installation_tokens_expire_and_are_checked(fake: FakeGitHub) -> None:
    token = token_for(fake)
    assert len({len(token_for(fake)) for _ in range(5)} | {len(token)}) > 1  # not fixed-length
    assert get(fake, f"/repos/{REPO}", token).status_code == 200
    assert get(fake, f"/repos/{REPO}", "ghs_forged").status_code == 401
    assert get(fake, f"/repos/{REPO}", app_jwt(fake)).status_code == 401  # JWT is not a token
    fake.expire_tokens()
    assert get(fake, f"/repos/{REPO}", token).status_code == 401


def test_repository_outside_the_installation_is_not_found(fake: FakeGitHub) -> None:
    fake.add_repository(FixtureRepo("other/private", {"a": "b"}))
    assert get(fake, "/repos/other/private", token_for(fake)).status_code == 404


# -- request bodies ---------------------------------------------------------------------------
@pytest.fixture
def validating_fake() -> Iterator[FakeGitHub]:
    spec = require_reference(*OPENAPI_FILE.split("/"))
    with FakeGitHub(openapi=spec) as fake:
        fake.add_repository(sample_repo(REPO), installation_id=INSTALLATION_ID)
        yield fake


@pytest.mark.parametrize(("body", "valid"), [
    ({"name": "publiccode", "head_sha": "a" * 40}, True),
    ({"name": "publiccode", "head_sha": "a" * 40, "conclusion": "success",
      "output": {"title": "ok", "summary": "fine"}}, True),
    ({"head_sha": "a" * 40}, False),  # name is required
    ({"name": "x", "head_sha": "a" * 40, "conclusion": "passed"}, False),  # not in the enum
    ({"name": "x", "head_sha": "a" * 40, "output": {"title": "no summary"}}, False),
    ({"name": "x", "head_sha": "a" * 40, "output": {"title": "t", "summary": "s" * 65_536}},
     False),  # over 65,535 characters
    ({"name": "x", "head_sha": "a" * 40, "output": {"title": "t", "summary": "s", "annotations": [
        {"path": "a", "start_line": 1, "end_line": 1, "annotation_level": "notice",
         "message": "m"}] * 51}}, False),  # more than 50 annotations
    ({"name": "x", "head_sha": "a" * 40, "output": {"title": "t", "summary": "s", "annotations": [
        {"path": "a", "start_line": 1, "end_line": 1, "annotation_level": "error",
         "message": "m"}]}}, False),  # "error" is not an annotation level
])
def test_check_run_bodies_validated_like_github(validating_fake: FakeGitHub, body: dict,
                                                valid: bool) -> None:
    fake = validating_fake
    reply = requests.post(f"{fake.api_url}/repos/{REPO}/check-runs", json=body, timeout=5,
                          headers={"Authorization": f"Bearer {token_for(fake)}"})
    assert reply.status_code == (201 if valid else 422), reply.text
    assert bool(fake.violations) is not valid
    assert len(fake.check_runs(REPO)) == (1 if valid else 0)


def test_issue_and_label_bodies_validated(validating_fake: FakeGitHub) -> None:
    fake = validating_fake
    headers = {"Authorization": f"Bearer {token_for(fake)}"}
    base = f"{fake.api_url}/repos/{REPO}"
    assert requests.post(f"{base}/issues", json={"body": "no title"}, headers=headers,
                         timeout=5).status_code == 422
    assert requests.post(f"{base}/issues", json={"title": "T", "labels": ["a"]},
                         headers=headers, timeout=5).status_code == 201
    assert requests.patch(f"{base}/issues/1", json={"state": "shut"}, headers=headers,
                          timeout=5).status_code == 422
    assert requests.post(f"{base}/labels", json={"color": "fff"}, headers=headers,
                         timeout=5).status_code == 422
    assert requests.post(f"{base}/issues/1/comments", json={}, headers=headers,
                         timeout=5).status_code == 422
    assert len(fake.violations) == 4


# -- what it refuses to guess ------------------------------------------------------------------
def test_unknown_graphql_and_endpoints_are_loud(fake: FakeGitHub) -> None:
    token = token_for(fake)
    query = {"query": "query Other { viewer { login } }"}
    reply = requests.post(f"{fake.origin}/graphql", json=query,
                          headers={"Authorization": f"Bearer {token}"}, timeout=5)
    assert reply.status_code == 400
    assert get(fake, f"/repos/{REPO}/hooks", token).status_code == 404
    assert len(fake.violations) == 2
    fake.violations.clear()


# -- repositories -----------------------------------------------------------------------------
def test_object_ids_are_gits() -> None:
    assert git_sha("blob", b"") == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
    assert git_sha("blob", b"hello\n") == "ce013625030ba8dba906f756967f9e9ca394464a"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_tree_id_matches_git(tmp_path: Path) -> None:
    files = {**SAMPLE_FILES, "a b/c.txt": "spaces\n", "a-b": "dash sorts before a b/\n"}
    repo = FixtureRepo(REPO, files, symlinks={"link": "README.md"})
    for path, content in files.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)
    (tmp_path / "link").symlink_to("README.md")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "add", "-A"], check=True)
    tree = subprocess.run(["git", "-C", str(tmp_path), "write-tree"], check=True,
                          capture_output=True, text=True).stdout.strip()
    assert repo.root_tree == tree


def test_tree_pagination_and_tarball(fake: FakeGitHub) -> None:
    token = token_for(fake)
    repo = fake.repos[REPO]
    tree = get(fake, f"/repos/{REPO}/git/trees/main", token, params={"recursive": "1"}).json()
    assert {e["path"] for e in tree["tree"] if e["type"] == "blob"} == set(SAMPLE_FILES)
    assert tree["truncated"] is False and tree["sha"] == repo.root_tree

    redirect = get(fake, f"/repos/{REPO}/tarball/{repo.head}", token, allow_redirects=False)
    assert redirect.status_code == 302
    archive = requests.get(redirect.headers["Location"], timeout=5)  # no credentials needed
    assert archive.status_code == 200
    with tarfile.open(fileobj=io.BytesIO(archive.content)) as tar:
        names = {m.name.split("/", 1)[1] for m in tar.getmembers() if m.isfile()}
    assert names == set(SAMPLE_FILES)

    for n in range(3):
        fake._issues.setdefault(REPO, []).append(
            {"number": n + 1, "state": "open", "labels": [], "user": {"login": "u"}})
    first = get(fake, f"/repos/{REPO}/issues", token, params={"per_page": 2})
    assert len(first.json()) == 2 and 'rel="next"' in first.headers["Link"]
    second = requests.get(first.links["next"]["url"], timeout=5,
                          headers={"Authorization": f"Bearer {token}"})
    assert len(second.json()) == 1 and "next" not in second.links


# -- faults -----------------------------------------------------------------------------------
def test_faults_and_recording(fake: FakeGitHub) -> None:
    token = token_for(fake)
    fake.fail_next(2, path="/repos/org/sample$", status=502)
    statuses = [get(fake, f"/repos/{REPO}", token).status_code for _ in range(3)]
    assert statuses == [502, 502, 200]
    fake.rate_limit_next(1, kind="primary", reset_in=30)
    limited = get(fake, f"/repos/{REPO}", token)
    assert limited.status_code == 403 and limited.headers["x-ratelimit-remaining"] == "0"
    assert int(limited.headers["x-ratelimit-reset"]) >= time.time() + 29
    fake.set_latency(0.05)
    started = time.perf_counter()
    get(fake, f"/repos/{REPO}", token)
    assert time.perf_counter() - started >= 0.05
    assert fake.count("GET", f"/repos/{REPO}$", installation=INSTALLATION_ID) == 5


def test_secondary_limit_on_content_creation(fake: FakeGitHub) -> None:
    fake.limit_content_creation(2, window=0.5)
    headers = {"Authorization": f"Bearer {token_for(fake)}"}
    url = f"{fake.api_url}/repos/{REPO}/check-runs"
    body = {"name": "x", "head_sha": "a" * 40}
    answers = [requests.post(url, json=body, headers=headers, timeout=5) for _ in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 403]
    assert "secondary rate limit" in answers[2].json()["message"]
    assert 0 < float(answers[2].headers["retry-after"]) <= 0.5
    assert get(fake, f"/repos/{REPO}", headers["Authorization"][7:]).status_code == 200  # reads
    time.sleep(0.55)
    assert requests.post(url, json=body, headers=headers, timeout=5).status_code == 201


def test_usable_from_another_process(fake: FakeGitHub, tmp_path: Path) -> None:
    import os
    import sys

    from tests.conftest import PROJECT_ROOT

    script = ("from publiccode_checker.forge.github import GitHubApp\n"
              "client = GitHubApp.from_env().installation(7)\n"
              "print(client.read_snapshot('org/sample').read_text('README.md'))\n")
    env = {**os.environ, "GITHUB_API_URL": fake.api_url, "GITHUB_APP_ID": str(fake.app_id),
           "GITHUB_PRIVATE_KEY": fake.private_key}
    env.pop("REDIS_URL", None)
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Sample")
    assert fake.count("POST", "/graphql$", installation=INSTALLATION_ID) == 1
