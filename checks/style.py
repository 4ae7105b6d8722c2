"""Coherent style: a style guide or linter configuration, enforced on contributions."""

from __future__ import annotations

import re
from collections.abc import Iterator

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
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.ci_config import PROSE_LINT, CiCommand, ci_config, cite
from publiccode_checker.evidence.documents import Document, documents
from publiccode_checker.evidence.files import is_vendored
from publiccode_checker.evidence.tool_config import config_texts
from publiccode_checker.snapshots import Snapshot

_LINTER_FILE = re.compile(
    r"^(?:\.eslintrc(?:\.\w+)?|eslint\.config\.\w+|\.prettierrc(?:\.\w+)?|prettier\.config\.\w+|"
    r"\.?phpcs\.xml(?:\.dist)?|\.php[-_]cs(?:[-_]fixer)?(?:\.dist)?(?:\.php)?|ecs\.php|pint\.json|"
    r"\.golangci\.(?:ya?ml|toml|json)|\.?rustfmt\.toml|clippy\.toml|\.rubocop\.yml|"
    r"\.standard\.yml|\.stylelintrc(?:\.\w+)?|stylelint\.config\.\w+|\.markdownlint[\w.-]*|"
    r"\.mdlrc|\.vale\.ini|_vale\.ini|\.pre-commit-config\.ya?ml|\.flake8|\.?pylintrc|"
    r"\.?ruff\.toml|\.isort\.cfg|\.style\.yapf|biome\.jsonc?|\.clang-format|\.clang-tidy|"
    r"checkstyle[\w.-]*\.xml|\.scalafmt\.conf|detekt\.ya?ml|\.swiftlint\.ya?ml|\.swift-format|"
    r"analysis_options\.yaml|\.credo\.exs|\.formatter\.exs|\.jshintrc|tslint\.json|"
    r"\.yamllint(?:\.ya?ml)?|\.hadolint\.ya?ml|\.shellcheckrc|\.sqlfluff|\.textlintrc[\w.]*|"
    r"\.remarkrc[\w.]*|\.jscsrc|\.mega-linter\.ya?ml|\.editorconfig-checker\.json|"
    r"\.csslintrc|\.htmlhintrc|\.lintr|\.jsbeautifyrc|dprint\.json|\.dprint\.json|"
    r"\.rubocop_todo\.yml|phpcs\.xml\.dist|ruleset\.xml)$",
    re.IGNORECASE,
)
_LINTER_SECTION = re.compile(
    r"^\[(?:tool\.(?:ruff|black|isort|flake8|pylint|yapf|autopep8|pycodestyle|pydocstyle)|"
    r"tool:isort|flake8|isort|pycodestyle|pylint[.\w]*|pydocstyle|pep8|yapf)\b|"
    r"\"(?:eslintConfig|prettier|stylelint|standard|xo)\"\s*:|"
    r"\"(?:eslint|prettier|@biomejs/biome|standard|xo|stylelint|tslint|jshint|markdownlint-cli2?)\""
    r"\s*:\s*\"|"
    r"squizlabs/php_codesniffer|friendsofphp/php-cs-fixer|drupal/coder|laravel/pint|"
    r"symplify/easy-coding-standard|wp-coding-standards|\brubocop\b|\bktlint\b|spotless",
    re.MULTILINE,
)
_STYLE_GUIDE_TEXT = re.compile(
    r"\bPEP ?8\b|\bPSR-(?:1|2|12)\b|coding standards?|coding conventions?|code conventions?|"
    r"style ?guides?|coding style|code style|drupal coding|airbnb|google \w+ style|standardjs|"
    r"effective go|rust style|black code style|prettier|eslint|phpcs|rubocop",
    re.IGNORECASE,
)
_STYLE_HEADING = re.compile(r"style|coding|conventions?|standards?|guidelines?|formatting",
                            re.IGNORECASE)
