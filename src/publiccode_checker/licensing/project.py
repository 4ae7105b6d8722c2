"""Decide a repository's licence from its files, as GitHub's ``license.spdx_id`` does."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from publiccode_checker.licensing.catalog import GPL_KEYS, LGPL_KEYS, licences_by_key
from publiccode_checker.licensing.files import (
    LICENSES_DIR,
    find_licence_files,
    is_copyright_file_name,
    is_lesser_gpl_file_name,
)
from publiccode_checker.licensing.identify import (
    NO_LICENSE_KEY,
    NOASSERTION,
    OTHER_KEY,
    LicenceMatch,
    identify,
    other_licence,
)
from publiccode_checker.licensing.packages import declared_licence_key, manifest_score
from publiccode_checker.licensing.readme import licence_section, readme_score

ReadText = Callable[[str], "str | None"]

LICENCE_FILE = "licence"
README_FILE = "readme"
PACKAGE_FILE = "package"

_SPDX_SUFFIX = re.compile(r"-or-later\Z|-only\Z", re.I)
_TEXT_LINE = re.compile(r"\w")


@dataclass(frozen=True)
class ProjectFile:
    """One file that took part in the decision, with its own identification."""

    path: str
    kind: str
    match: LicenceMatch
    line: int | None = None

    @property
    def is_copyright_notice(self) -> bool:
        # A COPYRIGHT file holding only a notice does not count as a second licence.
        return (self.kind == LICENCE_FILE and self.match.matcher == "copyright"
                and is_copyright_file_name(self.path.rsplit("/", 1)[-1]))

    @property
    def is_lesser_gpl(self) -> bool:
        return (is_lesser_gpl_file_name(self.path.rsplit("/", 1)[-1])
                and self.match.key in LGPL_KEYS)


@dataclass(frozen=True)
class ProjectLicence:
    """The repository's licence: ``spdx_id`` None (no licence), NOASSERTION or an id."""

    spdx_id: str | None
    key: str | None
    name: str | None
    matched_file: ProjectFile | None
    files: tuple[ProjectFile, ...]

    @property
    def licence_files(self) -> tuple[ProjectFile, ...]:
        return tuple(f for f in self.files if f.kind == LICENCE_FILE)


def decode_text(data: bytes) -> str:
    """Decode file bytes as UTF-8, dropping invalid sequences (as GitHub does)."""
    return data.decode("utf-8", errors="ignore")


def _first_text_line(content: str, start: int = 0) -> int | None:
    for number, line in enumerate(content.splitlines()[start:], start=start + 1):
        if _TEXT_LINE.search(line):
            return number
    return None


def _safe_read(read_text: ReadText, path: str) -> str | None:
    try:
        return read_text(path)
    except (OSError, UnicodeError, ValueError):
        return None


def _top_level(paths: Iterable[str]) -> list[str]:
    """Root files and ``LICENSES/`` files: the only places the detector reads."""
    kept = []
    for raw in paths:
        path = raw.strip("/").removeprefix("./")
        directory = path.rpartition("/")[0]
        if directory in ("", LICENSES_DIR):
            kept.append(path)
    return kept


def _identify_licence_file(path: str, read_text: ReadText) -> ProjectFile:
    content = _safe_read(read_text, path)
    if content is None:
        return ProjectFile(path, LICENCE_FILE, other_licence(), None)
    return ProjectFile(path, LICENCE_FILE, identify(content, path), _first_text_line(content))


def _best_file(
    paths: list[str], read_text: ReadText, score: Callable[[str], float]
) -> tuple[str, str] | None:
    """The path and text of the file whose name scores highest, if any scores at all."""
    scored = [(score(p.rsplit("/", 1)[-1]), p) for p in paths]
    scored = [item for item in scored if item[0] > 0]
    if not scored:
        return None
    path = max(scored, key=lambda item: item[0])[1]
    content = _safe_read(read_text, path)
    return (path, content) if content else None


