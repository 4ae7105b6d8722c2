"""The dashboard: organisation overview, repository pages, badges and a JSON API.

``register_dashboard(app)`` adds it to the Flask app. Settings come from ``app.config`` or the
environment: ``SECRET_KEY`` (signs the session cookie), ``GITHUB_CLIENT_ID`` and
``GITHUB_CLIENT_SECRET`` (sign-in with GitHub; without them only public repositories are shown),
``GITHUB_WEB_URL`` (web host, default https://github.com), ``GITHUB_API_URL`` and ``DATABASE_URL``.
"""

from __future__ import annotations

from flask import Flask

from publiccode_checker.web.dashboard.state import DashboardState, build_state

__all__ = ["DashboardState", "register_dashboard"]


def register_dashboard(app: Flask, *, state: DashboardState | None = None) -> Flask:
    """Mount the dashboard on ``app``; ``state`` replaces the data source and GitHub client."""
    from publiccode_checker.web.dashboard.blueprint import blueprint

    dashboard_state = state or build_state(app)
    if dashboard_state.secret_key and not app.secret_key:
        app.secret_key = dashboard_state.secret_key
    app.config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")
    app.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    app.extensions["publiccode_dashboard"] = dashboard_state
    app.register_blueprint(blueprint)
    return app
