"""One commit of a GitHub repository as a Snapshot, in at most five read requests.

1. One GraphQL query: repository facts, releases, tags, pull requests, milestones, the commit's
   history, and the entries of the root and ``.github`` folders (which keep the important files
   visible even when GitHub truncates the recursive tree).
2. The recursive git tree (REST), for every path, size and kind (symlink, submodule).
3. File contents: for small repositories the tarball (one API request; its redirect to the
   download host is counted as a download, not as an API read), read safely in memory; for large
   ones a single GraphQL query batching the blobs checks need, with a note that not every file
   was read.
4. The rules for the default branch (rulesets).
5. Whether private vulnerability reporting is enabled.

Requests 4 and 5 are optional: a 403/404 leaves their fact ``UNKNOWN``. Requests go one after the
other, as GitHub asks integrations to avoid concurrent requests.
"""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from publiccode_checker.forge.github.errors import GitHubError, NotFound
from publiccode_checker.forge.github.facts import (
    FieldErrors,
    classic_protection,
    combine_review_rules,
    git_history,
    repository_facts,
    ruleset_review_rule,
)
from publiccode_checker.forge.github.queries import REPOSITORY_SNAPSHOT, files_query
from publiccode_checker.forge.github.tarball import ArchiveLimits, read_archive
from publiccode_checker.forge.github.transport import Transport, error_for
from publiccode_checker.forge.github.urls import repo_path
from publiccode_checker.snapshots import (
    MAX_FILE_BYTES,
    UNKNOWN,
    FileEntry,
    GitHistory,
    RepositoryFacts,
    Snapshot,
)


class InstallationClient(Protocol):
    """What reading a snapshot needs of an installation's client (``installation.py``): its
    transport and GraphQL. A protocol, so that the client can offer ``read_snapshot`` itself
    without the two modules importing each other."""

    transport: Transport

    def graphql(
        self, query: str, variables: dict[str, Any] | None = None, *, repository: str | None = None
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]: ...

SYMLINK_MODE = "120000"
SUBMODULE_MODE = "160000"

#: Files checks look for, by lower-case name, wherever they sit near the top of the tree.
WANTED_NAMES = frozenset({
    "package.json", "composer.json", "pyproject.toml", "setup.py", "setup.cfg", "go.mod",
    "cargo.toml", "pom.xml", "build.gradle", "build.gradle.kts", "gemfile", "requirements.txt",
    "pipfile", "mix.exs", "pubspec.yaml", "publiccode.yml", "publiccode.yaml",
    "publiccode-checker.yml", "publiccode-checker.yaml", ".gitlab-ci.yml", ".travis.yml",
    "jenkinsfile", "azure-pipelines.yml", ".pre-commit-config.yaml", ".editorconfig",
    "codeowners", "dockerfile", "makefile",
})
WANTED_STEMS = ("readme", "contributing", "code_of_conduct", "code-of-conduct", "security",
                "governance", "changelog", "changes", "history", "license", "licence", "copying",
                "notice", "authors", "maintainers", "support", "roadmap", "codeowners")
#: Folders read in full (up to the caps) when the repository is too big for the archive.
WANTED_FOLDERS = (".github/*", "docs/*", "doc/*", "documentation/*", "LICENSES/*",
                  ".circleci/*", ".gitlab/*")
BINARY_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".ico", ".pdf", ".zip", ".gz", ".tar",
                   ".jar", ".woff", ".woff2", ".ttf", ".otf", ".mp4", ".mov", ".svgz", ".webp",
                   ".exe", ".dll", ".so", ".bin", ".psd")


@dataclass(frozen=True)
class SnapshotLimits:
    #: Repositories up to these sizes are read from the tarball.
    tarball_max_files: int = 5_000
    tarball_max_bytes: int = 32 * 1024 * 1024
    #: The GraphQL batch for larger repositories.
    batch_max_files: int = 250
    batch_max_bytes: int = 8 * 1024 * 1024
    archive: ArchiveLimits = field(default_factory=ArchiveLimits)


class RemoteSnapshot(Snapshot):
    """Entries from the git tree; contents from the archive or the blob batch."""

    def __init__(
        self,
        *,
        label: str,
        commit: str | None,
        facts: RepositoryFacts,
        history: GitHistory | None,
        entries: Mapping[str, FileEntry],
        contents: Mapping[str, bytes],
        complete: bool,
    ) -> None:
        super().__init__(label=label, commit=commit, facts=facts, history=history)
        self._entries = dict(entries)
        self._contents = dict(contents)
        #: False when only some files' contents were fetched.
        self.complete = complete

    def entries(self) -> Mapping[str, FileEntry]:
        return self._entries

    def _read(self, entry: FileEntry, limit: int) -> bytes | None:
        if entry.kind == "symlink":
            resolved = posixpath.normpath(
                posixpath.join(posixpath.dirname(entry.path), entry.target or ""))
            target = self._entries.get(resolved)
            if resolved.startswith("../") or target is None or target.kind != "file":
                self.note_problem(f"{entry.path}: symlink does not point to a file in the tree")
                return None
            entry = target
        data = self._contents.get(entry.path)
        if data is None:
            self.note_problem(f"{entry.path}: contents not fetched from GitHub")
            return None
        return data[:limit]


