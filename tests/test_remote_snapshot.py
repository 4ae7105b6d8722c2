"""Reading one commit from the fake GitHub as a Snapshot: few requests, safe, honest facts."""

from __future__ import annotations

import io
import tarfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from publiccode_checker.evaluation.engine import evaluate
from publiccode_checker.forge.github import GitHubApp, NotFound
from publiccode_checker.forge.github.remote_snapshot import RemoteSnapshot, SnapshotLimits
from publiccode_checker.forge.github.tarball import ArchiveLimits, read_archive, safe_member_path
from publiccode_checker.snapshots import UNKNOWN, ReviewRule
from tests.fake_github import FakeGitHub, FixtureCommit, FixturePull, FixtureRepo
from tests.fake_github.fixtures import (
    INSTALLATION_ID,
    SAMPLE_FILES,
    make_app,
    running_fake,
)

REPO = "org/rich"
T0 = datetime(2025, 3, 1, tzinfo=UTC)


def rich_repo(**overrides: object) -> FixtureRepo:
    options: dict = {
        "symlinks": {"README": "README.md", "escape": "../../etc/passwd"},
        "submodules": {"vendor/lib": "a" * 40},
        "licence_spdx_id": "EUPL-1.2",
        "description": "Rich fixture",
        "topics": ["public-code", "eu"],
        "releases": [{"tag": "v1.0.0", "name": "First", "published_at": "2025-02-01T00:00:00Z",
                      "notes": "Changes"}],
        "tags": [("v1.0.0", T0 - timedelta(days=28))],
        "pulls": [
            FixturePull(3, "alice", "MERGED", T0 - timedelta(days=3), T0 - timedelta(days=2),
                        approvals=["bob", "alice"], comments=[("bob", T0 - timedelta(days=3))]),
            FixturePull(2, "dependabot", "MERGED", T0 - timedelta(days=5), T0 - timedelta(days=4),
                        author_is_bot=True, checks_state="FAILURE"),
            FixturePull(1, "eve", "CLOSED", T0 - timedelta(days=9), T0 - timedelta(days=8),
                        comments=[("carol", T0 - timedelta(days=8))], checks_state=None),
            FixturePull(4, "dan", "OPEN"),
        ],
        "milestones_due": [T0 + timedelta(days=30), None],
        "branch_rules": [
            {"type": "pull_request", "ruleset_source_type": "Repository",
             "ruleset_source": "org/rich", "ruleset_id": 9,
             "parameters": {"required_approving_review_count": 2,
                            "dismiss_stale_reviews_on_push": True,
                            "require_code_owner_review": False,
                            "require_last_push_approval": False,
                            "required_review_thread_resolution": False}},
            {"type": "required_status_checks", "ruleset_id": 9, "parameters": {
                "strict_required_status_checks_policy": True,
                "required_status_checks": [{"context": "ci/test"}]}},
        ],
        "commits": [
            FixtureCommit("Merge pull request #3\n\nDetails", date=T0, parents=2, signed=True),
            FixtureCommit("Add docs", author_name="Bob", author_email="bob@example.org",
                          date=T0 - timedelta(days=1), signed=None),
            FixtureCommit("Initial commit", date=T0 - timedelta(days=40), parents=0),
        ],
    }
    options.update(overrides)
    files = options.pop("files", {**SAMPLE_FILES, "docs/guide/setup.md": "# Setup\n",
                                  "assets/logo.png": b"\x89PNG\r\n\x1a\n\0\0binary"})
    return FixtureRepo(REPO, files, **options)  # type: ignore[arg-type]


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with running_fake() as fake:
        yield fake


def client_for(fake: FakeGitHub, repo: FixtureRepo) -> tuple[GitHubApp, object]:
    fake.add_repository(repo, installation_id=INSTALLATION_ID)
    app = make_app(fake)
    return app, app.installation(INSTALLATION_ID)


