"""SARIF 2.1.0, so GitHub code scanning (and other SARIF viewers) can show the findings."""

from __future__ import annotations

import json
from typing import Any

from publiccode_checker.evaluation.model import Evaluation, RequirementResult, Verdict
from publiccode_checker.reports.json_report import TOOL_NAME, tool_version
from publiccode_checker.reports.presentation import why_and_fix

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Verdict.FAIL: "error", Verdict.WARN: "warning", Verdict.UNKNOWN: "note"}
#: Results that concern the whole repository point here: SARIF viewers need a location.
REPOSITORY_URI = "."


def to_sarif(evaluation: Evaluation) -> dict[str, Any]:
    rules = [_rule(r) for r in evaluation.requirements]
    index = {r.id: n for n, r in enumerate(evaluation.requirements)}
    results = []
    for result in evaluation.requirements:
        level = _LEVEL.get(result.verdict)
        if level is None:
            continue
        located = [e for e in result.evidence if e.path]
        locations = [
            {"physicalLocation": {
                "artifactLocation": {"uri": e.path},
                "region": {"startLine": e.line or 1, "endLine": max(e.line or 1, e.end_line or 1)},
            }}
            for e in located[:10]
        ] or [{"physicalLocation": {"artifactLocation": {"uri": REPOSITORY_URI}}}]
        details = [e.message for e in result.evidence if e.message != result.message][:5]
        text = " ".join([result.message, *details])
        results.append({
            "ruleId": result.id,
            "ruleIndex": index[result.id],
            "level": level,
            "message": {"text": text},
            "locations": locations,
            "partialFingerprints": {"requirement/v1": f"{evaluation.profile.id}:{result.id}"},
        })
    for problem in evaluation.problems:
        if problem.kind != "config" or not problem.path:
            continue
        results.append({
            "ruleId": "configuration",
            "level": "error",
            "message": {"text": problem.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": problem.path},
                "region": {"startLine": problem.line or 1},
            }}],
        })
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": TOOL_NAME,
                "version": tool_version(),
                "informationUri": evaluation.profile.url or "https://www.standardforpubliccode.org/",
                "rules": [*rules, _config_rule()],
            }},
            "automationDetails": {"id": f"{TOOL_NAME}/{evaluation.profile.id}/"},
            "results": results,
            "properties": {
                "summary": evaluation.summary.sentence(),
                "evaluatedAt": evaluation.evaluated_at.isoformat(),
                "conclusion": evaluation.conclusion.value,
                "level": evaluation.level.label,
            },
        }],
    }


def _rule(result: RequirementResult) -> dict[str, Any]:
    req = result.requirement
    help_lines = [f"{req.level}: {req.summary}"]
    for why, fix in why_and_fix(result):
        help_lines += [f"Why: {why}", f"How to fix: {fix}"]
    if req.question:
        help_lines.append(f"Question for a person: {req.question}")
    severity = "error" if req.is_must else "warning" if req.is_should else "note"
    rule: dict[str, Any] = {
        "id": req.id,
        "name": req.id.replace("-", ""),
        "shortDescription": {"text": req.summary},
        "fullDescription": {"text": f"{req.level}: {req.summary}"},
        "help": {"text": "\n".join(help_lines), "markdown": "\n\n".join(help_lines)},
        "defaultConfiguration": {"level": severity},
        "properties": {"requirementLevel": req.level, "criterion": req.criterion},
    }
    if req.link:
        rule["helpUri"] = req.link
    return rule


def _config_rule() -> dict[str, Any]:
    return {
        "id": "configuration",
        "name": "Configuration",
        "shortDescription": {"text": "The publiccode-checker configuration file is invalid"},
        "help": {"text": "Fix the setting named in the message; see the configuration guide."},
        "defaultConfiguration": {"level": "error"},
    }


def dumps_sarif(evaluation: Evaluation) -> str:
    return json.dumps(to_sarif(evaluation), indent=2, ensure_ascii=False) + "\n"
