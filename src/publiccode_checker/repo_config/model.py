"""Comply-or-explain configuration: what a repository or its organisation declares."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ConfigProblem:
    path: str
    line: int | None
    message: str


@dataclass(frozen=True)
class RequirementOverride:
    """A declaration about one requirement: a waiver, an explanation, a switch-off or an answer."""

    requirement: str
    #: "not_applicable" | "explained" | "off" | None
    status: str | None = None
    reason: str | None = None
    approver: str | None = None
    expires: date | None = None
    #: Answer to a question for people: "yes" | "no" | "not_applicable" | None
    answer: str | None = None
    answered_by: str | None = None
    answered_on: date | None = None
    note: str | None = None
    #: Issue mode for the tracking issue: "issue" (default) or "report" (report only).
    mode: str | None = None
    path: str | None = None
    line: int | None = None

    def expired(self, today: date) -> bool:
        return self.expires is not None and self.expires < today


@dataclass
class RepoConfig:
    path: str | None = None
    profile: str | None = None
    fail_on: str | None = None
    report_only: bool | None = None
    lock_overrides: bool = False
    overrides: dict[str, RequirementOverride] = field(default_factory=dict)
    problems: list[ConfigProblem] = field(default_factory=list)
    #: Anything else a later stage reads (tracking issue settings, organisation mapping...).
    extra: dict[str, object] = field(default_factory=dict)

    def merged_over(self, base: RepoConfig) -> RepoConfig:
        """This (repository) configuration layered over ``base`` (the organisation's).

        When the organisation locks overrides, the repository may add answers and waivers for
        requirements the organisation did not decide, but it cannot change the organisation's own.
        """
        if base.lock_overrides:
            overrides = {**self.overrides, **base.overrides}
            profile = base.profile or self.profile
            fail_on = base.fail_on or self.fail_on
            report_only = base.report_only if base.report_only is not None else self.report_only
        else:
            overrides = {**base.overrides, **self.overrides}
            profile = self.profile or base.profile
            fail_on = self.fail_on or base.fail_on
            report_only = self.report_only if self.report_only is not None else base.report_only
        return RepoConfig(
            path=self.path or base.path,
            profile=profile,
            fail_on=fail_on,
            report_only=report_only,
            lock_overrides=base.lock_overrides,
            overrides=overrides,
            problems=[*base.problems, *self.problems],
            extra={**base.extra, **self.extra},
        )
