"""Turn an HTML licence page into Markdown-like text so the normaliser can treat it as prose."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = {
    "p", "div", "section", "article", "blockquote", "pre", "table", "tr", "ul", "ol", "dl",
    "dt", "dd", "body", "html", "center", "address", "hr",
}
_SKIP_TAGS = {"head", "style", "script", "title", "noscript", "template"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_EMPHASIS = {"b": "**", "strong": "**", "i": "_", "em": "_"}


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif self.skip_depth:
            return
        elif tag in _HEADINGS:
            self.parts.append("\n\n" + "#" * _HEADINGS[tag] + " ")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _EMPHASIS:
            self.parts.append(_EMPHASIS[tag])

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif self.skip_depth:
            return
        elif tag in _HEADINGS or tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag in _EMPHASIS:
            self.parts.append(_EMPHASIS[tag])

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            # HTML collapses runs of whitespace inside text.
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_markdown(text: str) -> str:
    converter = _Converter()
    try:
        converter.feed(text)
        converter.close()
    except Exception:  # malformed markup: fall back to the raw text
        return text
    out = "".join(converter.parts)
    out = re.sub(r"[ \t]*\n[ \t]*", "\n", out)
    return re.sub(r"\n{3,}", "\n\n", out).strip()
