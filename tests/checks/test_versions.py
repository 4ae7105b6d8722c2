"""MA-1, MA-4 and MA-6: version tags, release notes and SemVer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from publiccode_checker.snapshots import (
    Commit,
    GitHistory,
    MemorySnapshot,
    Release,
    RepositoryFacts,
    Tag,
)
from tests.checks.helpers import outcomes, run

NOW = datetime(2025, 6, 2, tzinfo=UTC)
COMMIT = Commit("a" * 40, 1, "Ann", "ann@kk.dk", NOW, NOW, "Add the rates table for 2025")


def snap(files=None, tags=(), *, truncated=False, facts=None, history=True) -> MemorySnapshot:
    hist = GitHistory("a" * 40, NOW, (COMMIT,), tuple(tags), (), truncated) if history else None
    return MemorySnapshot(files or {"app.py": "x = 1\n"}, history=hist, facts=facts)


def tag(name: str, days: int = 1) -> Tag:
    return Tag(name, "a" * 40, NOW - timedelta(days=days))


def test_version_tags_pass_and_semver_is_reported():
    found = outcomes("versioned", snap(tags=[tag("v1.2.0"), tag("v1.1.0", 30)]))
    assert found == {"MA-1": "pass", "MA-6": "pass"}
    found = outcomes("versioned", snap(tags=[tag("v1.2"), tag("release-2024-05", 30)]))
    assert found == {"MA-1": "pass", "MA-6": "info"}


def test_non_version_tags_do_not_count():
    assert outcomes("versioned", snap(tags=[tag("deployed"), tag("test")]))["MA-1"] == "fail"


def test_declared_version_only_warns():
    files = {"package.json": '{\n  "name": "x",\n  "version": "2.3.1"\n}\n'}
    found = run("versioned", snap(files))["MA-1"]
    assert found.outcome.value == "warn"
    assert (found.evidence[0].path, found.evidence[0].line) == ("package.json", 3)


def test_releases_count_when_known():
    facts = RepositoryFacts(releases=(Release("v3.0.0", "3.0", NOW, has_notes=True),))
    assert outcomes("versioned", snap(facts=facts))["MA-1"] == "pass"
    assert outcomes("versioned", snap(facts=RepositoryFacts(releases=())))["MA-1"] == "fail"


def test_missing_or_shallow_history_is_unknown():
    assert outcomes("versioned", snap(history=False)) == {"MA-1": "unknown", "MA-6": "info"}
    assert outcomes("versioned", snap(truncated=True))["MA-1"] == "unknown"


def test_changelog_mentions_latest_tag():
    files = {"CHANGELOG.md": "# Changelog\n\n## [1.2.0] - 2025-05-30\n\n- Rates\n"}
    found = run("release-notes", snap(files, tags=[tag("v1.2.0")]))["MA-4"]
    assert found.outcome.value == "pass"
    assert found.evidence[0].line == 3
    stale = outcomes("release-notes", snap(files, tags=[tag("v1.3.0")]))
    assert stale == {"MA-4": "warn"}
    # 1.2.0 must not be read as 1.2.0.1 or 11.2.0
    other = {"CHANGELOG.md": "## 11.2.0\n## 1.2.0.1\n"}
    assert outcomes("release-notes", snap(other, tags=[tag("v1.2.0")])) == {"MA-4": "warn"}


def test_changelog_without_tags_and_missing_changelog():
    files = {"RELEASE_NOTES.md": "# Release notes\n"}
    assert outcomes("release-notes", snap(files)) == {"MA-4": "pass"}
    assert outcomes("release-notes", snap()) == {"MA-4": "warn"}


def test_release_notes_on_github_releases():
    noted = tuple(Release(f"v1.{i}.0", None, NOW - timedelta(days=i), has_notes=True)
                  for i in range(3))
    assert outcomes("release-notes", snap(facts=RepositoryFacts(releases=noted))) == \
        {"MA-4": "pass"}
    bare = (Release("v2.0.0", None, NOW, has_notes=False), *noted)
    assert outcomes("release-notes", snap(facts=RepositoryFacts(releases=bare))) == \
        {"MA-4": "warn"}


def test_changelog_headings_with_a_dotted_v_prefix_name_the_version():
    files = {"CHANGELOG.rst": "Changelog\n=========\n\nv.3.4.10 2025-05-30\n-------------------\n"}
    found = run("release-notes", snap(files, tags=[tag("app-3.4.10")]))["MA-4"]
    assert found.outcome.value == "pass"
    assert found.evidence[0].line == 4
    assert outcomes("release-notes", snap({"CHANGELOG.md": "## 13.4.10\n"},
                                          tags=[tag("app-3.4.10")])) == {"MA-4": "warn"}
