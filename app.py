"""The web service: ``gunicorn app:app`` (see gunicorn_config.py).

Webhooks arrive at ``POST /webhooks/github``; ``GET /healthz`` reports the app, the database and
the queue; without GitHub App credentials the service offers to register the app (``/setup``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, Response, jsonify
from sqlalchemy import text

from app_settings import (
    MAX_WEBHOOK_BYTES,
    Settings,
    SettingsError,
    current_settings,
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

    from setup_flow.views import blueprint as setup_blueprint
    from webhooks.views import blueprint as webhook_blueprint

    flask_app.register_blueprint(webhook_blueprint)
    flask_app.register_blueprint(setup_blueprint)

    from dashboard import register_dashboard

    register_dashboard(flask_app)

    @flask_app.get("/healthz")
    def healthz() -> tuple[Response, int]:
        return _health()

    return flask_app


def _health() -> tuple[Response, int]:
    from database import session_scope

    report: dict[str, object] = {
        "app": "ok" if current_settings().configured else "setup",
    }
    healthy = True
    try:
        with session_scope() as session:
            session.execute(text("SELECT 1"))
        report["database"] = "ok"
    except Exception as exc:
        healthy = False
        report["database"] = f"unavailable: {type(exc).__name__}"
    try:
        from jobs.queue import queue_state

        report["queue"] = {"status": "ok", **queue_state()}
    except Exception as exc:
        healthy = False
        report["queue"] = {"status": f"unavailable: {type(exc).__name__}"}
    report["status"] = "ok" if healthy else "degraded"
    return jsonify(report), 200 if healthy else 503


try:
    app = create_app()
except SettingsError as exc:
    raise SystemExit(f"publiccode-checker: {exc}") from None
