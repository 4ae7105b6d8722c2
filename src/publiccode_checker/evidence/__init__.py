"""Evidence collectors: turn a snapshot into raw facts, computed once per snapshot.

Collecting evidence is kept apart from judging it (checks), as OpenSSF Scorecard does: several
checks share one collector, every collector's result is reported as ``facts`` in the JSON report,
and a check's verdict can always be traced back to the facts it was given.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from publiccode_checker.snapshots import Snapshot

T = TypeVar("T")

_COLLECTORS: dict[str, Callable[[Snapshot], Any]] = {}


def _once_per_snapshot(function: Callable[[Snapshot], T], key: str) -> Callable[[Snapshot], T]:
    @functools.wraps(function)
    def once(snapshot: Snapshot) -> T:
        if key not in snapshot.memo:
            snapshot.memo[key] = function(snapshot)
        return snapshot.memo[key]

    return once


def memoised(function: Callable[[Snapshot], T]) -> Callable[[Snapshot], T]:
    """Compute ``function(snapshot)`` once per snapshot: for intermediate evidence several
    checks share but the report does not show (use ``collector`` for reported facts)."""
    return _once_per_snapshot(function, f"memo:{function.__module__}.{function.__qualname__}")


def collector(name: str) -> Callable[[Callable[[Snapshot], T]], Callable[[Snapshot], T]]:
    """Register a collector under ``name`` (its key in the report's ``facts``) and memoise it."""

    def wrap(function: Callable[[Snapshot], T]) -> Callable[[Snapshot], T]:
        collect = _once_per_snapshot(function, f"facts:{name}")
        collect.fact_name = name  # type: ignore[attr-defined]
        _COLLECTORS[name] = collect
        return collect

    return wrap


def gathered_facts(snapshot: Snapshot) -> dict[str, Any]:
    """The facts collected so far for this snapshot, as JSON-ready data."""
    return {
        key.removeprefix("facts:"): to_jsonable(value)
        for key, value in sorted(snapshot.memo.items())
        if key.startswith("facts:")
    }


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "to_facts"):
            return to_jsonable(value.to_facts())
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [to_jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
