"""The text and Markdown reports in Danish; English stays as it was when no language is given."""

from __future__ import annotations

from publiccode_checker.reports.markdown import render_markdown
from publiccode_checker.reports.text import render_text
from tests.dashboard.doubles import make_evaluation
from tests.dashboard.fixtures import MIT

FILES = {"README.md": "# Kalender\n\nShared calendar.\n", "LICENSE": MIT}


def evaluation(profile_id: str = "sfpc"):
    return make_evaluation(FILES, profile_id, commit="a" * 40, repository="acme/kalender")


def test_english_is_the_default_and_explicit_english_is_the_same():
    ev = evaluation()
    assert render_text(ev) == render_text(ev, lang="en")
    assert render_markdown(ev) == render_markdown(ev, lang="en")
    assert "Summary: " in render_text(ev)


def test_text_report_in_danish():
    text = render_text(evaluation(), lang="da")
    assert "Sammenfatning: " in text and "kriterier opfyldt" in text
    assert "Åben kode [CO]" in text
    assert "Konklusion: " in text and "Summary:" not in text


def test_markdown_report_in_danish():
    markdown = render_markdown(evaluation("os2"), lang="da", details_url="https://example.org/r")
    assert "| Kriterium | Status | SKAL | BØR |" in markdown
    assert "[Hele rapporten og historikken](https://example.org/r)" in markdown
    assert "Relevans" in markdown and "Spørgsmål til mennesker" in markdown
    assert "følg eller forklar" in markdown
