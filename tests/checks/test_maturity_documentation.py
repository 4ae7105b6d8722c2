"""Document codebase maturity: MA-2, MA-3 and MA-5."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from publiccode_checker.snapshots import MemorySnapshot, RepositoryFacts
from publiccode_checker.snapshots.model import GitHistory, Release, Tag
from tests.checks.helpers import outcomes, run

STABLE_PC = "publiccodeYmlVersion: '0.4'\nname: X\ndevelopmentStatus: stable\n"


def _history(*tags: str) -> GitHistory:
    when = datetime(2025, 1, 1, tzinfo=UTC)
    return GitHistory(head="a" * 40, head_date=when, commits=(),
                      tags=tuple(Tag(t, "b" * 40, when) for t in tags))


def test_development_status_passes():
    finding = run("maturity-stated", MemorySnapshot({"publiccode.yml": STABLE_PC}))["MA-2"]
    assert finding.outcome.value == "pass"
    assert finding.evidence[0].path == "publiccode.yml"


def test_status_badge_and_statement_pass():
    badge = ("# X\n\n[![status](https://www.repostatus.org/badges/latest/active.svg)]"
             "(https://www.repostatus.org/#active)\n")
    assert outcomes("maturity-stated", MemorySnapshot({"README": badge})) == {"MA-2": "pass"}
    statement = "# X\n\nText.\n\nThis software is stable and used in production by 12 cities.\n"
    finding = run("maturity-stated", MemorySnapshot({"README": statement}))["MA-2"]
    assert finding.outcome.value == "pass"
    assert finding.evidence[0].line == 5


def test_status_of_the_documentation_does_not_count():
    readme = "# X\n\nThe documentation is a work in progress. Based on a proof of concept.\n"
    assert outcomes("maturity-stated", MemorySnapshot({"README": readme})) == {"MA-2": "fail"}


def test_tags_only_warn():
    tree = MemorySnapshot({"README": "# X"}, history=_history("v1.2.0"))
    assert outcomes("maturity-stated", tree) == {"MA-2": "warn"}


def test_unstable_dependencies_of_a_stable_release_warn():
    package = {"dependencies": {"left-pad": "^1.3.0", "next-thing": "2.0.0-beta.3",
                                "fork": "github:someone/fork"},
               "devDependencies": {"jest": "30.0.0-alpha.1"}}
    tree = MemorySnapshot({"publiccode.yml": STABLE_PC,
                           "package.json": json.dumps(package, indent=2)})
    finding = run("ready-dependencies", tree)["MA-3"]
    assert finding.outcome.value == "warn"
    names = " ".join(e.message for e in finding.evidence)
    assert "next-thing" in names and "fork" in names
    assert "jest" not in names and "left-pad" not in names
    assert any(e.path == "package.json" and e.line == 4 for e in finding.evidence)


def test_composer_go_and_python_offenders():
    composer = json.dumps({"require": {"php": ">=8.1", "drupal/x": "dev-main"},
                           "minimum-stability": "dev"})
    gomod = ("module x\n\nrequire (\n\tgithub.com/a/b v0.0.0-20240101010101-abcdefabcdef\n"
             "\tgithub.com/c/d v1.0.0\n\tgithub.com/e/f v0.0.0-20240101010101-abcdefabcdef "
             "// indirect\n)\n")
    requirements = "django==5.0\nsomething==2.0rc1\n-e git+https://x.org/y.git#egg=y\n"
    tree = MemorySnapshot({"composer.json": composer, "go.mod": gomod,
                           "requirements.txt": requirements},
                          history=_history("v2.0.0"))
    finding = run("ready-dependencies", tree)["MA-3"]
    assert finding.outcome.value == "warn"
    text = " ".join(e.message for e in finding.evidence)
    for expected in ("drupal/x", "minimum-stability", "github.com/a/b", "something", "y"):
        assert expected in text
    assert "github.com/e/f" not in text and "django" not in text


def test_unstable_dependencies_without_ready_claim_do_not_apply():
    tree = MemorySnapshot({"package.json": '{"dependencies": {"a": "1.0.0-rc.1"}}'},
                          history=_history("v0.3.0"))
    assert outcomes("ready-dependencies", tree) == {"MA-3": "not_applicable"}
    prerelease = RepositoryFacts(releases=(Release("v1.0.0-rc.1", None, None, prerelease=True),))
    tree = MemorySnapshot({"package.json": '{"dependencies": {"a": "1.0.0-rc.1"}}'},
                          facts=prerelease)
    assert outcomes("ready-dependencies", tree) == {"MA-3": "not_applicable"}


def test_stable_dependencies_pass_and_broken_manifests_do_not_raise():
    tree = MemorySnapshot({"publiccode.yml": STABLE_PC,
                           "package.json": '{"dependencies": {"a": "^1.0.0"}}',
                           "composer.json": "{not json",
                           "pyproject.toml": "[project\n"})
    assert outcomes("ready-dependencies", tree) == {"MA-3": "pass"}


def test_versioning_method():
    changelog = ("# Changelog\n\nThe format is based on Keep a Changelog, and this project "
                 "adheres to [Semantic Versioning](https://semver.org/).\n")
    finding = run("versioning-method", MemorySnapshot({"CHANGELOG.md": changelog}))["MA-5"]
    assert finding.outcome.value == "pass"
    assert finding.evidence[0].path == "CHANGELOG.md"
    section = "# X\n\n## Versioning\n\nWe number releases by year and month.\n"
    assert outcomes("versioning-method", MemorySnapshot({"README": section})) == {"MA-5": "pass"}
    assert outcomes("versioning-method", MemorySnapshot({"README": "# X"})) == {"MA-5": "warn"}
