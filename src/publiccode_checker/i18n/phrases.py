"""Sentences the engine writes in English (level labels, the summary line), said in any language.

The engine keeps its English labels (they are stored in history and compared in tests); these
helpers recognise them and rebuild them from catalog messages. English comes back unchanged.
"""

from __future__ import annotations

import re
from functools import cache

from publiccode_checker.criteria.profiles import ProfileError, available_profiles, load_profile
from publiccode_checker.i18n import DEFAULT_LANGUAGE, N_, gettext, ngettext, translate

_CRITERIA_COUNT = re.compile(r"^(\d+)/(\d+) criteria met(, all MUST requirements met)?$")
_DECLARED = re.compile(
    r"^(\S+) \(declared\)(?:, (not supported|supported|not yet supported) by the evidence)?$"
)
_EVIDENCE_PHRASES = {
    "not supported": N_(", not supported by the evidence"),
    "supported": N_(", supported by the evidence"),
    "not yet supported": N_(", not yet supported by the evidence"),
}


@cache
def _level_names() -> dict[str, str]:
    """The names profiles give their levels (``level_names`` in the profile files)."""
    names: dict[str, str] = {}
    for profile_id in available_profiles():
        try:
            names.update(load_profile(profile_id).level_names)
        except ProfileError:  # a broken profile is reported where it is used
            continue
    return names


def level_name(value: str, lang: str | None) -> str | None:
    """The name a profile gives its level ``value`` (for example "Level 1" for N1), in ``lang``."""
    name = _level_names().get(value)
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
    named = level_name(label, lang)
    if named is not None:
        return named
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
