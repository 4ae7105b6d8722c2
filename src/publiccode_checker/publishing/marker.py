"""The hidden marker that identifies our tracking issue and records what it last said."""

from __future__ import annotations

import re

#: Label our tracking issues carry, so they can be found (closed ones too) in one request.
TRACKING_LABEL = "publiccode-checker"
TRACKING_LABEL_COLOR = "0e8a16"
TRACKING_LABEL_DESCRIPTION = "Tracks compliance with the Standard for Public Code"
#: A maintainer adds this label to stop all updates to the tracking issue.
OPT_OUT_LABEL = "publiccode-checker: opt out"

_MARKER = re.compile(
    r"<!-- publiccode-checker:tracking-issue repository=(?P<repository>[\w.\-]+/[\w.\-]+) "
    r"content=(?P<content>[0-9a-f]{8,64}) -->"
)


def marker(repository: str, content_hash: str) -> str:
    return (f"<!-- publiccode-checker:tracking-issue repository={repository} "
            f"content={content_hash} -->")


def read_marker(body: str | None) -> tuple[str, str] | None:
    """(repository, content hash) from an issue body, or None when it is not ours."""
    if not body:
        return None
    found = _MARKER.search(body)
    if found is None:
        return None
    return found.group("repository"), found.group("content")
