"""How findings become a verdict, and how declarations (comply or explain) change it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from publiccode_checker.core.model import Check, Evidence, Finding, Outcome, Strength
from publiccode_checker.criteria.profiles import Requirement
from publiccode_checker.evaluation.model import RequirementResult, Verdict
from publiccode_checker.repo_config.model import RequirementOverride

#: The least favourable outcome decides: one failing check is enough to fail a requirement.
_SEVERITY = [
    Outcome.FAIL, Outcome.WARN, Outcome.UNKNOWN, Outcome.MANUAL, Outcome.NOT_APPLICABLE,
    Outcome.PASS,
]
_VERDICT_OF = {
    Outcome.PASS: Verdict.PASS,
    Outcome.FAIL: Verdict.FAIL,
    Outcome.WARN: Verdict.WARN,
    Outcome.MANUAL: Verdict.MANUAL,
    Outcome.UNKNOWN: Verdict.UNKNOWN,
    Outcome.NOT_APPLICABLE: Verdict.NOT_APPLICABLE,
}


#: What the engine says when weak evidence would have decided a MUST (see ``Strength``).
WEAK_MUST = "A person must confirm this: the evidence is weak. Possibly: {0}"


def decide(
    requirement: Requirement, findings: Sequence[Finding], checks: Sequence[Check]
) -> RequirementResult:
    strength: Strength | None = None
    voting = [f for f in findings if f.outcome is not Outcome.INFO]
    if voting:
        decisive = min(voting, key=lambda f: _SEVERITY.index(f.outcome))
        observed = decisive.outcome
        verdict = _VERDICT_OF[observed]
        message = decisive.message
        strength = decisive.strength
        ordered = [decisive, *[f for f in findings if f is not decisive]]
        if (requirement.is_must and observed in (Outcome.PASS, Outcome.FAIL)
                and strength in (Strength.WEAK, None)):
            # The precision rule: a keyword or a passing mention never turns a MUST green or
            # red. A person decides, shown what the check found.
            verdict = Verdict.MANUAL
            message = WEAK_MUST.format(message)
    elif requirement.question:
        observed, verdict = Outcome.MANUAL, Verdict.MANUAL
        message = findings[0].message if findings else "A person needs to answer this."
        ordered = list(findings)
    else:
        observed, verdict = Outcome.UNKNOWN, Verdict.UNKNOWN
        message = findings[0].message if findings else "No check could decide this requirement."
        ordered = list(findings)
        if findings and requirement.is_optional:
            observed = Outcome.INFO
    if requirement.is_should and verdict is Verdict.FAIL:
        verdict = Verdict.WARN
    if requirement.is_optional:
        verdict = Verdict.INFO
    evidence: list[Evidence] = []
    for finding in ordered:
        evidence.extend(finding.evidence)
    return RequirementResult(
        requirement=requirement,
        verdict=verdict,
        message=message,
        evidence=tuple(evidence),
        findings=tuple(ordered),
        checks=tuple(checks),
        observed=observed.value,
        strength=strength.value if strength is not None else None,
    )


def apply_override(
    result: RequirementResult, override: RequirementOverride | None, today: date
) -> tuple[RequirementResult, str | None]:
    """Apply a repository's declaration. Returns the result and a problem to report, if any."""
    if override is None:
        return result, None
    req = result.requirement
    if override.expired(today):
        return result, f"{req.id}: the declaration expired on {override.expires}; it is ignored"
    if override.status == "off":
        return _with(result, Verdict.OFF, "Switched off by configuration.", override), None
    if override.status == "not_applicable":
        note = _declared("Declared not applicable", override)
        return _with(result, Verdict.NOT_APPLICABLE, note, override), None
    if override.status == "explained":
        if result.verdict in (Verdict.PASS, Verdict.INFO):
            return _replace_override(result, override), None
        if result.verdict is Verdict.FAIL and req.automation == "decisive":
            # An explanation is recorded but cannot hide a hard, machine-verified failure.
            note = _declared("Explained", override)
            return _replace_override(result, override, extra=note), None
        return _with(result, Verdict.EXPLAINED, _declared("Explained", override), override), None
    if override.answer is not None:
        return _answered(result, override), None
    return _replace_override(result, override), None


