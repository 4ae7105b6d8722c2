"""Contribution guidelines: WC-2, WC-4, CI-3, CI-6, VC-5, VC-7 and OL-4."""

from __future__ import annotations

from publiccode_checker.evidence.contribution_guides import guidelines
from publiccode_checker.evidence.documents import documents
from publiccode_checker.evidence.text_search import excerpt, find_hits, passage_of, prose_pattern
from publiccode_checker.snapshots import MemorySnapshot
from tests.checks.helpers import run

FILLER = " ".join(["We welcome bug reports, ideas and code from everyone."] * 6)

FULL_GUIDE = f"""# Contributing

{FILLER}

## Workflow

Fork the repository and create a feature branch from main.
Write clear commit messages in the imperative mood.
Describe your change in the pull request description and link the issue it closes.
Add tests for every change; all tests must pass.
A maintainer will review your pull request within two working days.

Keep pull requests small and focused: one issue per pull request.
Each commit should contain one logical change; we squash on merge.
Write documentation in Markdown, not in Word documents.

Review time is paid for by the municipality's maintenance budget.
"""


def finding(check_id: str, requirement: str, files: dict[str, str | bytes], **kwargs):
    return run(check_id, MemorySnapshot(files, **kwargs))[requirement]


# -- WC-2 ----------------------------------------------------------------------------------------
def test_contributing_file_passes():
    result = finding("contribution-guidelines", "WC-2", {"CONTRIBUTING.md": FULL_GUIDE})
    assert result.outcome.value == "pass"
    assert result.evidence[0].path == "CONTRIBUTING.md"


def test_contributing_in_github_folder_and_rst():
    result = finding("contribution-guidelines", "WC-2",
                     {".github/CONTRIBUTING.rst": "Contributing\n============\n\n" + FILLER})
    assert result.outcome.value == "pass"
    assert result.evidence[0].path == ".github/CONTRIBUTING.rst"


def test_readme_section_in_dutch_passes_with_heading_line():
    readme = f"# Project\n\nIntro.\n\n## Bijdragen\n\n{FILLER}\n\n## Licentie\n\nEUPL-1.2\n"
    result = finding("contribution-guidelines", "WC-2", {"README.md": readme})
    assert result.outcome.value == "pass"
    assert (result.evidence[0].path, result.evidence[0].line) == ("README.md", 5)


def test_subsections_count_towards_the_section():
    readme = ("# P\n\n## Contributing\n\n### Setup\n\n" + FILLER[:150] + "\n\n### Review\n\n"
              + FILLER[:150] + "\n")
    assert finding("contribution-guidelines", "WC-2", {"README.md": readme}).outcome.value == \
        "pass"


def test_contributors_list_is_not_guidelines():
    names = "\n".join(f"- Person Number{i} Surname{i}" for i in range(40))
    readme = f"# P\n\n## Contributors\n\n{names}\n"
    assert finding("contribution-guidelines", "WC-2", {"README.md": readme}).outcome.value == \
        "fail"


def test_short_pointer_needs_a_person():
    readme = ("# P\n\n## Contributing\n\nSee [our guidelines]"
              "(https://github.com/acme/.github/blob/main/CONTRIBUTING.md).\n")
    result = finding("contribution-guidelines", "WC-2", {"README.md": readme})
    assert result.outcome.value == "manual"
    assert any("acme/.github" in e.message for e in result.evidence)


def test_no_guidelines_fails_and_says_where_it_looked():
    result = finding("contribution-guidelines", "WC-2", {"README.md": "# P\n\nHello.\n"})
    assert result.outcome.value == "fail"
    assert "docs/" in result.evidence[0].message and ".github" in result.evidence[0].message


def test_changelog_mentions_are_not_guidelines():
    changelog = "# Changes\n\n## Improved the Contributing section\n\n" + FILLER + "\n"
    result = finding("contribution-guidelines", "WC-2",
                     {"README.md": "# P\n", "CHANGELOG.md": changelog})
    assert result.outcome.value == "fail"


def test_assessment_documents_are_ignored():
    text = ("# Project and the Standard for Public Code version 0.8.1\n\n## Contributing\n\n"
            + FILLER)
    result = finding("contribution-guidelines", "WC-2",
                     {"README.md": "# P\n", "docs/standard-review.md": text})
    assert result.outcome.value == "fail"


# -- WC-4 ----------------------------------------------------------------------------------------
def test_review_funding_found():
    result = finding("review-funding", "WC-4", {"CONTRIBUTING.md": FULL_GUIDE})
    assert result.outcome.value == "pass"
    assert result.evidence[0].line == 17
    assert "budget" in result.evidence[0].message


