"""The Markdown report: what a check run summary and a tracking issue show.

Requirements that need action come first, with evidence, why and how to fix; passing ones are
folded away. Markdown from repositories is never echoed raw: evidence text is escaped so that a
hostile file cannot inject links, mentions or HTML into our comments.
"""

from __future__ import annotations

import re

from evaluation.model import Evaluation, RequirementResult, Verdict
from reports.presentation import (
    CONCLUSION_EMOJI,
    STATUS_EMOJI,
    STATUS_LABEL,
    VERDICT_EMOJI,
    VERDICT_LABEL,
    short_commit,
    title,
    why_and_fix,
)

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_MENTION = re.compile(r"@(?=\w)")


def escape(text: str) -> str:
    """Escape Markdown and neutralise @mentions in text that came from a repository."""
    text = " ".join(text.split())
    text = _SPECIAL.sub(r"\\\1", text)
    return _MENTION.sub("@\u200b", text)


def render_markdown(
    evaluation: Evaluation,
    *,
    details_url: str | None = None,
    heading_level: int = 2,
    include_passing: bool = True,
) -> str:
    h = "#" * heading_level
    conclusion = evaluation.conclusion
    lines = [
        f"{h} {CONCLUSION_EMOJI[conclusion]} {title(evaluation)}: {evaluation.summary.sentence()}",
        "",
        f"**Level:** {evaluation.level.label} · **Commit:** `{short_commit(evaluation.commit)}`"
        + (" · report-only mode" if evaluation.report_only else ""),
        "",
    ]
    lines += _criteria_table(evaluation)
    groups = [
        ("Failing requirements", [r for r in evaluation.requirements if r.verdict is Verdict.FAIL]),
        ("Warnings", [r for r in evaluation.requirements if r.verdict is Verdict.WARN]),
        ("Could not be decided", [r for r in evaluation.requirements
                                  if r.verdict is Verdict.UNKNOWN]),
    ]
    for heading, results in groups:
        if results:
            lines += ["", f"{h}# {heading} ({len(results)})", ""]
            for result in results:
                lines += requirement_block(result)
    questions = [r for r in evaluation.requirements if r.verdict is Verdict.MANUAL]
    if questions:
        lines += ["", f"{h}# Questions for people ({len(questions)})", ""]
        lines += question_list(questions)
    declared = [r for r in evaluation.requirements
                if r.verdict in (Verdict.NOT_APPLICABLE, Verdict.EXPLAINED, Verdict.OFF)]
    if declared:
        lines += ["", f"{h}# Declared by the repository ({len(declared)})", ""]
        for result in declared:
            lines.append(f"- {VERDICT_EMOJI[result.verdict]} **{result.id}** "
                         f"{escape(result.requirement.summary)}: {escape(result.message)}")
    if evaluation.problems:
        lines += ["", f"{h}# Problems", ""]
        for problem in evaluation.problems:
            where = f"`{problem.path}:{problem.line}` " if problem.path and problem.line else ""
            lines.append(f"- {where}{escape(problem.message)}")
    if include_passing:
        passing = [r for r in evaluation.requirements if r.verdict in (Verdict.PASS, Verdict.INFO)]
        if passing:
            lines += ["", f"<details><summary>Passing and optional ({len(passing)})</summary>", ""]
            for result in passing:
                where = next((e.location() for e in result.evidence if e.location()), None)
                suffix = f" (`{where}`)" if where else ""
                lines.append(f"- {VERDICT_EMOJI[result.verdict]} **{result.id}** "
                             f"{escape(result.requirement.summary)}{suffix}")
            lines += ["", "</details>"]
    lines.append("")
    if details_url:
        lines.append(f"[Full report and history]({details_url}) · ")
    lines.append(
        "Declare exceptions or answer questions in `.github/publiccode-checker.yml` "
        "(comply or explain)."
    )
    return "\n".join(lines) + "\n"


def _criteria_table(evaluation: Evaluation) -> list[str]:
    lines = ["| Criterion | Status | MUST | SHOULD |", "| --- | --- | --- | --- |"]
    for criterion in evaluation.criteria:
        musts = [r for r in criterion.requirements if r.requirement.is_must]
        shoulds = [r for r in criterion.requirements if r.requirement.is_should]
        ok_must = sum(1 for r in musts if r.verdict in (Verdict.PASS, Verdict.NOT_APPLICABLE,
                                                         Verdict.EXPLAINED, Verdict.OFF))
        ok_should = sum(1 for r in shoulds if r.verdict in (Verdict.PASS, Verdict.NOT_APPLICABLE,
                                                             Verdict.EXPLAINED, Verdict.OFF))
        link = criterion.criterion.link
        name = f"[{criterion.criterion.title}]({link})" if link else criterion.criterion.title
        lines.append(
            f"| {name} | {STATUS_EMOJI[criterion.status]} {STATUS_LABEL[criterion.status]} "
            f"| {ok_must}/{len(musts)} | {ok_should}/{len(shoulds)} |"
        )
    return lines


def requirement_block(result: RequirementResult) -> list[str]:
    req = result.requirement
    link = f" ([standard]({req.link}))" if req.link else ""
    lines = [
        f"{VERDICT_EMOJI[result.verdict]} **{req.id}** · {req.level} · "
        f"{escape(req.summary)}{link}",
        "",
        f"{VERDICT_LABEL[result.verdict].capitalize()}: {escape(result.message)}",
    ]
    for evidence in result.evidence[:10]:
        where = f"`{evidence.location()}` " if evidence.location() else ""
        if where or evidence.message != result.message:
            lines.append(f"- {where}{escape(evidence.message)}")
    if len(result.evidence) > 10:
        lines.append(f"- … and {len(result.evidence) - 10} more")
    for why, fix in why_and_fix(result):
        lines += ["", f"*Why:* {why}", "", f"*How to fix:* {fix}"]
    lines.append("")
    return lines


def question_list(results: list[RequirementResult]) -> list[str]:
    lines = []
    for result in results:
        req = result.requirement
        question = req.question or req.summary
        lines.append(f"- [ ] **{req.id}** ({req.level}) {escape(question)}")
        hints = [e for e in result.evidence if e.message][:3]
        for evidence in hints:
            where = f"`{evidence.location()}` " if evidence.location() else ""
            lines.append(f"  - {where}{escape(evidence.message)}")
    return lines
