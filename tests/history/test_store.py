"""Storing evaluations and reading their state back, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from publiccode_checker.criteria.profiles import load_profile
from publiccode_checker.store import database, schema
from publiccode_checker.store.history import queries
from publiccode_checker.store.history.models import (
    HistoryEvaluation,
    HistoryEvidence,
    HistoryOutcome,
    HistoryRepository,
    HistoryRequirementRun,
    HistoryStream,
)
from publiccode_checker.store.history.store import HistoryError, record_evaluation
from publiccode_checker.store.history.synthetic import evaluation_from_verdicts
from tests.history.conftest import day
from tests.history.factories import commit_for, count, next_version, record

SFPC = load_profile("sfpc")
ALL_PASS = {r.id: "pass" for r in SFPC.requirements}


def expected(changes: dict[str, str]) -> dict[str, str]:
    return {**ALL_PASS, **changes}


def test_migrations_apply_from_empty_and_match_the_models(db_url: str) -> None:
    schema.load_models()
    with database.get_engine(db_url).connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        heads = set(context.get_current_heads())
        differences = [d for d in compare_metadata(context, database.Base.metadata)
                       if "history_" in str(d)]
    assert "history_0001" in heads
    assert differences == []


def test_status_at_any_time_across_many_unchanged_evaluations(session) -> None:
    plan = {0: {}, 10: {"OL-3": "fail"}, 20: {"MC-1": "warn"}}
    state: dict[str, str] = {}
    truth = {}
    for n in range(30):
        if n in plan:
            state = dict(plan[n])
        record(session, day(n), state)
        truth[n] = expected(state)
    assert queries.verdicts_at(session, repository="city/app", profile_id="sfpc",
                               at=day(0) - timedelta(seconds=1)) == {}
    for n in range(30):
        for offset in (timedelta(0), timedelta(hours=23, minutes=59)):
            got = queries.verdicts_at(session, repository="city/app", profile_id="sfpc",
                                      at=day(n) + offset)
            assert got == truth[n], n
    assert list(got) == [r.id for r in SFPC.requirements]  # in the profile's order
    assert count(session, HistoryEvaluation) == 30
    # 111 first runs, OL-3 fail, MC-1 warn + OL-3 back to pass.
    assert count(session, HistoryRequirementRun) == 111 + 1 + 2


def test_identical_evaluations_add_no_requirement_rows(session) -> None:
    record(session, day(0), {"OL-3": "fail"})
    before = (count(session, HistoryRequirementRun), count(session, HistoryEvidence),
              count(session, HistoryOutcome))
    for n in range(1, 21):
        record(session, day(n), {"OL-3": "fail"})
    after = (count(session, HistoryRequirementRun), count(session, HistoryEvidence),
             count(session, HistoryOutcome))
    assert after == before
    assert count(session, HistoryEvaluation) == 21
    # The same evidence in another repository is shared as well.
    record(session, day(0), {"OL-3": "fail"}, repository="city/other")
    assert count(session, HistoryEvidence) == before[1]
    assert count(session, HistoryOutcome) == before[2]


def test_evaluations_recorded_out_of_order_give_the_same_history(session) -> None:
    rng = random.Random(7)
    codes = ["OL-3", "MC-1", "CO-1", "DO-2"]
    verdict_choices = ["pass", "fail", "warn"]
    plan = {}
    current: dict[str, str] = {}
    for n in range(24):
        if rng.random() < 0.4:
            current = {**current, rng.choice(codes): rng.choice(verdict_choices)}
        plan[n] = dict(current)
    order = list(plan)
    rng.shuffle(order)
    for n in order:
        record(session, day(n), plan[n], repository="city/shuffled")
    for n in sorted(plan):
        record(session, day(n), plan[n], repository="city/ordered")
    for n in range(24):
        for offset in (timedelta(0), timedelta(hours=12)):
            shuffled = queries.verdicts_at(session, repository="city/shuffled",
                                           profile_id="sfpc", at=day(n) + offset)
            ordered = queries.verdicts_at(session, repository="city/ordered",
                                          profile_id="sfpc", at=day(n) + offset)
            assert shuffled == ordered == expected(plan[n]), n
    runs = {}
    for name in ("city/shuffled", "city/ordered"):
        stream_id = session.scalar(
            select(HistoryStream.id).join(HistoryRepository,
                                          HistoryRepository.id == HistoryStream.repository_id)
            .where(HistoryRepository.full_name == name))
        runs[name] = sorted(
            (r.lineage_id, r.verdict, r.evidence_id, r.valid_from, r.valid_to)
            for r in session.scalars(select(HistoryRequirementRun)
                                     .where(HistoryRequirementRun.stream_id == stream_id))
        )
    assert runs["city/shuffled"] == runs["city/ordered"]
    timeline = {name: [(c.requirement, c.old, c.new, c.at) for c in queries.repository_timeline(
        session, repository=name, profile_id="sfpc")] for name in runs}
    assert timeline["city/shuffled"] == timeline["city/ordered"]


def test_same_instant_evaluation_supersedes_the_earlier_one(session) -> None:
    record(session, day(0))
    record(session, day(1), {"OL-3": "fail"})
    record(session, day(1), {"OL-3": "pass"})  # recorded later at the same time: it wins
    assert queries.verdicts_at(session, repository="city/app", profile_id="sfpc",
                               at=day(1)) == ALL_PASS
    assert queries.repository_timeline(session, repository="city/app", profile_id="sfpc") == []


def test_new_version_starts_a_series_and_carries_unchanged_requirements(session) -> None:
    later = next_version(SFPC, "0.9.0", renamed={"OL-3": "OL-9"}, changed_text={"MC-1"})
    record(session, day(0), {"OL-3": "fail", "MC-1": "fail", "CO-1": "fail"})
    record(session, day(5), {"OL-9": "fail", "MC-1": "fail", "CO-1": "pass"}, profile=later)
    old = queries.verdicts_at(session, repository="city/app", profile_id="sfpc", at=day(1))
    new = queries.verdicts_at(session, repository="city/app", profile_id="sfpc", at=day(6))
    assert old["OL-3"] == "fail" and "OL-9" not in old
    assert new["OL-9"] == "fail" and "OL-3" not in new
    current = queries.repository_current(session, repository="city/app", profile_id="sfpc")
    assert current is not None and current.profile_version == "0.9.0"
    states = {s.requirement: s for s in current.requirements}
    # Same text under a new number: its history continues from the first series.
    assert states["OL-9"].since == day(0)
    # Reworded: a new requirement, its history starts with the new series.
    assert states["MC-1"].since == day(5)
    changes = queries.repository_timeline(session, repository="city/app", profile_id="sfpc")
    assert [(c.requirement, c.old, c.new) for c in changes] == [("CO-1", "fail", "pass")]


def test_pull_requests_do_not_change_the_repository_state(session) -> None:
    record(session, day(0))
    record(session, day(1), {"OL-3": "fail"}, trigger="pull_request", pull_request=7)
    current = queries.repository_current(session, repository="city/app", profile_id="sfpc")
    assert current is not None and current.commit == commit_for(day(0), "city/app")
    found = queries.find_evaluation(session, repository="city/app",
                                    commit=commit_for(day(1), "city/app"), profile_id="sfpc")
    assert found is not None
    assert found.pull_request == 7 and found.verdicts["OL-3"] == "fail"
    assert found.conclusion == "failure"
    assert found.summary_text.endswith("1 MUST requirement fails")
    with pytest.raises(HistoryError):
        record(session, day(2), trigger="pull_request")
    with pytest.raises(HistoryError):
        record(session, day(2), trigger="nightly")


def test_repository_current_trend_and_timeline(session) -> None:
    record(session, day(0), {"OL-3": "fail"}, ref="refs/heads/main")
    record(session, day(1), {"OL-3": "fail"})
    record(session, day(2), {}, trigger="push")
    record(session, day(3), {"MC-1": "warn"})
    current = queries.repository_current(session, repository="city/app", profile_id="sfpc")
    assert current is not None
    assert current.evaluated_at == day(3)
    assert current.criteria["OL"] == "met"
    ol3 = next(s for s in current.requirements if s.requirement == "OL-3")
    assert ol3.verdict == "pass" and ol3.since == day(2)
    assert ol3.since_commit == commit_for(day(2), "city/app")
    assert ol3.evidence == [{"message": "The checks found: pass.", "path": "README.md",
                             "line": 1, "end_line": None, "url": None}]
    trend = queries.repository_trend(session, repository="city/app", profile_id="sfpc")
    assert [p.must_failing for p in trend] == [1, 1, 0, 0]
    assert [p.criteria_met for p in trend] == [15, 15, 16, 15]  # MC-1 warns: MC is open
    since = queries.repository_trend(session, repository="city/app", profile_id="sfpc",
                                     since=day(2))
    assert [p.at for p in since] == [day(2), day(3)]
    changes = queries.repository_timeline(session, repository="city/app", profile_id="sfpc")
    assert [(c.requirement, c.old, c.new, c.trigger, c.at) for c in changes] == [
        ("MC-1", "pass", "warn", "schedule", day(3)),
        ("OL-3", "fail", "pass", "push", day(2)),
    ]
    assert len(queries.repository_timeline(session, repository="city/app", profile_id="sfpc",
                                           limit=1)) == 1
    assert queries.repository_current(session, repository="city/none", profile_id="sfpc") is None


def test_organisation_overview_hides_private_repositories_by_default(session) -> None:
    record(session, day(0), repository="city/public-app", visibility="public")
    record(session, day(0), {"OL-3": "fail"}, repository="city/secret", visibility="private")
    record(session, day(0), repository="city/unknown")
    record(session, day(0), repository="town/app", visibility="public")
    record(session, day(1), {"MC-1": "fail"}, repository="city/public-app")
    rows = queries.organisation_overview(session, organisation="city", profile_id="sfpc")
    assert [r.repository for r in rows] == ["city/public-app"]
    row = rows[0]
    assert row.evaluated_at == day(1) and row.visibility == "public"
    assert row.criteria["MC"] == "not_met" and row.criteria["OL"] == "met"
    assert row.level.startswith("15/16 criteria met")
    everything = queries.organisation_overview(session, organisation="city", profile_id="sfpc",
                                               include_private=True)
    assert [r.repository for r in everything] == ["city/public-app", "city/secret",
                                                  "city/unknown"]
    assert queries.organisation_overview(session, organisation="city", profile_id="os2") == []


def test_an_explicit_organisation_and_a_renamed_repository(session) -> None:
    profile = load_profile("sfpc")
    evaluation = evaluation_from_verdicts(profile, {}, evaluated_at=day(0), commit="a" * 40)
    record_evaluation(session, evaluation, repository="old/name", repository_id=42,
                      organisation="Municipality", visibility="public", trigger="push")
    evaluation = evaluation_from_verdicts(profile, {}, evaluated_at=day(1), commit="b" * 40)
    record_evaluation(session, evaluation, repository="new/name", repository_id=42,
                      trigger="push")
    assert count(session, HistoryRepository) == 1
    rows = queries.organisation_overview(session, organisation="new", profile_id="sfpc")
    assert [(r.repository, r.commit) for r in rows] == [("new/name", "b" * 40)]
    with pytest.raises(HistoryError):
        record(session, day(2), repository="no-slash")
