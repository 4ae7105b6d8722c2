"""Blocks of documentation: a section together with its sub-sections.

"Is there an Installation section with commands in it?" is a question about a block: the
section whose heading matches, and everything below it until the next heading of its level.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from publiccode_checker.core.model import Evidence
from publiccode_checker.evidence.documents import Document, Link, Section
from publiccode_checker.evidence.text_search import Passage

#: Searches across a whole documentation tree stop after this many outermost blocks.
MAX_SECTIONS = 40


@dataclass(eq=False)
class Block:
    """Sections ``start`` to ``stop`` (exclusive) of a document, shown under ``section``."""

    doc: Document
    section: Section
    start: int
    stop: int

    @cached_property
    def members(self) -> list[Section]:
        return self.doc.sections[self.start:self.stop]

    @property
    def line(self) -> int:
        return self.section.line

    @cached_property
    def words(self) -> int:
        return sum(s.words for s in self.members)

    @cached_property
    def code_blocks(self) -> list[str]:
        return [code for s in self.members for code in s.code_blocks]

    @cached_property
    def links(self) -> list[Link]:
        return [link for s in self.members for link in s.links]

    @cached_property
    def images(self) -> list[Link]:
        return [image for s in self.members for image in s.images]

    @cached_property
    def prose(self) -> list[str]:
        return [text for s in self.members for text in s.prose]

    @property
    def text(self) -> str:
        return "\n".join(self.prose)

    @cached_property
    def passage(self) -> Passage:
        """The block's raw lines, for phrase searches that need the exact wording."""
        lines = self.doc.lines
        first = self.members[0].line if self.members else self.section.line
        last = (self.doc.sections[self.stop].line - 1 if self.stop < len(self.doc.sections)
                else len(lines))
        return Passage(self.doc.path, first, "\n".join(lines[first - 1:last]))

    def evidence(self, message: str | None = None) -> Evidence:
        heading = self.section.heading or "introduction"
        return Evidence(message or f"section '{heading}'", self.doc.path, self.line)


def block_end(doc: Document, index: int) -> int:
    """Index of the first section after section ``index`` and its sub-sections."""
    level = doc.sections[index].level
    if not level:  # the text before the first heading stands for the whole file
        return len(doc.sections)
    stop = index + 1
    while stop < len(doc.sections) and (not doc.sections[stop].heading
                                        or doc.sections[stop].level > level):
        stop += 1
    return stop


def block_at(doc: Document, index: int) -> Block:
    """Section ``index`` of ``doc`` with the sub-sections below it."""
    return Block(doc, doc.sections[index], index, block_end(doc, index))


def blocks_matching(
    docs: Iterable[Document],
    heading: re.Pattern[str],
    exclude: re.Pattern[str] | None = None,
    *,
    outermost: bool = False,
    limit: int | None = None,
) -> list[Block]:
    """Blocks whose heading matches ``heading`` (and not ``exclude``), in document order.

    With ``outermost`` a matching sub-section is left out when its parent already matched, so
    each text is searched once; otherwise every matching section is its own block.
    """
    blocks: list[Block] = []
    for doc in docs:
        index = 0
        while index < len(doc.sections):
            section = doc.sections[index]
            if (section.heading and heading.search(section.heading)
                    and not (exclude is not None and exclude.search(section.heading))):
                found = block_at(doc, index)
                blocks.append(found)
                if limit is not None and len(blocks) >= limit:
                    return blocks
                index = found.stop if outermost else index + 1
            else:
                index += 1
    return blocks


def readme_intro(doc: Document) -> Block:
    """Text before the first sub-heading; a leading title heading belongs to the intro."""
    sections = doc.sections
    if len(sections) > 1 and (sections[1].level == 1 or not sections[0].prose):
        return Block(doc, sections[0] if sections[0].prose else sections[1], 0, 2)
    return Block(doc, sections[0], 0, 1)


def heading_evidence(block: Block, note: str = "") -> Evidence:
    suffix = f" ({note})" if note else ""
    return Evidence(f"section “{block.section.heading}”{suffix}", block.doc.path,
                    block.section.line)
