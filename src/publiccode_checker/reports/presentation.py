"""Wording and symbols shared by every report, so all of them say the same thing the same way."""

from __future__ import annotations

from datetime import UTC

from publiccode_checker.core.model import Check
from publiccode_checker.evaluation.model import (
    Conclusion,
    CriterionStatus,
    Evaluation,
    RequirementResult,
    Verdict,
)
from publiccode_checker.i18n import N_, translate
from publiccode_checker.i18n.content import check_texts

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
    Verdict.PASS: N_("pass"),
    Verdict.FAIL: N_("fail"),
    Verdict.WARN: N_("warning"),
    Verdict.MANUAL: N_("needs a person"),
    Verdict.NOT_APPLICABLE: N_("not applicable"),
    Verdict.EXPLAINED: N_("explained"),
    Verdict.UNKNOWN: N_("unknown"),
    Verdict.INFO: N_("optional"),
    Verdict.OFF: N_("off"),
}
STATUS_LABEL = {
    CriterionStatus.MET: N_("met"),
    CriterionStatus.NOT_MET: N_("not met"),
    CriterionStatus.OPEN: N_("needs a person"),
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


#: Conclusions as words; the English words are the check run's own conclusion values.
CONCLUSION_LABEL = {
    Conclusion.SUCCESS: N_("success"),
    Conclusion.NEUTRAL: N_("neutral"),
    Conclusion.FAILURE: N_("failure"),
}


def title(evaluation: Evaluation, lang: str | None = None) -> str:
    return f"{translate(evaluation.profile.name, lang)} {evaluation.profile.version}"


def needs_action(result: RequirementResult) -> bool:
    return result.verdict in (Verdict.FAIL, Verdict.WARN, Verdict.UNKNOWN)


def why_and_fix(result: RequirementResult, lang: str | None = None) -> list[tuple[str, str]]:
    """(why, how to fix) of each distinct check that decides the requirement."""
    seen: set[str] = set()
    pairs = []
    for check in result.checks:
        if check.id in seen:
            continue
        seen.add(check.id)
        pairs.append(_why_fix(check, lang))
    return pairs


def _why_fix(check: Check, lang: str | None) -> tuple[str, str]:
    _title, why, fix = check_texts(check, lang)
    return why, fix


def short_commit(commit: str | None, lang: str | None = None) -> str:
    return commit[:7] if commit else translate(N_("working tree"), lang)


def evaluation_time(evaluation: Evaluation) -> str:
    """When the evaluation ran, in UTC to the minute: the moment time windows count back from."""
    moment = evaluation.evaluated_at
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M UTC")
