"""The documentation corpus: README, community files and docs, split into sections.

Community files are looked up where GitHub looks for them: the root, ``docs/`` and ``.github/``,
case-insensitively, with or without a text extension.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from publiccode_checker.evidence import collector
from publiccode_checker.evidence.files import is_vendored
from publiccode_checker.evidence.markdown_sections import Link, Section, count_words, parse_sections
from publiccode_checker.snapshots import Snapshot

LOOKUP_DIRS = ("", "docs", ".github")
TEXT_EXTENSIONS = ("", ".md", ".markdown", ".rst", ".txt", ".adoc", ".asciidoc", ".org", ".mdx")
DOCS_DIRS = ("docs", "doc", "documentation", "wiki")
#: Keeps the corpus cheap on huge documentation trees; the first files found are the top-level ones.
MAX_DOC_FILES = 200
MAX_DOC_BYTES = 512 * 1024
#: Total text parsed from docs/ folders; the top-level pages come first and say the most.
MAX_DOCS_TOTAL_BYTES = 4 * 1024 * 1024

COMMUNITY_FILES = {
    "contributing": ("CONTRIBUTING",),
    "governance": ("GOVERNANCE",),
    "code_of_conduct": ("CODE_OF_CONDUCT", "CODE-OF-CONDUCT", "CONDUCT"),
    "security": ("SECURITY",),
    "support": ("SUPPORT",),
    "changelog": ("CHANGELOG", "CHANGES", "HISTORY", "NEWS", "RELEASE_NOTES", "RELEASE-NOTES",
                  "RELEASES"),
    "roadmap": ("ROADMAP",),
    "standards": ("STANDARDS", "OPEN_STANDARDS"),
    "glossary": ("GLOSSARY",),
    "maintainers": ("MAINTAINERS", "OWNERS", "AUTHORS"),
    "install": ("INSTALL", "INSTALLATION", "SETUP"),
    "architecture": ("ARCHITECTURE", "DESIGN"),
    "pull_request_template": ("PULL_REQUEST_TEMPLATE", "pull_request_template"),
    "codeowners": ("CODEOWNERS",),
}
_ASSESSMENT = re.compile(r"and the standard for public code version|"
                         r"standard for public code (?:assessment|review)", re.IGNORECASE)
# The language part must not swallow a bare extension: README.md is not a README in "md".
_README = re.compile(
    r"^readme(?:\.(?!(?:md|markdown|rst|txt|adoc|org)$)([a-z]{2}(?:[-_][a-z]{2})?))?"
    r"(?:\.(?:md|markdown|rst|txt|adoc|org))?$",
    re.IGNORECASE,
)


@dataclass
class Document:
    path: str
    kind: str
    text: str
    sections: list[Section]
    #: Documents that assess a codebase against the Standard quote its requirements; text rules
    #: skip them so the quotes do not count as the project's own documentation.
    is_assessment: bool = False

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sections)

    @property
    def links(self) -> Iterator[Link]:
        for section in self.sections:
            yield from section.links

    @property
    def intro(self) -> Section:
        return self.sections[0]

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def prose(self) -> str:
        return "\n".join(s.text for s in self.sections)


@dataclass
class DocumentSet:
    readme: Document | None
    translations: list[Document] = field(default_factory=list)
    community: dict[str, Document] = field(default_factory=dict)
    docs: list[Document] = field(default_factory=list)
    pull_request_templates: list[Document] = field(default_factory=list)

    def all(self, *, include_assessments: bool = False) -> Iterator[Document]:
        seen: set[str] = set()
        for doc in [*([self.readme] if self.readme else []), *self.community.values(),
                    *self.pull_request_templates, *self.docs, *self.translations]:
            if doc.path in seen or (doc.is_assessment and not include_assessments):
                continue
            seen.add(doc.path)
            yield doc

    def get(self, kind: str) -> Document | None:
        return self.community.get(kind)

    def sections_matching(
        self, pattern: re.Pattern[str] | str, documents: Iterable[Document] | None = None
    ) -> list[tuple[Document, Section]]:
        regex = re.compile(pattern, re.IGNORECASE) if isinstance(pattern, str) else pattern
        return [
            (doc, section)
            for doc in (documents if documents is not None else self.all())
            for section in doc.sections
            if section.heading and regex.search(section.heading)
        ]

    def links(self) -> Iterator[tuple[Document, Link]]:
        for doc in self.all():
            for link in doc.links:
                yield doc, link

    def to_facts(self) -> dict:
        return {
            "readme": self.readme.path if self.readme else None,
            "readme_words": self.readme.words if self.readme else 0,
            "translations": [d.path for d in self.translations],
            "community_files": {k: d.path for k, d in sorted(self.community.items())},
            "docs_files": len(self.docs),
            "assessments": [d.path for d in self.all(include_assessments=True) if d.is_assessment],
        }


_HISTORY_FILE = re.compile(r"^(?:changelog|changes|history|news|release[-_ ]?notes|releases)\b",
                           re.IGNORECASE)


#: The project's own process documents: where it says how it works (governance, contributing,
#: security, roadmap, standards, channels). A heading there is strong evidence; the same heading
#: in a product manual deeper in docs/ is a mention (a manual's "steering group" is the product's).
PROCESS_KINDS = frozenset({"readme", "readme_translation", "contributing", "governance",
                           "code_of_conduct", "security", "support", "maintainers", "codeowners",
                           "roadmap", "standards"})
#: The landing page of the documentation: docs/index.md, doc/README.rst, docs/source/index.rst...
_LANDING_PAGE = re.compile(
    r"^(?:docs?|documentation|wiki)/(?:(?:source|src|content|en)/)?"
    r"(?:index|readme|_index|home)(?:\.\w+)?$", re.IGNORECASE)


def is_process_document(doc: Document) -> bool:
    """The README, a community file (CONTRIBUTING, GOVERNANCE, SECURITY...) or the
    documentation's landing page, as opposed to manuals deeper in docs/."""
    return doc.kind in PROCESS_KINDS or bool(_LANDING_PAGE.match(doc.path))


