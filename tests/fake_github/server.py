"""A fake GitHub (REST + GraphQL) on 127.0.0.1 for tests and benchmarks.

It runs in a thread of the test process, so the code under test may run there or in other
processes. It checks what GitHub checks (app JWTs against the app's public key, installation
tokens and their expiry, request bodies against GitHub's OpenAPI description when present),
keeps what the app writes in memory for assertions, records every request, and injects faults
on demand. Anything it does not understand is answered loudly and listed in ``violations``.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import secrets
import tarfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

import jwt

from tests.fake_github import graphql
from tests.fake_github.faults import FailRule, Faults, LimitRule
from tests.fake_github.keys import key_pair
from tests.fake_github.repos import FixtureRepo
from tests.fake_github.schema import OPENAPI_FILE, BodyValidator

WRITE_METHODS = ("POST", "PATCH", "PUT", "DELETE")


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    installation: int | None
    status: int
    repository: str | None
    operation: str | None = None  # GraphQL operation name
    at: float = 0.0  # when the request arrived


@dataclass
class Installation:
    id: int
    account: str
    repositories: list[str] = field(default_factory=list)  # lower-case full names


def _now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Reply(Exception):
    """Raised by a route to answer at once."""

    def __init__(self, status: int, body: Any = None, headers: dict[str, str] | None = None,
                 raw: bytes | None = None) -> None:
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}
        self.raw = raw


def _bad(status: int, message: str) -> _Reply:
    return _Reply(status, {"message": message,
                           "documentation_url": "https://docs.github.com/rest"})


class FakeGitHub:
    """Start with ``with FakeGitHub() as fake:``; point the client at ``fake.api_url``."""

    def __init__(
        self,
        *,
        app_id: int = 4242,
        slug: str = "publiccode-checker",
        prefix: str = "",
        openapi: Path | bool | None = True,
        token_lifetime: float = 3600.0,
    ) -> None:
        self.app_id = app_id
        self.slug = slug
        self.prefix = prefix.rstrip("/")
        self.private_key, self.public_key = key_pair("app")
        self.token_lifetime = token_lifetime
        if openapi is True:  # validate whenever GitHub's description is at hand
            openapi = default_openapi()
        self.validator = (BodyValidator(openapi) if isinstance(openapi, Path) and openapi.exists()
                          else None)
        self.faults = Faults()
        self.repos: dict[str, FixtureRepo] = {}
        self.installations: dict[int, Installation] = {}
        self.tokens: dict[str, tuple[int, float]] = {}
        self.manifest_codes: dict[str, dict[str, Any]] = {}
        self.requests: list[Recorded] = []
        self.violations: list[str] = []
        self._check_runs: dict[str, list[dict[str, Any]]] = {}
        self._issues: dict[str, list[dict[str, Any]]] = {}
        self._comments: dict[tuple[str, int], list[dict[str, Any]]] = {}
        self._labels: dict[str, dict[str, dict[str, Any]]] = {}
        self._downloads: dict[str, tuple[str, str]] = {}
        self._archives: dict[tuple[str, str], bytes] = {}
        self._ids = 1000
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self) -> FakeGitHub:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="fake-github")
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeGitHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def origin(self) -> str:
        assert self._server is not None, "start the fake first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return self.origin + self.prefix

    @property
    def graphql_path(self) -> str:
        if self.prefix.endswith("/api/v3"):
            return self.prefix[: -len("/v3")] + "/graphql"
        return self.prefix + "/graphql"

    # -- fixtures -----------------------------------------------------------------------------
    def add_installation(self, installation_id: int, account: str = "org") -> Installation:
        with self._lock:
            inst = Installation(installation_id, account)
            self.installations[installation_id] = inst
            return inst

    def add_repository(self, repo: FixtureRepo, installation_id: int | None = None) -> FixtureRepo:
        with self._lock:
            self.repos[repo.full_name.lower()] = repo
            if installation_id is not None:
                if installation_id not in self.installations:
                    self.add_installation(installation_id, repo.owner)
                self.installations[installation_id].repositories.append(repo.full_name.lower())
            return repo

    def add_manifest_code(self, code: str, **app: Any) -> None:
        self.manifest_codes[code] = {
            "id": app.get("id", 777), "slug": app.get("slug", "new-app"),
            "node_id": "A_1", "name": app.get("name", "New app"),
            "owner": {"login": "org", "id": 1}, "client_id": "Iv1.fakeclient",
            "client_secret": secrets.token_hex(20), "webhook_secret": secrets.token_hex(16),
            "pem": self.private_key, "created_at": _now_iso(), "updated_at": _now_iso(),
            "html_url": "https://github.example/apps/new-app", "permissions": {}, "events": [],
            "external_url": "https://example.org", "description": "",
        }

    def expire_tokens(self) -> None:
        """Make every issued token stale, as if an hour had passed."""
        with self._lock:
            self.tokens = {t: (i, 0.0) for t, (i, _) in self.tokens.items()}

    # -- faults -------------------------------------------------------------------------------
    def set_latency(self, seconds: float) -> None:
        self.faults.latency = seconds

    def fail_next(self, count: int, *, path: str = ".*", method: str | None = None,
                  status: int = 502, after: bool = False) -> None:
        """The next ``count`` matching requests answer ``status``; with ``after`` the request
        takes effect first (the answer is lost, not the work)."""
        self.faults.fail(FailRule(re.compile(path), method, count, status, after))

    def rate_limit_next(self, count: int, *, kind: str = "primary", path: str = ".*",
                        retry_after: float | None = None, reset_in: float = 1.0,
                        status: int = 403) -> None:
        with self.faults.lock:
            self.faults.limit_rules.append(
                LimitRule(re.compile(path), count, kind, retry_after, reset_in, status))

    def limit_content_creation(self, per_window: int | None, window: float = 60.0) -> None:
        """More than ``per_window`` content-creating requests per ``window`` seconds get the
        secondary-limit answer; None lifts the limit."""
        self.faults.secondary_k = per_window
        self.faults.secondary_window = window

    # -- inspection ---------------------------------------------------------------------------
    def check_runs(self, full_name: str) -> list[dict[str, Any]]:
        return list(self._check_runs.get(full_name.lower(), []))

    def issues(self, full_name: str) -> list[dict[str, Any]]:
        return list(self._issues.get(full_name.lower(), []))

    def comments(self, full_name: str, number: int) -> list[dict[str, Any]]:
        return list(self._comments.get((full_name.lower(), number), []))

    def labels(self, full_name: str) -> dict[str, dict[str, Any]]:
        return dict(self._labels.get(full_name.lower(), {}))

    def count(self, method: str | None = None, path: str | None = None,
              installation: int | None = None) -> int:
        return len(self.recorded(method, path, installation))

    def recorded(self, method: str | None = None, path: str | None = None,
                 installation: int | None = None) -> list[Recorded]:
        pattern = re.compile(path) if path else None
        return [r for r in list(self.requests)
                if (method is None or r.method == method)
                and (pattern is None or pattern.search(r.path))
                and (installation is None or r.installation == installation)]

    def reset_records(self) -> None:
        self.requests.clear()

    def _next_id(self) -> int:
        with self._lock:
            self._ids += 1
            return self._ids

    # -- authentication -----------------------------------------------------------------------
    def _verify_jwt(self, header: str | None) -> None:
        if not header or not header.startswith("Bearer "):
            raise _bad(401, "A JSON web token could not be decoded")
        try:
            claims = jwt.decode(header[7:], self.public_key, algorithms=["RS256"],
                                options={"require": ["iat", "exp", "iss"]}, leeway=0)
        except jwt.ExpiredSignatureError as exc:
            raise _bad(401, "'Expiration time' claim ('exp') must be a numeric value "
                            "representing the future time at which the assertion expires") from exc
        except jwt.InvalidTokenError as exc:
            raise _bad(401, f"A JSON web token could not be decoded ({exc})") from exc
        now = time.time()
        if str(claims["iss"]) != str(self.app_id):
            raise _bad(401, "'Issuer' claim ('iss') must be an Integer")
        if claims["exp"] - now > 600 + 1:
            raise _bad(401, "'Expiration time' claim ('exp') is too far in the future")
        if claims["iat"] > now + 1:
            raise _bad(401, "'Issued at' claim ('iat') must be an Integer representing the "
                            "time that the assertion was issued")

    def _verify_token(self, header: str | None) -> int:
        if not header or not header.startswith(("Bearer ", "token ")):
            raise _bad(401, "Requires authentication")
        token = header.split(" ", 1)[1]
        with self._lock:
            found = self.tokens.get(token)
        if found is None or found[1] <= time.time():
            raise _bad(401, "Bad credentials")
        return found[0]

    def _mint_token(self, installation_id: int) -> dict[str, Any]:
        if installation_id not in self.installations:
            raise _bad(404, "Not Found")
        # Not 40 characters on purpose: GitHub's new token format is longer and varies.
        token = "ghs_" + secrets.token_urlsafe(24 + secrets.randbelow(40))
        expires = time.time() + self.token_lifetime
        with self._lock:
            self.tokens[token] = (installation_id, expires)
        return {
            "token": token,
            "expires_at": datetime.fromtimestamp(expires, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "permissions": {"checks": "write", "contents": "read", "issues": "write",
                            "metadata": "read", "pull_requests": "read"},
            "repository_selection": "selected",
        }

    def _repo_for(self, installation_id: int, owner: str, name: str) -> FixtureRepo:
        key = f"{unquote(owner)}/{unquote(name)}".lower()
        inst = self.installations.get(installation_id)
        repo = self.repos.get(key)
        if repo is None or inst is None or key not in inst.repositories:
            raise _bad(404, "Not Found")
        return repo


# Routes: method, pattern (after the prefix), handler, authentication, OpenAPI template.
_ROUTES: list[tuple[str, str, str, str, str | None]] = [
    ("GET", r"/app", "get_app", "jwt", None),
    ("GET", r"/app/installations", "list_installations", "jwt", None),
    ("POST", r"/app/installations/(?P<iid>\d+)/access_tokens", "create_token", "jwt",
     "/app/installations/{installation_id}/access_tokens"),
    ("POST", r"/app-manifests/(?P<code>[^/]+)/conversions", "convert_manifest", "none", None),
    ("GET", r"/installation/repositories", "installation_repos", "token", None),
    ("GET", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)", "get_repo", "token", None),
    ("GET", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/git/trees/(?P<ref>.+)", "get_tree", "token", None),
    ("GET", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/contents/(?P<path>.*)", "get_contents", "token",
     None),
    ("GET", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/tarball/(?P<ref>.+)", "get_tarball", "token",
     None),
    ("GET", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/rules/branches/(?P<branch>.+)", "branch_rules",
     "token", None),
    ("GET", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/private-vulnerability-reporting", "pvr", "token",
     None),
    ("GET", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/pulls/(?P<n>\d+)", "get_pull", "token", None),
    ("GET", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/commits/(?P<ref>[^/]+)/check-runs",
     "list_check_runs", "token", None),
    ("POST", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/check-runs", "create_check_run", "token",
     "/repos/{owner}/{repo}/check-runs"),
    ("PATCH", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/check-runs/(?P<id>\d+)", "update_check_run",
     "token", "/repos/{owner}/{repo}/check-runs/{check_run_id}"),
    ("GET", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/issues", "list_issues", "token", None),
    ("POST", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/issues", "create_issue", "token",
     "/repos/{owner}/{repo}/issues"),
    ("GET", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/issues/(?P<n>\d+)", "get_issue", "token", None),
    ("PATCH", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/issues/(?P<n>\d+)", "update_issue", "token",
     "/repos/{owner}/{repo}/issues/{issue_number}"),
    ("GET", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/issues/(?P<n>\d+)/comments", "list_comments",
     "token", None),
    ("POST", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/issues/(?P<n>\d+)/comments", "create_comment",
     "token", "/repos/{owner}/{repo}/issues/{issue_number}/comments"),
    ("GET", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/labels", "list_labels", "token", None),
    ("GET", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/labels/(?P<name>[^/]+)", "get_label", "token",
     None),
    ("POST", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/labels", "create_label", "token",
     "/repos/{owner}/{repo}/labels"),
    ("PATCH", r"/repos/(?P<o>[^/]+)/(?P<r>[^/]+)/labels/(?P<name>[^/]+)", "update_label",
     "token", "/repos/{owner}/{repo}/labels/{name}"),
]
_COMPILED = [(m, re.compile(f"^{p}$"), h, a, t) for m, p, h, a, t in _ROUTES]


class _Handler(BaseHTTPRequestHandler):
    fake: FakeGitHub
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    # -- plumbing -----------------------------------------------------------------------------
    def _handle(self, method: str) -> None:
        fake = self.fake
        arrived = time.time()
        split = urlsplit(self.path)
        path, query = split.path, parse_qs(split.query)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        self._installation: int | None = None
        self._repository: str | None = None
        self._operation: str | None = None
        if fake.faults.latency:
            time.sleep(fake.faults.latency)
        try:
            status, body, headers, payload = self._route(method, path, query, raw)
        except _Reply as reply:
            status, body, headers, payload = reply.status, reply.body, reply.headers, reply.raw
        except Exception as exc:  # a bug in the fake must show up in the test, not hang it
            fake.violations.append(f"fake crashed on {method} {path}: {exc!r}")
            status, body, headers, payload = 500, {"message": repr(exc)}, {}, None
        fake.requests.append(Recorded(method, path, query, self._installation, status,
                                      self._repository, self._operation, arrived))
        if payload is None:
            payload = b"" if body is None else json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json; charset=utf-8")
        headers.setdefault("x-ratelimit-limit", "5000")
        headers.setdefault("x-ratelimit-remaining", "4999")
        headers.setdefault("x-ratelimit-reset", str(int(time.time()) + 3600))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _route(self, method: str, path: str, query: dict[str, list[str]], raw: bytes
               ) -> tuple[int, Any, dict[str, str], bytes | None]:
        fake = self.fake
        if path.startswith("/_codeload/"):
            return self._download(path, query)
        if method == "POST" and path == fake.graphql_path:
            return self._graphql(raw)
        if not path.startswith(fake.prefix + "/"):
            fake.violations.append(f"request outside the API prefix: {method} {path}")
            raise _bad(404, "Not Found")
        local = path[len(fake.prefix):]
        for route_method, pattern, handler, auth, template in _COMPILED:
            found = pattern.match(local)
            if not found or route_method != method:
                continue
            params = {k: unquote(v) for k, v in found.groupdict().items()}
            self._authenticate(auth)
            if "o" in params:
                self._repository = f"{params['o']}/{params['r']}".lower()
            limited = fake.faults.take_limit(local)
            if limited:
                status, headers, body = limited
                return status, body, headers, None
            content_creating = method in WRITE_METHODS and auth == "token"
            if content_creating:
                wait = fake.faults.take_content_slot()
                if wait is not None:
                    status, headers, body = fake.faults.secondary_answer(wait)
                    return status, body, headers, None
            failure = fake.faults.take_failure(method, local, after=False)
            if failure:
                raise _bad(failure, "Server Error")
            body: Any = None
            if raw:
                try:
                    body = json.loads(raw)
                except ValueError as exc:
                    raise _bad(400, "Problems parsing JSON") from exc
            if template and fake.validator is not None:
                errors = fake.validator.errors(method, template, body if raw else {})
                if errors:
                    fake.violations.append(f"{method} {local}: " + "; ".join(errors))
                    raise _Reply(422, {"message": "Invalid request.", "errors": errors,
                                       "documentation_url": "https://docs.github.com/rest"})
            result = getattr(self, f"h_{handler}")(params, query, body)
            failure = fake.faults.take_failure(method, local, after=True)
            if failure:
                raise _bad(failure, "Server Error")
            return result
        fake.violations.append(f"no such endpoint in the fake: {method} {local}")
        raise _bad(404, "Not Found")

    def _authenticate(self, auth: str) -> None:
        header = self.headers.get("Authorization")
        if auth == "jwt":
            self.fake._verify_jwt(header)
        elif auth == "token":
            self._installation = self.fake._verify_token(header)

    def _repo(self, params: dict[str, str]) -> FixtureRepo:
        assert self._installation is not None
        return self.fake._repo_for(self._installation, params["o"], params["r"])

    def _page(self, items: list[Any], query: dict[str, list[str]]
              ) -> tuple[list[Any], dict[str, str]]:
        per_page = min(100, int(query.get("per_page", ["30"])[0]))
        page = int(query.get("page", ["1"])[0])
        chunk = items[(page - 1) * per_page: page * per_page]
        headers: dict[str, str] = {}
        if page * per_page < len(items):
            rest = {k: v[0] for k, v in query.items() if k != "page"}
            base = self.fake.origin + urlsplit(self.path).path
            links = []
            for rel, number in (("next", page + 1),
                                ("last", (len(items) + per_page - 1) // per_page)):
                qs = "&".join(f"{k}={quote(str(v))}" for k, v in {**rest, "page": number}.items())
                links.append(f'<{base}?{qs}>; rel="{rel}"')
            headers["Link"] = ", ".join(links)
        return chunk, headers

    # -- GraphQL and downloads ----------------------------------------------------------------
    def _graphql(self, raw: bytes) -> tuple[int, Any, dict[str, str], bytes | None]:
        fake = self.fake
        self._installation = fake._verify_token(self.headers.get("Authorization"))
        limited = fake.faults.take_limit("/graphql")
        if limited:
            status, headers, body = limited
            if status == 200 or headers.get("x-ratelimit-remaining") == "0":
                # GitHub answers a spent GraphQL budget with 200 and an error body.
                headers["x-ratelimit-resource"] = "graphql"
                return 200, {"errors": [{"type": "RATE_LIMITED",
                                         "message": "API rate limit exceeded"}]}, headers, None
            return status, body, headers, None
        failure = fake.faults.take_failure("POST", "/graphql", after=False)
        if failure:
            raise _bad(failure, "Server Error")
        try:
            request = json.loads(raw)
            query, variables = request["query"], request.get("variables") or {}
        except (ValueError, KeyError, TypeError) as exc:
            raise _bad(400, "Problems parsing JSON") from exc
        self._operation = graphql.operation_name(query)
        owner, name = variables.get("owner"), variables.get("name")
        if owner and name:
            self._repository = f"{owner}/{name}".lower()
            inst = fake.installations.get(self._installation)
            if inst is None or self._repository not in inst.repositories:
                return 200, {"data": {"repository": None}, "errors": [{
                    "type": "NOT_FOUND", "path": ["repository"],
                    "message": "Could not resolve to a Repository"}]}, {}, None
        try:
            answer = graphql.answer(query, variables, fake.repos)
        except graphql.GraphQLRefused as exc:
            fake.violations.append(f"GraphQL: {exc}")
            raise _bad(400, f"unknown GraphQL document: {exc}") from exc
        return 200, answer, {"x-ratelimit-resource": "graphql"}, None

    def _download(self, path: str, query: dict[str, list[str]]
                  ) -> tuple[int, Any, dict[str, str], bytes | None]:
        if self.headers.get("Authorization"):
            self.fake.violations.append("credentials sent to the download host")
        token = (query.get("token") or [""])[0]
        with self.fake._lock:
            target = self.fake._downloads.get(token)
        if target is None:
            raise _bad(404, "Not Found")
        full_name, sha = target
        self._repository = full_name
        failure = self.fake.faults.take_failure("GET", path, after=False)
        if failure:
            raise _bad(failure, "Server Error")
        repo = self.fake.repos[full_name]
        data = repo.tarball_override
        if data is None:
            key = (full_name, sha)
            # Archives are deterministic; caching keeps benchmarks about the client.
            data = self.fake._archives.get(key)
            if data is None:
                data = self.fake._archives[key] = build_tarball(repo, sha)
        return 200, None, {"Content-Type": "application/x-gzip"}, data

    # -- app endpoints ------------------------------------------------------------------------
    def h_get_app(self, params: Any, query: Any, body: Any) -> Any:
        fake = self.fake
        return 200, {"id": fake.app_id, "slug": fake.slug, "name": "publiccode-checker",
                     "owner": {"login": "org"}, "permissions": {}, "events": []}, {}, None

    def h_list_installations(self, params: Any, query: Any, body: Any) -> Any:
        items = [{"id": i.id, "account": {"login": i.account}, "app_id": self.fake.app_id,
                  "repository_selection": "selected", "target_type": "Organization",
                  "app_slug": self.fake.slug}
                 for i in self.fake.installations.values()]
        chunk, headers = self._page(items, query)
        return 200, chunk, headers, None

    def h_create_token(self, params: Any, query: Any, body: Any) -> Any:
        self._installation = int(params["iid"])
        return 201, self.fake._mint_token(int(params["iid"])), {}, None

    def h_convert_manifest(self, params: Any, query: Any, body: Any) -> Any:
        app = self.fake.manifest_codes.pop(params["code"], None)
        if app is None:
            raise _bad(404, "Not Found")
        return 201, app, {}, None

    def h_installation_repos(self, params: Any, query: Any, body: Any) -> Any:
        inst = self.fake.installations[self._installation or 0]
        repos = [self.fake.repos[n].as_rest(self.fake.api_url) for n in inst.repositories]
        chunk, headers = self._page(repos, query)
        return 200, {"total_count": len(repos), "repository_selection": "selected",
                     "repositories": chunk}, headers, None

    # -- repository reads ---------------------------------------------------------------------
    def h_get_repo(self, params: Any, query: Any, body: Any) -> Any:
        return 200, self._repo(params).as_rest(self.fake.api_url), {}, None

    def h_get_tree(self, params: Any, query: Any, body: Any) -> Any:
        repo = self._repo(params)
        ref = params["ref"]
        commit = repo.resolve(ref)
        # Every commit of a fixture repository has the same files, so the same root tree.
        tree_sha = repo.root_tree if commit is not None else (ref if ref in repo.trees else None)
        if tree_sha is None:
            raise _bad(404, "Not Found")
        if "recursive" in query:
            items = repo.items if tree_sha == repo.root_tree else []
            truncated = repo.tree_limit is not None and len(items) > repo.tree_limit
            if truncated:
                items = items[: repo.tree_limit]
        else:
            items = repo.trees[tree_sha]
            truncated = False
        base = f"{self.fake.api_url}/repos/{repo.full_name}/git"
        tree = []
        for item in items:
            entry: dict[str, Any] = {"path": item.path, "mode": item.mode, "type": item.type,
                                     "sha": item.sha}
            if item.type == "blob":
                entry["size"] = item.size
                entry["url"] = f"{base}/blobs/{item.sha}"
            elif item.type == "tree":
                entry["url"] = f"{base}/trees/{item.sha}"
            tree.append(entry)
        return 200, {"sha": tree_sha, "url": f"{base}/trees/{tree_sha}", "tree": tree,
                     "truncated": truncated}, {}, None

    def h_get_contents(self, params: Any, query: Any, body: Any) -> Any:
        repo = self._repo(params)
        ref = (query.get("ref") or [repo.default_branch])[0]
        if repo.resolve(ref) is None:
            raise _bad(404, "No commit found for the ref")
        path = params["path"].strip("/")
        data = repo.blob_at(path)
        if data is None:
            if path in repo.tree_paths:
                listing = [{"name": i.path.rsplit("/", 1)[-1], "path": i.path, "sha": i.sha,
                            "type": "dir" if i.type == "tree" else "file"}
                           for i in repo.trees[repo.tree_paths[path]]]
                return 200, listing, {}, None
            raise _bad(404, "Not Found")
        if "raw" in (self.headers.get("Accept") or ""):
            return 200, None, {"Content-Type": "application/vnd.github.raw"}, data
        import base64

        return 200, {"type": "file", "encoding": "base64", "size": len(data), "path": path,
                     "name": path.rsplit("/", 1)[-1],
                     "content": base64.b64encode(data).decode()}, {}, None

    def h_get_tarball(self, params: Any, query: Any, body: Any) -> Any:
        repo = self._repo(params)
        sha = repo.resolve(params["ref"])
        if sha is None:
            raise _bad(404, "Not Found")
        token = secrets.token_urlsafe(16)
        with self.fake._lock:
            self.fake._downloads[token] = (repo.full_name.lower(), sha)
        location = (f"{self.fake.origin}/_codeload/{repo.full_name}/legacy.tar.gz/{sha}"
                    f"?token={token}")
        return 302, None, {"Location": location}, b""

    def h_branch_rules(self, params: Any, query: Any, body: Any) -> Any:
        rules = self._repo(params).branch_rules
        if isinstance(rules, int):
            raise _bad(rules, "Resource not accessible by integration")
        chunk, headers = self._page(list(rules), query)
        return 200, chunk, headers, None

    def h_pvr(self, params: Any, query: Any, body: Any) -> Any:
        value = self._repo(params).private_vulnerability_reporting
        if not isinstance(value, bool):
            raise _bad(int(value), "Resource not accessible by integration")
        return 200, {"enabled": value}, {}, None

    def h_get_pull(self, params: Any, query: Any, body: Any) -> Any:
        repo = self._repo(params)
        number = int(params["n"])
        for pull in repo.pulls:
            if pull.number == number:
                return 200, {"number": number, "state": "closed" if pull.closed_at else "open",
                             "user": {"login": pull.author},
                             "head": {"sha": repo.head, "ref": "feature"},
                             "base": {"ref": repo.default_branch}}, {}, None
        raise _bad(404, "Not Found")

    # -- check runs ---------------------------------------------------------------------------
    def h_list_check_runs(self, params: Any, query: Any, body: Any) -> Any:
        repo = self._repo(params)
        sha = repo.resolve(params["ref"]) or params["ref"]
        runs = [r for r in self.fake._check_runs.get(repo.full_name.lower(), [])
                if r["head_sha"] == sha]
        name = (query.get("check_name") or [None])[0]
        if name:
            runs = [r for r in runs if r["name"] == name]
        app_id = (query.get("app_id") or [None])[0]
        if app_id:
            runs = [r for r in runs if str(r["app"]["id"]) == app_id]
        chunk, headers = self._page(runs, query)
        return 200, {"total_count": len(runs), "check_runs": chunk}, headers, None

    def h_create_check_run(self, params: Any, query: Any, body: Any) -> Any:
        repo = self._repo(params)
        run_id = self.fake._next_id()
        run = {
            "id": run_id, "head_sha": body["head_sha"], "name": body["name"],
            "external_id": body.get("external_id", ""), "details_url": body.get("details_url"),
            "status": "completed" if body.get("conclusion") else body.get("status", "queued"),
            "conclusion": body.get("conclusion"), "started_at": body.get("started_at"),
            "completed_at": body.get("completed_at"),
            "output": self._output(None, body.get("output")),
            "app": {"id": self.fake.app_id, "slug": self.fake.slug},
            "pull_requests": [],
            "url": f"{self.fake.api_url}/repos/{repo.full_name}/check-runs/{run_id}",
            "html_url": f"https://github.example/{repo.full_name}/runs/{run_id}",
        }
        with self.fake._lock:
            self.fake._check_runs.setdefault(repo.full_name.lower(), []).append(run)
        return 201, run, {}, None

    @staticmethod
    def _output(current: dict[str, Any] | None, new: dict[str, Any] | None) -> dict[str, Any]:
        out = dict(current or {"title": None, "summary": None, "text": None,
                               "annotations_count": 0, "annotations": []})
        if new:
            for key in ("title", "summary", "text"):
                if key in new:
                    out[key] = new[key]
            # Annotations accumulate across updates, as on GitHub.
            out["annotations"] = [*out["annotations"], *new.get("annotations", [])]
            out["annotations_count"] = len(out["annotations"])
        return out

    def h_update_check_run(self, params: Any, query: Any, body: Any) -> Any:
        repo = self._repo(params)
        for run in self.fake._check_runs.get(repo.full_name.lower(), []):
            if run["id"] == int(params["id"]):
                with self.fake._lock:
                    for key in ("name", "details_url", "external_id", "status", "conclusion",
                                "started_at", "completed_at"):
                        if key in body:
                            run[key] = body[key]
                    if body.get("conclusion"):
                        run["status"] = "completed"
                    run["output"] = self._output(run["output"], body.get("output"))
                return 200, run, {}, None
        raise _bad(404, "Not Found")

    # -- issues, comments, labels -------------------------------------------------------------
    def _issue_list(self, repo: FixtureRepo) -> list[dict[str, Any]]:
        if not repo.has_issues:
            raise _bad(410, "Issues are disabled for this repo")
        return self.fake._issues.setdefault(repo.full_name.lower(), [])

    def h_list_issues(self, params: Any, query: Any, body: Any) -> Any:
        issues = list(self._issue_list(self._repo(params)))
        state = (query.get("state") or ["open"])[0]
        if state != "all":
            issues = [i for i in issues if i["state"] == state]
        labels = (query.get("labels") or [""])[0]
        for label in filter(None, labels.split(",")):
            issues = [i for i in issues if label in {x["name"] for x in i["labels"]}]
        creator = (query.get("creator") or [None])[0]
        if creator:
            issues = [i for i in issues if i["user"]["login"] == creator]
        if (query.get("direction") or ["desc"])[0] == "desc":
            issues = issues[::-1]
        chunk, headers = self._page(issues, query)
        return 200, chunk, headers, None

    def h_create_issue(self, params: Any, query: Any, body: Any) -> Any:
        repo = self._repo(params)
        issues = self._issue_list(repo)
        with self.fake._lock:
            number = len(issues) + 1
            issue = {
                "id": self.fake._next_id(), "number": number, "title": str(body["title"]),
                "body": body.get("body"), "state": "open", "state_reason": None,
                "labels": [self._label(repo, x) for x in body.get("labels", [])],
                "user": {"login": f"{self.fake.slug}[bot]", "type": "Bot"},
                "created_at": _now_iso(), "updated_at": _now_iso(), "comments": 0,
                "html_url": f"https://github.example/{repo.full_name}/issues/{number}",
            }
            issues.append(issue)
        return 201, issue, {}, None

    def _label(self, repo: FixtureRepo, label: Any) -> dict[str, Any]:
        name = label if isinstance(label, str) else label["name"]
        known = self.fake._labels.setdefault(repo.full_name.lower(), {})
        return known.setdefault(name, {"name": name, "color": "ededed", "description": None})

    def _find_issue(self, params: dict[str, str]) -> tuple[FixtureRepo, dict[str, Any]]:
        repo = self._repo(params)
        for issue in self._issue_list(repo):
            if issue["number"] == int(params["n"]):
                return repo, issue
        raise _bad(404, "Not Found")

    def h_get_issue(self, params: Any, query: Any, body: Any) -> Any:
        return 200, self._find_issue(params)[1], {}, None

    def h_update_issue(self, params: Any, query: Any, body: Any) -> Any:
        repo, issue = self._find_issue(params)
        with self.fake._lock:
            for key in ("title", "body", "state", "state_reason"):
                if key in body:
                    issue[key] = body[key]
            if "labels" in body:
                issue["labels"] = [self._label(repo, x) for x in body["labels"]]
            issue["updated_at"] = _now_iso()
        return 200, issue, {}, None

    def h_list_comments(self, params: Any, query: Any, body: Any) -> Any:
        repo, issue = self._find_issue(params)
        comments = self.fake._comments.get((repo.full_name.lower(), issue["number"]), [])
        chunk, headers = self._page(list(comments), query)
        return 200, chunk, headers, None

    def h_create_comment(self, params: Any, query: Any, body: Any) -> Any:
        repo, issue = self._find_issue(params)
        comment = {"id": self.fake._next_id(), "body": body["body"], "created_at": _now_iso(),
                   "user": {"login": f"{self.fake.slug}[bot]", "type": "Bot"}}
        with self.fake._lock:
            self.fake._comments.setdefault((repo.full_name.lower(), issue["number"]),
                                           []).append(comment)
            issue["comments"] += 1
        return 201, comment, {}, None

    def h_list_labels(self, params: Any, query: Any, body: Any) -> Any:
        repo = self._repo(params)
        chunk, headers = self._page(list(self.fake.labels(repo.full_name).values()), query)
        return 200, chunk, headers, None

    def h_get_label(self, params: Any, query: Any, body: Any) -> Any:
        label = self.fake.labels(self._repo(params).full_name).get(params["name"])
        if label is None:
            raise _bad(404, "Not Found")
        return 200, label, {}, None

    def h_create_label(self, params: Any, query: Any, body: Any) -> Any:
        repo = self._repo(params)
        known = self.fake._labels.setdefault(repo.full_name.lower(), {})
        with self.fake._lock:
            if body["name"] in known:
                raise _Reply(422, {"message": "Validation Failed", "errors": [
                    {"resource": "Label", "code": "already_exists", "field": "name"}]})
            label = {"name": body["name"], "color": body.get("color", "ededed"),
                     "description": body.get("description")}
            known[body["name"]] = label
        return 201, label, {}, None

    def h_update_label(self, params: Any, query: Any, body: Any) -> Any:
        repo = self._repo(params)
        label = self.fake._labels.get(repo.full_name.lower(), {}).get(params["name"])
        if label is None:
            raise _bad(404, "Not Found")
        with self.fake._lock:
            label.update({k: v for k, v in body.items() if k in ("color", "description")})
        return 200, label, {}, None


def build_tarball(repo: FixtureRepo, sha: str) -> bytes:
    """A ``git archive``-style tarball: one top folder, a pax header with the commit id."""
    top = f"{repo.owner}-{repo.name}-{sha[:7]}"
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as gz, tarfile.open(
        fileobj=gz, mode="w", format=tarfile.PAX_FORMAT, pax_headers={"comment": sha}
    ) as tar:
        directory = tarfile.TarInfo(top)
        directory.type = tarfile.DIRTYPE
        directory.mode = 0o775
        tar.addfile(directory)
        for item in repo.items:
            info = tarfile.TarInfo(f"{top}/{item.path}")
            info.mtime = int(repo.commits[0].date.timestamp())
            if item.type == "tree":
                info.type, info.mode = tarfile.DIRTYPE, 0o775
                tar.addfile(info)
            elif item.mode == "120000":
                info.type, info.linkname = tarfile.SYMTYPE, repo.symlinks[item.path]
                tar.addfile(info)
            elif item.type == "commit":
                info.type, info.mode = tarfile.DIRTYPE, 0o775  # git archive: empty folder
                tar.addfile(info)
            else:
                data = repo.files[item.path]
                info.size, info.mode = len(data), 0o664
                tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def default_openapi() -> Path | None:
    """GitHub's OpenAPI description from the reference folder, or None (validation off)."""
    from tests.conftest import reference_dir

    path = reference_dir() / OPENAPI_FILE
    return path if path.exists() else None
