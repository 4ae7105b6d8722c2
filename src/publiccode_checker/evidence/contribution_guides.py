"""The contribution guidelines of a snapshot: CONTRIBUTING, guides under docs/, contribution
sections and pull request templates, collected once and searched by several checks."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from publiccode_checker.evidence import memoised
from publiccode_checker.evidence.documents import (
    Document,
    DocumentSet,
    Link,
    documents,
    prose_documents,
)
from publiccode_checker.evidence.section_blocks import MAX_SECTIONS, Block, blocks_matching
from publiccode_checker.evidence.text_search import Passage, bounded, links_matching, passage_of
from publiccode_checker.snapshots import Snapshot

# Headings people use for "how to contribute", in English and the languages of our public-sector
# users (Danish, Dutch, Italian, Swedish, German).
CONTRIBUTING_HEADING = re.compile(
    r"contribut|bijdrag|bidrag|\bbidra\b|partecip|mitwirk|mitmach|beitrag|beiträg|mitarbeit"
    r"|meedoen|meewerk|deltag|\bdelta\b|get(?:ting)? involved|how to help|help(?:ing)? out",
    re.IGNORECASE,
)
# Lists of people are not guidelines, even under a "Contributors" heading.
_PEOPLE_HEADING = re.compile(
    r"^\W*(?:our |the |all )?(?:contributors|bijdragers|bidragsydere|bidragsgivare|contributori"
    r"|collaboratori|mitwirkende|beitragende|authors?(?: (?:and|&) contributors)?|credits"
    r"|thanks|acknowledge?ments?)\W*$",
    re.IGNORECASE,
)
_CONTRIBUTING_LINK = re.compile(r"contribut|bijdrag|bidrag|contribuire|mitwirk", re.IGNORECASE)
# Files under docs/ that usually hold contribution or review guidance.
_GUIDE_FILE = re.compile(
    r"contribut|bijdrag|bidrag|contribuire|mitwirk|beitrag|develop|hacking|pull[-_ ]?request"
    r"|merge[-_ ]?request|(?<![a-z])review|workflow",
    re.IGNORECASE,
)

LOOKED_FOR_GUIDE = (
    "looked for CONTRIBUTING in the root, docs/ and .github/, contribution guides under docs/, "
    "pull request templates and contribution sections in the README and docs"
)
ORG_DEFAULT_NOTE = (
    "an organisation-wide default in the organisation's .github repository is not visible here"
)


@dataclass
class Guidelines:
    """Everything that tells contributors how to take part."""

    #: CONTRIBUTING in the places GitHub looks.
    file: Document | None
    #: Guides under docs/ (contributing, development, review, workflow...).
    guides: list[Document] = field(default_factory=list)
    #: Contribution sections of the README, its translations and other docs.
    sections: list[Block] = field(default_factory=list)
    templates: list[Document] = field(default_factory=list)
    #: Links to contribution guidelines kept elsewhere.
    external: list[tuple[str, Link]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.file or self.guides or self.sections or self.templates)

    def files(self) -> list[Document]:
        return [self.file, *self.guides] if self.file is not None else list(self.guides)

    def passages(self, *, templates: bool = True) -> list[Passage]:
        result = [passage_of(doc) for doc in self.files()]
        result.extend(block.passage for block in self.sections)
        if templates:
            result.extend(passage_of(doc) for doc in self.templates)
        return bounded(result)

    def places(self) -> str:
        names = [d.path for d in [*self.files(), *self.templates]]
        names.extend(f"{b.doc.path} § {b.section.heading}" for b in self.sections)
        return ", ".join(names[:6]) + (" …" if len(names) > 6 else "")


@memoised
def guidelines(snapshot: Snapshot) -> Guidelines:
    return _collect(documents(snapshot))


def _collect(docs: DocumentSet) -> Guidelines:
    file = docs.get("contributing")
    if file is not None and file.is_assessment:
        file = None
    guides = [d for d in docs.docs
              if not d.is_assessment and _GUIDE_FILE.search(posixpath.basename(d.path))]
    taken = {d.path for d in guides} | ({file.path} if file else set())
    others = [d for d in prose_documents(docs)
              if d.path not in taken and d.kind != "pull_request_template"]
    sections = [b for b in blocks_matching(others, CONTRIBUTING_HEADING, _PEOPLE_HEADING,
                                         outermost=True, limit=MAX_SECTIONS)
                if b.words or b.links]
    templates = [d for d in docs.pull_request_templates if not d.is_assessment]
    external = [
        (path, link) for path, link in links_matching(prose_documents(docs), _CONTRIBUTING_LINK)
        if link.url.startswith(("http://", "https://"))
    ]
    return Guidelines(file, guides, sections, templates, external)
