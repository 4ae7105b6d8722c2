"""The Markdown report: what a check run summary and a tracking issue show.

Requirements that need action come first, with evidence, why and how to fix; passing ones are
folded away. Markdown from repositories is never echoed raw: evidence text is escaped so that a
hostile file cannot inject links, mentions or HTML into our comments.
"""

from __future__ import annotations

import re

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
    CONCLUSION_EMOJI,
    STATUS_EMOJI,
    STATUS_LABEL,
    VERDICT_EMOJI,
    VERDICT_LABEL,
    evaluation_time,
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
    lang: str | None = None,
) -> str:
    """The report; ``lang`` picks a translation (None or "en": English as written)."""
    h = "#" * heading_level
    conclusion = evaluation.conclusion
    lines = [
        f"{h} {CONCLUSION_EMOJI[conclusion]} {title(evaluation, lang)}: "
        f"{_sentence(evaluation, lang)}",
        "",
        gettext("**Level:** %(level)s · **Commit:** `%(commit)s`", lang,
                level=level_label(evaluation.level.label, lang),
                commit=short_commit(evaluation.commit, lang))
        + gettext(" · **Evaluated:** %(time)s", lang, time=evaluation_time(evaluation))
        + (translate(N_(" · report-only mode"), lang) if evaluation.report_only else ""),
        "",
    ]
    lines += _criteria_table(evaluation, lang)
    groups = [
        (N_("Failing requirements"),
         [r for r in evaluation.requirements if r.verdict is Verdict.FAIL]),
        (N_("Warnings"), [r for r in evaluation.requirements if r.verdict is Verdict.WARN]),
        (N_("Could not be decided"), [r for r in evaluation.requirements
                                      if r.verdict is Verdict.UNKNOWN]),
    ]
    for heading, results in groups:
        if results:
            lines += ["", f"{h}# {translate(heading, lang)} ({len(results)})", ""]
            for result in results:
                lines += requirement_block(result, lang)
    questions = [r for r in evaluation.requirements if r.verdict is Verdict.MANUAL]
    if questions:
        lines += ["", f"{h}# {translate(N_('Questions for people'), lang)} ({len(questions)})",
                  ""]
        lines += question_list(questions, lang)
    declared = [r for r in evaluation.requirements
                if r.verdict in (Verdict.NOT_APPLICABLE, Verdict.EXPLAINED, Verdict.OFF)]
    if declared:
        heading = translate(N_("Declared by the repository"), lang)
        lines += ["", f"{h}# {heading} ({len(declared)})", ""]
        for result in declared:
            lines.append(f"- {VERDICT_EMOJI[result.verdict]} **{result.id}** "
                         f"{escape(requirement_summary(result.requirement, lang))}: "
                         f"{escape(translate_message(result.message, lang))}")
    if evaluation.problems:
        lines += ["", f"{h}# {translate(N_('Problems'), lang)}", ""]
        for problem in evaluation.problems:
            where = f"`{problem.path}:{problem.line}` " if problem.path and problem.line else ""
            lines.append(f"- {where}{escape(translate(problem.message, lang))}")
    if include_passing:
        passing = [r for r in evaluation.requirements if r.verdict in (Verdict.PASS, Verdict.INFO)]
        if passing:
            summary = gettext("Passing and optional (%(n)s)", lang, n=len(passing))
            lines += ["", f"<details><summary>{summary}</summary>", ""]
            for result in passing:
                where = next((e.location() for e in result.evidence if e.location()), None)
                suffix = f" (`{where}`)" if where else ""
                lines.append(f"- {VERDICT_EMOJI[result.verdict]} **{result.id}** "
                             f"{escape(requirement_summary(result.requirement, lang))}{suffix}")
            lines += ["", "</details>"]
    lines.append("")
    if details_url:
        lines.append(gettext("[Full report and history](%(url)s) · ", lang, url=details_url))
    lines.append(translate(N_(
        "Declare exceptions or answer questions in `.github/publiccode-checker.yml` "
        "(comply or explain)."
    ), lang))
    return "\n".join(lines) + "\n"


def _sentence(evaluation: Evaluation, lang: str | None) -> str:
    if not lang or lang == "en":
        return evaluation.summary.sentence()
    summary = evaluation.summary
    return summary_sentence(summary.criteria_met, summary.criteria_total, summary.must_failing,
                            lang)


def _criteria_table(evaluation: Evaluation, lang: str | None = None) -> list[str]:
    header = gettext("| Criterion | Status | MUST | SHOULD |", lang)
    lines = [header, "| --- | --- | --- | --- |"]
    for criterion in evaluation.criteria:
        musts = [r for r in criterion.requirements if r.requirement.is_must]
        shoulds = [r for r in criterion.requirements if r.requirement.is_should]
        ok_must = sum(1 for r in musts if r.verdict in (Verdict.PASS, Verdict.NOT_APPLICABLE,
                                                         Verdict.EXPLAINED, Verdict.OFF))
        ok_should = sum(1 for r in shoulds if r.verdict in (Verdict.PASS, Verdict.NOT_APPLICABLE,
                                                             Verdict.EXPLAINED, Verdict.OFF))
        link = criterion.criterion.link
        text = criterion_title(criterion.criterion, lang)
        name = f"[{text}]({link})" if link else text
        status = translate(STATUS_LABEL[criterion.status], lang)
        lines.append(
            f"| {name} | {STATUS_EMOJI[criterion.status]} {status} "
            f"| {ok_must}/{len(musts)} | {ok_should}/{len(shoulds)} |"
        )
    return lines


def requirement_block(result: RequirementResult, lang: str | None = None) -> list[str]:
    req = result.requirement
    link = gettext(" ([standard](%(link)s))", lang, link=req.link) if req.link else ""
    verdict = translate(VERDICT_LABEL[result.verdict], lang)
    lines = [
        f"{VERDICT_EMOJI[result.verdict]} **{req.id}** · {req.level} · "
        f"{escape(requirement_summary(req, lang))}{link}",
        "",
        f"{verdict.capitalize()}: {escape(translate_message(result.message, lang))}",
    ]
    for evidence in result.evidence[:10]:
        where = f"`{evidence.location()}` " if evidence.location() else ""
        if where or evidence.message != result.message:
            lines.append(f"- {where}{escape(translate_message(evidence.message, lang))}")
    if len(result.evidence) > 10:
        lines.append("- " + gettext("… and %(n)s more", lang, n=len(result.evidence) - 10))
    for why, fix in why_and_fix(result, lang):
        lines += ["", gettext("*Why:* %(why)s", lang, why=why), "",
                  gettext("*How to fix:* %(fix)s", lang, fix=fix)]
    lines.append("")
    return lines


def question_list(results: list[RequirementResult], lang: str | None = None) -> list[str]:
    lines = []
    for result in results:
        req = result.requirement
        question = requirement_question(req, lang) or requirement_summary(req, lang)
        lines.append(f"- [ ] **{req.id}** ({req.level}) {escape(question)}")
        hints = [e for e in result.evidence if e.message][:3]
        for evidence in hints:
            where = f"`{evidence.location()}` " if evidence.location() else ""
            lines.append(f"  - {where}{escape(translate_message(evidence.message, lang))}")
    return lines
