"""The dashboard on the real history store: SQLite filled by ``record_evaluation``."""

from __future__ import annotations

import pytest
from flask import Flask

pytest.importorskip("publiccode_checker.store.history.store")

from publiccode_checker.store import database
from publiccode_checker.web.dashboard import DashboardState, register_dashboard
from publiccode_checker.web.dashboard.source import HistorySource
from tests.dashboard.fixtures import commit_for
from tests.dashboard.history_db import make_history_database


@pytest.fixture(scope="module")
def history_url(tmp_path_factory):
    url = make_history_database(tmp_path_factory.mktemp("history"))
    yield url
    database.dispose_engines()


@pytest.fixture
def client(history_url):
    app = Flask("dashboard_history_test")
    register_dashboard(app, state=DashboardState(source=HistorySource(history_url)))
    return app.test_client()


def test_source_reads_every_query(history_url):
    source = HistorySource(history_url)
    current = source.current("acme/borgerservice", "sfpc")
    assert current is not None and current.visibility == "public"
    assert current.commit == commit_for("acme/borgerservice", 2)
    assert len(current.requirements) == 111
    assert current.level is not None and current.level.label.endswith("criteria met")
    assert current.sustained_level is not None
    assert [p.criteria_met for p in source.trend("acme/borgerservice", "sfpc")] == sorted(
        p.criteria_met for p in source.trend("acme/borgerservice", "sfpc"))
    changes = source.timeline("acme/borgerservice", "sfpc")
    assert changes and any(c.pull_request == 12 for c in changes)
    rows = source.overview("acme", "sfpc", include_private=False)
    assert [r.repository for r in rows] == ["acme/borgerservice", "acme/kalender"]
    everything = source.overview("acme", "sfpc", include_private=True)
    assert "acme/hemmelig" in [r.repository for r in everything]
    assert source.open_questions("acme/borgerservice", "sfpc")
    assert isinstance(source.level_events("acme/borgerservice", "sfpc"), list)


def test_pages_and_api_on_history(client):
    html = client.get("/orgs/acme").get_data(as_text=True)
    assert ">borgerservice<" in html and "hemmelig" not in html
    html = client.get("/repos/acme/borgerservice").get_data(as_text=True)
    assert "/acme/borgerservice/pull/12" in html
    assert "<svg" in html and "3 evaluations" in html
    for profile in ("sfpc", "os2", "publiccode"):
        assert client.get(f"/repos/acme/borgerservice?profile={profile}").status_code == 200
        assert client.get(f"/badges/acme/borgerservice.svg?profile={profile}").status_code == 200
    assert client.get("/repos/acme/hemmelig").status_code == 404
    assert client.get("/api/v1/repos/acme/hemmelig/timeline").status_code == 404
    assert "hemmelig" not in client.get("/orgs/acme/export.csv").get_data(as_text=True)
    data = client.get("/api/v1/repos/acme/borgerservice/levels").get_json()
    assert all(e["kind"] in ("attained", "lost", "changed") for e in data["events"])
