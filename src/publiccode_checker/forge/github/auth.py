"""App JWTs and cached installation tokens.

JWTs are signed by PyGithub's ``Auth.AppAuth`` (RS256 with PyJWT + cryptography): it already does
what GitHub documents (``iat`` 60 s in the past for clock drift, ``iss`` the app id as a string), so
there is no reason to sign by hand. Installation tokens are minted through our own transport so the
request is counted and rate limits are handled like every other one, and cached here because
PyGithub's ``AppInstallationAuth`` neither locks (two threads would both mint) nor lets us choose
how long before ``expires_at`` to refresh.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from github import Auth

#: Seconds the JWT is valid. GitHub refuses more than 600; staying under absorbs clock drift.
JWT_EXPIRY = 540
#: ``iat`` this many seconds in the past, as GitHub recommends.
JWT_ISSUED_AT = -60
#: Refresh a cached installation token this long before it expires.
TOKEN_REFRESH_MARGIN = 60.0


class AppCredentials:
    """Signs app JWTs; never logs or exposes the key."""

    def __init__(self, app_id: str | int, private_key_pem: str) -> None:
        if not private_key_pem or "PRIVATE KEY" not in private_key_pem:
            raise ValueError("GitHub App private key is missing or not PEM text")
        self.app_id = str(app_id)
        self._auth = Auth.AppAuth(self.app_id, private_key_pem, jwt_expiry=JWT_EXPIRY,
                                  jwt_issued_at=JWT_ISSUED_AT)

    def jwt(self) -> str:
        return self._auth.create_jwt()

    def __repr__(self) -> str:
        return f"AppCredentials(app_id={self.app_id!r})"


def private_key_from_env() -> str:
    """``GITHUB_PRIVATE_KEY`` (PEM text) or the file named by ``GITHUB_PRIVATE_KEY_PATH``."""
    pem = os.environ.get("GITHUB_PRIVATE_KEY")
    if pem:
        # Some platforms cannot hold newlines in variables and store them escaped.
        return pem.replace("\\n", "\n")
    path = os.environ.get("GITHUB_PRIVATE_KEY_PATH")
    if path:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    raise ValueError("set GITHUB_PRIVATE_KEY or GITHUB_PRIVATE_KEY_PATH")


@dataclass(frozen=True)
class InstallationToken:
    token: str
    expires_at: float  # epoch seconds

    def __repr__(self) -> str:
        return f"InstallationToken(expires_at={self.expires_at})"


def parse_expiry(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


class TokenCache:
    """One installation's token, minted on first use and again ~60 s before it expires.

    The lock is held while minting so concurrent callers wait for one new token instead of each
    minting their own.
    """

    def __init__(
        self,
        mint: Callable[[], InstallationToken],
        *,
        margin: float = TOKEN_REFRESH_MARGIN,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._mint = mint
        self._margin = margin
        self._clock = clock
        self._lock = threading.Lock()
        self._current: InstallationToken | None = None

    def get(self, refresh: bool = False) -> str:
        with self._lock:
            current = self._current
            if refresh or current is None or self._clock() >= current.expires_at - self._margin:
                current = self._mint()
                self._current = current
            return current.token

    def invalidate(self) -> None:
        with self._lock:
            self._current = None
