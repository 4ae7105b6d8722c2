"""Format checks for single values: URLs, URIs, dates, e-mail, MIME types, languages, SPDX."""

from __future__ import annotations

import calendar
import functools
import re

from . import gourl, vocabularies

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MIME = re.compile(
    r" *([A-Za-z0-9][A-Za-z0-9!#$&^_-]{0,126})/([A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}) *"
)
_U = r"\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF"
_ATEXT = r"[a-zA-Z0-9!#$%&'*+\-/=?^_`{|}~" + _U + "]"
_EMAIL_PATTERN = (
    "(?:" + _ATEXT + r"+(?:\." + _ATEXT + "+)*"
    + r'|"(?:[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\x21\x23-\x5b\x5d-\x7e ' + _U + "]|\\\\.)*\")"
    + "@(?:(?:[a-zA-Z0-9" + _U + "]|[a-zA-Z0-9" + _U + "][a-zA-Z0-9\\-.~" + _U + "]*[a-zA-Z0-9"
    + _U + r"])\.)+(?:[a-zA-Z" + _U + "]|[a-zA-Z" + _U + "][a-zA-Z0-9\\-.~" + _U + "]*[a-zA-Z"
    + _U + "])"
)


@functools.cache
def _email() -> re.Pattern[str]:
    return re.compile(_EMAIL_PATTERN)
_URN = re.compile(
    r"urn:([A-Za-z0-9][A-Za-z0-9-]{0,31}):((?:[A-Za-z0-9()+,\-.:=@;$_!*']|%[0-9A-Fa-f]{2})+)",
    re.IGNORECASE,
)


def is_date(value: str) -> bool:
    """Go's time.Parse with layout 2006-01-02: exact digits, real calendar day."""
    match = _DATE.fullmatch(value)
    if match is None:
        return False
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12 or day < 1:
        return False
    leap_year = 2000 if year == 0 else year
    return day <= calendar.monthrange(leap_year, month)[1]


def is_mime_type(value: str) -> bool:
    return _MIME.fullmatch(value) is not None


def is_email(value: str) -> bool:
    if value != value.strip() or value.endswith("."):
        return False
    return _email().fullmatch(value) is not None


def is_url(value: str) -> bool:
    """go-playground's ``url`` check (any scheme, needs a host, fragment or opaque part)."""
    lowered = value.lower()
    if not lowered:
        return False
    parsed = gourl.try_parse(lowered)
    if parsed is None or not parsed.scheme:
        return False
    if parsed.scheme == "file":
        return bool(parsed.path) and parsed.path != "/"
    return bool(parsed.host or parsed.fragment or parsed.opaque)


def is_http_url(value: str) -> bool:
    if not is_url(value):
        return False
    parsed = gourl.try_parse(value.lower())
    return parsed is not None and bool(parsed.host) and parsed.scheme in ("http", "https")


def is_urn(value: str) -> bool:
    match = _URN.fullmatch(value)
    return match is not None and match.group(1).lower() != "urn"


def organisation_uri_problem(value: str, ipa: frozenset[str] | None) -> str | None:
    """None when valid; else "uri", "ipa" (code not in the list) or "ipa-unknown" (no list)."""
    parsed = gourl.try_parse_request_uri(value)
    if parsed is None:
        return "uri"
    if parsed.scheme.lower() == "urn":
        if not is_urn(value):
            return "uri"
        if parsed.opaque.lower().startswith("x-italian-pa:"):
            code = parsed.opaque[len("x-italian-pa:"):].lower()
            if ipa is None:
                return "ipa-unknown"
            return None if code in ipa else "ipa"
        return None
    if not parsed.scheme or not parsed.host:
        return "uri"
    return None


def is_supports_id(value: str) -> bool:
    if value.startswith("alias:"):
        return value[len("alias:"):] in vocabularies.SUPPORT_ALIASES
    parsed = gourl.try_parse_request_uri(value)
    if parsed is None:
        return False
    if parsed.scheme.lower() == "urn":
        return is_urn(value)
    return bool(parsed.scheme and parsed.host)


def is_country(value: str) -> bool:
    if value not in (value.lower(), value.upper()):
        return False
    return value.upper() in vocabularies.countries()


