"""The engine: findings to verdicts, levels, declarations, criteria status and conclusion."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from publiccode_checker.checks import load_errors
from publiccode_checker.core.model import (
    _REGISTRY,
    Check,
    Evidence,
    Outcome,
    Strength,
    failed,
    passed,
    warned,
)
from publiccode_checker.criteria.profiles import load_profile, load_profile_file
from publiccode_checker.evaluation.engine import evaluate, fails_on
from publiccode_checker.evaluation.model import Conclusion, CriterionStatus, Verdict
from publiccode_checker.repo_config.loader import parse_config
from publiccode_checker.snapshots import MemorySnapshot
from tests.checks.helpers import head_time

PROFILE = """
id: sfpc
name: Test profile
version: "1"
criteria:
  - code: AA
    title: First
    requirements:
      - {id: AA-1, level: MUST, summary: must one, automation: decisive, checks: [t-a]}
      - {id: AA-2, level: SHOULD, summary: should two, automation: decisive, checks: [t-a]}
      - {id: AA-3, level: OPTIONAL, summary: optional three, automation: decisive}
  - code: BB
    title: Second
    requirements:
      - {id: BB-1, level: MUST, summary: must four, automation: manual, question: "Is it so?"}
      - {id: BB-2, level: MUST NOT, summary: must not five, automation: heuristic, checks: [t-b]}
"""


@pytest.fixture
def profile(tmp_path: Path):
    path = tmp_path / "p.yml"
    path.write_text(PROFILE)
    return load_profile_file(path)


@pytest.fixture
def fake_checks(monkeypatch):
    outcomes: dict[str, Outcome] = {"AA-1": Outcome.PASS, "AA-2": Outcome.FAIL,
                                    "AA-3": Outcome.FAIL, "BB-2": Outcome.PASS}

    def run_a(snapshot):
        for req in ("AA-1", "AA-2", "AA-3"):
            maker = {Outcome.PASS: passed, Outcome.FAIL: failed, Outcome.WARN: warned}
            yield maker[outcomes[req]](req, f"{req} said {outcomes[req]}",
                                       Evidence("here", "README.md", 3))

    def run_b(snapshot):
        maker = {Outcome.PASS: passed, Outcome.FAIL: failed, Outcome.WARN: warned}
        yield maker[outcomes["BB-2"]]("BB-2", "b said")

    fakes = {
        "t-a": Check("t-a", "A", ("AA-1", "AA-2", "AA-3"), "why a", "fix a", run_a,
                     strength=Strength.DECISIVE),
        "t-b": Check("t-b", "B", ("BB-2",), "why b", "fix b", run_b,
                     strength=Strength.DECISIVE),
    }
    monkeypatch.setattr("publiccode_checker.evaluation.engine.all_checks", lambda: fakes)
    return outcomes


def test_levels_map_outcomes(profile, fake_checks):
    evaluation = evaluate(MemorySnapshot({"README.md": "hi"}), profile)
    verdicts = {r.id: r.verdict for r in evaluation.requirements}
    assert verdicts == {
        "AA-1": Verdict.PASS,
        "AA-2": Verdict.WARN,  # a SHOULD that fails is a warning
        "AA-3": Verdict.INFO,  # OPTIONAL never decides anything
        "BB-1": Verdict.MANUAL,  # no check, a question: a person decides
        "BB-2": Verdict.PASS,
    }
    assert evaluation.result("AA-3").observed == "fail"
    statuses = {c.criterion.code: c.status for c in evaluation.criteria}
    assert statuses == {"AA": CriterionStatus.MET, "BB": CriterionStatus.OPEN}
    assert evaluation.conclusion is Conclusion.NEUTRAL
    assert evaluation.summary.sentence() == "1 of 2 criteria met; 0 MUST requirements fail"
    assert not fails_on(evaluation, "must")
    assert fails_on(evaluation, "should")


def test_must_failure_fails(profile, fake_checks):
    fake_checks["AA-1"] = Outcome.FAIL
    evaluation = evaluate(MemorySnapshot({}), profile)
    assert evaluation.result("AA-1").verdict is Verdict.FAIL
    assert evaluation.conclusion is Conclusion.FAILURE
    assert evaluation.summary.must_failing == 1
    assert fails_on(evaluation, "must") and not fails_on(evaluation, "never")


def test_declarations(profile, fake_checks):
    fake_checks["AA-1"] = Outcome.FAIL
    fake_checks["BB-2"] = Outcome.WARN
    config = parse_config(
        """
requirements:
  AA-1:
    status: not_applicable
    reason: We publish no code here.
    approver: secretariat
    expires: 2099-01-01
  BB-1:
    answer: yes
    by: jane
    date: 2026-11-01
  BB-2:
    status: explained
    reason: The flagged words are policy terms.
