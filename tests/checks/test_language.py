"""The language and reading-level collector."""

from __future__ import annotations

from publiccode_checker.evidence.language import (
    MAX_TOTAL_CHARS,
    clean_prose,
    detect_language,
    language_report,
    readability,
    stopword_language,
)
from publiccode_checker.snapshots import MemorySnapshot

ENGLISH = (
    "Parking permits lets residents apply for a parking permit online. Staff at the "
    "municipality check each request and send the permit by mail. It replaces paper forms and "
    "saves time for everyone."
)
DANISH = (
    "Dette system hjælper kommunerne med at håndtere ansøgninger om parkeringstilladelser fra "
    "borgerne. Borgerne udfylder en formular på nettet, og medarbejderne i kommunen behandler "
    "sagen og sender tilladelsen med posten."
)


def test_detection_is_deterministic_and_needs_enough_text():
    assert detect_language(ENGLISH)[0] == "en"
    assert detect_language(DANISH)[0] == "da"
    assert {detect_language(DANISH * 3) for _ in range(5)} == {detect_language(DANISH * 3)}
    assert detect_language("Hello there") is None
    assert detect_language("12345 67890 " * 50) is None


def test_readability_indices_per_language():
    english = readability(ENGLISH * 2, "en")
    assert english.index == "Flesch-Kincaid grade" and english.target_met
    assert english.flesch_reading_ease is not None
    assert readability(DANISH * 2, "da").index == "LIX"
    assert readability(ENGLISH * 2, "fi").index is None
    assert readability("Too short.", "en") is None


def test_clean_prose_drops_code_like_tokens_and_fragments():
    cleaned = clean_prose(["Run the tool on src/app.py with --verbose and see https://x.org now",
                           "Docker", "Table cell"])
    assert cleaned == "Run the tool on with and see now."


def test_stopword_language():
    assert stopword_language("Return the value if it is not set and the cache is empty") == "en"
    assert stopword_language("Denne funktion skal ikke kaldes hvis der er en fejl og den er "
                             "tom") == "da"
    assert stopword_language("x y z") is None


def test_report_leaves_out_changelogs_conduct_and_assessments():
    assessment = ("# Parking permits and the Standard for Public Code version 0.8.1\n\n"
                  + DANISH * 3)
    tree = MemorySnapshot({
        "README": f"# X\n\n{ENGLISH}\n",
        "CHANGELOG.md": f"# Changes\n\n{DANISH}\n",
        "CODE_OF_CONDUCT.md": f"# Conduct\n\n{DANISH}\n",
        "docs/assessment.md": assessment,
        "docs/guide.md": f"# Guide\n\n{ENGLISH}\n",
    })
    report = language_report(tree)
    assert {d.path for d in report.documents} == {"README", "docs/guide.md"}
    assert report.words_by_language().keys() == {"en"}
    assert report.main_language() == "en"
    assert report.to_facts()["documents"] == {"README": "en", "docs/guide.md": "en"}


def test_report_is_bounded_on_huge_documentation():
    tree = MemorySnapshot({f"docs/page{n:03}.md": f"# P\n\n{ENGLISH * 40}\n" for n in range(100)})
    report = language_report(tree)
    assert report.truncated
    assert sum(r.words for r in report.readability.values()) * 5 < MAX_TOTAL_CHARS * 2


def test_odd_documents_do_not_raise():
    tree = MemorySnapshot({
        "README": b"\x00\x01binary",
        "docs/empty.md": "",
        "docs/symbols.md": "!!! ??? ... " * 500,
        "docs/latin1.md": ("Caf\xe9 " * 100).encode("latin-1"),
    })
    report = language_report(tree)
    assert report.readability == {} or all(r.words for r in report.readability.values())
