"""Reading a checkout from disk: git listing and history, symlinks, odd files."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from publiccode_checker.snapshots.local import LocalSnapshot, NotADirectoryProblem


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@kommune.dk",
           "GIT_COMMITTER_NAME": "Ada", "GIT_COMMITTER_EMAIL": "ada@kommune.dk"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_not_a_directory(tmp_path: Path):
    with pytest.raises(NotADirectoryProblem):
        LocalSnapshot(tmp_path / "missing")
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryProblem):
        LocalSnapshot(tmp_path / "file")


def test_plain_directory_skips_vcs_and_dependency_folders(tmp_path: Path):
    (tmp_path / "node_modules/pkg").mkdir(parents=True)
    (tmp_path / "node_modules/pkg/index.js").write_text("x")
    (tmp_path / "src").mkdir()
    (tmp_path / "src/app.py").write_text("print(1)\n")
    snapshot = LocalSnapshot(tmp_path)
    assert snapshot.paths == ("src/app.py",)
    assert snapshot.history is None and snapshot.commit is None


def test_git_checkout_lists_tracked_and_unignored_files_and_reads_history(tmp_path: Path):
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / "README.md").write_text("# Hello\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "Add the README (#1)")
    git(tmp_path, "tag", "v1.0.0")
    (tmp_path / "build").mkdir()
    (tmp_path / "build/out.bin").write_bytes(b"\0")
    (tmp_path / "new.txt").write_text("untracked but not ignored\n")
    git(tmp_path, "remote", "add", "origin", "https://github.com/os2/hello.git")
    snapshot = LocalSnapshot(tmp_path)
    assert set(snapshot.paths) == {".gitignore", "README.md", "new.txt"}
    history = snapshot.history
    assert history is not None and len(history.commits) == 1
    assert history.commits[0].subject == "Add the README (#1)"
    assert history.commits[0].author_email == "ada@kommune.dk"
    assert [t.name for t in history.tags] == ["v1.0.0"]
    assert history.remote_url == "https://github.com/os2/hello.git"
    assert snapshot.commit == history.head


def test_empty_git_repository(tmp_path: Path):
    git(tmp_path, "init", "-q")
    snapshot = LocalSnapshot(tmp_path)
    assert snapshot.paths == ()
    assert snapshot.history is not None and snapshot.history.commits == ()


def test_symlinks_out_of_the_tree_and_loops_are_not_followed(tmp_path: Path):
    outside = tmp_path / "outside.txt"
    outside.write_text("secret outside the tree")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "README.md").write_text("# x\n")
    (root / "escape.md").symlink_to(outside)
    (root / "loop1").symlink_to(root / "loop2")
    (root / "loop2").symlink_to(root / "loop1")
    (root / "docs").symlink_to(tmp_path)  # a folder link must not be walked
    (root / "alias.md").symlink_to(root / "README.md")
    snapshot = LocalSnapshot(root)
    assert snapshot.read_text("escape.md") is None
    assert snapshot.read_text("loop1") is None
    assert snapshot.read_text("alias.md") == "# x\n"
    assert not any(p.startswith("docs/") for p in snapshot.paths)
    assert any("outside the tree" in p for p in snapshot.problems)
    assert any("broken or loops" in p for p in snapshot.problems)


def test_huge_binary_and_non_utf8_files(tmp_path: Path):
    (tmp_path / "big.txt").write_bytes(b"a" * (2 * 1024 * 1024))
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    (tmp_path / "latin1.md").write_bytes("Kommune ø æ å".encode("latin-1"))
    snapshot = LocalSnapshot(tmp_path)
    assert snapshot.read_text("big.txt") is None
    assert snapshot.head_text("big.txt", 10) == "a" * 10
    assert snapshot.read_text("image.png") is None and snapshot.is_binary("image.png")
    assert snapshot.read_text("latin1.md").startswith("Kommune")
    assert any("big.txt" in p for p in snapshot.problems)
    assert any("UTF-8" in p for p in snapshot.problems)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission")
def test_unreadable_file_is_reported(tmp_path: Path):
    secret = tmp_path / "locked.md"
    secret.write_text("x")
    secret.chmod(0)
    snapshot = LocalSnapshot(tmp_path)
    assert snapshot.read_text("locked.md") is None
    assert any("locked.md" in p for p in snapshot.problems)
