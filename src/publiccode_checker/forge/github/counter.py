"""Counts every HTTP request the client makes, so reads per repository can be measured and kept low.

Reads are GETs and GraphQL queries; writes are requests that change something. Token minting and
other app-level calls are counted apart, as are archive downloads (the redirect hop of a tarball
request, which goes to a download host and not to the API).
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class CounterSnapshot:
    reads: int
    writes: int
    auth: int
    downloads: int
    per_repository: dict[str, tuple[int, int]]


class RequestCounter:
    """Thread-safe tallies of requests; one per installation client."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reads = 0
        self._writes = 0
        self._auth = 0
        self._downloads = 0
        self._per_repo: dict[str, list[int]] = {}
        self._statuses: Counter[int] = Counter()

    def record(
        self, kind: str, repository: str | None = None, status: int | None = None
    ) -> None:
        """Record one request. ``kind`` is "read", "write", "auth" or "download"."""
        with self._lock:
            if kind == "read":
                self._reads += 1
            elif kind == "write":
                self._writes += 1
            elif kind == "auth":
                self._auth += 1
            elif kind == "download":
                self._downloads += 1
            else:
                raise ValueError(f"unknown request kind {kind!r}")
            if repository and kind in ("read", "write"):
                tally = self._per_repo.setdefault(repository, [0, 0])
                tally[0 if kind == "read" else 1] += 1
            if status is not None:
                self._statuses[status] += 1

    @property
    def reads(self) -> int:
        return self._reads

    @property
    def writes(self) -> int:
        return self._writes

    @property
    def auth(self) -> int:
        return self._auth

    @property
    def downloads(self) -> int:
        return self._downloads

    @property
    def total(self) -> int:
        return self._reads + self._writes + self._auth + self._downloads

    @property
    def per_repository(self) -> dict[str, tuple[int, int]]:
        """``full_name -> (reads, writes)``; a copy, safe to keep."""
        with self._lock:
            return {name: (r, w) for name, (r, w) in self._per_repo.items()}

    @property
    def statuses(self) -> dict[int, int]:
        with self._lock:
            return dict(self._statuses)

    def snapshot(self) -> CounterSnapshot:
        with self._lock:
            return CounterSnapshot(
                self._reads, self._writes, self._auth, self._downloads,
                {name: (r, w) for name, (r, w) in self._per_repo.items()},
            )