def _declared(prefix: str, override: RequirementOverride) -> str:
    parts = [f"{prefix}: {override.reason}"]
    if override.approver:
        parts.append(f"approved by {override.approver}")
    if override.expires:
        parts.append(f"until {override.expires.isoformat()}")
    return "; ".join(parts)


def _answered(result: RequirementResult, override: RequirementOverride) -> RequirementResult:
    who = f" by {override.answered_by}" if override.answered_by else ""
    when = f" on {override.answered_on.isoformat()}" if override.answered_on else ""
    note = f": {override.note}" if override.note else ""
    if result.verdict not in (Verdict.MANUAL, Verdict.WARN, Verdict.UNKNOWN):
        # Machines decided; the answer stays on record as context.
        return _replace_override(result, override, extra=f"Answered {override.answer}{who}{when}")
    verdict = {
        "yes": Verdict.PASS,
        "no": Verdict.WARN if not result.requirement.is_must else Verdict.FAIL,
        "not_applicable": Verdict.NOT_APPLICABLE,
    }[override.answer or "yes"]
    if result.requirement.is_optional:
        verdict = Verdict.INFO
    message = f"Answered {override.answer}{who}{when}{note}"
    return _with(result, verdict, message, override)


def _with(
    result: RequirementResult, verdict: Verdict, message: str, override: RequirementOverride
) -> RequirementResult:
    evidence = (Evidence(message, override.path, override.line), *result.evidence)
    return RequirementResult(
        requirement=result.requirement, verdict=verdict, message=message, evidence=evidence,
        findings=result.findings, checks=result.checks, observed=result.observed,
        override=override, derived_from=result.derived_from,
    )


def _replace_override(
    result: RequirementResult, override: RequirementOverride, extra: str | None = None
) -> RequirementResult:
    evidence = result.evidence
    if extra:
        evidence = (*evidence, Evidence(extra, override.path, override.line))
    return RequirementResult(
        requirement=result.requirement, verdict=result.verdict, message=result.message,
        evidence=evidence, findings=result.findings, checks=result.checks,
        observed=result.observed, override=override, derived_from=result.derived_from,
    )


#: For derived requirements: a base verdict that fails makes the derived one fail, and so on.
_DERIVED_ORDER = [
    Verdict.FAIL, Verdict.WARN, Verdict.UNKNOWN, Verdict.MANUAL, Verdict.EXPLAINED,
    Verdict.NOT_APPLICABLE, Verdict.PASS, Verdict.OFF, Verdict.INFO,
]


def derive(requirement: Requirement, bases: Sequence[RequirementResult]) -> RequirementResult:
    """Decide a requirement of a derived profile (OS2) from the Standard's verdicts it maps to."""
    worst = min(bases, key=lambda r: _DERIVED_ORDER.index(r.verdict))
    verdict = worst.verdict
    if verdict in (Verdict.OFF, Verdict.INFO, Verdict.EXPLAINED):
        verdict = Verdict.PASS if verdict is not Verdict.EXPLAINED else Verdict.EXPLAINED
    if requirement.is_should and verdict is Verdict.FAIL:
        verdict = Verdict.WARN
    evidence = tuple(
        Evidence(f"{base.id} ({base.requirement.summary}): {base.verdict.value} — {base.message}")
        for base in bases
    )
    for base in bases:
        evidence += tuple(e for e in base.evidence if e.path)
    return RequirementResult(
        requirement=requirement,
        verdict=verdict,
        message=f"From {', '.join(b.id for b in bases)}: {worst.message}",
        evidence=evidence,
        findings=tuple(f for b in bases for f in b.findings),
        checks=tuple(c for b in bases for c in b.checks),
        observed=worst.observed,
        strength=worst.strength,
        derived_from=tuple(b.id for b in bases),
    )
