"""Sentences the engine writes in English (level labels, the summary line), said in any language.

The engine keeps its English labels (they are stored in history and compared in tests); these
helpers recognise them and rebuild them from catalog messages. English comes back unchanged.
"""

from __future__ import annotations

import re

from publiccode_checker.i18n import DEFAULT_LANGUAGE, N_, gettext, ngettext, translate

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


def os2_level_name(value: str, lang: str | None) -> str | None:
    name = _OS2_LEVELS.get(value)
    return translate(name, lang) if name else None


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


def level_label(label: str, lang: str | None) -> str:
    """A level label from ``evaluation.levels`` (or history) in ``lang``; unknown ones pass."""
    if not lang or lang == DEFAULT_LANGUAGE:
        return label
    if label in _OS2_LEVELS:
        return translate(_OS2_LEVELS[label], lang)
    if label == "below the first level":
        return gettext("below the first level", lang)
    if label == "no developmentStatus declared":
        return gettext("no developmentStatus declared", lang)
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


def summary_sentence(
    criteria_met: int, criteria_total: int, must_failing: int, lang: str | None
) -> str:
    """The same sentence as ``Summary.sentence()``, in ``lang``."""
    met = gettext("%(met)s of %(total)s criteria met", lang, met=criteria_met,
                  total=criteria_total)
    failing = ngettext("%(num)s MUST requirement fails", "%(num)s MUST requirements fail",
                       must_failing, lang)
    return f"{met}; {failing}"
