"""Text hashes and canonical URLs, aliases, trace, clusters, corrections, Arabic full-text search.

Revision ID: 0002
Revises: 0001
"""

import hashlib

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

JsonType = sa.JSON().with_variant(JSONB(), "postgresql")
TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("articles") as table:
        table.add_column(sa.Column("text_hash", sa.String(40)))
        table.add_column(sa.Column("canonical_url", sa.Text()))
        table.add_column(sa.Column("updated_at", TZ))
    op.create_index("ix_articles_text_hash", "articles", ["text_hash"])
    op.create_index("ix_articles_canonical_url", "articles", ["canonical_url"])
    with op.batch_alter_table("events") as table:
        table.add_column(sa.Column("trace", JsonType))
        table.add_column(sa.Column("link_cell", sa.String()))
        table.add_column(sa.Column("component_id", sa.String()))
        table.add_column(sa.Column("cluster_id", sa.String()))
        table.add_column(sa.Column("updated_at", TZ))
    op.create_index("ix_events_cell_date", "events", ["link_cell", "event_date"])
    op.create_index("ix_events_cluster_id", "events", ["cluster_id"])
    op.create_index("ix_events_component_id", "events", ["component_id"])
    op.create_table(
        "article_aliases",
        sa.Column("alias_id", sa.String(), primary_key=True),
        sa.Column(
            "article_id",
            sa.String(),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("source", sa.String()),
        sa.Column("url", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("ingested_at", TZ, nullable=False),
    )
    op.create_index("ix_article_aliases_article_id", "article_aliases", ["article_id"])
    _create_clusters()
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("target_id", sa.String(), nullable=False),
        sa.Column("target_kind", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("field", sa.String()),
        sa.Column("value", JsonType),
        sa.Column("anchors", JsonType, nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("author", sa.String()),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_corrections_target_id", "corrections", ["target_id"])
    _create_search()
    _backfill()


def _create_clusters() -> None:
    text_cols = (
        "actor1",
        "actor2",
        "actor1_ar",
        "actor2_ar",
        "assoc_actor_1",
        "assoc_actor_2",
        "location",
        "location_ar",
        "admin1",
        "notes",
    )
    op.create_table(
        "clusters",
        sa.Column("cluster_id", sa.String(), primary_key=True),
        sa.Column("component_id", sa.String(), nullable=False),
        sa.Column("event_date", sa.Date()),
        sa.Column("time_precision", sa.Integer(), nullable=False),
        sa.Column("disorder_type", sa.String(), nullable=False),
        sa.Column("event_type", sa.String(), nullable=False),
        sa.Column("sub_event_type", sa.String(), nullable=False),
        *[sa.Column(name, sa.Text()) for name in text_cols],
        sa.Column("inter1", sa.Integer()),
        sa.Column("inter2", sa.Integer()),
        sa.Column("interaction", sa.Integer()),
        sa.Column("civilian_targeting", sa.Boolean(), nullable=False),
        sa.Column("country", sa.String()),
        sa.Column("iso3", sa.String(3)),
        sa.Column("latitude", sa.Float()),
        sa.Column("longitude", sa.Float()),
        sa.Column("geo_precision", sa.Integer()),
        sa.Column("fatalities", sa.Integer(), nullable=False),
        sa.Column("fatalities_high", sa.Integer(), nullable=False),
        sa.Column("injured", sa.Integer(), nullable=False),
        *[
            sa.Column(name, JsonType, nullable=False)
            for name in ("event_ids", "sources", "outlets", "source_urls")
        ],
        sa.Column("source_count", sa.Integer(), nullable=False),
        sa.Column("first_report", sa.Date()),
        sa.Column("last_report", sa.Date()),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )
    for column in ("event_date", "iso3", "event_type"):
        op.create_index(f"ix_clusters_{column}", "clusters", [column])


def _create_search() -> None:
    """article_search: the normalised article text (see marsad.store.search)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TABLE article_search (article_id TEXT PRIMARY KEY "
            "REFERENCES articles(id) ON DELETE CASCADE, body TSVECTOR NOT NULL)"
        )
        op.execute("CREATE INDEX ix_article_search_body ON article_search USING GIN (body)")
    else:
        op.execute(
            "CREATE VIRTUAL TABLE article_search USING fts5("
            "article_id UNINDEXED, body, tokenize='unicode61 remove_diacritics 2')"
        )


def _backfill() -> None:
    """Text hashes and search rows for articles stored before this revision."""
    from marsad.store.search import index_rows

    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, text, url FROM articles")).all()
    for article_id, text, url in rows:
        bind.execute(
            sa.text("UPDATE articles SET text_hash = :h, canonical_url = :u WHERE id = :i"),
            {"h": hashlib.sha1(text.encode("utf-8")).hexdigest(), "u": url, "i": article_id},
        )
    index_rows(bind, [(article_id, text) for article_id, text, _url in rows])


def downgrade() -> None:
    op.execute("DROP TABLE article_search")
    op.drop_table("corrections")
    op.drop_table("clusters")
    op.drop_table("article_aliases")
    for name in ("ix_events_cell_date", "ix_events_cluster_id", "ix_events_component_id"):
        op.drop_index(name, "events")
    with op.batch_alter_table("events") as table:
        for name in ("trace", "link_cell", "component_id", "cluster_id", "updated_at"):
            table.drop_column(name)
    op.drop_index("ix_articles_text_hash", "articles")
    op.drop_index("ix_articles_canonical_url", "articles")
    with op.batch_alter_table("articles") as table:
        for name in ("text_hash", "canonical_url", "updated_at"):
            table.drop_column(name)
