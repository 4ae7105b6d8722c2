"""Fixture repositories: a file tree plus the facts GitHub would know about it.

Blob, tree and commit ids are computed the way git computes them, so the ids the fake hands out
behave like real ones (stable, unique, content-addressed).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

SYMLINK_MODE = "120000"
SUBMODULE_MODE = "160000"
FILE_MODE = "100644"
TREE_MODE = "040000"


def git_sha(kind: str, data: bytes) -> str:
    return hashlib.sha1(f"{kind} {len(data)}\0".encode() + data).hexdigest()


@dataclass
class TreeItem:
    path: str
    mode: str
    type: str  # blob | tree | commit
    sha: str
    size: int | None = None


@dataclass
class FixtureCommit:
    message: str
    author_name: str = "Ada Lovelace"
    author_email: str = "ada@example.org"
    date: datetime = field(default_factory=lambda: datetime(2025, 1, 1, tzinfo=UTC))
    signed: bool | None = False  # None: no signature at all
    parents: int = 1
    sha: str = ""


@dataclass
class FixturePull:
    number: int
    author: str
    state: str = "MERGED"  # MERGED | CLOSED | OPEN
    created_at: datetime = field(default_factory=lambda: datetime(2025, 1, 1, tzinfo=UTC))
    closed_at: datetime | None = None
    approvals: list[str] = field(default_factory=list)
    comments: list[tuple[str, datetime]] = field(default_factory=list)
    author_is_bot: bool = False
    checks_state: str | None = "SUCCESS"


class FixtureRepo:
    """One repository of the fake. Change attributes freely before the client reads it."""

    def __init__(
        self,
        full_name: str,
        files: dict[str, bytes | str],
        *,
        symlinks: dict[str, str] | None = None,
        submodules: dict[str, str] | None = None,
        default_branch: str = "main",
        commits: list[FixtureCommit] | None = None,
        **facts: Any,
    ) -> None:
        self.full_name = full_name
        self.owner, self.name = full_name.split("/")
        self.id = int(hashlib.sha1(full_name.encode()).hexdigest()[:7], 16)
        self.files = {p: (c.encode() if isinstance(c, str) else c) for p, c in files.items()}
        self.symlinks = dict(symlinks or {})
        self.submodules = dict(submodules or {})
        self.default_branch = default_branch
        self.visibility = facts.pop("visibility", "public")
        self.archived = facts.pop("archived", False)
        self.disabled = facts.pop("disabled", False)
        self.fork = facts.pop("fork", False)
        self.description = facts.pop("description", "A fixture repository")
        self.homepage = facts.pop("homepage", None)
        self.topics = list(facts.pop("topics", ["public-code"]))
        self.has_issues = facts.pop("has_issues", True)
        self.has_discussions = facts.pop("has_discussions", False)
        self.licence_spdx_id = facts.pop("licence_spdx_id", None)
        #: ``True``/``False``, or an HTTP status (403/404) the endpoint answers instead.
        self.private_vulnerability_reporting: bool | int = facts.pop(
            "private_vulnerability_reporting", True)
        #: Branch rules as GitHub returns them, or an HTTP status (403/404).
        self.branch_rules: list[dict[str, Any]] | int = facts.pop("branch_rules", [])
        #: Classic protection of the default branch, in GraphQL's field names, or None.
        self.branch_protection: dict[str, Any] | None = facts.pop("branch_protection", None)
        self.releases: list[dict[str, Any]] = facts.pop("releases", [])
        self.tags: list[tuple[str, datetime]] = facts.pop("tags", [])
        self.pulls: list[FixturePull] = facts.pop("pulls", [])
        self.milestones_due: list[datetime | None] = facts.pop("milestones_due", [])
        self.interaction_limit: str = facts.pop("interaction_limit", "NO_LIMIT")
        #: GraphQL field names answered with a FORBIDDEN error instead of data.
        self.graphql_forbidden: set[str] = set(facts.pop("graphql_forbidden", ()))
        #: List at most this many entries in a recursive tree, then say ``truncated``.
        self.tree_limit: int | None = facts.pop("tree_limit", None)
        #: Serve these bytes instead of the real archive (for hostile-archive tests).
        self.tarball_override: bytes | None = facts.pop("tarball_override", None)
        if facts:
            raise TypeError(f"unknown fixture facts: {sorted(facts)}")
        base = datetime(2025, 1, 1, tzinfo=UTC)
        self.commits = commits or [
            FixtureCommit(f"Change {i}", date=base - timedelta(days=i)) for i in range(3)
        ]
        self._build()

    @classmethod
    def from_directory(cls, full_name: str, root: str | Path, **facts: Any) -> FixtureRepo:
        root = Path(root)
        files: dict[str, bytes | str] = {}
        symlinks: dict[str, str] = {}
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                symlinks[rel] = str(path.readlink())
            elif path.is_file():
                files[rel] = path.read_bytes()
        return cls(full_name, files, symlinks=symlinks, **facts)

    # -- git objects --------------------------------------------------------------------------
    def _build(self) -> None:
        leaves: dict[str, TreeItem] = {}
        for path, data in self.files.items():
            leaves[path] = TreeItem(path, FILE_MODE, "blob", git_sha("blob", data), len(data))
        for path, target in self.symlinks.items():
            data = target.encode()
            leaves[path] = TreeItem(path, SYMLINK_MODE, "blob", git_sha("blob", data), len(data))
        for path, sha in self.submodules.items():
            leaves[path] = TreeItem(path, SUBMODULE_MODE, "commit", sha)
        self.blobs = {item.sha: self.files.get(p) if p in self.files else
                      self.symlinks.get(p, "").encode()
                      for p, item in leaves.items() if item.type == "blob"}
        self.trees: dict[str, list[TreeItem]] = {}  # tree sha -> direct children (names only)
        self.tree_paths: dict[str, str] = {}  # directory path -> tree sha
        self.items: list[TreeItem] = []
        self.root_tree = self._tree("", leaves)
        self.items.sort(key=lambda i: i.path)
        parent = ""
        for commit in reversed(self.commits):
            body = f"tree {self.root_tree}\n"
            if parent:
                body += f"parent {parent}\n"
            stamp = int(commit.date.timestamp())
            body += (f"author {commit.author_name} <{commit.author_email}> {stamp} +0000\n"
                     f"committer {commit.author_name} <{commit.author_email}> {stamp} +0000\n\n"
                     f"{commit.message}\n")
            commit.sha = git_sha("commit", body.encode())
            parent = commit.sha
        self.head = self.commits[0].sha

    def _tree(self, prefix: str, leaves: dict[str, TreeItem]) -> str:
        children: dict[str, TreeItem | None] = {}
        for path, item in leaves.items():
            rest = path[len(prefix):] if prefix else path
            if prefix and not path.startswith(prefix):
                continue
            name, sep, _ = rest.partition("/")
            children[name] = None if sep else item
        entries: list[tuple[str, str, str]] = []
        direct: list[TreeItem] = []
        for name, item in children.items():
            if item is None:
                sub = f"{prefix}{name}/"
                sha = self._tree(sub, {p: i for p, i in leaves.items() if p.startswith(sub)})
                tree_item = TreeItem(f"{prefix}{name}", TREE_MODE, "tree", sha)
                self.items.append(tree_item)
                direct.append(tree_item)
                entries.append((TREE_MODE.lstrip("0"), name, sha))
            else:
                self.items.append(item)
                direct.append(item)
                entries.append((item.mode, name, item.sha))
        # git orders a tree's entries by name, comparing directories as if they ended in "/"
        entries.sort(key=lambda e: e[1] + ("/" if e[0] == "40000" else ""))
        raw = b"".join(f"{mode} {name}".encode() + b"\0" + bytes.fromhex(sha)
                       for mode, name, sha in entries)
        sha = git_sha("tree", raw)
        self.trees[sha] = direct
        self.tree_paths[prefix.rstrip("/")] = sha
        return sha

    def resolve(self, ref: str) -> str | None:
        """The commit id for a branch name, ``HEAD`` or a (possibly short) commit id."""
        if ref in ("HEAD", self.default_branch, f"refs/heads/{self.default_branch}"):
            return self.head
        for commit in self.commits:
            if len(ref) >= 7 and commit.sha.startswith(ref):
                return commit.sha
        return None

    def commit_index(self, sha: str) -> int:
        return next(i for i, c in enumerate(self.commits) if c.sha == sha)

    def blob_at(self, path: str) -> bytes | None:
        if path in self.files:
            return self.files[path]
        return None

    def as_rest(self, base_url: str) -> dict[str, Any]:
        return {
            "id": self.id, "node_id": f"R_{self.id}", "name": self.name,
            "full_name": self.full_name, "private": self.visibility != "public",
            "owner": {"login": self.owner, "id": self.id + 1, "type": "Organization"},
            "html_url": f"https://github.example/{self.full_name}",
            "description": self.description, "fork": self.fork,
            "url": f"{base_url}/repos/{self.full_name}", "homepage": self.homepage,
            "default_branch": self.default_branch, "visibility": self.visibility,
            "archived": self.archived, "disabled": self.disabled, "has_issues": self.has_issues,
            "has_discussions": self.has_discussions, "topics": self.topics,
            "license": ({"key": self.licence_spdx_id.lower(), "spdx_id": self.licence_spdx_id}
                        if self.licence_spdx_id else None),
        }
