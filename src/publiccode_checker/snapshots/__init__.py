"""Snapshots: the read-only view of one commit that every check works on."""

from publiccode_checker.snapshots.model import (
    MAX_FILE_BYTES,
    UNKNOWN,
    Commit,
    FileEntry,
    GitHistory,
    MemorySnapshot,
    PullRequestFacts,
    Release,
    RepositoryFacts,
    ReviewRule,
    Snapshot,
    Tag,
    is_known,
)

__all__ = [
    "MAX_FILE_BYTES",
    "UNKNOWN",
    "Commit",
    "FileEntry",
    "GitHistory",
    "MemorySnapshot",
    "PullRequestFacts",
    "Release",
    "RepositoryFacts",
    "ReviewRule",
    "Snapshot",
    "Tag",
    "is_known",
]
