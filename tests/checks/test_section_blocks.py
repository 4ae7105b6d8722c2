"""Blocks of documentation: a heading with its sub-sections, nested or outermost only."""

from __future__ import annotations

import re

from publiccode_checker.evidence.documents import Document
from publiccode_checker.evidence.markdown_sections import parse_sections
from publiccode_checker.evidence.section_blocks import blocks_matching, readme_intro

GUIDE = """# Guide

Intro words here.

## Install

Run it.

### Install on Windows

```sh
setup.exe
```

## Usage

Use it.
"""


def _doc(text: str, path: str = "README.md") -> Document:
    return Document(path, "readme", text, parse_sections(text, path))


def test_nested_matches_are_their_own_blocks_unless_only_outermost_are_wanted():
    doc = _doc(GUIDE)
    nested = blocks_matching([doc], re.compile("install", re.IGNORECASE))
    assert [(b.section.heading, b.line, len(b.code_blocks)) for b in nested] == [
        ("Install", 5, 1), ("Install on Windows", 9, 1)]
    outer = blocks_matching([doc], re.compile("install", re.IGNORECASE), outermost=True)
    assert [b.section.heading for b in outer] == ["Install"]
    assert outer[0].passage.line == 5
    assert outer[0].passage.text.splitlines()[-1] == "```"


def test_readme_intro_takes_the_title_and_the_text_before_the_first_sub_heading():
    intro = readme_intro(_doc(GUIDE))
    assert intro.section.heading == "Guide"
    assert intro.text == "Intro words here."
