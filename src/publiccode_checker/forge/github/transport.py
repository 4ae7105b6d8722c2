"""The one place HTTP requests to GitHub are made: counting, pacing, rate limits and retries.

Built directly on ``requests`` rather than PyGithub's requester because the service needs control
PyGithub does not give: every attempt is counted per repository; a rate limit longer than the
configured in-client wait becomes ``RateLimited(retry_at)`` for the job queue instead of a sleeping
worker (PyGithub's retry sleeps as long as GitHub asks); writes are paced per installation; and a
POST is only retried when the caller can prove the first attempt left nothing behind.
"""

from __future__ import annotations

import json as jsonlib
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import requests

from publiccode_checker.forge.github.counter import RequestCounter
from publiccode_checker.forge.github.errors import (
    GitHubError,
    Gone,
    NotFound,
    RateLimited,
    TransientError,
)
from publiccode_checker.forge.github.pacing import Pacer
from publiccode_checker.forge.github.ratelimit import SECONDARY_MIN_WAIT, LimitHit, classify

log = logging.getLogger(__name__)

USER_AGENT = "publiccode-checker"
API_VERSION = "2022-11-28"
IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"})


@dataclass(frozen=True)
class ClientPolicy:
    #: Longest the client itself waits out rate limits for one request before raising RateLimited.
    max_wait: float = 30.0
    #: Further attempts after a 5xx or network failure.
    max_retries: int = 3
    #: First backoff after a failure, doubled on each further one.
    backoff: float = 0.5
    #: How many rate-limit answers one request may meet before giving up.
    max_limit_retries: int = 3
    secondary_min_wait: float = SECONDARY_MIN_WAIT
    timeout: float = 30.0


