"""Continuous integration: tests, coverage, documentation checks and active maintainers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta

from publiccode_checker.checks import (
    Evidence,
    Example,
    Finding,
    Strength,
    check,
    failed,
    info,
    needs_person,
    passed,
    unknown,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.ci_config import (
    CiCommand,
    CiConfig,
    ci_config,
    cite,
    external_ci_signs,
)
from publiccode_checker.evidence.documents import documents
from publiccode_checker.evidence.files import inventory
from publiccode_checker.evidence.history import aware, history_at, people
from publiccode_checker.evidence.publiccode_file import publiccode
from publiccode_checker.evidence.tool_config import COVERAGE_SERVICE_FILES, config_texts
from publiccode_checker.snapshots import (
    Commit,
    GitHistory,
    PullRequestFacts,
    ReviewRule,
    Snapshot,
)

TEST_RUNNER = re.compile(
    r"\b(?:pytest(?!-\w)|py\.test|tox(?:\s|$)|nox(?:\s|$)|python3? -m (?:unittest|pytest|nose2?)|"
    r"manage\.py test|phpunit|paratest|pest(?:\s|$)|codecept(?:ion)? run|behat|phpspec|"
    r"jest|vitest|mocha|karma|jasmine|cypress run|playwright test|ng test|go test|gotestsum|"
    r"cargo (?:test|nextest)|mvnw? .*\b(?:test|verify|install|package)\b|"
    r"gradlew? .*\b(?:test|check|build)\b|rspec|rake(?: \S+)* (?:test|spec)\b|mix test|"
    r"dotnet test|ctest|make (?:-\S+ )*(?:test|tests|check)\b|"
    r"(?:npm|yarn|pnpm|bun) (?:run )?test\b|composer (?:run )?test\b|flutter test|dart test|"
    r"swift test|xcodebuild .*\btest\b|busted|R CMD check|testthat|run-tests|bats|shellspec|"
    r"deno test|zig build test|hurl --test|pre-commit hook pytest)|"
    # A script named for testing (script/test-markdown.sh, ./test.sh) is the project's runner.
    r"(?:^|[\s/=])(?:run[-_])?tests?(?:[-_][\w-]+)?\.(?:sh|bash|ps1)\b",
    re.IGNORECASE,
)
COVERAGE = re.compile(
    r"--cov\b|pytest-cov|\bcoverage (?:run|report|xml|html|lcov|json)\b|--coverage\b|"
    r"--coverage-(?:clover|html|text|xml|cobertura|php)|\bnyc\b|\bc8\b|"
    r"(?<![\w.-])-cover(?:profile|pkg|mode)?\b|jacoco|kover|simplecov|tarpaulin|llvm-cov|grcov|istanbul|"
    r"codecov|coveralls|sonar-?scanner|sonarcloud|sonarqube|XDEBUG_MODE=coverage|\bpcov\b|"
    r"collectCoverage|--collect-coverage|coverlet|Code Coverage|\bgcovr?\b|\blcov\b",
    re.IGNORECASE,
)
DOC_COVERAGE = re.compile(
    r"interrogate|docstr[-_]coverage|pydocstyle|pydoclint|darglint|--select[= ][\w,]*\bD\b|"
    r"missing[-_]docs|jsdoc|typedoc .*--validation|phpdoc|phpDocumentor|spectral|redocly .*lint|"
    r"openapi[-\w]* (?:lint|validate)|swagger-cli validate|doc-coverage|inchjs|yard stats|"
    r"Xdoclint|JavadocMethod|checkstyle",
    re.IGNORECASE,
)
DOC_STYLE_AND_LINKS = re.compile(
    r"markdownlint|\bmdl\b|remark-lint|remark .*--frail|rstcheck|doc8|lychee|markdown-link-check|"
    r"linkcheck|html-?proofer|linkinator|muffet|awesome_bot|broken-link|link-?checker|"
    r"\bvale\b|textlint|proselint|write-good|\balex\b",
    re.IGNORECASE,
)
DOC_QUALITY = re.compile(
    DOC_STYLE_AND_LINKS.pattern + r"|codespell|cspell|aspell|hunspell|\btypos\b|misspell|"
    r"pyspelling|mkdocs build .*--strict|mkdocs build -s\b|sphinx-build .*-W\b|"
    r"SPHINXOPTS=.*-W\b|spectral|vacuum lint|redocly .*lint",
    re.IGNORECASE,
)
CONSISTENCY = re.compile(
    r"doctest|oasdiff|openapi-diff|schemathesis|dredd|optic diff|git diff --exit-code|"
    r"git diff --quiet|check-generated|--check-schema|drift",
    re.IGNORECASE,
)
DOC_EXAMPLES = re.compile(
    r"doctest|pytest-examples|phmdoctest|mktestdocs|markdown-doctest|byexample|--markdown-docs|"
    r"pytest-codeblocks|codeblocks|\bcram\b|embedme --verify|mdsh|readme-?test",
    re.IGNORECASE,
)
_PREVIEW = re.compile(
    r"preview|review app|netlify|vercel|surge\.sh|deploy-pr|pr-deploy", re.IGNORECASE
)
_TESTED_LOCALLY = re.compile(
    r"tested (?:it )?locally|how (?:has this been|was this) tested|manual(?:ly)? test|"
    r"steps to (?:test|reproduce|verify)|i have tested|run the (?:app|application|software)",
    re.IGNORECASE,
)

_THRESHOLD = re.compile(
    r"(?:--cov-fail-under|--fail-under|fail_under|fail-under|failUnder|"
    r"min(?:imum)?[_-]?coverage|coverage[_-]?threshold|--min-coverage|--coverage-min)"
    r"[\"']?\s*[=:(]?\s*[\"']?(\d{1,3}(?:\.\d+)?)",
    re.IGNORECASE,
)
_THRESHOLD_BLOCK = re.compile(r"coverageThreshold|thresholds|check-coverage|checkCoverage")
_THRESHOLD_KEY = re.compile(
    r"[\"']?(?:lines|statements|branches|functions)[\"']?\s*[:=]\s*(\d{1,3}(?:\.\d+)?)"
)
_CODECOV_TARGET = re.compile(r"^\s*target\s*:\s*[\"']?(\d{1,3}(?:\.\d+)?)%?", re.MULTILINE)
_JACOCO_MINIMUM = re.compile(r"<minimum>\s*(0?\.\d+|1(?:\.0+)?)\s*</minimum>|"
                             r"minimum\s*=\s*(?:BigDecimal\(\s*)?[\"']?(0?\.\d+|1\.0+)")
_EXCLUSIONS = re.compile(
    r"\b(?:omit|exclude_lines|exclude_also|exclude|excludes|ignore|coveragePathIgnorePatterns|"
    r"collectCoverageFrom|no cover)\b"
)
_COVERAGE_ON = re.compile(
    r"addopts\s*=.*--cov\b|collectCoverage\s*[:=]\s*true|--coverage\b|<coverage\b|"
    r"\[tool\.coverage|\[coverage:run\]|^\[run\]", re.IGNORECASE | re.MULTILINE
)
_DOCTEST_CONFIG = re.compile(r"--doctest-(?:modules|glob)|doctest_optionflags|doctest")
_DOC_COVERAGE_CONFIG = re.compile(
    r"\[tool\.interrogate\]|eslint-plugin-jsdoc|missing_docs\s*=\s*[\"']?(?:deny|warn|forbid)|"
    r"#!\[(?:deny|warn|forbid)\([^)]*missing_docs"
)
_GO_EXAMPLE = re.compile(r"^func Example\w*\(\)", re.MULTILINE)

MAX_GO_TEST_FILES = 200
MAX_LISTED = 5

# -- example repositories for the reference pages -----------------------------------------------
_EXAMPLE_CODE = {
    "permits/fees.py": "def fee(zone):\n    return 40 if zone == 1 else 25\n",
    "tests/test_fees.py": "from permits.fees import fee\n\n\ndef test_city_centre():\n"
                          "    assert fee(1) == 40\n",
}


def _example_ci(*commands: str, on: str = "[push, pull_request]",
                extra: dict[str, str] | None = None) -> dict[str, str]:
    """The example code with a GitHub workflow whose job "Tests" runs ``commands``."""
    steps = "".join(f"      - run: {command}\n" for command in commands)
    workflow = (f"on: {on}\njobs:\n  test:\n    name: Tests\n    runs-on: ubuntu-latest\n"
                f"    steps:\n      - uses: actions/checkout@v4\n{steps}")
    return {**_EXAMPLE_CODE, **(extra or {}), ".github/workflows/ci.yml": workflow}


#: A deployment script run by a CI server whose jobs are set up on the server, not in the files.
_EXAMPLE_EXTERNAL_CI = ("$target = $Env:PermitsDbConnectionForTeamCity\n"
                        "dotnet publish -c Release -o C:\\BuildAgent\\work\\permits\n")

_EXAMPLE_HEAD = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _example_history(*authors: tuple[int, str]) -> GitHistory:
    """One commit per (days before the evaluated commit, author name), newest first."""
    commits = tuple(
        Commit(f"{number:040x}", 1, name, f"{name.lower()}@example-town.eu",
               _EXAMPLE_HEAD - timedelta(days=days), _EXAMPLE_HEAD - timedelta(days=days),
               "Adjust the permit fees for the new year")
        for number, (days, name) in enumerate(authors, start=1)
    )
    return GitHistory(head=commits[0].sha, head_date=commits[0].committed_at, commits=commits)



def first_lines(path: str, text: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.search(line):
            yield number, line.strip()


def _first(commands: Iterable[CiCommand]) -> list[CiCommand]:
    """One command per file and job, so a long script does not flood the evidence."""
    seen: set[tuple[str, str | None]] = set()
    result = []
    for command in commands:
        key = (command.path, command.job)
        if key not in seen:
            seen.add(key)
            result.append(command)
    return result[:MAX_LISTED]


def _searched(config: CiConfig) -> Evidence:
    if not config.files:
        return Evidence("No CI configuration found (looked for GitHub workflows, GitLab CI, "
                        "Jenkins, Azure Pipelines, Travis, CircleCI, Bitbucket, Drone, "
                        "Woodpecker, Buildkite, AppVeyor and Cirrus files).")
    return Evidence("Searched the commands of " + ", ".join(f.path for f in config.files[:8])
                    + (f" and the scripts they call ({', '.join(config.followed[:5])})"
                       if config.followed else ""))


# -- tests and coverage -------------------------------------------------------------------------
def _coverage_threshold(
    snapshot: Snapshot, config: CiConfig
) -> tuple[float, Evidence, bool] | None:
    """The lowest enforced coverage threshold, where it is set, and whether exclusions are
    written down next to it."""
    found: list[tuple[float, Evidence, bool]] = []
    for command in config.commands:
        match = _THRESHOLD.search(command.text)
        if match:
            found.append((float(match.group(1)), cite(command, "coverage threshold"), False))
    for path, text in config_texts(snapshot):
        exclusions = bool(_EXCLUSIONS.search(text))
        for value, line in _thresholds_in(path, text):
            found.append((value, Evidence(f"coverage threshold {value:g} %", path, line),
                          exclusions))
    found = [f for f in found if 0 < f[0] <= 100]
    if not found:
        return None
    lowest = min(found, key=lambda f: f[0])
    return lowest[0], lowest[1], any(f[2] for f in found)


def _thresholds_in(path: str, text: str) -> Iterator[tuple[float, int]]:
    for number, line in enumerate(text.splitlines(), start=1):
        match = _THRESHOLD.search(line)
        if match:
            yield float(match.group(1)), number
    start = _THRESHOLD_BLOCK.search(text)
    if start is not None:
        window = text[start.start(): start.start() + 800]
        values = [float(m.group(1)) for m in _THRESHOLD_KEY.finditer(window)]
        if values:
            yield min(values), text.count("\n", 0, start.start()) + 1
    name = path.rsplit("/", 1)[-1].lower()
    if "codecov" in name:
        for match in _CODECOV_TARGET.finditer(text):
            yield float(match.group(1)), text.count("\n", 0, match.start()) + 1
    if "jacoco" in text.lower():
        for match in _JACOCO_MINIMUM.finditer(text):
            value = float(match.group(1) or match.group(2))
            yield value * 100, text.count("\n", 0, match.start()) + 1


def _coverage_measured(snapshot: Snapshot, config: CiConfig) -> list[Evidence]:
    found = [cite(c, "coverage") for c in _first(config.search(COVERAGE))]
    for path in COVERAGE_SERVICE_FILES:
        if snapshot.exists(path):
            found.append(Evidence("coverage service configured", path, 1))
    for path, text in config_texts(snapshot):
        for number, _ in list(first_lines(path, text, _COVERAGE_ON))[:1]:
            found.append(Evidence("coverage switched on in the tool configuration", path, number))
    return found


def tests_on_pull_requests(config: CiConfig) -> list[CiCommand]:
    return config.search(TEST_RUNNER, pull_requests_only=True)


def external_ci(snapshot: Snapshot, config: CiConfig) -> list[Evidence]:
    """Signs of a CI server outside the repository (its name in scripts, code or paths, or a
    merge rule asking for green tests), looked for only when test files exist and no CI file in
    the repository runs any test: the tests may run where the files cannot show it."""
    if config.search(TEST_RUNNER) or not inventory(snapshot).test_files:
        return []
    return external_ci_signs(snapshot)


@check(
    id="automated-tests",
    title="Functionality is covered by automated tests with measured coverage",
    requirements=["CI-1"],
    strength=Strength.DECISIVE,
    why=(
        "Automated tests show that every function still works after each change; measuring "
        "coverage with an enforced threshold shows that nothing is left untested."
    ),
    how_to_fix=(
        "Add automated tests, run them in CI with coverage (for example `pytest --cov`, "
        "`jest --coverage`, `go test -cover`), and enforce a threshold such as "
        "`--cov-fail-under=100`, listing deliberate exclusions in the coverage configuration."
    ),
    limitations=(
        "It reads configuration, it does not run anything: a threshold in pyproject.toml or "
        "package.json passes even when CI never collects coverage, and the exclusions it "
        "credits are any `omit`, `exclude` or `ignore` key in the same file (a linter's "
        "`exclude` list included), so a threshold far below 100 % can pass. How much "
        "functionality the tests cover is not measured. Tests run by a CI system it does not "
        "know, or only on a developer's machine, count as test files that are never run."
    ),
    examples=[
        Example("Tests run in CI with coverage enforced at 100 %",
                _example_ci("pip install -e . pytest pytest-cov",
                            "pytest --cov=permits --cov-fail-under=100"),
                {"CI-1": "pass"}),
        Example("Tests run in CI without coverage",
                _example_ci("pip install -e . pytest", "pytest"), {"CI-1": "warn"}),
        Example("Code without tests",
                {"permits/fees.py": _EXAMPLE_CODE["permits/fees.py"]}, {"CI-1": "fail"}),
    ],
)
def automated_tests(context: CheckContext) -> Iterator[Finding]:
    """Counts source and test files (by folder and file name) and looks for test runners in
    the CI configuration and the scripts, Makefile targets and package scripts it calls, then
    for a coverage threshold on a CI command line or in a tool configuration file. Fails with
    no test files and no test run in CI; passes when a threshold of 100 % is enforced, or a
    lower one next to written-down exclusions; warns for a lower threshold without them, for
    coverage measured without a threshold, for tests CI does not run, and for tests run without
    coverage. With no source files at all it asks a person (manual)."""
    snapshot = context.snapshot
    files = inventory(snapshot)
    config = ci_config(snapshot)
    runners = config.search(TEST_RUNNER)
    tests = files.test_files
    where = [Evidence(f"{len(tests)} test files among {len(files.source_files)} source files"
                      + (f", e.g. {tests[0]}" if tests else ""))]
    where += [cite(c, "tests run") for c in _first(runners)]
    if not files.source_files:
        yield needs_person("CI-1", "No source files were found, so there is nothing to test. "
                           "If the codebase has no code, declare CI-1 not applicable.", *where)
        return
    if not tests and not runners:
        yield failed("CI-1", "No automated tests found: no test files and no test run in CI.",
                     *where, _searched(config))
        return
    threshold = _coverage_threshold(snapshot, config)
    if threshold is not None:
        value, evidence, exclusions = threshold
        if value >= 100:
            yield passed("CI-1", "Test coverage is enforced at 100 %.", *where, evidence)
        elif exclusions:
            # The exclusions are any omit, exclude or ignore key next to the threshold: a
            # keyword, not a reading of what is left out.
            yield passed("CI-1", f"Test coverage is enforced at {value:g} % with explicit "
                         "exclusions.", *where, evidence, strength=Strength.WEAK)
        else:
            yield warned("CI-1", f"Test coverage is enforced at {value:g} %, below 100 % and "
                         "without documented exclusions.", *where, evidence)
        return
    measured = _coverage_measured(snapshot, config)
    if measured:
        yield warned("CI-1", "Coverage is measured, but no minimum is enforced.", *where,
                     *measured[:MAX_LISTED])
    elif not runners:
        yield warned("CI-1", "Test files exist, but CI does not run them and coverage is not "
                     "measured.", *where, _searched(config))
    else:
        yield warned("CI-1", "Tests run, but test coverage is not measured.", *where)


@check(
    id="tests-before-merge",
    title="Contributions must pass the automated tests before they are merged",
    requirements=["CI-2", "RR-5"],
    strength=Strength.DECISIVE,
    why=(
        "When tests run on every pull request and are required to pass, a change that breaks "
        "something cannot be merged by accident, and reviewers see the results."
    ),
    how_to_fix=(
        "Run the tests in a CI workflow triggered on `pull_request` and mark that job as a "
        "required status check in the default branch's ruleset or branch protection."
    ),
    limitations=(
        "Whether the tests are required comes from the forge; offline CI-2 can only ask a "
        "person. A required check is matched to the test job by name, so a required check with "
        "another name gives manual even when it runs the tests. GitLab CI jobs are read one by "
        "one from their `rules:`, `only:` and `except:` and the `workflow:` rules, but the "
        "files they include are not read, and a job left to GitLab's default (branch "
        "pipelines) gives "
        "warn. A Drone or Woodpecker file that mentions pull requests anywhere counts as "
        "testing them in all its jobs. Without any test run in a CI file, a CI server outside "
        "the repository is recognised only by the names it leaves (TeamCity, Jenkins, Bamboo, "
        "Azure Pipelines, GitLab CI, Buildkite, AppVeyor or GoCD in scripts, build files, "
        "tests, the first source files, the README or paths) or by a merge rule asking for "
        "green or passing tests: a leftover name gives manual where fail was right, and a "
        "server that leaves no name is not seen, so the verdict is fail. RR-5 never passes: "
        "whether reviewers run the software cannot be read from files, and a pull request "
        "template that asks how a change was tested is only cited."
    ),
    examples=[
        Example("Tests on pull requests, required by the ruleset",
                _example_ci("pytest"), {"CI-2": "pass", "RR-5": "manual"},
                facts={"review_rule": ReviewRule("ruleset", 1, False, ("Tests",))}),
        Example("Tests on pull requests, forge settings not read",
                _example_ci("pytest"), {"CI-2": "manual", "RR-5": "manual"}),
        Example("Tests only after a push",
                _example_ci("pytest", on="push"), {"CI-2": "warn", "RR-5": "warn"}),
        Example("Code without tests in CI",
                {"permits/fees.py": _EXAMPLE_CODE["permits/fees.py"]},
                {"CI-2": "fail", "RR-5": "warn"}),
        Example("Tests on a CI server outside the repository, named in a deployment script",
                {**_EXAMPLE_CODE, "deploy/publish.ps1": _EXAMPLE_EXTERNAL_CI},
                {"CI-2": "manual", "RR-5": "manual"}),
    ],
)
def tests_before_merge(context: CheckContext) -> Iterator[Finding]:
    """Finds the test runners in the CI configuration and whether they run on pull requests
    (GitHub workflow triggers; GitLab CI job by job, from its `rules:`, `only:`/`except:` and
    `workflow:` rules; for other systems, hints such as `pull_request` in the file).
    CI-2 fails when CI runs no tests (manual when there is no source code), warns when tests do
    not run on pull requests or it cannot tell, and passes when the test job is a required
    status check in the branch rules, or when 95 % of recently merged pull requests had
    passing checks. It asks a person (manual) when required checks exist but none looks like
    the test job or the forge was not asked, and warns when the rules require no checks. When
    no CI file runs tests but test files exist, it looks for signs of a CI server outside the
    repository (a CI product's name in an identifier, environment variable or build agent path
    in scripts, build files, tests or the README, or a pull request template or contribution
    guideline asking for green tests before merging) and asks a person (manual) with them
    instead of failing. RR-5 warns without tests on pull requests, asks a person with those
    signs, and otherwise asks a person whether reviewers also run the software."""
    snapshot = context.snapshot
    config = ci_config(snapshot)
    runners = config.search(TEST_RUNNER)
    on_pr = [c for c in runners if c.on_pull_request]
    unclear = [c for c in runners if c.on_pull_request is None]
    yield _ci2(snapshot, config, runners, on_pr, unclear)
    yield _rr5(snapshot, config, on_pr)


def _ci2(snapshot: Snapshot, config: CiConfig, runners: list[CiCommand],
         on_pr: list[CiCommand], unclear: list[CiCommand]) -> Finding:
    facts = snapshot.facts
    if not runners:
        if not inventory(snapshot).source_files:
            return needs_person("CI-2", "No source files and no tests were found. If the "
                                "codebase has no code, declare CI-2 not applicable.",
                                _searched(config))
        external = external_ci(snapshot, config)
        if external:
            # Names and a rule in a template: they suggest a CI server, not what it runs.
            return needs_person("CI-2", "No CI configuration in the repository runs the tests, "
                                "but there are signs of an external CI server; confirm that it "
                                "runs the tests on every pull request and that they must pass "
                                "before merging.", *external, _searched(config),
                                strength=Strength.WEAK)
        return failed("CI-2", "No CI job runs automated tests.", _searched(config))
    if not on_pr:
        listed = [cite(c, "tests run") for c in _first(unclear or runners)]
        if unclear:
            return warned("CI-2", "Tests run in CI, but whether they run on every pull request "
                          "cannot be told from the files; confirm in the CI system.", *listed)
        return warned("CI-2", "Tests run in CI, but not on pull requests, so contributions are "
                      "not tested before they are merged.", *listed)
    listed = [cite(c, "tests run on pull requests") for c in _first(on_pr)]
    if facts.known("review_rule") and facts.review_rule is not None:
        required = tuple(facts.review_rule.required_status_checks or ())
        matching = [r for r in required if any(_is_job(r, c) for c in on_pr)]
        if matching:
            return passed("CI-2", "Tests run on every pull request and are a required check.",
                          Evidence(f"required status checks ({facts.review_rule.source}): "
                                   + ", ".join(matching)), *listed)
        if required:
            return needs_person("CI-2", "Required status checks exist, but none is clearly the "
                                "test job; confirm they include the tests.",
                                Evidence("required status checks: " + ", ".join(required)),
                                *listed)
    proxy = _merged_with_green_checks(snapshot)
    if proxy is not None and proxy[0] >= 0.95:
        return passed("CI-2", f"Tests run on pull requests, and {proxy[0]:.0%} of recently "
                      "merged pull requests had passing checks (proxy for a required check).",
                      proxy[1], *listed, strength=Strength.STRONG)
    if facts.known("review_rule"):
        return warned("CI-2", "Tests run on pull requests but are not a required status check, "
                      "so failing contributions can still be merged.",
                      *([proxy[1]] if proxy else []), *listed)
    return needs_person("CI-2", "Tests run on pull requests; whether passing them is required "
                        "before merging could not be read. Confirm the test job is a required "
                        "status check.", *listed)


def _is_job(context: str, command: CiCommand) -> bool:
    context = context.strip().lower()
    for name in (command.job, command.job_id):
        if name:
            name = name.lower()
            if context == name or context.startswith(name + " (") or context.endswith(
                    " / " + name):
                return True
    return False


def _merged_with_green_checks(snapshot: Snapshot) -> tuple[float, Evidence] | None:
    facts = snapshot.facts
    if not facts.known("merged_pull_requests"):
        return None
    judged = [p for p in facts.merged_pull_requests or () if p.head_checks_passed is not None]
    if not judged:
        return None
    green = sum(1 for p in judged if p.head_checks_passed)
    red = [f"#{p.number}" for p in judged if not p.head_checks_passed][:MAX_LISTED]
    note = f"{green} of {len(judged)} merged pull requests had passing checks at their head"
    if red:
        note += "; not passing: " + ", ".join(red)
    return green / len(judged), Evidence(note)


def _rr5(snapshot: Snapshot, config: CiConfig, on_pr: list[CiCommand]) -> Finding:
    supporting = []
    for doc in documents(snapshot).pull_request_templates:
        match = _TESTED_LOCALLY.search(doc.text)
        if match:
            line = doc.text.count("\n", 0, match.start()) + 1
            supporting.append(Evidence("the pull request template asks how the change was tested",
                                       doc.path, line))
            break
    previews = config.search(_PREVIEW, pull_requests_only=True)
    supporting += [cite(c, "preview deployment for pull requests") for c in _first(previews)][:2]
    if not on_pr:
        external = external_ci(snapshot, config)
        if external:
            return needs_person("RR-5", "No CI configuration in the repository runs the tests, "
                                "but there are signs of an external CI server; confirm whether "
                                "it tests pull requests and whether reviewers also run the "
                                "software.", *external, *supporting, strength=Strength.WEAK)
        return warned("RR-5", "Tests do not run on pull requests, so reviews cannot rely on "
                      "their results.", *supporting, _searched(config))
    listed = [cite(c, "tests run on pull requests") for c in _first(on_pr)][:2]
    return needs_person("RR-5", "Tests run on every pull request; whether reviewers also run "
                        "the software needs a person to confirm.", *listed, *supporting)


@check(
    id="public-test-results",
    title="Test results of contributions are public",
    requirements=["CI-5"],
    strength=Strength.DECISIVE,
    why=(
        "Contributors and reviewers should be able to see why a contribution failed its tests "
        "without asking for an account."
    ),
    how_to_fix=(
        "Run the pull request tests in a CI service whose logs are public for public "
        "repositories, such as GitHub Actions."
    ),
    limitations=(
        "GitHub Actions results are taken to be public unless the forge says the repository is "
        "private or internal, so offline a private repository passes. Other CI systems (GitLab, "
        "Jenkins, Azure, Travis...) always get a question for a person, since their project "
        "settings are not read; so does a CI server outside the repository, recognised only by "
        "its name in scripts, code or paths or by a merge rule asking for green tests, when no "
        "CI file runs tests. Tests that only run after merging count as no results at all."
    ),
    examples=[
        Example("Pull request tests on GitHub Actions in a public repository",
                _example_ci("pytest"), {"CI-5": "pass"}, facts={"visibility": "public"}),
        Example("The same workflow in a private repository",
                _example_ci("pytest"), {"CI-5": "warn"}, facts={"visibility": "private"}),
        Example("Merge request tests on GitLab CI",
                {**_EXAMPLE_CODE, ".gitlab-ci.yml": "test:\n  script: [pytest]\n"
                                                   "  only: [merge_requests]\n"},
                {"CI-5": "manual"}),
        Example("Tests on a CI server outside the repository, named in a deployment script",
                {**_EXAMPLE_CODE, "deploy/publish.ps1": _EXAMPLE_EXTERNAL_CI},
                {"CI-5": "manual"}),
        Example("Tests that no CI runs",
                dict(_EXAMPLE_CODE), {"CI-5": "warn"}),
    ],
)
def public_test_results(context: CheckContext) -> Iterator[Finding]:
    """Looks for test runners that CI starts on pull or merge requests. Passes when they run on
    GitHub Actions and the repository is public or its visibility unknown; warns when it is
    private or internal, or when no tests run on pull requests; asks a person (manual) for any
    other CI system, whose results may need an account to open, and for a CI server outside the
    repository when test files exist, no CI file runs tests and signs of such a server are found
    (as for CI-2)."""
    snapshot = context.snapshot
    config = ci_config(snapshot)
    on_pr = tests_on_pull_requests(config)
    if not on_pr:
        external = external_ci(snapshot, config)
        if external:
            yield needs_person("CI-5", "No CI configuration in the repository runs the tests, "
                               "but there are signs of an external CI server; confirm whether "
                               "it tests pull requests and whether anyone can open its results "
                               "without logging in.", *external, _searched(config),
                               strength=Strength.WEAK)
            return
        yield warned("CI-5", "No tests run on pull requests, so there are no public results.",
                     _searched(config))
        return
    github = [c for c in on_pr if c.system in ("github", "github-action")]
    listed = [cite(c, "tests run on pull requests") for c in _first(github or on_pr)]
    visibility = snapshot.facts.visibility if snapshot.facts.known("visibility") else None
    if github:
        if visibility not in (None, "public"):
            yield warned("CI-5", f"Tests run on GitHub Actions, but the repository is "
                         f"{visibility}, so the results are not public.", *listed)
        else:
            note = "" if visibility else " (public as long as the repository is public)"
            yield passed("CI-5", f"Pull request tests run on GitHub Actions{note}.", *listed)
        return
    systems = ", ".join(sorted({c.system for c in on_pr}))
    yield needs_person("CI-5", f"Pull request tests run on {systems}; confirm that anyone can "
                       "open the results without logging in.", *listed)


@check(
    id="coverage-monitoring",
    title="Test and documentation coverage are monitored",
    requirements=["CI-7"],
    strength=Strength.DECISIVE,
    why=(
        "Watching test and documentation coverage shows where new code arrives without tests or "
        "without documentation."
    ),
    how_to_fix=(
        "Produce a coverage report in CI (pytest-cov, `jest --coverage`, `go test -cover`, "
        "JaCoCo) or use a coverage service, and add a documentation coverage check such as "
        "interrogate, docstr-coverage, eslint-plugin-jsdoc or an OpenAPI linter."
    ),
    limitations=(
        "It sees tools, not numbers: a coverage report nobody reads passes, and a codecov.yml "
        "or a `[tool.coverage]` section counts as monitoring even when CI never uploads or "
        "runs anything. Documentation coverage is taken broadly: docstring style linters "
        "(pydocstyle, checkstyle, ruff's D rules) and OpenAPI linters count. Documentation "
        "reviewed by hand is not seen."
    ),
    examples=[
        Example("Test coverage and docstring coverage in CI",
                _example_ci("pytest --cov=permits", "interrogate --fail-under 100 permits"),
                {"CI-7": "pass"}),
        Example("Only test coverage",
                _example_ci("pytest --cov=permits"), {"CI-7": "warn"}),
    ],
)
def coverage_monitoring(context: CheckContext) -> Iterator[Finding]:
    """Looks for test coverage (coverage options or tools on CI commands, a coverage service
    file such as codecov.yml, coverage switched on in a tool configuration) and for
    documentation coverage (interrogate, docstr-coverage, pydocstyle, JSDoc or OpenAPI linters
    in CI, or their configuration). Passes when both are found and warns otherwise."""
    snapshot = context.snapshot
    config = ci_config(snapshot)
    tests = _coverage_measured(snapshot, config)
    docs = [cite(c, "documentation coverage") for c in _first(config.search(DOC_COVERAGE))]
    for path, text in config_texts(snapshot):
        for number, _ in list(first_lines(path, text, _DOC_COVERAGE_CONFIG))[:1]:
            docs.append(Evidence("documentation coverage configured", path, number))
    if tests and docs:
        yield passed("CI-7", "Both test coverage and documentation coverage are monitored.",
                     *tests[:3], *docs[:3])
    elif tests:
        yield warned("CI-7", "Test coverage is monitored, documentation coverage is not.",
                     *tests[:3])
    elif docs:
        yield warned("CI-7", "Documentation coverage is monitored, test coverage is not.",
                     *docs[:3])
    else:
        yield warned("CI-7", "Neither test coverage nor documentation coverage is monitored.",
                     _searched(config))


@check(
    id="documentation-tests",
    title="CI checks the documentation",
    requirements=["DC-8", "CI-8", "CI-9", "CI-10"],
    strength=Strength.DECISIVE,
    why=(
        "Documentation drifts out of date and collects broken links and typos unless a machine "
        "checks it on every change, just like code."
    ),
    how_to_fix=(
        "Add a CI job that lints the documentation (markdownlint, Vale, codespell), checks its "
        "links (lychee, markdown-link-check) and builds it strictly (`mkdocs build --strict`, "
        "`sphinx-build -W`); run documentation examples as tests (doctest) where you can."
    ),
    limitations=(
        "It matches tool names on CI commands, wherever they point: codespell run over the code "
        "passes DC-8, and `git diff --exit-code` after a formatter passes CI-8 though it "
        "compares no documentation. `cargo test` in a Rust project passes CI-10 whether or not "
        "any doc comment has an example. Checks run by a hosted service without a CI file "
        "(Read the Docs builds, a GitHub app) are not seen."
    ),
    examples=[
        Example("Markdown lint, link check and doctests in CI",
                _example_ci("npx markdownlint-cli2 '**/*.md'", "lychee docs/",
                            "pytest --doctest-glob='*.md'"),
                {"DC-8": "pass", "CI-8": "pass", "CI-9": "pass", "CI-10": "pass"}),
        Example("CI runs only the unit tests",
                _example_ci("pytest"),
                {"DC-8": "warn", "CI-8": "info", "CI-9": "info", "CI-10": "info"}),
    ],
)
def documentation_tests(context: CheckContext) -> Iterator[Finding]:
    """Searches the commands CI runs (and the scripts they call) for documentation tools, and
    tool configuration for doctest switches. DC-8 passes on a linter, spelling or link checker
    or a strict documentation build and warns without one. CI-8 (doctests, OpenAPI drift or
    contract tests, `git diff --exit-code` on generated files), CI-9 (style or link checks) and
    CI-10 (doctests, Markdown code-block tests, `cargo test`, Go Example functions run by
    `go test`) pass when found and are otherwise reported as information, being optional."""
    snapshot = context.snapshot
    config = ci_config(snapshot)
    quality = [cite(c, "documentation check") for c in _first(config.search(DOC_QUALITY))]
    if quality:
        yield passed("DC-8", "CI checks the quality of the documentation.", *quality)
    else:
        yield warned("DC-8", "No documentation check (linter, spell or link checker, strict "
                     "build) runs in CI.", _searched(config))

    consistency = [cite(c, "consistency check") for c in _first(config.search(CONSISTENCY))]
    for path, text in config_texts(snapshot):
        if path.endswith((".toml", ".cfg", ".ini")):
            for number, _ in list(first_lines(path, text, _DOCTEST_CONFIG))[:1]:
                consistency.append(Evidence("doctests configured", path, number))
    if consistency:
        yield passed("CI-8", "CI tests documentation or policy against the source.",
                     *consistency[:MAX_LISTED])
    else:
        yield info("CI-8", "No check that documentation or policy match the source was found "
                   "(for example doctests or OpenAPI drift checks).", _searched(config))

    style = [cite(c, "style or link check") for c in _first(config.search(DOC_STYLE_AND_LINKS))]
    if style:
        yield passed("CI-9", "CI checks documentation style or links.", *style)
    else:
        yield info("CI-9", "No documentation style or link check runs in CI.", _searched(config))

    examples = _documentation_examples(snapshot, config)
    if examples:
        yield passed("CI-10", "Examples from the documentation are run as tests.", *examples)
    else:
        yield info("CI-10", "No sign that documentation examples are run as tests (doctest, Go "
                   "Example functions, Rust doc tests).", _searched(config))


def _documentation_examples(snapshot: Snapshot, config: CiConfig) -> list[Evidence]:
    found = [cite(c, "documentation examples tested") for c in _first(config.search(DOC_EXAMPLES))]
    for path, text in config_texts(snapshot):
        if path.endswith((".toml", ".cfg", ".ini")):
            for number, _ in list(first_lines(path, text, _DOCTEST_CONFIG))[:1]:
                found.append(Evidence("doctests configured", path, number))
    cargo = config.search(re.compile(r"\bcargo (?:test|nextest)"))
    if cargo and snapshot.exists("Cargo.toml"):
        found.append(cite(cargo[0], "cargo test also runs the examples in doc comments"))
    go_tests = config.search(re.compile(r"\bgo test\b"))
    if go_tests:
        checked = 0
        for path in inventory(snapshot).test_files:
            if not path.endswith("_test.go"):
                continue
            checked += 1
            if checked > MAX_GO_TEST_FILES:
                break
            text = snapshot.head_text(path, 32 * 1024) or ""
            match = _GO_EXAMPLE.search(text)
            if match:
                found.append(Evidence("Go Example function, run by `go test`", path,
                                      text.count("\n", 0, match.start()) + 1))
                break
    return found[:MAX_LISTED]


# -- active contributors ------------------------------------------------------------------------
@check(
    id="active-contributors",
    title="People actively maintain and review the codebase",
    requirements=["CI-4"],
    strength=Strength.DECISIVE,
    why=(
        "Contributions only get reviewed and merged when people are actively working on the "
        "codebase; a codebase nobody has touched for months cannot take contributions."
    ),
    how_to_fix=(
        "Make sure at least two people maintain the codebase and that it receives commits or "
        "merged pull requests at least every three months; name the maintainers in the README."
    ),
    limitations=(
        "Activity is counted over 90 days but people over 12 months, so one commit this week "
        "plus a colleague who left in the spring passes. People who only review, triage issues "
        "or answer questions are not seen unless the forge reports their approvals. Several "
        "identities of one person are merged only when they share a name or an address. "
        "Without git history and pull request facts the verdict is unknown, and a shallow clone "
        "often is too."
    ),
    examples=[
        Example("Two people committed this quarter",
                {"permits/fees.py": _EXAMPLE_CODE["permits/fees.py"]}, {"CI-4": "pass"},
                history=_example_history((0, "Ann"), (12, "Bo"), (40, "Ann"))),
        Example("One person, recently",
                {"permits/fees.py": _EXAMPLE_CODE["permits/fees.py"]}, {"CI-4": "warn"},
                history=_example_history((0, "Ann"), (30, "Ann"))),
        Example("Nobody committed in the last 90 days",
                {"permits/fees.py": _EXAMPLE_CODE["permits/fees.py"]}, {"CI-4": "fail"},
                history=_example_history((0, "renovate[bot]"), (200, "Ann"), (260, "Bo"))),
        Example("No history and no forge facts",
                {"permits/fees.py": _EXAMPLE_CODE["permits/fees.py"]}, {"CI-4": "unknown"}),
    ],
)
def active_contributors(context: CheckContext) -> Iterator[Finding]:
    """Reads the git history and, when the forge was asked, the merged pull requests, counting
    back from the evaluation time. Activity means a commit by a person (bots left out) or a
    merged pull request in the last 90 days; people are the distinct committers and pull
    request authors of the last 12 months (two when someone else approved a pull request).
    Passes with activity and two people, warns with one person; without activity it fails,
    or warns when publiccode.yml says the software is stable and maintained. Unknown without
    history and pull request facts, or when a shallow clone is too short to tell."""
    snapshot = context.snapshot
    history = history_at(snapshot, context.evaluated_at)
    facts = snapshot.facts
    prs = facts.merged_pull_requests if facts.known("merged_pull_requests") else None
    if history is None and prs is None:
        yield unknown("CI-4", "No git history available, so recent activity cannot be measured.")
        return
    if history is not None and not history.commits and prs is None:
        yield unknown("CI-4", "The repository has no commits yet.")
        return
    # Windows count back from the evaluation time: an untouched repository is not active today.
    reference = aware(context.evaluated_at)
    evidence: list[Evidence] = []
    recent = history.since(90) if history else []
    last_human = history.human[0] if history and history.human else None
    if last_human:
        evidence.append(Evidence(f"last human commit {last_human.committed_at.date()} by "
                                 f"{last_human.author_name}"))
    pr_recent: list[PullRequestFacts] = []
    pr_people: set[str] = set()
    reviewed = False
    if prs and reference is not None:
        start90, start365 = reference - timedelta(days=90), reference - timedelta(days=365)
        for pr in prs:
            if pr.is_bot or pr.merged_at is None:
                continue
            merged = aware(pr.merged_at)
            if merged >= start90:
                pr_recent.append(pr)
            if merged >= start365:
                pr_people.add(pr.author.lower())
                reviewed = reviewed or pr.approvals_by_others > 0
        evidence.append(Evidence(f"{len(pr_recent)} pull requests by people merged in the last "
                                 "90 days"))
    committers = people(history.since(365)) if history else []
    active_people = max(len(committers), len(pr_people), 2 if reviewed else 0)
    if committers:
        shown = ", ".join(committers[:8]) + (" …" if len(committers) > 8 else "")
        evidence.append(Evidence(f"{len(committers)} people committed in the last 12 months: "
                                 f"{shown}"))
    if not recent and not pr_recent:
        if history is not None and history.truncated and not history.covers(90):
            yield unknown("CI-4", "The history read was cut short (shallow clone), so recent "
                          "activity cannot be measured.", *evidence)
            return
        status = publiccode(snapshot)
        maintenance = status.get("maintenance", "type")
        if facts.known("archived") and facts.archived:
            yield failed("CI-4", "The repository is archived: nobody reviews contributions.",
                         *evidence)
        elif status.get("developmentStatus") == "stable" and maintenance not in (None, "none"):
            yield warned("CI-4", "No human activity in the last 90 days; publiccode.yml says the "
                         f"software is stable and maintained ({maintenance}).", *evidence)
        else:
            yield failed("CI-4", "No human commits or merged pull requests in the 90 days before "
                         "the evaluation.", *evidence)
        return
    if active_people >= 2:
        yield passed("CI-4", f"Active in the last 90 days, with {active_people} people "
                     "contributing or reviewing over 12 months.", *evidence)
    elif history is not None and not history.covers(365):
        yield unknown("CI-4", "Only one contributor seen, but the history read was cut short "
                      "(shallow clone).", *evidence)
    else:
        yield warned("CI-4", "Only one person contributed in the last 12 months; nobody else "
                     "is there to review.", *evidence)
