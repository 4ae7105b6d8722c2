"""Answers the client's GraphQL operations from fixture data; any other document is refused.

The fake recognises an operation by name and answers the shape that operation asks for. It does
not implement GraphQL: a new query in the client needs a matching answer here, which keeps the two
from drifting apart silently.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from tests.fake_github.repos import FixtureRepo

_ALIAS = re.compile(r"(\w+)\s*:\s*object\(expression:\s*\$(\w+)\)")
_OPERATION = re.compile(r"^\s*query\s+(\w+)", re.M)


class GraphQLRefused(Exception):
    pass


def _iso(value: datetime | None) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def operation_name(query: str) -> str | None:
    found = _OPERATION.search(query)
    return found.group(1) if found else None


def answer(query: str, variables: dict[str, Any], repos: dict[str, FixtureRepo]) -> dict[str, Any]:
    name = operation_name(query)
    owner, repo_name = variables.get("owner"), variables.get("name")
    repo = repos.get(f"{owner}/{repo_name}".lower())
    if name not in ("RepositorySnapshot", "SnapshotFiles"):
        raise GraphQLRefused(f"the fake does not know the GraphQL operation {name!r}")
    if repo is None:
        return {"data": {"repository": None}, "errors": [{
            "type": "NOT_FOUND", "path": ["repository"],
            "message": f"Could not resolve to a Repository with the name '{owner}/{repo_name}'.",
        }]}
    if name == "RepositorySnapshot":
        return _snapshot(repo, variables)
    return _files(repo, query, variables)


def _object_path(repo: FixtureRepo, expression: str) -> tuple[str | None, str | None]:
    ref, sep, path = expression.partition(":")
    sha = repo.resolve(ref)
    return sha, (path if sep else None)


def _tree_entries(repo: FixtureRepo, expression: str) -> dict[str, Any] | None:
    sha, path = _object_path(repo, expression)
    if sha is None or path is None:
        return None  # every commit of a fixture repository has the same files
    tree_sha = repo.tree_paths.get(path.strip("/"))
    if tree_sha is None:
        return None
    entries = []
    for item in repo.trees[tree_sha]:
        obj = {"byteSize": item.size} if item.type == "blob" else {}
        entries.append({"path": item.path, "type": item.type, "mode": int(item.mode, 8),
                        "oid": item.sha, "object": obj})
    return {"entries": entries}


def _pull(pull: Any) -> dict[str, Any]:
    return {
        "number": pull.number,
        "createdAt": _iso(pull.created_at),
        "mergedAt": _iso(pull.closed_at) if pull.state == "MERGED" else None,
        "closedAt": _iso(pull.closed_at),
        "author": {"login": pull.author, "__typename": "Bot" if pull.author_is_bot else "User"},
        "reviews": {"nodes": [{"author": {"login": who}, "submittedAt": _iso(pull.created_at)}
                              for who in pull.approvals]},
        "comments": {"totalCount": len(pull.comments),
                     "nodes": [{"author": {"login": who}, "createdAt": _iso(when)}
                               for who, when in pull.comments]},
        "commits": {"nodes": [{"commit": {"statusCheckRollup": (
            {"state": pull.checks_state} if pull.checks_state else None)}}]},
    }


def _snapshot(repo: FixtureRepo, variables: dict[str, Any]) -> dict[str, Any]:
    sha, _ = _object_path(repo, variables["expression"])
    commit: dict[str, Any] | None = None
    if sha is not None:
        start = repo.commit_index(sha)
        history = repo.commits[start:start + 100]
        commit = {
            "oid": sha,
            "committedDate": _iso(repo.commits[start].date),
            "history": {
                "pageInfo": {"hasNextPage": len(repo.commits) > start + 100},
                "nodes": [{
                    "oid": c.sha,
                    "messageHeadline": c.message.split("\n", 1)[0],
                    "messageBody": c.message.partition("\n")[2].strip(),
                    "authoredDate": _iso(c.date),
                    "committedDate": _iso(c.date),
                    "parents": {"totalCount": c.parents},
                    "author": {"name": c.author_name, "email": c.author_email},
                    "signature": None if c.signed is None else {"isValid": c.signed},
                } for c in history],
            },
        }
    data: dict[str, Any] = {
        "nameWithOwner": repo.full_name,
        "url": f"https://github.example/{repo.full_name}",
        "visibility": repo.visibility.upper(),
        "isArchived": repo.archived,
        "isDisabled": repo.disabled,
        "isFork": repo.fork,
        "description": repo.description,
        "homepageUrl": repo.homepage,
        "diskUsage": max(1, sum(len(b) for b in repo.files.values()) // 1024),
        "hasIssuesEnabled": repo.has_issues,
        "hasDiscussionsEnabled": repo.has_discussions,
        "owner": {"login": repo.owner},
        "repositoryTopics": {"nodes": [{"topic": {"name": t}} for t in repo.topics]},
        "defaultBranchRef": {"name": repo.default_branch,
                             "branchProtectionRule": repo.branch_protection},
        "licenseInfo": ({"spdxId": repo.licence_spdx_id, "key": repo.licence_spdx_id.lower()}
                        if repo.licence_spdx_id else None),
        "interactionAbility": {"limit": repo.interaction_limit},
        "releases": {"nodes": [{
            "tagName": r["tag"], "name": r.get("name"), "publishedAt": r.get("published_at"),
            "isPrerelease": r.get("prerelease", False), "description": r.get("notes", ""),
        } for r in repo.releases[:10]]},
        "refs": {"nodes": [{"name": name, "target": {"oid": repo.head,
                                                     "committedDate": _iso(when)}}
                           for name, when in repo.tags[:20]]},
        "openPullRequests": {"totalCount": sum(p.state == "OPEN" for p in repo.pulls)},
        "mergedPullRequests": {"nodes": [_pull(p) for p in repo.pulls
                                         if p.state == "MERGED"][:30]},
        "closedPullRequests": {"nodes": [_pull(p) for p in repo.pulls
                                         if p.state == "CLOSED"][:20]},
        "milestones": {"nodes": [{"dueOn": _iso(d)} for d in repo.milestones_due][:50]},
        "commit": commit,
        "rootTree": _tree_entries(repo, variables["rootExpression"]),
        "githubTree": _tree_entries(repo, variables["githubExpression"]),
    }
    errors = []
    for dotted in sorted(repo.graphql_forbidden):
        # "a.b" forbids field b inside a; GitHub nulls the field and lists its path.
        *parents, field = dotted.split(".")
        holder = data
        for parent in parents:
            holder = holder[parent]
        holder[field] = None
        errors.append({"type": "FORBIDDEN", "path": ["repository", *parents, field],
                       "message": "Resource not accessible by integration"})
    body: dict[str, Any] = {"data": {"rateLimit": {"cost": 1, "remaining": 4999,
                                                   "resetAt": "2030-01-01T00:00:00Z"},
                                     "repository": data}}
    if errors:
        body["errors"] = errors
    return body


def _files(repo: FixtureRepo, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for alias, var in _ALIAS.findall(query):
        if var not in variables:
            raise GraphQLRefused(f"variable ${var} is used but not given")
        sha, path = _object_path(repo, variables[var])
        data = repo.blob_at(path) if sha is not None and path else None
        if data is None:
            result[alias] = None
            continue
        binary = b"\0" in data[:8000]
        result[alias] = {
            "oid": next(i.sha for i in repo.items if i.path == path),
            "byteSize": len(data), "isBinary": binary, "isTruncated": False,
            "text": None if binary else data.decode("utf-8", "replace"),
        }
    if not result:
        raise GraphQLRefused("SnapshotFiles asked for no objects")
    return {"data": {"repository": result}}
