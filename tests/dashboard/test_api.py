"""The JSON API, the exports and the badges."""

from __future__ import annotations

import csv
import io
import json


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return json.loads(response.get_data(as_text=True))


def test_profiles(client):
    data = get_json(client, "/api/v1/profiles")
    ids = [p["id"] for p in data["profiles"]]
    assert ids == ["sfpc", "os2", "publiccode"]
    sfpc = data["profiles"][0]
    assert len(sfpc["criteria"]) == 16
    assert sum(c["requirements"] for c in sfpc["criteria"]) == 111


def test_organisation(client):
    data = get_json(client, "/api/v1/orgs/acme")
    assert data["organisation"] == "acme"
    names = [r["repository"] for r in data["repositories"]]
    assert names == ["acme/borgerservice", "acme/kalender"]
    row = data["repositories"][0]
    assert set(row["criteria"]) == {c["code"] for c in data["profile"]["criteria"]}
    assert row["criteria_total"] == 16
    assert row["level"]["label"].endswith("criteria met")
    assert row["evaluated_at"].startswith("2026-03-15")
    filtered = get_json(client, "/api/v1/orgs/acme?q=kal")
    assert [r["repository"] for r in filtered["repositories"]] == ["acme/kalender"]


def test_exports(client):
    assert get_json(client, "/orgs/acme/export.json")["repositories"]
    response = client.get("/orgs/acme/export.csv?profile=os2")
    assert response.mimetype == "text/csv"
    assert 'filename="acme-os2.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:4] == ["repository", "visibility", "level", "level_text"]
    assert rows[0][8:] == ["R", "F", "S", "G"]
    assert [r[0] for r in rows[1:]] == ["acme/borgerservice", "acme/kalender"]


def test_repository(client):
    data = get_json(client, "/api/v1/repos/acme/borgerservice")
    assert data["repository"] == "acme/borgerservice"
    assert len(data["requirements"]) == 111
    failing = [r for r in data["requirements"] if r["verdict"] == "fail"]
    assert failing and all(r["hints"] for r in failing if r["id"].startswith("OL"))
    manual = [r for r in data["requirements"] if r["verdict"] == "manual"]
    assert manual and all(r["question"] for r in manual)
    assert {c["status"] for c in data["criteria"]} <= {"met", "not_met", "open"}


def test_trend_timeline_levels_and_questions(client):
    trend = get_json(client, "/api/v1/repos/acme/borgerservice/trend")
    assert [p["time"][:10] for p in trend["points"]] == ["2026-03-01", "2026-03-08",
                                                         "2026-03-15"]
    assert trend["criteria_total"] == 16
    timeline = get_json(client, "/api/v1/repos/acme/borgerservice/timeline?limit=5")
    assert 0 < len(timeline["changes"]) <= 5
    assert {"requirement", "old", "new", "commit", "pull_request", "trigger"} <= set(
        timeline["changes"][0])
    assert any(c["pull_request"] == 12 for c in
               get_json(client, "/api/v1/repos/acme/borgerservice/timeline")["changes"])
    levels = get_json(client, "/api/v1/repos/acme/borgerservice/levels")
    assert levels["events"][0]["kind"] in ("attained", "lost", "changed")
    questions = get_json(client, "/api/v1/repos/acme/borgerservice/questions")
    assert questions["questions"] and all(q["question"] for q in questions["questions"])


def test_unknown_repository_and_bad_profile_are_json_errors(client):
    response = client.get("/api/v1/repos/acme/nothing")
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404
    assert client.get("/api/v1/orgs/acme?profile=zzz").status_code == 400


def test_badge_svg_shows_the_level(client):
    response = client.get("/badges/acme/borgerservice.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    assert 'role="img"' in svg and "<title>Standard for Public Code: 3/16</title>" in svg
    assert response.headers["Cache-Control"] == "public, max-age=300"
    os2 = client.get("/badges/acme/borgerservice.svg?profile=os2").get_data(as_text=True)
    assert "OS2 level:" in os2


def test_badge_endpoint_is_shields_compatible(client):
    data = get_json(client, "/badges/acme/borgerservice.json")
    assert data == {"schemaVersion": 1, "label": "Standard for Public Code",
                    "message": "3/16", "color": "yellow"}
    assert get_json(client, "/api/v1/badges/acme/borgerservice") == data


def test_badge_of_an_unknown_repository_is_grey_not_an_error(client):
    data = get_json(client, "/badges/acme/nothing.json")
    assert data["message"] == "not evaluated" and data["color"] == "inactive"
