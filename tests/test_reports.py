"""Reports: the JSON schema, SARIF 2.1.0 shape, Markdown escaping, terminal colour."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from publiccode_checker.evaluation.engine import evaluate
from publiccode_checker.reports import render
from publiccode_checker.reports.annotations import annotations
from publiccode_checker.reports.markdown import escape, render_markdown
from publiccode_checker.reports.sarif import to_sarif
from publiccode_checker.snapshots import MemorySnapshot

SCHEMA = json.loads((Path(__file__).parent.parent / "docs/report-schema.json").read_text())

HOSTILE_README = """# Tool <script>alert(1)</script>

Contact @everyone or [click](javascript:alert(1)) ![x](https://evil.example/t.png)
"""


@pytest.fixture(scope="module")
def evaluation():
    snapshot = MemorySnapshot({
        "README.md": HOSTILE_README,
        "package.json": '{"license": "proprietary"}',
        "config/id_rsa": "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n"
                         "-----END OPENSSH PRIVATE KEY-----\n",
        ".github/publiccode-checker.yml": "requirements:\n  BP-2: {status: not_applicable}\n",
    })
    return evaluate(snapshot, "sfpc")


def test_json_report_matches_its_schema(evaluation):
    report = json.loads(render(evaluation, "json"))
    jsonschema.validate(report, SCHEMA)
    assert len(report["requirements"]) == 111
    assert len(report["criteria"]) == 16
    assert report["facts"]["licence"]["spdx_id"] in (None, "NOASSERTION") or isinstance(
        report["facts"]["licence"]["spdx_id"], str)
    assert list(report)[list(report).index("facts"):][:3] == ["facts", "requirements", "criteria"]
    assert any(p["kind"] == "config" and p["line"] == 2 for p in report["problems"])


def test_every_requirement_appears_in_every_format(evaluation):
    text = render(evaluation, "text")
    markdown = render(evaluation, "markdown")
    for result in evaluation.requirements:
        assert f" {result.id} " in text
        assert f"**{result.id}**" in markdown


def test_sarif_is_2_1_0_with_locations(evaluation):
    sarif = to_sarif(evaluation)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    for result in run["results"]:
        assert result["ruleId"] in rule_ids
        assert result["level"] in ("error", "warning", "note")
        assert result["locations"], "GitHub code scanning needs a location on every result"
        region = result["locations"][0]["physicalLocation"].get("region")
        if region:
            assert region["startLine"] >= 1


def test_markdown_neutralises_repository_content():
    rendered = escape("<script>x</script> @team [a](javascript:x)")
    assert "<script>" not in rendered
    assert "@team" not in rendered
    assert "](javascript" not in rendered


def test_markdown_report_has_summary_and_table(evaluation):
    markdown = render_markdown(evaluation, details_url="https://checker.example/repos/o/r")
    assert markdown.startswith("## ")
    assert evaluation.summary.sentence() in markdown
    assert "| Criterion | Status |" in markdown
    assert "https://checker.example/repos/o/r" in markdown
    assert "<script>" not in markdown


def test_text_report_colour_only_when_asked(evaluation):
    assert "\033[" not in render(evaluation, "text", color=False)
    assert "\033[" in render(evaluation, "text", color=True)


def test_annotations_put_failures_first(evaluation):
    found = annotations(evaluation)
    levels = [a.level for a in found]
    assert levels == sorted(levels, key=["failure", "warning", "notice"].index)
    assert all(a.start_line >= 1 and a.path for a in found)
    assert any(a.path == ".github/publiccode-checker.yml" for a in found)
