"""The CI configuration collector: triggers, commands with lines, indirection, odd input."""

from __future__ import annotations

from publiccode_checker.evidence.ci_config import ci_config
from publiccode_checker.snapshots import MemorySnapshot

WORKFLOW = """name: CI
on:
  pull_request:
  push:
    branches: [main]
jobs:
  test:
    name: Tests
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pip install pytest
      - run: |
          npm test
          ./script/check.sh
      - uses: ./.github/actions/lint
  docs:
    uses: ./.github/workflows/docs.yml
"""
REUSABLE = """on: workflow_call
jobs:
  build:
    steps:
      - run: mkdocs build --strict
"""
ACTION = """runs:
  using: composite
  steps:
    - run: make lint
      shell: bash
"""


def config(files):
    return ci_config(MemorySnapshot(files))


def test_github_workflow_commands_lines_and_triggers():
    ci = config({".github/workflows/ci.yml": WORKFLOW})
    [workflow] = ci.files
    assert workflow.triggers == ("pull_request", "push")
    assert workflow.on_pull_request is True
    assert workflow.jobs == ("Tests", "docs")
    npm = ci.search("npm test")[0]
    assert (npm.path, npm.line, npm.job, npm.job_id) == (".github/workflows/ci.yml", 14, "Tests",
                                                         "test")
    assert ci.search("^./script")[0].line == 15
    assert ci.search("checkout")[0].kind == "uses"


def test_install_lines_are_not_runs():
    ci = config({".github/workflows/ci.yml": WORKFLOW})
    assert ci.search("pytest") == []
    assert len(ci.search("pytest", include_installs=True)) == 1


def test_trigger_forms():
    for on, expected in (("push", False), ("[push, pull_request]", True),
                         ("pull_request_target", True), ("\n  merge_group:\n  push:", True),
                         ("schedule", False)):
        text = f"on: {on}\njobs:\n  a:\n    steps:\n      - run: pytest\n"
        ci = config({".github/workflows/a.yaml": text})
        assert ci.search("pytest")[0].on_pull_request is expected, on


def test_reusable_workflows_and_local_actions_inherit_triggers():
    ci = config({
        ".github/workflows/ci.yml": WORKFLOW,
        ".github/workflows/docs.yml": REUSABLE,
        ".github/actions/lint/action.yml": ACTION,
        "Makefile": "lint:\n\tblack --check .\n\t@ruff check src\n",
    })
    mkdocs = ci.search("mkdocs")[0]
    assert mkdocs.on_pull_request is True and mkdocs.via == ".github/workflows/ci.yml:18"
    black = ci.search("black")[0]
    assert (black.path, black.line, black.on_pull_request) == ("Makefile", 2, True)
    assert ci.search("ruff check src")[0].line == 3


def test_scripts_and_manifest_scripts_are_followed_one_level():
    ci = config({
        ".github/workflows/ci.yml": WORKFLOW,
        "package.json": '{\n  "scripts": {\n    "test": "jest --coverage"\n  }\n}\n',
        "script/check.sh": "#!/bin/sh\n# style\nphpcs --standard=PSR12 src\n./script/deeper.sh\n",
        "script/deeper.sh": "codespell\n",
    })
    jest = ci.search("jest")[0]
    assert (jest.path, jest.line, jest.kind) == ("package.json", 3, "script")
    assert jest.via == ".github/workflows/ci.yml:14"
    phpcs = ci.search("phpcs")[0]
    assert (phpcs.path, phpcs.line) == ("script/check.sh", 3)
    assert ci.search("codespell") == []  # only one level deep
    assert "script/check.sh" in ci.followed


def test_composer_scripts():
    ci = config({
        ".gitlab-ci.yml": "test:\n  script:\n    - composer test\n",
        "composer.json": '{"scripts": {"test": ["phpunit --coverage-text", "phpcs"]}}',
    })
    assert ci.search("phpunit")[0].path == "composer.json"
    assert ci.search("phpunit")[0].on_pull_request is None


def test_other_systems_are_read_as_text():
    ci = config({
        ".gitlab-ci.yml": "test:\n  script:\n    - pytest\n  rules:\n"
                          "    - if: $CI_PIPELINE_SOURCE == 'merge_request_event'\n",
        "Jenkinsfile": "pipeline {\n  stage('t') { sh 'go test ./...' }\n}\n",
        ".travis.yml": "script: rspec\n",
        ".woodpecker/test.yml": "steps:\n  t:\n    commands: [cargo test]\n",
    })
    assert {f.system for f in ci.files} == {"gitlab", "jenkins", "travis", "woodpecker"}
    assert ci.search("pytest")[0].on_pull_request is True
    assert ci.search(r"\bgo test")[0].on_pull_request is None
    assert ci.search(r"\bgo test")[0].line == 2
    assert ci.search("rspec")[0].on_pull_request is True


def test_pre_commit_ci_runs_hooks_on_pull_requests():
    hooks = "repos:\n  - repo: x\n    hooks:\n      - id: black\nci:\n  autofix_prs: true\n"
    ci = config({".pre-commit-config.yaml": hooks})
    assert ci.search("black")[0].on_pull_request is True
    assert config({".pre-commit-config.yaml": hooks.split("ci:")[0]}).files == []


def test_hostile_workflows_never_raise():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)) + "jobs: *i\n"
    ci = config({
        ".github/workflows/bad.yml": "on: [push\njobs: {",
        ".github/workflows/bomb.yml": bomb,
        ".github/workflows/list.yml": "- just\n- a list\n",
        ".github/workflows/bin.yml": b"\x00\x01\x02",
        ".github/workflows/empty.yml": "",
        ".github/workflows/jobs.yml": "on: push\njobs: [1, 2]\n",
        "package.json": "{not json",
        "Makefile": b"\xff\xfe\x00",
    })
    problems = {f.path: f.problem for f in ci.files}
    assert problems[".github/workflows/bad.yml"].startswith("not valid YAML")
    assert problems[".github/workflows/bin.yml"]
    assert ci.to_facts()["systems"] == ["github"]
