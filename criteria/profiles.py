"""Loads the profiles (the standards' requirements as data) from the YAML files in this folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent
PROFILE_FILES = {
    "sfpc": "sfpc-0.8.1.yml",
    "os2": "os2.yml",
    "publiccode": "publiccode-yml.yml",
}
LEVELS = ("MUST", "MUST NOT", "SHOULD", "SHOULD NOT", "OPTIONAL")


class ProfileError(Exception):
    """A profile file is missing or malformed (a packaging error, not user input)."""


@dataclass(frozen=True)
class Requirement:
    id: str
    level: str
    summary: str
    criterion: str
    link: str | None = None
    text_sha1: str | None = None
    automation: str = "manual"
    question: str | None = None
    checks: tuple[str, ...] = ()
    derived_from: tuple[str, ...] = ()
    #: For profiles with levels (OS2): the level this requirement belongs to.
    profile_level: str | None = None
    translations: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)

    @property
    def is_must(self) -> bool:
        return self.level in ("MUST", "MUST NOT")

    @property
    def is_should(self) -> bool:
        return self.level in ("SHOULD", "SHOULD NOT")

    @property
    def is_optional(self) -> bool:
        return self.level == "OPTIONAL"


@dataclass(frozen=True)
class Criterion:
    code: str
    title: str
    slug: str | None
    link: str | None
    requirements: tuple[Requirement, ...]
    translations: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    version: str
    url: str | None
    criteria: tuple[Criterion, ...]
    levels: tuple[str, ...] = ()

    @property
    def requirements(self) -> tuple[Requirement, ...]:
        return tuple(r for c in self.criteria for r in c.requirements)

    def requirement(self, requirement_id: str) -> Requirement:
        for requirement in self.requirements:
            if requirement.id == requirement_id:
                return requirement
        raise KeyError(requirement_id)


def available_profiles() -> list[str]:
    return list(PROFILE_FILES)


@cache
def load_profile(profile_id: str) -> Profile:
    if profile_id not in PROFILE_FILES:
        raise ProfileError(
            f"unknown profile {profile_id!r}; choose one of {', '.join(PROFILE_FILES)}"
        )
    return load_profile_file(DATA_DIR / PROFILE_FILES[profile_id])


def load_profile_file(path: Path) -> Profile:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ProfileError(f"{path.name}: cannot be loaded: {exc}") from exc
    try:
        return _parse(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise ProfileError(f"{path.name}: malformed: {exc!r}") from exc


def _translations(raw: dict, *names: str) -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}
    for key, value in raw.items():
        for name in names:
            prefix = f"{name}_"
            if key.startswith(prefix) and isinstance(value, str):
                result.setdefault(key[len(prefix):], {})[name] = value
    return result


def _parse(raw: dict) -> Profile:
    criteria = []
    for craw in raw["criteria"]:
        requirements = []
        for rraw in craw["requirements"]:
            level = rraw["level"]
            if level not in LEVELS:
                raise ValueError(f"{rraw['id']}: unknown level {level!r}")
            requirements.append(
                Requirement(
                    id=str(rraw["id"]),
                    level=level,
                    summary=str(rraw["summary"]).strip(),
                    criterion=str(craw["code"]),
                    link=rraw.get("link") or craw.get("link"),
                    text_sha1=rraw.get("text_sha1"),
                    automation=rraw.get("automation", "manual"),
                    question=rraw.get("question"),
                    checks=tuple(rraw.get("checks") or ()),
                    derived_from=tuple(rraw.get("derived_from") or ()),
                    profile_level=rraw.get("os2_level") or rraw.get("profile_level"),
                    translations=_translations(rraw, "summary", "question"),
                )
            )
        criteria.append(
            Criterion(
                code=str(craw["code"]),
                title=str(craw["title"]),
                slug=craw.get("slug"),
                link=craw.get("link"),
                requirements=tuple(requirements),
                translations=_translations(craw, "title"),
            )
        )
    return Profile(
        id=str(raw["id"]),
        name=str(raw["name"]),
        version=str(raw["version"]),
        url=raw.get("url"),
        criteria=tuple(criteria),
        levels=tuple(raw.get("levels") or ()),
    )
