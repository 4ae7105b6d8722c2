"""Use open standards: OS-1 to OS-7."""

from __future__ import annotations

from publiccode_checker.snapshots import MemorySnapshot
from tests.checks.helpers import outcomes, run

LIST = """# X

## Open standards

- [OpenAPI 3.1](https://spec.openapis.org/oas/v3.1.0) for the REST interface (open standard)
- [GeoJSON](https://www.rfc-editor.org/rfc/rfc7946) for locations
"""


def test_standards_section_with_links_passes():
    result = run("standards-listed", MemorySnapshot({"README": LIST}))
    assert result["OS-3"].outcome.value == "pass"
    assert result["OS-3"].evidence[0].line == 3
    assert result["OS-2"].outcome.value == "manual"


def test_standards_file_passes():
    tree = MemorySnapshot({"README": "# X", "STANDARDS.md": "- [CSV](https://www.rfc-editor.org/rfc/rfc4180)\n"})
    finding = run("standards-listed", tree)["OS-3"]
    assert finding.outcome.value == "pass"
    assert finding.evidence[0].path == "STANDARDS.md"


def test_missing_list_fails_and_unlinked_list_fails():
    assert outcomes("standards-listed", MemorySnapshot({"README": "# X"})) == {
        "OS-3": "fail", "OS-2": "manual"}
    unlinked = "# X\n\n## Standards\n\nWe use JSON and CSV.\n"
    finding = run("standards-listed", MemorySnapshot({"README": unlinked}))["OS-3"]
    assert finding.outcome.value == "fail"
    assert "without links" in finding.message


def test_coding_standards_section_is_not_a_standards_list():
    readme = "# X\n\n## Coding standards\n\nWe follow [PEP 8](https://peps.python.org/pep-0008/).\n"
    assert outcomes("standards-listed", MemorySnapshot({"README": readme}))["OS-3"] == "fail"


def test_no_standards_statement_passes():
    readme = "# X\n\nThis tool does not use any open standards beyond plain text files.\n"
    assert outcomes("standards-listed", MemorySnapshot({"README": readme}))["OS-3"] == "pass"


def test_interface_missing_from_the_list_warns():
    tree = MemorySnapshot({"README": LIST, "api/schema.graphql": "type Query { a: Int }"})
    finding = run("standards-listed", tree)["OS-3"]
    assert finding.outcome.value == "warn"
    assert any(e.path == "api/schema.graphql" for e in finding.evidence)


def test_external_docs_ask_a_person():
    readme = "# X\n\nSee the [docs](https://docs.example.org/x).\n"
    assert outcomes("standards-listed", MemorySnapshot({"README": readme}))["OS-3"] == "manual"


def test_interfaces_without_named_standards_warn_os1():
    tree = MemorySnapshot({"README": "# X\n\nA tool.", "proto/api.proto": "syntax = 'proto3';"})
    result = outcomes("open-standards-use", tree)
    assert result == {"OS-1": "warn", "OS-4": "manual", "OS-5": "manual", "OS-6": "manual",
                      "OS-7": "manual"}


def test_named_standards_and_spec_validation_are_shown():
    workflow = ("on: pull_request\njobs:\n  lint:\n    steps:\n"
                "      - run: npx spectral lint api.yaml\n")
    tree = MemorySnapshot({"README": LIST, "openapi.yaml": "openapi: 3.1.0\n",
                           ".github/workflows/lint.yml": workflow})
    result = run("open-standards-use", tree)
    assert result["OS-1"].outcome.value == "manual"
    assert any("OpenAPI" in e.message for e in result["OS-1"].evidence)
    assert result["OS-6"].evidence[0].path == ".github/workflows/lint.yml"
    assert result["OS-6"].evidence[0].line == 5


def test_code_of_conduct_and_changelog_do_not_count_as_a_standards_list():
    # The Contributor Covenant's "Our Standards" is about behaviour, and a changelog bullet in
    # reStructuredText is not a heading.
    conduct = "# Code of Conduct\n\n## Our Standards\n\nBe kind and patient with others.\n"
    changelog = ("Changelog\n=========\n\nv2.0\n----\n\n"
                 " * Search API - drop help text from standard calls (#12)\n * Faster pages\n")
    tree = MemorySnapshot({"README": "# X", "CODE_OF_CONDUCT.md": conduct,
                           "CHANGELOG.rst": changelog})
    finding = run("standards-listed", tree)["OS-3"]
    assert finding.outcome.value == "fail"
    assert "does not list" in finding.message


def test_oas_and_api_spec_file_names_are_interface_descriptions():
    tree = MemorySnapshot({"README": "# X\n\nA permit service.",
                           "permits.oas.yaml": "openapi: 3.0.0\n",
                           "public/api-spec-v2.json": "{}",
                           "config/packages/app.yaml": "a: 1\n"})
    finding = run("open-standards-use", tree)["OS-1"]
    assert finding.outcome.value == "warn"
    assert [e.path for e in finding.evidence] == ["permits.oas.yaml", "public/api-spec-v2.json"]


def test_a_heading_mentioning_standards_in_passing_is_not_the_list():
    guide = ("# API\n\nWe follow the [case API standard](https://standards.example.org/case).\n\n"
             "## Deviation from the standards\n\nSome extra features are documented elsewhere.\n")
    tree = MemorySnapshot({"README": "# X", "docs/api.md": guide, "api/openapi.yaml": "x: 1\n"})
    finding = run("standards-listed", tree)["OS-3"]
    assert "without links" not in finding.message
    options = "# Setup\n\n## Standard options\n\nThe default settings work for most cases.\n"
    tree = MemorySnapshot({"README": "# X", "docs/install.md": options})
    assert "without links" not in run("standards-listed", tree)["OS-3"].message
    # A CI workflow named after the spec format is not an interface description.
    tree = MemorySnapshot({"README": "# X", ".github/workflows/oas.yml": "on: push\n"})
    assert run("open-standards-use", tree)["OS-1"].outcome.value == "manual"
