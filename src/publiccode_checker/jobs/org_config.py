"""The organisation's configuration, from ``publiccode-checker.yml`` in its ``.github`` repository.

Cached per installation and organisation for a few minutes (one or two reads per refresh instead of
per job); a push to the ``.github`` repository drops the cached copy.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from publiccode_checker.repo_config.loader import parse_config
from publiccode_checker.repo_config.model import ConfigProblem, RepoConfig

ORG_REPOSITORY = ".github"
ORG_CONFIG_PATHS = ("publiccode-checker.yml", ".github/publiccode-checker.yml")
TTL_SECONDS = 300.0

_lock = threading.Lock()
_cache: dict[tuple[int, str], tuple[float, RepoConfig | None]] = {}


def org_config(client: Any, installation_id: int, owner: str) -> RepoConfig | None:
    key = (installation_id, owner.lower())
    now = time.monotonic()
    with _lock:
        cached = _cache.get(key)
    if cached is not None and cached[0] > now:
        return cached[1]
    config = _read(client, owner)
    with _lock:
        _cache[key] = (now + TTL_SECONDS, config)
    return config


def invalidate(installation_id: int, owner: str) -> None:
    with _lock:
        _cache.pop((installation_id, owner.lower()), None)


def clear() -> None:
    with _lock:
        _cache.clear()


def _read(client: Any, owner: str) -> RepoConfig | None:
    from publiccode_checker.forge.github import NotFound

    repository = f"{owner}/{ORG_REPOSITORY}"
    for path in ORG_CONFIG_PATHS:
        try:
            data = client.get_file(repository, path)
        except NotFound:
            return None  # no .github repository: no organisation defaults
        if data is None:
            continue
        location = f"{repository}/{path}"
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return RepoConfig(path=location, problems=[
                ConfigProblem(location, None, "is not UTF-8 text")])
        return parse_config(text, location)
    return None
