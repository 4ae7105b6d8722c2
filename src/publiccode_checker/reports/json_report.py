"""The JSON report. Its shape is versioned and described by ``docs/report-schema.json``.

Bump ``SCHEMA_VERSION``'s major number for any change that can break a reader (renamed or
removed fields, changed meanings); add fields freely within a major version.
"""

from __future__ import annotations

import json
from typing import Any

from publiccode_checker.evaluation.model import Evaluation, RequirementResult
from publiccode_checker.evidence import to_jsonable

SCHEMA_VERSION = "1.1"
TOOL_NAME = "publiccode-checker"


def tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(TOOL_NAME)
    except PackageNotFoundError:
        return "0+unknown"


def to_dict(evaluation: Evaluation) -> dict[str, Any]:
    profile = evaluation.profile
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": tool_version()},
        "profile": {
            "id": profile.id, "name": profile.name, "version": profile.version,
            "url": profile.url,
        },
        "target": {"label": evaluation.target, "commit": evaluation.commit},
        "evaluated_at": evaluation.evaluated_at.isoformat(),
        "config": {"path": evaluation.config_path, "report_only": evaluation.report_only},
        "facts": to_jsonable(evaluation.facts),
        "requirements": [_requirement(r) for r in evaluation.requirements],
        "criteria": [
            {
                "code": c.criterion.code,
                "title": c.criterion.title,
                "link": c.criterion.link,
                "status": c.status.value,
                "requirements": [r.id for r in c.requirements],
            }
            for c in evaluation.criteria
        ],
        "summary": {
            "text": evaluation.summary.sentence(),
            "criteria_met": evaluation.summary.criteria_met,
            "criteria_total": evaluation.summary.criteria_total,
            "must_failing": evaluation.summary.must_failing,
            "must_open": evaluation.summary.must_open,
            "should_warnings": evaluation.summary.should_warnings,
            "verdicts": evaluation.summary.counts,
        },
        "conclusion": evaluation.conclusion.value,
        "level": {
            "label": evaluation.level.label,
            "value": evaluation.level.value,
            "details": to_jsonable(evaluation.level.details),
        },
        "problems": [
            {"kind": p.kind, "message": p.message, "path": p.path, "line": p.line}
            for p in evaluation.problems
        ],
    }


def _requirement(result: RequirementResult) -> dict[str, Any]:
    req = result.requirement
    override = result.override
    return {
        "id": req.id,
        "criterion": req.criterion,
        "level": req.level,
        "summary": req.summary,
        "link": req.link,
        "text_sha1": req.text_sha1,
        "verdict": result.verdict.value,
        "observed": result.observed,
        "strength": result.strength,
        "message": result.message,
        "evidence": [
            {"message": e.message, "path": e.path, "line": e.line, "end_line": e.end_line,
             "url": e.url}
            for e in result.evidence
        ],
        "checks": [
            {"id": c.id, "title": c.title, "why": c.why, "how_to_fix": c.how_to_fix}
            for c in _unique(result)
        ],
        "question": req.question,
        "derived_from": list(result.derived_from),
        "declaration": None if override is None else {
            "status": override.status, "reason": override.reason,
            "approver": override.approver,
            "expires": override.expires.isoformat() if override.expires else None,
            "answer": override.answer, "answered_by": override.answered_by,
            "answered_on": override.answered_on.isoformat() if override.answered_on else None,
            "note": override.note, "path": override.path, "line": override.line,
        },
    }


def _unique(result: RequirementResult):
    seen = set()
    for check in result.checks:
        if check.id not in seen:
            seen.add(check.id)
            yield check


def dumps(evaluation: Evaluation) -> str:
    return json.dumps(to_dict(evaluation), indent=2, ensure_ascii=False) + "\n"
