"""A bounded sample of the tree's source files: the start of each, application code first.

Rules that look for code patterns (configuration reads, translation calls, hostnames, the
language of comments) read this sample rather than every file, so large trees stay fast.
"""

from __future__ import annotations

import re

from publiccode_checker.evidence import memoised
from publiccode_checker.evidence.files import inventory, is_fixture_path
from publiccode_checker.snapshots import Snapshot

#: Source files read for code patterns, and how much of each.
SAMPLE_FILES = 150
SAMPLE_BYTES = 8_192

_GENERATED = re.compile(r"(\.min\.|\.bundle\.|\.generated\.|_pb2\.py$|\.pb\.go$|migrations/)",
                        re.IGNORECASE)


@memoised
def source_sample(snapshot: Snapshot) -> list[tuple[str, str]]:
    """The start of up to ``SAMPLE_FILES`` source files, application code before tests."""
    files = [p for p in inventory(snapshot).source_files if not _GENERATED.search(p)]
    files.sort(key=lambda p: (is_fixture_path(p), p.count("/"), p))
    sample = []
    for path in files[:SAMPLE_FILES]:
        text = snapshot.head_text(path, SAMPLE_BYTES)
        if text:
            sample.append((path, text))
    return sample