LINT_COMMAND = re.compile(
    r"\beslint\b|prettier .*(?:--check|-c\b|--list-different|-l\b)|\bphpcs\b|"
    r"php-cs-fixer .*--dry-run|\bblack\b.*(?:--check|--diff)|\bruff\b|\bflake8\b|"
    r"\bisort\b.*(?:--check|-c\b|--diff)|\bpylint\b|pycodestyle|golangci-lint|gofmt -[ld]|"
    r"\bgo vet\b|staticcheck|\brubocop\b|standardrb|stylelint|markdownlint|\bmdl\b|"
    r"pre-commit run|pre-commit/action|pre-commit hook|cargo fmt .*--check|cargo clippy|"
    r"clang-format .*(?:--dry-run|-n\b)|ktlint|spotless(?:Check|:check)|checkstyle|"
    r"biome (?:ci|check|lint)|swiftlint|dart format .*--set-exit-if-changed|dart analyze|"
    r"mix format --check-formatted|\bcredo\b|super-linter|megalinter|ecs check|pint --test|"
    r"yamllint|hadolint|shellcheck|sqlfluff lint|lint-action|reviewdog|editorconfig-checker|"
    r"(?:npm|yarn|pnpm) (?:run )?(?:lint|format:check|check-format|fmt:check|style)\b|"
    r"composer (?:run )?(?:cs|lint|phpcs|check-style|cs-check|style)\b|"
    r"make (?:lint|style|fmt-check|check-format|format-check)\b|tox -e \S*(?:lint|style|flake8)|"
    r"nox -s \S*lint",
    re.IGNORECASE,
)
_COMMENTS_TEXT = re.compile(
    r"\bcomments?\b|commenting|doc-?blocks?|docstrings?|doc comments?|phpdoc|jsdoc|javadoc|"
    r"godoc|rustdoc|inline documentation|document (?:your|the|all|every|public) ",
    re.IGNORECASE,
)
_COMMENTS_RULE = re.compile(
    r"select\s*=\s*\[[^\]]*[\"']D\d*[\"']|extend-select\s*=\s*\[[^\]]*[\"']D\d*[\"']|"
    r"\[(?:tool\.)?pydocstyle\]|\[tool\.interrogate\]|eslint-plugin-jsdoc|[\"']jsdoc[\"']|"
    r"plugin:jsdoc|Commenting|<rule ref=\"Drupal\"|\bexported\b|\bgodot\b|\bgolint\b|"
    r"Style/Documentation|JavadocMethod|JavadocType|missing_docs|missing-docstring|"
    r"missing-(?:function|class|module)-docstring|require-jsdoc|valid-jsdoc",
)
_PLAIN_LANGUAGE = re.compile(
    r"plain (?:english|language)|clear (?:english|language)|simple (?:english|language)|"
    r"easy to read|readab(?:le|ility)|write-good|\bvale\b|\balex\b|inclusive language",
    re.IGNORECASE,
)
_PROSE_LINT_FILE = re.compile(
    r"^(?:\.vale\.ini|_vale\.ini|\.alexrc[\w.]*|\.alexignore|\.textlintrc[\w.]*|\.writegoodrc|"
    r"\.proselintrc|proselint\.json)$",
    re.IGNORECASE,
)
MAX_FILES_LISTED = 5


def _linter_files(snapshot: Snapshot, pattern: re.Pattern[str]) -> list[str]:
    key = f"checks.style:files:{pattern.pattern[:40]}"
    if key not in snapshot.memo:
        snapshot.memo[key] = [
            path for path in snapshot.paths
            if pattern.match(path.rsplit("/", 1)[-1]) and not is_vendored(path)
        ]
    return snapshot.memo[key]


def _config_sections(snapshot: Snapshot, pattern: re.Pattern[str]) -> list[Evidence]:
    found = []
    for path, text in config_texts(snapshot):
        match = pattern.search(text)
        if match:
            line = text.count("\n", 0, match.start()) + 1
            found.append(Evidence(f"`{match.group(0).strip()[:60]}`", path, line))
    return found