def api_reads(fake: FakeGitHub) -> list[str]:
    return [f"{r.method} {r.path}" for r in fake.requests
            if "access_tokens" not in r.path and not r.path.startswith("/_codeload/")]


def test_small_repository_read_in_five_requests_and_evaluated(fake: FakeGitHub) -> None:
    repo = rich_repo()
    _, client = client_for(fake, repo)
    snapshot = client.read_snapshot(REPO, repo.head)

    assert isinstance(snapshot, RemoteSnapshot)
    assert client.counter.reads <= 5 and client.counter.writes == 0
    assert client.counter.per_repository[REPO] == (client.counter.reads, 0)
    assert client.counter.downloads == 1  # the archive's redirect hop
    assert len(api_reads(fake)) == client.counter.reads
    assert any("/tarball/" in r for r in api_reads(fake))

    assert snapshot.commit == repo.head and snapshot.complete
    assert snapshot.read_text("README.md") == SAMPLE_FILES["README.md"]
    assert snapshot.read_text("docs/guide/setup.md") == "# Setup\n"
    assert snapshot.entries()["README"].kind == "symlink"
    assert snapshot.entries()["README"].target == "README.md"
    assert snapshot.read_text("README") == SAMPLE_FILES["README.md"]  # a link inside the tree
    assert snapshot.read_bytes("escape") is None  # a link out of the tree is not followed
    assert snapshot.entries()["vendor/lib"].kind == "submodule"
    assert snapshot.entries()["assets/logo.png"].size == len(repo.files["assets/logo.png"])
    assert snapshot.is_binary("assets/logo.png")

    evaluation = evaluate(snapshot)
    assert evaluation.commit == repo.head
    assert evaluation.facts["repository"]["full_name"] == REPO


def test_facts_and_history_are_mapped(fake: FakeGitHub) -> None:
    repo = rich_repo()
    _, client = client_for(fake, repo)
    snapshot = client.read_snapshot(REPO)  # no sha: the default branch's head
    facts = snapshot.facts
    assert snapshot.commit == repo.head
    assert (facts.full_name, facts.owner, facts.visibility) == (REPO, "org", "public")
    assert facts.archived is False and facts.fork is False and facts.disabled is False
    assert facts.topics == ("public-code", "eu") and facts.licence_spdx_id == "EUPL-1.2"
    assert facts.default_branch == "main" and facts.has_issues is True
    assert facts.interaction_limit is None
    assert facts.private_vulnerability_reporting is True
    assert facts.review_rule == ReviewRule("ruleset org/rich", 2, None, ("ci/test",))
    assert [r.tag for r in facts.releases] == ["v1.0.0"] and facts.releases[0].has_notes
    assert facts.open_pull_requests == 1
    assert facts.open_milestones_with_due_date == 1
    merged = {p.number: p for p in facts.merged_pull_requests}
    assert merged[3].approvals_by_others == 1  # alice approving her own PR does not count
    assert merged[3].comments_by_others == 1 and merged[3].head_checks_passed is True
    assert merged[3].first_response_at == T0 - timedelta(days=3)
    assert merged[2].is_bot and merged[2].head_checks_passed is False
    (closed,) = facts.closed_unmerged_pull_requests
    assert closed.number == 1 and closed.comments_by_others == 1 and closed.merged_at is None

    history = snapshot.history
    assert history is not None and history.head == repo.head and not history.truncated
    assert [c.subject for c in history.commits] == ["Merge pull request #3", "Add docs",
                                                    "Initial commit"]
    assert history.commits[0].body == "Details" and history.commits[0].parents == 2
    assert [c.signed for c in history.commits] == [True, False, False]
    assert history.commits[1].author_email == "bob@example.org"
    assert history.tags[0].name == "v1.0.0" and history.branches == ("main",)


