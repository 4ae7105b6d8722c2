"""Follows GitHub's ``Link: <...>; rel="next"`` headers instead of guessing page numbers."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import requests

from publiccode_checker.forge.github.transport import Reply, Transport, error_for

#: A safety stop: 100 pages of 100 is far more than any list the service reads.
MAX_PAGES = 100


def next_link(reply: Reply) -> str | None:
    header = reply.headers.get("Link") or reply.headers.get("link")
    if not header:
        return None
    for link in requests.utils.parse_header_links(header):
        if link.get("rel") == "next":
            return link.get("url")
    return None


def paginate(
    transport: Transport,
    path: str,
    *,
    params: Mapping[str, Any] | None = None,
    key: str | None = None,
    repository: str | None = None,
    max_pages: int = MAX_PAGES,
) -> Iterator[Any]:
    """Items of every page; ``key`` names the list inside an object-shaped page."""
    url: str | None = path
    query: Mapping[str, Any] | None = {"per_page": 100, **(params or {})}
    for _ in range(max_pages):
        if url is None:
            return
        reply = transport.request("GET", url, params=query, repository=repository)
        if reply.status != 200:
            raise error_for(reply)
        page = reply.json()
        yield from (page.get(key, []) if key else page) or []
        url = next_link(reply)
        query = None  # the next link carries the query string
