"""Settings: one clear line naming a missing or invalid setting; credentials kept at 0600."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from publiccode_checker.settings import SettingsError, load_settings, store_credentials

ROOT = Path(__file__).resolve().parent.parent


def pem(key: object) -> str:
    return key.private_bytes(serialization.Encoding.PEM,  # type: ignore[attr-defined]
                             serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


RSA_PEM = pem(rsa.generate_private_key(public_exponent=65537, key_size=2048))


def full(tmp_path: Path, **changes: str) -> dict[str, str]:
    env = {"GITHUB_APP_ID": "123", "GITHUB_PRIVATE_KEY": RSA_PEM,
           "GITHUB_WEBHOOK_SECRET": "s3cret", "PUBLICCODE_CHECKER_INSTANCE": str(tmp_path)}
    env.update(changes)
    return {k: v for k, v in env.items() if v}


def test_complete_settings(tmp_path: Path) -> None:
    settings = load_settings(full(tmp_path, PUBLIC_URL="https://checker.example/",
                                  REDIS_URL="redis://127.0.0.1:6379/0"))
    assert settings.configured and settings.credentials_source == "environment"
    assert settings.api_url == "https://api.github.com"
    assert settings.details_url("org/repo") == "https://checker.example/repos/org/repo"
    assert "s3cret" not in repr(settings) and "PRIVATE KEY" not in repr(settings)


def test_nothing_set_means_setup_mode(tmp_path: Path) -> None:
    settings = load_settings({"PUBLICCODE_CHECKER_INSTANCE": str(tmp_path)})
    assert not settings.configured and settings.credentials_source is None


def test_escaped_newlines_in_the_key_are_accepted(tmp_path: Path) -> None:
    escaped = RSA_PEM.replace("\n", "\\n")
    assert load_settings(full(tmp_path, GITHUB_PRIVATE_KEY=escaped)).configured


def test_key_from_a_file(tmp_path: Path) -> None:
    key_file = tmp_path / "key.pem"
    key_file.write_text(RSA_PEM)
    env = full(tmp_path, GITHUB_PRIVATE_KEY="", GITHUB_PRIVATE_KEY_PATH=str(key_file))
    assert load_settings(env).private_key_pem == RSA_PEM


@pytest.mark.parametrize(("changes", "named"), [
    ({"GITHUB_APP_ID": ""}, "GITHUB_APP_ID"),
    ({"GITHUB_APP_ID": "abc"}, "GITHUB_APP_ID"),
    ({"GITHUB_PRIVATE_KEY": ""}, "GITHUB_PRIVATE_KEY"),
    ({"GITHUB_PRIVATE_KEY": "not a key"}, "GITHUB_PRIVATE_KEY"),
    ({"GITHUB_PRIVATE_KEY": pem(ec.generate_private_key(ec.SECP256R1()))}, "RSA"),
    ({"GITHUB_PRIVATE_KEY": "", "GITHUB_PRIVATE_KEY_PATH": "/nonexistent/key.pem"},
     "GITHUB_PRIVATE_KEY_PATH"),
    ({"GITHUB_WEBHOOK_SECRET": ""}, "GITHUB_WEBHOOK_SECRET"),
    ({"GITHUB_API_URL": "ftp://example.org"}, "GITHUB_API_URL"),
    ({"DATABASE_URL": "just-a-path.db"}, "DATABASE_URL"),
    ({"REDIS_URL": "http://127.0.0.1"}, "REDIS_URL"),
    ({"WORKER_THREADS": "0"}, "WORKER_THREADS"),
    ({"PUBLIC_URL": "checker.example"}, "PUBLIC_URL"),
])
def test_bad_settings_are_named_on_one_line(tmp_path: Path, changes: dict[str, str],
                                            named: str) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(full(tmp_path, **changes))
    message = str(raised.value)
    assert named in message and "\n" not in message
    assert RSA_PEM[40:80] not in message


def test_credentials_from_the_manifest_flow_are_stored_0600_and_used(tmp_path: Path) -> None:
    path = store_credentials(tmp_path, {"id": 777, "slug": "new-app", "pem": RSA_PEM,
                                        "webhook_secret": "w", "client_secret": "c",
                                        "unrelated": "dropped"})
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    settings = load_settings({"PUBLICCODE_CHECKER_INSTANCE": str(tmp_path)})
    assert settings.configured and settings.credentials_source == "instance"
    assert settings.app_id == "777" and settings.bot_login == "new-app[bot]"
    assert "unrelated" not in path.read_text()


def test_web_start_up_stops_with_one_line(tmp_path: Path) -> None:
    env = {**os.environ, **full(tmp_path, GITHUB_APP_ID="not-a-number")}
    done = subprocess.run([sys.executable, "-c", "import app"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert done.stderr.strip() == "publiccode-checker: GITHUB_APP_ID must be a number"


def test_dashboard_gets_the_stored_oauth_client_and_a_lasting_session_key(tmp_path, monkeypatch):
    from publiccode_checker import settings as app_settings
    from publiccode_checker.web.factory import create_app

    for name in ("GITHUB_APP_ID", "GITHUB_PRIVATE_KEY", "GITHUB_PRIVATE_KEY_PATH",
                 "GITHUB_WEBHOOK_SECRET", "GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET",
                 "SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    pem = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode()
    app_settings.store_credentials(tmp_path, {"id": 42, "slug": "checker", "pem": pem,
                                              "webhook_secret": "s", "client_id": "Iv1.abc",
                                              "client_secret": "shh"})
    monkeypatch.setenv("PUBLICCODE_CHECKER_INSTANCE", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/db.sqlite3")
    settings = app_settings.load_settings()
    first = create_app(settings)
    assert first.config["GITHUB_CLIENT_ID"] == "Iv1.abc"
    assert first.config["GITHUB_CLIENT_SECRET"] == "shh"
    second = create_app(settings)
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) >= 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
