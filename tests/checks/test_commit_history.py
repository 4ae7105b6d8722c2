"""VC-2, VC-3, VC-6, VC-8, RP-5 and the history collector, on built histories and a real repo."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime, timedelta

import pytest

from publiccode_checker.evidence.history import (
    is_bot,
    is_informative,
    link_kind,
    organisation_of,
    people,
)
from publiccode_checker.snapshots import Commit, GitHistory, MemorySnapshot, Tag
from publiccode_checker.snapshots.local import LocalSnapshot
from tests.checks.helpers import outcomes, run

NOW = datetime(2025, 6, 2, 12, tzinfo=UTC)


def commit(subject: str, *, days: float = 1, email: str = "ann@kk.dk", name: str = "Ann",
           body: str = "", parents: int = 1, sha: str | None = None) -> Commit:
    when = NOW - timedelta(days=days)
    return Commit(sha=sha or f"{abs(hash((subject, days, email))):040x}"[:40], parents=parents,
                  author_name=name, author_email=email, authored_at=when, committed_at=when,
                  subject=subject, body=body)


def snapshot(commits, *, tags=(), branches=(), truncated=False) -> MemorySnapshot:
    history = GitHistory(head="abc", head_date=NOW, commits=tuple(commits), tags=tuple(tags),
                         branches=tuple(branches), truncated=truncated)
    return MemorySnapshot({"README.md": "# x\n"}, history=history)


GOOD = "Validate postcodes before saving addresses (#12)"


# -- the collector's building blocks ------------------------------------------------------------
def test_bot_rule():
    assert is_bot("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")
    assert is_bot("Renovate Bot", "bot@renovateapp.com")
    assert is_bot("Hosted Weblate", "hosted@weblate.org")
    assert not is_bot("Ann", "ann@kk.dk")


def test_informative_subjects():
    assert is_informative(commit("Validate postcodes before saving addresses"))
    assert is_informative(commit("fix(parser): handle empty input files"))
    for weak in ("fix", "wip", "Update README.md", "minor changes", "Add files via upload",
                 "Update README.md (#4)", "fix: typo", "Apply suggestions from code review"):
        assert not is_informative(commit(weak)), weak


def test_links():
    assert link_kind(commit("Fix login (#42)")) == "reference"
    assert link_kind(commit("Fix login", body="Closes https://github.com/o/r/issues/7")) \
        == "reference"
    assert link_kind(commit("Fix login for PROJ-123")) == "tracker"
    assert link_kind(commit("Use UTF-8 everywhere and ISO-8601 dates")) is None
    assert link_kind(commit("Fix login")) is None


def test_organisations_by_domain():
    assert organisation_of("ann@kk.dk") == "kk.dk"
    assert organisation_of("bob@mail.frederiksberg.dk") == "frederiksberg.dk"
    assert organisation_of("carl@digital.gov.uk") == "digital.gov.uk"
    assert organisation_of("dora@gmail.com") is None
    assert organisation_of("eve@hotmail.co.uk") is None
    assert organisation_of("123+eve@users.noreply.github.com") is None
    assert organisation_of("not-an-address") is None


def test_people_merges_identities():
    commits = [commit("a", email="ann@kk.dk", name="Ann"),
               commit("b", email="ann@gmail.com", name="Ann"),
               commit("c", email="bob@kk.dk", name="Bob")]
    assert len(people(commits)) == 2


# -- VC-2 and VC-3 ------------------------------------------------------------------------------
def test_good_messages_pass():
    snap = snapshot([commit(GOOD, days=i) for i in range(1, 30)])
    assert outcomes("commit-messages", snap) == {"VC-2": "pass", "VC-3": "pass"}


def test_poor_messages_warn_and_never_fail_vc2():
    snap = snapshot([commit("fix", days=i) for i in range(1, 30)])
    found = run("commit-messages", snap)
    assert found["VC-2"].outcome.value == "warn"
    assert any("uninformative" in e.message for e in found["VC-2"].evidence)
    assert found["VC-3"].outcome.value == "fail"


def test_unlinked_commits_with_pr_merges_only_warn():
    commits = [commit("Validate postcodes before saving", days=i) for i in range(1, 20)]
    commits.append(commit("Merge pull request #3 from ann/postcodes", days=1, parents=2))
    assert outcomes("commit-messages", snapshot(commits))["VC-3"] == "warn"


def test_private_tracker_keys_warn():
    snap = snapshot([commit(f"Validate postcodes before saving PROJ-{i}", days=i)
                     for i in range(1, 20)])
    assert outcomes("commit-messages", snap)["VC-3"] == "warn"


def test_bots_and_merges_are_left_out():
    commits = [commit(GOOD, days=i) for i in range(1, 15)]
    commits += [commit("bump", days=i, name="dependabot[bot]", email="x@dependabot.com")
                for i in range(1, 40)]
    commits += [commit("Merge branch 'x'", days=i, parents=2) for i in range(1, 40)]
    assert outcomes("commit-messages", snapshot(commits)) == {"VC-2": "pass", "VC-3": "pass"}


def test_no_history_and_shallow_history_are_unknown():
    assert outcomes("commit-messages", MemorySnapshot({"a": "b"})) == \
        {"VC-2": "unknown", "VC-3": "unknown"}
    shallow = snapshot([commit("fix", days=1)], truncated=True)
    assert outcomes("commit-messages", shallow) == {"VC-2": "unknown", "VC-3": "unknown"}
    only_bots = snapshot([commit("bump", name="renovate[bot]", email="bot@renovate.com")])
    assert outcomes("commit-messages", only_bots)["VC-2"] == "unknown"


# -- VC-6 ---------------------------------------------------------------------------------------
def test_tags_mark_releases():
    snap = snapshot([commit(GOOD)], tags=[Tag("v1.0.0", "abc", NOW - timedelta(days=3))])
    assert outcomes("release-tags", snap) == {"VC-6": "pass"}
    assert outcomes("release-tags", snapshot([commit(GOOD)])) == {"VC-6": "warn"}
    assert outcomes("release-tags", snapshot([commit(GOOD)], truncated=True)) == \
        {"VC-6": "unknown"}
    assert outcomes("release-tags", MemorySnapshot({})) == {"VC-6": "unknown"}


def test_stale_tag_is_noted():
    old = NOW - timedelta(days=500)
    commits = [commit(GOOD, days=i) for i in range(1, 60)]
    found = run("release-tags", snapshot(commits, tags=[Tag("v1.0.0", "abc", old)]))
    assert found["VC-6"].outcome.value == "pass"
    assert any("days old" in e.message for e in found["VC-6"].evidence)


# -- VC-8 ---------------------------------------------------------------------------------------
def test_signatures_are_reported_as_information():
    snap = snapshot([commit(GOOD, body="Signed-off-by: Ann <ann@kk.dk>"),
                     commit(GOOD, email="1+a@users.noreply.github.com", days=2)])
    found = run("commit-signatures", snap)["VC-8"]
    assert found.outcome.value == "info"
    assert "1 of 2 with a contactable" in found.message and "1 with Signed-off-by" in found.message


# -- RP-5 ---------------------------------------------------------------------------------------
def test_two_organisations_pass():
    commits = [commit(GOOD, days=i, email="ann@kk.dk") for i in range(1, 20)]
    commits += [commit(GOOD, days=i, email="bob@aarhus.dk", name="Bob") for i in range(1, 8)]
    assert outcomes("multi-party-development", snapshot(commits)) == {"RP-5": "pass"}


def test_one_organisation_warns():
    commits = [commit(GOOD, days=i, email="ann@kk.dk") for i in range(1, 40)]
    commits.append(commit(GOOD, days=2, email="bob@aarhus.dk", name="Bob"))
    assert outcomes("multi-party-development", snapshot(commits)) == {"RP-5": "warn"}


def test_mostly_personal_addresses_are_unknown():
    commits = [commit(GOOD, days=i, email=f"p{i}@gmail.com", name=f"P{i}") for i in range(1, 20)]
    commits.append(commit(GOOD, email="ann@kk.dk"))
    assert outcomes("multi-party-development", snapshot(commits)) == {"RP-5": "unknown"}


def test_old_commits_fall_outside_the_window():
    commits = [commit(GOOD, days=1, email="ann@kk.dk")]
    commits += [commit(GOOD, days=400 + i, email="bob@aarhus.dk", name="Bob") for i in range(9)]
    assert outcomes("multi-party-development", snapshot(commits)) == {"RP-5": "warn"}
    assert outcomes("multi-party-development", MemorySnapshot({})) == {"RP-5": "unknown"}


# -- a real repository --------------------------------------------------------------------------
def _git(root, *args, date="2025-05-01T12:00:00+02:00", email="ann@kk.dk", name="Ann"):
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name,
           "GIT_COMMITTER_EMAIL": email, "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path):
    _git(tmp_path, "init", "-q", "-b", "main")
    for day in range(1, 13):
        (tmp_path / "app.py").write_text(f"VALUE = {day}\n")
        _git(tmp_path, "add", "app.py")
        email = "ann@kk.dk" if day % 3 else "bob@aarhus.dk"
        _git(tmp_path, "commit", "-q", "-m", f"Raise the value to {day} for the new rates (#{day})",
             date=f"2025-05-{day:02d}T12:00:00+02:00", email=email,
             name="Ann" if day % 3 else "Bob")
    _git(tmp_path, "tag", "v1.0.0", date="2025-05-12T13:00:00+02:00")
    _git(tmp_path, "branch", "feature/rates")
    return tmp_path


def test_real_repository(repo):
    snap = LocalSnapshot(repo)
    assert snap.history is not None
    assert outcomes("commit-messages", snap) == {"VC-2": "pass", "VC-3": "pass"}
    assert outcomes("release-tags", snap) == {"VC-6": "pass"}
    assert outcomes("multi-party-development", snap) == {"RP-5": "pass"}
    assert outcomes("versioned", snap)["MA-1"] == "pass"
    assert outcomes("work-in-the-open", snap) == {"CO-4": "pass"}
