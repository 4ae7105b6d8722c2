"""An in-memory stand-in for the history store, filled from real evaluations."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from publiccode_checker.evaluation.engine import evaluate
from publiccode_checker.evaluation.model import Evaluation
from publiccode_checker.snapshots import MemorySnapshot, RepositoryFacts
from publiccode_checker.web.dashboard.models import (
    Change,
    EvidenceItem,
    LevelEvent,
    LevelInfo,
    OpenQuestion,
    OverviewRow,
    RepositoryCurrent,
    RequirementState,
    TrendPoint,
)


@dataclass
class Recorded:
    repository: str
    visibility: str
    evaluation: Evaluation
    time: datetime
    trigger: str
    pull_request: int | None


class MemorySource:
    def __init__(self) -> None:
        self.records: list[Recorded] = []
        self.calls: list[str] = []

    def record(self, evaluation: Evaluation, *, repository: str, visibility: str = "public",
               time: datetime | None = None, trigger: str = "push",
               pull_request: int | None = None) -> None:
        self.records.append(Recorded(repository, visibility, evaluation,
                                     time or evaluation.evaluated_at, trigger, pull_request))

    def _runs(self, repository: str, profile_id: str) -> list[Recorded]:
        runs = [r for r in self.records if r.repository.lower() == repository.lower()
                and r.evaluation.profile.id == profile_id]
        return sorted(runs, key=lambda r: r.time)

    def current(self, repository: str, profile_id: str) -> RepositoryCurrent | None:
        self.calls.append(f"current {repository}")
        runs = self._runs(repository, profile_id)
        if not runs:
            return None
        last = runs[-1]
        ev = last.evaluation
        return RepositoryCurrent(
            repository=last.repository, profile_id=profile_id, visibility=last.visibility,
            evaluated_at=last.time, commit=ev.commit,
            level=LevelInfo(ev.level.label, ev.level.value, dict(ev.level.details)),
            requirements={
                r.id: RequirementState(r.id, r.verdict.value, r.message, tuple(
                    EvidenceItem(e.message, e.path, e.line, e.url) for e in r.evidence))
                for r in ev.requirements
            },
            criteria={c.criterion.code: c.status.value for c in ev.criteria},
        )

    def trend(self, repository: str, profile_id: str) -> list[TrendPoint]:
        return [TrendPoint(r.time, r.evaluation.commit, r.evaluation.summary.criteria_met,
                           r.evaluation.summary.must_failing, r.evaluation.level.label)
                for r in self._runs(repository, profile_id)]

    def timeline(self, repository: str, profile_id: str, limit: int = 100) -> list[Change]:
        changes: list[Change] = []
        previous: dict[str, str] = {}
        for run in self._runs(repository, profile_id):
            for result in run.evaluation.requirements:
                old = previous.get(result.id)
                if old != result.verdict.value:
                    changes.append(Change(result.id, old, result.verdict.value,
                                          run.evaluation.commit, run.pull_request, run.trigger,
                                          run.time))
                previous[result.id] = result.verdict.value
        # The first run is the baseline, not a change.
        changes = [c for c in changes if c.old is not None]
        return list(reversed(changes))[:limit]

    def overview(self, organisation: str, profile_id: str, *,
                 include_private: bool) -> list[OverviewRow]:
        self.calls.append(f"overview {organisation} private={include_private}")
        names = {r.repository for r in self.records
                 if r.repository.split("/")[0].lower() == organisation.lower()}
        rows = []
        for name in sorted(names):
            current = self.current(name, profile_id)
            if current is None:
                continue
            if current.visibility != "public" and not include_private:
                continue
            rows.append(OverviewRow(name, current.visibility, current.level,
                                    current.evaluated_at, current.commit, current.criteria))
        return rows

    def level_events(self, repository: str, profile_id: str) -> list[LevelEvent]:
        events = []
        held: dict[str, bool] = {}
        for run in self._runs(repository, profile_id):
            for criterion in run.evaluation.criteria:
                code = criterion.criterion.code
                now = criterion.status.value == "met"
                if now != held.get(code, False):
                    events.append(LevelEvent(run.time, "attained" if now else "lost",
                                             f"{code} met", f"criterion:{code}", run.time,
                                             run.evaluation.commit))
                held[code] = now
        return events

    def open_questions(self, repository: str, profile_id: str) -> list[OpenQuestion]:
        runs = self._runs(repository, profile_id)
        if not runs:
            return []
        return [OpenQuestion(r.id, r.verdict.value) for r in runs[-1].evaluation.requirements
                if r.verdict.value == "manual"]


def make_evaluation(files: dict[str, str], profile_id: str, *, commit: str,
                    repository: str, visibility: str = "public",
                    when: datetime | None = None) -> Evaluation:
    facts = RepositoryFacts(full_name=repository, owner=repository.split("/")[0],
                            visibility=visibility)
    snapshot = MemorySnapshot(files, label=repository, commit=commit, facts=facts)
    evaluation = evaluate(snapshot, profile_id)
    return replace(evaluation, evaluated_at=when or datetime.now(UTC))


START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def day(n: int) -> datetime:
    return START + timedelta(days=n)
