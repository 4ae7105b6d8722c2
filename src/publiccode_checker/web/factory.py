"""The app factory of the web service (see the Procfile and the repository's ``app.py``).

Webhooks arrive at ``POST /webhooks/github``; ``GET /healthz`` reports the app, the database and
the queue; without GitHub App credentials the service offers to register the app (``/setup``).
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from flask import Flask, Response, jsonify

from publiccode_checker.settings import (
    MAX_WEBHOOK_BYTES,
    Settings,
    SettingsError,
    current_settings,
    read_stored_credentials,
    use_settings,
)

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> Flask:
    """Build the Flask app; raises ``SettingsError`` when a setting is missing or invalid."""
    if settings is not None:
        use_settings(settings)
    settings = current_settings()
    flask_app = Flask("publiccode_checker",
                      instance_path=str(Path(settings.instance_path).resolve()))
    # Werkzeug refuses longer bodies with 413 before they are read into memory.
    flask_app.config["MAX_CONTENT_LENGTH"] = MAX_WEBHOOK_BYTES

    from publiccode_checker.web.setup.views import blueprint as setup_blueprint
    from publiccode_checker.webhooks.views import blueprint as webhook_blueprint

    flask_app.register_blueprint(webhook_blueprint)
    flask_app.register_blueprint(setup_blueprint)

    _dashboard_config(flask_app, settings)
    from publiccode_checker.web.dashboard import register_dashboard

    register_dashboard(flask_app)

    @flask_app.get("/healthz")
    def healthz() -> tuple[Response, int]:
        return _health()

    return flask_app


def _dashboard_config(flask_app: Flask, settings: Settings) -> None:
    """Give the dashboard GitHub's addresses, the app's OAuth client and a session key.

    The manifest flow stores the app's OAuth client next to its other credentials, so sign-in
    works without extra settings; the environment wins when it sets them.
    """
    flask_app.config["GITHUB_API_URL"] = settings.api_url
    flask_app.config["GITHUB_WEB_URL"] = settings.web_url
    stored = read_stored_credentials(settings.instance_path) \
        if settings.credentials_source == "instance" else None
    for key, field_name in (("GITHUB_CLIENT_ID", "client_id"),
                            ("GITHUB_CLIENT_SECRET", "client_secret")):
        value = os.environ.get(key) or (stored or {}).get(field_name)
        if value:
            flask_app.config[key] = value
    flask_app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY") or _instance_secret_key(
        Path(settings.instance_path))


def _instance_secret_key(instance_path: Path) -> str:
    """A random key kept in the instance folder (0600), so sessions survive restarts."""
    path = instance_path / "secret_key"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        pass
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process wrote it first: use theirs
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


def _health() -> tuple[Response, int]:
    from publiccode_checker.store.database import ping

    report: dict[str, object] = {
        "app": "ok" if current_settings().configured else "setup",
    }
    healthy = True
    try:
        ping()
        report["database"] = "ok"
    except Exception as exc:
        healthy = False
        report["database"] = f"unavailable: {type(exc).__name__}"
    try:
        from publiccode_checker.jobs.queue import queue_state

        report["queue"] = {"status": "ok", **queue_state()}
    except Exception as exc:
        healthy = False
        report["queue"] = {"status": f"unavailable: {type(exc).__name__}"}
    report["status"] = "ok" if healthy else "degraded"
    return jsonify(report), 200 if healthy else 503


def create_app_or_exit() -> Flask:
    """The app for a WSGI server: a missing or invalid setting ends start-up with one line."""
    try:
        return create_app()
    except SettingsError as exc:
        raise SystemExit(f"publiccode-checker: {exc}") from None
