"""The GitHub App itself: JWT-authenticated calls and the factory for installation clients."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import Any

from publiccode_checker.forge.github.auth import (
    AppCredentials,
    InstallationToken,
    TokenCache,
    parse_expiry,
)
from publiccode_checker.forge.github.counter import RequestCounter
from publiccode_checker.forge.github.errors import GitHubError
from publiccode_checker.forge.github.installation import InstallationClient
from publiccode_checker.forge.github.pacing import Pacer, PacingPolicy, pacer_from_env
from publiccode_checker.forge.github.pagination import paginate
from publiccode_checker.forge.github.transport import ClientPolicy, Transport, error_for
from publiccode_checker.forge.github.urls import normalise_api_url


class GitHubApp:
    def __init__(
        self,
        app_id: str | int,
        private_key_pem: str,
        api_url: str | None = None,
        *,
        policy: ClientPolicy | None = None,
        pacer: Pacer | None = None,
        pacing: PacingPolicy | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.credentials = AppCredentials(app_id, private_key_pem)
        self.app_id = self.credentials.app_id
        self.api_url = normalise_api_url(api_url)
        self.policy = policy or ClientPolicy()
        #: One pacer per process (keyed by installation) so every client shares the budget.
        self.pacer = pacer or pacer_from_env(pacing)
        self.counter = RequestCounter()
        self._clock = clock
        self._sleep = sleep
        self._transport = Transport(
            self.api_url, lambda _refresh: self.credentials.jwt(), counter=self.counter,
            policy=self.policy, clock=clock, sleep=sleep,
        )
        self._lock = threading.Lock()
        self._app: dict[str, Any] | None = None
        self._tokens: dict[int, TokenCache] = {}

    @classmethod
    def from_env(cls, **options: Any) -> GitHubApp:
        from publiccode_checker.forge.github.auth import private_key_from_env

        app_id = os.environ.get("GITHUB_APP_ID")
        if not app_id:
            raise ValueError("set GITHUB_APP_ID")
        return cls(app_id, private_key_from_env(), os.environ.get("GITHUB_API_URL"), **options)

    def __repr__(self) -> str:
        return f"GitHubApp(app_id={self.app_id!r}, api_url={self.api_url!r})"

    # -- JWT endpoints ------------------------------------------------------------------------
    def _app_info(self) -> dict[str, Any]:
        with self._lock:
            if self._app is None:
                reply = self._transport.request("GET", "/app", kind="auth")
                if reply.status != 200:
                    raise error_for(reply)
                self._app = reply.json()
            return self._app

    @property
    def slug(self) -> str:
        return str(self._app_info()["slug"])

    @property
    def bot_login(self) -> str:
        return f"{self.slug}[bot]"

    def list_installations(self) -> list[dict[str, Any]]:
        return list(paginate(self._transport, "/app/installations"))

    @staticmethod
    def convert_manifest(code: str, api_url: str | None = None) -> dict[str, Any]:
        """Finish the app-manifest flow: trade the one-time ``code`` for the app's credentials."""
        transport = Transport(normalise_api_url(api_url), lambda _refresh: None,
                              counter=RequestCounter())
        # The code is single-use, so a lost answer cannot be fetched again: never repeat.
        reply = transport.request("POST", f"/app-manifests/{code}/conversions", kind="auth",
                                  authenticated=False, retry_safe=False, paced=False)
        if reply.status != 201:
            raise error_for(reply)
        return reply.json()

    # -- installations ------------------------------------------------------------------------
    def _mint(self, installation_id: int) -> InstallationToken:
        reply = self._transport.request(
            "POST", f"/app/installations/{int(installation_id)}/access_tokens", kind="auth",
            retry_safe=True, paced=False,  # a second token is harmless
        )
        if reply.status != 201:
            raise error_for(reply)
        data = reply.json()
        if not data.get("token") or not data.get("expires_at"):
            raise GitHubError(reply.status, "token answer without token or expires_at")
        return InstallationToken(data["token"], parse_expiry(data["expires_at"]))

    def token_cache(self, installation_id: int) -> TokenCache:
        with self._lock:
            cache = self._tokens.get(int(installation_id))
            if cache is None:
                cache = TokenCache(lambda: self._mint(installation_id), clock=self._clock)
                self._tokens[int(installation_id)] = cache
            return cache

    def installation(self, installation_id: int) -> InstallationClient:
        """A client for one installation, with a fresh request counter; tokens are shared."""
        return InstallationClient(self, int(installation_id), self.token_cache(installation_id),
                                  clock=self._clock, sleep=self._sleep)
