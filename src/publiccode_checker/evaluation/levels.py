"""Where a codebase stands, computed from its verdicts by the rule its profile names.

The rules (``maturity.rule`` in a profile file) are listed in ``criteria.profiles.MATURITY_RULES``;
each has one function here. History follows the same rules over time (``store.history.maturity``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from publiccode_checker.criteria.profiles import Profile
from publiccode_checker.evaluation.model import (
    SATISFIED,
    CriterionResult,
    CriterionStatus,
    Level,
    RequirementResult,
    Verdict,
)


def level_for(
    profile: Profile,
    requirements: Sequence[RequirementResult],
    criteria: Sequence[CriterionResult],
    facts: dict,
) -> Level:
    """The level of an evaluation against ``profile``."""
    return RULES[profile.maturity.rule](profile, requirements, criteria, facts)


def _criteria_count(
    profile: Profile, requirements: Sequence[RequirementResult],
    criteria: Sequence[CriterionResult], facts: dict,
) -> Level:
    met = sum(1 for c in criteria if c.status is CriterionStatus.MET)
    all_must = all(r.verdict in SATISFIED for r in requirements if r.requirement.is_must)
    label = f"{met}/{len(criteria)} criteria met"
    if all_must:
        label += ", all MUST requirements met"
    return Level(label, met, {"criteria_met": met, "criteria_total": len(criteria),
                              "all_must_met": all_must})


def _ladder(
    profile: Profile, requirements: Sequence[RequirementResult],
    criteria: Sequence[CriterionResult], facts: dict,
) -> Level:
    """The highest level whose requirements, and those of every level below it, are all met.

    Levels are cumulative: on OS2's ladder a level-2 product meets sandbox, level 1 and level 2.
    """
    levels = profile.levels
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


def _declared_status(
    profile: Profile, requirements: Sequence[RequirementResult],
    criteria: Sequence[CriterionResult], facts: dict,
) -> Level:
    """The status the repository declares, and whether the consistency requirement agrees."""
    rule = profile.maturity
    fact, _, key = (rule.status_fact or "").partition(".")
    declared = (facts.get(fact) or {}).get(key)
    consistent = None
    for result in requirements:
        if result.id == rule.consistency_requirement:
            consistent = result.verdict in (Verdict.PASS, Verdict.NOT_APPLICABLE)
    if not declared:
        return Level("no developmentStatus declared", None, {"consistent": consistent})
    label = f"{declared} (declared)"
    if consistent is False:
        label += ", not supported by the evidence"
    return Level(label, declared, {"declared": declared, "consistent": consistent})


RULES: dict[str, Callable[..., Level]] = {
    "criteria": _criteria_count,
    "ladder": _ladder,
    "declared_status": _declared_status,
}
