"""Headless Chromium (Debian's package) driven by Playwright against the running dashboard.

Skipped cleanly when Playwright or the browser is missing. No browser is ever downloaded: the
tests use the system's Chromium (``CHROMIUM_PATH`` overrides ``/usr/bin/chromium``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    for candidate in (configured, "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    path = chromium_path()
    if path is None:
        pytest.skip("chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        try:
            instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        except Exception as exc:  # a browser that cannot start here is a skip, not a failure
            pytest.skip(f"chromium could not start: {exc}")
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[str]:
    """The dashboard on a free loopback port, reading a SQLite history of real evaluations."""
    pytest.importorskip("publiccode_checker.store.history.store")
    from publiccode_checker.store import database
    from publiccode_checker.web.dashboard import DashboardState, register_dashboard
    from publiccode_checker.web.dashboard.source import HistorySource
    from tests.dashboard.history_db import make_history_database

    url = make_history_database(tmp_path_factory.mktemp("browser-history"))
    app = Flask("dashboard_browser_test")
    register_dashboard(app, state=DashboardState(source=HistorySource(url)))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        database.dispose_engines()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    configured = os.environ.get("DASHBOARD_SCREENSHOTS")
    folder = Path(configured) if configured else Path(tempfile.gettempdir()) / "dashboard-shots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
