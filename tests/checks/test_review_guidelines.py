"""Review guidelines: RR-2 and RR-4."""

from __future__ import annotations

from publiccode_checker.snapshots import MemorySnapshot
from tests.checks.helpers import run

TEMPLATE = """## Description

<!-- What does this change and why? -->

## Checklist

- [ ] Unit tests cover the change
- [x] Documentation and CHANGELOG are updated
- [ ] The change follows the eligibility rules in policy/rules.md
"""


def finding(check_id: str, requirement: str, files: dict[str, str | bytes]):
    return run(check_id, MemorySnapshot(files))[requirement]


# -- RR-2 ----------------------------------------------------------------------------------------
def test_checklist_is_evidence_but_a_person_decides():
    result = finding("review-scope", "RR-2", {".github/pull_request_template.md": TEMPLATE})
    assert result.outcome.value == "manual"
    assert "tests, documentation, policy" in result.message
    lines = {e.message.split(":")[0]: e.line for e in result.evidence if e.line}
    assert lines == {"checklist item on tests": 7, "checklist item on documentation": 8,
                     "checklist item on policy": 9}
    assert any("nothing on code" in e.message for e in result.evidence)


def test_template_without_checklist():
    result = finding("review-scope", "RR-2",
                     {".github/PULL_REQUEST_TEMPLATE/default.md": "## What changed?\n"})
    assert result.outcome.value == "manual"
    assert "no review checklist" in result.message
    assert result.evidence[0].path == ".github/PULL_REQUEST_TEMPLATE/default.md"


def test_codeowners_cover_docs_and_tests():
    owners = "# owners\n* @acme/core\n/docs/ @acme/writers\n/tests/ @acme/qa\n"
    result = finding("review-scope", "RR-2", {".github/CODEOWNERS": owners})
    assert result.outcome.value == "manual"
    messages = [e.location() for e in result.evidence]
    assert messages == [".github/CODEOWNERS:2", ".github/CODEOWNERS:3", ".github/CODEOWNERS:4"]


def test_nothing_found_still_asks():
    result = finding("review-scope", "RR-2", {"README.md": "# P\n"})
    assert result.outcome.value == "manual"
    assert "No pull request template" in result.message


# -- RR-4 ----------------------------------------------------------------------------------------
def test_style_guide_in_contributing_passes():
    text = "# Contributing\n\nCode must follow PEP 8 and pass the linter.\n"
    result = finding("review-conformance", "RR-4", {"CONTRIBUTING.md": text})
    assert result.outcome.value == "pass"
    assert (result.evidence[0].path, result.evidence[0].line) == ("CONTRIBUTING.md", 3)


def test_review_section_in_readme_about_architecture_in_dutch():
    readme = ("# P\n\n## Code review\n\nDe reviewer controleert of de wijziging past in de "
              "architectuur.\n")
    assert finding("review-conformance", "RR-4", {"README.md": readme}).outcome.value == "pass"


def test_adr_in_template():
    template = "- [ ] The change respects the ADRs in docs/adr\n"
    assert finding("review-conformance", "RR-4",
                   {".github/pull_request_template.md": template}).outcome.value == "pass"


def test_no_conformance_warns_and_says_where_it_looked():
    result = finding("review-conformance", "RR-4",
                     {"CONTRIBUTING.md": "# Contributing\n\nThanks for helping.\n"})
    assert result.outcome.value == "warn"
    assert "CONTRIBUTING.md" in result.evidence[0].message


def test_no_guidelines_at_all_warns():
    result = finding("review-conformance", "RR-4", {"README.md": "# P\n"})
    assert result.outcome.value == "warn"
    assert "no contribution guidelines" in result.evidence[0].message


def test_odd_input_never_raises():
    files = {".github/pull_request_template.md": "- [ ]\n- [x] " + "x" * 10000,
             ".github/CODEOWNERS": b"\x00\x01", "CODEOWNERS": "#only a comment\n\n*"}
    snapshot = MemorySnapshot(files)
    for check_id in ("review-scope", "review-conformance"):
        assert len(run(check_id, snapshot)) == 1
