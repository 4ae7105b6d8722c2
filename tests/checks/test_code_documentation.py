"""Document the code: DC-1 to DC-7."""

from __future__ import annotations

import textwrap

from publiccode_checker.snapshots import MemorySnapshot
from tests.checks.helpers import outcomes, run

INTRO = (
    "Parking permits lets residents apply for a parking permit online. Staff at the "
    "municipality check each request and send the permit by mail. It replaces paper forms, "
    "saves time for everyone and can be used by any city that wants to."
)


def test_little_documentation_warns_and_more_asks_a_person():
    assert outcomes("functionality-documented", MemorySnapshot({"README": "# X\n\nShort."})) == {
        "DC-1": "warn"}
    with_docs = MemorySnapshot({"README": "# X\n\nShort.", "docs/guide.md": "# Guide\n\nText."})
    finding = run("functionality-documented", with_docs)["DC-1"]
    assert finding.outcome.value == "manual"
    assert any("1 documentation files" in e.message for e in finding.evidence)


def test_api_description_counts_as_documentation():
    tree = MemorySnapshot({"README": "# X\n\nShort.", "api/openapi.yaml": "openapi: 3.0.0\n"})
    assert outcomes("functionality-documented", tree) == {"DC-1": "manual"}


def test_install_section_with_commands_passes():
    readme = f"# X\n\n{INTRO}\n\n## Installation\n\n```sh\npip install x\n```\n"
    finding = run("install-instructions", MemorySnapshot({"README": readme}))["DC-2"]
    assert finding.outcome.value == "pass"
    assert finding.evidence[0].path == "README"
    assert finding.evidence[0].line == 5


def test_install_subsection_content_counts_for_its_parent():
    readme = "# X\n\n## Getting started\n\n### With Docker\n\n```\ndocker compose up\n```\n"
    assert outcomes("install-instructions", MemorySnapshot({"README": readme})) == {
        "DC-2": "pass"}


def test_install_file_passes():
    install = "Run `make` then:\n\n```\nmake run\n```\n"
    tree = MemorySnapshot({"README": "# X", "INSTALL.md": install})
    assert outcomes("install-instructions", tree) == {"DC-2": "pass"}


def test_no_install_instructions_fails_and_short_section_fails():
    assert outcomes("install-instructions", MemorySnapshot({"README": f"# X\n\n{INTRO}"})) == {
        "DC-2": "fail"}
    short = MemorySnapshot({"README": "# X\n\n## Installation\n\nAsk us.\n"})
    finding = run("install-instructions", short)["DC-2"]
    assert finding.outcome.value == "fail"
    assert "too short" in finding.message


def test_external_docs_turn_a_missing_install_section_into_a_question():
    readme = "# X\n\nSee the [documentation](https://x.readthedocs.io/en/latest/).\n"
    assert outcomes("install-instructions", MemorySnapshot({"README": readme})) == {
        "DC-2": "manual"}


def test_examples_section_passes_and_absence_warns():
    readme = "# X\n\n## Examples\n\n```\nx --convert a.csv\n```\n"
    result = outcomes("usage-examples", MemorySnapshot({"README": readme}))
    assert result == {"DC-3": "pass", "DC-6": "manual"}
    assert outcomes("usage-examples", MemorySnapshot({"README": f"# X\n\n{INTRO}"})) == {
        "DC-3": "warn", "DC-6": "manual"}


def test_examples_folder_and_spec_examples_count():
    tree = MemorySnapshot({
        "README": "# X",
        "examples/basic.py": "print(1)",
    })
    assert outcomes("usage-examples", tree)["DC-3"] == "pass"
    spec = ("openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n"
            "          content:\n            application/json:\n              example: {}\n")
    found = run("usage-examples", MemorySnapshot({"README": "# X", "openapi.yaml": spec}))
    assert found["DC-3"].outcome.value == "pass"
    assert any("1 operations" in e.message for e in found["DC-6"].evidence)


def test_overview_readable_passes_and_hard_text_warns():
    assert outcomes("public-overview", MemorySnapshot({"README": f"# X\n\n{INTRO}\n"})) == {
        "DC-4": "pass"}
    hard = ("# X\n\nThe implementation operationalises heterogeneous administrative "
            "interoperability requirements, institutionalising standardised authorisation "
            "methodologies, comprehensive organisational accountability configurations and "
            "multidimensional jurisdictional categorisation infrastructures, notwithstanding "
            "considerable computational, architectural and organisational complexities.\n")
    assert outcomes("public-overview", MemorySnapshot({"README": hard})) == {"DC-4": "warn"}


def test_overview_too_short_warns_and_missing_readme_warns():
    assert outcomes("public-overview", MemorySnapshot({"README": "# X\n\nA tool."})) == {
        "DC-4": "warn"}
    assert outcomes("public-overview", MemorySnapshot({"src/a.py": ""})) == {"DC-4": "warn"}


