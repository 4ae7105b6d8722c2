"""The sentences checks write at run time (finding and evidence messages), in any language.

Checks speak English and fill values in with f-strings; the catalogs hold those sentences as
templates with numbered placeholders (``{0:.0%} of recent commits refer to ...``), collected from
the source by ``i18n.extraction``. A message is looked up exactly first; otherwise it is matched
against the templates, the most specific (most literal text) first, and the values it carries
(paths, numbers, identifiers) are put into the translated template unchanged. A message no
template fits comes back as it is.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from publiccode_checker.i18n import DEFAULT_LANGUAGE, N_
from publiccode_checker.i18n.catalogs import LoadedCatalog, catalog_for

__all__ = ["MessageMatcher", "matcher_for", "translate_message"]

#: A placeholder as ``str.format`` writes it: ``{0}``, ``{1!r}``, ``{2:.0%}``.
_FIELD = re.compile(r"\{(\d+)(?:![rsa])?(?::[^{}]*)?\}")
_PIECES = re.compile(r"\{\{|\}\}|\{(\d+)(?:![rsa])?(?::[^{}]*)?\}")
#: Results remembered per language; reports repeat the same sentences many times.
_MEMO_SIZE = 8192

#: Sentences the evaluation engine writes around check messages (derived profiles such as OS2
#: quote the Standard's verdicts). Their values are messages too, so they are translated in turn.
#: Each wrapper names the placeholders that hold such messages.
ENGINE_WRAPPERS: dict[str, frozenset[int]] = {
    N_("From {0}: {1}"): frozenset({1}),
    N_("A person must confirm this: the evidence is weak. Possibly: {0}"): frozenset({0}),
    N_("{0} ({1}): {2} — {3}"): frozenset({1, 2, 3}),
    # A quoted excerpt after a short lead such as "channel: " (evidence.text_search).
    N_("{0}“{1}”"): frozenset({0}),
}
#: The engine's own compositions, recognised by the shape of their values (requirement ids,
#: verdict values) and tried before any check's template: "OL-2 (...): pass — GPL-3.0 (declared
#: in the README) is an open licence." is a quoted verdict, not the licence check's sentence.
_IDS = r"[A-Za-z0-9][\w.-]*"
ENGINE_SHAPES: dict[str, dict[int, str]] = {
    "From {0}: {1}": {0: rf"{_IDS}(?:, {_IDS})*"},
    "{0} ({1}): {2} — {3}": {0: _IDS, 2: r"[a-z_]+"},
}
#: Verdict values the engine quotes, as the words reports use for them (``reports.presentation``).
_VERDICT_WORDS = {"warn": "warning", "manual": "needs a person",
                  "not_applicable": "not applicable", "info": "optional"}
#: Marked for the catalog; looked up exactly like any other message.
ENGINE_MESSAGES = (
    N_("A person needs to answer this."),
    N_("No check could decide this requirement."),
    N_("Switched off by configuration."),
)


@dataclass(frozen=True)
class _Compiled:
    english: str
    pattern: re.Pattern[str]
    translated: str
    literal_length: int
    #: The longest piece of literal text: a cheap test before the regular expression runs.
    anchor: str
    #: Group names of values that are messages themselves, translated in turn.
    recursive: frozenset[str]


class MessageMatcher:
    """Finds the catalog entry a run-time message was made from, and fills its translation."""

    def __init__(
        self, translations: dict[str, str], wrappers: dict[str, frozenset[int]] | None = None
    ) -> None:
        wrappers = wrappers or {}
        self.translations = translations
        self.by_word: dict[str, list[_Compiled]] = {}
        generic: list[_Compiled] = []
        shaped: list[_Compiled] = []
        for english, translated in translations.items():
            if not is_template(english) or "%(" in english:
                continue
            compiled = _compile(english, translated, wrappers.get(english, frozenset()),
                                ENGINE_SHAPES.get(english))
            if compiled is None:
                continue
            if english in ENGINE_SHAPES:
                shaped.append(compiled)
                continue
            first = _split(english)[0]
            if isinstance(first, str) and " " in first:
                self.by_word.setdefault(first.split(" ", 1)[0], []).append(compiled)
            else:
                generic.append(compiled)
        self.by_word = {word: _ordered(items) for word, items in self.by_word.items()}
        self.generic = _ordered(generic)
        self.shaped = _ordered(shaped)
        self._merged: dict[str, list[_Compiled]] = {}
        self._memo: dict[str, tuple[str | None, str]] = {}

    def _candidates(self, text: str) -> list[_Compiled]:
        # Templates are filed under their first word; those that start with a value are tried
        # for every message, after a substring test on their longest literal text.
        word = text.split(" ", 1)[0]
        found = self._merged.get(word)
        if found is None:
            found = self.shaped + _ordered(self.by_word.get(word, []) + self.generic)
            if len(self._merged) >= _MEMO_SIZE:
                self._merged.clear()
            self._merged[word] = found
        return found

    def lookup(self, text: str) -> tuple[str | None, str]:
        """(the catalog text ``text`` matched or None, the translation or ``text`` itself)."""
        known = self._memo.get(text)
        if known is None:
            known = self._lookup(text, 0)
            # A long-running dashboard sees ever new values; start over rather than grow.
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            self._memo[text] = known
        return known

    def _lookup(self, text: str, depth: int) -> tuple[str | None, str]:
        exact = self.translations.get(text)
        if exact is not None:
            return text, exact
        for candidate in self._candidates(text):
            if candidate.anchor not in text:
                continue
            match = candidate.pattern.fullmatch(text)
            if match is None:
                continue
            values = match.groupdict()
            if candidate.recursive and depth < 3:
                values = {
                    k: self._lookup(_VERDICT_WORDS.get(v, v), depth + 1)[1]
                    if k in candidate.recursive else v
                    for k, v in values.items()
                }
            return candidate.english, _fill(candidate.translated, values)
        return None, text


_lock = threading.Lock()


def is_template(text: str) -> bool:
    return bool(_FIELD.search(text))


def _split(template: str) -> list[str | int]:
    """Literal text and placeholder numbers, in order."""
    pieces: list[str | int] = []
    position = 0
    for match in _PIECES.finditer(template):
        literal = template[position:match.start()]
        token = match.group(0)
        if token in ("{{", "}}"):
            literal += token[0]
        if literal:
            if pieces and isinstance(pieces[-1], str):
                pieces[-1] += literal
            else:
                pieces.append(literal)
        if match.group(1) is not None:
            pieces.append(int(match.group(1)))
        position = match.end()
    rest = template[position:]
    if rest:
        if pieces and isinstance(pieces[-1], str):
            pieces[-1] += rest
        else:
            pieces.append(rest)
    return pieces


def _compile(
    english: str, translated: str, recursive: frozenset[int] = frozenset(),
    shapes: dict[int, str] | None = None,
) -> _Compiled | None:
    pieces = _split(english)
    literals = [p for p in pieces if isinstance(p, str)]
    if not literals or not "".join(literals).strip():
        return None
    numbers = [p for p in pieces if isinstance(p, int)]
    if len(set(numbers)) != len(numbers):
        return None  # one value in two places: a back-reference would be needed
    # Each placeholder gets its own group name so that a reordered translation can be filled.
    shapes = shapes or {}
    regex = "".join(re.escape(p) if isinstance(p, str) else f"(?P<v{p}>{shapes.get(p, '.*?')})"
                    for p in pieces)
    return _Compiled(
        english=english,
        pattern=re.compile(regex, re.DOTALL),
        translated=translated,
        literal_length=sum(len(p) for p in literals),
        anchor=max(literals, key=len),
        recursive=frozenset(f"v{number}" for number in recursive),
    )


def _ordered(items: list[_Compiled]) -> list[_Compiled]:
    # The most literal text first: "No licence file at the root ({0})." beats "No {0}.".
    return sorted(items, key=lambda c: (-c.literal_length, c.english))


_matchers: dict[str, tuple[LoadedCatalog, MessageMatcher]] = {}


def matcher_for(lang: str) -> MessageMatcher | None:
    """The matcher of ``lang``'s catalog, built once per loaded catalog."""
    catalog = catalog_for(lang)
    if catalog is None:
        return None
    cached = _matchers.get(lang)
    if cached is None or cached[0] is not catalog:
        with _lock:
            cached = _matchers.get(lang)
            if cached is None or cached[0] is not catalog:
                cached = (catalog, MessageMatcher(catalog.singular,
                                                  {**catalog.nested, **ENGINE_WRAPPERS}))
                _matchers[lang] = cached
    return cached[1]


def _fill(template: str, values: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        return values.get(f"v{match.group(1)}", token)

    return _PIECES.sub(value, template)


def translate_message(text: str, lang: str | None) -> str:
    """A run-time finding or evidence message in ``lang``; unchanged when nothing fits."""
    if not text or not lang or lang == DEFAULT_LANGUAGE:
        return text
    matcher = matcher_for(lang)
    return matcher.lookup(text)[1] if matcher else text
