"""Translations for every user-facing message: the dashboard and the reports alike.

Catalogs are gettext ``.po`` files under ``i18n/translations/<lang>/LC_MESSAGES/messages.po``,
read at run time with Babel so that no compile step is needed. English is the source language:
text without a translation is shown as written. A new language is a new ``.po`` file made from
``i18n/translations/messages.pot`` (``scripts/extract_messages.py`` builds it).

The sentences checks write at run time (finding and evidence messages) are in the catalogs as
templates with numbered placeholders; ``i18n.messages.translate_message`` matches a message to
its template and fills the translation with the same values.
"""

from __future__ import annotations

from publiccode_checker.i18n.catalogs import available_languages, catalog_for, clear_cache
from publiccode_checker.i18n.negotiation import (
    DEFAULT_LANGUAGE,
    choose_language,
    parse_accept_language,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "N_",
    "available_languages",
    "catalog_for",
    "choose_language",
    "clear_cache",
    "gettext",
    "ngettext",
    "parse_accept_language",
    "translate",
]


def N_(text: str) -> str:
    """Mark text for extraction where it is defined; it is translated where it is shown."""
    return text


def translate(text: str, lang: str | None) -> str:
    """``text`` in ``lang``, or ``text`` itself when there is no translation."""
    if not text or not lang or lang == DEFAULT_LANGUAGE:
        return text
    catalog = catalog_for(lang)
    if catalog is None:
        return text
    return catalog.get(text) or text


def gettext(text: str, lang: str | None = None, **values: object) -> str:
    """Translate, then fill ``%(name)s`` placeholders from ``values``."""
    translated = translate(text, lang)
    return translated % values if values else translated


def ngettext(
    singular: str, plural: str, n: int, lang: str | None = None, **values: object
) -> str:
    """The singular or plural form for ``n``, translated; ``%(num)s`` is ``n``."""
    values.setdefault("num", n)
    catalog = catalog_for(lang) if lang and lang != DEFAULT_LANGUAGE else None
    text = catalog.get_plural(singular, plural, n) if catalog else None
    if text is None:
        text = singular if n == 1 else plural
    return text % values
