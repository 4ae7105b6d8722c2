"""Searching documentation text: passages, hits with excerpts, and bounded corpora.

A check that looks for a phrase ("who pays for review", "report vulnerabilities to") searches
passages of documents and shows the sentence around each hit, with the line it is on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from publiccode_checker.core.model import Evidence
from publiccode_checker.evidence.documents import Document, Link

MAX_EXCERPT = 180
MAX_HITS = 3
#: Real guidelines are a few kilobytes; these bounds keep huge documentation trees fast.
MAX_PASSAGE_CHARS = 128 * 1024
MAX_CORPUS_CHARS = 384 * 1024


def prose_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a case-insensitive pattern of words whose ``[\\s\\S]{0,n}`` gaps stay in a paragraph.

    Words near each other only count as related when no blank line separates them. Matches start
    at a word boundary, which also spares the engine from trying every character.
    """
    gapped = pattern.replace(r"[\s\S]{0,", r"(?:(?!\n[ \t]*\n)[\s\S]){0,")
    return re.compile(rf"\b(?:{gapped})", re.IGNORECASE)


@dataclass(frozen=True)
class Passage:
    """Text to search, and the line of the file its first line is on."""

    path: str
    line: int
    text: str


@dataclass(frozen=True)
class Hit:
    path: str
    line: int
    excerpt: str

    def evidence(self, prefix: str = "") -> Evidence:
        return Evidence(f"{prefix}“{self.excerpt}”", self.path, self.line)


def bounded(passages: Iterable[Passage]) -> list[Passage]:
    """The passages, cut to ``MAX_PASSAGE_CHARS`` each and ``MAX_CORPUS_CHARS`` together."""
    result: list[Passage] = []
    budget = MAX_CORPUS_CHARS
    for passage in passages:
        if budget <= 0:
            break
        text = passage.text[:min(MAX_PASSAGE_CHARS, budget)]
        budget -= len(text)
        result.append(passage if len(text) == len(passage.text) else
                      Passage(passage.path, passage.line, text))
    return result


def passage_of(doc: Document) -> Passage:
    return Passage(doc.path, 1, doc.text)


def find_hits(
    passages: Iterable[Passage], pattern: re.Pattern[str], limit: int = MAX_HITS
) -> list[Hit]:
    """Where ``pattern`` matches, one hit per line, at most ``limit`` hits."""
    hits: list[Hit] = []
    seen: set[tuple[str, int]] = set()
    for passage in passages:
        for match in pattern.finditer(passage.text):
            line = passage.line + passage.text.count("\n", 0, match.start())
            if (passage.path, line) in seen:
                continue
            seen.add((passage.path, line))
            hits.append(Hit(passage.path, line, excerpt(passage.text, match.start(), match.end())))
            if len(hits) >= limit:
                return hits
    return hits


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")


def excerpt(text: str, start: int, end: int) -> str:
    """The sentence around a match, on one line and at most ``MAX_EXCERPT`` characters."""
    window_start = max(0, start - 200)
    ends = list(_SENTENCE_END.finditer(text, window_start, start))
    begin = ends[-1].end() if ends else window_start
    after = _SENTENCE_END.search(text, end, min(len(text), end + 200))
    finish = after.end() if after else min(len(text), end + 200)
    sentence = " ".join(text[begin:finish].split())
    sentence = sentence.strip("#*-> ")
    if len(sentence) > MAX_EXCERPT:
        sentence = sentence[: MAX_EXCERPT - 1].rstrip() + "…"
    return sentence


def search_docs(
    docs: Iterable[Document], pattern: re.Pattern[str], *, limit: int = 200_000
) -> Iterator[tuple[Document, int, re.Match[str]]]:
    """Matches of ``pattern`` in the raw text of documents, with line numbers."""
    for doc in docs:
        text = doc.text[:limit]
        for match in pattern.finditer(text):
            yield doc, text.count("\n", 0, match.start()) + 1, match


def first_match(
    docs: Iterable[Document], pattern: re.Pattern[str]
) -> tuple[Document, int, re.Match[str]] | None:
    return next(search_docs(docs, pattern), None)


def links_matching(docs: Iterable[Document], pattern: re.Pattern[str]) -> list[tuple[str, Link]]:
    """Links whose address or text matches, with the path of the document they are in."""
    found = []
    for doc in docs:
        for link in doc.links:
            if pattern.search(link.url) or pattern.search(link.text):
                found.append((doc.path, link))
    return found
