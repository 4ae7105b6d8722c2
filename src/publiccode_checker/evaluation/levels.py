"""Each profile's own ladder: where a codebase stands, computed from its verdicts."""

from __future__ import annotations

from collections.abc import Sequence

from publiccode_checker.evaluation.model import (
    SATISFIED,
    CriterionResult,
    CriterionStatus,
    Level,
    RequirementResult,
    Verdict,
)


def level_for(
    profile_id: str,
    levels: Sequence[str],
    requirements: Sequence[RequirementResult],
    criteria: Sequence[CriterionResult],
    facts: dict,
) -> Level:
    if profile_id == "os2":
        return _ladder(levels, requirements)
    if profile_id == "publiccode":
        return _declared_status(requirements, facts)
    return _criteria_count(requirements, criteria)


def _criteria_count(
    requirements: Sequence[RequirementResult], criteria: Sequence[CriterionResult]
) -> Level:
    met = sum(1 for c in criteria if c.status is CriterionStatus.MET)
    all_must = all(r.verdict in SATISFIED for r in requirements if r.requirement.is_must)
    label = f"{met}/{len(criteria)} criteria met"
    if all_must:
        label += ", all MUST requirements met"
    return Level(label, met, {"criteria_met": met, "criteria_total": len(criteria),
                              "all_must_met": all_must})


def _ladder(levels: Sequence[str], requirements: Sequence[RequirementResult]) -> Level:
    """The highest level whose requirements, and those of every level below it, are all met.

    OS2 levels are cumulative: a level-2 product meets sandbox, level 1 and level 2.
    """
    reached: str | None = None
    blocking: dict[str, list[str]] = {}
    for level in levels:
        todo = [
            r.id for r in requirements
            if r.requirement.profile_level == level
            and r.requirement.is_must
            and r.verdict not in SATISFIED
        ]
        blocking[level] = todo
        if todo:
            break
        reached = level
    next_level = None
    if reached is None and levels:
        next_level = levels[0]
    elif reached is not None and levels.index(reached) + 1 < len(levels):
        next_level = levels[levels.index(reached) + 1]
    label = reached or "below the first level"
    return Level(label, reached, {
        "levels": list(levels),
        "next": next_level,
        "missing_for_next": blocking.get(next_level, []) if next_level else [],
    })


def _declared_status(requirements: Sequence[RequirementResult], facts: dict) -> Level:
    publiccode = facts.get("publiccode_yml") or {}
    declared = publiccode.get("development_status")
    consistent = None
    for result in requirements:
        if result.id == "PC-3":
            consistent = result.verdict in (Verdict.PASS, Verdict.NOT_APPLICABLE)
    if not declared:
        return Level("no developmentStatus declared", None, {"consistent": consistent})
    label = f"{declared} (declared)"
    if consistent is False:
        label += ", not supported by the evidence"
    return Level(label, declared, {"declared": declared, "consistent": consistent})
