"""The terminal report: every requirement grouped by criterion, colour only on a terminal."""

from __future__ import annotations

import textwrap

from publiccode_checker.evaluation.model import Evaluation, RequirementResult, Verdict
from publiccode_checker.i18n import N_, gettext, translate
from publiccode_checker.i18n.content import (
    criterion_title,
    requirement_question,
    requirement_summary,
)
from publiccode_checker.i18n.messages import translate_message
from publiccode_checker.i18n.phrases import level_label, summary_sentence
from publiccode_checker.reports.presentation import (
    CONCLUSION_LABEL,
    STATUS_LABEL,
    VERDICT_LABEL,
    VERDICT_SYMBOL,
    evaluation_time,
    needs_action,
    short_commit,
    title,
    why_and_fix,
)

_COLOURS = {
    Verdict.PASS: "32", Verdict.FAIL: "31", Verdict.WARN: "33", Verdict.MANUAL: "36",
    Verdict.UNKNOWN: "90", Verdict.NOT_APPLICABLE: "90", Verdict.EXPLAINED: "35",
    Verdict.INFO: "34", Verdict.OFF: "90",
}
_WIDTH = 100


def render_text(
    evaluation: Evaluation, *, color: bool = False, verbose: bool = False, lang: str | None = None
) -> str:
    """The report; ``lang`` picks a translation (None or "en": English as written)."""

    def paint(text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if color else text

    def bold(text: str) -> str:
        return paint(text, "1")

    lines = [
        bold(f"publiccode-checker · {title(evaluation, lang)}"),
        gettext("Target: %(target)s (%(commit)s)", lang, target=evaluation.target,
                commit=short_commit(evaluation.commit, lang)),
        # Time windows ("active in the last 90 days") count back from this moment.
        gettext("Evaluated: %(time)s", lang, time=evaluation_time(evaluation)),
    ]
    if evaluation.config_path:
        lines.append(gettext("Configuration: %(path)s", lang, path=evaluation.config_path))
    lines.append("")
    for criterion in evaluation.criteria:
        status = translate(STATUS_LABEL[criterion.status], lang)
        name = criterion_title(criterion.criterion, lang)
        lines.append(bold(f"{name} [{criterion.criterion.code}] — {status}"))
        for result in criterion.requirements:
            lines.extend(_requirement(result, paint, verbose, lang))
        lines.append("")
    if evaluation.problems:
        lines.append(bold(translate(N_("Problems"), lang)))
        for problem in evaluation.problems:
            where = f"{problem.path}:{problem.line}: " if problem.path and problem.line else ""
            lines.append(f"  {where}{translate(problem.message, lang)}")
        lines.append("")
    lines.append(bold(gettext("Summary: %(summary)s", lang, summary=_sentence(evaluation, lang))))
    lines.append(gettext("Level: %(level)s", lang,
                         level=level_label(evaluation.level.label, lang)))
    conclusion = translate(CONCLUSION_LABEL[evaluation.conclusion], lang)
    if evaluation.report_only:
        conclusion += translate(N_(" (report-only mode)"), lang)
    lines.append(gettext("Conclusion: %(conclusion)s", lang, conclusion=conclusion))
    return "\n".join(lines) + "\n"


def _sentence(evaluation: Evaluation, lang: str | None) -> str:
    if not lang or lang == "en":
        return evaluation.summary.sentence()
    summary = evaluation.summary
    return summary_sentence(summary.criteria_met, summary.criteria_total, summary.must_failing,
                            lang)


def _requirement(
    result: RequirementResult, paint, verbose: bool, lang: str | None  # type: ignore[no-untyped-def]
) -> list[str]:
    req = result.requirement
    symbol = paint(VERDICT_SYMBOL[result.verdict], _COLOURS[result.verdict])
    head = f"  {symbol} {req.id:<6} {req.level:<10} {requirement_summary(req, lang)}"
    out = [head]
    if result.verdict is Verdict.PASS and not verbose:
        where = next((e.location() for e in result.evidence if e.location()), None)
        if where:
            out[0] += paint(f"  ({where})", "90")
        return out
    label = paint(translate(VERDICT_LABEL[result.verdict], lang), _COLOURS[result.verdict])
    out.extend(_wrap(f"{label}: {translate_message(result.message, lang)}", 11))
    for evidence in result.evidence[:8]:
        where = evidence.location()
        prefix = f"{where}: " if where else ""
        if evidence.message != result.message or where:
            out.extend(_wrap(f"→ {prefix}{translate_message(evidence.message, lang)}", 11))
    if len(result.evidence) > 8:
        out.append(" " * 11 + gettext("… and %(n)s more", lang, n=len(result.evidence) - 8))
    question = requirement_question(req, lang)
    if result.verdict is Verdict.MANUAL and question:
        out.extend(_wrap(gettext("ask: %(question)s", lang, question=question), 11))
    if needs_action(result) or verbose:
        for why, fix in why_and_fix(result, lang):
            out.extend(_wrap(gettext("why: %(why)s", lang, why=why), 11))
            out.extend(_wrap(gettext("fix: %(fix)s", lang, fix=fix), 11))
    return out


def _wrap(text: str, indent: int) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()), width=_WIDTH, initial_indent=" " * indent,
        subsequent_indent=" " * (indent + 2),
    ) or [" " * indent]
