"""Filters over reports (events) and the dataset's events (clusters); no silent row limit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.engine import Connection

from marsad.model import EVENT_KEYS, Event
from marsad.store.clean import clean
from marsad.store.linking import deleted_events
from marsad.store.schema import ClusterRow, EventRow
from marsad.store.search import matching_article_ids

BBox = tuple[float, float, float, float]


def parse_bbox(value: str | None) -> BBox | None:
    """``"west,south,east,north"`` in degrees; ValueError when it is not four numbers."""
    if value is None:
        return None
    west, south, east, north = (float(v) for v in value.split(","))
    return west, south, east, north


def _as_date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _filter(
    query: Select,
    table: Any,
    conn: Connection,
    *,
    country=None,
    admin1=None,
    event_type=None,
    actor=None,
    date_from=None,
    date_to=None,
    bbox=None,
    min_fatalities=None,
    min_sources=None,
    min_confidence=None,
    text=None,
    article_id=None,
) -> Select | None:
    if country:
        country = clean(country)
        query = query.where(
            or_(table.iso3 == country.upper(), func.lower(table.country) == country.lower())
        )
    if admin1:
        query = query.where(func.lower(table.admin1) == clean(admin1).lower())
    if event_type:
        query = query.where(or_(table.event_type == event_type, table.sub_event_type == event_type))
    if actor:
        pattern = "%" + clean(actor).lower().replace("%", r"\%").replace("_", r"\_") + "%"
        query = query.where(
            or_(
                *[
                    func.lower(getattr(table, c)).like(pattern, escape="\\")
                    for c in (
                        "actor1",
                        "actor2",
                        "assoc_actor_1",
                        "assoc_actor_2",
                        "actor1_ar",
                        "actor2_ar",
                    )
                ]
            )
        )
    if date_from:
        query = query.where(table.event_date >= _as_date(date_from))
    if date_to:
        query = query.where(table.event_date <= _as_date(date_to))
    if bbox:
        west, south, east, north = bbox
        query = query.where(
            table.longitude.between(west, east), table.latitude.between(south, north)
        )
    if min_fatalities is not None:
        query = query.where(table.fatalities >= min_fatalities)
    if min_sources is not None:
        query = query.where(table.source_count >= min_sources)
    if min_confidence is not None:
        query = query.where(table.confidence >= min_confidence)
    if article_id:
        column = EventRow.article_id if table is EventRow else None
        if column is not None:
            query = query.where(column == clean(article_id))
    if text:
        ids = sorted(matching_article_ids(conn, text))
        if not ids:
            return None
        if table is EventRow:
            query = query.where(EventRow.article_id.in_(ids))
        else:
            clusters = select(EventRow.cluster_id).where(EventRow.article_id.in_(ids))
            query = query.where(ClusterRow.cluster_id.in_(clusters))
    return query


def query_events(
    conn: Connection,
    *,
    include_deleted: bool = False,
    limit: int | None = None,
    offset: int = 0,
    **filters: Any,
) -> list[Event]:
    """Reports matching every filter, by date (undated last), article, position."""
    columns = [getattr(EventRow, k) for k in EVENT_KEYS]
    query = _filter(select(*columns), EventRow, conn, **filters)
    if query is None:
        return []
    query = query.order_by(
        EventRow.event_date.is_(None), EventRow.event_date, EventRow.article_id, EventRow.seq
    )
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    gone = set() if include_deleted else deleted_events(conn)
    out = []
    for row in conn.execute(query).mappings():
        if row["event_id"] in gone:
            continue
        values = dict(row)
        if values["event_date"] is not None:
            values["event_date"] = values["event_date"].isoformat()
        values["trace"] = values["trace"] or []
        out.append(Event(**values))
    return out


def query_clusters(
    conn: Connection, *, limit: int | None = None, offset: int = 0, **filters: Any
) -> list[dict[str, Any]]:
    """Clusters matching every filter, by date (undated last), then id."""
    query = _filter(select(*ClusterRow.__table__.columns), ClusterRow, conn, **filters)
    if query is None:
        return []
    query = query.order_by(
        ClusterRow.event_date.is_(None), ClusterRow.event_date, ClusterRow.cluster_id
    )
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [dict(row) for row in conn.execute(query).mappings()]
