"""Evaluations built from chosen verdicts, for tests, benchmarks and dashboard fixtures.

Criterion status, summary, conclusion and level come from the engine's own rules, so a synthetic
evaluation is stored exactly like a real one with the same verdicts.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from publiccode_checker.core.model import Evidence
from publiccode_checker.criteria.profiles import Profile
from publiccode_checker.evaluation.engine import conclusion_of, criterion_status, summarise
from publiccode_checker.evaluation.levels import level_for
from publiccode_checker.evaluation.model import (
    CriterionResult,
    Evaluation,
    RequirementResult,
    Verdict,
)
from publiccode_checker.repo_config.model import RequirementOverride


def evaluation_from_verdicts(
    profile: Profile,
    verdicts: Mapping[str, str | Verdict],
    *,
    evaluated_at: datetime,
    commit: str | None = None,
    default: str | Verdict = Verdict.PASS,
    messages: Mapping[str, str] | None = None,
    overrides: Mapping[str, RequirementOverride] | None = None,
    facts: dict[str, Any] | None = None,
    target: str = "synthetic",
) -> Evaluation:
    """An evaluation of ``profile`` where each requirement has the verdict given (else
    ``default``); messages default to a sentence naming the verdict."""
    messages = messages or {}
    overrides = overrides or {}
    results = {}
    for req in profile.requirements:
        verdict = Verdict(verdicts.get(req.id, default))
        message = messages.get(req.id, f"The checks found: {verdict.value}.")
        evidence = (Evidence(message, "README.md", 1),) if verdict is not Verdict.MANUAL else ()
        results[req.id] = RequirementResult(
            requirement=req, verdict=verdict, message=message, evidence=evidence,
            observed=verdict.value, override=overrides.get(req.id),
            derived_from=req.derived_from,
        )
    ordered = tuple(results[r.id] for r in profile.requirements)
    criteria = tuple(
        CriterionResult(c, criterion_status([results[r.id] for r in c.requirements]),
                        tuple(results[r.id] for r in c.requirements))
        for c in profile.criteria
    )
    facts = facts or {}
    return Evaluation(
        profile=profile, target=target, commit=commit, evaluated_at=evaluated_at,
        requirements=ordered, criteria=criteria, summary=summarise(ordered, criteria),
        conclusion=conclusion_of(ordered, False),
        level=level_for(profile, ordered, criteria, facts),
        facts=facts,
    )
