"""History tables: repositories, series and requirements, streams, outcomes, evaluations,
evidence, requirement runs, declarations, level events.

Revision ID: history_0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "history_0001"
down_revision = None
branch_labels = ("history",)
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _id() -> sa.Column:
    return sa.Column("id", ID, primary_key=True)


def upgrade() -> None:
    op.create_table(
        "history_repositories",
        _id(),
        sa.Column("full_name", sa.String(200), nullable=False, unique=True),
        sa.Column("organisation", sa.String(100), nullable=False),
        sa.Column("github_id", sa.BigInteger()),
        sa.Column("installation_id", sa.BigInteger()),
        sa.Column("visibility", sa.String(16)),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_history_repositories_organisation", "history_repositories",
                    ["organisation"])
    op.create_index("ix_history_repositories_github_id", "history_repositories", ["github_id"])
    op.create_table(
        "history_series",
        _id(),
        sa.Column("profile_id", sa.String(40), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("levels", sa.JSON(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("profile_id", "version"),
    )
    op.create_table(
        "history_lineages",
        _id(),
        sa.Column("profile_id", sa.String(40), nullable=False),
    )
    op.create_table(
        "history_requirements",
        _id(),
        sa.Column("series_id", ID, sa.ForeignKey("history_series.id"), nullable=False),
        sa.Column("lineage_id", ID, sa.ForeignKey("history_lineages.id"), nullable=False),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("criterion", sa.String(20), nullable=False),
        sa.Column("level", sa.String(12), nullable=False),
        sa.Column("profile_level", sa.String(20)),
        sa.Column("automation", sa.String(12), nullable=False),
        sa.Column("text_key", sa.String(40), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("question", sa.Text()),
        sa.Column("link", sa.Text()),
        sa.UniqueConstraint("series_id", "code"),
    )
    op.create_index("ix_history_requirements_lineage_id", "history_requirements",
                    ["lineage_id"])
    op.create_index("ix_history_requirements_text_key", "history_requirements", ["text_key"])
    op.create_table(
        "history_streams",
        _id(),
        sa.Column("repository_id", ID, sa.ForeignKey("history_repositories.id"),
                  nullable=False),
        sa.Column("profile_id", sa.String(40), nullable=False),
        sa.Column("pull_request", sa.Integer(), nullable=False),
        sa.Column("series_id", ID, sa.ForeignKey("history_series.id"), nullable=False),
        sa.Column("latest_evaluation_id", sa.BigInteger()),
        sa.Column("sustained_label", sa.String(200)),
        sa.Column("sustained_value", sa.String(40)),
        sa.Column("sustained_details", sa.JSON()),
        sa.UniqueConstraint("repository_id", "profile_id", "pull_request"),
    )
    op.create_index("ix_history_streams_profile", "history_streams",
                    ["profile_id", "pull_request"])
    op.create_table(
        "history_outcomes",
        _id(),
        sa.Column("hash", sa.String(40), nullable=False, unique=True),
        sa.Column("conclusion", sa.String(12), nullable=False),
        sa.Column("level_label", sa.String(200), nullable=False),
        sa.Column("level_value", sa.String(40)),
        sa.Column("level_details", sa.JSON(), nullable=False),
        sa.Column("criteria_met", sa.Integer(), nullable=False),
        sa.Column("criteria_total", sa.Integer(), nullable=False),
        sa.Column("must_failing", sa.Integer(), nullable=False),
        sa.Column("must_open", sa.Integer(), nullable=False),
        sa.Column("should_warnings", sa.Integer(), nullable=False),
        sa.Column("verdict_counts", sa.JSON(), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("summary_text", sa.Text(), nullable=False),
        sa.Column("report_only", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "history_evaluations",
        _id(),
        sa.Column("stream_id", ID, sa.ForeignKey("history_streams.id"), nullable=False),
        sa.Column("series_id", ID, sa.ForeignKey("history_series.id"), nullable=False),
        sa.Column("outcome_id", ID, sa.ForeignKey("history_outcomes.id"), nullable=False),
        sa.Column("evaluated_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("trigger", sa.String(16), nullable=False),
        sa.Column("ref", sa.String(255)),
        sa.Column("commit", sa.String(64)),
        sa.Column("pull_request", sa.Integer()),
    )
    op.create_index("ix_history_evaluations_stream_time", "history_evaluations",
                    ["stream_id", "evaluated_at"])
    op.create_index("ix_history_evaluations_stream_commit", "history_evaluations",
                    ["stream_id", "commit"])
    op.create_table(
        "history_evidence",
        _id(),
        sa.Column("hash", sa.String(40), nullable=False, unique=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("observed", sa.String(20)),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("derived_from", sa.JSON(), nullable=False),
    )
    op.create_table(
        "history_requirement_runs",
        _id(),
        sa.Column("stream_id", ID, sa.ForeignKey("history_streams.id"), nullable=False),
        sa.Column("lineage_id", ID, sa.ForeignKey("history_lineages.id"), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("evidence_id", ID, sa.ForeignKey("history_evidence.id"), nullable=False),
        sa.Column("valid_from", sa.DateTime(), nullable=False),
        sa.Column("valid_to", sa.DateTime()),
        sa.Column("evaluation_id", ID, sa.ForeignKey("history_evaluations.id"),
                  nullable=False),
    )
    op.create_index("ix_history_runs_stream_time", "history_requirement_runs",
                    ["stream_id", "valid_from"])
    op.create_index("ix_history_runs_stream_lineage", "history_requirement_runs",
                    ["stream_id", "lineage_id", "valid_from"])
    op.create_table(
        "history_declarations",
        _id(),
        sa.Column("repository_id", ID, sa.ForeignKey("history_repositories.id"),
                  nullable=False),
        sa.Column("requirement", sa.String(20), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("hash", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20)),
        sa.Column("reason", sa.Text()),
        sa.Column("approver", sa.String(200)),
        sa.Column("expires", sa.Date()),
        sa.Column("answer", sa.String(20)),
        sa.Column("answered_by", sa.String(200)),
        sa.Column("answered_on", sa.Date()),
        sa.Column("note", sa.Text()),
        sa.Column("path", sa.String(255)),
        sa.Column("line", sa.Integer()),
        sa.Column("valid_from", sa.DateTime(), nullable=False),
        sa.Column("valid_to", sa.DateTime()),
        sa.Column("evaluation_id", sa.BigInteger()),
    )
    op.create_index("ix_history_declarations_repo_req", "history_declarations",
                    ["repository_id", "requirement", "valid_from"])
    op.create_table(
        "history_level_events",
        _id(),
        sa.Column("stream_id", ID, sa.ForeignKey("history_streams.id"), nullable=False),
        sa.Column("track", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.Column("commit", sa.String(64)),
        sa.Column("evaluation_id", sa.BigInteger()),
    )
    op.create_index("ix_history_level_events_stream_at", "history_level_events",
                    ["stream_id", "at"])


def downgrade() -> None:
    for table in ("history_level_events", "history_declarations", "history_requirement_runs",
                  "history_evidence", "history_evaluations", "history_outcomes",
                  "history_streams", "history_requirements", "history_lineages",
                  "history_series", "history_repositories"):
        op.drop_table(table)
