"""The bulk loader writes the same history as recording evaluations one by one."""

from __future__ import annotations

import dataclasses
import random

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from publiccode_checker.criteria.profiles import load_profile
from publiccode_checker.repo_config.model import RequirementOverride
from publiccode_checker.store.history import queries
from publiccode_checker.store.history.bulk import BulkItem, bulk_record
from publiccode_checker.store.history.models import (
    HistoryDeclaration,
    HistoryEvaluation,
    HistoryEvidence,
    HistoryLevelEvent,
    HistoryOutcome,
    HistoryRepository,
    HistoryRequirement,
    HistoryRequirementRun,
    HistoryStream,
)
from publiccode_checker.store.history.store import HistoryError, record_evaluation
from publiccode_checker.store.history.synthetic import evaluation_from_verdicts
from tests.history.conftest import day
from tests.history.factories import commit_for

SFPC = load_profile("sfpc")
WAIVER = RequirementOverride("CO-2", status="explained", reason="being published")


def plan(seed: int = 3) -> list[BulkItem]:
    rng = random.Random(seed)
    items = []
    for repo in ("city/a", "city/b", "city/c"):
        verdicts: dict[str, str] = {"OL-3": "fail"}
        overrides: dict[str, RequirementOverride] = {}
        evaluation = None
        for n in range(40):
            if evaluation is None or rng.random() < 0.2:
                verdicts = {**verdicts, rng.choice(["OL-3", "MC-1", "CO-2", "DO-1"]):
                            rng.choice(["pass", "fail", "warn", "manual"])}
                overrides = {} if rng.random() < 0.5 else {"CO-2": WAIVER}
                evaluation = evaluation_from_verdicts(
                    SFPC, verdicts, evaluated_at=day(n), overrides=overrides,
                    messages={"OL-3": f"licence of {repo}"})
            evaluation = dataclasses.replace(evaluation, evaluated_at=day(n),
                                             commit=commit_for(day(n), repo))
            items.append(BulkItem(evaluation, repo, trigger="schedule", ref="refs/heads/main",
                                  visibility="public" if repo != "city/c" else "private",
                                  recorded_at=day(n, 1)))
    return items


def snapshot(session: Session) -> dict[str, list]:
    """Table contents with ids replaced by what they stand for."""
    repo = {r.id: r.full_name for r in session.scalars(select(HistoryRepository))}
    stream = {s.id: (repo[s.repository_id], s.profile_id) for s in
              session.scalars(select(HistoryStream))}
    code = {r.lineage_id: r.code for r in session.scalars(select(HistoryRequirement))}
    evidence = {e.id: e.hash for e in session.scalars(select(HistoryEvidence))}
    outcome = {o.id: o.hash for o in session.scalars(select(HistoryOutcome))}
    evaluation = {e.id: (stream[e.stream_id], e.evaluated_at, e.recorded_at, e.trigger, e.ref,
                         e.commit, outcome[e.outcome_id])
                  for e in session.scalars(select(HistoryEvaluation))}
    return {
        "repositories": sorted((r.full_name, r.organisation, r.visibility, r.first_seen_at)
                               for r in session.scalars(select(HistoryRepository))),
        "streams": sorted((stream[s.id], evaluation[s.latest_evaluation_id], s.sustained_label,
                           str(s.sustained_details))
                          for s in session.scalars(select(HistoryStream))),
        "evaluations": sorted(evaluation.values()),
        "evidence": sorted(evidence.values()),
        "outcomes": sorted(outcome.values()),
        "runs": sorted((stream[r.stream_id], code[r.lineage_id], r.verdict,
                        evidence[r.evidence_id], r.valid_from, r.valid_to,
                        evaluation[r.evaluation_id])
                       for r in session.scalars(select(HistoryRequirementRun))),
        "declarations": sorted((repo[d.repository_id], d.requirement, d.hash, d.valid_from,
                                d.valid_to, evaluation[d.evaluation_id])
                               for d in session.scalars(select(HistoryDeclaration))),
        "events": sorted((stream[e.stream_id], e.track, e.kind, e.at, e.since, e.commit)
                         for e in session.scalars(select(HistoryLevelEvent))),
    }


def test_bulk_load_writes_the_same_rows_as_single_records(session) -> None:
    items = plan()
    for item in items:
        record_evaluation(session, item.evaluation, repository=item.repository,
                          trigger=item.trigger, ref=item.ref, visibility=item.visibility,
                          recorded_at=item.recorded_at)
    one_by_one = snapshot(session)
    session.rollback()
    assert bulk_record(session, list(reversed(items))) == len(items)
    assert snapshot(session) == one_by_one
    assert len(one_by_one["runs"]) < len(items) * 111 / 4
    rows = queries.organisation_overview(session, organisation="city", profile_id="sfpc")
    assert [r.repository for r in rows] == ["city/a", "city/b"]


def test_bulk_load_appends_and_refuses_to_go_back(session) -> None:
    items = plan()
    bulk_record(session, items[:20])
    bulk_record(session, items[20:])
    whole = snapshot(session)
    session.rollback()
    bulk_record(session, items)
    assert snapshot(session) == whole
    with pytest.raises(HistoryError):
        bulk_record(session, items[:1])
