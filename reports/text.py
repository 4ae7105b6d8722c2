"""The terminal report: every requirement grouped by criterion, colour only on a terminal."""

from __future__ import annotations

import textwrap

from evaluation.model import Evaluation, RequirementResult, Verdict
from reports.presentation import (
    STATUS_LABEL,
    VERDICT_LABEL,
    VERDICT_SYMBOL,
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


def render_text(evaluation: Evaluation, *, color: bool = False, verbose: bool = False) -> str:
    def paint(text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if color else text

    def bold(text: str) -> str:
        return paint(text, "1")

    lines = [
        bold(f"publiccode-checker · {title(evaluation)}"),
        f"Target: {evaluation.target} ({short_commit(evaluation.commit)})",
    ]
    if evaluation.config_path:
        lines.append(f"Configuration: {evaluation.config_path}")
    lines.append("")
    for criterion in evaluation.criteria:
        status = STATUS_LABEL[criterion.status]
        lines.append(bold(f"{criterion.criterion.title} [{criterion.criterion.code}] — {status}"))
        for result in criterion.requirements:
            lines.extend(_requirement(result, paint, verbose))
        lines.append("")
    if evaluation.problems:
        lines.append(bold("Problems"))
        for problem in evaluation.problems:
            where = f"{problem.path}:{problem.line}: " if problem.path and problem.line else ""
            lines.append(f"  {where}{problem.message}")
        lines.append("")
    lines.append(bold(f"Summary: {evaluation.summary.sentence()}"))
    lines.append(f"Level: {evaluation.level.label}")
    conclusion = evaluation.conclusion.value
    if evaluation.report_only:
        conclusion += " (report-only mode)"
    lines.append(f"Conclusion: {conclusion}")
    return "\n".join(lines) + "\n"


def _requirement(result: RequirementResult, paint, verbose: bool) -> list[str]:
    req = result.requirement
    symbol = paint(VERDICT_SYMBOL[result.verdict], _COLOURS[result.verdict])
    head = f"  {symbol} {req.id:<6} {req.level:<10} {req.summary}"
    out = [head]
    if result.verdict is Verdict.PASS and not verbose:
        where = next((e.location() for e in result.evidence if e.location()), None)
        if where:
            out[0] += paint(f"  ({where})", "90")
        return out
    label = paint(VERDICT_LABEL[result.verdict], _COLOURS[result.verdict])
    out.extend(_wrap(f"{label}: {result.message}", 11))
    for evidence in result.evidence[:8]:
        where = evidence.location()
        prefix = f"{where}: " if where else ""
        if evidence.message != result.message or where:
            out.extend(_wrap(f"→ {prefix}{evidence.message}", 11))
    if len(result.evidence) > 8:
        out.append(" " * 11 + f"… and {len(result.evidence) - 8} more")
    if result.verdict is Verdict.MANUAL and req.question:
        out.extend(_wrap(f"ask: {req.question}", 11))
    if needs_action(result) or verbose:
        for why, fix in why_and_fix(result):
            out.extend(_wrap(f"why: {why}", 11))
            out.extend(_wrap(f"fix: {fix}", 11))
    return out


def _wrap(text: str, indent: int) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()), width=_WIDTH, initial_indent=" " * indent,
        subsequent_indent=" " * (indent + 2),
    ) or [" " * indent]
