"""Waivers, explanations and answers as history; the questions still open."""

from __future__ import annotations

from datetime import date

from publiccode_checker.repo_config.model import RequirementOverride
from publiccode_checker.store.history import queries
from publiccode_checker.store.history.maturity import MaturitySettings
from publiccode_checker.store.history.models import HistoryDeclaration
from publiccode_checker.store.history.store import record_declarations
from tests.history.conftest import day
from tests.history.factories import count, record

WAIVER = RequirementOverride("CO-2", status="not_applicable", reason="no policy code",
                             approver="cio", expires=date(2028, 1, 1),
                             path="publiccode-checker.yml", line=4)
ANSWER = RequirementOverride("CO-5", answer="yes", answered_by="alice",
                             answered_on=date(2027, 1, 1), note="on the website")


def test_declarations_from_evaluations_are_kept_with_who_when_and_until(session) -> None:
    overrides = {"CO-2": WAIVER, "CO-5": ANSWER,
                 "MC-1": RequirementOverride("MC-1", mode="report")}  # no statement: not kept
    for n in range(3):
        record(session, day(n), {"CO-2": "not_applicable"}, overrides=overrides)
    assert count(session, HistoryDeclaration) == 2
    changed = RequirementOverride("CO-2", status="not_applicable", reason="still no policy code",
                                  approver="cio", expires=date(2029, 1, 1))
    record(session, day(3), {"CO-2": "not_applicable"}, overrides={"CO-2": changed,
                                                                    "CO-5": ANSWER})
    record(session, day(4), {}, overrides={})  # both withdrawn
    history = queries.declaration_history(session, repository="city/app", requirement="CO-2")
    assert [(d.reason, d.valid_from, d.valid_to) for d in history] == [
        ("no policy code", day(0), day(3)),
        ("still no policy code", day(3), day(4)),
    ]
    first = history[0]
    assert (first.approver, first.expires, first.source) == ("cio", date(2028, 1, 1), "config")
    at_two = queries.declaration_history(session, repository="city/app", at=day(2))
    assert {d.requirement: d.answered_by for d in at_two} == {"CO-2": None, "CO-5": "alice"}
    assert queries.declaration_history(session, repository="city/app", at=day(4)) == []


def test_answers_from_another_source_do_not_close_config_declarations(session) -> None:
    record(session, day(0), {}, overrides={"CO-2": WAIVER})
    issue_answer = RequirementOverride("CO-2", answer="no", answered_by="bob",
                                       answered_on=date(2027, 1, 2))
    assert record_declarations(session, repository="city/app", declarations=[issue_answer],
                               at=day(1), source="issue", complete=False) == 1
    # Recording the same answer again changes nothing.
    assert record_declarations(session, repository="city/app", declarations=[issue_answer],
                               at=day(2), source="issue", complete=False) == 0
    record(session, day(3), {}, overrides={"CO-2": WAIVER})
    now = queries.declaration_history(session, repository="city/app", at=day(3))
    assert sorted((d.source, d.requirement) for d in now) == [("config", "CO-2"),
                                                              ("issue", "CO-2")]


def test_evaluations_of_other_profiles_leave_declarations_alone(session) -> None:
    record(session, day(0), {}, overrides={"CO-2": WAIVER})
    record(session, day(1), {}, profile="publiccode", overrides={})
    assert [d.requirement for d in queries.declaration_history(
        session, repository="city/app", at=day(1))] == ["CO-2"]


def test_open_questions_list_manual_requirements_with_their_answers(session) -> None:
    record(session, day(0), {"CO-2": "manual", "CO-5": "info", "OL-3": "fail"})
    record_declarations(session, repository="city/app", at=day(1), source="issue",
                        complete=False, declarations=[RequirementOverride(
                            "CO-5", answer="yes", answered_by="alice",
                            answered_on=date(2026, 1, 1))])
    record_declarations(session, repository="city/app", at=day(1), source="issue",
                        complete=False, declarations=[RequirementOverride(
                            "CO-2", answer="no", answered_by="bob",
                            answered_on=date(2027, 1, 2))])
    questions = queries.open_questions(session, repository="city/app", profile_id="sfpc",
                                       settings=MaturitySettings(answer_valid_days=365),
                                       now=day(2))
    by_id = {q.requirement: q for q in questions}
    assert set(by_id) == {"CO-2", "CO-5"}
    assert by_id["CO-2"].question and by_id["CO-2"].verdict == "manual"
    assert [a.answered_by for a in by_id["CO-2"].answers] == ["bob"]
    assert not by_id["CO-2"].answer_expired
    # CO-5 is settled by the machine (info), but its answer is over a year old: ask again.
    assert by_id["CO-5"].answer_expired
    assert queries.open_questions(session, repository="city/none", profile_id="sfpc") == []
