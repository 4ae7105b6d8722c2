"""Labels, symbols and level names as the dashboard shows them, in the viewer's language.

Verdict and status words are the reports' own (``reports.presentation``), so a tracking issue and
the dashboard never disagree on what a verdict is called.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from publiccode_checker.evaluation.model import CriterionStatus, Verdict
from publiccode_checker.i18n import N_, gettext, translate
from publiccode_checker.i18n.phrases import (
    criteria_count,
    declared_status,
    level_label,
    level_name,
)
from publiccode_checker.reports.presentation import STATUS_LABEL, VERDICT_LABEL
from publiccode_checker.web.dashboard.models import LevelInfo


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

def level_text(level: LevelInfo | str | None, lang: str | None) -> str:
    """A level in words, translated, with a capital first letter."""
    if level is None:
        return gettext("Not evaluated", lang)
    label = level.label if isinstance(level, LevelInfo) else str(level)
    return _capital(level_name(label, lang) or level_label(label, lang))


def short_level(level: LevelInfo | str | None, lang: str | None) -> str:
    """A short level for badges and narrow table cells."""
    if level is None:
        return gettext("not evaluated", lang)
    label = level.label if isinstance(level, LevelInfo) else str(level)
    counted = criteria_count(label)
    if counted:
        return f"{counted[0]}/{counted[1]}"
    declared = declared_status(label)
    if declared:
        return declared[0] + (" ⚠" if declared[1] is False else "")
    return level_text(level, lang)


_EVENT_KINDS = {"attained": N_("Attained"), "lost": N_("Lost"), "changed": N_("Changed")}
_CRITERION_MET = re.compile(r"^([A-Z]{1,3}) met$")


def event_kind(kind: str, lang: str | None) -> str:
    return translate(_EVENT_KINDS.get(kind, kind), lang)


def event_label(label: str, lang: str | None, titles: dict[str, str] | None = None) -> str:
    """What was attained, lost or changed, in words: "OL met", "level N1", ..."""
    if label.startswith("level ") and level_name(label[6:], lang):
        return level_name(label[6:], lang) or label
    match = _CRITERION_MET.match(label)
    if match:
        name = (titles or {}).get(match[1])
        what = f"{match[1]} · {name}" if name else match[1]
        return gettext("%(criterion)s met", lang, criterion=what)
    if label == "all MUST requirements met":
        return gettext("All MUST requirements met", lang)
    if label == "developmentStatus supported by the evidence":
        return gettext("developmentStatus supported by the evidence", lang)
    return level_text(label, lang)


def trigger_text(trigger: str | None, lang: str | None) -> str:
    words = {
        "push": N_("push"),
        "pull_request": N_("pull request"),
        "schedule": N_("scheduled run"),
        "backfill": N_("backfill"),
        "cli": N_("command line"),
    }
    if not trigger:
        return ""
    return translate(words.get(trigger, trigger), lang)
