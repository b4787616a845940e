"""The live watcher's state: per-source validators and failures, alerts already sent.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "watch_sources",
        sa.Column("url", sa.Text(), primary_key=True),
        sa.Column("name", sa.Text()),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("last_status", sa.Integer()),
        sa.Column("last_error", sa.Text()),
        sa.Column("failures", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("items_seen", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("polled_at", TZ),
        sa.Column("ok_at", TZ),
    )
    op.create_table(
        "watch_alerts",
        sa.Column("rule", sa.Text(), primary_key=True),
        sa.Column("cluster_id", sa.String(), primary_key=True),
        sa.Column("fatalities", sa.Integer()),
        sa.Column("source_count", sa.Integer()),
        sa.Column("sent_at", TZ),
    )


def downgrade() -> None:
    op.drop_table("watch_alerts")
    op.drop_table("watch_sources")
