"""The first store: articles and events (as written by marsad 0.1 with create_all).

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JsonType = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("source", sa.String()),
        sa.Column("url", sa.Text()),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("event_id", sa.String(), primary_key=True),
        sa.Column(
            "article_id",
            sa.String(),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("event_date", sa.Date()),
        sa.Column("time_precision", sa.Integer(), nullable=False),
        sa.Column("disorder_type", sa.String(), nullable=False),
        sa.Column("event_type", sa.String(), nullable=False),
        sa.Column("sub_event_type", sa.String(), nullable=False),
        *[
            sa.Column(name, sa.Text())
            for name in (
                "actor1",
                "actor2",
                "actor1_ar",
                "actor2_ar",
                "assoc_actor_1",
                "assoc_actor_2",
            )
        ],
        sa.Column("inter1", sa.Integer()),
        sa.Column("inter2", sa.Integer()),
        sa.Column("interaction", sa.Integer()),
        sa.Column("civilian_targeting", sa.Boolean(), nullable=False),
        sa.Column("location", sa.Text()),
        sa.Column("location_ar", sa.Text()),
        sa.Column("country", sa.String()),
        sa.Column("iso3", sa.String(3)),
        sa.Column("admin1", sa.Text()),
        sa.Column("latitude", sa.Float()),
        sa.Column("longitude", sa.Float()),
        sa.Column("geo_precision", sa.Integer()),
        sa.Column("fatalities", sa.Integer(), nullable=False),
        sa.Column("injured", sa.Integer(), nullable=False),
        sa.Column("fatalities_by_actor", JsonType, nullable=False),
        sa.Column("source", sa.String()),
        sa.Column("source_url", sa.Text()),
        sa.Column("sources", JsonType, nullable=False),
        sa.Column("source_count", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("evidence", JsonType, nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
    )
    for column in ("event_date", "iso3", "event_type", "article_id"):
        op.create_index(f"ix_events_{column}", "events", [column])


def downgrade() -> None:
    op.drop_table("events")
    op.drop_table("articles")