def _style_docs(snapshot: Snapshot) -> list[Document]:
    docs = documents(snapshot)
    chosen = [d for d in (docs.get("contributing"), docs.get("standards")) if d is not None]
    chosen += [d for d in docs.docs if _STYLE_HEADING.search(d.path.rsplit("/", 1)[-1])]
    return chosen


def _doc_mentions(
    snapshot: Snapshot, pattern: re.Pattern[str], *, everywhere: bool = False
) -> Evidence | None:
    docs = documents(snapshot)
    pool = list(docs.all()) if everywhere else _style_docs(snapshot)
    for doc in pool:
        for section in doc.sections:
            for text in (section.heading, section.text):
                match = pattern.search(text)
                if match:
                    return Evidence(f"{doc.path} mentions \"{match.group(0)}\"", doc.path,
                                    section.line)
    return None


def _lint_runs(snapshot: Snapshot, *, pull_requests_only: bool) -> list[CiCommand]:
    return ci_config(snapshot).search(LINT_COMMAND, pull_requests_only=pull_requests_only)


@check(
    id="style-guide",
    title="A coding style is written down or enforced by tools",
    requirements=["ST-1", "ST-2"],
    strength=Strength.DECISIVE,
    why=(
        "A shared style makes code easier to read and review; linters and formatters in CI keep "
        "every contribution in that style without arguments in review."
    ),
    how_to_fix=(
        "Refer to the style guide you follow (for example PEP 8, PSR-12, Drupal coding "
        "standards) in CONTRIBUTING, commit its linter or formatter configuration, and run it "
        "in check mode in a CI job triggered on pull requests."
    ),
    limitations=(
        "ST-1 passes on weak evidence: a mention of 'style guide' or 'coding standards' "
        "anywhere in the documentation (even 'we have no style guide yet'), a "
        ".pre-commit-config.yaml that only trims whitespace, or a linter named in a manifest. "
        "ST-2 only sees CI defined in the repository: services configured outside it "
        "(pre-commit.ci, SonarCloud or Codacy apps) are missed and the requirement warns, "
        "while a lint step allowed to fail still passes. A style guide that covers only prose "
        "or design, without a linter, is recognised only by those words."
    ),
    examples=[
        Example("Ruff is configured and runs on every pull request",
                {"pyproject.toml": "[project]\nname = 'permits'\n\n[tool.ruff]\n"
                                   "line-length = 100\n",
                 ".github/workflows/lint.yml": "on: pull_request\njobs:\n  lint:\n"
                                               "    runs-on: ubuntu-latest\n    steps:\n"
                                               "      - uses: actions/checkout@v4\n"
                                               "      - run: ruff check .\n"},
                {"ST-1": "pass", "ST-2": "pass"}),
        Example("An ESLint configuration that no CI job runs",
                {".eslintrc.json": '{"extends": "eslint:recommended"}\n',
                 "src/app.js": "export const fee = 25;\n"},
                {"ST-1": "pass", "ST-2": "warn"}),
        Example("Only an .editorconfig",
                {".editorconfig": "root = true\n\n[*]\nindent_style = space\n",
                 "src/app.js": "export const fee = 25;\n"},
                {"ST-1": "warn", "ST-2": "warn"}),
        Example("No style guide and no linter",
                {"src/app.js": "export const fee = 25;\n"},
                {"ST-1": "fail", "ST-2": "warn"}),
    ],
)
def style_guide(context: CheckContext) -> Iterator[Finding]:
    """ST-1 passes on any of: a linter or formatter configuration file (.eslintrc, .prettierrc,
    phpcs.xml, .golangci.yml, .rubocop.yml, .pre-commit-config.yaml, ruff.toml...), a linter
    section or dependency in pyproject.toml, setup.cfg, package.json or composer.json, a style
    guide named in the documentation (PEP 8, PSR-12, "coding standards", ESLint...), or a lint
    command in CI. It warns when only an .editorconfig exists and fails when nothing does. ST-2
    passes when CI runs a lint or format check on pull requests, warns when it runs only on
    other events or not at all, and asks a person when pull requests call a shared lint or
    quality workflow from another repository, whose steps cannot be read."""
    snapshot = context.snapshot
    files = _linter_files(snapshot, _LINTER_FILE)
    evidence = [Evidence("linter or formatter configuration", p, 1)
                for p in files[:MAX_FILES_LISTED]]
    evidence += _config_sections(snapshot, _LINTER_SECTION)[:3]
    configured = bool(evidence)
    documented = _doc_mentions(snapshot, _STYLE_GUIDE_TEXT, everywhere=True)
    if documented:
        evidence.insert(0, documented)
    all_runs = _lint_runs(snapshot, pull_requests_only=False)
    pr_runs = [c for c in all_runs if c.on_pull_request]
    if evidence or all_runs:
        cited = [cite(c, "style check") for c in (pr_runs or all_runs)[:2]]
        # Linter configuration and CI are decisive; a style guide named somewhere in the
        # documentation, with no tool behind it, is a mention.
        tooled = configured or bool(all_runs)
        yield passed("ST-1", "A style guide is referred to or enforced by tools.",
                     *evidence[:MAX_FILES_LISTED], *cited,
                     strength=None if tooled else Strength.WEAK)
    elif snapshot.exists(".editorconfig"):
        yield warned("ST-1", "Only an .editorconfig was found; it sets whitespace, not a coding "
                     "style.", Evidence(".editorconfig", ".editorconfig", 1))
    else:
        # No linter is decisive, but a written style guide is only looked for by keyword.
        yield failed("ST-1", "No style guide is referred to and no linter or formatter is "
                     "configured.", Evidence("Looked for style guide mentions in the "
                                             "documentation and for linter configuration files "
                                             "(.eslintrc, phpcs.xml, [tool.ruff], .golangci.yml, "
                                             ".pre-commit-config.yaml and others)."),
                     strength=Strength.WEAK)
    if pr_runs:
        yield passed("ST-2", "A linter or formatter checks every pull request.",
                     *[cite(c, "style check on pull requests") for c in pr_runs[:3]])
    elif all_runs:
        yield warned("ST-2", "Style checks run in CI, but not on pull requests.",
                     *[cite(c, "style check") for c in all_runs[:3]])
    elif remote := ci_config(snapshot).search(_REMOTE_QUALITY_WORKFLOW, pull_requests_only=True):
        # The shared workflow lives in another repository, so its steps cannot be read here.
        yield needs_person("ST-2", "Pull requests run a shared quality workflow from another "
                                   "repository; confirm that it runs the configured linters.",
                           *[cite(c, "shared workflow on pull requests") for c in remote[:2]],
                           *evidence[:2])
    elif evidence:
        yield warned("ST-2", "A style is configured, but no CI job checks contributions "
                     "against it.", *evidence[:3])
    else:
        yield warned("ST-2", "No automated style check runs on contributions.")


