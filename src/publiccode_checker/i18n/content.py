"""Translations of the texts that live in data rather than code: profiles and check plugins.

They are in the catalogs too (``scripts/extract_messages.py`` collects them). Profiles may also
carry their own translations (``summary_da`` in ``criteria/os2.yml``); the catalog wins when both
exist, so a translator can improve a wording without editing the profile.
"""

from __future__ import annotations

from publiccode_checker.core.model import Check
from publiccode_checker.criteria.profiles import Criterion, Requirement
from publiccode_checker.i18n import DEFAULT_LANGUAGE, translate


def _pick(text: str, lang: str | None, own: dict[str, dict[str, str]], field: str) -> str:
    if not lang or lang == DEFAULT_LANGUAGE:
        return text
    translated = translate(text, lang)
    if translated != text:
        return translated
    return own.get(lang, {}).get(field) or text


def requirement_summary(requirement: Requirement, lang: str | None) -> str:
    return _pick(requirement.summary, lang, requirement.translations, "summary")


def requirement_question(requirement: Requirement, lang: str | None) -> str | None:
    if not requirement.question:
        return None
    return _pick(requirement.question, lang, requirement.translations, "question")


def criterion_title(criterion: Criterion, lang: str | None) -> str:
    return _pick(criterion.title, lang, criterion.translations, "title")


def check_texts(check: Check, lang: str | None) -> tuple[str, str, str]:
    """(title, why, how to fix) of a check."""
    return (translate(check.title, lang), translate(check.why, lang),
            translate(check.how_to_fix, lang))
