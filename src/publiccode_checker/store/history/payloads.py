"""The stored form of what repeats between evaluations, and the hashes that deduplicate it.

Both the per-evaluation writer (``history.store``) and the bulk loader (``history.bulk``) go through
these functions, so both produce the same rows for the same evaluations.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from publiccode_checker.evaluation.model import Evaluation, RequirementResult
from publiccode_checker.evidence import to_jsonable
from publiccode_checker.repo_config.model import RequirementOverride


def digest(payload: Any) -> str:
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def evidence_payload(result: RequirementResult) -> dict[str, Any]:
    return {
        "message": result.message,
        "observed": result.observed,
        "items": [
            {"message": e.message, "path": e.path, "line": e.line, "end_line": e.end_line,
             "url": e.url}
            for e in result.evidence
        ],
        "derived_from": list(result.derived_from),
    }


def outcome_payload(evaluation: Evaluation) -> dict[str, Any]:
    summary = evaluation.summary
    value = evaluation.level.value
    return {
        "conclusion": evaluation.conclusion.value,
        "level_label": evaluation.level.label,
        "level_value": None if value is None else str(value),
        "level_details": to_jsonable(evaluation.level.details),
        "criteria_met": summary.criteria_met,
        "criteria_total": summary.criteria_total,
        "must_failing": summary.must_failing,
        "must_open": summary.must_open,
        "should_warnings": summary.should_warnings,
        "verdict_counts": dict(summary.counts),
        "criteria": {c.criterion.code: c.status.value for c in evaluation.criteria},
        "summary_text": summary.sentence(),
        "report_only": bool(evaluation.report_only),
    }


def declaration_payload(override: RequirementOverride) -> dict[str, Any]:
    return {
        "status": override.status,
        "reason": override.reason,
        "approver": override.approver,
        "expires": override.expires,
        "answer": override.answer,
        "answered_by": override.answered_by,
        "answered_on": override.answered_on,
        "note": override.note,
        "path": override.path,
        "line": override.line,
    }


def declaration_hash(override: RequirementOverride) -> str:
    return digest(to_jsonable(declaration_payload(override)))


def is_declaration(override: RequirementOverride) -> bool:
    """Only statements about compliance are history; an issue-mode switch alone is not."""
    return override.status is not None or override.answer is not None


def text_key(requirement: Any) -> str:
    """What identifies a requirement across versions: the official text's hash when the profile
    carries one, else our own wording and keyword (profiles without an official text hash)."""
    if requirement.text_sha1:
        return str(requirement.text_sha1)
    return "s:" + digest([requirement.level, requirement.summary])[:24]
