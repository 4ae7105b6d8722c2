"""CO-1 and CO-4: public source code and work in the open."""

from __future__ import annotations

from datetime import UTC, datetime

from publiccode_checker.snapshots import Commit, GitHistory, MemorySnapshot, RepositoryFacts, Tag
from tests.checks.helpers import outcomes, run

NOW = datetime(2025, 6, 2, tzinfo=UTC)
SOURCE = {"src/app.py": "print('hi')\n"}


def co1(files, **facts):
    return run("published-source", MemorySnapshot(files, facts=RepositoryFacts(**facts)))["CO-1"]


def test_public_repository_with_source_passes():
    assert co1(SOURCE, visibility="public", disabled=False).outcome.value == "pass"


def test_private_or_disabled_repository_fails():
    assert co1(SOURCE, visibility="private").outcome.value == "fail"
    assert co1(SOURCE, visibility="internal").outcome.value == "fail"
    assert co1(SOURCE, visibility="public", disabled=True).outcome.value == "fail"


def test_no_source_files_warns():
    assert co1({"README.md": "# x"}, visibility="public").outcome.value == "warn"
    assert co1({"vendor/lib/x.py": "x"}, visibility="public").outcome.value == "warn"


def test_visibility_unknown_offline():
    assert co1(SOURCE).outcome.value == "unknown"


def test_submodules_are_listed_to_confirm():
    files = {**SOURCE, ".gitmodules": '[submodule "lib"]\n\tpath = lib\n'
             '\turl = https://git.example.org/kk/lib.git\n'}
    finding = co1(files, visibility="public")
    assert finding.outcome.value == "manual"
    assert any(e.path == ".gitmodules" and e.line == 3 for e in finding.evidence)


def history(tags=(), branches=(), truncated=False):
    commit = Commit("a" * 40, 1, "Ann", "ann@kk.dk", NOW, NOW, "Start")
    return GitHistory("a" * 40, NOW, (commit,), tuple(tags), tuple(branches), truncated)


def co4(hist=None, **facts):
    return outcomes("work-in-the-open",
                    MemorySnapshot(SOURCE, history=hist, facts=RepositoryFacts(**facts)))["CO-4"]


def test_tags_branches_or_open_prs_pass():
    assert co4(history(tags=[Tag("v1.0.0", "a", NOW), Tag("v0.9.0", "b", NOW)])) == "pass"
    assert co4(history(branches=["main", "origin/main", "origin/feature/x"])) == "pass"
    assert co4(history(), open_pull_requests=3) == "pass"


def test_only_current_version_warns():
    assert co4(history(tags=[Tag("v1.0.0", "a", NOW)], branches=["main", "origin/main"])) \
        == "warn"
    assert co4(history(branches=["trunk"]), default_branch="trunk") == "warn"


def test_unknown_without_data_or_with_shallow_clone():
    assert co4() == "unknown"
    assert co4(history(truncated=True)) == "unknown"
