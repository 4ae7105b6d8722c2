"""Maturity levels over time: the time rules alone, then on stored history."""

from __future__ import annotations

from datetime import date, timedelta

from publiccode_checker.repo_config.model import RequirementOverride
from publiccode_checker.store.history import queries
from publiccode_checker.store.history.maturity import (
    MaturitySettings,
    Point,
    follow_track,
    refresh_stream,
)
from publiccode_checker.store.history.models import HistoryStream
from publiccode_checker.store.history.store import record_declarations
from tests.history.conftest import START, day
from tests.history.factories import commit_for, record

RULES = MaturitySettings(attain_days=30, attain_runs=3, lose_days=14)


def points(spec: str, step_days: int = 1) -> list[Point]:
    """One run per character: + holds, F decisive failure, w open (warn/manual)."""
    return [Point(START + timedelta(days=i * step_days), i, f"c{i}", c == "+", c == "F")
            for i, c in enumerate(spec)]


def kinds(events) -> list[tuple[str, int]]:
    return [(e.kind, (e.at - START).days) for e in events]


def test_attained_after_consecutive_runs() -> None:
    events, state = follow_track("t", "T", points("++w+++"), RULES)
    assert kinds(events) == [("attained", 5)]
    assert state.attained and state.since == day(3) and state.commit == "c3"


def test_attained_after_enough_days_with_sparse_runs() -> None:
    events, _ = follow_track("t", "T", points("+++", step_days=40),
                                 MaturitySettings(attain_days=30, attain_runs=10))
    assert kinds(events) == [("attained", 30)]
    assert events[0].since == day(0)
    # A pending deadline is met by the passage of time alone.
    events, _ = follow_track("t", "T", points("+"), RULES, as_of=day(45))
    assert kinds(events) == [("attained", 30)]
    events, _ = follow_track("t", "T", points("+"), RULES, as_of=day(10))
    assert events == []


def test_lost_only_after_a_decisive_failure_lasts() -> None:
    spec = "+++" + "F" * 10 + "+" + "F" * 20
    events, state = follow_track("t", "T", points(spec), RULES)
    # The first failing stretch is 10 days: survived. The second starts on day 14.
    assert kinds(events) == [("attained", 2), ("lost", 28)]
    assert events[1].since == day(14) and events[1].commit == "c14"
    assert not state.attained


def test_open_verdicts_never_demote() -> None:
    events, state = follow_track("t", "T", points("+++" + "w" * 60), RULES)
    assert kinds(events) == [("attained", 2)]
    assert state.attained
    # ... and they break a failing streak.
    events, state = follow_track("t", "T", points("+++" + ("F" * 10 + "w") * 4), RULES)
    assert state.attained


def test_settings_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("HISTORY_ATTAIN_RUNS", "5")
    monkeypatch.setenv("HISTORY_LOSE_DAYS", "7")
    settings = MaturitySettings.from_env()
    assert (settings.attain_runs, settings.lose_days, settings.attain_days) == (5, 7, 30)


def test_criteria_events_on_stored_history(session, monkeypatch) -> None:
    monkeypatch.setenv("HISTORY_ATTAIN_DAYS", "30")
    for n in range(40):
        verdicts = {"OL-3": "fail"} if 10 <= n < 30 else {}
        if n == 5:
            verdicts = {"MC-1": "manual"}
        record(session, day(n), verdicts)
    # A pull request failing OL does not count.
    record(session, day(8), {"OL-3": "fail"}, trigger="pull_request", pull_request=3)
    events = queries.level_events(session, repository="city/app", profile_id="sfpc")
    ol = [(e.kind, e.at, e.since, e.commit) for e in events if e.track == "criterion:OL"]
    assert ol == [
        ("attained", day(2), day(0), commit_for(day(0), "city/app")),
        ("lost", day(24), day(10), commit_for(day(10), "city/app")),
        ("attained", day(32), day(30), commit_for(day(30), "city/app")),
    ]
    must = [(e.kind, e.at) for e in events if e.track == "all_must"]
    # Day 5 (MC-1 manual) breaks the first streak without demoting anything.
    assert must == [("attained", day(2)), ("lost", day(24)), ("attained", day(32))]
    current = queries.repository_current(session, repository="city/app", profile_id="sfpc")
    assert current is not None
    assert current.sustained_level == "16/16 criteria met, all MUST requirements met"


def os2_verdicts(**levels: str) -> dict[str, str]:
    from publiccode_checker.criteria.profiles import load_profile

    profile = load_profile("os2")
    verdicts = {}
    for req in profile.requirements:
        verdicts[req.id] = levels.get(req.profile_level or "", "pass")
    return verdicts


def test_os2_levels_from_evidence_and_recorded_answers(session) -> None:
    # Evidence settles sandbox and N1; N2 waits for people.
    for n in range(3):
        record(session, day(n), os2_verdicts(N2="manual", N3="manual"), profile="os2")
    current = queries.repository_current(session, repository="city/app", profile_id="os2")
    assert current is not None and current.sustained_level == "N1"
    manual_n2 = [s.requirement for s in current.requirements
                 if s.verdict == "manual" and s.requirement in _os2_musts("N2")]
    answers = [RequirementOverride(code, answer="yes", answered_by="alice",
                                   answered_on=date(2027, 1, 4)) for code in manual_n2]
    record_declarations(session, repository="city/app", declarations=answers, at=day(3),
                        source="issue", complete=False)
    for n in range(3, 6):
        record(session, day(n), os2_verdicts(N2="manual", N3="manual"), profile="os2")
    events = queries.level_events(session, repository="city/app", profile_id="os2")
    assert [(e.label, e.kind, e.at) for e in events] == [
        ("level sandbox", "attained", day(2)),
        ("level N1", "attained", day(2)),
        ("level N2", "attained", day(5)),
    ]
    stream = session.query(HistoryStream).filter_by(profile_id="os2").one()
    # Answers older than a year no longer count: N2 falls back to open, which never demotes.
    later = refresh_stream(session, stream.id, MaturitySettings(answer_valid_days=1))
    assert later.label == "N1"


def _os2_musts(level: str) -> set[str]:
    from publiccode_checker.criteria.profiles import load_profile

    return {r.id for r in load_profile("os2").requirements
            if r.profile_level == level and r.is_must}


def test_publiccode_declared_status_against_evidence(session) -> None:
    facts = {"publiccode_yml": {"development_status": "beta"}}
    for n in range(3):
        record(session, day(n), {}, profile="publiccode", facts=facts)
    stable = {"publiccode_yml": {"development_status": "stable"}}
    for n in range(3, 20):
        record(session, day(n), {"PC-3": "warn"}, profile="publiccode", facts=stable)
    events = queries.level_events(session, repository="city/app", profile_id="publiccode")
    assert [(e.track, e.kind, e.label, e.at) for e in events] == [
        ("declared", "changed", "declared beta", day(0)),
        ("evidence", "attained", "developmentStatus supported by the evidence", day(2)),
        ("declared", "changed", "declared stable", day(3)),
        ("evidence", "lost", "developmentStatus supported by the evidence", day(17)),
    ]
    current = queries.repository_current(session, repository="city/app",
                                         profile_id="publiccode")
    assert current is not None
    assert current.sustained_level == "stable (declared), not yet supported by the evidence"
