"""A snapshot of a directory on disk, with git history when the directory is a git checkout."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from publiccode_checker.snapshots.git_reader import (
    file_change_dates,
    read_history,
    tracked_and_untracked_files,
)
from publiccode_checker.snapshots.model import FileEntry, GitHistory, RepositoryFacts, Snapshot

#: Folders never worth walking when the tree is not a git checkout (git would ignore them anyway).
SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox",
     ".mypy_cache", ".pytest_cache", ".ruff_cache"}
)


class NotADirectoryProblem(Exception):
    """The path given to check is not a readable directory."""


class LocalSnapshot(Snapshot):
    def __init__(
        self,
        root: str | os.PathLike[str],
        *,
        facts: RepositoryFacts | None = None,
        use_git: bool = True,
        history_limit: int = 1000,
    ) -> None:
        path = Path(root)
        if not path.exists():
            raise NotADirectoryProblem(f"{root}: no such directory")
        if not path.is_dir():
            raise NotADirectoryProblem(f"{root}: not a directory")
        self.root = path.resolve()
        history: GitHistory | None = None
        git_paths: list[str] | None = None
        if use_git and _is_git_worktree_root(self.root):
            git_paths = tracked_and_untracked_files(self.root)
            history = read_history(self.root, limit=history_limit)
        super().__init__(
            label=str(root),
            commit=history.head if history else None,
            facts=facts,
            history=history,
        )
        self._entries = self._scan(git_paths)
        self._change_dates: dict[str, tuple[datetime, ...] | None] = {}

    def entries(self) -> Mapping[str, FileEntry]:
        return self._entries

    def _scan(self, git_paths: list[str] | None) -> dict[str, FileEntry]:
        entries: dict[str, FileEntry] = {}
        if git_paths is not None:
            for rel in git_paths:
                entry = self._entry(rel)
                if entry is not None:
                    entries[rel] = entry
            return entries
        for dirpath, dirnames, filenames in os.walk(self.root, onerror=self._walk_error):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS)
            base = Path(dirpath).relative_to(self.root).as_posix()
            # os.walk does not enter symlinked folders; list them as links so checks see them.
            for name in [*dirnames, *filenames]:
                full = Path(dirpath, name)
                if name in dirnames and not full.is_symlink():
                    continue
                rel = name if base == "." else f"{base}/{name}"
                entry = self._entry(rel)
                if entry is not None:
                    entries[rel] = entry
            dirnames[:] = [d for d in dirnames if not Path(dirpath, d).is_symlink()]
        return entries

    def _entry(self, rel: str) -> FileEntry | None:
        full = self.root / rel
        try:
            info = full.lstat()
        except OSError as exc:
            self.note_problem(f"{rel}: cannot be read ({exc.strerror or exc})")
            return None
        if stat.S_ISLNK(info.st_mode):
            try:
                target = os.readlink(full)
            except OSError:
                target = ""
            return FileEntry(rel, info.st_size, "symlink", target)
        if stat.S_ISDIR(info.st_mode):
            # git lists submodules as a path that is a directory on disk.
            return FileEntry(rel, 0, "submodule") if (full / ".git").exists() else None
        if not stat.S_ISREG(info.st_mode):
            return None
        return FileEntry(rel, info.st_size)

    def _read(self, entry: FileEntry, limit: int) -> bytes | None:
        full = self.root / entry.path
        if entry.kind == "symlink":
            resolved = Path(os.path.realpath(full))
            if not resolved.is_relative_to(self.root):
                self.note_problem(f"{entry.path}: symlink points outside the tree; not followed")
                return None
            if not resolved.is_file():
                self.note_problem(f"{entry.path}: symlink is broken or loops; not followed")
                return None
            if resolved.stat().st_size > limit and limit > 8192:
                self.note_problem(f"{entry.path}: skipped, link target is over {limit:,} bytes")
                return None
            full = resolved
        try:
            # os.read on a raw descriptor skips the buffered-file machinery: this runs once per
            # file on trees of tens of thousands of files.
            fd = os.open(full, os.O_RDONLY)
            try:
                chunks = []
                remaining = limit
                while remaining > 0:
                    chunk = os.read(fd, min(remaining, 1024 * 1024))
                    if not chunk:
                        break
                    chunks.append(chunk)
                    remaining -= len(chunk)
                return b"".join(chunks)
            finally:
                os.close(fd)
        except OSError as exc:
            self.note_problem(f"{entry.path}: cannot be read ({exc.strerror or exc})")
            return None

    def change_dates(self, path: str) -> tuple[datetime, ...] | None:
        if self.history is None or not self.history.head or path not in self.entries():
            return None
        if path not in self._change_dates:
            self._change_dates[path] = file_change_dates(self.root, path)
        return self._change_dates[path]

    def _walk_error(self, error: OSError) -> None:
        self.note_problem(f"{error.filename}: cannot be listed ({error.strerror or error})")


def _is_git_worktree_root(path: Path) -> bool:
    if not (path / ".git").exists():
        return False
    try:
        result = subprocess.run(
            ["git", "-C", str(path), "rev-parse", "--show-toplevel"],
            capture_output=True, text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0 and Path(result.stdout.strip()).resolve() == path
