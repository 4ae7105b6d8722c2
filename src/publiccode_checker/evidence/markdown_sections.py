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
    name = path.lower().rsplit("/", 1)[-1]
    if name.endswith((".md", ".markdown", ".mdx")) or "." not in name:
        return _markdown(text)
    extension = name.rsplit(".", 1)[-1]
    # Each light syntax gets only its own heading forms: a reStructuredText bullet "* item" is
    # an Org heading, and a rule of "=" signs opens an AsciiDoc title.
    if extension in ("adoc", "asciidoc", "asc"):
        return _light(text, "adoc")
    if extension == "org":
        return _light(text, "org")
    return _light(text, "rst")


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


def _collect_links(  # type: ignore[no-untyped-def]
    token, section: Section, first_line: int
) -> None:
    # A paragraph is one inline token; line breaks inside it are its own children, so counting
    # them gives each link the line it is written on rather than the paragraph's first line.
    children = token.children or ()
    line = first_line
    for n, child in enumerate(children):
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "link_open":
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
            if child.type == "html_inline":
                line += child.content.count("\n")


def _collect_bare_urls(text: str, section: Section, line: int) -> None:
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:!?")
        section.links.append(Link(url, "", line + text.count("\n", 0, match.start())))


def _light(text: str, syntax: str) -> list[Section]:
    sections = [Section("", 0, 1)]
    lines = text.splitlines()
    in_code = False
    skip = 0
    #: reStructuredText has no fixed heading levels: the first adornment style seen is level 1,
    #: the next new one level 2, and so on.
    adornments: list[tuple[str, bool]] = []
    for n, raw in enumerate(lines):
        if skip:
            skip -= 1
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
        if syntax == "rst":
            heading = _rst_heading(lines, n)
            if heading is not None:
                title, style, consumed = heading
                if style not in adornments:
                    adornments.append(style)
                level = min(adornments.index(style) + 1, 6)
                sections.append(Section(title, level, line_no + (1 if style[1] else 0)))
                skip = consumed - 1
                continue
        marked = None
        if syntax == "adoc":
            marked = _ADOC_HEADING.match(raw)
        elif syntax == "org":
            marked = _ORG_HEADING.match(raw)
        marked = marked or _PLAIN_MD_HEADING.match(raw)
        if marked:
            sections.append(Section(marked.group(2).strip(), len(marked.group(1)), line_no))
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


def _rst_heading(lines: list[str], n: int) -> tuple[str, tuple[str, bool], int] | None:
    """(title, adornment style, lines used) when a reStructuredText title starts at line n."""
    raw = lines[n]
    following = lines[n + 1] if n + 1 < len(lines) else ""
    over = _RST_UNDERLINE.match(raw)
    if over and following.strip() and n + 2 < len(lines):
        under = _RST_UNDERLINE.match(lines[n + 2])
        if under and under.group(1) == over.group(1) and not _RST_UNDERLINE.match(following):
            return following.strip(), (over.group(1), True), 3
    stripped = raw.strip()
    if not stripped or raw[0].isspace() or over:
        return None
    under = _RST_UNDERLINE.match(following)
    if under and len(following.strip()) >= len(stripped):
        return stripped, (under.group(1), False), 2
    return None
