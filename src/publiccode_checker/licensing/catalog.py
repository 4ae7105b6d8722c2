"""The bundled licence texts, with the title patterns and normalised forms derived from them."""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent / "data" / "licences.json.gz"

# Families GitHub treats specially when a project ships several licence files.
GPL_KEYS = frozenset({"gpl-2.0", "gpl-3.0"})
LGPL_KEYS = frozenset({"lgpl-2.1", "lgpl-3.0"})

_SOURCE_PREFIX = r"https?://(?:www\.)?"
_SOURCE_SUFFIX = r"(?:\.html?|\.txt|/)(?:\?[^\s]*)?"


@cache
def load_data() -> dict[str, Any]:
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def _escape(text: str) -> str:
    return re.escape(text)


@dataclass(frozen=True)
class Licence:
    """A licence the detector can recognise by its text."""

    key: str
    spdx_id: str
    title: str
    nickname: str | None
    text: str
    alt_segments: int

    @property
    def name(self) -> str:
        return self.title or self.spdx_id

    @property
    def name_without_version(self) -> str:
        match = re.search(r"\s+v?\d\.\d", self.name, re.I)
        return self.name[: match.start()] if match else self.name

    @property
    def is_creative_commons(self) -> bool:
        return self.key.startswith("cc-")

    @property
    def source(self) -> str:
        return f"https://spdx.org/licenses/{self.spdx_id}.html"

    def title_pattern_parts(self) -> list[str]:
        """Regex sources (each with its own case flag) that recognise this licence's title."""
        lowered = self.name.lower().replace("*", "u")
        # The plain title is used as a pattern on purpose ("." and quotes stay loose).
        parts = [f"(?i:{lowered})", f"(?i:{self._normalized_title()})", f"(?i:{self._key_title()})"]
        if self.nickname:
            parts.append("(?-i:" + re.sub(r"\bGNU ", "(?:GNU )?", self.nickname, flags=re.I) + ")")
        return parts

    def _normalized_title(self) -> str:
        string = self.name.lower().replace("*", "u")
        string = re.sub(r"\Athe ", "", string, count=1, flags=re.I)
        string = re.sub(r",? version ", " ", string, count=1)
        string = re.sub(r"v(\d+\.\d+)", r"\1", string, count=1)
        string = _escape(string)
        string = re.sub(r"\\ licen[sc]e", lambda _: r"(?:\ licen[sc]e)?", string, count=1,
                        flags=re.I)
        minor = re.search(r"\d+\\\.(\d+)", string)
        if minor:
            optional = "?" if minor.group(1) == "0" else ""

            def version(match: re.Match[str]) -> str:
                return (r",?\s+(?:version\ |v(?:\.\ )?)?" + match.group(1)
                        + "(" + match.group(2) + ")" + optional)

            string = re.sub(r"\\ (\d+)(\\\.\d+)", version, string, count=1)
        return re.sub(r"\bgnu\\ ", lambda _: "(?:GNU )?", string, count=1)

    def _key_title(self) -> str:
        key = self.key.replace("-", "[- ]", 1).replace(".", r"\.", 1)
        return key + r"(?:\ licen[sc]e)?"

    @cached_property
    def title_regex(self) -> re.Pattern[str]:
        return re.compile("|".join(self.title_pattern_parts()))

    @cached_property
    def reference_regex(self) -> re.Pattern[str]:
        source = re.sub(r"\A" + _SOURCE_PREFIX, "", self.source, flags=re.I)
        source = re.sub(_SOURCE_SUFFIX + r"\Z", "", source, flags=re.I)
        source_re = f"(?i:{_SOURCE_PREFIX}{_escape(source)}(?:{_SOURCE_SUFFIX})?)"
        alternatives = "|".join([*self.title_pattern_parts(), source_re])
        return re.compile(rf"\b(?:{alternatives})\b")


@cache
def licences() -> tuple[Licence, ...]:
    """Every licence with a bundled text, ordered by key as the reference detector orders them."""
    items = [
        Licence(
            key=entry["key"],
            spdx_id=entry["spdx_id"],
            title=entry["title"],
            nickname=entry.get("nickname"),
            text=entry["text"],
            alt_segments=int(entry.get("alt_segments", 0)),
        )
        for entry in load_data()["templates"]
    ]
    return tuple(sorted(items, key=lambda lic: lic.key))


@cache
def licences_by_key() -> dict[str, Licence]:
    return {lic.key: lic for lic in licences()}


@cache
def title_regex() -> re.Pattern[str]:
    """Pattern for a licence title (any known licence) at the start of a text, to the line end."""
    parts: list[str] = []
    for lic in licences():
        parts.append("(?:" + "|".join(lic.title_pattern_parts()) + ")")
    for lic in licences():
        if lic.title != lic.name_without_version:
            parts.append(f"(?i:{_escape(lic.name_without_version)})")
    return re.compile(r"\A\s*\(?(?:the )?(?:" + "|".join(parts) + r").*?$",
                      re.IGNORECASE | re.MULTILINE | re.ASCII)
