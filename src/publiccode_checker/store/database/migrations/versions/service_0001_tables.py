"""Service tables: deliveries, installations, jobs, workers, repository locks, tracking
issues.

Revision ID: service_0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "service_0001"
down_revision = None
branch_labels = ("service",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_deliveries",
        sa.Column("guid", sa.String(64), primary_key=True),
        sa.Column("event", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64)),
        sa.Column("installation_id", sa.BigInteger()),
        sa.Column("repository", sa.String(255)),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("routed_at", sa.DateTime()),
        sa.Column("note", sa.Text()),
    )
    op.create_index("ix_service_deliveries_received_at", "service_deliveries", ["received_at"])
    op.create_table(
        "service_installations",
        sa.Column("id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("account", sa.String(255)),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "service_jobs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(600), nullable=False),
        sa.Column("installation_id", sa.BigInteger(), nullable=False),
        sa.Column("repository", sa.String(255), nullable=False),
        sa.Column("sha", sa.String(64)),
        sa.Column("trigger", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("update_issue", sa.Boolean(), nullable=False),
        sa.Column("pull_number", sa.Integer()),
        sa.Column("base_sha", sa.String(64)),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.String(255)),
        sa.Column("check_run_id", sa.BigInteger()),
        sa.Column("check_run_status", sa.String(16)),
        sa.Column("conclusion", sa.String(16)),
        sa.Column("delivery_guid", sa.String(64)),
        sa.Column("error", sa.Text()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime()),
        sa.Column("finished_at", sa.DateTime()),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_service_jobs_key_state", "service_jobs", ["key", "state"])
    op.create_index("ix_service_jobs_state", "service_jobs", ["state"])
    op.create_index("ix_service_jobs_repository", "service_jobs", ["repository"])
    op.create_table(
        "service_workers",
        sa.Column("id", sa.String(255), primary_key=True),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "service_repository_locks",
        sa.Column("repository_key", sa.String(300), primary_key=True),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.String(255), nullable=False),
        sa.Column("acquired_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "service_tracking_issues",
        sa.Column("repository", sa.String(255), primary_key=True),
        sa.Column("issue_repository", sa.String(255)),
        sa.Column("number", sa.Integer()),
        sa.Column("opted_out", sa.Boolean(), nullable=False),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    for table in ("service_tracking_issues", "service_repository_locks",
                  "service_workers", "service_jobs", "service_installations",
                  "service_deliveries"):
        op.drop_table(table)
