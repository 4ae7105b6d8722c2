"""Sorting and filtering the organisation table from query parameters (no JavaScript needed)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from publiccode_checker.criteria.profiles import Profile
from publiccode_checker.i18n.phrases import criteria_count
from publiccode_checker.web.dashboard.models import OverviewRow

SORT_KEYS = ("repository", "level", "met", "evaluated")
STATUS_ORDER = {"not_met": 0, "open": 1, "met": 2}


@dataclass(frozen=True)
class OverviewQuery:
    text: str = ""
    criterion: str | None = None
    status: str | None = None
    sort: str = "repository"
    descending: bool = False

    def as_args(self) -> dict[str, str]:
        args = {"q": self.text, "criterion": self.criterion or "", "status": self.status or "",
                "sort": self.sort, "order": "desc" if self.descending else "asc"}
        return {k: v for k, v in args.items() if v}


def parse_query(args: Mapping[str, str], profile: Profile) -> OverviewQuery:
    """Read the query parameters; anything unknown falls back to the default quietly."""
    codes = {c.code for c in profile.criteria}
    criterion = args.get("criterion") or None
    if criterion not in codes:
        criterion = None
    status = args.get("status") or None
    if status not in STATUS_ORDER:
        status = None
    sort = args.get("sort") or "repository"
    if sort not in SORT_KEYS and sort not in codes:
        sort = "repository"
    return OverviewQuery(
        text=(args.get("q") or "").strip()[:100],
        criterion=criterion,
        status=status,
        sort=sort,
        descending=args.get("order") == "desc",
    )


def apply(rows: Sequence[OverviewRow], query: OverviewQuery, profile: Profile) -> list[OverviewRow]:
    selected = [r for r in rows if _matches(r, query)]
    key = _sort_key(query.sort, profile)
    # Ties are broken by name so the order never jumps between page loads.
    selected.sort(key=lambda r: r.repository.lower())
    selected.sort(key=key, reverse=query.descending)
    return selected


def _matches(row: OverviewRow, query: OverviewQuery) -> bool:
    if query.text and query.text.lower() not in row.repository.lower():
        return False
    if query.status:
        if query.criterion:
            return row.criteria.get(query.criterion) == query.status
        return query.status in row.criteria.values()
    return True


def level_rank(row: OverviewRow, profile: Profile) -> tuple[int, str]:
    level = row.level
    if level is None:
        return (-1, "")
    if level.value in profile.levels:
        return (profile.levels.index(level.value) + 1, level.label)
    if profile.levels:
        # Labels on a ladder that is not reached ("below the first level") rank lowest.
        return (0, level.label)
    counted = criteria_count(level.label)
    if counted:
        return (counted[0] * 2 + counted[2], level.label)
    return (0, level.label)


def _sort_key(sort: str, profile: Profile) -> Callable[[OverviewRow], Any]:
    if sort == "level":
        return lambda r: level_rank(r, profile)
    if sort == "met":
        return lambda r: r.criteria_met
    if sort == "evaluated":
        return lambda r: r.evaluated_at.timestamp() if r.evaluated_at else 0.0
    if sort == "repository":
        return lambda r: r.repository.lower()
    return lambda r: STATUS_ORDER.get(r.criteria.get(sort, ""), -1)
