"""File-and-line annotations from an evaluation, shared by SARIF and GitHub check runs."""

from __future__ import annotations

from dataclasses import dataclass

from publiccode_checker.evaluation.model import Evaluation, Verdict

#: GitHub's annotation levels, by verdict.
_LEVEL = {Verdict.FAIL: "failure", Verdict.WARN: "warning", Verdict.UNKNOWN: "notice",
          Verdict.MANUAL: "notice"}


@dataclass(frozen=True)
class Annotation:
    path: str
    start_line: int
    end_line: int
    level: str  # "failure" | "warning" | "notice"
    title: str
    message: str
    requirement: str | None


def annotations(evaluation: Evaluation) -> list[Annotation]:
    """One annotation per piece of located evidence of a requirement that needs attention.

    Failures come first so that, when a platform caps the number of annotations, the ones that
    matter most survive.
    """
    found: list[Annotation] = []
    seen: set[tuple[str, int, str]] = set()
    for result in evaluation.requirements:
        level = _LEVEL.get(result.verdict)
        if level is None:
            continue
        for evidence in result.evidence:
            if not evidence.path:
                continue
            line = evidence.line or 1
            key = (evidence.path, line, result.id)
            if key in seen:
                continue
            seen.add(key)
            found.append(Annotation(
                path=evidence.path,
                start_line=line,
                end_line=max(line, evidence.end_line or line),
                level=level,
                title=f"{result.id} {result.requirement.summary}"[:255],
                message=f"{result.message}\n{evidence.message}".strip(),
                requirement=result.id,
            ))
    for problem in evaluation.problems:
        if problem.path and problem.kind == "config":
            found.append(Annotation(problem.path, problem.line or 1, problem.line or 1,
                                    "failure", "Invalid publiccode-checker configuration",
                                    problem.message, None))
    order = {"failure": 0, "warning": 1, "notice": 2}
    return sorted(found, key=lambda a: order[a.level])
