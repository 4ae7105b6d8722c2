"""The organisation and repository pages in a real browser: content, screenshots, keyboard use,
no JavaScript needed, and an automated accessibility check (axe-core, bundled locally)."""

from __future__ import annotations

import pytest

SERIOUS = ("serious", "critical")


def axe_violations(page) -> list[dict]:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    results = axe_module.Axe().run(page)
    return results.response["violations"]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    serious = [v for v in violations if v.get("impact") in SERIOUS]
    details = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in serious]
    assert not serious, f"accessibility violations: {details}"


@pytest.fixture
def page(browser):
    # axe is injected through the DevTools protocol; the pages themselves forbid scripts.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def test_organisation_page(page, live_server, screenshot_dir):
    page.goto(f"{live_server}/orgs/acme")
    assert page.locator("h1").inner_text() == "acme"
    rows = page.locator("table.overview tbody tr")
    assert rows.count() == 2
    assert "hemmelig" not in page.content()
    assert page.locator("table.overview caption").inner_text().startswith("2 repositories")
    assert page.locator("table.overview thead th").count() == 16 + 4
    page.screenshot(path=str(screenshot_dir / "organisation.png"), full_page=True)
    assert_accessible(page)


def test_sorting_by_a_column_is_a_plain_link(page, live_server):
    page.goto(f"{live_server}/orgs/acme")
    page.get_by_role("link", name="Met (sort)").click()
    assert "sort=met" in page.url
    header = page.locator("th[aria-sort]")
    assert header.get_attribute("aria-sort") == "descending"
    first = page.locator("table.overview tbody tr th").first.inner_text()
    assert first.startswith("borgerservice")


def test_repository_page(page, live_server, screenshot_dir):
    page.goto(f"{live_server}/repos/acme/borgerservice")
    assert page.locator("h1").inner_text().startswith("acme/borgerservice")
    chart = page.locator("svg.chart")
    assert chart.get_attribute("role") == "img"
    assert page.locator("svg.chart circle.point").count() == 3
    assert page.locator("table.timeline tbody tr").count() > 0
    assert page.get_by_role("link", name="pull request #12").count() > 0
    page.screenshot(path=str(screenshot_dir / "repository-top.png"))
    page.screenshot(path=str(screenshot_dir / "repository.png"), full_page=True)
    assert_accessible(page)


def test_danish(page, live_server, screenshot_dir):
    page.goto(f"{live_server}/orgs/acme?lang=da&profile=os2")
    assert page.locator("html").get_attribute("lang") == "da"
    assert "Opfyldt" in page.locator(".legend").inner_text()
    page.screenshot(path=str(screenshot_dir / "organisation-da.png"), full_page=True)
    assert_accessible(page)
    # the choice is remembered by a cookie for the next page
    page.goto(f"{live_server}/repos/acme/borgerservice")
    assert page.locator("html").get_attribute("lang") == "da"
    assert_accessible(page)


def test_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server}/orgs/acme")
    page.get_by_label("Repository name contains").fill("kal")
    page.get_by_role("button", name="Apply").click()
    assert "q=kal" in page.url
    assert page.locator("table.overview tbody tr").count() == 1
    details = page.goto(f"{live_server}/repos/acme/borgerservice")
    assert details is not None and details.ok
    context.close()


def test_keyboard_reaches_the_skip_link_first(page, live_server):
    page.goto(f"{live_server}/orgs/acme")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
