"""Where the REST and GraphQL endpoints live for github.com and GitHub Enterprise Server."""

from __future__ import annotations

import os
from urllib.parse import quote

DEFAULT_API_URL = "https://api.github.com"


def api_url_from_env() -> str:
    return os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL


def normalise_api_url(api_url: str | None) -> str:
    return (api_url or api_url_from_env()).rstrip("/")


def graphql_url(api_url: str) -> str:
    """GitHub.com serves GraphQL at ``{api}/graphql``; GHES at ``https://HOST/api/graphql``.

    GHES puts REST under ``/api/v3``, so its GraphQL endpoint is a sibling, not a child.
    """
    base = api_url.rstrip("/")
    if base.endswith("/api/v3"):
        return base[: -len("/v3")] + "/graphql"
    return base + "/graphql"


def repo_path(full_name: str, *parts: str | int) -> str:
    """``/repos/{owner}/{repo}/...`` with every dynamic segment quoted."""
    owner, _, name = full_name.partition("/")
    if not owner or not name or "/" in name:
        raise ValueError(f"not an owner/name repository name: {full_name!r}")
    segments = [quote(owner, safe=""), quote(name, safe="")]
    segments += [quote(str(p), safe="/") for p in parts]
    return "/repos/" + "/".join(segments)
