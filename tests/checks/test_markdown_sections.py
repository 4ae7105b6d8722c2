"""Section parsing of the light markup formats and line numbers of links."""

from __future__ import annotations

from publiccode_checker.evidence.markdown_sections import parse_sections

CHANGELOG_RST = """Changelog
=========

v1.2 2024-01-01
---------------

Minor:
 * Data API - drop the help text from standard calls (#12)
 * Faster search

* The names of *job queues* should
  begin with the name of the plugin.
"""


def test_rst_bullets_are_not_headings() -> None:
    headings = [s.heading for s in parse_sections(CHANGELOG_RST, "CHANGELOG.rst")]
    assert headings == ["", "Changelog", "v1.2 2024-01-01"]


def test_rst_heading_levels_follow_the_order_of_adornments() -> None:
    text = ("=====\nGuide\n=====\n\nIntro.\n\nSetup\n-----\n\nSteps.\n\nDetails\n~~~~~~~\n\n"
            "More.\n\nUsage\n-----\n\nRun it.\n")
    sections = parse_sections(text, "docs/guide.rst")
    assert [(s.heading, s.level) for s in sections[1:]] == [
        ("Guide", 1), ("Setup", 2), ("Details", 3), ("Usage", 2)]
    assert sections[1].prose == ["Intro."]


def test_org_and_asciidoc_headings_only_in_their_own_formats() -> None:
    assert [s.heading for s in parse_sections("* Tasks\nwrite\n", "notes.org")] == ["", "Tasks"]
    assert [s.heading for s in parse_sections("* item\n", "notes.txt")] == [""]
    assert [s.heading for s in parse_sections("== Install\nrun\n", "guide.adoc")] == [
        "", "Install"]


def test_link_lines_point_at_the_link_not_the_paragraph() -> None:
    text = ("# Title\n\nFirst line of a paragraph\nsecond line with a\n"
            "[link](https://example.org/a) and\nhttps://example.org/b on the fourth.\n\n"
            "<div>\n<a href=\"https://example.org/c\">c</a>\n</div>\n")
    links = {link.url: link.line for s in parse_sections(text, "README.md") for link in s.links}
    assert links == {"https://example.org/a": 5, "https://example.org/b": 6,
                     "https://example.org/c": 9}