def read_snapshot(
    client: InstallationClient,
    full_name: str,
    sha: str | None = None,
    *,
    limits: SnapshotLimits | None = None,
) -> RemoteSnapshot:
    limits = limits or SnapshotLimits()
    owner, _, name = full_name.partition("/")
    expression = sha or "HEAD"

    # 1. facts and history
    data, errors = client.graphql(REPOSITORY_SNAPSHOT, {
        "owner": owner, "name": name, "expression": expression,
        "rootExpression": f"{expression}:", "githubExpression": f"{expression}:.github",
    }, repository=full_name)
    repo = (data or {}).get("repository")
    if repo is None:
        if any(e.get("type") == "NOT_FOUND" for e in errors):
            raise NotFound(404, f"{full_name}: repository not found")
        raise GitHubError(502, f"{full_name}: GraphQL answered no data: "
                               f"{errors[:1] and errors[0].get('message')}")
    field_errors = FieldErrors(errors)
    facts = repository_facts(repo, field_errors)
    default_branch = facts.default_branch if facts.default_branch is not UNKNOWN else None
    history = git_history(repo, default_branch)
    problems: list[str] = [f"GitHub did not tell {'.'.join(map(str, e.get('path') or []))}: "
                           f"{e.get('message', e.get('type'))}" for e in errors]
    if history is None:
        if sha is not None:
            raise NotFound(404, f"{full_name}: commit {sha} not found")
        snapshot = RemoteSnapshot(label=full_name, commit=None, facts=facts,
                                  history=GitHistory(head="", head_date=None, commits=()),
                                  entries={}, contents={}, complete=True)
        snapshot.note_problem("the repository has no commits yet")
        return snapshot
    commit = history.head

    # 2. every path
    entries, truncated = _tree(client, full_name, commit)
    if truncated:
        for folder in ("rootTree", "githubTree"):
            for entry in _graphql_entries(repo.get(folder)):
                entries.setdefault(entry.path, entry)
        problems.append("GitHub truncated the file list of this very large repository: files "
                        "deeper in the tree may be missing from the report")

    # 3. contents
    files = [e for e in entries.values() if e.kind == "file"]
    total = sum(e.size for e in files)
    if not truncated and len(files) <= limits.tarball_max_files and (
            total <= limits.tarball_max_bytes):
        contents, symlinks, complete, archive_problems = _archive(client, full_name, commit,
                                                                  limits)
        _with_targets(entries, symlinks)
        # The tree is authoritative: archive members it does not list are not part of the commit.
        contents = {p: d for p, d in contents.items()
                    if p in entries and entries[p].kind == "file"}
        problems += archive_problems
    else:
        contents, complete, batch_problems = _batch(client, full_name, commit, entries, limits)
        problems += batch_problems

    # 4. review rules, 5. private vulnerability reporting
    ruleset: Any = UNKNOWN
    if default_branch:
        reply = client.transport.request(
            "GET", repo_path(full_name, "rules", "branches", default_branch),
            params={"per_page": 100}, repository=full_name)
        if reply.status == 200:
            ruleset = ruleset_review_rule(reply.json())
        elif reply.status not in (403, 404):
            raise error_for(reply)
    facts.review_rule = combine_review_rules(ruleset, classic_protection(repo, field_errors))
    reply = client.transport.request(
        "GET", repo_path(full_name, "private-vulnerability-reporting"), repository=full_name)
    if reply.status == 200:
        facts.private_vulnerability_reporting = bool(reply.json().get("enabled"))
    elif reply.status not in (403, 404, 422):
        raise error_for(reply)

    snapshot = RemoteSnapshot(label=full_name, commit=commit, facts=facts, history=history,
                              entries=entries, contents=contents, complete=complete)
    for problem in problems:
        snapshot.note_problem(problem)
    return snapshot


def _entry(path: str, mode: str, kind: str, size: int | None) -> FileEntry | None:
    if kind == "tree":
        return None
    if mode == SUBMODULE_MODE or kind == "commit":
        return FileEntry(path, 0, "submodule")
    if mode == SYMLINK_MODE:
        return FileEntry(path, size or 0, "symlink")  # target filled in from the contents
    return FileEntry(path, size or 0, "file")


