"""GitHub's web sign-in (OAuth web flow) and the one question we ask with the user's token:
may this person read that repository?

The token is only ever sent to GitHub. It is never logged and never kept in clear anywhere.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import requests

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
#: Listing every repository a person can read costs one request per 100; stop somewhere.
MAX_LIST_PAGES = 10


class OAuthError(Exception):
    """GitHub refused or did not answer; the message is safe to show (no token in it)."""


@dataclass(frozen=True)
class OAuthSettings:
    client_id: str
    client_secret: str
    web_url: str = "https://github.com"
    api_url: str = "https://api.github.com"
    scope: str = ""


class GitHubOAuth:
    def __init__(self, settings: OAuthSettings, http: requests.Session | None = None) -> None:
        self.settings = settings
        self.http = http or requests.Session()

    def authorize_url(self, *, state: str, redirect_uri: str) -> str:
        params = {"client_id": self.settings.client_id, "redirect_uri": redirect_uri,
                  "state": state, "allow_signup": "false"}
        if self.settings.scope:
            params["scope"] = self.settings.scope
        return f"{self.settings.web_url.rstrip('/')}/login/oauth/authorize?{urlencode(params)}"

    def exchange(self, *, code: str, redirect_uri: str) -> str:
        """The user's access token for the ``code`` GitHub sent back."""
        try:
            response = self.http.post(
                f"{self.settings.web_url.rstrip('/')}/login/oauth/access_token",
                data={"client_id": self.settings.client_id,
                      "client_secret": self.settings.client_secret,
                      "code": code, "redirect_uri": redirect_uri},
                headers={"Accept": "application/json"}, timeout=TIMEOUT_SECONDS,
            )
            payload = response.json() if response.ok else {}
        except (requests.RequestException, ValueError) as exc:
            raise OAuthError("GitHub did not answer the sign-in request") from exc
        token = payload.get("access_token") if isinstance(payload, dict) else None
        if not token:
            error = payload.get("error") if isinstance(payload, dict) else None
            log.info("OAuth code exchange refused: %s", error or response.status_code)
            raise OAuthError("GitHub refused the sign-in")
        return str(token)

    def login(self, token: str) -> str:
        response = self._get("/user", token)
        if response is None or response.status_code != 200:
            raise OAuthError("GitHub did not tell who signed in")
        login = response.json().get("login")
        if not login:
            raise OAuthError("GitHub did not tell who signed in")
        return str(login)

    def can_read(self, token: str, repository: str) -> bool:
        """True when ``GET /repos/{owner}/{name}`` succeeds with the user's token."""
        owner, _, name = repository.partition("/")
        response = self._get(f"/repos/{quote(owner, safe='')}/{quote(name, safe='')}", token)
        return response is not None and response.status_code == 200

    def readable(self, token: str) -> set[str] | None:
        """Full names of the repositories the user can read (lower case), or None on trouble."""
        names: set[str] = set()
        for page in range(1, MAX_LIST_PAGES + 1):
            response = self._get(f"/user/repos?per_page=100&page={page}", token)
            if response is None or response.status_code != 200:
                return None
            batch = response.json()
            if not isinstance(batch, list):
                return None
            names.update(str(r.get("full_name", "")).lower() for r in batch if isinstance(r, dict))
            if len(batch) < 100:
                return names
        # Too many to list: the caller falls back to asking per repository.
        return None

    def _get(self, path: str, token: str) -> requests.Response | None:
        try:
            return self.http.get(
                f"{self.settings.api_url.rstrip('/')}{path}",
                headers={"Authorization": f"Bearer {token}",
                         "Accept": "application/vnd.github+json",
                         "X-GitHub-Api-Version": "2022-11-28"},
                timeout=TIMEOUT_SECONDS,
            )
        except requests.RequestException:
            log.warning("GitHub API request failed: GET %s", path.split("?")[0])
            return None
