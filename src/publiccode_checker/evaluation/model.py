"""The result of evaluating one snapshot against one profile."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from publiccode_checker.core.model import Check, Evidence, Finding
from publiccode_checker.criteria.profiles import Criterion, Profile, Requirement
from publiccode_checker.repo_config.model import ConfigProblem, RequirementOverride


class Verdict(enum.StrEnum):
    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    MANUAL = "manual"
    NOT_APPLICABLE = "not_applicable"
    EXPLAINED = "explained"
    UNKNOWN = "unknown"
    INFO = "info"
    #: Switched off by configuration: not evaluated, never counted.
    OFF = "off"


#: Verdicts that satisfy a MUST requirement for the criterion to be met.
SATISFIED = frozenset({Verdict.PASS, Verdict.NOT_APPLICABLE, Verdict.EXPLAINED, Verdict.OFF})
#: Verdicts that leave a MUST requirement open for a person or for missing data.
OPEN = frozenset({Verdict.WARN, Verdict.MANUAL, Verdict.UNKNOWN})


class CriterionStatus(enum.StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    #: Nothing fails, but a person (or data we lack) must settle something first.
    OPEN = "open"


class Conclusion(enum.StrEnum):
    SUCCESS = "success"
    NEUTRAL = "neutral"
    FAILURE = "failure"


@dataclass(frozen=True)
class RequirementResult:
    requirement: Requirement
    verdict: Verdict
    message: str
    evidence: tuple[Evidence, ...] = ()
    findings: tuple[Finding, ...] = ()
    checks: tuple[Check, ...] = ()
    #: What the machine observed before level mapping and declarations (e.g. for OPTIONAL items).
    observed: str | None = None
    override: RequirementOverride | None = None
    #: For derived profiles: the requirements of the base profile this one was decided from.
    derived_from: tuple[str, ...] = ()
    #: How much the deciding finding's evidence carries ("decisive", "strong", "weak").
    strength: str | None = None

    @property
    def id(self) -> str:
        return self.requirement.id


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    status: CriterionStatus
    requirements: tuple[RequirementResult, ...]


@dataclass(frozen=True)
class Problem:
    """Something to know that is not a verdict: bad configuration, an unreadable file..."""

    message: str
    path: str | None = None
    line: int | None = None
    kind: str = "notice"  # "config" | "read" | "check" | "notice"

    @classmethod
    def from_config(cls, problem: ConfigProblem) -> Problem:
        return cls(problem.message, problem.path, problem.line, "config")


@dataclass(frozen=True)
class Summary:
    criteria_met: int
    criteria_total: int
    must_failing: int
    must_open: int
    should_warnings: int
    counts: dict[str, int]

    def sentence(self) -> str:
        must = "MUST requirement fails" if self.must_failing == 1 else "MUST requirements fail"
        met = f"{self.criteria_met} of {self.criteria_total} criteria met"
        return f"{met}; {self.must_failing} {must}"


@dataclass(frozen=True)
class Level:
    """Where the codebase stands on the profile's own ladder."""

    label: str
    value: str | int | None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Evaluation:
    profile: Profile
    target: str
    commit: str | None
    evaluated_at: datetime
    requirements: tuple[RequirementResult, ...]
    criteria: tuple[CriterionResult, ...]
    summary: Summary
    conclusion: Conclusion
    level: Level
    facts: dict[str, Any]
    problems: tuple[Problem, ...] = ()
    config_path: str | None = None
    report_only: bool = False
    fail_on: str | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)

    def result(self, requirement_id: str) -> RequirementResult:
        for result in self.requirements:
            if result.id == requirement_id:
                return result
        raise KeyError(requirement_id)
