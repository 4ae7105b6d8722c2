"""Document codebase objectives: DO-1 to DO-3."""

from __future__ import annotations

from publiccode_checker.snapshots import MemorySnapshot, RepositoryFacts
from tests.checks.helpers import outcomes, run

PURPOSE = (
    "We want residents to get a parking permit without visiting the town hall. The app "
    "replaces paper forms, so staff spend less time on typing and more time on helping people "
    "who need it. It follows the parking policy of the city council."
)


def test_purpose_section_passes_and_links_policy():
    readme = f"# Permits\n\n## Purpose\n\n{PURPOSE}\n"
    result = run("codebase-objectives", MemorySnapshot({"README": readme}))
    assert result["DO-1"].outcome.value == "pass"
    assert result["DO-1"].evidence[0].line == 3
    assert result["DO-2"].outcome.value == "pass"
    assert result["DO-3"].outcome.value == "pass"


def test_legislation_link_in_objectives_passes_do2():
    text = PURPOSE.replace("It follows the parking policy of the city council.", "")
    readme = (f"# Permits\n\n## Goals\n\n{text} See "
              "[the act](https://www.retsinformation.dk/eli/lta/2021/1).\n")
    result = run("codebase-objectives", MemorySnapshot({"README": readme}))
    assert result["DO-2"].outcome.value == "pass"
    assert "retsinformation" in result["DO-2"].evidence[0].message


def test_only_readme_intro_warns():
    intro = PURPOSE.replace("It follows the parking policy of the city council.", "")
    result = outcomes("codebase-objectives", MemorySnapshot({"README": f"# Permits\n\n{intro}"}))
    assert result["DO-1"] == "warn"
    assert result["DO-2"] == "warn"


def test_nothing_found_warns_and_external_docs_ask_a_person():
    assert outcomes("codebase-objectives", MemorySnapshot({"README": "# X\n\nA tool."})) == {
        "DO-1": "warn", "DO-2": "warn", "DO-3": "info"}
    external = "# X\n\nRead the [documentation](https://x.readthedocs.io/).\n"
    assert outcomes("codebase-objectives", MemorySnapshot({"README": external}))["DO-1"] == (
        "manual")


def test_publiccode_long_description_counts():
    body = "      " + PURPOSE + "\n"
    publiccode = ("publiccodeYmlVersion: '0.4'\nname: Permits\ndescription:\n  en:\n"
                  "    longDescription: |\n" + body)
    tree = MemorySnapshot({"README": "# X", "publiccode.yml": publiccode},
                          facts=RepositoryFacts(homepage="https://permits.example.org"))
    result = run("codebase-objectives", tree)
    assert result["DO-1"].outcome.value == "pass"
    assert result["DO-1"].evidence[0].path == "publiccode.yml"
    assert any("permits.example.org" in e.message for e in result["DO-3"].evidence)


def test_short_purpose_section_does_not_count():
    readme = "# X\n\n## About\n\nA tool.\n"
    assert outcomes("codebase-objectives", MemorySnapshot({"README": readme}))["DO-1"] == "warn"


def test_background_jobs_sections_are_not_the_projects_background():
    words = " ".join(["The worker picks up queued jobs and retries them when they fail."] * 5)
    readme = f"# X\n\nA tool.\n\n## Background jobs\n\n{words}\n\n## Background tasks\n\n{words}\n"
    assert outcomes("codebase-objectives", MemorySnapshot({"README": readme}))["DO-1"] == "warn"
    readme = f"# X\n\nA tool.\n\n## Background\n\n{words}\n"
    assert outcomes("codebase-objectives", MemorySnapshot({"README": readme}))["DO-1"] == "pass"
