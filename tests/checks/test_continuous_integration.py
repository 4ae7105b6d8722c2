"""CI-1, CI-2, CI-4, CI-5, CI-7, CI-8, CI-9, CI-10, DC-8 and RR-5."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from publiccode_checker.snapshots import (
    Commit,
    GitHistory,
    MemorySnapshot,
    PullRequestFacts,
    RepositoryFacts,
    ReviewRule,
)
from tests.checks.helpers import outcomes, run

NOW = datetime(2025, 6, 2, 12, tzinfo=UTC)
SRC = {"src/rates.py": "def rate():\n    return 1\n"}
TESTS = {"tests/test_rates.py": "def test_rate():\n    assert True\n"}


def workflow(*commands: str, on: str = "[push, pull_request]", name: str = "Tests") -> str:
    steps = "".join(f"      - run: {c}\n" for c in commands)
    return (f"on: {on}\njobs:\n  test:\n    name: {name}\n    runs-on: ubuntu-latest\n"
            f"    steps:\n{steps}")


def tree(*commands: str, on: str = "[push, pull_request]", extra=None, facts=None,
         history=None) -> MemorySnapshot:
    files = {**SRC, **TESTS, **(extra or {})}
    if commands:
        files[".github/workflows/ci.yml"] = workflow(*commands, on=on)
    return MemorySnapshot(files, facts=facts, history=history)


# -- CI-1 ---------------------------------------------------------------------------------------
def test_ci1_fails_without_tests():
    assert outcomes("automated-tests", MemorySnapshot(SRC)) == {"CI-1": "fail"}


def test_ci1_no_source_needs_a_person():
    assert outcomes("automated-tests", MemorySnapshot({"README.md": "# x"})) == \
        {"CI-1": "manual"}


def test_ci1_tests_without_coverage_warn():
    assert outcomes("automated-tests", tree()) == {"CI-1": "warn"}
    assert outcomes("automated-tests", tree("pytest")) == {"CI-1": "warn"}
    assert outcomes("automated-tests", tree("pytest --cov=src")) == {"CI-1": "warn"}


def test_ci1_enforced_coverage():
    assert outcomes("automated-tests", tree("pytest --cov=src --cov-fail-under=100")) == \
        {"CI-1": "pass"}
    assert outcomes("automated-tests", tree("pytest --cov --cov-fail-under=80")) == \
        {"CI-1": "warn"}
    pyproject = {"pyproject.toml": "[tool.coverage.run]\nomit = ['src/gen/*']\n\n"
                                   "[tool.coverage.report]\nfail_under = 90\n"}
    found = run("automated-tests", tree("pytest --cov", extra=pyproject))["CI-1"]
    assert found.outcome.value == "pass"
    assert any(e.path == "pyproject.toml" and e.line == 5 for e in found.evidence)


def test_ci1_jest_threshold_in_package_json():
    package = ('{"scripts": {"test": "jest --coverage"},\n "jest": {"coverageThreshold": '
               '{"global": {"lines": 100, "branches": 100}}}}')
    snap = tree("npm test", extra={"package.json": package, "src/a.test.js": "test()"})
    assert outcomes("automated-tests", snap) == {"CI-1": "pass"}


# -- CI-2 and RR-5 ------------------------------------------------------------------------------
def test_ci1_a_ci_step_calling_a_test_script_runs_tests():
    # A documentation project whose CI calls its own test scripts has automated tests.
    docs_only = {"README.md": "# Guide", "script/build.sh": "#!/bin/sh\nmake\n"}
    snapshot = MemorySnapshot({**docs_only, ".github/workflows/test.yml": workflow(
        "VERBOSE=1 ./script/check-names.sh", "./script/test-markdown.sh")})
    assert outcomes("automated-tests", snapshot) == {"CI-1": "warn"}
    finding = run("tests-before-merge", snapshot)["CI-2"]
    assert finding.outcome.value != "fail"


def test_ci1_messages_and_report_files_are_not_test_runs():
    snapshot = tree('echo "unpack the pytest timings"',
                    "junit2html merged.xml out/pytest-report.html", "pytest -n 4")
    evidence = run("automated-tests", snapshot)["CI-1"].evidence
    commands = [e.message for e in evidence if e.message.startswith("tests run")]
    assert len(commands) == 1 and "pytest -n 4" in commands[0]


def test_ci7_file_names_containing_cover_are_not_coverage():
    snapshot = tree("pytest", "pandoc print-cover.html -o cover.pdf")
    assert outcomes("coverage-monitoring", snapshot) == {"CI-7": "warn"}
    assert "Neither" in run("coverage-monitoring", snapshot)["CI-7"].message


def test_ci2_fails_without_tests_in_ci():
    assert outcomes("tests-before-merge", tree()) == {"CI-2": "fail", "RR-5": "warn"}


def test_ci2_push_only_warns():
    assert outcomes("tests-before-merge", tree("pytest", on="push"))["CI-2"] == "warn"


def test_ci2_unverifiable_system_warns():
    snap = MemorySnapshot({**SRC, "Jenkinsfile": "sh 'pytest'\n"})
    assert outcomes("tests-before-merge", snap)["CI-2"] == "warn"


def test_ci2_gitlab_merge_request_exclusion_of_one_job_says_nothing_about_the_test_job():
    # Only the deployment is kept out of merge requests; the test job has GitLab's default.
    deploy_only = ("stages: [check, publish]\n"
                   "unit:\n  stage: check\n  script:\n    - pytest -q\n"
                   "publish:\n  stage: publish\n  script:\n    - ./publish-permits.sh\n"
                   "  except:\n    - merge_requests\n")
    snap = MemorySnapshot({**SRC, **TESTS, ".gitlab-ci.yml": deploy_only})
    found = outcomes("tests-before-merge", snap)
    assert found == {"CI-2": "warn", "RR-5": "warn"}
    rules = deploy_only.replace("  except:\n    - merge_requests\n",
                                "  rules:\n    - if: $CI_PIPELINE_SOURCE == 'merge_request_event'\n"
                                "      when: never\n    - when: on_success\n")
    snap = MemorySnapshot({**SRC, **TESTS, ".gitlab-ci.yml": rules})
    assert outcomes("tests-before-merge", snap) == {"CI-2": "warn", "RR-5": "warn"}


def test_ci2_gitlab_test_job_with_merge_request_rules_runs_on_merge_requests():
    tested = ("unit:\n  script:\n    - pytest -q\n  rules:\n"
              '    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n'
              "    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH\n"
              "publish:\n  script:\n    - ./publish-permits.sh\n  except:\n"
              "    - merge_requests\n")
    snap = MemorySnapshot({**SRC, **TESTS, ".gitlab-ci.yml": tested})
    assert outcomes("tests-before-merge", snap) == {"CI-2": "manual", "RR-5": "manual"}
    finding = run("tests-before-merge", snap)["CI-2"]
    assert any(e.line == 3 and "unit" in e.message for e in finding.evidence)
    # Workflow rules that create merge request pipelines run jobs without rules in them;
    # a template's rules reach the jobs that extend it.
    workflow = ("workflow:\n  rules:\n    - if: $CI_PIPELINE_SOURCE == 'merge_request_event'\n"
                "    - if: $CI_COMMIT_BRANCH\nunit:\n  script: [pytest -q]\n")
    extended = (".checks:\n  only: [merge_requests]\n"
                "unit:\n  extends: .checks\n  script: [pytest -q]\n")
    for text in (workflow, extended):
        snap = MemorySnapshot({**SRC, **TESTS, ".gitlab-ci.yml": text})
        assert outcomes("tests-before-merge", snap)["CI-2"] == "manual", text


def test_ci2_on_pull_requests_without_forge_data_needs_a_person():
    assert outcomes("tests-before-merge", tree("pytest")) == {"CI-2": "manual", "RR-5": "manual"}


def test_ci2_required_check_passes():
    rule = ReviewRule("ruleset", 1, False, ("Tests",))
    assert outcomes("tests-before-merge", tree("pytest", facts=RepositoryFacts(
        review_rule=rule)))["CI-2"] == "pass"
    other = ReviewRule("ruleset", 1, False, ("DCO",))
    assert outcomes("tests-before-merge", tree("pytest", facts=RepositoryFacts(
        review_rule=other)))["CI-2"] == "manual"
    assert outcomes("tests-before-merge", tree("pytest", facts=RepositoryFacts(
        review_rule=None)))["CI-2"] == "warn"


def test_ci2_green_merged_pull_requests_are_a_proxy():
    prs = tuple(PullRequestFacts(i, "ann", NOW, NOW, head_checks_passed=True) for i in range(20))
    facts = RepositoryFacts(merged_pull_requests=prs)
    assert outcomes("tests-before-merge", tree("pytest", facts=facts))["CI-2"] == "pass"


def test_rr5_cites_pull_request_template():
    template = {".github/pull_request_template.md": "## How has this been tested?\n"}
    found = run("tests-before-merge", tree("pytest", extra=template))["RR-5"]
    assert found.outcome.value == "manual"
    assert any(e.path == ".github/pull_request_template.md" for e in found.evidence)


# -- CI-2, RR-5 and CI-5 with a CI server outside the repository -------------------------------
# No CI file of a known kind, but the code and scripts name the CI server that builds them, and
# the pull request template asks for green tests: the tests may run there (manual, not fail).
EXTERNAL_CI = {
    "tests/support/database.py": 'import os\n\n\ndef url():\n'
                                 '    return os.environ["RatesDbUrlForTeamCity"]\n',
    "deploy/publish.ps1": "$out = 'D:\\BuildAgent\\work\\rates'\n"
                          "dotnet publish -o $out\n",
    ".github/pull_request_template.md": "## Before merging\n\n- [ ] Reviewed by a colleague\n"
                                        "- [ ] **All unit tests are green**\n",
}
# The same repository without those signs: tests nobody is shown to run, and a template that
# only asks for a local run.
NO_CI = {
    "tests/support/database.py": 'import os\n\n\ndef url():\n'
                                 '    return os.environ["RATES_DB_URL"]\n',
    "deploy/publish.ps1": "$out = 'D:\\releases\\rates'\ndotnet publish -o $out\n",
    ".github/pull_request_template.md": "## Checklist\n\n- [ ] Reviewed by a colleague\n"
                                        "- [ ] New and existing unit tests pass locally\n",
}


def test_signs_of_an_external_ci_server_ask_a_person_instead_of_failing():
    snapshot = tree(extra=EXTERNAL_CI)
    found = run("tests-before-merge", snapshot)
    assert {r: f.outcome.value for r, f in found.items()} == {"CI-2": "manual", "RR-5": "manual"}
    assert found["CI-2"].strength.value == "weak"
    cited = {(e.path, e.line) for e in found["CI-2"].evidence}
    assert ("tests/support/database.py", 5) in cited
    assert ("deploy/publish.ps1", 1) in cited
    assert (".github/pull_request_template.md", 4) in cited
    assert any("TeamCity" in e.message for e in found["CI-2"].evidence)
    assert outcomes("public-test-results", snapshot) == {"CI-5": "manual"}


def test_without_signs_of_a_ci_server_untested_contributions_still_fail():
    snapshot = tree(extra=NO_CI)
    assert outcomes("tests-before-merge", snapshot) == {"CI-2": "fail", "RR-5": "warn"}
    assert outcomes("public-test-results", snapshot) == {"CI-5": "warn"}


def test_each_kind_of_sign_alone_is_enough():
    signs = [
        {"deploy/publish.ps1": "Copy-Item out C:/BuildAgent/work/rates\n"},
        {"scripts/release.sh": 'if [ -n "$JENKINS_URL" ]; then make release; fi\n'},
        {"ci/Jenkinsfile": "pipeline { agent any }\n"},
        {"build/azure-pipelines.yml": "steps:\n- script: dotnet build\n"},
        {"README.md": "[![Build](https://dev.azure.com/town/rates/_apis/build/status/ci)]()\n"},
        {".teamcity/settings.kts": "version = \"2024.03\"\n"},
        {".github/pull_request_template.md": "- [ ] CI is green\n"},
        {"CONTRIBUTING.md": "# Contributing\n\nAll tests must pass before a pull request is "
                            "merged.\n"},
    ]
    for extra in signs:
        assert outcomes("tests-before-merge", tree(extra=extra))["CI-2"] == "manual", extra


def test_names_that_do_not_show_an_external_ci_server_still_fail():
    not_signs = [
        # Visual Studio's .gitignore template ignores TeamCity's folders in every .NET project.
        {".gitignore": "# TeamCity is a build add-in\n_TeamCity*\n"},
        # Bob Jenkins's hash function, and a leftover variable of a CI that needs its own file.
        {"src/hash.c": "/* one-at-a-time hash by Bob Jenkins */\nint jenkins_hash(void);\n",
         "scripts/check.sh": 'if [ -n "$TRAVIS" ] || [ -n "$GITHUB_ACTIONS" ]; then exit; fi\n'},
        {"CONTRIBUTING.md": "# Contributing\n\nMake sure all tests pass before you open a "
                            "pull request.\n"},
        {".github/pull_request_template.md": "## How has this been tested?\n"},
    ]
    for extra in not_signs:
        assert outcomes("tests-before-merge", tree(extra=extra))["CI-2"] == "fail", extra


def test_signs_do_not_replace_what_a_read_ci_file_shows():
    # A Jenkinsfile that was read runs no tests: its variables in scripts say nothing more.
    jenkins = {"Jenkinsfile": "sh './deploy.sh'\n", "deploy.sh": 'curl "$JENKINS_URL/notify"\n'}
    assert outcomes("tests-before-merge", tree(extra=jenkins))["CI-2"] == "fail"
    # Without test files there is nothing for an external server to run.
    code_only = {p: t for p, t in EXTERNAL_CI.items() if not p.startswith("tests/")}
    assert outcomes("tests-before-merge", MemorySnapshot({**SRC, **code_only}))["CI-2"] == "fail"
    # Tests a CI file runs after a push keep their own verdict.
    pushed = tree("pytest", on="push", extra=EXTERNAL_CI)
    assert outcomes("tests-before-merge", pushed) == {"CI-2": "warn", "RR-5": "warn"}


# -- CI-5 ---------------------------------------------------------------------------------------
def test_ci5():
    assert outcomes("public-test-results", tree("pytest")) == {"CI-5": "pass"}
    private = RepositoryFacts(visibility="private")
    assert outcomes("public-test-results", tree("pytest", facts=private)) == {"CI-5": "warn"}
    assert outcomes("public-test-results", tree("pytest", on="push")) == {"CI-5": "warn"}
    gitlab_ci = "t:\n  script: [pytest]\n  only: [merge_requests]\n"
    gitlab = MemorySnapshot({".gitlab-ci.yml": gitlab_ci})
    assert outcomes("public-test-results", gitlab) == {"CI-5": "manual"}


# -- CI-7 ---------------------------------------------------------------------------------------
def test_ci7_needs_both_coverages():
    assert outcomes("coverage-monitoring", tree("pytest")) == {"CI-7": "warn"}
    assert outcomes("coverage-monitoring", tree("pytest --cov")) == {"CI-7": "warn"}
    assert outcomes("coverage-monitoring", tree("pytest --cov", "interrogate -v src")) == \
        {"CI-7": "pass"}
    extra = {"codecov.yml": "coverage: {}\n", "pyproject.toml": "[tool.interrogate]\n"}
    assert outcomes("coverage-monitoring", tree(extra=extra)) == {"CI-7": "pass"}


# -- DC-8, CI-8, CI-9, CI-10 --------------------------------------------------------------------
def test_documentation_checks():
    nothing = outcomes("documentation-tests", tree("pytest"))
    assert nothing == {"DC-8": "warn", "CI-8": "info", "CI-9": "info", "CI-10": "info"}
    full = outcomes("documentation-tests", tree(
        "npx markdownlint-cli2 '**/*.md'", "lychee docs/", "pytest --doctest-glob='*.md'"))
    assert full == {"DC-8": "pass", "CI-8": "pass", "CI-9": "pass", "CI-10": "pass"}
    spelling = outcomes("documentation-tests", tree("codespell", "mkdocs build --strict"))
    assert spelling["DC-8"] == "pass" and spelling["CI-9"] == "info"


def test_go_examples_and_rust_doc_tests():
    go = {"rates_test.go": "package rates\n\nfunc ExampleRate() {\n}\n"}
    found = run("documentation-tests", tree("go test ./...", extra=go))["CI-10"]
    assert found.outcome.value == "pass"
    assert any(e.path == "rates_test.go" and e.line == 3 for e in found.evidence)
    rust = tree("cargo test", extra={"Cargo.toml": "[package]\nname = 'x'\n"})
    assert outcomes("documentation-tests", rust)["CI-10"] == "pass"


# -- CI-4 ---------------------------------------------------------------------------------------
def commit(days: float, email: str = "ann@kk.dk", name: str = "Ann", **kw) -> Commit:
    when = NOW - timedelta(days=days)
    return Commit(f"{int(days * 1000):040d}", 1, name, email, when, when,
                  "Adjust the rates for the new year", **kw)


def history(*commits: Commit, truncated: bool = False) -> GitHistory:
    return GitHistory("h", NOW, tuple(commits), truncated=truncated)


def ci4(hist=None, files=None, as_of=None, **facts) -> str:
    snap = MemorySnapshot(files or SRC, history=hist, facts=RepositoryFacts(**facts))
    return outcomes("active-contributors", snap, as_of=as_of or NOW)["CI-4"]


def test_ci4_two_recent_people_pass():
    assert ci4(history(commit(0), commit(10, "bob@kk.dk", "Bob"))) == "pass"


def test_ci4_one_person_warns():
    assert ci4(history(commit(0), commit(100))) == "warn"


def test_ci4_no_recent_human_activity_fails():
    bot = commit(1, "bot@renovateapp.com", "renovate[bot]")
    assert ci4(history(bot, commit(200), commit(300, "bob@kk.dk", "Bob"))) == "fail"


def test_ci4_stable_maintained_software_only_warns():
    publiccode = {"publiccode.yml": "publiccodeYmlVersion: '0.4'\ndevelopmentStatus: stable\n"
                                    "maintenance:\n  type: internal\n"}
    files = {**SRC, **publiccode}
    assert ci4(history(commit(200), commit(300, "bob@kk.dk", "Bob")), files) == "warn"


def test_ci4_windows_count_back_from_the_evaluation_time_not_the_last_commit():
    # A repository whose last commits are old is not active today, however lively it was then;
    # evaluated as of the time of those commits, the same history is active.
    lively_then = history(commit(0), commit(10, "bob@kk.dk", "Bob"))
    assert ci4(lively_then, as_of=NOW) == "pass"
    assert ci4(lively_then, as_of=NOW + timedelta(days=3 * 365)) == "fail"


def test_ci4_merged_pull_requests_count():
    prs = (PullRequestFacts(1, "ann", NOW, NOW - timedelta(days=5), approvals_by_others=1),)
    assert ci4(None, merged_pull_requests=prs) == "pass"


def test_ci4_unknown_without_history_or_with_shallow_clone():
    assert ci4(None) == "unknown"
    assert ci4(history()) == "unknown"
    bot = commit(0, "bot@renovateapp.com", "renovate[bot]")
    assert ci4(history(bot, truncated=True)) == "unknown"
    # A shallow clone still shows that its newest commit is recent.
    assert ci4(history(commit(0), truncated=True)) == "unknown"
    assert ci4(history(commit(0), commit(400, "bob@kk.dk", "Bob"), truncated=False)) == "warn"
