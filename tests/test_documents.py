"""The documentation corpus: README and its translations, community files, sections and links."""

from __future__ import annotations

from publiccode_checker.evidence.documents import community_file, documents
from publiccode_checker.snapshots import MemorySnapshot

README = """# Parking permits

Residents apply for parking permits online.

## Installation

```sh
make run
```

Read the [guide](https://docs.example.org/guide) and https://os2.eu/produkt/parking.
"""


def test_readme_md_is_the_readme_and_language_variants_are_translations():
    snapshot = MemorySnapshot({"README.md": README, "README.da.md": "# Parkering\n",
                               "README.en-GB.md": "# Parking\n"})
    docs = documents(snapshot)
    assert docs.readme is not None and docs.readme.path == "README.md"
    assert sorted(d.path for d in docs.translations) == ["README.da.md", "README.en-GB.md"]


def test_sections_code_blocks_and_links_with_lines():
    docs = documents(MemorySnapshot({"README.md": README}))
    sections = {s.heading: s for s in docs.readme.sections}
    assert sections["Installation"].line == 5
    assert sections["Installation"].code_blocks == ["make run\n"]
    urls = {link.url for link in docs.readme.links}
    assert {"https://docs.example.org/guide", "https://os2.eu/produkt/parking"} <= urls


def test_community_files_are_found_where_github_looks():
    snapshot = MemorySnapshot({
        "docs/CONTRIBUTING.md": "# Contributing\n",
        ".github/SECURITY.md": "# Security\n",
        "Governance.rst": "Governance\n==========\n\nThe steering group decides.\n",
    })
    assert community_file(snapshot, "CONTRIBUTING") == "docs/CONTRIBUTING.md"
    docs = documents(snapshot)
    assert docs.get("security").path == ".github/SECURITY.md"
    governance = docs.get("governance")
    assert governance.sections[1].heading == "Governance"


def test_standard_assessments_are_left_out_of_text_rules():
    assessment = "# Our codebase and the Standard for Public Code version 0.8.1\n\nMUST ...\n"
    docs = documents(MemorySnapshot({"README.md": README, "docs/assessment.md": assessment}))
    assert [d.path for d in docs.all()] == ["README.md"]
    assert docs.to_facts()["assessments"] == ["docs/assessment.md"]


def test_hostile_markdown_is_bounded():
    hostile = "[" * 20000 + "x" + "]" * 20000 + "\n" + "> " * 5000 + "quote\n" + "*a " * 30000
    docs = documents(MemorySnapshot({"README.md": hostile}))
    assert docs.readme is not None
