"""Runs the checks a profile needs over a snapshot and turns their findings into an evaluation.

This is the one place where verdicts are made. The CLI, the GitHub App and history all call
``evaluate`` and only differ in where the snapshot comes from and where the result goes.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime

from publiccode_checker.checks import all_checks, load_errors
from publiccode_checker.context import CheckContext
from publiccode_checker.core.model import Check, Finding, Outcome
from publiccode_checker.criteria.profiles import (
    Profile,
    ProfileError,
    default_profile,
    load_profile,
)
from publiccode_checker.evaluation.levels import level_for
from publiccode_checker.evaluation.model import (
    OPEN,
    SATISFIED,
    Conclusion,
    CriterionResult,
    CriterionStatus,
    Evaluation,
    Problem,
    RequirementResult,
    Summary,
    Verdict,
)
from publiccode_checker.evaluation.verdicts import apply_override, decide, derive
from publiccode_checker.evidence import gathered_facts, to_jsonable
from publiccode_checker.repo_config.model import RepoConfig
from publiccode_checker.snapshots import Snapshot

log = logging.getLogger(__name__)

def evaluate(
    snapshot: Snapshot,
    profile_id: str | Profile | None = None,
    *,
    config: RepoConfig | None = None,
    org_config: RepoConfig | None = None,
    today: date | None = None,
    as_of: datetime | None = None,
) -> Evaluation:
    """Evaluate ``snapshot``. The profile comes from the argument, else the config, else sfpc."""
    started = time.perf_counter()
    # The evaluation time: time windows in the history count back from it, and reports state it.
    if as_of is not None:
        evaluated_at = as_of if as_of.tzinfo else as_of.replace(tzinfo=UTC)
    elif today is not None:
        evaluated_at = datetime.combine(today, datetime.min.time(), tzinfo=UTC)
    else:
        evaluated_at = datetime.now(UTC)
    today = today or evaluated_at.date()
    # What every check sees; the configuration in it is the one the engine applies too.
    context = CheckContext.for_snapshot(snapshot, config=config, org_config=org_config,
                                        evaluated_at=evaluated_at)
    config = context.config
    if isinstance(profile_id, Profile):
        profile = profile_id
    else:
        profile = load_profile(profile_id or config.profile or default_profile())
    problems = [Problem.from_config(p) for p in config.problems]
    known = _all_requirement_ids() | {r.id for r in profile.requirements}
    for req_id, override in config.overrides.items():
        if req_id not in known:
            problems.append(Problem(f"unknown requirement {req_id!r}", override.path,
                                    override.line, "config"))
    timings: dict[str, float] = {}

    base = load_profile(profile.base) if profile.base and _is_derived(profile) else None
    needed = {r.id for r in profile.requirements}
    if base is not None:
        needed |= {rid for r in profile.requirements for rid in r.derived_from}
    findings, checks_by_req = _run_checks(context, needed, problems, timings)
    for plugin, error in load_errors.items():
        problems.append(Problem(f"check plugin {plugin} could not be loaded: {error}",
                                kind="check"))

    def decide_all(prof: Profile) -> dict[str, RequirementResult]:
        results: dict[str, RequirementResult] = {}
        for req in prof.requirements:
            if req.derived_from and base is not None and prof is profile:
                continue
            result = decide(req, findings.get(req.id, []), checks_by_req.get(req.id, []))
            result, problem = apply_override(result, config.overrides.get(req.id), today)
            if problem:
                problems.append(_override_problem(problem, config, req.id))
            results[req.id] = result
        return results

    results = decide_all(profile)
    if base is not None:
        base_results = decide_all(base)
        for req in profile.requirements:
            if req.derived_from:
                bases = [base_results[i] for i in req.derived_from if i in base_results]
                result = derive(req, bases) if bases else decide(req, [], [])
                result, problem = apply_override(result, config.overrides.get(req.id), today)
                if problem:
                    problems.append(_override_problem(problem, config, req.id))
                results[req.id] = result
    ordered = tuple(results[r.id] for r in profile.requirements)

    criteria = tuple(
        CriterionResult(c, criterion_status([results[r.id] for r in c.requirements]),
                        tuple(results[r.id] for r in c.requirements))
        for c in profile.criteria
    )
    for message in snapshot.problems:
        path, _, rest = message.partition(": ")
        problems.append(Problem(message, path if rest else None, None, "read"))
    facts = gathered_facts(snapshot)
    facts["repository"] = {
        **to_jsonable(snapshot.facts.gathered()),
        "unknown": snapshot.facts.unknown_fields(),
    }
    summary = summarise(ordered, criteria)
    report_only = bool(config.report_only)
    timings["total"] = (time.perf_counter() - started) * 1000
    return Evaluation(
        profile=profile,
        target=snapshot.label,
        commit=snapshot.commit,
        evaluated_at=evaluated_at,
        requirements=ordered,
        criteria=criteria,
        summary=summary,
        conclusion=conclusion_of(ordered, report_only),
        level=level_for(profile, ordered, criteria, facts),
        facts=facts,
        problems=tuple(problems),
        config_path=config.path,
        report_only=report_only,
        fail_on=config.fail_on,
        timings_ms=timings,
    )


def _is_derived(profile: Profile) -> bool:
    return any(r.derived_from for r in profile.requirements)


def _all_requirement_ids() -> set[str]:
    from publiccode_checker.criteria.profiles import available_profiles

    ids: set[str] = set()
    for profile_id in available_profiles():
        try:
            ids |= {r.id for r in load_profile(profile_id).requirements}
        except ProfileError:  # a broken profile must not stop evaluations against the others
            log.warning("profile %s could not be loaded", profile_id, exc_info=True)
    return ids


def _run_checks(
    context: CheckContext,
    needed: set[str],
    problems: list[Problem],
    timings: dict[str, float],
) -> tuple[dict[str, list[Finding]], dict[str, list[Check]]]:
    findings: dict[str, list[Finding]] = defaultdict(list)
    checks_by_req: dict[str, list[Check]] = defaultdict(list)
    for check in all_checks().values():
        relevant = [r for r in check.requirements if r in needed]
        if not relevant:
            continue
        for req in relevant:
            checks_by_req[req].append(check)
        started = time.perf_counter()
        try:
            produced = check.run(context)
        except Exception as exc:
            # A bug in one check must not cost the user the rest of the report.
            log.exception("check %s failed", check.id)
            problems.append(Problem(f"check {check.id} failed: {exc!r}", kind="check"))
            produced = [
                Finding(r, Outcome.UNKNOWN, f"The {check.id} check failed to run.", (), check.id)
                for r in relevant
            ]
        timings[check.id] = (time.perf_counter() - started) * 1000
        for finding in produced:
            if finding.requirement in needed:
                findings[finding.requirement].append(finding)
    return findings, checks_by_req


def _override_problem(message: str, config: RepoConfig, req_id: str) -> Problem:
    override = config.overrides.get(req_id)
    return Problem(message, override.path if override else config.path,
                   override.line if override else None, "config")


def criterion_status(results: Iterable[RequirementResult]) -> CriterionStatus:
    musts = [r for r in results if r.requirement.is_must]
    if any(r.verdict is Verdict.FAIL for r in musts):
        return CriterionStatus.NOT_MET
    if all(r.verdict in SATISFIED for r in musts):
        return CriterionStatus.MET
    return CriterionStatus.OPEN


def summarise(
    results: tuple[RequirementResult, ...], criteria: tuple[CriterionResult, ...]
) -> Summary:
    counts: dict[str, int] = {v.value: 0 for v in Verdict}
    for r in results:
        counts[r.verdict.value] += 1
    return Summary(
        criteria_met=sum(1 for c in criteria if c.status is CriterionStatus.MET),
        criteria_total=len(criteria),
        must_failing=sum(1 for r in results if r.requirement.is_must and r.verdict is Verdict.FAIL),
        must_open=sum(1 for r in results if r.requirement.is_must and r.verdict in OPEN),
        should_warnings=sum(
            1 for r in results if r.requirement.is_should and r.verdict is Verdict.WARN
        ),
        counts=counts,
    )


def conclusion_of(results: tuple[RequirementResult, ...], report_only: bool) -> Conclusion:
    musts = [r for r in results if r.requirement.is_must]
    if any(r.verdict is Verdict.FAIL for r in musts):
        return Conclusion.NEUTRAL if report_only else Conclusion.FAILURE
    if any(r.verdict in OPEN for r in musts):
        return Conclusion.NEUTRAL
    return Conclusion.SUCCESS


def fails_on(evaluation: Evaluation, threshold: str) -> bool:
    """Whether a CI job should fail: ``must`` (a MUST fails), ``should`` (also SHOULD warnings)."""
    if threshold == "never":
        return False
    if evaluation.summary.must_failing:
        return True
    return threshold == "should" and evaluation.summary.should_warnings > 0

