"""Private repositories never reach anonymous visitors, and reach signed-in people who can read
them on GitHub (checked with their own token, through a fake GitHub on loopback)."""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qs, urlparse

import pytest
from flask import Flask

from publiccode_checker.web.dashboard import DashboardState, register_dashboard
from publiccode_checker.web.dashboard.github_oauth import GitHubOAuth, OAuthSettings
from tests.dashboard.fake_github import FakeGitHub, running

TOKEN = "gho_supersecrettoken123"
ANONYMOUS_URLS = [
    "/orgs/acme",
    "/orgs/acme/export.csv",
    "/orgs/acme/export.json",
    "/api/v1/orgs/acme",
    "/orgs/acme?profile=os2",
    "/api/v1/orgs/acme?profile=publiccode",
]
PRIVATE_URLS = [
    "/repos/acme/hemmelig",
    "/api/v1/repos/acme/hemmelig",
    "/api/v1/repos/acme/hemmelig/trend",
    "/api/v1/repos/acme/hemmelig/timeline",
    "/api/v1/repos/acme/hemmelig/levels",
    "/api/v1/repos/acme/hemmelig/questions",
    "/repos/acme/hemmelig?profile=os2",
]


@pytest.mark.parametrize("url", ANONYMOUS_URLS)
def test_private_repository_absent_from_lists_for_anonymous(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "hemmelig" not in response.get_data(as_text=True)


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_private_repository_is_not_found_for_anonymous(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Internal tool" not in response.get_data(as_text=True)


def test_private_badge_tells_nothing_to_anonymous(client):
    data = client.get("/badges/acme/hemmelig.json").get_json()
    assert data["message"] == "not evaluated"
    svg = client.get("/badges/acme/hemmelig.svg")
    assert "not evaluated" in svg.get_data(as_text=True)
    assert svg.headers["Cache-Control"] == "private, no-store"


def test_sign_in_is_hidden_without_oauth_settings(client):
    assert "Sign in" not in client.get("/orgs/acme").get_data(as_text=True)
    assert client.get("/auth/login").status_code == 404
    assert client.get("/auth/callback?code=x&state=y").status_code == 404


@pytest.fixture
def github():
    fake = FakeGitHub(codes={"good-code": (TOKEN, "mette"), "other-code": ("gho_other", "ole")},
                      access={TOKEN: {"acme/hemmelig"}})
    with running(fake):
        yield fake


@pytest.fixture
def oauth_app(memory_source, github) -> Flask:
    flask_app = Flask("dashboard_oauth_test")
    flask_app.config["TESTING"] = True
    settings = OAuthSettings("client-1", "s3cret", web_url=github.url, api_url=github.url)
    state = DashboardState(source=memory_source, oauth=GitHubOAuth(settings),
                           secret_key="test-secret-key-of-enough-length", web_url=github.url)
    register_dashboard(flask_app, state=state)
    return flask_app


def sign_in(client, code: str = "good-code", next_url: str = "/orgs/acme"):
    start = client.get(f"/auth/login?next={next_url}")
    assert start.status_code == 302
    authorize = urlparse(start.headers["Location"])
    assert authorize.path == "/login/oauth/authorize"
    query = parse_qs(authorize.query)
    assert query["client_id"] == ["client-1"]
    assert query["redirect_uri"] == ["http://localhost/auth/callback"]
    return client.get(f"/auth/callback?code={code}&state={query['state'][0]}")


def session_cookie(client) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def test_sign_in_shows_private_repositories_the_person_can_read(oauth_app, github):
    client = oauth_app.test_client()
    assert "hemmelig" not in client.get("/orgs/acme").get_data(as_text=True)
    done = sign_in(client)
    assert done.status_code == 302 and done.headers["Location"] == "/orgs/acme"
    page = client.get("/orgs/acme")
    html = page.get_data(as_text=True)
    assert "hemmelig" in html and "Signed in as mette" in html
    assert page.headers["Cache-Control"] == "private, no-store"
    assert client.get("/repos/acme/hemmelig").status_code == 200
    assert client.get("/api/v1/repos/acme/hemmelig/trend").status_code == 200
    assert "acme/hemmelig" in client.get("/orgs/acme/export.csv").get_data(as_text=True)
    assert client.get("/badges/acme/hemmelig.json").get_json()["message"] != "not evaluated"
    # access was checked with the person's own token against GitHub's repository endpoint
    assert ("GET", "/repos/acme/hemmelig", TOKEN) in github.requests


def test_token_is_not_in_the_cookie_in_clear(oauth_app):
    client = oauth_app.test_client()
    sign_in(client)
    value = session_cookie(client)
    payload = value.split(".")[0] if not value.startswith(".") else value.split(".")[1]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    if value.startswith("."):
        import zlib

        decoded = zlib.decompress(decoded)
    assert TOKEN not in value and TOKEN.encode() not in decoded
    stored = json.loads(decoded)
    assert stored["viewer"]["login"] == "mette"


def test_someone_without_access_still_sees_no_private_repository(oauth_app):
    client = oauth_app.test_client()
    sign_in(client, code="other-code")
    assert "Signed in as ole" in client.get("/orgs/acme").get_data(as_text=True)
    assert "hemmelig" not in client.get("/orgs/acme").get_data(as_text=True)
    assert client.get("/repos/acme/hemmelig").status_code == 404
    assert "hemmelig" not in client.get("/api/v1/orgs/acme").get_data(as_text=True)


def test_callback_rejects_a_wrong_state_or_code(oauth_app):
    client = oauth_app.test_client()
    client.get("/auth/login")
    assert client.get("/auth/callback?code=good-code&state=forged").status_code == 403
    assert sign_in(client, code="wrong-code").status_code == 403
    assert "Signed in" not in client.get("/orgs/acme").get_data(as_text=True)


def test_next_must_stay_on_the_site(oauth_app):
    client = oauth_app.test_client()
    done = sign_in(client, next_url="//evil.example/")
    assert done.headers["Location"] == "/orgs"


def test_sign_out_needs_the_form_token(oauth_app):
    client = oauth_app.test_client()
    sign_in(client)
    assert client.post("/auth/logout", data={"csrf": "nope"}).status_code == 400
    html = client.get("/orgs/acme").get_data(as_text=True)
    token = html.split('name="csrf" value="')[1].split('"')[0]
    assert client.post("/auth/logout", data={"csrf": token, "next": "/orgs/acme"}).status_code \
        == 302
    assert "hemmelig" not in client.get("/orgs/acme").get_data(as_text=True)


def test_a_cookie_sealed_with_another_key_is_ignored(oauth_app, memory_source, github):
    client = oauth_app.test_client()
    sign_in(client)
    other = Flask("other")
    settings = OAuthSettings("client-1", "s3cret", web_url=github.url, api_url=github.url)
    register_dashboard(other, state=DashboardState(
        source=memory_source, oauth=GitHubOAuth(settings), secret_key="a-different-key"))
    other_client = other.test_client()
    other_client.set_cookie("session", session_cookie(client))
    assert "hemmelig" not in other_client.get("/orgs/acme").get_data(as_text=True)
