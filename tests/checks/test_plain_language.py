"""Use plain English: PE-1 to PE-8."""

from __future__ import annotations

from publiccode_checker.context import CheckContext
from publiccode_checker.evaluation.engine import evaluate
from publiccode_checker.repo_config.loader import parse_config
from publiccode_checker.snapshots import MemorySnapshot
from tests.checks.helpers import outcomes, run

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


def test_language_statement_and_english_readme_pass():
    readme = f"# X\n\n{ENGLISH}\n\nThe authoritative language of this documentation is English.\n"
    result = run("documentation-languages", MemorySnapshot({"README": readme}))
    assert result["PE-1"].outcome.value == "pass"
    assert result["PE-1"].evidence[0].line == 5
    assert result["PE-2"].outcome.value == "pass"


def test_missing_statement_fails_pe1_with_where_we_looked():
    result = run("documentation-languages", MemorySnapshot({"README": f"# X\n\n{ENGLISH}\n"}))
    assert result["PE-1"].outcome.value == "fail"
    assert "authoritative" in result["PE-1"].evidence[0].message


def test_configured_languages_count_and_must_include_english():
    config = "authoritative_languages: [da]\n"
    tree = MemorySnapshot({"README": f"# X\n\n{ENGLISH}\n", "publiccode-checker.yml": config})
    assert outcomes("documentation-languages", tree) == {"PE-1": "pass", "PE-2": "fail"}
    config = "authoritative_languages: [en, da]\n"
    tree = MemorySnapshot({"README": f"# X\n\n{ENGLISH}\n", "publiccode-checker.yml": config})
    assert outcomes("documentation-languages", tree) == {"PE-1": "pass", "PE-2": "pass"}


def test_danish_readme_with_english_translation_passes_pe2():
    tree = MemorySnapshot({"README": f"# X\n\n{DANISH}\n",
                           "README.en.md": f"# X\n\n{ENGLISH}\n"})
    assert outcomes("documentation-languages", tree)["PE-2"] == "pass"


def test_only_danish_fails_pe2_and_too_little_text_is_unknown():
    tree = MemorySnapshot({"README": f"# X\n\n{DANISH}\n"})
    finding = run("documentation-languages", tree)["PE-2"]
    assert finding.outcome.value == "fail"
    assert "'da'" in finding.evidence[0].message
    assert outcomes("documentation-languages", MemorySnapshot({"README": "# X"}))["PE-2"] == (
        "unknown")


def test_single_language_passes_pe3_and_translations_are_compared():
    assert outcomes("translations-current", MemorySnapshot({"README": "# X"})) == {
        "PE-3": "pass", "PE-8": "info"}
    full = f"# X\n\n{ENGLISH}\n\n## Install\n\nText here.\n\n## Use\n\nText.\n\n## Help\n\nText.\n"
    behind = MemorySnapshot({"README": full, "README.da.md": f"# X\n\n{DANISH}\n"})
    result = run("translations-current", behind)
    assert result["PE-3"].outcome.value == "warn"
    assert result["PE-3"].evidence[0].path == "README.da.md"
    assert result["PE-8"].outcome.value == "pass"
    matching = MemorySnapshot({"README": f"# X\n\n{ENGLISH}\n",
                               "README.da.md": f"# X\n\n{DANISH}\n"})
    assert outcomes("translations-current", matching) == {"PE-3": "manual", "PE-8": "pass"}


def test_docs_language_folders_are_translations():
    tree = MemorySnapshot({"README": "# X", "docs/en/a.md": "a", "docs/en/b.md": "b",
                           "docs/da/a.md": "a"})
    assert outcomes("translations-current", tree) == {"PE-3": "warn", "PE-8": "pass"}


def test_english_code_passes():
    code = ('def total(items):\n    """Return the sum of the prices of all the items that are '
            'in the basket, and ignore the ones that have been removed by the user."""\n'
            "    return sum(i.price for i in items)\n")
    assert outcomes("source-code-english", MemorySnapshot({"src/basket.py": code})) == {
        "PE-4": "pass"}


