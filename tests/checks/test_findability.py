"""Make the codebase findable: FI-1, FI-2, FI-4 to FI-7, FI-9 and FI-10."""

from __future__ import annotations

from publiccode_checker.checks.findability import flagged_tokens
from publiccode_checker.snapshots import MemorySnapshot, RepositoryFacts
from tests.checks.helpers import outcomes, run

PUBLICCODE = """publiccodeYmlVersion: '0.4'
name: Parking permits
landingURL: https://parkingpermits.eu
description:
  en:
    shortDescription: Apply for and renew parking permits online
"""


def test_name_tokens():
    assert flagged_tokens("parking-permits") == []
    assert flagged_tokens("os2forms") == ["os2forms (contains digits)"]
    assert flagged_tokens("BBR lookup") == ["BBR (acronym)"]
    assert flagged_tokens("amsterdam-signals", "Amsterdam") == ["amsterdam (organisation name)"]
    assert flagged_tokens("document-mgmt") == ["mgmt (abbreviation)"]


def test_descriptive_name_from_facts_and_publiccode():
    tree = MemorySnapshot({"publiccode.yml": PUBLICCODE},
                          facts=RepositoryFacts(full_name="city/parking-permits", owner="city"))
    assert outcomes("descriptive-name", tree) == {"FI-1": "pass"}
    branded = MemorySnapshot({}, facts=RepositoryFacts(full_name="OS2/os2parking", owner="OS2"))
    finding = run("descriptive-name", branded)["FI-1"]
    assert finding.outcome.value == "warn"
    assert "os2parking" in finding.evidence[0].message


def test_name_unknown_without_any_source():
    assert outcomes("descriptive-name", MemorySnapshot({"src/a.py": ""})) == {"FI-1": "unknown"}


def test_short_description_from_facts_or_publiccode():
    facts = RepositoryFacts(description="Apply for parking permits online")
    assert outcomes("short-description", MemorySnapshot({}, facts=facts)) == {"FI-2": "pass"}
    tree = MemorySnapshot({"publiccode.yml": PUBLICCODE}, facts=RepositoryFacts(description=""))
    finding = run("short-description", tree)["FI-2"]
    assert finding.outcome.value == "pass"
    assert finding.evidence[0].path == "publiccode.yml"
    finding = run("short-description", MemorySnapshot({}))["FI-2"]
    assert finding.outcome.value == "warn"
    assert any("not gathered" in e.message for e in finding.evidence)


def test_website_from_landing_url_and_own_domain():
    result = outcomes("product-website", MemorySnapshot({"publiccode.yml": PUBLICCODE}))
    assert result == {"FI-4": "manual", "FI-9": "pass"}


def test_website_on_shared_hosting_and_readme_link():
    facts = RepositoryFacts(homepage="https://city.github.io/permits")
    assert outcomes("product-website", MemorySnapshot({}, facts=facts)) == {
        "FI-4": "manual", "FI-9": "info"}
    readme = ("# X\n\n[![ci](https://img.shields.io/badge/x)](https://github.com/a/b)\n\n"
              "Visit our [website](https://permits.example.eu/about).\n")
    finding = run("product-website", MemorySnapshot({"README": readme}))["FI-4"]
    assert finding.outcome.value == "manual"
    assert finding.evidence[0].line == 5


def test_no_website_warns():
    readme = "# X\n\nCode at [GitHub](https://github.com/a/b).\n"
    assert outcomes("product-website", MemorySnapshot({"README": readme})) == {
        "FI-4": "warn", "FI-9": "info"}


def test_search_engine_findability_shows_what_is_known():
    facts = RepositoryFacts(full_name="city/parking-permits", description="Permits online",
                            topics=("parking", "permits"))
    result = run("search-engine-findability", MemorySnapshot({}, facts=facts))
    assert result["FI-5"].outcome.value == "manual"
    assert result["FI-6"].outcome.value == "manual"
    assert any("parking, permits" in e.message for e in result["FI-6"].evidence)


def test_persistent_identifier():
    readme = "# X\n\nWikidata: https://www.wikidata.org/wiki/Q12345\n"
    finding = run("persistent-identifier", MemorySnapshot({"README": readme}))["FI-7"]
    assert finding.outcome.value == "pass"
    assert finding.evidence[0].line == 3
    citation = ("cff-version: 1.2.0\ndoi: 10.5281/zenodo.1234\nidentifiers:\n"
                "  - value: doi:10.5281/zenodo.1234\n")
    assert outcomes("persistent-identifier", MemorySnapshot({"CITATION.cff": citation})) == {
        "FI-7": "pass"}
    assert outcomes("persistent-identifier", MemorySnapshot({"README": "# X"})) == {
        "FI-7": "warn"}


def test_conference_presentations():
    readme = "# X\n\n## Talks\n\n- [FOSDEM 2024](https://fosdem.org/2024/schedule/event/x/)\n"
    assert outcomes("conference-presentations", MemorySnapshot({"README": readme})) == {
        "FI-10": "pass"}
    assert outcomes("conference-presentations", MemorySnapshot({"README": "# X"})) == {
        "FI-10": "info"}


def test_short_english_words_in_a_name_are_not_abbreviations():
    assert flagged_tokens("Standard for Public Code") == []
    assert flagged_tokens("Map of the City") == []
    assert flagged_tokens("tax-svc") == ["svc (abbreviation)"]
