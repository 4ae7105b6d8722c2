"""The check run's output: title, Markdown summary, annotations in batches, and the fix guide.

GitHub caps ``summary`` and ``text`` at 65,535 characters and takes at most 50 annotations per
request; longer reports are cut at a line with a note saying so.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from publiccode_checker.evaluation.model import Evaluation, Verdict
from publiccode_checker.publishing.comparison import Comparison, comparison_markdown
from publiccode_checker.reports.annotations import Annotation, annotations
from publiccode_checker.reports.markdown import question_list, render_markdown, requirement_block
from publiccode_checker.reports.presentation import title as report_title

CHECK_NAME = "Standard for Public Code"
MAX_OUTPUT_CHARS = 65_535
ANNOTATIONS_PER_REQUEST = 50
#: Each batch is one write request, and writes are paced: more would slow feedback down.
MAX_ANNOTATIONS = 150
MAX_ANNOTATION_MESSAGE = 60_000
ACTIONS = [
    {"label": "Re-check", "description": "Run the compliance check again",
     "identifier": "recheck"},
    {"label": "How to fix", "description": "Show how to fix what needs work",
     "identifier": "how_to_fix"},
]


def cut(text: str, limit: int = MAX_OUTPUT_CHARS, details_url: str | None = None) -> str:
    """``text`` if it fits, else its first lines and a note that the rest was cut."""
    if len(text) <= limit:
        return text
    where = f" The full report is at {details_url}." if details_url else ""
    note = (f"\n\n---\n*This report was cut to fit GitHub's limit of {limit:,} characters.{where}*"
            "\n")
    head = text[: limit - len(note)]
    if "\n" in head:
        head = head[: head.rfind("\n")]
    return head + note


def summary(evaluation: Evaluation, comparison: Comparison | None,
            details_url: str | None, dropped_annotations: int = 0) -> str:
    lines: list[str] = []
    if comparison is not None:
        lines += comparison_markdown(comparison)
    report = render_markdown(evaluation, details_url=details_url, heading_level=2)
    text = "\n".join(lines) + ("\n" if lines else "") + report
    if dropped_annotations:
        text += (f"\n*{dropped_annotations} more annotations are not shown on the files; "
                 "they are all listed above.*\n")
    return cut(text, details_url=details_url)


def check_title(evaluation: Evaluation) -> str:
    return f"{report_title(evaluation)}: {evaluation.summary.sentence()}"[:255]


def annotation_payloads(
    evaluation: Evaluation, known_paths: Collection[str] | None = None
) -> tuple[list[dict[str, Any]], int]:
    """The annotations to send (failures first) and how many were left out.

    With ``known_paths``, annotations on files outside the commit (such as the organisation's
    configuration) are left to the summary, which lists every problem anyway.
    """
    found = annotations(evaluation)
    if known_paths is not None:
        found = [a for a in found if a.path in known_paths]
    kept = found[:MAX_ANNOTATIONS]
    return [_payload(a) for a in kept], len(found) - len(kept)


def batches(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [items[i:i + ANNOTATIONS_PER_REQUEST]
            for i in range(0, len(items), ANNOTATIONS_PER_REQUEST)]


def _payload(annotation: Annotation) -> dict[str, Any]:
    return {
        "path": annotation.path,
        "start_line": annotation.start_line,
        "end_line": annotation.end_line,
        "annotation_level": annotation.level,
        "title": annotation.title[:255],
        "message": annotation.message[:MAX_ANNOTATION_MESSAGE] or annotation.title,
    }


def fix_guide(evaluation: Evaluation, details_url: str | None) -> str:
    """Everything that needs work, with why and how to fix, for the "How to fix" button."""
    lines = ["## How to fix", ""]
    needing = [r for r in evaluation.requirements
               if r.verdict in (Verdict.FAIL, Verdict.WARN, Verdict.UNKNOWN)]
    if not needing:
        lines += ["Nothing fails and nothing has a warning. 🎉", ""]
    for result in needing:
        lines += requirement_block(result)
    questions = [r for r in evaluation.requirements if r.verdict is Verdict.MANUAL]
    if questions:
        lines += ["### Questions for people", "",
                  "Answer these in `.github/publiccode-checker.yml` (`answer: yes`, with `by` "
                  "and `date`).", ""]
        lines += question_list(questions)
    return cut("\n".join(lines) + "\n", details_url=details_url)
