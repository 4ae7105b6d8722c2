"""Reads the ``.po`` catalogs once per process and answers look-ups from memory."""

from __future__ import annotations

import gettext
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
DOMAIN = "messages"
#: Written by ``scripts/extract_messages.py`` (``i18n.extraction``); kept here so that reading a
#: catalog never imports the extractor.
NESTED_FLAG = "nested-message-"


@dataclass(frozen=True)
class LoadedCatalog:
    """Translated messages of one language; untranslated and fuzzy entries are left out."""

    language: str
    singular: dict[str, str]
    plurals: dict[tuple[str, str], tuple[str, ...]]
    plural_rule: Callable[[int], int]
    #: Run-time templates whose placeholders hold messages too (``nested-message-<n>`` flags).
    nested: dict[str, frozenset[int]] = field(default_factory=dict)

    def get(self, text: str) -> str | None:
        return self.singular.get(text)

    def get_plural(self, singular: str, plural: str, n: int) -> str | None:
        forms = self.plurals.get((singular, plural))
        if not forms:
            return None
        index = int(self.plural_rule(n))
        return forms[index] if index < len(forms) and forms[index] else None


_lock = threading.Lock()
_cache: dict[str, LoadedCatalog | None] = {}


def available_languages() -> tuple[str, ...]:
    """English plus every language that has a catalog, in a stable order."""
    found = sorted(
        p.parent.parent.name for p in TRANSLATIONS_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
    )
    return ("en", *[lang for lang in found if lang != "en"])


def catalog_for(lang: str) -> LoadedCatalog | None:
    if lang in _cache:
        return _cache[lang]
    with _lock:
        if lang not in _cache:
            _cache[lang] = _load(lang)
    return _cache[lang]


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _load(lang: str) -> LoadedCatalog | None:
    # The language code is used in a path: accept only simple tags such as "da" or "pt_BR".
    if not lang.replace("_", "").isalnum() or len(lang) > 10:
        return None
    path = TRANSLATIONS_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return None
    # Imported here so that English output (no catalog needed) works even without Babel.
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    singular: dict[str, str] = {}
    plurals: dict[tuple[str, str], tuple[str, ...]] = {}
    nested: dict[str, frozenset[int]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple | list):
            forms = tuple(message.string or ())
            if any(forms):
                plurals[(message.id[0], message.id[1])] = forms
        elif message.string:
            singular[message.id] = message.string
            numbers = frozenset(int(flag[len(NESTED_FLAG):]) for flag in message.flags
                                if flag.startswith(NESTED_FLAG)
                                and flag[len(NESTED_FLAG):].isdigit())
            if numbers:
                nested[message.id] = numbers
    # Babel gives the gettext header's C expression, e.g. "(n != 1)"; the standard library
    # already knows how to turn that into a function safely.
    rule = gettext.c2py(catalog.plural_expr or "(n != 1)")
    return LoadedCatalog(lang, singular, plurals, rule, nested)
