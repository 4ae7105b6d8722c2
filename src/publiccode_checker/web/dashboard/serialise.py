"""The JSON shapes of the API and the exports (documented in ``docs/api.md``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from publiccode_checker.criteria.profiles import Profile
from publiccode_checker.i18n.content import (
    criterion_title,
    requirement_question,
    requirement_summary,
)
from publiccode_checker.web.dashboard.models import (
    Change,
    LevelEvent,
    LevelInfo,
    OpenQuestion,
    OverviewRow,
    RepositoryCurrent,
    TrendPoint,
)
from publiccode_checker.web.dashboard.presenting import CriterionBlock
from publiccode_checker.web.dashboard.wording import event_kind, event_label, level_text

API_VERSION = "1"


def _time(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def level_json(level: LevelInfo | None, lang: str | None) -> dict[str, Any] | None:
    if level is None:
        return None
    return {"label": level.label, "value": level.value, "text": level_text(level, lang)}


def profile_json(profile: Profile, lang: str | None) -> dict[str, Any]:
    return {
        "id": profile.id, "name": profile.name, "version": profile.version, "url": profile.url,
        "levels": list(profile.levels),
        "criteria": [{"code": c.code, "title": criterion_title(c, lang), "link": c.link,
                      "requirements": len(c.requirements)} for c in profile.criteria],
    }


def overview_row_json(row: OverviewRow, profile: Profile, lang: str | None) -> dict[str, Any]:
    return {
        "repository": row.repository,
        "visibility": row.visibility,
        "level": level_json(row.level, lang),
        "sustained_level": level_json(row.sustained_level, lang),
        "evaluated_at": _time(row.evaluated_at),
        "commit": row.commit,
        "criteria_met": row.criteria_met,
        "criteria_total": len(profile.criteria),
        "criteria": {c.code: row.criteria.get(c.code) for c in profile.criteria},
    }


def overview_json(
    organisation: str, rows: Sequence[OverviewRow], profile: Profile, lang: str | None
) -> dict[str, Any]:
    return {
        "api_version": API_VERSION,
        "organisation": organisation,
        "profile": profile_json(profile, lang),
        "language": lang,
        "repositories": [overview_row_json(r, profile, lang) for r in rows],
    }


_CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # Spreadsheets run cells that start like a formula; a leading quote keeps them as text.
    return "'" + text if text.startswith(_CSV_FORMULA_START) else text


def overview_csv(rows: Sequence[OverviewRow], profile: Profile, lang: str | None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    codes = [c.code for c in profile.criteria]
    writer.writerow(["repository", "visibility", "level", "level_text", "evaluated_at", "commit",
                     "criteria_met", "criteria_total", *codes])
    for row in rows:
        writer.writerow([_cell(v) for v in (
            row.repository, row.visibility, row.level.label if row.level else "",
            level_text(row.level, lang) if row.level else "", _time(row.evaluated_at),
            row.commit, row.criteria_met, len(codes),
            *[row.criteria.get(code, "") for code in codes],
        )])
    return buffer.getvalue()


def current_json(
    current: RepositoryCurrent, profile: Profile, blocks: Sequence[CriterionBlock],
    lang: str | None,
) -> dict[str, Any]:
    return {
        "api_version": API_VERSION,
        "repository": current.repository,
        "visibility": current.visibility,
        "profile": {"id": profile.id, "name": profile.name, "version": profile.version},
        "language": lang,
        "evaluated_at": _time(current.evaluated_at),
        "commit": current.commit,
        "level": level_json(current.level, lang),
        "sustained_level": level_json(current.sustained_level, lang),
        "criteria": [
            {"code": b.criterion.code, "title": b.title, "status": b.status,
             "must_satisfied": b.must_ok, "must_total": b.must_total}
            for b in blocks
        ],
        "requirements": [
            {
                "id": row.requirement.id,
                "criterion": row.requirement.criterion,
                "level": row.requirement.level,
                "summary": row.summary,
                "link": row.requirement.link,
                "verdict": row.verdict,
                "message": row.message,
                "evidence": [{"message": e.message, "location": e.location, "url": e.url}
                             for e in row.evidence],
                "question": (row.question or row.summary) if row.verdict == "manual" else None,
                "hints": [{"check": h.check_id, "title": h.title, "why": h.why,
                           "how_to_fix": h.how_to_fix} for h in row.hints],
            }
            for b in blocks for row in b.rows
        ],
    }


def trend_json(points: Sequence[TrendPoint], profile: Profile) -> dict[str, Any]:
    return {
        "api_version": API_VERSION,
        "criteria_total": len(profile.criteria),
        "points": [{"time": _time(p.time), "commit": p.commit, "criteria_met": p.criteria_met,
                    "must_failing": p.must_failing, "level": p.level} for p in points],
    }


def timeline_json(changes: Sequence[Change]) -> dict[str, Any]:
    return {
        "api_version": API_VERSION,
        "changes": [{"time": _time(c.time), "requirement": c.requirement, "old": c.old,
                     "new": c.new, "commit": c.commit, "pull_request": c.pull_request,
                     "trigger": c.trigger} for c in changes],
    }


def level_events_json(events: Sequence[LevelEvent], lang: str | None) -> dict[str, Any]:
    return {
        "api_version": API_VERSION,
        "events": [{"time": _time(e.time), "kind": e.kind, "label": e.label, "track": e.track,
                    "since": _time(e.since), "commit": e.commit,
                    "text": f"{event_kind(e.kind, lang)}: {event_label(e.label, lang)}"}
                   for e in events],
    }


def questions_json(
    questions: Sequence[OpenQuestion], profile: Profile, lang: str | None
) -> dict[str, Any]:
    items = []
    for question in questions:
        try:
            requirement = profile.requirement(question.requirement)
        except KeyError:
            continue
        items.append({
            "requirement": requirement.id, "level": requirement.level,
            "summary": requirement_summary(requirement, lang),
            "question": requirement_question(requirement, lang)
            or requirement_summary(requirement, lang),
            "verdict": question.verdict, "since": _time(question.since),
        })
    return {"api_version": API_VERSION, "questions": items}
