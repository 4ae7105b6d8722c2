"""ST-1 to ST-4: style guide, automated style checks, comments, plain English."""

from __future__ import annotations

from publiccode_checker.snapshots import MemorySnapshot
from tests.checks.helpers import outcomes, run

SRC = {"src/app.py": "x = 1\n"}
PR_LINT = {".github/workflows/lint.yml":
           "on: pull_request\njobs:\n  lint:\n    steps:\n      - run: ruff check .\n"}
PUSH_LINT = {".github/workflows/lint.yml":
             "on: push\njobs:\n  lint:\n    steps:\n      - run: npx eslint .\n"}


def style(files):
    return outcomes("style-guide", MemorySnapshot({**SRC, **files}))


def test_nothing_fails_st1():
    assert style({}) == {"ST-1": "fail", "ST-2": "warn"}


def test_editorconfig_alone_warns():
    assert style({".editorconfig": "root = true\n"})["ST-1"] == "warn"


def test_linter_configuration_passes_st1_but_st2_needs_ci():
    assert style({".eslintrc.json": "{}"}) == {"ST-1": "pass", "ST-2": "warn"}
    assert style({"pyproject.toml": "[project]\nname='x'\n\n[tool.ruff]\nline-length = 100\n"}) \
        == {"ST-1": "pass", "ST-2": "warn"}
    assert style({"composer.json": '{"require-dev": {"drupal/coder": "^8"}}'})["ST-1"] == "pass"


def test_documented_style_guide_passes():
    files = {"CONTRIBUTING.md": "# Contributing\n\n## Code\n\nWe follow PEP 8.\n"}
    found = run("style-guide", MemorySnapshot({**SRC, **files}))["ST-1"]
    assert found.outcome.value == "pass"
    assert found.evidence[0].path == "CONTRIBUTING.md"


def test_lint_on_pull_requests_passes_st2():
    assert style(PR_LINT) == {"ST-1": "pass", "ST-2": "pass"}
    assert style(PUSH_LINT) == {"ST-1": "pass", "ST-2": "warn"}


def test_lint_through_package_scripts():
    files = {".github/workflows/ci.yml":
             "on: [pull_request]\njobs:\n  a:\n    steps:\n      - run: npm run lint\n",
             "package.json": '{"scripts": {"lint": "eslint src"}}'}
    found = run("style-guide", MemorySnapshot({**SRC, **files}))
    assert found["ST-2"].outcome.value == "pass"


def comments(files):
    return outcomes("style-comments", MemorySnapshot({**SRC, **files}))


def test_comments_in_style_guide_or_rules():
    assert comments({}) == {"ST-3": "warn", "ST-4": "info"}
    guide = {"CONTRIBUTING.md": "# Contributing\n\nWrite docstrings for public functions.\n"}
    assert comments(guide)["ST-3"] == "pass"
    ruff = {"pyproject.toml": '[tool.ruff.lint]\nselect = ["E", "F", "D"]\n'}
    found = run("style-comments", MemorySnapshot({**SRC, **ruff}))["ST-3"]
    assert found.outcome.value == "pass"
    assert (found.evidence[0].path, found.evidence[0].line) == ("pyproject.toml", 2)
    phpcs = {"phpcs.xml": '<ruleset>\n  <rule ref="Drupal"/>\n</ruleset>\n'}
    assert comments(phpcs)["ST-3"] == "pass"
    assert comments({".rubocop.yml": "AllCops:\n  NewCops: enable\n"})["ST-3"] == "pass"
    disabled = {".rubocop.yml": "Style/Documentation:\n  Enabled: false\n"}
    assert comments(disabled)["ST-3"] == "pass"  # the rule is named, a person reads it
    assert comments({"README.md": "# App\n\nComments are welcome in issues.\n"})["ST-3"] == "warn"


def test_plain_english_expectations():
    assert comments({".vale.ini": "StylesPath = styles\n"})["ST-4"] == "pass"
    guide = {"CONTRIBUTING.md": "# Contributing\n\nWrite documentation in plain English.\n"}
    assert comments(guide)["ST-4"] == "pass"


def test_shared_quality_workflow_from_another_repository_needs_a_person():
    workflow = ("on:\n  pull_request:\njobs:\n  quality:\n"
                "    uses: acme/shared-workflows/.github/workflows/code-quality.yml@v3\n"
                "    with:\n      python-version: '3.12'\n")
    files = {".github/workflows/quality.yml": workflow, ".pre-commit-config.yaml": "repos: []\n"}
    result = run("style-guide", MemorySnapshot({**SRC, **files}))["ST-2"]
    assert result.outcome.value == "manual"
    assert result.evidence[0].path == ".github/workflows/quality.yml"
    assert style({".pre-commit-config.yaml": "repos: []\n"})["ST-2"] == "warn"
