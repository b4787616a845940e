"""Tables ``articles`` and ``events`` (SQLAlchemy 2 typed declarative mapping)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# JSONB on PostgreSQL (indexable, compact), plain JSON text elsewhere.
JsonType = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String)
    url: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class EventRow(Base):
    """One FORMATS §2 event; a column per key, the nested ones as JSON."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_event_date", "event_date"),
        Index("ix_events_iso3", "iso3"),
        Index("ix_events_event_type", "event_type"),
        Index("ix_events_article_id", "article_id"),
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
    trace: Mapped[list[str]] = mapped_column(JsonType)


EVENT_COLUMNS: tuple[str, ...] = tuple(
    c.name for c in EventRow.__table__.columns if c.name != "seq"
)