def test_review_funding_in_governance_in_danish():
    gov = "# Styring\n\nKommunen betaler for gennemgang af bidrag fra andre.\n"
    result = finding("review-funding", "WC-4",
                     {"CONTRIBUTING.md": "# C\n\n" + FILLER, "GOVERNANCE.md": gov})
    assert result.outcome.value == "pass"
    assert result.evidence[0].path == "GOVERNANCE.md"


def test_review_and_cost_in_different_paragraphs_do_not_count():
    text = "# C\n\nWe review everything.\n\n" + "Other words here. " * 2 + "\n\nIt costs nothing.\n"
    assert finding("review-funding", "WC-4", {"CONTRIBUTING.md": text}).outcome.value == "warn"


def test_review_funding_without_guidelines_warns():
    assert finding("review-funding", "WC-4", {"README.md": "# P\n"}).outcome.value == "warn"


# -- CI-3 ----------------------------------------------------------------------------------------
def test_structure_topics_pass():
    result = finding("contribution-structure", "CI-3", {"CONTRIBUTING.md": FULL_GUIDE})
    assert result.outcome.value == "pass"
    assert "5 of 5" in result.message


def test_pull_request_template_counts_as_a_topic():
    files = {
        "CONTRIBUTING.md": "# Contributing\n\nPlease add tests.\n",
        ".github/pull_request_template.md": "## What does this change?\n",
    }
    result = finding("contribution-structure", "CI-3", files)
    assert result.outcome.value == "pass"
    assert {e.path for e in result.evidence} == {".github/pull_request_template.md",
                                                 "CONTRIBUTING.md"}


def test_one_topic_warns_and_lists_what_is_missing():
    result = finding("contribution-structure", "CI-3",
                     {"CONTRIBUTING.md": "# Contributing\n\nPlease add tests. " + FILLER})
    assert result.outcome.value == "warn"
    assert any("commit messages" in e.message for e in result.evidence)


def test_no_structure_at_all_fails():
    assert finding("contribution-structure", "CI-3", {"README.md": "# P\n"}).outcome.value == \
        "fail"


def test_external_guidelines_need_a_person():
    readme = "# P\n\nRead [how to contribute](https://example.org/contributing).\n"
    result = finding("contribution-structure", "CI-3", {"README.md": readme})
    assert result.outcome.value == "manual"


# -- CI-6 ----------------------------------------------------------------------------------------
def test_single_issue_per_pr():
    assert finding("focused-contributions", "CI-6",
                   {"CONTRIBUTING.md": FULL_GUIDE}).outcome.value == "pass"


def test_single_issue_in_german():
    text = "# Mitwirken\n\nBitte nur eine Änderung pro Pull Request einreichen.\n"
    assert finding("focused-contributions", "CI-6", {"CONTRIBUTING.md": text}).outcome.value == \
        "pass"


def test_separate_unrelated_changes():
    text = "# Contributing\n\nPlease open separate pull requests for unrelated changes.\n"
    assert finding("focused-contributions", "CI-6", {"CONTRIBUTING.md": text}).outcome.value == \
        "pass"


def test_no_focus_advice_warns():
    result = finding("focused-contributions", "CI-6", {"CONTRIBUTING.md": "# C\n\n" + FILLER})
    assert result.outcome.value == "warn"
    assert "CONTRIBUTING.md" in result.evidence[0].message


# -- VC-5 ----------------------------------------------------------------------------------------
def test_commit_grouping_found():
    result = finding("commit-grouping", "VC-5", {"CONTRIBUTING.md": FULL_GUIDE})
    assert result.outcome.value == "pass"


def test_conventional_commits_in_template():
    files = {".github/PULL_REQUEST_TEMPLATE.md": "- [ ] Commits follow Conventional Commits\n"}
    assert finding("commit-grouping", "VC-5", files).outcome.value == "pass"


def test_commitlint_configuration_counts():
    result = finding("commit-grouping", "VC-5",
                     {"CONTRIBUTING.md": "# C\n\n" + FILLER, "commitlint.config.js": "x"})
    assert result.outcome.value == "pass"
    assert result.evidence[-1].path == "commitlint.config.js"


def test_no_commit_advice_warns():
    assert finding("commit-grouping", "VC-5",
                   {"CONTRIBUTING.md": "# C\n\n" + FILLER}).outcome.value == "warn"


# -- VC-7 ----------------------------------------------------------------------------------------
def test_text_formats_mentioned():
    result = finding("diff-friendly-formats", "VC-7", {"CONTRIBUTING.md": FULL_GUIDE})
    assert result.outcome.value == "pass"