_REMOTE_QUALITY_WORKFLOW = re.compile(
    r"uses:\s*[\w.-]+/[\w.-]+/\.github/workflows/[^@\s]*(?:lint|quality|style|format|"
    r"pre-commit)[^@\s]*@", re.IGNORECASE)


@check(
    id="style-comments",
    title="The style guide covers comments and documentation of code",
    requirements=["ST-3", "ST-4"],
    strength=Strength.WEAK,
    why=(
        "Non-trivial code is only maintainable by others when it explains itself; a style guide "
        "that asks for comments, written in plain language, makes that a shared habit."
    ),
    how_to_fix=(
        "Add a section to CONTRIBUTING or the style guide on when and how to write comments and "
        "docstrings, or enable a linter rule that enforces them (ruff/pydocstyle `D`, "
        "eslint-plugin-jsdoc, phpcs Commenting sniffs); mention writing in plain English."
    ),
    limitations=(
        "Words are enough: any sentence in CONTRIBUTING that says 'comments' or 'docstrings' "
        "passes ST-3, even 'comments on issues are welcome', and 'keep the code readable' "
        "passes ST-4. A linter rule that is named but switched off still passes, because the "
        "configuration is searched, not evaluated. Only CONTRIBUTING, STANDARDS and style "
        "documents under docs/ are read, so guidance in the README or a wiki is missed; ST-4 "
        "is optional and never warns."
    ),
    examples=[
        Example("CONTRIBUTING asks for docstrings written in plain English",
                {"CONTRIBUTING.md": "# Contributing\n\n## Code style\n\nGive every public "
                                    "function a docstring. Write comments and documentation "
                                    "in plain English.\n"},
                {"ST-3": "pass", "ST-4": "pass"}),
        Example("Ruff enforces docstrings",
                {"pyproject.toml": "[tool.ruff.lint]\nselect = ['E', 'F', 'D']\n"},
                {"ST-3": "pass", "ST-4": "info"}),
        Example("The guidelines say nothing about comments",
                {"CONTRIBUTING.md": "# Contributing\n\nOpen a pull request against main.\n"},
                {"ST-3": "warn", "ST-4": "info"}),
    ],
)
def style_comments(context: CheckContext) -> Iterator[Finding]:
    """ST-3 passes when CONTRIBUTING, STANDARDS or a style document under docs/ (named for
    style, coding, conventions, standards or guidelines) mentions comments, docstrings, doc
    blocks or JSDoc-style documentation, or when linter configuration names a documentation
    rule (ruff or pydocstyle D rules, eslint-plugin-jsdoc, phpcs Commenting or the Drupal
    standard, RuboCop, whose Style/Documentation is on by default...); it warns otherwise. ST-4
    passes on a prose linter (Vale, alex, textlint, write-good, proselint) configured or run in
    CI, or on those documents asking for plain, clear or readable English; otherwise it only
    reports (info)."""
    snapshot = context.snapshot
    text = _doc_mentions(snapshot, _COMMENTS_TEXT)
    rules = _comment_rules(snapshot)
    if text or rules:
        yield passed("ST-3", "The style guide or linter covers comments and documentation of "
                     "code.", *([text] if text else []), *rules[:3])
    else:
        yield warned("ST-3", "Neither the style guide nor a linter asks for comments or "
                     "docstrings.", Evidence("Looked in CONTRIBUTING, STANDARDS, style documents "
                                             "under docs/ and linter configuration."))
    prose = [Evidence("prose linter configuration", p, 1)
             for p in _linter_files(snapshot, _PROSE_LINT_FILE)[:3]]
    prose += [cite(c, "prose linter") for c in ci_config(snapshot).search(PROSE_LINT)[:2]]
    mention = _doc_mentions(snapshot, _PLAIN_LANGUAGE)
    if mention:
        prose.append(mention)
    if prose:
        yield passed("ST-4", "Expectations for understandable English are set.", *prose)
    else:
        yield info("ST-4", "No guidance or tool for understandable English was found.")


def _comment_rules(snapshot: Snapshot) -> list[Evidence]:
    found = _config_sections(snapshot, _COMMENTS_RULE)
    for path in _linter_files(snapshot, _LINTER_FILE)[:20]:
        text = snapshot.head_text(path, 64 * 1024)
        if not text:
            continue
        match = _COMMENTS_RULE.search(text)
        name = path.rsplit("/", 1)[-1].lower()
        if match:
            found.append(Evidence(f"rule `{match.group(0)[:60]}`", path,
                                  text.count("\n", 0, match.start()) + 1))
        elif name == ".rubocop.yml" and "Style/Documentation" not in text:
            found.append(Evidence("RuboCop enforces class documentation by default", path, 1))
    return found
