"""A small organisation whose history is built from real evaluations of in-memory trees."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from publiccode_checker.evaluation.model import Evaluation
from tests.dashboard.doubles import day, make_evaluation

MIT = (
    "MIT License\n\nCopyright (c) 2026 Acme Kommune\n\n"
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this "
    "software and associated documentation files (the \"Software\"), to deal in the Software "
    "without restriction, including without limitation the rights to use, copy, modify, merge, "
    "publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons "
    "to whom the Software is furnished to do so, subject to the following conditions:\n\n"
    "The above copyright notice and this permission notice shall be included in all copies or "
    "substantial portions of the Software.\n\n"
    "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, "
    "INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR "
    "PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE "
    "FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR "
    "OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER "
    "DEALINGS IN THE SOFTWARE.\n"
)
README = (
    "# Borgerservice\n\nBorgerservice helps municipalities book appointments.\n\n"
    "## Installation\n\nRun `make install`.\n\n## Contributing\n\nSee CONTRIBUTING.md.\n"
)
PUBLICCODE = """publiccodeYmlVersion: "0.4"
name: Borgerservice
url: "https://github.com/acme/borgerservice"
platforms: [web]
categories: [appointment-management]
developmentStatus: beta
softwareType: standalone/web
description:
  en:
    shortDescription: Book appointments with the municipality
    longDescription: >
      Borgerservice lets citizens book appointments with their municipality online, and lets
      staff manage the calendar. It is used by several Danish municipalities and is developed in
      the open so that others can reuse it.
    features: [Online booking]
legal:
  license: MIT
maintenance:
  type: community
  contacts:
    - name: Acme Kommune
localisation:
  localisationReady: true
  availableLanguages: [da, en]
"""

Record = Callable[..., None]
PROFILES = ("sfpc", "os2", "publiccode")

#: (repository, visibility, [(day, files, trigger, pull request)])
REPOSITORIES: list[tuple[str, str, list[tuple[int, dict[str, str], str, int | None]]]] = [
    ("acme/borgerservice", "public", [
        (0, {"README.md": "# Borgerservice\n"}, "push", None),
        (7, {"README.md": README, "LICENSE": MIT}, "push", 12),
        (14, {"README.md": README, "LICENSE": MIT, "publiccode.yml": PUBLICCODE,
              "CONTRIBUTING.md": "# Contributing\n\nOpen an issue first.\n"}, "push", None),
    ]),
    ("acme/kalender", "public", [
        (3, {"README.md": "# Kalender\n\nShared calendar.\n", "LICENSE": MIT}, "schedule", None),
    ]),
    ("acme/hemmelig", "private", [
        (5, {"README.md": "# Hemmelig\n\nInternal tool.\n"}, "push", None),
    ]),
]


def commit_for(repository: str, index: int) -> str:
    seed = f"{repository}{index}".encode()
    import hashlib

    return hashlib.sha1(seed).hexdigest()


def build_history(record: Callable[..., object]) -> None:
    """Evaluate every repository at every point of its history, for every profile, and record
    each run through ``record(evaluation, repository=..., visibility=..., time=..., trigger=...,
    pull_request=...)``."""
    for repository, visibility, runs in REPOSITORIES:
        for index, (offset, files, trigger, pull_request) in enumerate(runs):
            when: datetime = day(offset)
            for profile_id in PROFILES:
                evaluation: Evaluation = make_evaluation(
                    files, profile_id, commit=commit_for(repository, index),
                    repository=repository, visibility=visibility, when=when,
                )
                record(evaluation, repository=repository, visibility=visibility, time=when,
                       trigger=trigger, pull_request=pull_request)