def _readme_file(paths: list[str], read_text: ReadText) -> ProjectFile | None:
    best = _best_file(paths, read_text, readme_score)
    if best is None:
        return None
    path, content = best
    section = licence_section(content)
    if section is None:
        return None
    offset = content.find(section)
    line = content.count("\n", 0, offset) + 1 if offset >= 0 else None
    return ProjectFile(path, README_FILE, identify(section, references=True), line)


def _package_file(paths: list[str], read_text: ReadText) -> ProjectFile | None:
    best = _best_file(paths, read_text, manifest_score)
    if best is None:
        return None
    path, content = best
    declared = declared_licence_key(path.rsplit("/", 1)[-1], content)
    if not declared:
        return None
    return ProjectFile(path, PACKAGE_FILE, _licence_for_key(declared), None)


def _licence_for_key(declared: str) -> LicenceMatch:
    known = licences_by_key()
    lic = known.get(declared) or known.get(_SPDX_SUFFIX.sub("", declared))
    if lic:
        return LicenceMatch(lic.spdx_id, lic.key, "package", 90.0, lic.name)
    if declared == NO_LICENSE_KEY:
        return LicenceMatch(None, NO_LICENSE_KEY, "package", 90.0, "No license")
    return LicenceMatch(NOASSERTION, OTHER_KEY, "package", 90.0, "Other")


def _prioritise_lgpl(files: list[ProjectFile]) -> list[ProjectFile]:
    # LGPL projects ship COPYING.LESSER beside the GPL text it amends; the LGPL file leads.
    if not files or files[0].match.key not in GPL_KEYS:
        return files
    for index, candidate in enumerate(files):
        if candidate.is_lesser_gpl:
            return [candidate, *files[:index], *files[index + 1:]]
    return files


def _unique(matches: Iterable[ProjectFile]) -> list[ProjectFile]:
    seen: set[str | None] = set()
    result = []
    for item in matches:
        if item.match.key not in seen:
            seen.add(item.match.key)
            result.append(item)
    return result


def detect_project_licence(
    paths: Iterable[str],
    read_text: ReadText,
    *,
    detect_readme: bool = True,
    detect_packages: bool = True,
) -> ProjectLicence:
    """Detect the licence of the repository whose file paths are ``paths``.

    ``paths`` are posix paths relative to the repository root (files only). ``read_text``
    returns a file's text, or ``None`` when it cannot be read.
    """
    candidates = _top_level(paths)
    licence_files = [
        _identify_licence_file(candidate.path, read_text)
        for candidate in find_licence_files(candidates)
    ]
    licence_files = _prioritise_lgpl(licence_files)
    project_files: list[ProjectFile] = list(licence_files)
    if detect_readme:
        readme = _readme_file(candidates, read_text)
        if readme:
            project_files.append(readme)
    if detect_packages:
        package = _package_file(candidates, read_text)
        if package:
            project_files.append(package)

    distinct = _unique(project_files)
    counted = _unique(f for f in project_files if not f.is_copyright_notice)
    lesser = (len(distinct) == 2 and len(licence_files) == 2
              and licence_files[0].is_lesser_gpl and licence_files[1].match.key in GPL_KEYS)

    if len(counted) == 1 or (lesser and counted):
        decided = counted[0]
        return ProjectLicence(decided.match.spdx_id, decided.match.key, decided.match.name,
                              decided, tuple(project_files))
    if len(counted) > 1:
        return ProjectLicence(NOASSERTION, OTHER_KEY, "Other", None, tuple(project_files))
    return ProjectLicence(None, None, None, None, tuple(project_files))


def detect_directory_licence(root: str | Path, **options: bool) -> ProjectLicence:
    """Convenience wrapper: detect the licence of a checked-out repository on disk."""
    base = Path(root)
    paths: list[str] = []
    for folder in (base, base / LICENSES_DIR):
        if folder.is_dir():
            paths.extend(p.relative_to(base).as_posix() for p in sorted(folder.iterdir())
                         if p.is_file())

    def read_text(path: str) -> str | None:
        try:
            with open(base / path, "rb") as handle:
                return decode_text(handle.read(1_000_000))
        except OSError:
            return None

    return detect_project_licence(paths, read_text, **options)