def test_office_documents_are_listed_without_fixtures_and_keys():
    files = {
        "CONTRIBUTING.md": "# C\n\n" + FILLER,
        "docs/design.docx": b"PK\x03\x04",
        "tests/fixtures/sample.xlsx": b"PK\x03\x04",
        "certs/server.key": "-----BEGIN PRIVATE KEY-----",
    }
    result = finding("diff-friendly-formats", "VC-7", files)
    assert result.outcome.value == "warn"
    paths = [e.path for e in result.evidence if e.path]
    assert paths == ["docs/design.docx"]


def test_dutch_plain_text():
    text = "# Bijdragen\n\nSchrijf documentatie als platte tekst.\n"
    assert finding("diff-friendly-formats", "VC-7", {"CONTRIBUTING.md": text}).outcome.value == \
        "pass"


# -- OL-4 ----------------------------------------------------------------------------------------
def test_no_agreement_passes():
    result = finding("no-copyright-transfer", "OL-4", {"CONTRIBUTING.md": FULL_GUIDE})
    assert result.outcome.value == "pass"


def test_dco_is_named_as_the_alternative():
    text = "# C\n\nSign off your commits (Developer Certificate of Origin).\n"
    result = finding("no-copyright-transfer", "OL-4", {"CONTRIBUTING.md": text})
    assert result.outcome.value == "pass"
    assert "signed off" in result.evidence[0].message


def test_cla_mention_needs_a_person():
    text = "# C\n\nBefore we can merge, you must sign our CLA.\n"
    result = finding("no-copyright-transfer", "OL-4", {"CONTRIBUTING.md": text})
    assert result.outcome.value == "manual"
    assert (result.evidence[0].path, result.evidence[0].line) == ("CONTRIBUTING.md", 3)


def test_copyright_assignment_in_italian():
    text = "# Contribuire\n\nÈ richiesta la cessione del diritto d'autore alla Regione.\n"
    assert finding("no-copyright-transfer", "OL-4",
                   {"CONTRIBUTING.md": text}).outcome.value == "manual"


def test_cla_file_and_bot_are_reported():
    files = {
        "CLA.md": "Individual agreement text.",
        ".github/workflows/cla.yml": "jobs:\n  cla:\n    steps:\n"
                                     "      - uses: contributor-assistant/github-action@v2\n",
    }
    result = finding("no-copyright-transfer", "OL-4", files)
    assert result.outcome.value == "manual"
    locations = {e.location() for e in result.evidence}
    assert "CLA.md" in locations and ".github/workflows/cla.yml:4" in locations


# -- helpers and robustness ----------------------------------------------------------------------
def test_excerpt_is_one_short_sentence():
    text = "First sentence. The second one mentions review costs here. Third.\n"
    start = text.index("review")
    assert excerpt(text, start, start + 6) == "The second one mentions review costs here."
    long = "word " * 200
    assert len(excerpt(long, 500, 504)) <= 180


def test_prose_pattern_stays_within_a_paragraph():
    pattern = prose_pattern(r"a[\s\S]{0,20}?b")
    assert pattern.search("a\nb")
    assert not pattern.search("a\n\nb")


def test_find_hits_reports_lines_and_limits():
    snapshot = MemorySnapshot({"CONTRIBUTING.md": "x\ntest\ntest\ntest\ntest\n"})
    doc = documents(snapshot).get("contributing")
    hits = find_hits([passage_of(doc)], prose_pattern("test"), limit=2)
    assert [h.line for h in hits] == [2, 3]


def test_guidelines_are_memoised():
    snapshot = MemorySnapshot({"CONTRIBUTING.md": FULL_GUIDE})
    assert guidelines(snapshot) is guidelines(snapshot)


def test_odd_input_never_raises():
    files = {
        "CONTRIBUTING.md": b"\xff\xfe\x00binary\x00",
        "README.md": "# \n\n## \n\n" + "[" * 5000 + "\n## Contributing\n\n```\nunclosed",
        "docs/CONTRIBUTING.nl.md": "",
        "CLA.txt": b"\x89PNG\x00\x00",
        ".github/workflows/x.yml": b"\x00\x01",
        ".github/PULL_REQUEST_TEMPLATE.md": "\u00e9" * 10,
    }
    snapshot = MemorySnapshot(files)
    for check_id in ("contribution-guidelines", "review-funding", "contribution-structure",
                     "focused-contributions", "commit-grouping", "diff-friendly-formats",
                     "no-copyright-transfer"):
        assert len(run(check_id, snapshot)) == 1
