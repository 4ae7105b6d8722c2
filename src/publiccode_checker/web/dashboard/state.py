"""What the dashboard needs at run time, built once from settings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from flask import Flask

from publiccode_checker.web.dashboard.access import AccessChecker
from publiccode_checker.web.dashboard.github_oauth import GitHubOAuth, OAuthSettings
from publiccode_checker.web.dashboard.source import DashboardSource, HistorySource

DEFAULT_WEB_URL = "https://github.com"
DEFAULT_API_URL = "https://api.github.com"


@dataclass
class DashboardState:
    source: DashboardSource
    oauth: GitHubOAuth | None = None
    secret_key: str | None = None
    web_url: str = DEFAULT_WEB_URL
    access: AccessChecker = field(init=False)

    def __post_init__(self) -> None:
        self.access = AccessChecker(self.oauth)

    @property
    def sign_in_enabled(self) -> bool:
        return self.oauth is not None and bool(self.secret_key)


def _setting(app: Flask, name: str, default: str | None = None) -> str | None:
    value = app.config.get(name) or os.environ.get(name)
    return str(value) if value else default


def build_state(app: Flask) -> DashboardState:
    secret_key = _setting(app, "SECRET_KEY")
    web_url = (_setting(app, "GITHUB_WEB_URL", DEFAULT_WEB_URL) or DEFAULT_WEB_URL).rstrip("/")
    api_url = (_setting(app, "GITHUB_API_URL", DEFAULT_API_URL) or DEFAULT_API_URL).rstrip("/")
    client_id = _setting(app, "GITHUB_CLIENT_ID")
    client_secret = _setting(app, "GITHUB_CLIENT_SECRET")
    oauth = None
    if client_id and client_secret and secret_key:
        oauth = GitHubOAuth(OAuthSettings(client_id, client_secret, web_url, api_url,
                                          _setting(app, "GITHUB_OAUTH_SCOPE", "") or ""))
    return DashboardState(
        source=HistorySource(_setting(app, "DATABASE_URL")),
        oauth=oauth,
        secret_key=secret_key,
        web_url=web_url,
    )
