"""The store's tables (SQLAlchemy 2 typed declarative mapping); Alembic migrations create them.

articles         one row per distinct article text (id, canonical URL, text hash, ...)
article_aliases  other ids and outlets that carried the same text (republished wire copy)
events           one row per extracted report of an act (every FORMATS §2 key, trace included)
clusters         the dataset's events: reports of one act linked across articles
corrections      who changed what, when and why; re-applied after every re-link
The full-text index (``article_search``) is dialect-specific and lives in the migrations.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# JSONB on PostgreSQL (indexable, compact), plain JSON text elsewhere.
JsonType = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"
    __table_args__ = (
        Index("ix_articles_text_hash", "text_hash"),
        Index("ix_articles_canonical_url", "canonical_url"),
    )

    id: Mapped[str] = mapped_column(String, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String)
    url: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    text_hash: Mapped[str | None] = mapped_column(String(40))
    canonical_url: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class AliasRow(Base):
    """Another article id whose text is identical to a stored article's."""

    __tablename__ = "article_aliases"
    __table_args__ = (Index("ix_article_aliases_article_id", "article_id"),)

    alias_id: Mapped[str] = mapped_column(String, primary_key=True)
    article_id: Mapped[str] = mapped_column(String, ForeignKey("articles.id", ondelete="CASCADE"))
    source: Mapped[str | None] = mapped_column(String)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class EventRow(Base):
    """One FORMATS §2 event; a column per key, the nested ones as JSON."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_event_date", "event_date"),
        Index("ix_events_iso3", "iso3"),
        Index("ix_events_event_type", "event_type"),
        Index("ix_events_article_id", "article_id"),
        Index("ix_events_cell_date", "link_cell", "event_date"),
        Index("ix_events_cluster_id", "cluster_id"),
        Index("ix_events_component_id", "component_id"),
    )

    event_id: Mapped[str] = mapped_column(String, primary_key=True)
    article_id: Mapped[str] = mapped_column(String, ForeignKey("articles.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(default=0)  # position in the article's event list
    event_date: Mapped[dt.date | None] = mapped_column(Date)
    time_precision: Mapped[int]
    disorder_type: Mapped[str] = mapped_column(String)
    event_type: Mapped[str] = mapped_column(String)
    sub_event_type: Mapped[str] = mapped_column(String)
    actor1: Mapped[str | None] = mapped_column(Text)
    actor2: Mapped[str | None] = mapped_column(Text)
    actor1_ar: Mapped[str | None] = mapped_column(Text)
    actor2_ar: Mapped[str | None] = mapped_column(Text)
    assoc_actor_1: Mapped[str | None] = mapped_column(Text)
    assoc_actor_2: Mapped[str | None] = mapped_column(Text)
    inter1: Mapped[int | None]
    inter2: Mapped[int | None]
    interaction: Mapped[int | None]
    civilian_targeting: Mapped[bool]
    location: Mapped[str | None] = mapped_column(Text)
    location_ar: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String)
    iso3: Mapped[str | None] = mapped_column(String(3))
    admin1: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None]
    fatalities: Mapped[int]
    injured: Mapped[int]
    fatalities_by_actor: Mapped[dict[str, Any]] = mapped_column(JsonType)
    source: Mapped[str | None] = mapped_column(String)
    source_url: Mapped[str | None] = mapped_column(Text)
    sources: Mapped[list[str]] = mapped_column(JsonType)
    source_count: Mapped[int]
    notes: Mapped[str] = mapped_column(Text)
    evidence: Mapped[dict[str, Any]] = mapped_column(JsonType)
    confidence: Mapped[float] = mapped_column(Float)
    trace: Mapped[list[str] | None] = mapped_column(JsonType)
    link_cell: Mapped[str | None] = mapped_column(String)  # grid cell of the point, "x:y"
    component_id: Mapped[str | None] = mapped_column(String)
    cluster_id: Mapped[str | None] = mapped_column(String)
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class ClusterRow(Base):
    """One act as the dataset counts it: the reports linked to it, merged."""

    __tablename__ = "clusters"
    __table_args__ = (
        Index("ix_clusters_event_date", "event_date"),
        Index("ix_clusters_iso3", "iso3"),
        Index("ix_clusters_event_type", "event_type"),
    )

    cluster_id: Mapped[str] = mapped_column(String, primary_key=True)
    component_id: Mapped[str] = mapped_column(String)
    event_date: Mapped[dt.date | None] = mapped_column(Date)
    time_precision: Mapped[int]
    disorder_type: Mapped[str] = mapped_column(String)
    event_type: Mapped[str] = mapped_column(String)
    sub_event_type: Mapped[str] = mapped_column(String)
    actor1: Mapped[str | None] = mapped_column(Text)
    actor2: Mapped[str | None] = mapped_column(Text)
    actor1_ar: Mapped[str | None] = mapped_column(Text)
    actor2_ar: Mapped[str | None] = mapped_column(Text)
    assoc_actor_1: Mapped[str | None] = mapped_column(Text)
    assoc_actor_2: Mapped[str | None] = mapped_column(Text)
    inter1: Mapped[int | None]
    inter2: Mapped[int | None]
    interaction: Mapped[int | None]
    civilian_targeting: Mapped[bool] = mapped_column(Boolean)
    location: Mapped[str | None] = mapped_column(Text)
    location_ar: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String)
    iso3: Mapped[str | None] = mapped_column(String(3))
    admin1: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None]
    fatalities: Mapped[int]
    fatalities_high: Mapped[int]
    injured: Mapped[int]
    event_ids: Mapped[list[str]] = mapped_column(JsonType)
    sources: Mapped[list[str]] = mapped_column(JsonType)  # article ids, aliases included
    outlets: Mapped[list[str]] = mapped_column(JsonType)
    source_urls: Mapped[list[str]] = mapped_column(JsonType)
    source_count: Mapped[int] = mapped_column(Integer)
    first_report: Mapped[dt.date | None] = mapped_column(Date)
    last_report: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text)  # Arabic sentences of the reports
    confidence: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class CorrectionRow(Base):
    __tablename__ = "corrections"
    __table_args__ = (Index("ix_corrections_target_id", "target_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    target_id: Mapped[str] = mapped_column(String)
    target_kind: Mapped[str] = mapped_column(String)  # "event" or "cluster"
    action: Mapped[str] = mapped_column(String)  # set, accept, delete, merge, split
    field: Mapped[str | None] = mapped_column(String)
    value: Mapped[Any] = mapped_column(JsonType, nullable=True)
    anchors: Mapped[list[str]] = mapped_column(JsonType)  # member event ids at correction time
    note: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


STORE_ONLY_COLUMNS = ("seq", "link_cell", "component_id", "cluster_id", "updated_at")
EVENT_COLUMNS: tuple[str, ...] = tuple(
    c.name for c in EventRow.__table__.columns if c.name not in STORE_ONLY_COLUMNS
)