def test_non_english_comments_and_identifiers_warn():
    comment = ("// Denne funktion beregner ydelsen til borgeren, og den skal kaldes hver gang "
               "der er en ny ansøgning fra en borger som ikke er registreret i systemet\n")
    code = comment + "function beregnYdelse(borger, kommune, ansoegning) { return 1; }\n"
    tree = MemorySnapshot({f"src/m{n}.js": code for n in range(3)})
    finding = run("source-code-english", tree)["PE-4"]
    assert finding.outcome.value == "warn"
    assert any(e.message == "comments in 'da'" for e in finding.evidence)
    assert any("borger" in e.message.lower() for e in finding.evidence)


def test_no_source_code_is_not_applicable():
    assert outcomes("source-code-english", MemorySnapshot({"README": "# X"})) == {
        "PE-4": "not_applicable"}


def test_policy_language():
    assert outcomes("policy-translated", MemorySnapshot({"README": "# X"})) == {
        "PE-5": "not_applicable"}
    danish_policy = f"# Lovgivning\n\n## Lovgrundlag\n\n{DANISH}\n"
    tree = MemorySnapshot({"README": "# X", "docs/policy.md": danish_policy})
    assert outcomes("policy-translated", tree) == {"PE-5": "warn"}
    english_policy = f"# Policy\n\n## Legal basis\n\n{ENGLISH}\n"
    tree = MemorySnapshot({"README": "# X", "docs/policy.md": english_policy})
    assert outcomes("policy-translated", tree) == {"PE-5": "manual"}


def test_acronyms():
    readme = ("# X\n\nThe tool reads BBR data and sends it to the SKAT portal through the API.\n"
              "\n[!NOTE] It is NOT finished.\n")
    finding = run("acronyms-explained", MemorySnapshot({"README": readme}))["PE-6"]
    assert finding.outcome.value == "warn"
    flagged = {e.message.split("'")[1] for e in finding.evidence}
    assert flagged == {"BBR", "SKAT"}
    assert all(e.line == 3 for e in finding.evidence)
    explained = readme.replace("BBR data", "Building and Housing Register (BBR) data")
    tree = MemorySnapshot({"README": explained, "GLOSSARY.md": "SKAT: the Danish tax agency"})
    assert outcomes("acronyms-explained", tree) == {"PE-6": "pass"}
    assert outcomes("acronyms-explained", MemorySnapshot({"src/a.py": ""})) == {
        "PE-6": "unknown"}


def test_reading_level():
    easy = MemorySnapshot({"README": f"# X\n\n{ENGLISH}\n\n{ENGLISH}\n"})
    assert outcomes("reading-level", easy) == {"PE-7": "pass"}
    hard_sentence = (
        "The implementation operationalises heterogeneous administrative interoperability "
        "requirements by institutionalising standardised authorisation methodologies and "
        "comprehensive organisational accountability configurations across multidimensional "
        "jurisdictional categorisation infrastructures for every participating regional "
        "government organisation.")
    hard = MemorySnapshot({"README": f"# X\n\n{hard_sentence}\n\n{hard_sentence}\n",
                           "CHANGELOG.md": f"# Changes\n\n{ENGLISH}\n" * 5})
    finding = run("reading-level", hard)["PE-7"]
    assert finding.outcome.value == "warn"
    assert "Flesch-Kincaid grade" in finding.message
    assert any(e.path == "README" and e.line == 3 for e in finding.evidence)
    assert outcomes("reading-level", MemorySnapshot({"README": "# X"})) == {"PE-7": "unknown"}


def test_reading_level_of_danish_uses_lix():
    tree = MemorySnapshot({"README": f"# X\n\n{DANISH} {DANISH}\n"})
    finding = run("reading-level", tree)["PE-7"]
    assert "LIX" in finding.message
    assert finding.outcome.value in ("pass", "warn")


