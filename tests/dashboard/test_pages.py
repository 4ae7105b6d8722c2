"""The organisation and repository pages, rendered by the real blueprint."""

from __future__ import annotations

import re

from tests.dashboard.fixtures import commit_for


def test_start_page_links_to_an_organisation(client):
    page = client.get("/orgs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<html lang="en">' in html
    assert 'action="/orgs"' in html
    assert client.get("/orgs?org=acme").headers["Location"].endswith("/orgs/acme")
    bad = client.get("/orgs?org=../etc")
    assert bad.status_code == 200 and 'aria-invalid="true"' in bad.get_data(as_text=True)


def test_organisation_page_shows_every_public_repository_against_every_criterion(client):
    html = client.get("/orgs/acme").get_data(as_text=True)
    assert "borgerservice" in html and "kalender" in html
    # 16 criteria as sortable column headers with their full titles
    assert html.count('<abbr title="') == 16
    assert '<abbr title="Code in the open">CO</abbr>' in html
    assert "<caption" in html and "2 repositories" in html
    assert 'aria-sort="ascending"' in html
    # statuses carry a symbol and a text alternative, not colour alone
    assert 'class="mark ok"' in html and "Met</span>" in html
    assert "Legend" in html
    assert commit_for("acme/borgerservice", 2)[:7] in html
    assert '<time datetime="2026-03-15T09:00:00+00:00">' in html


def test_private_repository_is_absent_from_the_organisation_page(client):
    html = client.get("/orgs/acme").get_data(as_text=True)
    assert "hemmelig" not in html
    assert "Only public repositories are shown." in html


def test_organisation_filters_and_sorts_without_javascript(client):
    html = client.get("/orgs/acme?criterion=DO&status=met").get_data(as_text=True)
    assert "borgerservice" in html and ">kalender<" not in html
    assert "(filtered from 2)" in html
    html = client.get("/orgs/acme?q=kal").get_data(as_text=True)
    assert ">kalender<" in html and ">borgerservice<" not in html
    html = client.get("/orgs/acme?sort=met&order=desc").get_data(as_text=True)
    assert html.index(">borgerservice<") < html.index(">kalender<")
    assert 'aria-sort="descending"' in html
    html = client.get("/orgs/acme?sort=met&order=asc").get_data(as_text=True)
    assert html.index(">kalender<") < html.index(">borgerservice<")
    html = client.get("/orgs/acme?q=nothing-like-this").get_data(as_text=True)
    assert "No repository matches these filters." in html
    # nonsense parameters fall back to defaults instead of failing
    assert client.get("/orgs/acme?sort=%3Cx%3E&status=bogus&criterion=ZZ").status_code == 200


def test_unknown_organisation_shows_an_empty_state(client):
    html = client.get("/orgs/nobody").get_data(as_text=True)
    assert "No evaluated repositories" in html
    assert client.get("/orgs/bad%20name").status_code == 404


def test_repository_page_shows_verdicts_evidence_hints_trend_and_timeline(client):
    page = client.get("/repos/acme/borgerservice")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<h1>acme/borgerservice" in html
    # every requirement of the profile, by criterion
    for rid in ("CO-1", "OL-2", "MA-1", "DO-1"):
        assert f">{rid}<" in html
    # hints for what needs action
    assert "Why it matters:" in html and "How to fix:" in html
    # the trend chart is an accessible SVG with the numbers as a table too
    assert re.search(r'<svg[^>]+role="img"[^>]+aria-labelledby="trend-title trend-desc"', html)
    assert "<desc id=\"trend-desc\">3 evaluations from 2026-03-01 to 2026-03-15." in html
    assert "Show the numbers as a table" in html
    # the timeline names the commit and pull request that changed verdicts
    assert "https://github.com/acme/borgerservice/pull/12" in html
    assert f"/acme/borgerservice/commit/{commit_for('acme/borgerservice', 1)}" in html
    assert "Questions for people" in html
    assert "Level history" in html


def test_evidence_links_point_at_the_evaluated_commit(client):
    html = client.get("/repos/acme/borgerservice").get_data(as_text=True)
    commit = commit_for("acme/borgerservice", 2)
    assert f"https://github.com/acme/borgerservice/blob/{commit}/" in html


def test_profile_switch(client):
    html = client.get("/repos/acme/borgerservice?profile=os2").get_data(as_text=True)
    assert 'aria-current="page" class="current">OS2 product levels<' in html
    assert ">F1<" in html and ">CO-1<" not in html
    html = client.get("/orgs/acme?profile=publiccode").get_data(as_text=True)
    assert '<abbr title="publiccode.yml metadata">PC</abbr>' in html
    # links between pages keep the profile
    assert "/repos/acme/borgerservice?profile=publiccode" in html
    assert client.get("/orgs/acme?profile=nope").status_code == 400


def test_unknown_repository_is_a_404(client):
    assert client.get("/repos/acme/nothing").status_code == 404
    assert client.get("/repos/acme/..").status_code == 404


def test_pages_send_a_strict_content_security_policy(client):
    page = client.get("/orgs/acme")
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script" not in policy
    assert "<script" not in page.get_data(as_text=True)


def test_text_from_repositories_is_escaped(client, memory_source, monkeypatch):
    from dataclasses import replace

    from publiccode_checker.web.dashboard.models import EvidenceItem, RequirementState

    original = memory_source.current

    def hostile(repository, profile_id):
        state = original(repository, profile_id)
        if state is None:
            return None
        bad = RequirementState("CO-1", "fail", "<script>alert(1)</script>",
                               (EvidenceItem("<img src=x onerror=alert(1)>", "<b>.md", 3),))
        return replace(state, requirements={**state.requirements, "CO-1": bad})

    monkeypatch.setattr(memory_source, "current", hostile)
    html = client.get("/repos/acme/borgerservice").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;.md:3" in html
