"""Find a README and the licence section inside it."""

from __future__ import annotations

import re

_EXTENSIONS = ("md", "markdown", "mdown", "txt", "rdoc", "rst")
_SCORES = (
    (re.compile(r"\AREADME\Z", re.I), 1.0),
    (re.compile(r"\AREADME\.(?:" + "|".join(_EXTENSIONS) + r")\Z", re.I), 0.9),
)

_TITLE = r"licen[sc]e:?"
_UNDERLINE = r"\n[-=]+"
# A "License" heading (ATX, rdoc or underlined) and everything up to the next heading.
_SECTION = re.compile(
    rf"^(?:[#=]+\s{_TITLE}\s*[#=]*|{_TITLE}{_UNDERLINE})$"
    rf"(.*?)"
    rf"(?=^(?:[#=]+|[^\n]+{_UNDERLINE})|\Z)",
    re.I | re.M | re.S | re.ASCII,
)


def readme_score(filename: str) -> float:
    for pattern, score in _SCORES:
        if pattern.match(filename):
            return score
    return 0.0


def licence_section(content: str) -> str | None:
    """The text under the README's licence heading, or ``None`` when there is none."""
    match = _SECTION.search(content)
    return match.group(1).strip() if match else None
