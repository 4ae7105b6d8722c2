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
_DECLARED = re.compile(
    r"^(\S+) \(declared\)(?:, (not supported|supported|not yet supported) by the evidence)?$"
)
_EVIDENCE_PHRASES = {
    "not supported": N_(", not supported by the evidence"),
    "supported": N_(", supported by the evidence"),
    "not yet supported": N_(", not yet supported by the evidence"),
}


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
            text += translate(_EVIDENCE_PHRASES[match[2]], lang)
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
        return match[1] + (" ⚠" if match[2] and match[2] != "supported" else "")
    return level_text(level, lang)


def criteria_count(label: str) -> tuple[int, int, bool] | None:
    """(met, total, all MUST met) from a criteria-count level label."""
    match = _CRITERIA_COUNT.match(label)
    return (int(match[1]), int(match[2]), bool(match[3])) if match else None


def declared_status(label: str) -> tuple[str, bool | None] | None:
    """(declared status, supported by the evidence) from a publiccode.yml level label."""
    match = _DECLARED.match(label)
    if not match:
        return None
    return match[1], (None if match[2] is None else match[2] == "supported")


_EVENT_KINDS = {"attained": N_("Attained"), "lost": N_("Lost"), "changed": N_("Changed")}
_CRITERION_MET = re.compile(r"^([A-Z]{1,3}) met$")


def event_kind(kind: str, lang: str | None) -> str:
    return translate(_EVENT_KINDS.get(kind, kind), lang)


def event_label(label: str, lang: str | None, titles: dict[str, str] | None = None) -> str:
    """What was attained, lost or changed, in words: "OL met", "level N1", ..."""
    if label.startswith("level ") and label[6:] in _OS2_LEVELS:
        return translate(_OS2_LEVELS[label[6:]], lang)
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
        "manual": N_("manual run"),
        "installation": N_("installation"),
        "config": N_("configuration change"),
    }
    if not trigger:
        return ""
    return translate(words.get(trigger, trigger), lang)
