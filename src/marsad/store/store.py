"""``Store``: articles and their events in SQLite or PostgreSQL, saved idempotently."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, or_, select
from sqlalchemy.engine import Connection

from marsad.model import EVENT_KEYS, Article, Event
from marsad.store.schema import ArticleRow, Base, EventRow

log = logging.getLogger("marsad.store")

ArticleEvents = tuple[Article, Sequence[Event]]
_IN_CHUNK = 500  # ids per IN (...) list: stays under SQLite's bound-parameter limit


class Store:
    """A database of articles and events at a SQLAlchemy URL; creates its tables if absent.

    ``Store("sqlite:///marsad.db")`` or ``Store("postgresql+psycopg://user@host/db")``.
    Saving is idempotent: re-saving an article replaces it and all its events.
    ``event_id`` is the primary key, so the last save of an id wins.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        Base.metadata.create_all(self.engine)

    # ------------------------------------------------------------ writing

    def save(self, article: Article, events: Sequence[Event]) -> None:
        """Store one article and replace its events, in one transaction."""
        self.save_many([(article, events)])

    def save_many(self, pairs: Iterable[ArticleEvents], batch_size: int = 500) -> int:
        """Save (article, events) pairs, one transaction per ``batch_size`` articles.

        Returns the number of article rows written (an article repeated within
        one batch is written once: its last occurrence).
        """
        total = 0
        iterator = iter(pairs)
        while batch := list(islice(iterator, batch_size)):
            with self.engine.begin() as conn:
                total += self._save_batch(conn, batch)
        return total

    def _save_batch(self, conn: Connection, batch: list[ArticleEvents]) -> int:
        latest: dict[str, ArticleEvents] = {}
        for article, events in batch:
            latest[article.id] = (article, events)  # the same article twice: the last wins
        now = dt.datetime.now(dt.UTC)
        article_rows = [_article_row(a, now) for a, _ in latest.values()]
        event_rows: dict[str, dict[str, Any]] = {}
        for article, events in latest.values():
            for seq, ev in enumerate(events):
                if ev.article_id != article.id:
                    raise ValueError(
                        f"event {ev.event_id} belongs to {ev.article_id!r}, not {article.id!r}"
                    )
                if ev.event_id in event_rows:
                    log.warning("duplicate event_id %s in article %s", ev.event_id, article.id)
                event_rows[ev.event_id] = _event_row(ev, seq)
        ids = list(latest)
        for chunk in _chunks(ids):
            conn.execute(delete(EventRow).where(EventRow.article_id.in_(chunk)))
        for chunk in _chunks(list(event_rows)):
            conn.execute(delete(EventRow).where(EventRow.event_id.in_(chunk)))
        for chunk in _chunks(ids):
            conn.execute(delete(ArticleRow).where(ArticleRow.id.in_(chunk)))
        conn.execute(insert(ArticleRow), article_rows)
        if event_rows:
            conn.execute(insert(EventRow), list(event_rows.values()))
        return len(article_rows)

    # ------------------------------------------------------------ reading

    def events(
        self,
        *,
        country: str | None = None,
        event_type: str | None = None,
        date_from: dt.date | str | None = None,
        date_to: dt.date | str | None = None,
        article_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Event]:
        """Events matching every given filter, by date (undated last), article, position.

        ``country`` is an ISO3 code or an English country name; ``event_type``
        an event type or a sub-event type; dates are inclusive.
        """
        query = select(EventRow)
        if country:
            query = query.where(
                or_(
                    EventRow.iso3 == country.upper(),
                    func.lower(EventRow.country) == country.lower(),
                )
            )
        if event_type:
            query = query.where(
                or_(EventRow.event_type == event_type, EventRow.sub_event_type == event_type)
            )
        if date_from:
            query = query.where(EventRow.event_date >= _as_date(date_from))
        if date_to:
            query = query.where(EventRow.event_date <= _as_date(date_to))
        if article_id:
            query = query.where(EventRow.article_id == article_id)
        query = query.order_by(
            EventRow.event_date.is_(None), EventRow.event_date, EventRow.article_id, EventRow.seq
        )
        if offset:
            query = query.offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [_row_event(row) for row in conn.execute(query).mappings()]

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(ArticleRow).where(ArticleRow.id == article_id)).mappings()
            found = row.first()
        if found is None:
            return None
        return Article(
            **{k: found[k] for k in ("id", "text", "title", "published", "source", "url")}
        )

    def articles_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(ArticleRow)).scalar_one()

    def events_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(EventRow)).scalar_one()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------- helpers


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    # SQLite ignores foreign keys unless asked, PostgreSQL always checks: behave the same.
    cursor.execute("PRAGMA foreign_keys=ON")
    # One small transaction per article (``save``) would wait on an fsync each without
    # WAL: 15 ms an article. WAL + NORMAL survives a crash of the process, and readers
    # (the API) no longer block the writer.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _IN_CHUNK):
        yield items[start : start + _IN_CHUNK]


def _as_date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _article_row(article: Article, now: dt.datetime) -> dict[str, Any]:
    return {
        "id": article.id,
        "text": article.text,
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "url": article.url,
        "ingested_at": now,
    }


def _event_row(ev: Event, seq: int) -> dict[str, Any]:
    row = ev.model_dump()
    row["event_date"] = _as_date(ev.event_date) if ev.event_date else None
    row["seq"] = seq
    return row


def _row_event(row: Any) -> Event:
    values = {key: row[key] for key in EVENT_KEYS}
    if values["event_date"] is not None:
        values["event_date"] = values["event_date"].isoformat()
    return Event(**values)