def is_history(doc: Document) -> bool:
    """A change log or release notes, by kind or by file name (also inside docs/)."""
    return doc.kind == "changelog" or bool(_HISTORY_FILE.match(posixpath.basename(doc.path)))


def prose_documents(docs: DocumentSet) -> list[Document]:
    """Documentation that speaks for the project now: no assessments and no change logs.

    Change logs mention every topic once ("improved the Contributing section"), which says
    nothing about the current guidelines.
    """
    return [d for d in docs.all() if not is_history(d)]


def community_file(snapshot: Snapshot, *basenames: str) -> str | None:
    """The first community file with one of these base names in the places GitHub looks."""
    for directory in LOOKUP_DIRS:
        for base in basenames:
            for ext in TEXT_EXTENSIONS:
                candidate = posixpath.join(directory, base + ext) if directory else base + ext
                found = snapshot.find_ci(candidate)
                if found is not None:
                    return found
    return None


def load_document(snapshot: Snapshot, path: str, kind: str) -> Document | None:
    text = snapshot.read_text(path, MAX_DOC_BYTES)
    if text is None:
        return None
    return Document(path, kind, text, parse_sections(text, path),
                    is_assessment=bool(_ASSESSMENT.search(text[:20000])))


@collector("documentation")
def documents(snapshot: Snapshot) -> DocumentSet:
    readme_path, translations = _readmes(snapshot)
    readme = load_document(snapshot, readme_path, "readme") if readme_path else None
    result = DocumentSet(readme=readme)
    for path in translations:
        doc = load_document(snapshot, path, "readme_translation")
        if doc:
            result.translations.append(doc)
    for kind, names in COMMUNITY_FILES.items():
        path = community_file(snapshot, *names)
        if path:
            doc = load_document(snapshot, path, kind)
            if doc:
                result.community[kind] = doc
    for path in snapshot.paths:
        if path.lower().startswith(".github/pull_request_template/"):
            doc = load_document(snapshot, path, "pull_request_template")
            if doc:
                result.pull_request_templates.append(doc)
    if "pull_request_template" in result.community:
        result.pull_request_templates.append(result.community["pull_request_template"])
    result.docs = list(_docs(snapshot, {d.path for d in result.all(include_assessments=True)}))
    return result


def _readmes(snapshot: Snapshot) -> tuple[str | None, list[str]]:
    main: list[str] = []
    translations: list[str] = []
    for path in snapshot.children(""):
        match = _README.match(path)
        if match:
            (translations if match.group(1) else main).append(path)
    # GitHub prefers README.md; otherwise any README at the root.
    main.sort(key=lambda p: (not p.lower().endswith((".md", ".markdown")), len(p)))
    if not main:
        for directory in ("docs", ".github"):
            for path in snapshot.children(directory):
                if _README.match(path.rsplit("/", 1)[-1]):
                    main.append(path)
    return (main[0] if main else None), sorted(translations)


def _docs(snapshot: Snapshot, already: set[str]) -> Iterator[Document]:
    count = 0
    candidates = []
    for path in snapshot.paths:
        top = path.split("/", 1)[0].lower()
        if top not in DOCS_DIRS or "/" not in path or is_vendored(path) or path in already:
            continue
        if not path.lower().endswith(TEXT_EXTENSIONS[1:]):
            continue
        candidates.append(path)
    candidates.sort(key=lambda p: (p.count("/"), p))
    total = 0
    for path in candidates:
        if count >= MAX_DOC_FILES or total >= MAX_DOCS_TOTAL_BYTES:
            snapshot.note_problem(
                f"documentation: only the first {count} of {len(candidates)} documentation "
                "files were read"
            )
            break
        doc = load_document(snapshot, path, "docs")
        if doc is not None:
            count += 1
            total += len(doc.text)
            yield doc


__all__ = ["Document", "DocumentSet", "Link", "Section", "community_file", "count_words",
           "documents"]
