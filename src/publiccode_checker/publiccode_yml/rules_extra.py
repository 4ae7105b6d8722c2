"""Checks beyond field rules: deprecations, files (logo, screenshots, authors), videos, network.

Results are (type, key, message) in the reference's order; positions are added by the caller.
Network checks run only when asked for, and only through the guarded fetcher.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field

from publiccode_checker.core.fetching import LocalNetworkError, TargetError

from . import formats, gourl, messages, vocabularies
from .decode import UrlValue

NETWORK_TIMEOUT = 30.0
MAX_DOWNLOAD = 20 * 1024 * 1024
LOGO_EXTENSIONS = (".svg", ".svgz", ".png")
SCREENSHOT_EXTENSIONS = (".jpg", ".png")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(slots=True)
class Base:
    """Where relative file names are resolved: a local directory or a remote URL."""

    local: str | None = None
    remote: str | None = None


@dataclass(slots=True)
class ExtraContext:
    base: Base
    network: bool
    external: bool
    fetcher: Callable | None
    ipa: frozenset[str] | None
    out: list[tuple[str, str, str]] = field(default_factory=list)
    notes: list[tuple[str, str, str]] = field(default_factory=list)

    def error(self, key: str, message: str) -> None:
        self.out.append(("error", key, message))

    def warning(self, key: str, message: str) -> None:
        self.out.append(("warning", key, message))


class _Unchecked(Exception):
    """Our own network failed: the value could not be checked (not the user's fault)."""


def _go_ext(path: str) -> str:
    for index in range(len(path) - 1, -1, -1):
        if path[index] == "/":
            return ""
        if path[index] == ".":
            return path[index:]
    return ""


@dataclass(slots=True)
class _Target:
    local: str | None = None
    remote: str | None = None

    def display(self) -> str:
        return self.local if self.local is not None else (self.remote or "")

    def path(self) -> str:
        if self.local is not None:
            return self.local
        parsed = gourl.try_parse(self.remote or "")
        return parsed.path if parsed else ""


def _raw_file_url(url: gourl.GoURL) -> str:
    """Code hosting page URLs rewritten to their raw file URLs."""
    host = url.hostname().lower()
    parts = url.path.split("/")
    if host == "github.com" and len(parts) > 4 and parts[3] == "blob":
        return "https://raw.githubusercontent.com/" + "/".join(parts[1:3] + parts[4:])
    if "gitlab" in host and "/-/blob/" in url.path:
        return f"{url.scheme}://{url.host}{url.path.replace('/-/blob/', '/-/raw/', 1)}"
    if host == "bitbucket.org" and len(parts) > 4 and parts[3] == "src":
        return f"https://bitbucket.org/{parts[1]}/{parts[2]}/raw/" + "/".join(parts[4:])
    return str(url)


def raw_root(url: str) -> str | None:
    """The raw-file root of a repository URL on a known code host, or None."""
    parsed = gourl.try_parse(url)
    if parsed is None:
        return None
    host = parsed.hostname().lower()
    parts = [part for part in parsed.path.split("/") if part]
    if len(parts) < 2:
        return None
    owner, repo = parts[0], parts[1].removesuffix(".git")
    if host == "github.com":
        return f"https://raw.githubusercontent.com/{owner}/{repo}/HEAD/"
    if host == "bitbucket.org":
        return f"https://bitbucket.org/{owner}/{repo}/raw/HEAD/"
    if "gitlab" in host:
        path = "/".join(parts).removesuffix(".git")
        return f"{parsed.scheme}://{parsed.host}/{path}/-/raw/HEAD/"
    return None


def _absolute(value: str, context: ExtraContext) -> _Target | None:
    if gourl.try_parse_request_uri(value) is not None:
        if not context.network:
            return None
        parsed = gourl.parse_request_uri(value)
        return _Target(remote=_raw_file_url(parsed))
    if context.base.local is not None:
        return _Target(local=posixpath.normpath(posixpath.join(context.base.local, value)))
    remote = context.base.remote or ""
    return _Target(remote=remote.rstrip("/") + "/" + posixpath.normpath(value).lstrip("/"))


def _get(context: ExtraContext, url: str, *, method: str = "GET"):
    fetcher = context.fetcher
    if fetcher is None:  # validate() refuses network checks without a fetcher
        raise _Unchecked("no network client was given")
    try:
        return fetcher(url, max_bytes=MAX_DOWNLOAD, timeout=NETWORK_TIMEOUT, method=method), None
    except LocalNetworkError as error:
        raise _Unchecked(str(error)) from error
    except TargetError as error:
        return None, str(error)


def _reachable(context: ExtraContext, url: str) -> str | None:
    """None when ``url`` answers with success, else the reason (reference wording)."""
    parsed = gourl.try_parse(url)
    if parsed is None or not parsed.scheme:
        return "missing URL scheme"
    result, problem = _get(context, url)
    if result is None:
        return f"HTTP GET failed for {url}: {problem}"
    if not result.ok:
        reason = "not found" if result.status == 404 else f"HTTP status {result.status}"
        return f"HTTP GET failed for {url}: {reason}"
    return None


def _exists(context: ExtraContext, target: _Target) -> tuple[bool, str, bytes | None]:
    if target.local is not None:
        if os.path.exists(target.local):
            return True, "", None
        return False, f"no such file: {target.local}", None
    if not context.network:
        return True, "", None
    problem = _reachable(context, target.remote or "")
    if problem:
        return False, problem, None
    result, _ = _get(context, target.remote or "")
    return True, "", result.content if result is not None else None


def _png_problem(data: bytes) -> str | None:
    if not data.startswith(PNG_SIGNATURE):
        return "image: unknown format"
    if len(data) < 33 or data[12:16] != b"IHDR":
        return "png: invalid format: chunk out of order"
    return None


def _check_logo(key: str, value: str, context: ExtraContext) -> None:
    target = _absolute(value, context)
    if target is None:
        return
    extension = _go_ext(target.path()).lower()
    if extension not in LOGO_EXTENSIONS:
        context.error(key, f"invalid file extension for: {target.display()}")
        return
    exists, problem, data = _exists(context, target)
    if not exists:
        context.error(key, problem)
        return
    if extension != ".png":
        return
    if target.local is not None:
        try:
            with open(target.local, "rb") as handle:
                data = handle.read(64)
        except OSError as error:
            context.error(key, f"opening {target.local}: {error.strerror}")
            return
    if data is None:
        return
    problem = _png_problem(data)
    if problem:
        context.error(key, problem)


def _path_allowed(key: str, value: str, context: ExtraContext) -> bool:
    if value.startswith("/"):
        context.error(key, messages.ABSOLUTE_PATH)
        return False
    if value.startswith("file:"):
        context.error(key, messages.FILE_URL)
        return False
    return True


def _guard(context: ExtraContext, key: str, value: str, check: Callable[[], None]) -> None:
    try:
        check()
    except _Unchecked as error:
        context.notes.append(
            ("warning", key, f"could not check '{value}': our network is unavailable ({error})")
        )


def _url_text(value: object) -> str:
    return str(value) if isinstance(value, UrlValue) else str(value or "")


def run_extra_checks(values: dict, context: ExtraContext) -> None:
    checks_network = context.network and context.external
    url = values.get("url")
    if checks_network and isinstance(url, UrlValue):
        def check_url() -> None:
            problem = _reachable(context, str(url))
            if problem:
                context.error("url", f"'{url}' not reachable: {problem}")
            if not _is_repository(context, url):
                context.error("url", "is not a valid code repository")

        _guard(context, "url", str(url), check_url)
    for name in ("landingURL", "roadmap"):
        value = values.get(name)
        if checks_network and isinstance(value, UrlValue):
            _check_reachable(context, name, value)

    for name in ("logo", "monochromeLogo"):
        value = values.get(name)
        if not value:
            continue
        if name == "monochromeLogo":
            context.warning(name, messages.DEPRECATED_USE_LOGO)
        if _path_allowed(name, value, context) and context.external:
            _guard(context, name, value,
                   lambda n=name, v=value: _check_logo(n, v, context))

    audience = values.get("intendedAudience") or {}
    for name in ("countries", "unsupportedCountries"):
        for index, code in enumerate(audience.get(name) or []):
            if formats.is_country(code) and code == code.lower():
                context.warning(f"intendedAudience.{name}[{index}]",
                                messages.lowercase_country(code))

    legal = values.get("legal") or {}
    authors = legal.get("authorsFile")
    if authors is not None:
        context.warning("legal.authorsFile", messages.DEPRECATED_DROP)
        if _path_allowed("legal.authorsFile", authors, context) and context.external:
            _guard(context, "legal.authorsFile", authors,
                   lambda: _check_authors(authors, context))
    if legal.get("repoOwner") is not None:
        context.warning("legal.repoOwner", messages.DEPRECATED_USE_ORG_NAME)
    for name in ("inputTypes", "outputTypes"):
        if values.get(name) is not None:
            context.warning(name, messages.DEPRECATED_DROP)

    for language, description in (values.get("description") or {}).items():
        _check_description(language, description, context, checks_network)

    _check_italy(values, context)


def _check_reachable(context: ExtraContext, key: str, value: UrlValue) -> None:
    def check() -> None:
        problem = _reachable(context, str(value))
        if problem:
            context.error(key, f"'{value}' not reachable: {problem}")

    _guard(context, key, str(value), check)


def _is_repository(context: ExtraContext, url: UrlValue) -> bool:
    host = url.url.hostname().lower()
    parts = [part for part in url.url.path.split("/") if part]
    if host in ("github.com", "bitbucket.org") or "gitlab" in host:
        return len(parts) >= 2
    probe = str(url).rstrip("/") + "/info/refs?service=git-upload-pack"
    result, _ = _get(context, probe)
    return (result is not None and result.ok
            and result.content_type == "application/x-git-upload-pack-advertisement")


def _check_authors(value: str, context: ExtraContext) -> None:
    target = _absolute(value, context)
    if target is None:
        return
    exists, problem, _ = _exists(context, target)
    if not exists:
        context.error("legal.authorsFile", f"'{target.display()}' does not exist: {problem}")


def _check_description(language: str, description: dict, context: ExtraContext,
                       checks_network: bool) -> None:
    prefix = f"description.{language}"
    if description.get("genericName"):
        context.warning(f"{prefix}.genericName", messages.DEPRECATED_DROP)
    for name in ("documentation", "apiDocumentation"):
        value = description.get(name)
        if checks_network and isinstance(value, UrlValue):
            _check_reachable(context, f"{prefix}.{name}", value)
    for index, shot in enumerate(description.get("screenshots") or []):
        key = f"{prefix}.screenshots[{index}]"
        if _path_allowed(key, shot, context) and context.external:
            _guard(context, key, shot,
                   lambda k=key, s=shot: _check_screenshot(k, s, context))
    for index, video in enumerate(description.get("videos") or []):
        link = _url_text(video) if video is not None else ""
        if not vocabularies.matches_oembed(link):
            context.error(
                f"{prefix}.videos[{index}]",
                f"'{link}' is not a valid video URL supporting oEmbed: "
                f"invalid oEmbed link: {link}",
            )


def _check_screenshot(key: str, value: str, context: ExtraContext) -> None:
    target = _absolute(value, context)
    if target is None:
        return
    if _go_ext(target.path()).lower() not in SCREENSHOT_EXTENSIONS:
        context.error(key, f"'{value}' is not an image: invalid file extension for: "
                           f"{target.display()}")
        return
    exists, problem, _ = _exists(context, target)
    if not exists:
        context.error(key, f"'{value}' is not an image: {problem}")


def _check_italy(values: dict, context: ExtraContext) -> None:
    upper = values.get("IT")
    lower = values.get("it")
    section = upper
    if lower is not None:
        context.warning("it", messages.LOWERCASE_IT)
        section = lower
    if upper is not None and lower is not None:
        context.error("it", messages.IT_DUPLICATED)
        section = upper
    if section is None:
        return
    if section.get("conforme") is not None:
        context.warning("IT.conforme", messages.DEPRECATED_DROP)
    code = (section.get("riuso") or {}).get("codiceIPA") or ""
    if code and (context.ipa is None or code.lower() in context.ipa):
        context.warning("IT.riuso.codiceIPA", messages.deprecated_codice_ipa(code))
