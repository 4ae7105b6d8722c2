"""Run-time finding and evidence messages: extracted as templates, translated by matching."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from publiccode_checker.evaluation.engine import evaluate
from publiccode_checker.evaluation.model import Evaluation
from publiccode_checker.i18n import translate
from publiccode_checker.i18n.catalogs import catalog_for
from publiccode_checker.i18n.extraction import extract_templates, templates_in_source
from publiccode_checker.i18n.messages import (
    ENGINE_SHAPES,
    ENGINE_WRAPPERS,
    MessageMatcher,
    matcher_for,
    translate_message,
)
from publiccode_checker.reports.markdown import render_markdown
from publiccode_checker.reports.text import render_text
from publiccode_checker.snapshots import Commit, GitHistory, MemorySnapshot, RepositoryFacts

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)

SYNTHETIC = '''
from checks import Evidence, failed, passed, warned

def check(snapshot, share, paths, source):
    kind = "README" if snapshot else "package manifest"
    message = "No licence is declared anywhere."
    yield failed("OL-2", message, Evidence("searched the root"))
    yield passed("OL-5", f"{share:.0%} of {len(paths)} files have headers.")
    yield warned("OL-1", f"Declared in the {kind} only.",
                 Evidence(f"{paths[0]!r} declares {{braces}}", paths[0], 1))
    yield warned("OL-1", "Licence " + f"{source}" + " is odd" + (" today" if share else "."))
    yield failed("OL-1", ", ".join(paths))
    yield failed("OL-1", source)
    yield Evidence(message=f"{share}")
    where = Evidence("README introduction")
    yield warned("OL-1", "Hard to read.", Evidence(f"{where.message}: {share}"))
'''


def test_extraction_turns_fstrings_into_templates() -> None:
    found = {t.text: t for t in templates_in_source(SYNTHETIC, "checks/synthetic.py")}
    assert "No licence is declared anywhere." in found
    assert "searched the root" in found
    headers = found["{0:.0%} of {1} files have headers."]
    assert headers.expressions == ("share", "len(paths)")
    assert "{0:.0%} = share" in headers.comment()
    # A name that can only be one of a few literals is written out in whole sentences.
    assert {"Declared in the README only.", "Declared in the package manifest only."} <= set(found)
    assert "{0!r} declares {{braces}}" in found
    assert {"Licence {0} is odd today", "Licence {0} is odd."} <= set(found)
    # Joins, parameters and bare values cannot be translated as sentences.
    assert not any(text.startswith(", ") or text in ("{0}", "") for text in found)
    # A value that is another message is marked, so that it is translated in turn.
    assert found["{0}: {1}"].flags == ["python-brace-format", "nested-message-0"]
    assert found["{0:.0%} of {1} files have headers."].flags == ["python-brace-format"]
    assert not found["Hard to read."].flags
    assert len(found) == 11
    assert found["No licence is declared anywhere."].locations == [("checks/synthetic.py", 7)]


def test_every_extracted_template_is_translated() -> None:
    catalog = catalog_for("da")
    assert catalog is not None
    templates = extract_templates(ROOT)
    assert len(templates) > 300
    missing = [t.text for t in templates if not catalog.get(t.text)]
    assert missing == []


def test_exact_and_templated_messages() -> None:
    assert translate_message("No licence is declared anywhere.", "da") == \
        "Der er ikke angivet nogen licens nogen steder."
    assert translate_message("7 of 9 source files (78%) have licence and copyright information; "
                             "the target is 95%.", "da") == \
        ("7 af 9 kildefiler (78%) har licens- og ophavsretsoplysninger; målet er 95%.")
    assert translate_message("LICENSES/ holds 3 file(s)", "da") == "LICENSES/ indeholder 3 fil(er)"


def test_english_and_unknown_messages_are_unchanged() -> None:
    text = "No licence is declared anywhere."
    assert translate_message(text, "en") is text
    assert translate_message(text, None) is text
    assert translate_message(text, "xx") is text
    odd = "A sentence no check has ever written, with 3 values."
    assert translate_message(odd, "da") == odd
    assert translate_message("", "da") == ""


def test_most_specific_template_wins() -> None:
    matcher = MessageMatcher({
        "{0} of {1}": "A: {0} af {1}",
        "{0} of {1} files": "B: {0} af {1} filer",
        "Only {0} of {1} files": "C: kun {0} af {1} filer",
        "Only {0}": "D: kun {0}",
        "Only {0} {1}": "E: {1} {0}",
    })
    assert matcher.lookup("3 of 4 files")[1] == "B: 3 af 4 filer"
    assert matcher.lookup("Only 3 of 4 files") == ("Only {0} of {1} files", "C: kun 3 af 4 filer")
    assert matcher.lookup("Only 3")[1] == "D: kun 3"
    assert matcher.lookup("x of y")[1] == "A: x af y"
    assert matcher.lookup("nothing")[1] == "nothing"


def test_values_are_kept_and_may_be_reordered() -> None:
    matcher = MessageMatcher({"{0} declares {1}, but the file is {2:.0%}":
                              "filen er {2:.0%}, men {0} angiver {1}"})
    assert matcher.lookup("package.json declares MIT, but the file is 50%")[1] == \
        "filen er 50%, men package.json angiver MIT"


def test_a_message_quoted_in_another_is_translated_too() -> None:
    quoted = "section 'What is welcome' (110 words): Flesch-Kincaid grade 8.0"
    assert translate_message(quoted, "da") == \
        "afsnittet 'What is welcome' (110 ord): Flesch-Kincaid grade 8.0"


def test_engine_wrappers_translate_the_message_they_quote() -> None:
    quoted = translate_message("From OL-1, OL-2: No licence is declared anywhere.", "da")
    assert quoted == "Fra OL-1, OL-2: Der er ikke angivet nogen licens nogen steder."
    base = translate_message("OL-3 (The source code is published together with a licence file): "
                             "warn — LICENSES/ holds 2 file(s)", "da")
    assert base == ("OL-3 (Kildekoden udgives sammen med en licensfil): advarsel — "
                    "LICENSES/ indeholder 2 fil(er)")
    # The quoted verdict wins over the check sentence it ends with.
    summary = "The source code uses a licence approved by the OSI or recognised as free by the FSF"
    quoted = translate_message(f"OL-2 ({summary}): pass — GPL-3.0 (declared in the package "
                               "manifest) is an open licence.", "da")
    assert quoted == (f"OL-2 ({translate(summary, 'da')}): opfyldt — GPL-3.0 (angivet i "
                      "pakkemanifestet) er en åben licens.")
    excerpt = translate_message("channel: “#kalender on libera”", "da")
    assert excerpt == "kanal: “#kalender on libera”"


# -- a real evaluation ---------------------------------------------------------------------------
def _commit(subject: str, days: float, email: str = "ann@kk.dk") -> Commit:
    when = NOW - timedelta(days=days)
    return Commit(sha=f"{abs(hash((subject, days))):040x}"[:40], parents=1, author_name="Ann",
                  author_email=email, authored_at=when, committed_at=when, subject=subject,
                  body="")


FILES = {
    "README.md": (
        "# Affaldskalender\n\nShows when the bins are emptied. See [docs](docs/index.md).\n\n"
        "## Install\n\nRun `pip install .` and then `kalender serve`.\n\n"
        "## Contributing\n\nOpen an issue at https://github.com/kk/kalender/issues.\n"
    ),
    "package.json": '{"name": "kalender", "version": "1.2.0", "license": "GPL-3.0-only"}\n',
    "src/kalender/app.py": "# SPDX-License-Identifier: MIT\nprint('hello')\n",
    "src/kalender/util.py": "def f():\n    return 1\n",
    # Split so that secret scanners do not take the test fixture for a real key.
    "config/settings.py": 'API_KEY = "sk_' + 'live_0123456789abcdefghijklmn"\n',
    "docs/index.md": "# Documentation\n\nThe calendar reads the municipality's schedule.\n",
    ".github/workflows/ci.yml": "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
                                "    steps:\n      - run: pytest\n",
}


@pytest.fixture(scope="module")
def evaluations() -> list[Evaluation]:
    history = GitHistory(
        head="abc", head_date=NOW, truncated=False, tags=(), branches=(),
        commits=tuple(_commit(s, d) for s, d in [
            ("Validate postcodes before saving addresses (#12)", 1), ("fix", 3),
            ("Show the next collection date on the front page", 9), ("wip", 40),
        ]),
    )
    facts = RepositoryFacts(visibility="public", has_issues=True, archived=False)
    return [
        evaluate(MemorySnapshot(FILES, label="kk/kalender", commit="a" * 40, history=history,
                                facts=facts), "sfpc", today=NOW.date()),
        evaluate(MemorySnapshot({"README.md": "# x\n"}, label="kk/x"), "sfpc",
                 today=NOW.date()),
        evaluate(MemorySnapshot(FILES, label="kk/kalender"), "os2", today=NOW.date()),
    ]


def _runtime_messages(evaluation: Evaluation) -> list[str]:
    texts = []
    for result in evaluation.requirements:
        texts.append(result.message)
        texts.extend(e.message for e in result.evidence)
    return [t for t in texts if t]


def translated_share(evaluations: list[Evaluation]) -> tuple[int, int, list[str]]:
    """(translated, extractable, untranslated examples) over every finding and evidence text."""
    templates = extract_templates(ROOT)
    # The engine's quotations of other verdicts are matched first, as in the reports: they are
    # compositions of messages, not messages a check wrote.
    english = MessageMatcher({**{t.text: t.text for t in templates if t.has_words},
                              **{shape: shape for shape in ENGINE_SHAPES}})
    # Templates of values and punctuation only ("{0}: {1}") fit almost anything: a match with
    # one of them does not count as a translation.
    generic = set(ENGINE_WRAPPERS) | {t.text for t in templates if not t.has_words}
    danish = matcher_for("da")
    assert danish is not None
    extractable = translated = 0
    left: list[str] = []
    for evaluation in evaluations:
        for text in _runtime_messages(evaluation):
            template, _ = english.lookup(text)
            if template is None or template in ENGINE_SHAPES:
                continue
            extractable += 1
            matched, _ = danish.lookup(text)
            if matched is not None and matched not in generic:
                translated += 1
            else:
                left.append(text)
    return translated, extractable, left


def test_danish_reports_translate_the_run_time_messages(evaluations: list[Evaluation]) -> None:
    translated, extractable, left = translated_share(evaluations)
    share = translated / extractable
    print(f"\ntranslated {translated} of {extractable} extractable messages ({share:.1%})")
    assert extractable > 200
    assert share >= 0.95, left[:20]
    report = render_text(evaluations[0], verbose=True, lang="da")
    assert "No licence is declared anywhere." not in report
    markdown = render_markdown(evaluations[0], lang="da")
    assert "Krav" in markdown or "krav" in markdown


def test_english_reports_are_unchanged_by_translation(
    evaluations: list[Evaluation], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = [(render_text(e, verbose=True), render_markdown(e)) for e in evaluations]
    from publiccode_checker.reports import markdown, text

    # The reports without run-time translation: what English output was before it existed.
    monkeypatch.setattr(text, "translate_message", lambda text, lang: text)
    monkeypatch.setattr(markdown, "translate_message", lambda text, lang: text)
    after = [(render_text(e, verbose=True, lang="en"), render_markdown(e, lang="en"))
             for e in evaluations]
    assert before == after


def test_remembered_translations_are_the_same(evaluations: list[Evaluation]) -> None:
    # How fast this is, is measured by benchmarks/bench_translation.py, not asserted here.
    texts = [t for e in evaluations for t in _runtime_messages(e)]
    from publiccode_checker.i18n import messages

    messages._matchers.clear()
    first = [translate_message(text, "da") for text in texts]
    again = [translate_message(text, "da") for text in texts]
    assert first == again
    assert sum(a != b for a, b in zip(texts, first, strict=True)) > len(texts) // 2


def test_check_finds_translations_that_lose_a_placeholder() -> None:
    from babel.messages.catalog import Catalog

    from scripts.extract_messages import placeholder_mismatches

    catalog = Catalog(locale="da")
    catalog.add("{0} of {1} files", "{0} af filerne", flags=["python-brace-format"])
    catalog.add("{0:.0%} covered", "{0:.0%} dækket", flags=["python-brace-format"])
    catalog.add("Plain {{braces}}", "Blot {{klammer}}")
    assert placeholder_mismatches(catalog) == ["{0} of {1} files"]


def test_dashboard_rows_show_run_time_messages_in_the_chosen_language() -> None:
    from publiccode_checker.criteria.profiles import load_profile
    from publiccode_checker.web.dashboard.models import EvidenceItem, RequirementState
    from publiccode_checker.web.dashboard.presenting import requirement_row

    requirement = next(r for r in load_profile("sfpc").requirements if r.id == "OL-5")
    state = RequirementState(
        "OL-5", "warn",
        "3 of 4 source files (75%) have licence and copyright information; the target is 95%.",
        (EvidenceItem("no SPDX licence and copyright header in the first lines", "src/a.py", 1),),
    )

    def row(lang: str) -> tuple[str, str]:
        shown = requirement_row(requirement, state, repository="kk/kalender", commit="a" * 40,
                                web_url="https://github.com", lang=lang)
        return shown.message, shown.evidence[0].message

    assert row("da") == (
        "3 af 4 kildefiler (75%) har licens- og ophavsretsoplysninger; målet er 95%.",
        "ingen SPDX-licens- og ophavsretsangivelse i de første linjer",
    )
    assert row("en") == (state.message, state.evidence[0].message)
