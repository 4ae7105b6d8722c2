"""Everything the service asks of GitHub on behalf of one installation.

Creating calls are retry-safe by construction: a check run carries an ``external_id`` and an issue a
hidden marker, and after a lost answer the client looks for them before sending the POST again.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from publiccode_checker.forge.github.auth import TokenCache
from publiccode_checker.forge.github.counter import RequestCounter
from publiccode_checker.forge.github.pagination import paginate
from publiccode_checker.forge.github.remote_snapshot import read_snapshot
from publiccode_checker.forge.github.transport import Transport, error_for
from publiccode_checker.forge.github.urls import graphql_url, repo_path

if TYPE_CHECKING:
    from publiccode_checker.snapshots import Snapshot

_MARKER = re.compile(r"<!--.*?-->", re.S)


def _expect(reply: Any, *statuses: int) -> Any:
    if reply.status not in statuses:
        raise error_for(reply)
    return reply.json()


class AppIdentity(Protocol):
    """What an installation's client needs of its GitHub App (``github_app.GitHubApp``, which
    builds the clients and so cannot be imported from here)."""

    app_id: int | str
    api_url: str
    policy: Any
    pacer: Any


class InstallationClient:
    def __init__(
        self,
        app: AppIdentity,
        installation_id: int,
        tokens: TokenCache,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.app = app
        self.installation_id = installation_id
        self.counter = RequestCounter()
        self._tokens = tokens
        self.transport = Transport(
            app.api_url, tokens.get, counter=self.counter, policy=app.policy,
            pacer=app.pacer, pacing_key=f"installation:{installation_id}",
            clock=clock, sleep=sleep,
        )

    def __repr__(self) -> str:
        return f"InstallationClient(installation_id={self.installation_id})"

    # -- reads --------------------------------------------------------------------------------
    def list_repositories(self) -> list[dict[str, Any]]:
        return list(paginate(self.transport, "/installation/repositories", key="repositories"))

    def get_repository(self, full_name: str) -> dict[str, Any]:
        reply = self.transport.request("GET", repo_path(full_name), repository=full_name)
        return _expect(reply, 200)

    def get_file(self, full_name: str, path: str, ref: str | None = None) -> bytes | None:
        reply = self.transport.request(
            "GET", repo_path(full_name, "contents", path.lstrip("/")), repository=full_name,
            params={"ref": ref} if ref else None,
            headers={"Accept": "application/vnd.github.raw+json"},
        )
        if reply.status == 404:
            return None
        if reply.status != 200:
            raise error_for(reply)
        if reply.headers.get("Content-Type", "").startswith("application/json"):
            return None  # a directory listing, not a file
        return reply.content

    def get_pull_request(self, full_name: str, number: int) -> dict[str, Any]:
        reply = self.transport.request("GET", repo_path(full_name, "pulls", int(number)),
                                       repository=full_name)
        return _expect(reply, 200)

    def graphql(
        self, query: str, variables: dict[str, Any] | None = None, *, repository: str | None = None
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        """``(data, errors)``; a query is a read and safe to repeat."""
        reply = self.transport.request(
            "POST", graphql_url(self.app.api_url), kind="read", repository=repository,
            json={"query": query, "variables": variables or {}}, retry_safe=True, paced=False,
        )
        body = _expect(reply, 200)
        return body.get("data"), list(body.get("errors") or [])

    def read_snapshot(self, full_name: str, sha: str | None = None, **options: Any) -> Snapshot:
        return read_snapshot(self, full_name, sha, **options)

    # -- check runs ---------------------------------------------------------------------------
    def list_check_runs(
        self, full_name: str, sha: str, check_name: str | None = None
    ) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"filter": "all", "app_id": self.app.app_id}
        if check_name:
            params["check_name"] = check_name
        return list(paginate(self.transport, repo_path(full_name, "commits", sha, "check-runs"),
                             params=params, key="check_runs", repository=full_name))

    def create_check_run(self, full_name: str, **body: Any) -> dict[str, Any]:
        if not body.get("name") or not body.get("head_sha"):
            raise ValueError("a check run needs name and head_sha")
        body.setdefault("external_id", uuid.uuid4().hex)
        external_id = body["external_id"]

        def recover() -> dict[str, Any] | None:
            for run in self.list_check_runs(full_name, body["head_sha"], body["name"]):
                if run.get("external_id") == external_id:
                    return run
            return None

        reply = self.transport.request("POST", repo_path(full_name, "check-runs"), json=body,
                                       repository=full_name, recover=recover)
        return _expect(reply, 200, 201)

    def update_check_run(self, full_name: str, check_run_id: int, **body: Any) -> dict[str, Any]:
        # PATCH repeats are safe except that annotations are appended; a doubled annotation
        # is a lesser harm than a check run stuck "in progress".
        reply = self.transport.request(
            "PATCH", repo_path(full_name, "check-runs", int(check_run_id)), json=body,
            repository=full_name,
        )
        return _expect(reply, 200)

    # -- issues -------------------------------------------------------------------------------
    def find_issues(
        self, full_name: str, label: str, state: str = "all", creator: str | None = None
    ) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"labels": label, "state": state}
        if creator:
            params["creator"] = creator
        issues = paginate(self.transport, repo_path(full_name, "issues"), params=params,
                          repository=full_name)
        return [i for i in issues if "pull_request" not in i]

    def create_issue(
        self,
        full_name: str,
        *,
        title: str,
        body: str = "",
        labels: list[str] | None = None,
        marker: str | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """Create an issue; ``marker`` (else the body's first ``<!-- -->`` comment, else a new
        one appended) is what a retry looks for to be sure the issue does not exist yet."""
        if marker is None:
            found = _MARKER.search(body)
            marker = found.group(0) if found else None
        if marker is None:
            marker = f"<!-- publiccode-checker:request:{uuid.uuid4().hex} -->"
        if marker not in body:
            body = f"{body}\n\n{marker}" if body else marker
        payload = {"title": title, "body": body, **fields}
        if labels:
            payload["labels"] = list(labels)

        def recover() -> dict[str, Any] | None:
            params: dict[str, Any] = {"state": "all", "sort": "created", "direction": "desc",
                                      "per_page": 50}
            if labels:
                params["labels"] = ",".join(labels)
            reply = self.transport.request("GET", repo_path(full_name, "issues"), params=params,
                                           repository=full_name)
            for issue in _expect(reply, 200):
                if "pull_request" not in issue and marker in (issue.get("body") or ""):
                    return issue
            return None

        reply = self.transport.request("POST", repo_path(full_name, "issues"), json=payload,
                                       repository=full_name, recover=recover)
        return _expect(reply, 200, 201)

    def update_issue(self, full_name: str, number: int, **fields: Any) -> dict[str, Any]:
        reply = self.transport.request("PATCH", repo_path(full_name, "issues", int(number)),
                                       json=fields, repository=full_name)
        return _expect(reply, 200)

    def add_comment(self, full_name: str, number: int, body: str) -> dict[str, Any]:
        since = (datetime.now(UTC) - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")

        def recover() -> dict[str, Any] | None:
            comments = paginate(self.transport,
                                repo_path(full_name, "issues", int(number), "comments"),
                                params={"since": since}, repository=full_name, max_pages=3)
            for comment in comments:
                login = (comment.get("user") or {}).get("login", "")
                if comment.get("body") == body and login.endswith("[bot]"):
                    return comment
            return None

        reply = self.transport.request(
            "POST", repo_path(full_name, "issues", int(number), "comments"), json={"body": body},
            repository=full_name, recover=recover,
        )
        return _expect(reply, 200, 201)

    def ensure_label(self, full_name: str, name: str, color: str, description: str) -> None:
        """Create the label, or bring its colour and description up to date; no write if equal."""
        color = color.lstrip("#").lower()
        reply = self.transport.request("GET", repo_path(full_name, "labels", name),
                                       repository=full_name)
        if reply.status == 200:
            current = reply.json()
            if (current.get("color", "").lower() == color
                    and (current.get("description") or "") == description):
                return
            reply = self.transport.request(
                "PATCH", repo_path(full_name, "labels", name), repository=full_name,
                json={"color": color, "description": description},
            )
            _expect(reply, 200)
            return
        if reply.status != 404:
            raise error_for(reply)

        def recover() -> dict[str, Any] | None:
            again = self.transport.request("GET", repo_path(full_name, "labels", name),
                                           repository=full_name)
            return again.json() if again.status == 200 else None

        reply = self.transport.request(
            "POST", repo_path(full_name, "labels"), repository=full_name, recover=recover,
            json={"name": name, "color": color, "description": description},
        )
        if reply.status == 422:
            return  # created meanwhile by another worker: the label exists, which is the goal
        _expect(reply, 200, 201)


