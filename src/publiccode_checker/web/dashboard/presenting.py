"""Turns dashboard data into what a page or the API shows: translated texts, hints and links."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from publiccode_checker.checks import all_checks
from publiccode_checker.core.model import Check
from publiccode_checker.criteria.profiles import Criterion, Profile, Requirement
from publiccode_checker.i18n.content import (
    check_texts,
    criterion_title,
    requirement_question,
    requirement_summary,
)
from publiccode_checker.i18n.messages import translate_message
from publiccode_checker.web.dashboard.models import (
    EvidenceItem,
    RepositoryCurrent,
    RequirementState,
)

#: Verdicts that ask something of the repository's maintainers.
ACTION_VERDICTS = ("fail", "warn", "unknown")
SATISFIED_VERDICTS = ("pass", "not_applicable", "explained", "off")


@dataclass(frozen=True)
class Hint:
    check_id: str
    title: str
    why: str
    how_to_fix: str


@dataclass(frozen=True)
class EvidenceLine:
    message: str
    location: str | None
    url: str | None


@dataclass(frozen=True)
class RequirementRow:
    requirement: Requirement
    summary: str
    question: str | None
    verdict: str
    message: str
    evidence: tuple[EvidenceLine, ...]
    hints: tuple[Hint, ...]

    @property
    def needs_action(self) -> bool:
        return self.verdict in ACTION_VERDICTS


@dataclass(frozen=True)
class CriterionBlock:
    criterion: Criterion
    title: str
    status: str
    rows: tuple[RequirementRow, ...]
    must_ok: int
    must_total: int


@cache
def _checks_by_requirement() -> dict[str, tuple[Check, ...]]:
    found: dict[str, list[Check]] = {}
    for check in all_checks().values():
        for requirement in check.requirements:
            found.setdefault(requirement, []).append(check)
    return {k: tuple(v) for k, v in found.items()}


def hints_for(requirement: Requirement, lang: str | None) -> tuple[Hint, ...]:
    checks = list(_checks_by_requirement().get(requirement.id, ()))
    # Derived requirements (OS2) are decided by their base requirements' checks.
    for base in requirement.derived_from:
        checks.extend(_checks_by_requirement().get(base, ()))
    seen: set[str] = set()
    hints = []
    for check in checks:
        if check.id in seen:
            continue
        seen.add(check.id)
        title, why, fix = check_texts(check, lang)
        hints.append(Hint(check.id, title, why, fix))
    return tuple(hints)


def evidence_url(
    item: EvidenceItem, repository: str, commit: str | None, web_url: str
) -> str | None:
    if item.url and item.url.startswith(("https://", "http://")):
        return item.url
    if not item.path or not commit:
        return None
    anchor = f"#L{item.line}" if item.line else ""
    return (f"{web_url.rstrip('/')}/{repository}/blob/{quote(commit, safe='')}/"
            f"{quote(item.path)}{anchor}")


def requirement_row(
    requirement: Requirement,
    state: RequirementState | None,
    *,
    repository: str,
    commit: str | None,
    web_url: str,
    lang: str | None,
) -> RequirementRow:
    verdict = state.verdict if state else "unknown"
    evidence = tuple(
        EvidenceLine(translate_message(item.message, lang), item.location(),
                     evidence_url(item, repository, commit, web_url))
        for item in (state.evidence if state else ())
    )
    return RequirementRow(
        requirement=requirement,
        summary=requirement_summary(requirement, lang),
        question=requirement_question(requirement, lang),
        verdict=verdict,
        message=translate_message(state.message, lang) if state else "",
        evidence=evidence,
        hints=hints_for(requirement, lang) if verdict not in SATISFIED_VERDICTS else (),
    )


def criterion_blocks(
    profile: Profile, current: RepositoryCurrent, *, web_url: str, lang: str | None
) -> list[CriterionBlock]:
    blocks = []
    for criterion in profile.criteria:
        rows = tuple(
            requirement_row(r, current.requirements.get(r.id), repository=current.repository,
                            commit=current.commit, web_url=web_url, lang=lang)
            for r in criterion.requirements
            if current.requirements.get(r.id) is None
            or current.requirements[r.id].verdict != "off"
        )
        musts = [row for row in rows if row.requirement.is_must]
        blocks.append(CriterionBlock(
            criterion=criterion,
            title=criterion_title(criterion, lang),
            status=current.criteria.get(criterion.code, "open"),
            rows=rows,
            must_ok=sum(1 for row in musts if row.verdict in SATISFIED_VERDICTS),
            must_total=len(musts),
        ))
    return blocks
