"""Which language to speak: an explicit choice first, then a remembered one, then the browser's."""

from __future__ import annotations

from collections.abc import Iterable

from publiccode_checker.i18n.catalogs import available_languages

DEFAULT_LANGUAGE = "en"


def normalise(tag: str | None) -> str | None:
    """``da-DK`` -> ``da``; ``pt-br`` -> ``pt_BR`` when such a catalog exists, else ``pt``."""
    if not tag:
        return None
    tag = tag.strip().replace("-", "_")
    if not tag or len(tag) > 20:
        return None
    available = available_languages()
    parts = tag.split("_")
    full = parts[0].lower() + ("_" + parts[1].upper() if len(parts) > 1 else "")
    if full in available:
        return full
    base = parts[0].lower()
    return base if base in available else None


def parse_accept_language(header: str | None) -> list[str]:
    """Language tags of an ``Accept-Language`` header, most wanted first."""
    if not header:
        return []
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")[:20]):
        pieces = part.strip().split(";")
        tag = pieces[0].strip()
        quality = 1.0
        for parameter in pieces[1:]:
            name, _, value = parameter.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and tag != "*" and quality > 0:
            weighted.append((-quality, position, tag))
    return [tag for _, _, tag in sorted(weighted)]


def choose_language(
    explicit: str | None = None,
    remembered: str | None = None,
    accepted: Iterable[str] | str | None = None,
) -> str:
    """The first supported of ``?lang=``, the cookie, then ``Accept-Language``; else English."""
    for candidate in (explicit, remembered):
        chosen = normalise(candidate)
        if chosen:
            return chosen
    tags = parse_accept_language(accepted) if isinstance(accepted, str) else list(accepted or ())
    for tag in tags:
        chosen = normalise(tag)
        if chosen:
            return chosen
    return DEFAULT_LANGUAGE
