"""Labels, symbols and level names as the dashboard shows them, in the viewer's language.

Verdict and status words are the reports' own (``reports.presentation``), so a tracking issue and
the dashboard never disagree on what a verdict is called.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.models import LevelInfo
from evaluation.model import CriterionStatus, Verdict
from i18n import N_, gettext, translate
from reports.presentation import STATUS_LABEL, VERDICT_LABEL


@dataclass(frozen=True)
class StatusLook:
    """How one status is shown: a CSS class, a symbol and a word (never colour alone)."""

    key: str
    css: str
    symbol: str
    label: str


_STATUS_STYLE = {
    "met": ("ok", "✔"),
    "not_met": ("bad", "✘"),
    "open": ("ask", "?"),
}
_VERDICT_STYLE = {
    "pass": ("ok", "✔"),
    "fail": ("bad", "✘"),
    "warn": ("warn", "!"),
    "manual": ("ask", "?"),
    "not_applicable": ("muted", "–"),
    "explained": ("note", "≈"),
    "unknown": ("muted", "·"),
    "info": ("info", "i"),
    "off": ("muted", "○"),
}


def status_look(status: str, lang: str | None) -> StatusLook:
    css, symbol = _STATUS_STYLE.get(status, ("muted", "·"))
    try:
        word = STATUS_LABEL[CriterionStatus(status)]
    except ValueError:
        word = status
    return StatusLook(status, css, symbol, _capital(translate(word, lang)))


def verdict_look(verdict: str | None, lang: str | None) -> StatusLook:
    verdict = verdict or "unknown"
    css, symbol = _VERDICT_STYLE.get(verdict, ("muted", "·"))
    try:
        word = VERDICT_LABEL[Verdict(verdict)]
    except ValueError:
        word = verdict
    return StatusLook(verdict, css, symbol, _capital(translate(word, lang)))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


STATUSES = ("met", "not_met", "open")

_OS2_LEVELS = {
    "sandbox": N_("Sandbox"),
    "N1": N_("Level 1"),
    "N2": N_("Level 2"),
    "N3": N_("Level 3"),
}
_CRITERIA_COUNT = re.compile(r"^(\d+)/(\d+) criteria met(, all MUST requirements met)?$")
_DECLARED = re.compile(r"^(\w+) \(declared\)(, not supported by the evidence)?$")


def level_text(level: LevelInfo | str | None, lang: str | None) -> str:
    """A level in words, translated. Labels come from ``evaluation.levels``; unknown ones pass."""
    if level is None:
        return gettext("Not evaluated", lang)
    label = level.label if isinstance(level, LevelInfo) else str(level)
    if label in _OS2_LEVELS:
        return translate(_OS2_LEVELS[label], lang)
    if label == "below the first level":
        return gettext("Below the first level", lang)
    if label == "no developmentStatus declared":
        return gettext("No developmentStatus declared", lang)
    match = _CRITERIA_COUNT.match(label)
    if match:
        text = gettext("%(met)s of %(total)s criteria met", lang, met=match[1], total=match[2])
        if match[3]:
            text += gettext(", all MUST requirements met", lang)
        return text
    match = _DECLARED.match(label)
    if match:
        text = gettext("%(status)s (declared)", lang, status=match[1])
        if match[2]:
            text += gettext(", not supported by the evidence", lang)
        return text
    return label


def short_level(level: LevelInfo | str | None, lang: str | None) -> str:
    """A short level for badges and narrow table cells."""
    if level is None:
        return gettext("not evaluated", lang)
    label = level.label if isinstance(level, LevelInfo) else str(level)
    match = _CRITERIA_COUNT.match(label)
    if match:
        return f"{match[1]}/{match[2]}"
    match = _DECLARED.match(label)
    if match:
        return match[1] + (" ⚠" if match[2] else "")
    return level_text(level, lang)


def trigger_text(trigger: str | None, lang: str | None) -> str:
    words = {
        "push": N_("push"),
        "pull_request": N_("pull request"),
        "schedule": N_("scheduled run"),
        "backfill": N_("backfill"),
        "manual": N_("manual run"),
        "installation": N_("installation"),
        "config": N_("configuration change"),
    }
    if not trigger:
        return ""
    return translate(words.get(trigger, trigger), lang)
