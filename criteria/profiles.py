"""Loads the profiles (the standards' requirements as data) from the YAML files in this folder.

Every ``*.yml`` file here is a profile, named by its ``id``. Everything that differs between
profiles is in the files: the requirements, the levels, how a level is read from the verdicts and
how long it must hold (``maturity``), which profile a derived one takes its verdicts from
(``base``), which profile is the default and the short name badges use. No code branches on a
profile's id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent
LEVELS = ("MUST", "MUST NOT", "SHOULD", "SHOULD NOT", "OPTIONAL")
#: How a level is read from an evaluation; ``evaluation.levels`` and ``store.history.maturity``
#: implement each of them.
#:   criteria         how many criteria are met, and whether every MUST is (the Standard)
#:   ladder           the highest of ``levels`` whose MUSTs, and those below, are all met
#:   declared_status  the status the repository declares, and whether the evidence supports it
MATURITY_RULES = ("criteria", "ladder", "declared_status")

# The top-level scalars read without parsing a whole file: the list of profiles is needed at
# start-up (command-line choices), the requirements only when a profile is used.
_TOP_LEVEL = re.compile(r"^(id|default):[ \t]*(\S+)[ \t]*(?:#.*)?$", re.M)


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
class MaturityRule:
    """How a profile's level is read (``rule``) and how long it must hold to count in history.

    A level is attained when it holds for ``attain_days`` days or ``attain_runs`` consecutive
    runs, and lost when a MUST of it fails for ``lose_days`` days; answers of people count for
    ``answer_valid_days``.
    """

    rule: str = "criteria"
    attain_days: int = 30
    attain_runs: int = 3
    lose_days: int = 14
    answer_valid_days: int = 365
    #: declared_status: where the declared status is among the evidence facts
    #: (``fact.key``) and the requirement that says whether the evidence supports it.
    status_fact: str | None = None
    consistency_requirement: str | None = None


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    version: str
    url: str | None
    criteria: tuple[Criterion, ...]
    levels: tuple[str, ...] = ()
    #: How each level is called on pages and badges (English; translated by the catalogues).
    level_names: dict[str, str] = field(default_factory=dict, compare=False)
    #: Shorter name for badges.
    short_name: str = ""
    #: The profile used when neither the command nor the configuration names one.
    default: bool = False
    #: The profile whose verdicts this one's ``derived_from`` requirements refer to.
    base: str | None = None
    maturity: MaturityRule = field(default_factory=MaturityRule)
    translations: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)

    @property
    def requirements(self) -> tuple[Requirement, ...]:
        return tuple(r for c in self.criteria for r in c.requirements)

    def requirement(self, requirement_id: str) -> Requirement:
        for requirement in self.requirements:
            if requirement.id == requirement_id:
                return requirement
        raise KeyError(requirement_id)


@cache
def _index() -> tuple[tuple[str, str, bool], ...]:
    """(id, file name, default) of every profile here: the default first, then by id."""
    found: dict[str, tuple[str, bool]] = {}
    for path in sorted(DATA_DIR.glob("*.yml")):
        top = dict(_TOP_LEVEL.findall(path.read_text(encoding="utf-8")))
        profile_id = top.get("id", "").strip("\"'")
        if not profile_id:
            raise ProfileError(f"{path.name}: no top-level id")
        if profile_id in found:
            raise ProfileError(f"{path.name}: a second profile with the id {profile_id!r}")
        found[profile_id] = (path.name, top.get("default") == "true")
    return tuple(sorted(((i, name, default) for i, (name, default) in found.items()),
                        key=lambda entry: (not entry[2], entry[0])))


def profile_files() -> dict[str, str]:
    """Every profile in this folder: id -> file name."""
    return {profile_id: name for profile_id, name, _default in _index()}


def available_profiles() -> list[str]:
    return [profile_id for profile_id, _name, _default in _index()]


def default_profile() -> str:
    """The id of the one profile marked ``default: true``."""
    defaults = [profile_id for profile_id, _name, default in _index() if default]
    if len(defaults) != 1:
        raise ProfileError(f"exactly one profile must say 'default: true', not {defaults}")
    return defaults[0]


@cache
def load_profile(profile_id: str) -> Profile:
    files = profile_files()
    if profile_id not in files:
        raise ProfileError(
            f"unknown profile {profile_id!r}; choose one of {', '.join(files)}"
        )
    return load_profile_file(DATA_DIR / files[profile_id])


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
                    profile_level=rraw.get("profile_level"),
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
    maturity = MaturityRule(**(raw.get("maturity") or {}))
    if maturity.rule not in MATURITY_RULES:
        raise ValueError(f"unknown maturity rule {maturity.rule!r}")
    if maturity.rule == "ladder" and not raw.get("levels"):
        raise ValueError("the ladder rule needs levels")
    return Profile(
        id=str(raw["id"]),
        name=str(raw["name"]),
        version=str(raw["version"]),
        url=raw.get("url"),
        criteria=tuple(criteria),
        levels=tuple(raw.get("levels") or ()),
        level_names={str(k): str(v) for k, v in (raw.get("level_names") or {}).items()},
        short_name=str(raw.get("short_name") or raw["name"]),
        default=bool(raw.get("default", False)),
        base=raw.get("base"),
        maturity=maturity,
        translations=_translations(raw, "short_name"),
    )