def _tree(client: InstallationClient, full_name: str, commit: str
          ) -> tuple[dict[str, FileEntry], bool]:
    reply = client.transport.request(
        "GET", repo_path(full_name, "git", "trees", commit), params={"recursive": "1"},
        repository=full_name)
    if reply.status != 200:
        raise error_for(reply)
    body = reply.json()
    entries: dict[str, FileEntry] = {}
    for item in body.get("tree") or []:
        entry = _entry(item["path"], item.get("mode", ""), item.get("type", ""), item.get("size"))
        if entry is not None:
            entries[entry.path] = entry
    return entries, bool(body.get("truncated"))


def _graphql_entries(tree: dict[str, Any] | None) -> list[FileEntry]:
    found = []
    for item in (tree or {}).get("entries") or []:
        mode = format(int(item.get("mode") or 0), "o")
        size = ((item.get("object") or {}).get("byteSize"))
        entry = _entry(item["path"], mode, item.get("type", ""), size)
        if entry is not None:
            found.append(entry)
    return found


def _with_targets(entries: dict[str, FileEntry], symlinks: Mapping[str, str]) -> None:
    for path, target in symlinks.items():
        entry = entries.get(path)
        if entry is not None and entry.kind == "symlink":
            entries[path] = FileEntry(path, entry.size, "symlink", target)


def _archive(client: InstallationClient, full_name: str, commit: str, limits: SnapshotLimits
             ) -> tuple[dict[str, bytes], dict[str, str], bool, list[str]]:
    reply = client.transport.request("GET", repo_path(full_name, "tarball", commit),
                                     repository=full_name)
    if reply.status in (301, 302, 303, 307, 308):
        location = reply.headers.get("Location")
        if not location:
            raise GitHubError(reply.status, "archive redirect without a Location")
        # The download URL is pre-signed: our token must not travel to the download host.
        reply = client.transport.request("GET", location, kind="download", repository=None,
                                         authenticated=False)
    if reply.status != 200:
        raise error_for(reply)
    archive = read_archive(reply.content, limits.archive)
    return archive.files, archive.symlinks, archive.complete, archive.problems


def wanted(path: str) -> int | None:
    """Priority of a path for the blob batch (lower first), or None when checks need it not."""
    lower = path.lower()
    base = lower.rsplit("/", 1)[-1]
    depth = path.count("/")
    if lower.endswith(BINARY_SUFFIXES):
        return None
    stem = base.split(".", 1)[0]
    if depth == 0:
        return 0
    if base in WANTED_NAMES and depth <= 2:
        return 1
    if stem in WANTED_STEMS and depth <= 2:
        return 1
    if any(fnmatch.fnmatch(path, pattern) for pattern in WANTED_FOLDERS):
        return 2 + depth
    return None


def _batch(client: InstallationClient, full_name: str, commit: str,
           entries: dict[str, FileEntry], limits: SnapshotLimits
           ) -> tuple[dict[str, bytes], bool, list[str]]:
    ranked = sorted(
        ((rank, e.path) for e in entries.values()
         if e.kind in ("file", "symlink") and e.size <= MAX_FILE_BYTES
         and (rank := wanted(e.path)) is not None),
    )
    chosen: list[str] = []
    budget = limits.batch_max_bytes
    for _, path in ranked:
        size = entries[path].size
        if len(chosen) >= limits.batch_max_files or size > budget:
            break
        chosen.append(path)
        budget -= size
    problems = [f"the repository is too large to download whole: {len(chosen)} of "
                f"{sum(1 for e in entries.values() if e.kind == 'file'):,} files were read "
                "(community files, documentation, manifests, CI and configuration)"]
    if not chosen:
        return {}, False, problems
    owner, _, name = full_name.partition("/")
    variables: dict[str, Any] = {"owner": owner, "name": name}
    for index, path in enumerate(chosen):
        variables[f"e{index}"] = f"{commit}:{path}"
    data, errors = client.graphql(files_query(len(chosen)), variables, repository=full_name)
    found = (data or {}).get("repository") or {}
    contents: dict[str, bytes] = {}
    symlinks: dict[str, str] = {}
    for index, path in enumerate(chosen):
        blob = found.get(f"f{index}")
        if not blob or blob.get("text") is None or blob.get("isTruncated"):
            continue
        data_bytes = blob["text"].encode("utf-8")
        if entries[path].kind == "symlink":
            symlinks[path] = blob["text"]
        else:
            contents[path] = data_bytes
    _with_targets(entries, symlinks)
    for error in errors[:5]:
        problems.append(f"GitHub could not read a file: {error.get('message')}")
    return contents, False, problems
