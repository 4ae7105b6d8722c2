"""Identify a licence from the text of one file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from publiccode_checker.licensing.catalog import Licence, licences
from publiccode_checker.licensing.normalize import (
    COPYRIGHT_ONLY_RE,
    FIELD_RE,
    NormalizedText,
    prepare,
)
from publiccode_checker.licensing.template_cache import cached_normalised

# Percent similarity above which a text is taken to be a known licence.
CONFIDENCE_THRESHOLD = 98.0
# Word-pair similarity floor: rejects texts with the right words in the wrong order.
BIGRAM_THRESHOLD = CONFIDENCE_THRESHOLD / 2

NOASSERTION = "NOASSERTION"
OTHER_KEY = "other"
NO_LICENSE_KEY = "no-license"

# Non-free Creative Commons variants differ from CC-BY/CC-BY-SA by only a few words.
_CC_FALSE_POSITIVE = re.compile(
    r"^(creative commons )?Attribution-(NonCommercial|NoDerivatives)", re.I | re.M
)


@dataclass(frozen=True)
class LicenceMatch:
    """What a file's text was identified as.

    ``spdx_id`` is ``None`` when the file holds no licence (only a copyright notice) and
    ``"NOASSERTION"`` when it reads like a licence but matches none closely enough.
    """

    spdx_id: str | None
    key: str | None
    matcher: str | None
    confidence: float
    name: str | None = None
    content_hash: str | None = None

    @property
    def is_licence(self) -> bool:
        return self.spdx_id is not None and self.spdx_id != NOASSERTION


@dataclass(frozen=True)
class Template:
    licence: Licence
    text: NormalizedText
    field_count: int
    field_set: frozenset[str]
    fieldless_words: frozenset[str]


@cache
def templates() -> tuple[Template, ...]:
    """Normalised licence texts, built once per process."""
    built = []
    normalised = cached_normalised(
        {lic.key: lic.text for lic in licences()},
        lambda text: NormalizedText.from_text(text).normalized,
    )
    for lic in licences():
        text = NormalizedText(normalised[lic.key])
        fields = FIELD_RE.findall(text.normalized)
        field_set = frozenset(fields)
        built.append(Template(lic, text, len(fields), field_set, text.wordset - field_set))
    return tuple(built)


def similarity(template: Template, text: NormalizedText) -> float:
    """Dice coefficient of word sets, lowered as the texts' lengths diverge."""
    overlap = len(template.fieldless_words & text.wordset)
    delta = abs(template.text.length - text.length)
    delta = max(0, delta - max(template.field_count, template.licence.alt_segments) * 5)
    total = len(template.fieldless_words) + len(text.wordset) - len(template.field_set)
    denominator = total + delta // 4
    return overlap * 200.0 / denominator if denominator > 0 else 0.0


def bigram_similarity(template: Template, text: NormalizedText) -> float:
    total = len(template.text.bigrams) + len(text.bigrams)
    if not total:
        return 0.0
    return len(template.text.bigrams & text.bigrams) * 200.0 / total


def _result(
    lic: Licence, matcher: str, confidence: float, text: NormalizedText | None
) -> LicenceMatch:
    return LicenceMatch(lic.spdx_id, lic.key, matcher, confidence, lic.name,
                        text.content_hash if text else None)


def is_copyright_only(content: str) -> bool:
    stripped = content.strip()
    return bool(stripped) and COPYRIGHT_ONLY_RE.fullmatch(stripped) is not None


def match_exact(text: NormalizedText) -> Template | None:
    for template in templates():
        if template.text.wordset == text.wordset:
            return template
    return None


def match_dice(text: NormalizedText, content: str) -> tuple[Template, float] | None:
    skip_cc = _CC_FALSE_POSITIVE.search(content.strip()) is not None
    best: tuple[Template, float] | None = None
    for template in templates():
        if skip_cc and template.licence.is_creative_commons:
            continue
        # Word-set score first; word pairs are only compared for texts that pass it.
        score = similarity(template, text)
        if score < CONFIDENCE_THRESHOLD:
            continue
        if bigram_similarity(template, text) < BIGRAM_THRESHOLD:
            continue
        if best is None or score > best[1]:
            best = (template, score)
    return best


def match_reference(content: str) -> Licence | None:
    for lic in licences():
        if lic.reference_regex.search(content):
            return lic
    return None


def no_licence(text: NormalizedText | None = None) -> LicenceMatch:
    return LicenceMatch(None, NO_LICENSE_KEY, "copyright", 100.0, "No license",
                        text.content_hash if text else None)


def other_licence(text: NormalizedText | None = None) -> LicenceMatch:
    return LicenceMatch(NOASSERTION, OTHER_KEY, None, 0.0, "Other",
                        text.content_hash if text else None)


def identify(text: str | None, filename: str | None = None, *, references: bool = False
             ) -> LicenceMatch:
    """Identify the licence in ``text`` (the content of a licence file).

    ``filename`` lets HTML files be read as HTML. With ``references`` (README sections), a
    mention of a licence's name or SPDX URL counts as a match.
    """
    if not text:
        return other_licence(NormalizedText(""))
    try:
        content = prepare(text)
        normalized = NormalizedText.from_text(content, filename)
    except (RecursionError, MemoryError, ValueError):
        return other_licence()
    if is_copyright_only(content):
        return no_licence(normalized)
    exact = match_exact(normalized)
    if exact:
        return _result(exact.licence, "exact", 100.0, normalized)
    dice = match_dice(normalized, content)
    if dice:
        return _result(dice[0].licence, "dice", round(dice[1], 2), normalized)
    if references:
        lic = match_reference(content)
        if lic:
            return _result(lic, "reference", 90.0, normalized)
    return other_licence(normalized)
