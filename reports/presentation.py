"""Wording and symbols shared by every report, so all of them say the same thing the same way."""

from __future__ import annotations

from evaluation.model import (
    Conclusion,
    CriterionStatus,
    Evaluation,
    RequirementResult,
    Verdict,
)

VERDICT_SYMBOL = {
    Verdict.PASS: "✔",
    Verdict.FAIL: "✘",
    Verdict.WARN: "!",
    Verdict.MANUAL: "?",
    Verdict.NOT_APPLICABLE: "–",
    Verdict.EXPLAINED: "≈",
    Verdict.UNKNOWN: "·",
    Verdict.INFO: "i",
    Verdict.OFF: " ",
}
VERDICT_EMOJI = {
    Verdict.PASS: "✅",
    Verdict.FAIL: "❌",
    Verdict.WARN: "⚠️",
    Verdict.MANUAL: "❓",
    Verdict.NOT_APPLICABLE: "➖",
    Verdict.EXPLAINED: "📝",
    Verdict.UNKNOWN: "❔",
    Verdict.INFO: "ℹ️",
    Verdict.OFF: "⏸️",
}
VERDICT_LABEL = {
    Verdict.PASS: "pass",
    Verdict.FAIL: "fail",
    Verdict.WARN: "warning",
    Verdict.MANUAL: "needs a person",
    Verdict.NOT_APPLICABLE: "not applicable",
    Verdict.EXPLAINED: "explained",
    Verdict.UNKNOWN: "unknown",
    Verdict.INFO: "optional",
    Verdict.OFF: "off",
}
STATUS_LABEL = {
    CriterionStatus.MET: "met",
    CriterionStatus.NOT_MET: "not met",
    CriterionStatus.OPEN: "needs a person",
}
STATUS_EMOJI = {
    CriterionStatus.MET: "✅",
    CriterionStatus.NOT_MET: "❌",
    CriterionStatus.OPEN: "❓",
}
CONCLUSION_EMOJI = {
    Conclusion.SUCCESS: "✅",
    Conclusion.NEUTRAL: "⚪",
    Conclusion.FAILURE: "❌",
}


def title(evaluation: Evaluation) -> str:
    return f"{evaluation.profile.name} {evaluation.profile.version}"


def needs_action(result: RequirementResult) -> bool:
    return result.verdict in (Verdict.FAIL, Verdict.WARN, Verdict.UNKNOWN)


def why_and_fix(result: RequirementResult) -> list[tuple[str, str]]:
    """(why, how to fix) of each distinct check that decides the requirement."""
    seen: set[str] = set()
    pairs = []
    for check in result.checks:
        if check.id in seen:
            continue
        seen.add(check.id)
        pairs.append((check.why, check.how_to_fix))
    return pairs


def short_commit(commit: str | None) -> str:
    return commit[:7] if commit else "working tree"
