"""Tables of the evaluation history.

The history is stored compactly: an evaluation row is small and points at deduplicated rows for
what repeats (its outcome, the evidence of each requirement). Requirement verdicts are stored as
runs: one row per (stream, requirement lineage) and stretch of time in which nothing changed, so a
year of identical daily evaluations adds one evaluation row a day and nothing else.

A *stream* is one repository checked against one profile (``sfpc``, ``os2``, ``publiccode``). A
*series* is one version of a profile; a *lineage* ties together the requirements of successive
series whose official text is unchanged, so their runs continue across a new version.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from publiccode_checker.store.database import Base

#: SQLite only turns INTEGER PRIMARY KEY into a rowid alias; BIGINT elsewhere leaves room to grow.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC and returns aware UTC: SQLite has no time zones, PostgreSQL would convert
    to the session's zone; storing naive UTC makes both behave the same."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class HistoryRepository(Base):
    __tablename__ = "history_repositories"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200), unique=True)
    organisation: Mapped[str] = mapped_column(String(100), index=True)
    github_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    installation_id: Mapped[int | None] = mapped_column(BigInteger)
    #: "public", "private", "internal" or None (unknown: treated as private in public views).
    visibility: Mapped[str | None] = mapped_column(String(16))
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)


class HistorySeries(Base):
    __tablename__ = "history_series"
    __table_args__ = (UniqueConstraint("profile_id", "version"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    profile_id: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    #: The profile's own ladder (OS2: sandbox, N1, N2, N3), in order.
    levels: Mapped[list[str]] = mapped_column(JSON, default=list)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)


class HistoryLineage(Base):
    __tablename__ = "history_lineages"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    profile_id: Mapped[str] = mapped_column(String(40))


class HistoryRequirement(Base):
    __tablename__ = "history_requirements"
    __table_args__ = (UniqueConstraint("series_id", "code"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("history_series.id"))
    lineage_id: Mapped[int] = mapped_column(ForeignKey("history_lineages.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)
    criterion: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(12))
    #: For laddered profiles (OS2): the level the requirement belongs to.
    profile_level: Mapped[str | None] = mapped_column(String(20))
    automation: Mapped[str] = mapped_column(String(12))
    #: ``text_sha1`` of the official sentence, or a hash of level and summary when there is none.
    text_key: Mapped[str] = mapped_column(String(40), index=True)
    summary: Mapped[str] = mapped_column(Text)
    question: Mapped[str | None] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(Text)


class HistoryStream(Base):
    """One repository against one profile, with pointers that keep the overview a single join.

    ``pull_request`` 0 is the repository's own line (pushes, schedules, backfills, CLI runs);
    each pull request has a stream of its own, so proposals never change the repository's state.
    """

    __tablename__ = "history_streams"
    __table_args__ = (
        UniqueConstraint("repository_id", "profile_id", "pull_request"),
        Index("ix_history_streams_profile", "profile_id", "pull_request"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    repository_id: Mapped[int] = mapped_column(ForeignKey("history_repositories.id"))
    profile_id: Mapped[str] = mapped_column(String(40))
    pull_request: Mapped[int] = mapped_column(Integer, default=0)
    series_id: Mapped[int] = mapped_column(ForeignKey("history_series.id"))
    #: The evaluation with the latest time (not the latest recorded one: backfill goes back).
    latest_evaluation_id: Mapped[int | None] = mapped_column(BigInteger)
    #: The level held under the time rules of ``history.maturity`` (not just the latest run's).
    sustained_label: Mapped[str | None] = mapped_column(String(200))
    sustained_value: Mapped[str | None] = mapped_column(String(40))
    sustained_details: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class HistoryOutcome(Base):
    """What an evaluation concluded as a whole; identical outcomes share one row."""

    __tablename__ = "history_outcomes"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    hash: Mapped[str] = mapped_column(String(40), unique=True)
    conclusion: Mapped[str] = mapped_column(String(12))
    level_label: Mapped[str] = mapped_column(String(200))
    level_value: Mapped[str | None] = mapped_column(String(40))
    level_details: Mapped[dict[str, Any]] = mapped_column(JSON)
    criteria_met: Mapped[int] = mapped_column(Integer)
    criteria_total: Mapped[int] = mapped_column(Integer)
    must_failing: Mapped[int] = mapped_column(Integer)
    must_open: Mapped[int] = mapped_column(Integer)
    should_warnings: Mapped[int] = mapped_column(Integer)
    verdict_counts: Mapped[dict[str, int]] = mapped_column(JSON)
    #: Criterion code -> "met" | "not_met" | "open".
    criteria: Mapped[dict[str, str]] = mapped_column(JSON)
    summary_text: Mapped[str] = mapped_column(Text)
    report_only: Mapped[bool] = mapped_column(default=False)


class HistoryEvaluation(Base):
    __tablename__ = "history_evaluations"
    __table_args__ = (
        Index("ix_history_evaluations_stream_time", "stream_id", "evaluated_at"),
        Index("ix_history_evaluations_stream_commit", "stream_id", "commit"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    stream_id: Mapped[int] = mapped_column(ForeignKey("history_streams.id"))
    series_id: Mapped[int] = mapped_column(ForeignKey("history_series.id"))
    outcome_id: Mapped[int] = mapped_column(ForeignKey("history_outcomes.id"))
    evaluated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    trigger: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str | None] = mapped_column(String(255))
    commit: Mapped[str | None] = mapped_column(String(64))
    pull_request: Mapped[int | None] = mapped_column(Integer)


class HistoryEvidence(Base):
    """Message and evidence of one requirement result; identical ones share a row (by hash)."""

    __tablename__ = "history_evidence"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    hash: Mapped[str] = mapped_column(String(40), unique=True)
    message: Mapped[str] = mapped_column(Text)
    observed: Mapped[str | None] = mapped_column(String(20))
    #: [{"message", "path", "line", "end_line", "url"}, ...]
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    derived_from: Mapped[list[str]] = mapped_column(JSON)


class HistoryRequirementRun(Base):
    """A requirement's state in a stream from ``valid_from`` until ``valid_to`` (open: current).

    ``evaluation_id`` is the evaluation whose result started the run: the commit, pull request and
    trigger that changed the state.
    """

    __tablename__ = "history_requirement_runs"
    __table_args__ = (
        Index("ix_history_runs_stream_time", "stream_id", "valid_from"),
        Index("ix_history_runs_stream_lineage", "stream_id", "lineage_id", "valid_from"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    stream_id: Mapped[int] = mapped_column(ForeignKey("history_streams.id"))
    lineage_id: Mapped[int] = mapped_column(ForeignKey("history_lineages.id"))
    verdict: Mapped[str] = mapped_column(String(16))
    evidence_id: Mapped[int] = mapped_column(ForeignKey("history_evidence.id"))
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime)
    valid_to: Mapped[datetime | None] = mapped_column(UTCDateTime)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("history_evaluations.id"))


class HistoryDeclaration(Base):
    """A waiver, explanation, switch-off or human answer, valid from ``valid_from`` until it was
    changed or withdrawn (``valid_to``). ``source`` says where it was declared: ``config`` (the
    publiccode-checker.yml files) or e.g. ``issue`` (an answer in the tracking issue)."""

    __tablename__ = "history_declarations"
    __table_args__ = (
        Index("ix_history_declarations_repo_req", "repository_id", "requirement", "valid_from"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    repository_id: Mapped[int] = mapped_column(ForeignKey("history_repositories.id"))
    requirement: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(16))
    hash: Mapped[str] = mapped_column(String(40))
    status: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    approver: Mapped[str | None] = mapped_column(String(200))
    expires: Mapped[date | None] = mapped_column(Date)
    answer: Mapped[str | None] = mapped_column(String(20))
    answered_by: Mapped[str | None] = mapped_column(String(200))
    answered_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(String(255))
    line: Mapped[int | None] = mapped_column(Integer)
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime)
    valid_to: Mapped[datetime | None] = mapped_column(UTCDateTime)
    evaluation_id: Mapped[int | None] = mapped_column(BigInteger)


class HistoryLevelEvent(Base):
    """A level (or criterion) attained or lost under the time rules of ``history.maturity``."""

    __tablename__ = "history_level_events"
    __table_args__ = (Index("ix_history_level_events_stream_at", "stream_id", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    stream_id: Mapped[int] = mapped_column(ForeignKey("history_streams.id"))
    #: What is tracked: "criterion:OL", "all_must", "level:N1", "declared", "evidence".
    track: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(12))  # "attained" | "lost" | "changed"
    label: Mapped[str] = mapped_column(String(200))
    #: When the rule was satisfied; ``since`` is when the condition started to hold (or fail).
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    since: Mapped[datetime] = mapped_column(UTCDateTime)
    commit: Mapped[str | None] = mapped_column(String(64))
    evaluation_id: Mapped[int | None] = mapped_column(BigInteger)
