"""Licence text normalisation compatible with GitHub's licence detector.

The steps and their order follow the detector's own normaliser, because the Dice threshold
(98 %) is tight enough that any difference in what counts as a word changes verdicts. Patterns
use ASCII semantics for ``\\w`` and ``\\s`` since that is how the reference implementation's
regular expressions behave.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from publiccode_checker.licensing.html import html_to_markdown

MAX_TEXT_CHARS = 1_000_000

_A = re.ASCII
_M = re.MULTILINE
_I = re.IGNORECASE
_S = re.DOTALL

# Whitespace as the reference implementation's ``String#strip`` sees it.
_STRIP_CHARS = " \t\n\v\f\r\x00"

BOM = re.compile(r"\A\s*\ufeff", _A)
HRS = re.compile(r"^\s*[=\-*]{3,}\s*$", _A | _M)
ALL_RIGHTS_RESERVED = re.compile(r"\A\s*all rights reserved\.?$", _A | _M | _I)
WHITESPACE = re.compile(r"\s+", _A)
MARKDOWN_HEADINGS = re.compile(r"^\s*#+", _A | _M)
VERSION = re.compile(r"\A\s*version.*$", _A | _M | _I)
SPAN_MARKUP = re.compile(r"[_*~]+(.*?)[_*~]+", _A | _M)
LINK_MARKUP = re.compile(r"\[(.+?)\]\(.+?\)", _A | _M)
BLOCK_MARKUP = re.compile(r"^\s*>", _A | _M)
BORDER_MARKUP = re.compile(r"^[*-](.*?)[*-]$", _A | _M)
COMMENT_MARKUP = re.compile(r"^\s*?[/*]{1,2}", _A | _M)
HTML_COMMENT = re.compile(r"<!--.*?-->", _A | _M | _S)
URL = re.compile(r"\A\s*https?://[^ ]+\n", _A | _M)
BULLET = re.compile(r"\n\n\s*(?:[*-]|\(?[\da-z]{1,2}[).])\s+", _A | _M | _I)
DEVELOPED_BY = re.compile(r"\A\s*developed by:.*?\n\n", _A | _M | _I | _S)
CC_DEDICATION = re.compile(
    r"The\s+text\s+of\s+the\s+Creative\s+Commons.*?Public\s+Domain\s+Dedication\.", _A | _I | _S
)
CC_WIKI = re.compile(r"wiki\.creativecommons\.org", _A | _I)
CC_PREAMBLE = re.compile(
    r"creative\s+commons\s+corporation.*?(?=by\s+exercising\s+the\s+licensed\s+rights)",
    _A | _I | _S,
)
CC_NOTICE = re.compile(
    r"creative\s+commons\s+is\s+not\s+a\s+party\s+to\s+its\s+public\s+licenses\..*\Z", _A | _I | _S
)
CC_LEGAL_CODE = re.compile(r"^\s*Creative Commons Legal Code\s*$", _A | _M | _I)
CC0_INFO = re.compile(r"For more information, please see\s*\S+zero\S+", _A | _I | _S)
CC0_DISCLAIMER = re.compile(r"CREATIVE COMMONS CORPORATION.*?\n\n", _A | _I | _S)
UNLICENSE_INFO = re.compile(r"For more information, please.*\S+unlicense\S+", _A | _I | _S)
MIT_OPTIONAL = re.compile(r"\(including the next paragraph\)", _A | _I)
END_OF_TERMS = re.compile(r"^[\s#*_]*end of (the )?terms and conditions[\s#*_]*$", _A | _M | _I)

# Copyright notices: a notice line, optional indented continuation years, optional OFL line.
COPYRIGHT_SYMBOLS = r"(?:copyright|\(c\)|\u00a9)"
COPYRIGHT_MAIN_LINE = rf"[_*\-\s]*{COPYRIGHT_SYMBOLS}.*$"
_COPYRIGHT_CONTINUATION = r"\n[ \t]+\d{4}[^\n]*"
_COPYRIGHT_OPTIONAL = r"[_*\-\s]*with Reserved Font Name.*$"
COPYRIGHT_BLOCK = (
    rf"(?:{COPYRIGHT_MAIN_LINE}(?:{_COPYRIGHT_CONTINUATION})*(?:{_COPYRIGHT_OPTIONAL})*)+$"
)
COPYRIGHT_MAIN_LINE_RE = re.compile(COPYRIGHT_MAIN_LINE, _A | _M | _I)
COPYRIGHT_ONLY_RE = re.compile(rf"\s*{COPYRIGHT_BLOCK}", _A | _M | _I)
_LEADING_COPYRIGHT = re.compile(rf"\A\s*{COPYRIGHT_BLOCK}|\A\s*all rights reserved\.?$",
                                _A | _M | _I)
_FIRST_PARAGRAPH = re.compile(r"\A.*?(?=\n\n)", _S)

_LISTS = re.compile(r"^\s*(?:\d\.|[*-])(?: [*_]{0,2}\(?[\da-z]\)[*_]{0,2})?\s+([^\n])", _A | _M)
_DASHES = re.compile(r"(?<!^)([—–-]+)(?!$)", _A | _M)
_QUOTES = re.compile(r"[`'\"‘“’”]")
_HYPHENATED = re.compile(r"(\w+)-\s*\n\s*(\w+)", _A | _M)
_HYPHEN_AT_EOL = re.compile(r"-\s*\n")
_PAREN_GAP = re.compile(r"\)\s+\(", _A)

# Legally equivalent spellings (SPDX matching guidelines); British forms become American ones.
VARIETAL_WORDS = {
    "acknowledgment": "acknowledgement",
    "analogue": "analog",
    "analyse": "analyze",
    "artefact": "artifact",
    "authorisation": "authorization",
    "authorised": "authorized",
    "calibre": "caliber",
    "cancelled": "canceled",
    "capitalisations": "capitalizations",
    "catalogue": "catalog",
    "categorise": "categorize",
    "centre": "center",
    "emphasised": "emphasized",
    "favour": "favor",
    "favourite": "favorite",
    "fulfil": "fulfill",
    "fulfilment": "fulfillment",
    "initialise": "initialize",
    "judgment": "judgement",
    "labelling": "labeling",
    "labour": "labor",
    "licence": "license",
    "maximise": "maximize",
    "modelled": "modeled",
    "modelling": "modeling",
    "offence": "offense",
    "optimise": "optimize",
    "organisation": "organization",
    "organise": "organize",
    "practise": "practice",
    "programme": "program",
    "realise": "realize",
    "recognise": "recognize",
    "signalling": "signaling",
    "sub-license": "sublicense",
    "sub license": "sublicense",
    "utilisation": "utilization",
    "whilst": "while",
    "wilful": "willful",
    "non-commercial": "noncommercial",
    "per cent": "percent",
    "copyright owner": "copyright holder",
}
# One alternation instead of a pass per phrase keeps this step cheap on long texts.
_SPELLING = re.compile(
    r"\b(?:"
    + "|".join(r"\s+".join(re.escape(w) for w in phrase.split()) for phrase in VARIETAL_WORDS)
    + r")\b",
    _A,
)


def _respell(match: re.Match[str]) -> str:
    return VARIETAL_WORDS[" ".join(match.group(0).split())]

WORDS = re.compile(r"(?:[\w/-](?:'s|(?<=s)')?)+", _A)
FIELD_NAMES = ("fullname", "login", "email", "project", "description", "year", "projecturl")
FIELD_RE = re.compile(r"\[(" + "|".join(FIELD_NAMES) + r")\]")


_SPACES = re.compile(" {2,}")


def _tidy(text: str) -> str:
    # Mirrors replace-with-space, squeeze runs of spaces, then strip.
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip(_STRIP_CHARS)


def _strip(text: str, pattern: re.Pattern[str]) -> str:
    if pattern.search(text) is None:
        return _tidy(text)
    return _tidy(pattern.sub(" ", text))


def _split_lines(text: str) -> list[str]:
    lines = text.split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def _strip_comments(text: str) -> str:
    lines = _split_lines(text)
    if len(lines) == 1:
        return text
    if all(COMMENT_MARKUP.match(line) for line in lines):
        return _strip(text, COMMENT_MARKUP)
    return text


def _strip_repeatedly(text: str, pattern: re.Pattern[str]) -> str:
    # Bounded: every pass removes at least the start of the text or stops.
    for _ in range(1000):
        if not pattern.search(text):
            break
        stripped = _strip(text, pattern)
        if stripped == text:
            break
        text = stripped
    return text


def _strip_copyright(text: str) -> str:
    paragraph = _FIRST_PARAGRAPH.search(text)
    if (
        paragraph
        and COPYRIGHT_MAIN_LINE_RE.search(paragraph.group(0))
        and "all rights reserved" in paragraph.group(0).lower()
    ):
        text = _strip(text, _FIRST_PARAGRAPH)
    return _strip_repeatedly(text, _LEADING_COPYRIGHT)


def _strip_cc_optional(text: str) -> str:
    if "creative commons" not in text:
        return text
    text = _strip(text, CC_DEDICATION)
    text = _strip(text, CC_WIKI)
    if "creative commons corporation" in text:
        text = _strip(text, CC_PREAMBLE)
    if "creative commons is not a party" in text:
        text = _strip(text, CC_NOTICE)
    return text


def _strip_cc0_optional(text: str) -> str:
    if "associating cc0" not in text:
        return text
    text = _strip(text, CC_LEGAL_CODE)
    text = _strip(text, CC0_INFO)
    return _strip(text, CC0_DISCLAIMER)


def _strip_unlicense_optional(text: str) -> str:
    if "unlicense" not in text:
        return text
    return _strip(text, UNLICENSE_INFO)


def _strip_end_of_terms(text: str) -> str:
    match = END_OF_TERMS.search(text)
    return text[: match.start()] if match else text


def prepare(text: str) -> str:
    """Unify line endings and cap the size, as every later step assumes ``\\n`` lines."""
    text = text[:MAX_TEXT_CHARS]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _title_regex() -> re.Pattern[str]:
    from publiccode_checker.licensing.catalog import title_regex

    return title_regex()


def without_title_and_version(text: str, filename: str | None = None) -> str:
    """Text with markup, the licence title and the version line removed (case preserved)."""
    text = text.strip(_STRIP_CHARS)
    if filename and re.search(r"\.html?", filename.rsplit("/", 1)[-1][-6:], re.I):
        text = html_to_markdown(text).strip(_STRIP_CHARS)
    text = _strip(text, HTML_COMMENT)
    text = _strip(text, HRS)
    text = _strip_comments(text)
    text = _strip(text, MARKDOWN_HEADINGS)
    text = LINK_MARKUP.sub(r"\1", text)
    text = _strip_repeatedly(text, _title_regex())
    return _strip(text, VERSION)


def normalize(text: str, filename: str | None = None) -> str:
    """Normalised, lower-case, single-spaced licence body used for hashing and matching."""
    return normalize_stripped(without_title_and_version(text, filename))


def normalize_stripped(text: str) -> str:
    text = text.lower()
    text = _LISTS.sub(r"- \1", text)
    text = text.replace("http:", "https:")
    text = text.replace("&", "and")
    text = _DASHES.sub("-", text)
    text = _QUOTES.sub("'", text)
    if _HYPHEN_AT_EOL.search(text):
        text = _HYPHENATED.sub(r"\1-\2", text)
    # Twice, because a respelling can complete another phrase ("sub-licence").
    text = _SPELLING.sub(_respell, _SPELLING.sub(_respell, text))
    if "_" in text or "*" in text or "~" in text:
        text = SPAN_MARKUP.sub(r"\1", text)
    text = BULLET.sub("\n\n- ", text)
    text = _PAREN_GAP.sub(")(", text)

    title = _title_regex()
    steps: list[Callable[[str], str]] = [
        lambda t: _strip(t, BOM),
        _strip_cc_optional,
        _strip_cc0_optional,
        _strip_unlicense_optional,
        lambda t: BORDER_MARKUP.sub(r"\1", t),
        lambda t: _strip_repeatedly(t, title),
        lambda t: _strip(t, VERSION),
        lambda t: _strip(t, URL),
        _strip_copyright,
        lambda t: _strip_repeatedly(t, title),
        lambda t: _strip(t, BLOCK_MARKUP),
        lambda t: _strip(t, DEVELOPED_BY),
        _strip_end_of_terms,
        lambda t: _strip(t, WHITESPACE),
        lambda t: _strip(t, MIT_OPTIONAL),
    ]
    for step in steps:
        text = step(text)
    return text


@dataclass
class NormalizedText:
    """A normalised text with the word statistics the matchers need (computed once)."""

    normalized: str
    fields: tuple[str, ...] = field(default=())

    @classmethod
    def from_text(cls, text: str, filename: str | None = None) -> NormalizedText:
        return cls(normalize(prepare(text), filename))

    @cached_property
    def words(self) -> list[str]:
        return WORDS.findall(self.normalized)

    @cached_property
    def wordset(self) -> frozenset[str]:
        return frozenset(self.words)

    @cached_property
    def bigrams(self) -> frozenset[str]:
        words = self.words
        return frozenset(f"{a} {b}" for a, b in itertools.pairwise(words))

    @property
    def length(self) -> int:
        return len(self.normalized)

    @cached_property
    def content_hash(self) -> str:
        import hashlib

        return hashlib.sha1(self.normalized.encode("utf-8")).hexdigest()