def test_copyright_headers_are_not_identifiers_and_evidence_points_at_the_word():
    header = "# SPDX-License-Identifier: EUPL-1.2\n# Copyright (C) 2024 Gemeente Utrecht\n"
    tree = MemorySnapshot({f"app/m{n}.py": header + "def total(items):\n    return 1\n"
                           for n in range(4)})
    assert outcomes("source-code-english", tree) == {"PE-4": "pass"}
    code = ("def get_categories(queryset):\n    return queryset\n\n\n"
            "class CategorieType:\n    zaak_id = 1\n    melding = None\n")
    finding = run("source-code-english", MemorySnapshot({"app/types.py": code}))["PE-4"]
    assert finding.outcome.value == "warn"
    where = {e.message: e.line for e in finding.evidence if e.message.startswith("identifier")}
    assert where == {"identifier CategorieType": 5, "identifier zaak_id": 6,
                     "identifier melding": 7}


def test_translation_behind_its_source_in_history_warns(tmp_path):
    import os
    import subprocess

    from publiccode_checker.snapshots.local import LocalSnapshot
    from tests.checks.helpers import run

    def git(*args: str, date: str | None = None) -> None:
        env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@kommune.dk",
               "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@kommune.dk"}
        if date:
            env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True,
                       env=env)

    body = "\n\n".join(f"## Part {n}\n\nThis part explains step {n} of the permit process."
                       for n in range(4))
    git("init", "-q", "-b", "main")
    (tmp_path / "README.md").write_text(f"# Permits\n\n{body}\n")
    (tmp_path / "README.da.md").write_text(f"# Tilladelser\n\n{body}\n")
    git("add", ".")
    git("commit", "-q", "-m", "Add the README and its Danish translation",
        date="2025-01-01T10:00:00")
    for month in (3, 5, 7):
        with open(tmp_path / "README.md", "a") as handle:
            handle.write(f"\nMore about permits, update {month}.\n")
        git("commit", "-qam", f"Explain permits further ({month})",
            date=f"2025-0{month}-01T10:00:00")
    finding = run("translations-current", LocalSnapshot(tmp_path))["PE-3"]
    assert finding.outcome.value == "warn", finding.message
    assert any(e.path == "README.da.md" and "changed 3 time(s) since" in e.message
               for e in finding.evidence)


def test_authoritative_languages_of_the_organisation_count_like_the_repositorys():
    # The organisation's file is merged under the repository's by the engine: a check sees the
    # merged configuration in its context and never re-reads the repository's file itself.
    tree = MemorySnapshot({"README": f"# X\n\n{ENGLISH}\n"})
    org = parse_config("authoritative_languages: [en]\n", ".github/publiccode-checker.yml")
    by_org = evaluate(tree, "sfpc", org_config=org).result("PE-1")
    in_repo = MemorySnapshot({"README": f"# X\n\n{ENGLISH}\n",
                              "publiccode-checker.yml": "authoritative_languages: [en]\n"})
    by_repo = evaluate(in_repo, "sfpc").result("PE-1")
    assert by_org.verdict.value == by_repo.verdict.value == "pass"
    # Without either, the same README fails PE-1: the organisation's line made the difference.
    assert evaluate(tree, "sfpc").result("PE-1").verdict.value == "fail"


def test_the_context_carries_the_merged_configuration():
    tree = MemorySnapshot({"README": f"# X\n\n{ENGLISH}\n",
                           "publiccode-checker.yml": "authoritative_languages: [da]\n"})
    org = parse_config("authoritative_languages: [en]\n", "org/.github/publiccode-checker.yml")
    context = CheckContext.for_snapshot(tree, org_config=org)
    # The repository's own value wins over the organisation's.
    assert context.setting("authoritative_languages") == ["da"]
    assert outcomes("documentation-languages", tree) == {"PE-1": "pass", "PE-2": "fail"}
