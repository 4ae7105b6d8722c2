"""First run without credentials: the manifest flow, and ``publiccode-checker serve``."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from publiccode_checker.settings import Settings, current_settings, use_settings
from publiccode_checker.web.setup.manifest import build_manifest
from tests.e2e.service import ROOT, free_port, wait_for
from tests.fake_github import FakeGitHub

pytest_plugins = ("tests.e2e.fixtures",)


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with FakeGitHub() as server:
        yield server


def test_manifest_asks_for_what_the_app_needs() -> None:
    manifest = build_manifest("https://checker.example/")
    assert manifest["default_permissions"] == {
        "checks": "write", "issues": "write", "contents": "read", "metadata": "read",
        "pull_requests": "read"}
    assert set(manifest["default_events"]) == {"check_run", "check_suite", "issues",
                                               "pull_request", "push", "repository"}
    assert manifest["hook_attributes"]["url"] == "https://checker.example/webhooks/github"
    assert manifest["redirect_url"] == "https://checker.example/setup/callback"
    with_admin = build_manifest("https://checker.example", administration_read=True)
    assert with_admin["default_permissions"]["administration"] == "read"


def test_registration_from_the_manifest(service_db, fake: FakeGitHub, tmp_path: Path) -> None:
    from publiccode_checker.web.factory import create_app

    instance = tmp_path / "instance"
    use_settings(Settings(instance_path=instance, api_url=fake.api_url,
                          web_url="https://github.example"))
    try:
        client = create_app().test_client()
        assert client.get("/").status_code == 302
        page = client.get("/setup?organization=my-org").get_data(as_text=True)
        action = re.search(r'<form method="post" action="([^"]+)"', page).group(1)
        assert action.startswith("https://github.example/organizations/my-org/settings/apps/new")
        state = action.split("state=")[1]
        manifest = json.loads(re.search(r'name="manifest" value="([^"]+)"', page).group(1)
                              .replace("&#34;", '"').replace("&quot;", '"'))
        assert manifest["default_permissions"]["checks"] == "write"

        assert client.get("/setup/callback?code=abc&state=forged").status_code == 400
        fake.add_manifest_code("good-code", id=777, slug="new-app")
        done = client.get(f"/setup/callback?code=good-code&state={state}")
        assert done.status_code == 200
        assert "/installations/new" in done.get_data(as_text=True)
        stored = instance / "github-app.json"
        assert stat.S_IMODE(os.stat(stored).st_mode) == 0o600
        settings = current_settings()
        assert settings.configured and settings.app_id == "777"
        assert settings.app_slug == "new-app" and settings.credentials_source == "instance"
        # The code works once: the state is spent too.
        assert client.get(f"/setup/callback?code=good-code&state={state}").status_code == 302
    finally:
        use_settings(None)


def test_serve_starts_in_setup_mode_and_says_where_to_go(tmp_path: Path) -> None:
    port = free_port()
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("GITHUB_", "REDIS_URL", "DATABASE_URL"))}
    env.update(PUBLICCODE_CHECKER_INSTANCE=str(tmp_path / "instance"),
               DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
               QUEUE_PATH=str(tmp_path / "queue.sqlite3"), LOG_LEVEL="WARNING")
    process = subprocess.Popen(
        [sys.executable, "-m", "publiccode_checker.cli.main", "serve", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        first = process.stdout.readline()  # type: ignore[union-attr]
        assert f"http://127.0.0.1:{port}/" in first and "set-up mode" in first
        assert "/setup" in process.stdout.readline()  # type: ignore[union-attr]

        def up() -> bool:
            try:
                return requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).ok
            except requests.ConnectionError:
                return False

        wait_for(up, timeout=60, what="serve")
        health = requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).json()
        assert health["app"] == "setup" and health["database"] == "ok"
        page = requests.get(f"http://127.0.0.1:{port}/setup", timeout=5).text
        assert "Register the GitHub App" in page
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def test_serve_stops_on_a_bad_setting_with_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "GITHUB_APP_ID": "12", "GITHUB_PRIVATE_KEY": "nonsense",
           "GITHUB_WEBHOOK_SECRET": "x", "PUBLICCODE_CHECKER_INSTANCE": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "publiccode_checker.cli.main", "serve", "--port",
                           str(free_port())], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == ("publiccode-checker: GITHUB_PRIVATE_KEY is not a valid "
                                   "unencrypted PEM private key")
