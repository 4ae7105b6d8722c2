"""What a check may know about one commit of a repository.

A snapshot is read-only. File contents come through size-capped reads; repository facts that only an
API can tell (visibility, reviews, releases...) are ``UNKNOWN`` until something gathered them, so a
check can always tell "not gathered" apart from "no".
"""

from __future__ import annotations

import posixpath
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from functools import cached_property
from typing import Any, Literal

#: Largest file a check reads whole. Bigger files are listed but not read.
MAX_FILE_BYTES = 1024 * 1024
#: How much of a file decides whether it is binary.
BINARY_SNIFF_BYTES = 8192
#: Files up to this size are kept in memory once read, within a budget per snapshot.
CACHED_FILE_BYTES = 64 * 1024
CACHE_BUDGET_BYTES = 96 * 1024 * 1024


class _Unknown:
    """Marker for a fact nobody gathered. Not falsy on purpose: checks must test ``is UNKNOWN``."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __reduce__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()


def is_known(value: object) -> bool:
    return value is not UNKNOWN


EntryKind = Literal["file", "symlink", "submodule"]


@dataclass(frozen=True)
class FileEntry:
    path: str
    size: int
    kind: EntryKind = "file"
    #: For symlinks: where the link points, as written in the link.
    target: str | None = None


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: int
    author_name: str
    author_email: str
    authored_at: datetime
    committed_at: datetime
    subject: str
    body: str = ""
    #: ``None`` when the reader could not tell.
    signed: bool | None = None
    #: Parent commits, first parent first; empty when the reader only knew how many there were.
    parent_shas: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tag:
    name: str
    sha: str
    date: datetime | None


@dataclass(frozen=True)
class GitHistory:
    """Recent history of the evaluated commit, newest first, as far as the reader went."""

    head: str
    head_date: datetime | None
    commits: tuple[Commit, ...]
    tags: tuple[Tag, ...] = ()
    branches: tuple[str, ...] = ()
    #: True when history stops early (shallow clone or a read limit), so "no commits" is not proof.
    truncated: bool = False
    #: Where the checkout was cloned from (``remote.origin.url``), when known.
    remote_url: str | None = None


@dataclass(frozen=True)
class Release:
    tag: str
    name: str | None
    published_at: datetime | None
    prerelease: bool = False
    has_notes: bool = False


@dataclass(frozen=True)
class ReviewRule:
    """How the default branch is protected, from rulesets or classic branch protection."""

    source: str
    required_approvals: int
    bypass_allowed: bool | None = None
    required_status_checks: tuple[str, ...] = ()


@dataclass(frozen=True)
class PullRequestFacts:
    number: int
    author: str
    created_at: datetime | None
    merged_at: datetime | None
    closed_at: datetime | None = None
    approvals_by_others: int = 0
    comments_by_others: int = 0
    first_response_at: datetime | None = None
    is_bot: bool = False
    head_checks_passed: bool | None = None


@dataclass
class RepositoryFacts:
    """Facts only a forge API knows. Every field starts ``UNKNOWN``."""

    full_name: Any = UNKNOWN
    owner: Any = UNKNOWN
    visibility: Any = UNKNOWN  # "public" | "private" | "internal"
    archived: Any = UNKNOWN
    disabled: Any = UNKNOWN
    fork: Any = UNKNOWN
    description: Any = UNKNOWN
    homepage: Any = UNKNOWN
    topics: Any = UNKNOWN
    default_branch: Any = UNKNOWN
    has_issues: Any = UNKNOWN
    has_discussions: Any = UNKNOWN
    licence_spdx_id: Any = UNKNOWN
    private_vulnerability_reporting: Any = UNKNOWN
    interaction_limit: Any = UNKNOWN  # None when no limit applies
    secret_scanning_open_alerts: Any = UNKNOWN
    review_rule: Any = UNKNOWN  # ReviewRule | None
    releases: Any = UNKNOWN  # tuple[Release, ...]
    open_pull_requests: Any = UNKNOWN
    merged_pull_requests: Any = UNKNOWN  # tuple[PullRequestFacts, ...]
    closed_unmerged_pull_requests: Any = UNKNOWN  # tuple[PullRequestFacts, ...]
    open_milestones_with_due_date: Any = UNKNOWN
    html_url: Any = UNKNOWN

    def known(self, name: str) -> bool:
        return getattr(self, name) is not UNKNOWN

    def gathered(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if self.known(f.name)}

    def unknown_fields(self) -> list[str]:
        return [f.name for f in fields(self) if not self.known(f.name)]


class Snapshot(ABC):
    """Files of one commit plus what is known about the repository around it."""

    def __init__(
        self,
        *,
        label: str,
        commit: str | None = None,
        facts: RepositoryFacts | None = None,
        history: GitHistory | None = None,
    ) -> None:
        self.label = label
        self.commit = commit
        self.facts = facts or RepositoryFacts()
        #: ``None`` means history was not read, not that there is none.
        self.history = history
        #: Problems met while reading (unreadable files, symlinks out of the tree...).
        self.problems: list[str] = []
        #: Per-snapshot cache for evidence collectors, so each is computed once per evaluation.
        self.memo: dict[str, Any] = {}
        self._text_cache: dict[tuple[str, int], str | None] = {}
        #: Whole small files, kept so that checks scanning the same files (secrets, licence
        #: headers, language samples) read each from disk once.
        self._bytes_cache: dict[str, bytes] = {}
        self._bytes_cached = 0

    # -- what implementations provide -------------------------------------------------------
    @abstractmethod
    def entries(self) -> Mapping[str, FileEntry]:
        """Every file, symlink and submodule, by posix path relative to the root."""

    @abstractmethod
    def _read(self, entry: FileEntry, limit: int) -> bytes | None:
        """Raw bytes of a regular file (at most ``limit``), or None if it cannot be read."""

    # -- derived, shared by all implementations ---------------------------------------------
    @cached_property
    def paths(self) -> tuple[str, ...]:
        return tuple(sorted(self.entries()))

    @cached_property
    def _lower_index(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for path in self.paths:
            index.setdefault(path.lower(), path)
        return index

    @cached_property
    def directories(self) -> frozenset[str]:
        dirs: set[str] = set()
        for path in self.paths:
            parent, _, _ = path.rpartition("/")
            while parent and parent not in dirs:
                dirs.add(parent)
                parent, _, _ = parent.rpartition("/")
        return frozenset(dirs)

    def exists(self, path: str) -> bool:
        return path in self.entries()

    def find_ci(self, path: str) -> str | None:
        """The real path matching ``path`` case-insensitively, if any."""
        return self._lower_index.get(path.lower())

    def is_dir(self, path: str) -> bool:
        return path.rstrip("/") in self.directories

    def children(self, directory: str) -> Iterator[str]:
        """Files directly inside ``directory`` ("" for the root)."""
        prefix = directory.rstrip("/") + "/" if directory else ""
        for path in self.paths:
            if path.startswith(prefix) and "/" not in path[len(prefix):]:
                yield path

    def under(self, directory: str) -> Iterator[str]:
        prefix = directory.rstrip("/") + "/"
        for path in self.paths:
            if path.startswith(prefix):
                yield path

    def read_bytes(self, path: str, limit: int = MAX_FILE_BYTES) -> bytes | None:
        """Bytes of a file; None when missing, too large, a link out of the tree or unreadable.

        The reason is recorded once in ``problems`` so reports can say why a file was skipped.
        """
        entry = self.entries().get(path)
        if entry is None or entry.kind == "submodule":
            return None
        if entry.size > limit:
            self.note_problem(f"{path}: skipped, {entry.size:,} bytes is over {limit:,} bytes")
            return None
        return self._read_cached(entry, limit)

    def _read_cached(self, entry: FileEntry, limit: int) -> bytes | None:
        cached = self._bytes_cache.get(entry.path)
        if cached is not None:
            return cached[:limit]
        if entry.kind == "file" and entry.size <= CACHED_FILE_BYTES:
            data = self._read(entry, max(limit, entry.size))
            if data is not None and self._bytes_cached + len(data) <= CACHE_BUDGET_BYTES:
                self._bytes_cache[entry.path] = data
                self._bytes_cached += len(data)
            return None if data is None else data[:limit]
        return self._read(entry, limit)

    def read_text(self, path: str, limit: int = MAX_FILE_BYTES) -> str | None:
        """Text of a file, or None for missing, binary or oversized files.

        Invalid UTF-8 is decoded with replacement characters (and noted) rather than rejected:
        a README in Latin-1 still deserves to be read.
        """
        key = (path, limit)
        if key in self._text_cache:
            return self._text_cache[key]
        text = None
        data = self.read_bytes(path, limit)
        if data is not None and not looks_binary(data):
            if data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                self.note_problem(f"{path}: not valid UTF-8; read with replacement characters")
                text = data.decode("utf-8", errors="replace")
        self._text_cache[key] = text
        return text

    def head_text(self, path: str, max_bytes: int = 8192) -> str | None:
        """The start of a file, for header scans that must stay cheap on big trees."""
        entry = self.entries().get(path)
        if entry is None or entry.kind == "submodule":
            return None
        data = self._read_cached(entry, max_bytes)
        if data is None or looks_binary(data):
            return None
        return data.decode("utf-8", errors="replace")

    def change_dates(self, path: str) -> tuple[datetime, ...] | None:
        """When commits changed ``path``, newest first; None when the history cannot tell.

        Only a few rules need this (e.g. whether a translation kept up with its source), so
        implementations look it up on demand rather than for every file.
        """
        return None

    def is_binary(self, path: str) -> bool:
        entry = self.entries().get(path)
        if entry is None or entry.kind == "submodule":
            return False
        data = self._read_cached(entry, BINARY_SNIFF_BYTES)
        return data is not None and looks_binary(data)

    def note_problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)


def looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:BINARY_SNIFF_BYTES]


def matching(paths: Iterable[str], *suffixes: str) -> list[str]:
    lowered = tuple(s.lower() for s in suffixes)
    return [p for p in paths if p.lower().endswith(lowered)]


class MemorySnapshot(Snapshot):
    """A snapshot of files held in memory: for tests and for trees fetched from an API."""

    def __init__(
        self,
        files: Mapping[str, bytes | str],
        *,
        label: str = "memory",
        commit: str | None = None,
        facts: RepositoryFacts | None = None,
        history: GitHistory | None = None,
        symlinks: Mapping[str, str] | None = None,
        sizes: Mapping[str, int] | None = None,
    ) -> None:
        super().__init__(label=label, commit=commit, facts=facts, history=history)
        self.files = {
            path: content.encode("utf-8") if isinstance(content, str) else content
            for path, content in files.items()
        }
        self._entries: dict[str, FileEntry] = {
            path: FileEntry(path, (sizes or {}).get(path, len(data)))
            for path, data in self.files.items()
        }
        for path, target in (symlinks or {}).items():
            self._entries[path] = FileEntry(path, len(target), "symlink", target)

    def entries(self) -> Mapping[str, FileEntry]:
        return self._entries

    def _read(self, entry: FileEntry, limit: int) -> bytes | None:
        if entry.kind == "symlink":
            base = posixpath.dirname(entry.path)
            resolved = posixpath.normpath(posixpath.join(base, entry.target or ""))
            target = self._entries.get(resolved)
            if target is None or target.kind != "file":
                self.note_problem(f"{entry.path}: symlink does not point to a file in the tree")
                return None
            entry = target
        data = self.files.get(entry.path)
        return None if data is None else data[:limit]