@dataclass
class Reply:
    status: int
    headers: Mapping[str, str]
    content: bytes
    url: str
    #: True when a retried POST found the object the lost first attempt had created.
    recovered: bool = False
    _data: Any = field(default=None, repr=False)

    def json(self) -> Any:
        if self._data is None and self.content:
            self._data = jsonlib.loads(self.content)
        return self._data


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Headers safe for a log line: credentials replaced."""
    secret = {"authorization", "cookie", "x-hub-signature", "x-hub-signature-256"}
    return {k: ("<redacted>" if k.lower() in secret else v) for k, v in headers.items()}


def _loggable(url: str) -> str:
    # Archive download URLs carry a short-lived token in the query string.
    return url.split("?", 1)[0]


def error_for(reply: Reply) -> GitHubError:
    try:
        body = reply.json()
        message = body.get("message", "") if isinstance(body, dict) else ""
    except ValueError:
        message = reply.content[:200].decode("utf-8", "replace")
    if reply.status == 404:
        return NotFound(404, message or "not found")
    if reply.status == 410:
        return Gone(410, message or "gone")
    return GitHubError(reply.status, message or "request failed")


class Transport:
    """HTTP to one API root with one kind of credentials (an app JWT or an installation token)."""

    def __init__(
        self,
        api_url: str,
        credentials: Callable[[bool], str | None],
        *,
        counter: RequestCounter,
        policy: ClientPolicy | None = None,
        pacer: Pacer | None = None,
        pacing_key: str | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.api_url = api_url.rstrip("/")
        #: ``credentials(refresh)`` returns the bearer value; ``refresh`` asks for a fresh one.
        self._credentials = credentials
        self.counter = counter
        self.policy = policy or ClientPolicy()
        self.pacer = pacer
        self.pacing_key = pacing_key
        self._clock = clock
        self._sleep = sleep
        self._local = threading.local()

    def _session(self) -> requests.Session:
        # requests.Session is not documented as thread-safe; one per thread keeps pooling.
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            self._local.session = session
        return session

    def url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else self.api_url + path

    def request(
        self,
        method: str,
        path: str,
        *,
        kind: str | None = None,
        repository: str | None = None,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        authenticated: bool = True,
        retry_safe: bool | None = None,
        recover: Callable[[], Any] | None = None,
        paced: bool | None = None,
        follow_redirects: bool = False,
    ) -> Reply:
        """Send one logical request; returns 2xx/3xx/4xx replies, raises on limits and 5xx.

        ``kind`` is how the request is counted (default: read for GET, else write).
        ``retry_safe`` says a repeat cannot duplicate anything (default: by method).
        ``recover``, for unsafe requests, looks up what a lost attempt may have created and
        returns it (or None), so the request is repeated only when nothing was created.
        """
        method = method.upper()
        kind = kind or ("read" if method in ("GET", "HEAD") else "write")
        if retry_safe is None:
            retry_safe = method in IDEMPOTENT
        if paced is None:
            paced = kind == "write"
        url = self.url(path)
        failures = 0
        limit_hits = 0
        waited = 0.0
        refreshed = False
        refresh_now = False
        while True:
            send_headers = {
                "Accept": "application/vnd.github+json",
                "User-Agent": USER_AGENT,
                "X-GitHub-Api-Version": API_VERSION,
                **(headers or {}),
            }
            if authenticated:
                credential = self._credentials(refresh_now)
                refresh_now = False
                if credential:
                    send_headers["Authorization"] = f"Bearer {credential}"
            # Paced after the credentials, so minting a token does not eat into the spacing.
            if paced and self.pacer is not None and self.pacing_key is not None:
                waited += self.pacer.acquire(self.pacing_key,
                                             max(0.0, self.policy.max_wait - waited))
            reply, failure = self._send(method, url, params, json, send_headers,
                                        follow_redirects)
            self.counter.record(kind, repository, reply.status if reply else None)
            if reply is not None:
                if reply.status == 401 and authenticated and not refreshed:
                    # The token may have been revoked or expired early; mint once more.
                    refreshed = refresh_now = True
                    continue
                hit = self._limit(reply)
                if hit is not None:
                    limit_hits += 1
                    wait = self._limit_wait(hit, limit_hits)
                    if (limit_hits > self.policy.max_limit_retries
                            or waited + wait > self.policy.max_wait):
                        raise RateLimited.at_epoch(self._clock() + wait, hit.message,
                                                   reply.status)
                    log.info("rate limited (%s) on %s %s; waiting %.1fs", hit.kind, method,
                             _loggable(url), wait)
                    self._sleep(wait)
                    waited += wait
                    continue
                if reply.status < 500:
                    return reply
                failure = f"{reply.status} from GitHub"
            failures += 1
            if failures > self.policy.max_retries:
                raise TransientError(reply.status if reply else 0,
                                     f"{method} {_loggable(url)}: {failure}")
            if not retry_safe:
                if recover is None:
                    raise TransientError(reply.status if reply else 0,
                                         f"{method} {_loggable(url)}: {failure}; not retried "
                                         "because a repeat could duplicate content")
                existing = recover()
                if existing is not None:
                    return Reply(200, {}, b"", url, recovered=True, _data=existing)
            self._sleep(self.policy.backoff * 2 ** (failures - 1))

    def _send(
        self, method: str, url: str, params: Any, json: Any, headers: dict[str, str],
        follow_redirects: bool,
    ) -> tuple[Reply | None, str | None]:
        started = time.perf_counter()
        try:
            response = self._session().request(
                method, url, params=params, json=json, headers=headers,
                timeout=self.policy.timeout, allow_redirects=follow_redirects,
            )
        except (requests.ConnectionError, requests.Timeout) as exc:
            log.debug("%s %s failed: %s", method, _loggable(url), type(exc).__name__)
            return None, type(exc).__name__
        if log.isEnabledFor(logging.DEBUG):
            log.debug("%s %s -> %s in %.0f ms; headers %s", method, _loggable(url),
                      response.status_code, (time.perf_counter() - started) * 1000,
                      redact_headers(headers))
        return Reply(response.status_code, response.headers, response.content, url), None

    def _limit(self, reply: Reply) -> LimitHit | None:
        if reply.status not in (200, 403, 429):
            return None
        body: Any = None
        if reply.status != 200 or reply.headers.get("x-ratelimit-resource") == "graphql" or (
            "graphql" in reply.url
        ):
            try:
                body = reply.json()
            except ValueError:
                body = None
        if reply.status == 200 and not isinstance(body, dict):
            return None
        return classify(reply.status, reply.headers, body,
                        reply.content[:300].decode("utf-8", "replace"), self._clock())

    def _limit_wait(self, hit: LimitHit, repeat: int) -> float:
        if hit.kind == "primary":
            return hit.wait if hit.wait is not None else self.policy.secondary_min_wait
        base = hit.wait if hit.wait is not None else self.policy.secondary_min_wait
        return base * 2 ** (repeat - 1)
