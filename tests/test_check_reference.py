"""Every check documents itself, and its examples show what it really says.

A check's reference page (``docs/checks/<id>.md``) is written from its declaration: the docstring
says how it decides, ``limitations`` where it goes wrong, and ``examples`` show repositories it
passes and fails. The examples run here, so a page cannot promise what the check does not do.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from publiccode_checker.checks import all_checks
from publiccode_checker.context import CheckContext
from publiccode_checker.core.model import Check, Example
from publiccode_checker.criteria.profiles import available_profiles, load_profile
from publiccode_checker.reports.reference import check_page, reference_pages
from publiccode_checker.snapshots import MemorySnapshot, RepositoryFacts
from tests.checks.helpers import head_time

CHECKS = all_checks()
EXAMPLES = [(check_id, n) for check_id, check in sorted(CHECKS.items())
            for n in range(len(check.examples))]


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_every_check_says_how_it_decides_and_where_it_goes_wrong(check_id: str) -> None:
    check = CHECKS[check_id]
    assert len(check.description) > 40, "the check function needs a docstring: how it decides"
    assert len(check.limitations) > 40, "declare limitations=: where the check goes wrong"


#: Checks that can only ask a person (or only warn): their examples show what they ask, since no
#: repository makes them pass.
NEVER_PASS = {"search-engine-findability", "open-standards-use", "reusable-design",
              "shared-roadmap", "review-context", "review-scope", "policy-code-published",
              "policy-translated", "functionality-documented", "commit-signatures"}


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_every_check_has_examples_that_differ(check_id: str) -> None:
    check = CHECKS[check_id]
    assert len(check.examples) >= 2, "declare examples=: at least one passing, one not"
    seen: dict[str, set[str]] = defaultdict(set)
    for example in check.examples:
        assert example.title and example.outcomes
        for requirement, outcome in example.outcomes.items():
            seen[requirement].add(outcome)
    if check_id in NEVER_PASS:
        assert not any("pass" in outcomes for outcomes in seen.values()), (
            "it passes now: remove it from NEVER_PASS")
        return
    assert any(len(outcomes) > 1 for outcomes in seen.values()), (
        "the examples should show at least two different outcomes for one requirement")
    assert any("pass" in outcomes for outcomes in seen.values()), "show a passing example"


def run_example(check: Check, example: Example) -> dict[str, str]:
    facts = RepositoryFacts(**dict(example.facts)) if example.facts else None
    snapshot = MemorySnapshot(dict(example.files), facts=facts, history=example.history)
    findings = check.run(CheckContext.for_snapshot(
        snapshot, evaluated_at=example.evaluated_at or head_time(snapshot)))
    return {f.requirement: f.outcome.value for f in findings}


@pytest.mark.parametrize(("check_id", "index"), EXAMPLES)
def test_examples_show_what_the_check_says(check_id: str, index: int) -> None:
    check = CHECKS[check_id]
    example = check.examples[index]
    found = run_example(check, example)
    wanted = dict(example.outcomes)
    assert {req: found.get(req) for req in wanted} == wanted, example.title


def test_reference_pages_are_current() -> None:
    from pathlib import Path

    pages_dir = Path(__file__).resolve().parent.parent / "docs" / "checks"
    profiles = [load_profile(p) for p in available_profiles()]
    pages = reference_pages(CHECKS, profiles)
    stale = [name for name, text in pages.items()
             if not (pages_dir / name).exists()
             or (pages_dir / name).read_text(encoding="utf-8") != text]
    extra = sorted(p.name for p in pages_dir.glob("*.md") if p.name not in pages)
    assert not stale and not extra, (
        f"stale: {stale[:10]}, no longer generated: {extra}; run python3 scripts/regenerate.py")


def test_a_page_shows_the_declaration() -> None:
    check = CHECKS["licence-file"]
    page = check_page(check, [load_profile(p) for p in available_profiles()])
    for part in ("# `licence-file`", "## How it decides", "## Why it matters", "## How to fix",
                 "## Known limitations", "## Examples", "OL-3", "checks/licence.py"):
        assert part in page


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_the_texts_people_read_are_well_formed(check_id: str) -> None:
    # Titles head lists and pages; why and how-to-fix appear in every report and check run, and
    # are translated, so they stay short, whole sentences.
    check = CHECKS[check_id]

    def starts_well(text: str) -> bool:  # a capital, or a file name such as publiccode.yml
        first = text.split()[0] if text.split() else ""
        return first[:1].isupper() or "." in first

    assert starts_well(check.title) and not check.title.endswith("."), check.title
    assert len(check.title) <= 80, check.title
    for name in ("why", "how_to_fix", "limitations"):
        text = getattr(check, name)
        assert starts_well(text) and text.rstrip().endswith((".", ".)")), (name, text[-40:])
    assert len(check.why) <= 400 and len(check.how_to_fix) <= 400
    assert "  " not in check.why + check.how_to_fix, "a double space from joined strings"
