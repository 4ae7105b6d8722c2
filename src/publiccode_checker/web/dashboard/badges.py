"""Status badges: a small SVG per repository and profile, and shields.io's endpoint JSON."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from publiccode_checker.criteria.profiles import Profile
from publiccode_checker.i18n import translate
from publiccode_checker.i18n.phrases import criteria_count, declared_status
from publiccode_checker.web.dashboard.models import LevelInfo
from publiccode_checker.web.dashboard.wording import short_level

COLOURS = {"good": "#1a7f37", "partial": "#9a6700", "bad": "#cf222e", "none": "#6e7781"}
SHIELDS_COLOURS = {"good": "success", "partial": "yellow", "bad": "critical",
                   "none": "inactive"}


@dataclass(frozen=True)
class Badge:
    label: str
    message: str
    tone: str

    def shields(self) -> dict[str, object]:
        return {"schemaVersion": 1, "label": self.label, "message": self.message,
                "color": SHIELDS_COLOURS[self.tone]}


def badge_for(profile: Profile, level: LevelInfo | None, lang: str | None) -> Badge:
    label = translate(profile.short_name, lang)
    if level is None:
        return Badge(label, short_level(None, lang), "none")
    return Badge(label, short_level(level, lang), _tone(profile, level))


def _tone(profile: Profile, level: LevelInfo) -> str:
    rule = profile.maturity.rule
    if rule == "ladder":
        if level.value is None or level.value not in profile.levels:
            return "bad"
        return "good" if level.value == profile.levels[-1] else "partial"
    declared = declared_status(level.label) if rule == "declared_status" else None
    if declared is not None:
        return "partial" if declared[1] is False else "good"
    counted = criteria_count(level.label)
    if counted is None:
        return "bad"
    met, total, all_must = counted
    if all_must or (total and met >= total):
        return "good"
    return "partial" if met else "bad"


def _text_width(text: str) -> int:
    # Verdana 11px averages about 6.5px a glyph; wide letters get a little more.
    return int(sum(8.5 if ch in "MWmw" else 4 if ch in "il.:,;|!' " else 6.6 for ch in text)) + 12


def badge_svg(badge: Badge) -> str:
    left, right = _text_width(badge.label), _text_width(badge.message)
    width = left + right
    colour = COLOURS[badge.tone]
    label, message = escape(badge.label), escape(badge.message)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" '
        f'aria-label="{label}: {message}"><title>{label}: {message}</title>'
        f'<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" '
        f'stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r"><rect width="{width}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{colour}"/>'
        f'<rect width="{width}" height="20" fill="url(#s)"/></g>'
        f'<g fill="#fff" text-anchor="middle" '
        f'font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="{left / 2:.1f}" y="15" fill="#010101" fill-opacity=".3">{label}</text>'
        f'<text x="{left / 2:.1f}" y="14">{label}</text>'
        f'<text x="{left + right / 2:.1f}" y="15" fill="#010101" fill-opacity=".3">'
        f"{message}</text>"
        f'<text x="{left + right / 2:.1f}" y="14">{message}</text></g></svg>'
    )