def test_overview_from_publiccode_long_description():
    publiccode = (
        "publiccodeYmlVersion: '0.4'\nname: X\ndescription:\n  en:\n    longDescription: |\n"
        + "".join(f"      {line}\n" for line in textwrap.wrap(INTRO, 70))
    )
    tree = MemorySnapshot({"README": "# X\n\nA tool.", "publiccode.yml": publiccode})
    assert outcomes("public-overview", tree) == {"DC-4": "pass"}


def test_overview_in_another_language_needs_a_person():
    danish = ("# X\n\nDette system hjælper kommunerne med at håndtere ansøgninger om "
              "parkeringstilladelser fra borgerne. Borgerne udfylder en formular på nettet, og "
              "medarbejderne i kommunen behandler sagen og sender tilladelsen med posten. Det er "
              "gratis og kan bruges af alle kommuner i landet.\n")
    assert outcomes("public-overview", MemorySnapshot({"README": danish})) == {"DC-4": "manual"}


def test_standalone_environment_with_docs_passes():
    readme = "# X\n\n## Local development\n\n```\ndocker compose up\n```\n"
    tree = MemorySnapshot({"README": readme, "docker-compose.yml": "services: {}\n",
                           "fixtures/demo.json": "{}"})
    finding = run("standalone-setup", tree)["DC-5"]
    assert finding.outcome.value == "pass"
    assert any(e.path == "fixtures" for e in finding.evidence)


def test_standalone_environment_without_docs_warns():
    tree = MemorySnapshot({"README": "# X", ".devcontainer/devcontainer.json": "{}"})
    assert outcomes("standalone-setup", tree) == {"DC-5": "warn"}
    assert outcomes("standalone-setup", MemorySnapshot({"README": "# X"})) == {"DC-5": "warn"}


def test_architecture_section_diagram_or_file():
    words = " ".join(["The web front end talks to the API, which stores data."] * 6)
    assert outcomes("architecture-described", MemorySnapshot(
        {"README": f"# X\n\n## Architecture\n\n{words}\n"})) == {"DC-7": "pass"}
    mermaid = "# X\n\n## How it fits\n\n```mermaid\ngraph TD; A-->B\n```\n"
    assert outcomes("architecture-described", MemorySnapshot({"README": mermaid})) == {
        "DC-7": "pass"}
    assert outcomes("architecture-described", MemorySnapshot(
        {"README": "# X", "docs/system.drawio": "<mxfile/>"})) == {"DC-7": "pass"}
    assert outcomes("architecture-described", MemorySnapshot({"README": "# X"})) == {
        "DC-7": "warn"}


def test_odd_input_never_raises():
    tree = MemorySnapshot({
        "README": b"\xff\xfe# \x00binary",
        "docs/empty.md": "",
        "docs/weird.md": "#" * 500 + "\n" + "[" * 2000 + "\n```\nunclosed",
        "docs/latin.md": "Caf\xe9 na\xefve".encode("latin-1"),
    })
    for check_id in ("functionality-documented", "install-instructions", "usage-examples",
                     "public-overview", "standalone-setup", "architecture-described"):
        assert run(check_id, tree)


def test_vendored_files_are_not_evidence():
    tree = MemorySnapshot({
        "README": "# X\n\nShort.",
        "node_modules/lib/openapi.yaml": "openapi: 3.0.0\n",
        "vendor/x/docker-compose.yml": "services: {}\n",
        "vendor/x/architecture.png": b"\x89PNG\x00",
    })
    assert outcomes("functionality-documented", tree) == {"DC-1": "warn"}
    assert outcomes("standalone-setup", tree) == {"DC-5": "warn"}
    assert outcomes("architecture-described", tree) == {"DC-7": "warn"}


def test_hyphenated_and_danish_setup_headings_count_as_install_sections():
    commands = "\n\n```sh\nmake run\n```\n"
    for heading in ("Set-up", "Udvikling — lokale testkørsler", "Ontwikkelomgeving"):
        readme = f"# X\n\n{INTRO}\n\n## {heading}{commands}"
        assert outcomes("install-instructions", MemorySnapshot({"README": readme})) == {
            "DC-2": "pass"}, heading


def test_install_guides_kept_as_office_documents_need_a_person():
    tree = MemorySnapshot({"README": f"# X\n\n{INTRO}",
                           "doc/Product - Implementeringsvejledning.docx": b"PK\x03\x04",
                           "doc/Product - Brugermanual.pdf": b"%PDF-1.4"})
    finding = run("install-instructions", tree)["DC-2"]
    assert finding.outcome.value == "manual"
    assert finding.evidence[0].path == "doc/Product - Implementeringsvejledning.docx"
    assert outcomes("install-instructions", MemorySnapshot({
        "README": f"# X\n\n{INTRO}", "assets/logo.pdf": b"%PDF"})) == {"DC-2": "fail"}


def test_pull_request_template_screenshots_are_not_usage_examples():
    template = "## Description\n\nWhat changed.\n\n## Screenshot of the result\n\nAdd one here.\n"
    tree = MemorySnapshot({"README": f"# X\n\n{INTRO}",
                           ".github/PULL_REQUEST_TEMPLATE.md": template})
    assert outcomes("usage-examples", tree)["DC-3"] == "warn"
