"""Splits documentation into sections (heading, prose, code blocks, links) with line numbers.

Markdown goes through markdown-it-py, so tables, HTML and code are told apart from prose the way
GitHub renders them. reStructuredText, AsciiDoc, Org and plain text get a light heading scan, which
is enough for "is there an Installation section with something in it".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"maxNesting": 40}).enable("table").enable("strikethrough")
_URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")
_ADOC_HEADING = re.compile(r"^(={1,6})\s+(\S.*)$")
_ORG_HEADING = re.compile(r"^(\*{1,6})\s+(\S.*)$")
_PLAIN_MD_HEADING = re.compile(r"^(#{1,6})\s+(\S.*?)\s*#*\s*$")


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    line: int


@dataclass
class Section:
    heading: str
    level: int
    line: int
    prose: list[str] = field(default_factory=list)
    code_blocks: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    #: Images and badges (alt text and target), for status badges and diagrams.
    images: list[Link] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.prose)

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def parse_sections(text: str, path: str) -> list[Section]:
    lower = path.lower()
    if lower.endswith((".md", ".markdown", ".mdx")) or "." not in lower.rsplit("/", 1)[-1]:
        return _markdown(text)
    return _light(text)


def _markdown(text: str) -> list[Section]:
    sections = [Section("", 0, 1)]
    tokens = _md.parse(text)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        line = (token.map[0] + 1) if token.map else sections[-1].line
        if token.type == "heading_open":
            inline = tokens[i + 1]
            heading = " ".join(inline.content.split())
            sections.append(Section(heading, int(token.tag[1]), line))
            _collect_links(inline, sections[-1], line)
            i += 3
            continue
        if token.type in ("fence", "code_block"):
            sections[-1].code_blocks.append(token.content)
        elif token.type == "html_block":
            _collect_bare_urls(token.content, sections[-1], line)
        elif token.type == "inline":
            prose = _inline_text(token)
            if prose.strip():
                sections[-1].prose.append(prose)
            _collect_links(token, sections[-1], line)
        i += 1
    return sections


def _inline_text(token) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for child in token.children or ():
        if child.type == "text":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak", "code_inline"):
            parts.append(" ")
    return "".join(parts)


def _collect_links(token, section: Section, line: int) -> None:  # type: ignore[no-untyped-def]
    children = token.children or ()
    for n, child in enumerate(children):
        if child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            label = []
            for follower in children[n + 1:]:
                if follower.type == "link_close":
                    break
                if follower.type == "image":
                    section.images.append(Link(str(follower.attrs.get("src", "")),
                                               follower.content, line))
                label.append(follower.content)
            section.links.append(Link(href, "".join(label), line))
        elif child.type == "image":
            section.images.append(Link(str(child.attrs.get("src", "")), child.content, line))
        elif child.type in ("text", "html_inline"):
            _collect_bare_urls(child.content, section, line)


def _collect_bare_urls(text: str, section: Section, line: int) -> None:
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:!?")
        section.links.append(Link(url, "", line))


def _light(text: str) -> list[Section]:
    sections = [Section("", 0, 1)]
    lines = text.splitlines()
    in_code = False
    skip_next = False
    for n, raw in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        line_no = n + 1
        stripped = raw.strip()
        if stripped.startswith(("```", "----", "....")) or stripped in ("::",):
            in_code = not in_code if stripped.startswith("```") else in_code
            if stripped.startswith("```") and not in_code:
                continue
        if in_code:
            sections[-1].code_blocks.append(raw)
            continue
        following = lines[n + 1] if n + 1 < len(lines) else ""
        if stripped and _RST_UNDERLINE.match(following) and len(following.strip()) >= len(stripped):
            sections.append(Section(stripped, 2, line_no))
            skip_next = True
            continue
        heading = (_ADOC_HEADING.match(stripped) or _ORG_HEADING.match(stripped)
                   or _PLAIN_MD_HEADING.match(stripped))
        if heading:
            sections.append(Section(heading.group(2).strip(), len(heading.group(1)), line_no))
            continue
        if raw.startswith(("    ", "\t")) and stripped and sections[-1].prose == []:
            sections[-1].code_blocks.append(raw)
            continue
        if stripped.startswith(("$ ", ".. code", "[source")):
            sections[-1].code_blocks.append(stripped)
        elif stripped:
            sections[-1].prose.append(stripped)
        _collect_bare_urls(raw, sections[-1], line_no)
    return sections