def test_large_repository_reads_only_the_files_checks_need(fake: FakeGitHub) -> None:
    files = {f"src/module_{n}.py": f"x = {n}\n" for n in range(60)}
    files.update(SAMPLE_FILES)
    files["docs/deep/page.md"] = "# Deep\n"
    repo = rich_repo(files=files)
    _, client = client_for(fake, repo)
    snapshot = client.read_snapshot(REPO, limits=SnapshotLimits(tarball_max_files=20))

    assert client.counter.reads <= 5 and client.counter.downloads == 0
    assert not any("/tarball/" in r for r in api_reads(fake))
    assert [r.operation for r in fake.requests if r.operation] == ["RepositorySnapshot",
                                                                   "SnapshotFiles"]
    assert not snapshot.complete
    assert snapshot.read_text("README.md") == SAMPLE_FILES["README.md"]
    assert snapshot.read_text("publiccode.yml") == SAMPLE_FILES["publiccode.yml"]
    assert snapshot.read_text(".github/workflows/ci.yml") == "on: push\n"
    assert snapshot.read_text("docs/deep/page.md") == "# Deep\n"
    assert snapshot.exists("src/module_7.py")  # listed from the tree...
    assert snapshot.read_text("src/module_7.py") is None  # ...but not fetched
    assert any("too large to download whole" in p for p in snapshot.problems)
    assert any("src/module_7.py: contents not fetched" in p for p in snapshot.problems)
    evaluate(snapshot)


def test_truncated_tree_keeps_root_and_github_folder(fake: FakeGitHub) -> None:
    files = {f"0-vendor/deep/{n:03}.txt": "x\n" for n in range(50)}
    files.update(SAMPLE_FILES)
    repo = rich_repo(files=files, tree_limit=10)
    listed = [i.path for i in repo.items[: repo.tree_limit]]
    assert "README.md" not in listed and "CONTRIBUTING.md" not in listed
    _, client = client_for(fake, repo)
    snapshot = client.read_snapshot(REPO)
    assert client.counter.reads <= 5
    assert any("truncated" in p for p in snapshot.problems)
    # Root files sort after the large folder, so the truncated listing lacks them; the
    # GraphQL root listing brings them back.
    assert snapshot.read_text("README.md") == SAMPLE_FILES["README.md"]
    assert snapshot.read_text("CONTRIBUTING.md") is not None
    assert not snapshot.complete and fake.count("GET", "/tarball/") == 0