""",
        ".github/publiccode-checker.yml",
        {"AA-1", "AA-2", "AA-3", "BB-1", "BB-2"},
    )
    assert config.problems == []
    evaluation = evaluate(MemorySnapshot({}), profile, config=config, today=date(2026, 11, 23))
    assert evaluation.result("AA-1").verdict is Verdict.NOT_APPLICABLE
    assert evaluation.result("BB-1").verdict is Verdict.PASS
    assert "jane" in evaluation.result("BB-1").message
    assert evaluation.result("BB-2").verdict is Verdict.EXPLAINED
    assert evaluation.conclusion is Conclusion.SUCCESS


def test_expired_waiver_is_ignored_and_reported(profile, fake_checks):
    fake_checks["AA-1"] = Outcome.FAIL
    config = parse_config(
        "requirements:\n  AA-1: {status: not_applicable, reason: later, expires: 2020-01-01}\n",
        "publiccode-checker.yml",
    )
    evaluation = evaluate(MemorySnapshot({}), profile, config=config, today=date(2026, 1, 1))
    assert evaluation.result("AA-1").verdict is Verdict.FAIL
    assert any("expired" in p.message and p.line == 2 for p in evaluation.problems)


def test_invalid_config_is_a_problem_with_a_line(profile, fake_checks):
    snapshot = MemorySnapshot({".github/publiccode-checker.yml": "profile: sfpc\nfoo: bar: baz\n"})
    evaluation = evaluate(snapshot, profile)
    assert [p.line for p in evaluation.problems if p.kind == "config"] == [2]
    snapshot = MemorySnapshot({
        ".github/publiccode-checker.yml":
            "profile: nope\nrequirements:\n  AA-1: {status: not_applicable}\n  ZZ-9: off\n"
    })
    evaluation = evaluate(snapshot, profile)
    messages = [(p.line, p.message) for p in evaluation.problems if p.kind == "config"]
    assert messages[0][0] == 1 and "profile" in messages[0][1]
    assert any(line == 3 and "needs a reason" in m for line, m in messages)
    assert any(line == 4 and "ZZ-9" in m for line, m in messages)


def test_yaml_alias_bomb_is_refused():
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
    config = parse_config(bomb, "publiccode-checker.yml")
    assert config.problems and "aliases" in config.problems[0].message


def test_crashing_check_costs_only_its_own_requirements(profile, monkeypatch):
    def boom(snapshot):
        raise RuntimeError("bug")
        yield

    def fine(snapshot):
        yield passed("BB-2", "fine")

    monkeypatch.setattr("publiccode_checker.evaluation.engine.all_checks", lambda: {
        "boom": Check("boom", "Boom", ("AA-1",), "w", "f", boom),
        "fine": Check("fine", "Fine", ("BB-2",), "w", "f", fine, strength=Strength.DECISIVE),
    })
    evaluation = evaluate(MemorySnapshot({}), profile)
    assert evaluation.result("AA-1").verdict is Verdict.UNKNOWN
    assert evaluation.result("BB-2").verdict is Verdict.PASS
    assert any(p.kind == "check" for p in evaluation.problems)


def test_registered_checks_follow_the_contract():
    from publiccode_checker.checks import all_checks

    checks = all_checks()
    assert checks, "no check plugins were discovered"
    for check in checks.values():
        assert check.id == check.id.lower() and " " not in check.id
        assert check.title and check.why and check.how_to_fix and check.requirements
    assert _REGISTRY.keys() == checks.keys()
    assert not load_errors, f"check plugins failed to load: {load_errors}"


# -- the precision rule: weak evidence never decides a MUST ---------------------------------------

def test_weak_evidence_turns_a_must_pass_or_fail_into_a_question() -> None:
    from publiccode_checker.core.model import Finding, Strength
    from publiccode_checker.evaluation.verdicts import decide

    profile = load_profile("sfpc")
    must = profile.requirement("WC-3")
    should = next(r for r in profile.requirements if r.is_should)
    for outcome in (Outcome.PASS, Outcome.FAIL):
        weak = Finding(must.id, outcome, "GOVERNANCE mentioned in a manual", (),
                       strength=Strength.WEAK)
        result = decide(must, [weak], [])
        assert result.verdict.value == "manual" and result.observed == outcome.value
        assert result.message.endswith("Possibly: GOVERNANCE mentioned in a manual")
        assert result.strength == "weak"
        strong = Finding(must.id, outcome, "GOVERNANCE.md", (), strength=Strength.STRONG)
        assert decide(must, [strong], []).verdict.value == outcome.value
    # A finding without a strength counts as weak; a SHOULD is not touched.
    assert decide(must, [Finding(must.id, Outcome.PASS, "x")], []).verdict.value == "manual"
    weak_should = Finding(should.id, Outcome.PASS, "x", (), strength=Strength.WEAK)
    assert decide(should, [weak_should], []).verdict.value == "pass"


def test_no_check_decides_a_must_on_weak_evidence() -> None:
    # Over every example repository of every check, through the whole engine: a MUST or MUST NOT
    # that passes or fails does so on decisive or strong evidence.
    from publiccode_checker.checks import all_checks
    from publiccode_checker.snapshots import MemorySnapshot, RepositoryFacts

    for check in all_checks().values():
        for example in check.examples:
            facts = RepositoryFacts(**dict(example.facts)) if example.facts else None
            snapshot = MemorySnapshot(dict(example.files), facts=facts, history=example.history)
            evaluation = evaluate(snapshot, "sfpc",
                                  as_of=example.evaluated_at or head_time(snapshot))
            for result in evaluation.requirements:
                if result.requirement.is_must and result.verdict.value in ("pass", "fail"):
                    assert result.strength in ("decisive", "strong"), (
                        check.id, example.title, result.id, result.strength)


def test_every_check_shipped_here_declares_its_strength() -> None:
    from publiccode_checker.checks import all_checks

    undeclared = sorted(c.id for c in all_checks().values() if c.strength is None)
    assert not undeclared, f"declare strength= on {undeclared}"
