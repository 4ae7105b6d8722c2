from __future__ import annotations

import pytest
from flask import Flask

from publiccode_checker.web.dashboard import DashboardState, register_dashboard
from tests.dashboard.doubles import MemorySource
from tests.dashboard.fixtures import build_history


@pytest.fixture(scope="session")
def memory_source() -> MemorySource:
    source = MemorySource()
    build_history(source.record)
    return source


@pytest.fixture
def app(memory_source: MemorySource) -> Flask:
    flask_app = Flask("dashboard_test")
    flask_app.config["TESTING"] = True
    register_dashboard(flask_app, state=DashboardState(source=memory_source))
    return flask_app


@pytest.fixture
def client(app: Flask):
    return app.test_client()
