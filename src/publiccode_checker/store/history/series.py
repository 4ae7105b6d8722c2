"""Profile versions as series, and the lineages that carry requirements over to a new version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from publiccode_checker.criteria.profiles import Profile
from publiccode_checker.store.history.models import (
    HistoryLineage,
    HistoryRequirement,
    HistorySeries,
)
from publiccode_checker.store.history.payloads import text_key


@dataclass(frozen=True)
class SeriesInfo:
    id: int
    profile_id: str
    version: str
    #: Requirement code -> lineage id.
    lineages: dict[str, int]


def ensure_series(session: Session, profile: Profile) -> SeriesInfo:
    """The series of ``profile``'s version, created on first use.

    A new version's requirement joins the lineage of the latest earlier requirement with the same
    text key, so its history continues; changed and new requirements start a lineage of their own.
    """
    cache: dict[tuple[str, str], SeriesInfo] = session.info.setdefault("history_series", {})
    key = (profile.id, profile.version)
    if key in cache:
        return cache[key]
    series = _find(session, profile)
    if series is None:
        try:
            with session.begin_nested():
                series = HistorySeries(profile_id=profile.id, version=profile.version,
                                       name=profile.name, levels=list(profile.levels),
                                       first_seen_at=datetime.now(UTC))
                session.add(series)
                session.flush()
        except IntegrityError:  # another writer created it first
            series = _find(session, profile)
            assert series is not None
    known = {
        row.code: row.lineage_id
        for row in session.scalars(
            select(HistoryRequirement).where(HistoryRequirement.series_id == series.id)
        )
    }
    missing = [r for r in profile.requirements if r.id not in known]
    if missing:
        known.update(_add_requirements(session, series, profile, missing, set(known.values())))
    info = SeriesInfo(series.id, profile.id, profile.version, known)
    cache[key] = info
    return info


def _find(session: Session, profile: Profile) -> HistorySeries | None:
    return session.scalars(
        select(HistorySeries).where(HistorySeries.profile_id == profile.id,
                                    HistorySeries.version == profile.version)
    ).first()


def _add_requirements(
    session: Session, series: HistorySeries, profile: Profile, missing: list, taken: set[int]
) -> dict[str, int]:
    earlier: dict[str, int] = {}
    rows = session.execute(
        select(HistoryRequirement.text_key, HistoryRequirement.lineage_id)
        .join(HistorySeries, HistorySeries.id == HistoryRequirement.series_id)
        .where(HistorySeries.profile_id == profile.id, HistorySeries.id != series.id)
        .order_by(HistorySeries.id.desc())
    )
    for key, lineage_id in rows:
        earlier.setdefault(key, lineage_id)  # the latest series wins
    positions = {r.id: i for i, r in enumerate(profile.requirements)}
    added: dict[str, int] = {}
    for requirement in missing:
        key = text_key(requirement)
        lineage_id = earlier.get(key)
        if lineage_id is None or lineage_id in taken:
            # Two requirements of one version can never share a lineage (their runs would mix).
            lineage = HistoryLineage(profile_id=profile.id)
            session.add(lineage)
            session.flush()
            lineage_id = lineage.id
        taken.add(lineage_id)
        session.add(HistoryRequirement(
            series_id=series.id, lineage_id=lineage_id, code=requirement.id,
            position=positions[requirement.id], criterion=requirement.criterion,
            level=requirement.level, profile_level=requirement.profile_level,
            automation=requirement.automation, text_key=key, summary=requirement.summary,
            question=requirement.question, link=requirement.link,
        ))
        added[requirement.id] = lineage_id
    session.flush()
    return added
