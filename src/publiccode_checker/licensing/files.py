"""Find licence file candidates in a list of repository paths, ranked by file name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Extensions that say "this is the licence text" most clearly (matched case-sensitively, as
# GitHub does: ``LICENSE.TXT`` ranks with the other extensions).
_PREFERRED_EXT = r"\.(?:md|markdown|txt|html)\Z"
_LICENSE_EXT = r"(?i:\.(?!spdx|header)(?:[^./]|\.\d)+\Z)"
_OTHER_EXT = r"(?i:\.(?!xml|sh|go|gemspec)(?:[^./]|\.\d)+\Z)"
_ANY_EXT = r"(?i:\.(?:[^./]|\.\d)+\Z)"
_LICENSE = r"(?i:(?:un)?licen[sc]e)"
_COPYING = r"(?i:copying)"
_COPYRIGHT = r"(?i:copyright)"
_OFL = r"(?i:ofl)"
_PATENTS = r"(?i:patents)"

_NAME_SCORES: tuple[tuple[re.Pattern[str], float], ...] = tuple(
    (re.compile(pattern), score)
    for pattern, score in (
        (rf"\A{_LICENSE}\Z", 1.00),
        (rf"\A{_LICENSE}{_PREFERRED_EXT}\Z", 0.95),
        (rf"\A{_COPYING}\Z", 0.90),
        (rf"\A{_COPYING}{_PREFERRED_EXT}\Z", 0.85),
        (rf"\A{_LICENSE}{_LICENSE_EXT}\Z", 0.80),
        (rf"\A{_COPYING}{_ANY_EXT}\Z", 0.75),
        (rf"\A{_LICENSE}[-_][^.]*(?:{_OTHER_EXT})?\Z", 0.70),
        (rf"\A{_COPYING}[-_][^.]*(?:{_OTHER_EXT})?\Z", 0.65),
        (rf"\A\w+[-_]{_LICENSE}[^.]*(?:{_OTHER_EXT})?\Z", 0.60),
        (rf"\A\w+[-_]{_COPYING}[^.]*(?:{_OTHER_EXT})?\Z", 0.55),
        (rf"\A{_OFL}{_PREFERRED_EXT}", 0.50),
        (rf"\A{_OFL}{_OTHER_EXT}", 0.45),
        (rf"\A{_OFL}\Z", 0.40),
        (rf"\A{_COPYRIGHT}\Z", 0.35),
        (rf"\A{_COPYRIGHT}{_PREFERRED_EXT}\Z", 0.30),
        (rf"\A{_COPYRIGHT}{_OTHER_EXT}\Z", 0.25),
        (rf"\A{_COPYRIGHT}[-_][^.]*(?:{_OTHER_EXT})?\Z", 0.20),
        (rf"\A{_PATENTS}\Z", 0.15),
        (rf"\A{_PATENTS}{_OTHER_EXT}\Z", 0.10),
    )
)

# REUSE-style ``LICENSES/<SPDX-ID>.txt`` (or ``LicenseRef-*``).
_LICENSES_DIR_NAME = re.compile(
    r"\A(?:(?i:LicenseRef-)[A-Za-z0-9](?:[-A-Za-z0-9.]*[A-Za-z0-9])?"
    r"|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)" + _PREFERRED_EXT
)
_COPYRIGHT_FILE = re.compile(rf"\Acopyright(?:{_OTHER_EXT})?\Z", re.IGNORECASE)
LICENSES_DIR = "LICENSES"

# Folders GitHub also looks in besides the root; ranked just below root files.
SECONDARY_DIRS = ("docs", ".github")

ROOT = "root"
LICENSES = "licenses-dir"
SECONDARY = "secondary"


@dataclass(frozen=True)
class LicenceFileCandidate:
    """A file that may hold a licence: its path, name score (0-1] and where it sits."""

    path: str
    score: float
    location: str

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def directory(self) -> str:
        return self.path.rsplit("/", 1)[0] if "/" in self.path else "."


def name_score(filename: str, directory: str = ".") -> float:
    """Score a file name the way GitHub ranks licence file names (0 means not a licence)."""
    if directory == LICENSES_DIR:
        return 1.0 if _LICENSES_DIR_NAME.match(filename) else 0.0
    for pattern, score in _NAME_SCORES:
        if pattern.search(filename):
            return score
    return 0.0


def is_copyright_file_name(filename: str) -> bool:
    return _COPYRIGHT_FILE.match(filename) is not None


def is_lesser_gpl_file_name(filename: str) -> bool:
    return filename.lower() == "copying.lesser"


def find_licence_files(paths: Iterable[str], *, include_secondary: bool = False
                       ) -> list[LicenceFileCandidate]:
    """Licence file candidates among ``paths``, best first.

    Root files and ``LICENSES/`` files are what GitHub's detector reads. ``docs/`` and
    ``.github/`` are searched only with ``include_secondary`` (and ranked after the root).
    """
    found: list[LicenceFileCandidate] = []
    for raw in paths:
        path = raw.strip("/")
        if path.startswith("./"):
            path = path[2:]
        directory, _, name = path.rpartition("/")
        if not name:
            continue
        if not directory:
            score, location = name_score(name), ROOT
        elif directory == LICENSES_DIR:
            score, location = name_score(name, LICENSES_DIR), LICENSES
        elif include_secondary and directory in SECONDARY_DIRS:
            score, location = name_score(name) * 0.5, SECONDARY
        else:
            continue
        if score > 0:
            found.append(LicenceFileCandidate(path, score, location))
    # Stable sort keeps the caller's order among equal scores.
    found.sort(key=lambda c: (-c.score, c.location != ROOT))
    return found
