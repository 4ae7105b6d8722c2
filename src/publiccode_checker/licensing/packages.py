"""Read the licence a package manifest declares (package.json, Cargo.toml, DESCRIPTION...)."""

from __future__ import annotations

import re
from collections.abc import Callable

_SCORES_BY_NAME = {
    "package.json": 1.0,
    "LICENSE.spdx": 1.0,
    "Cargo.toml": 1.0,
    "pyproject.toml": 1.0,
    "DESCRIPTION": 0.9,
    "dist.ini": 0.8,
    "bower.json": 0.75,
    "elm-package.json": 0.7,
}
_SCORED_EXTENSIONS = (".gemspec", ".cabal", ".nuspec")

_NPM = re.compile(r"\s*[\"']license[\"']\s*:\s*['\"]([a-z\-0-9.+ ()]+)['\"],?\s*", re.I)
_CARGO = re.compile(r"^\s*['\"]?license['\"]?\s*=\s*['\"]([a-z\-0-9. +()/]+)['\"]\s*", re.I | re.M)
_PYPROJECT = re.compile(r"^\s*['\"]?license['\"]?\s*=\s*['\"]([^'\"]+)['\"]\s*", re.I | re.M)
_SPDX = re.compile(r"PackageLicenseDeclared:\s*([a-z\-0-9. +()]+)\s*", re.I)
_CRAN_FIELD = re.compile(r"^license:\s*(.+)", re.I | re.M)
_CRAN_PLUS_FILE = re.compile(r"\s*\+\s*file\s+LICENSE$", re.I | re.M)
_CRAN_GPL = re.compile(r"^GPL(?:-([23])|\s*\(\s*>=\s*([23])\s*\))$", re.I | re.M)
_DIST_ZILLA = re.compile(r"^license\s*=\s*([a-z\-0-9._]+)", re.I | re.M)
_CABAL = re.compile(r"^\s*license\s*:\s*([a-z\-0-9.+]+)\s*$", re.I | re.M)
_CABAL_NAMES = {"GPL-2": "GPL-2.0", "GPL-3": "GPL-3.0", "LGPL-3": "LGPL-3.0",
                "AGPL-3": "AGPL-3.0", "BSD2": "BSD-2-Clause", "BSD3": "BSD-3-Clause"}
_GEM_VALUE = r"\s*['\"]([a-z\-0-9.]+)['\"](?:\.freeze)?\s*"
_GEMSPEC = re.compile(rf"^\s*[a-z0-9_]+\.license\s*={_GEM_VALUE}$", re.I | re.M)
_GEMSPEC_ARRAY = re.compile(
    rf"^\s*[a-z0-9_]+\.licenses\s*=\s*\[{_GEM_VALUE}((?:,{_GEM_VALUE})*)\]\s*$", re.I | re.M
)
_NUGET = re.compile(
    r"<license\s*type\s*=\s*[\"']expression[\"']\s*>([a-z\-0-9. +()]+)</license\s*>", re.I
)


def manifest_score(filename: str) -> float:
    if any(filename.endswith(ext) and len(filename) > len(ext) for ext in _SCORED_EXTENSIONS):
        return 1.0
    return _SCORES_BY_NAME.get(filename, 0.0)


def _first(pattern: re.Pattern[str], content: str) -> str | None:
    match = pattern.search(content)
    return match.group(1).lower() if match and match.group(1) else None


def _npm(content: str) -> str | None:
    match = _NPM.search(content)
    if not match:
        return None
    return "no-license" if match.group(1) == "UNLICENSED" else match.group(1).lower()


def _cran(content: str) -> str | None:
    field = _first(_CRAN_FIELD, content)
    if field is None:
        return None
    key = _CRAN_PLUS_FILE.sub("", field)
    gpl = _CRAN_GPL.search(key)
    return f"gpl-{gpl.group(1) or gpl.group(2)}.0" if gpl else key


def _dist_zilla(content: str) -> str | None:
    match = _DIST_ZILLA.search(content)
    if not match:
        return None
    name = match.group(1).replace("_", "-", 1).replace("_", ".", 1).replace("Mozilla", "MPL", 1)
    name = re.sub(r"^(A?GPL)-(\d)$", r"\1-\2.0", name)
    return name.lower()


def _cabal(content: str) -> str | None:
    match = _CABAL.search(content)
    if not match:
        return None
    name = match.group(1).removesuffix("+")
    return _CABAL_NAMES.get(name, name).lower()


def _gemspec(content: str) -> str | None:
    single = _first(_GEMSPEC, content)
    if single:
        return single
    match = _GEMSPEC_ARRAY.search(content)
    if not match:
        return None
    values = [match.group(1), *re.findall(_GEM_VALUE, match.group(2) or "")]
    return values[0].lower() if len(values) == 1 else "other"


_BY_NAME: dict[str, Callable[[str], str | None]] = {
    "package.json": _npm,
    "bower.json": _npm,
    "elm-package.json": _npm,
    "DESCRIPTION": _cran,
    "dist.ini": _dist_zilla,
    "LICENSE.spdx": lambda c: _first(_SPDX, c),
    "Cargo.toml": lambda c: _first(_CARGO, c),
    "pyproject.toml": lambda c: _first(_PYPROJECT, c),
}
_BY_EXTENSION: dict[str, Callable[[str], str | None]] = {
    ".gemspec": _gemspec,
    ".cabal": _cabal,
    ".nuspec": lambda c: _first(_NUGET, c),
    ".json": _npm,
}


def declared_licence_key(filename: str, content: str) -> str | None:
    """The lower-case licence key a manifest declares, or ``None`` when it declares none."""
    dot = filename.rfind(".")
    extension = filename[dot:] if dot > 0 else ""
    reader = _BY_EXTENSION.get(extension) or _BY_NAME.get(filename)
    if reader is None:
        return None
    try:
        return reader(content[:1_000_000])
    except (re.error, RecursionError):
        return None
