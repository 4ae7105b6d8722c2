"""The GitHub App the worker acts as, built once from the settings (replaceable in tests)."""

from __future__ import annotations

import threading
from typing import Any

from publiccode_checker.settings import current_settings, use_settings, with_stored_credentials

_lock = threading.Lock()
_app: Any = None


def github_app() -> Any:
    """The ``github_api.GitHubApp`` for the configured credentials."""
    global _app
    with _lock:
        if _app is None:
            from publiccode_checker.forge.github import GitHubApp, PacingPolicy

            settings = current_settings()
            if not settings.configured and settings.credentials_file.exists():
                # The web process may have registered the app since this process started.
                use_settings(with_stored_credentials(settings))
                settings = current_settings()
            if not settings.configured:
                raise RuntimeError("the GitHub App is not registered yet (set-up mode)")
            pacing = PacingPolicy()
            if settings.pacing_scale != 1.0:
                pacing = pacing.scaled(settings.pacing_scale)
            _app = GitHubApp(app_id=settings.app_id, private_key_pem=settings.private_key_pem,
                             api_url=settings.api_url, pacing=pacing)
        return _app


def use_github_app(app: Any) -> None:
    """Act as ``app`` from now on (None: build from the settings on next use)."""
    global _app
    with _lock:
        _app = app
