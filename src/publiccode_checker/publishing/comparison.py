"""What a pull request changes: requirements newly met, newly failing, and unchanged."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from publiccode_checker.evaluation.model import SATISFIED, Evaluation, Verdict
from publiccode_checker.reports.markdown import escape
from publiccode_checker.reports.presentation import VERDICT_EMOJI, VERDICT_LABEL


@dataclass(frozen=True)
class Change:
    requirement: str
    summary: str
    before: str | None
    after: str


@dataclass(frozen=True)
class Comparison:
    base_sha: str
    newly_met: list[Change] = field(default_factory=list)
    newly_failing: list[Change] = field(default_factory=list)
    other_changes: list[Change] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.newly_met or self.newly_failing or self.other_changes)


_SATISFIED = {v.value for v in SATISFIED}


def compare(base: Mapping[str, str], head: Evaluation, base_sha: str) -> Comparison:
    met: list[Change] = []
    failing: list[Change] = []
    other: list[Change] = []
    unchanged = 0
    for result in head.requirements:
        after = result.verdict.value
        before = base.get(result.id)
        if before == after:
            unchanged += 1
            continue
        change = Change(result.id, result.requirement.summary, before, after)
        if after == Verdict.FAIL.value:
            failing.append(change)
        elif after in _SATISFIED and (before is None or before not in _SATISFIED):
            met.append(change)
        else:
            other.append(change)
    return Comparison(base_sha, met, failing, other, unchanged)


def comparison_markdown(comparison: Comparison) -> list[str]:
    short = comparison.base_sha[:7]
    lines = [f"### Compared with the base branch (`{short}`)", ""]
    if not comparison.changed:
        lines += [f"No requirement changed ({comparison.unchanged} unchanged).", ""]
        return lines
    lines.append(f"{len(comparison.newly_met)} newly met · {len(comparison.newly_failing)} "
                 f"newly failing · {len(comparison.other_changes)} otherwise changed · "
                 f"{comparison.unchanged} unchanged")
    lines.append("")
    for heading, changes in (("Newly failing", comparison.newly_failing),
                             ("Newly met", comparison.newly_met),
                             ("Otherwise changed", comparison.other_changes)):
        if not changes:
            continue
        lines += [f"**{heading}**", ""]
        for change in changes:
            lines.append(f"- {_verdict(change.after)} **{change.requirement}** "
                         f"{escape(change.summary)} ({_label(change.before)} → "
                         f"{_label(change.after)})")
        lines.append("")
    return lines


def _verdict(value: str) -> str:
    try:
        return VERDICT_EMOJI[Verdict(value)]
    except ValueError:
        return ""


def _label(value: str | None) -> str:
    if value is None:
        return "new"
    try:
        return VERDICT_LABEL[Verdict(value)]
    except ValueError:
        return value