_GRANDFATHERED = (
    "en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|"
    "i-tao|i-tay|i-tsu|sgn-be-fr|sgn-be-nl|sgn-ch-de|art-lojban|cel-gaulish|no-bok|no-nyn|"
    "zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang|x-[a-z0-9]{1,8}"
)
_LANGTAG = re.compile(
    r"((?:[a-z]{2,3}(?:-[a-z]{3}){0,3})|[a-z]{4}|[a-z]{5,8})"
    r"(?:-([a-z]{4}))?"
    r"(?:-([a-z]{2}|[0-9]{3}))?"
    r"(?:-((?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3})(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*))?"
    r"(?:-((?:[a-wyz0-9](?:-[a-z0-9]{2,8})+)(?:-(?:[a-wyz0-9](?:-[a-z0-9]{2,8})+))*))?"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"
)
_GRANDFATHERED_RE = re.compile(_GRANDFATHERED)


def _base_language_ok(code: str) -> bool:
    registry = vocabularies.language_registry()
    if code not in registry.languages:
        return False
    # BCP 47 wants the shortest ISO 639 code: "eng" and "ita" are refused in favour of en, it.
    return not (len(code) == 3 and code in vocabularies.three_letter_codes_with_two_letter_form())


@functools.lru_cache(maxsize=1024)
def is_bcp47(value: str) -> bool:
    """Strict BCP 47 language tag, as go-playground's bcp47_strict_language_tag decides it."""
    lower = value.lower()
    if _GRANDFATHERED_RE.fullmatch(lower):
        return True
    match = _LANGTAG.fullmatch(lower)
    if match is None:
        return False
    language, script, region, variant, extension = match.groups()
    registry = vocabularies.language_registry()
    if "-" in language:
        base, *extlangs = language.split("-")
        if not _base_language_ok(base):
            return False
        for extlang in extlangs:
            prefixes = registry.extlangs.get(extlang)
            if prefixes is None:
                return False
            if prefixes and not any((lower + "-").startswith(p) for p in prefixes):
                return False
    elif len(language) <= 3:
        if not _base_language_ok(language):
            return False
    else:
        return False
    if script and script not in registry.scripts:
        return False
    if region and region not in registry.regions:
        return False
    if variant and any(part not in registry.variants for part in variant.split("-")):
        return False
    if extension:
        singletons = [part for part in extension.split("-") if len(part) == 1]
        if len(singletons) != len(set(singletons)):
            return False
    return True


_SPDX_TOKEN = re.compile(r"\s*(\(|\)|[A-Za-z0-9.\-+:]+)")


def is_spdx_expression(value: str) -> bool:
    """A valid SPDX license expression; ids case-insensitive, operators upper case."""
    tokens: list[str] = []
    position = 0
    text = value.rstrip()
    while position < len(text):
        match = _SPDX_TOKEN.match(text, position)
        if match is None:
            return False
        tokens.append(match.group(1))
        position = match.end()
    if not tokens:
        return False
    parser = _SpdxParser(tokens)
    return parser.parse()


class _SpdxParser:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.index = 0
        self.licenses, self.exceptions = vocabularies.spdx_ids()

    def peek(self) -> str | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def parse(self) -> bool:
        return self.expression(0) and self.index == len(self.tokens)

    def expression(self, depth: int) -> bool:
        if depth > 50:
            return False
        if not self.term(depth):
            return False
        while self.peek() in ("AND", "OR"):
            self.index += 1
            if not self.term(depth):
                return False
        return True

    def term(self, depth: int) -> bool:
        token = self.peek()
        if token is None:
            return False
        if token == "(":
            self.index += 1
            if not self.expression(depth + 1) or self.peek() != ")":
                return False
            self.index += 1
            return True
        if not self.license(token):
            return False
        self.index += 1
        if self.peek() == "WITH":
            self.index += 1
            exception = self.peek()
            if exception is None or exception.lower() not in self.exceptions:
                return False
            self.index += 1
        return True

    def license(self, token: str) -> bool:
        if token in ("AND", "OR", "WITH", ")"):
            return False
        lowered = token.lower()
        if re.fullmatch(r"(documentref-[a-z0-9.\-]+:)?licenseref-[a-z0-9.\-]+", lowered):
            return True
        if lowered.endswith("+"):
            lowered = lowered[:-1]
        return lowered in self.licenses