def _tar(members: list[tuple[tarfile.TarInfo, bytes | None]]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for info, data in members:
            if data is not None:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            else:
                tar.addfile(info)
    return buffer.getvalue()


def _member(name: str, kind: bytes = tarfile.REGTYPE, link: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    return info


def hostile_archive(top: str) -> bytes:
    return _tar([
        (_member(f"{top}/README.md"), b"# Sample\n\nA sample product for public code checks.\n"),
        (_member(f"{top}/../../outside.txt"), b"escaped"),
        (_member("/etc/cron.d/evil"), b"* * * * * root id"),
        (_member(f"{top}/LICENSE", tarfile.LNKTYPE, "/etc/shadow"), None),
        (_member(f"{top}/dev", tarfile.CHRTYPE), None),
        (_member(f"{top}/README", tarfile.SYMTYPE, "/etc/passwd"), None),
        (_member(f"{top}/not-in-tree.txt"), b"smuggled"),
    ])


def test_hostile_archive_members_are_refused(fake: FakeGitHub, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    repo = rich_repo(symlinks={"README": "README.md"})
    repo.tarball_override = hostile_archive(f"org-rich-{repo.head[:7]}")
    _, client = client_for(fake, repo)
    snapshot = client.read_snapshot(REPO)
    problems = "\n".join(snapshot.problems)
    assert "outside.txt" in problems and "/etc/cron.d/evil" in problems
    assert "hard link" in problems and "special file" in problems
    assert snapshot.read_text("README.md").startswith("# Sample")
    assert snapshot.read_bytes("LICENSE") is None  # the hard link was not read
    assert snapshot.entries()["README"].target == "/etc/passwd"
    assert snapshot.read_bytes("README") is None  # and the link was not followed
    assert not snapshot.exists("not-in-tree.txt")  # the tree decides what exists
    assert list(tmp_path.iterdir()) == []  # nothing was written anywhere


def test_archive_caps() -> None:
    many = _tar([(_member(f"top/f{n}"), b"x" * 10) for n in range(20)])
    capped = read_archive(many, ArchiveLimits(max_members=5))
    assert len(capped.files) <= 5 and not capped.complete
    big = read_archive(many, ArchiveLimits(max_total_bytes=55))
    assert sum(map(len, big.files.values())) <= 55 and not big.complete
    start = read_archive(many, ArchiveLimits(max_file_bytes=4))
    assert start.files["f0"] == b"xxxx"
    assert not read_archive(b"not an archive").complete
    assert not read_archive(many, ArchiveLimits(max_archive_bytes=10)).files
    assert safe_member_path("top/a/../../b") is None and safe_member_path("top/a/b") == "a/b"


def test_archive_that_inflates_hugely_is_cut_short() -> None:
    bomb = _tar([(_member("top/zeros"), b"\0" * 8_000_000)])
    assert len(bomb) < 100_000
    result = read_archive(bomb, ArchiveLimits(max_archive_bytes=250_000))  # inflate cap: 1 MB
    assert not result.complete
    assert any("inflates to more than" in p for p in result.problems)


def test_missing_optional_facts_stay_unknown(fake: FakeGitHub) -> None:
    repo = rich_repo(private_vulnerability_reporting=403, branch_rules=404,
                     graphql_forbidden={"releases", "interactionAbility"})
    _, client = client_for(fake, repo)
    snapshot = client.read_snapshot(REPO)
    facts = snapshot.facts
    assert facts.private_vulnerability_reporting is UNKNOWN
    assert facts.releases is UNKNOWN and facts.interaction_limit is UNKNOWN
    # Classic protection says "none", but the rulesets could not be read: no guess.
    assert facts.review_rule is UNKNOWN
    assert facts.topics == ("public-code", "eu")  # the rest is still known
    assert "releases" in evaluate(snapshot).facts["repository"]["unknown"]


def test_no_rules_anywhere_is_a_known_none(fake: FakeGitHub) -> None:
    repo = rich_repo(branch_rules=[])
    _, client = client_for(fake, repo)
    assert client.read_snapshot(REPO).facts.review_rule is None


def test_classic_protection_counts_and_forbidden_protection_is_unknown(fake: FakeGitHub) -> None:
    repo = rich_repo(branch_rules=[], branch_protection={
        "requiresApprovingReviews": True, "requiredApprovingReviewCount": 1,
        "isAdminEnforced": True, "requiredStatusCheckContexts": ["build"]})
    _, client = client_for(fake, repo)
    assert client.read_snapshot(REPO).facts.review_rule == ReviewRule(
        "branch protection", 1, False, ("build",))
    repo.graphql_forbidden = {"defaultBranchRef.branchProtectionRule"}
    facts = client.read_snapshot(REPO).facts
    assert facts.review_rule is UNKNOWN and facts.default_branch == "main"


def test_unknown_commit_and_repository(fake: FakeGitHub) -> None:
    _, client = client_for(fake, rich_repo())
    with pytest.raises(NotFound):
        client.read_snapshot(REPO, "f" * 40)
    with pytest.raises(NotFound):
        client.read_snapshot("org/absent")


def test_archive_download_retried_after_5xx(fake: FakeGitHub) -> None:
    repo = rich_repo()
    _, client = client_for(fake, repo)
    fake.fail_next(1, path="^/_codeload/", status=502)
    snapshot = client.read_snapshot(REPO)
    assert snapshot.read_text("README.md") is not None
    assert client.counter.downloads == 2
