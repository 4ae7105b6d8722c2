"""Test doubles shared by the service's tests.

``FakeClient`` is a small in-memory stand-in for ``github_api.InstallationClient`` (the contract in
docs/github-client-contract.md) for fast unit tests; the end-to-end tests use the fake GitHub
server instead.
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from huey import MemoryHuey

from publiccode_checker.snapshots import MemorySnapshot, RepositoryFacts

SECRET = "It's a Secret to Everybody"

def drain(huey: MemoryHuey, limit: int = 1000) -> int:
    """Run queued tasks (and ones scheduled for later) until none are left."""
    ran = 0
    for _ in range(limit):
        task = huey.dequeue()
        if task is None:
            due = huey.read_schedule(datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
                                     + datetime.timedelta(days=1))
            if not due:
                return ran
            for item in due:
                item.eta = None
                huey.enqueue(item)
            continue
        huey.execute(task)
        ran += 1
    raise AssertionError("the queue did not drain")


class FakeRepo:
    def __init__(self, full_name: str, files: dict[str, str], *, head: str = "a" * 40,
                 default_branch: str = "main", archived: bool = False,
                 has_issues: bool = True) -> None:
        self.full_name = full_name
        self.commits: dict[str, dict[str, str]] = {head: files}
        self.head = head
        self.default_branch = default_branch
        self.archived = archived
        self.has_issues = has_issues


class FakeClient:
    """In-memory installation client: records calls, holds check runs, issues and labels."""

    _ids = itertools.count(100)

    def __init__(self, repos: dict[str, FakeRepo] | None = None) -> None:
        self.repos = {k.lower(): v for k, v in (repos or {}).items()}
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self.check_runs: dict[int, dict[str, Any]] = {}
        self.issues: dict[str, list[dict[str, Any]]] = {}
        self.comments: list[tuple[str, int, str]] = []
        self.labels: dict[str, set[str]] = {}
        self.fail_on: dict[str, Exception] = {}

    def _call(self, method: str, *args: Any, **kwargs: Any) -> None:
        self.calls.append((method, args, kwargs))
        if method in self.fail_on:
            raise self.fail_on.pop(method)

    def writes(self) -> list[str]:
        reads = {"get_repository", "read_snapshot", "get_file", "find_issues",
                 "list_repositories", "list_check_runs"}
        return [name for name, _, _ in self.calls if name not in reads]

    def _repo(self, full_name: str) -> FakeRepo:
        from publiccode_checker.forge.github import NotFound

        try:
            return self.repos[full_name.lower()]
        except KeyError:
            raise NotFound(404, "Not Found") from None

    def list_repositories(self) -> list[dict[str, Any]]:
        self._call("list_repositories")
        return [self.get_repository(r.full_name) for r in self.repos.values()]

    def get_repository(self, full_name: str) -> dict[str, Any]:
        self._call("get_repository", full_name)
        repo = self._repo(full_name)
        return {"full_name": repo.full_name, "default_branch": repo.default_branch,
                "archived": repo.archived, "disabled": False}

    def read_snapshot(self, full_name: str, sha: str | None = None) -> MemorySnapshot:
        from publiccode_checker.forge.github import NotFound

        self._call("read_snapshot", full_name, sha)
        repo = self._repo(full_name)
        sha = sha or repo.head
        if sha not in repo.commits:
            raise NotFound(404, "No commit found")
        facts = RepositoryFacts(full_name=repo.full_name, default_branch=repo.default_branch)
        return MemorySnapshot(repo.commits[sha], label=full_name, commit=sha, facts=facts)

    def get_file(self, full_name: str, path: str, ref: str | None = None) -> bytes | None:
        self._call("get_file", full_name, path)
        repo = self._repo(full_name)
        content = repo.commits[ref or repo.head].get(path)
        return content.encode() if content is not None else None

    def create_check_run(self, full_name: str, **body: Any) -> dict[str, Any]:
        self._call("create_check_run", full_name, **body)
        run = {"id": next(self._ids), "repository": full_name, **body,
               "output": {"annotations": []}}
        run["output"] = {"annotations": [], **body.get("output", {})}
        self.check_runs[run["id"]] = run
        return run

    def update_check_run(self, full_name: str, check_run_id: int, **body: Any) -> dict[str, Any]:
        self._call("update_check_run", full_name, check_run_id, **body)
        run = self.check_runs[check_run_id]
        output = body.pop("output", None)
        run.update(body)
        if output:
            annotations = run["output"]["annotations"] + output.get("annotations", [])
            run["output"] = {**run["output"], **output, "annotations": annotations}
        return run

    def list_check_runs(self, full_name: str, sha: str,
                        check_name: str | None = None) -> list[dict[str, Any]]:
        self._call("list_check_runs", full_name, sha)
        return [r for r in self.check_runs.values() if r["head_sha"] == sha]

    def find_issues(self, full_name: str, label: str, state: str = "all",
                    creator: str | None = None) -> list[dict[str, Any]]:
        self._call("find_issues", full_name, label)
        return [dict(i) for i in self.issues.get(full_name.lower(), [])
                if label in [x["name"] for x in i["labels"]]
                and (state == "all" or i["state"] == state)]

    def create_issue(self, full_name: str, **fields: Any) -> dict[str, Any]:
        from publiccode_checker.forge.github import Gone

        self._call("create_issue", full_name, **fields)
        if not self._repo(full_name).has_issues:
            raise Gone(410, "Issues are disabled for this repo")
        issues = self.issues.setdefault(full_name.lower(), [])
        issue = {"number": len(issues) + 1, "title": fields["title"], "body": fields["body"],
                 "state": "open", "labels": [{"name": n} for n in fields.get("labels", [])]}
        issues.append(issue)
        return issue

    def update_issue(self, full_name: str, number: int, **fields: Any) -> dict[str, Any]:
        self._call("update_issue", full_name, number, **fields)
        issue = self.issues[full_name.lower()][number - 1]
        issue.update({k: v for k, v in fields.items() if k != "state_reason"})
        return issue

    def add_comment(self, full_name: str, number: int, body: str) -> dict[str, Any]:
        self._call("add_comment", full_name, number)
        self.comments.append((full_name, number, body))
        return {"id": next(self._ids), "body": body}

    def ensure_label(self, full_name: str, name: str, color: str, description: str) -> None:
        self._call("ensure_label", full_name, name)
        self.labels.setdefault(full_name.lower(), set()).add(name)


class FakeApp:
    def __init__(self, client: FakeClient, slug: str = "publiccode-checker") -> None:
        self.client = client
        self.slug = slug
        self.bot_login = f"{slug}[bot]"
        self.installations = [{"id": 1, "account": {"login": "org"}}]

    def installation(self, installation_id: int) -> FakeClient:
        return self.client

    def list_installations(self) -> list[dict[str, Any]]:
        return list(self.installations)
