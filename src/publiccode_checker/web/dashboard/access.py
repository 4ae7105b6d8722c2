"""Who may see what. Public repositories are open to everyone; anything else only to a signed-in
person whose own GitHub token can read the repository.

Answers from GitHub are cached for a few minutes per (person, repository), so that a page of many
private repositories does not cost a request each time it is opened.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from publiccode_checker.web.dashboard.github_oauth import GitHubOAuth
from publiccode_checker.web.dashboard.models import PUBLIC

CACHE_SECONDS = 300
CACHE_SIZE = 20_000
#: Above this many private repositories on one page, one listing beats one request each.
LIST_THRESHOLD = 10


@dataclass(frozen=True)
class Viewer:
    login: str | None = None
    token: str | None = None

    @property
    def signed_in(self) -> bool:
        return bool(self.login and self.token)


ANONYMOUS = Viewer()


class AccessChecker:
    def __init__(self, oauth: GitHubOAuth | None) -> None:
        self.oauth = oauth
        self._lock = threading.Lock()
        self._answers: OrderedDict[tuple[str, str], tuple[bool, float]] = OrderedDict()

    def can_view(self, viewer: Viewer, repository: str, visibility: str | None) -> bool:
        if visibility == PUBLIC:
            return True
        if not viewer.signed_in or self.oauth is None:
            return False
        key = (_fingerprint(viewer.token or ""), repository.lower())
        cached = self._cached(key)
        if cached is not None:
            return cached
        allowed = self.oauth.can_read(viewer.token or "", repository)
        self._remember(key, allowed)
        return allowed

    def visible(
        self, viewer: Viewer, items: Iterable[tuple[str, str | None]]
    ) -> set[str]:
        """Which (repository, visibility) pairs the viewer may see, asking GitHub sparingly."""
        items = list(items)
        allowed = {repo for repo, visibility in items if visibility == PUBLIC}
        hidden = [repo for repo, visibility in items if visibility != PUBLIC]
        if not hidden or not viewer.signed_in or self.oauth is None:
            return allowed
        fingerprint = _fingerprint(viewer.token or "")
        unknown = [r for r in hidden if self._cached((fingerprint, r.lower())) is None]
        if len(unknown) > LIST_THRESHOLD:
            readable = self.oauth.readable(viewer.token or "")
            if readable is not None:
                for repo in unknown:
                    self._remember((fingerprint, repo.lower()), repo.lower() in readable)
        for repo in hidden:
            if self.can_view(viewer, repo, None):
                allowed.add(repo)
        return allowed

    def _cached(self, key: tuple[str, str]) -> bool | None:
        with self._lock:
            entry = self._answers.get(key)
            if entry is None:
                return None
            allowed, expires = entry
            if expires < time.monotonic():
                del self._answers[key]
                return None
            self._answers.move_to_end(key)
            return allowed

    def _remember(self, key: tuple[str, str], allowed: bool) -> None:
        with self._lock:
            self._answers[key] = (allowed, time.monotonic() + CACHE_SECONDS)
            self._answers.move_to_end(key)
            while len(self._answers) > CACHE_SIZE:
                self._answers.popitem(last=False)


def _fingerprint(token: str) -> str:
    # The cache is keyed by a hash, so the token itself is not kept in memory longer than needed.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()[:32]
