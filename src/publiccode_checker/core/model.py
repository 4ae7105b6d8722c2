"""The core model: the contract every check plugin follows, and the types all layers share.

A check is a pure function of its context (``publiccode_checker.context.CheckContext``: the
snapshot, the merged configuration and the evaluation time). It never talks to GitHub or the
network; what it needs from an API arrives in ``snapshot.facts`` (``UNKNOWN`` when not gathered).
It yields findings, one per requirement it decides, each with the evidence a person needs to act
on it.
"""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any


class Outcome(enum.StrEnum):
    """What a check concluded for one requirement, before the profile applies its level."""

    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    MANUAL = "manual"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"
    #: Supporting evidence only: shown, but never decides a verdict.
    INFO = "info"


class Strength(enum.StrEnum):
    """How much a finding's evidence can carry.

    The engine never lets weak evidence decide a MUST or MUST NOT: a weak pass or fail becomes a
    question for a person, with what was found shown as a candidate.
    """

    #: A parsed file, a licence match, a CI configuration, a forge fact.
    DECISIVE = "decisive"
    #: A dedicated document, or a heading in the project's own process documents.
    STRONG = "strong"
    #: A passing mention, a keyword anywhere, a guess from names.
    WEAK = "weak"


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence: a sentence, and where to look when there is a place."""

    message: str
    path: str | None = None
    line: int | None = None
    end_line: int | None = None
    url: str | None = None

    def location(self) -> str | None:
        if self.path is None:
            return None
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Finding:
    requirement: str
    outcome: Outcome
    message: str
    evidence: tuple[Evidence, ...] = ()
    check_id: str = ""
    #: None: the strength the check declares for its findings.
    strength: Strength | None = None


def _finding(outcome: Outcome) -> Callable[..., Finding]:
    def make(requirement: str, message: str, *evidence: Evidence,
             strength: Strength | None = None) -> Finding:
        return Finding(requirement, outcome, message, tuple(evidence), strength=strength)

    make.__name__ = outcome.value
    return make


passed = _finding(Outcome.PASS)
failed = _finding(Outcome.FAIL)
warned = _finding(Outcome.WARN)
needs_person = _finding(Outcome.MANUAL)
unknown = _finding(Outcome.UNKNOWN)
not_applicable = _finding(Outcome.NOT_APPLICABLE)
info = _finding(Outcome.INFO)

#: Called with a ``CheckContext``. Typed loosely here because the context is built from layers
#: above this one (snapshots, configuration), which the core model does not import.
CheckFunction = Callable[[Any], Iterable[Finding]]


class CheckDefinitionError(Exception):
    """A plugin broke the contract (a programming error, caught by the test suite)."""


@dataclass(frozen=True)
class Example:
    """A small repository and what the check concludes about it.

    Shown on the check's reference page and run by the test suite, so the page cannot drift from
    what the check does. ``outcomes`` maps requirement ids to outcome values (``"pass"``,
    ``"fail"``, ``"warn"``, ``"manual"``...); ``facts`` are forge facts by their
    ``RepositoryFacts`` field names, ``history`` a ``GitHistory`` when the check reads commits.
    An example with a history is evaluated as of its newest commit, so its time windows stay put.
    """

    title: str
    files: Mapping[str, str]
    outcomes: Mapping[str, str]
    facts: Mapping[str, Any] = field(default_factory=dict)
    history: Any = None
    #: The evaluation time, for examples whose forge facts are dated (else the newest commit's).
    evaluated_at: datetime | None = None


@dataclass(frozen=True)
class Check:
    id: str
    title: str
    requirements: tuple[str, ...]
    why: str
    how_to_fix: str
    function: CheckFunction = field(repr=False)
    #: Where the check goes wrong: what it cannot see, and what it can mistake for evidence.
    limitations: str = ""
    examples: tuple[Example, ...] = ()
    #: The strength of the check's findings unless a finding says otherwise. Undeclared (a
    #: plugin that predates the rule) counts as weak: it cannot decide a MUST on its own.
    strength: Strength | None = None

    @property
    def description(self) -> str:
        """How the check decides: the docstring of its function."""
        return inspect.getdoc(self.function) or ""

    def run(self, context: Any) -> list[Finding]:
        """The findings of this check for ``context`` (a ``CheckContext``)."""
        findings = []
        for finding in self.function(context):
            if finding.requirement not in self.requirements:
                raise CheckDefinitionError(
                    f"check {self.id} reported {finding.requirement}, which it does not declare"
                )
            strength = finding.strength or self.strength or Strength.WEAK
            findings.append(replace(finding, check_id=self.id, strength=strength))
        return findings


_REGISTRY: dict[str, Check] = {}


def check(
    *,
    id: str,
    title: str,
    requirements: Iterable[str],
    why: str,
    how_to_fix: str,
    limitations: str = "",
    examples: Iterable[Example] = (),
    strength: Strength | str | None = None,
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check. Used as a decorator on the function that inspects a check context.

    The function's docstring says how the check decides; ``limitations`` where it goes wrong;
    ``examples`` show a passing and a failing repository. The three feed the check's reference
    page (``docs/checks/``); the test suite requires them of every check shipped here and runs
    the examples. ``strength`` is how much its findings' evidence can carry (``Strength``); a
    finding may say otherwise (``passed(..., strength=Strength.WEAK)``).
    """

    def register(function: CheckFunction) -> CheckFunction:
        if id in _REGISTRY and _REGISTRY[id].function is not function:
            raise CheckDefinitionError(f"two checks are named {id}")
        reqs = tuple(requirements)
        if not reqs or not why.strip() or not how_to_fix.strip() or not title.strip():
            raise CheckDefinitionError(f"check {id} needs a title, requirements, why and fix")
        shown = tuple(examples)
        for example in shown:
            stray = set(example.outcomes) - set(reqs)
            if stray:
                raise CheckDefinitionError(f"an example of {id} names {sorted(stray)}, "
                                           "which the check does not decide")
        _REGISTRY[id] = Check(id, title, reqs, why.strip(), how_to_fix.strip(), function,
                              limitations.strip(), shown,
                              Strength(strength) if strength is not None else None)
        return function

    return register


def registered_checks() -> dict[str, Check]:
    """The checks registered so far (``publiccode_checker.checks.all_checks`` loads them all)."""
    return dict(_REGISTRY)
