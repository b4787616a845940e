"""``Store``: articles, events, clusters and corrections in SQLite or PostgreSQL.

Every write is one transaction that holds the store's write lock (SQLite
``BEGIN IMMEDIATE``; a PostgreSQL transaction-level advisory lock), so
concurrent writers queue instead of colliding, and linking sees a stable
store. The schema is created and upgraded by Alembic (``marsad.store.migrate``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from marsad.model import EVENT_KEYS, Article, Event, scoped_event_id, text_hash
from marsad.store import linking
from marsad.store.clean import canonical_url, clean, clean_row
from marsad.store.errors import StoreError, redact
from marsad.store.migrate import upgrade
from marsad.store.schema import AliasRow, ArticleRow, ClusterRow, EventRow
from marsad.store.search import index_rows, unindex

log = logging.getLogger("marsad.store")

ArticleEvents = tuple[Article, Sequence[Event]]
_IN_CHUNK = 500  # ids per IN (...) list: stays under SQLite's bound-parameter limit
WRITE_LOCK_KEY = 0x6D727364  # "mrsd": the PostgreSQL advisory lock every writer takes


@dataclass
class SaveResult:
    """What one save did, article by article."""

    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    aliased: int = 0
    events: int = 0

    @property
    def articles(self) -> int:
        return self.new + self.replaced + self.unchanged + self.aliased

    def add(self, other: SaveResult) -> None:
        for name in ("new", "replaced", "unchanged", "aliased", "events"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


class Store:
    """A database at a SQLAlchemy URL, e.g. ``sqlite:///marsad.db`` or
    ``postgresql+psycopg://user@host/db``.

    ``create=False`` refuses to create a SQLite file that does not exist (for
    commands that only read). Connection and schema problems raise
    ``StoreError`` with one clear message.
    """

    def __init__(self, url: str, *, create: bool = True, link: bool = True) -> None:
        self.url = url
        self.link = link
        self.engine: Engine = _engine(url, create)
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            upgrade(self)
        except DBAPIError as exc:
            self.engine.dispose()
            raise StoreError(f"cannot connect to store {redact(url)}: {_reason(exc)}") from exc

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # ------------------------------------------------------------ transactions

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction holding the store's write lock."""
        with self.engine.connect().execution_options(marsad_write=True) as conn, conn.begin():
            if self.dialect == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
            yield conn

    # ------------------------------------------------------------ writing

    def save(self, article: Article, events: Sequence[Event]) -> SaveResult:
        """Store one article and replace its events, in one transaction."""
        return self.save_many([(article, events)])

    def save_many(self, pairs: Iterable[ArticleEvents], batch_size: int = 500) -> SaveResult:
        """Save (article, events) pairs, one transaction per ``batch_size`` articles.

        An article already stored under its id is replaced with these events
        (re-extraction; corrections are re-applied). An article whose text is
        already stored under another id becomes an alias of it: its outlet joins
        the sources of that article's events, and its events are not stored twice.
        """
        total = SaveResult()
        iterator = iter(pairs)
        while batch := list(islice(iterator, batch_size)):
            with self.writing() as conn:
                total.add(self._save_batch(conn, batch))
        return total

    def stored_hashes(self, article_ids: Sequence[str]) -> dict[str, str | None]:
        """Article id → text hash for the ids already stored (as articles or aliases)."""
        out: dict[str, str | None] = {}
        ids = [clean(i) for i in article_ids]
        with self.engine.connect() as conn:
            for chunk in _chunks(ids):
                out.update(
                    conn.execute(
                        select(ArticleRow.id, ArticleRow.text_hash).where(ArticleRow.id.in_(chunk))
                    ).all()
                )
                out.update(
                    conn.execute(
                        select(AliasRow.alias_id, ArticleRow.text_hash)
                        .join(ArticleRow, ArticleRow.id == AliasRow.article_id)
                        .where(AliasRow.alias_id.in_(chunk))
                    ).all()
                )
        return out

    def _save_batch(self, conn: Connection, batch: list[ArticleEvents]) -> SaveResult:
        result = SaveResult()
        now = dt.datetime.now(dt.UTC)
        latest: dict[str, tuple[Article, Sequence[Event], str]] = {}
        for article, events in batch:
            for ev in events:
                if ev.article_id != article.id:
                    raise ValueError(
                        f"event {ev.event_id} belongs to {ev.article_id!r}, not {article.id!r}"
                    )
            latest[clean(article.id)] = (article, events, text_hash(article.text))
        ids = list(latest)
        by_id = _select_in(conn, select(ArticleRow.id, ArticleRow.text_hash), ArticleRow.id, ids)
        known_alias = _select_in(
            conn, select(AliasRow.alias_id, AliasRow.article_id), AliasRow.alias_id, ids
        )
        fresh_hashes = [h for i, (_a, _e, h) in latest.items() if i not in by_id]
        by_hash = {
            h: i
            for i, h in _select_in(
                conn,
                select(ArticleRow.id, ArticleRow.text_hash),
                ArticleRow.text_hash,
                fresh_hashes,
            ).items()
        }
        inserts: list[tuple[Article, Sequence[Event], str]] = []
        replaced: list[str] = []
        aliases: list[dict[str, Any]] = []
        for article_id, (article, events, digest) in latest.items():
            if article_id in known_alias:
                result.unchanged += 1
            elif article_id in by_id:
                replaced.append(article_id)
                inserts.append((article, events, digest))
            elif digest in by_hash:
                aliases.append(_alias_row(article, by_hash[digest], now))
            else:
                by_hash[digest] = article_id  # a copy later in this batch is an alias of it
                inserts.append((article, events, digest))
        result.aliased = len(aliases)
        result.replaced = len(replaced)
        result.new = len(inserts) - len(replaced)
        touched = linking.components_of_articles(conn, replaced)
        if replaced:
            unindex(conn, replaced)
            for chunk in _chunks(replaced):
                conn.execute(delete(EventRow).where(EventRow.article_id.in_(chunk)))
                conn.execute(delete(ArticleRow).where(ArticleRow.id.in_(chunk)))
        new_event_ids = self._insert(conn, inserts, now)
        result.events = len(new_event_ids)
        if aliases:
            conn.execute(insert(AliasRow), aliases)
            touched |= linking.components_of_articles(conn, [a["article_id"] for a in aliases])
        if self.link:  # only additions unless an article was replaced
            linking.relink(conn, new_event_ids, touched, now, removed=bool(replaced))
        return result

    def _insert(
        self,
        conn: Connection,
        inserts: list[tuple[Article, Sequence[Event], str]],
        now: dt.datetime,
    ) -> list[str]:
        if not inserts:
            return []
        conn.execute(insert(ArticleRow), [_article_row(a, d, now) for a, _e, d in inserts])
        index_rows(conn, [(clean(a.id), a.text) for a, _e, _d in inserts])
        rows: dict[str, dict[str, Any]] = {}
        for _article, events, _digest in inserts:
            for seq, ev in enumerate(events):
                row = _event_row(ev, seq, now)
                if row["event_id"] in rows:  # an id made without the article id, repeated
                    row["event_id"] = scoped_event_id(row["article_id"], row["event_id"])
                rows[row["event_id"]] = row
        taken = _select_in(
            conn, select(EventRow.event_id, EventRow.article_id), EventRow.event_id, list(rows)
        )
        for event_id, owner in taken.items():  # the same id stored for another article
            row = rows.pop(event_id)
            log.warning(
                "event id %s of %s is taken by %s: scoped to its article",
                event_id,
                row["article_id"],
                owner,
            )
            row["event_id"] = scoped_event_id(row["article_id"], event_id)
            rows[row["event_id"]] = row
        linking.apply_event_corrections(conn, rows)
        if rows:
            conn.execute(insert(EventRow), list(rows.values()))
        return list(rows)

    def relink_all(self) -> int:
        """Re-link every event from scratch (same clusters as incremental linking)."""
        with self.writing() as conn:
            return linking.rebuild(conn, dt.datetime.now(dt.UTC))

    # ------------------------------------------------------------ reading

    def events(self, **filters: Any) -> list[Event]:
        """Reports (one per article and act) matching ``filters`` (see ``marsad.store.query``)."""
        from marsad.store.query import query_events

        with self.engine.connect() as conn:
            return query_events(conn, **filters)

    def clusters(self, **filters: Any) -> list[dict[str, Any]]:
        """The dataset's events (one per act) matching ``filters``, as dicts."""
        from marsad.store.query import query_clusters

        with self.engine.connect() as conn:
            return query_clusters(conn, **filters)

    def members(self, cluster_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """Each cluster's reports: event and article ids, outlet, notes, evidence, trace."""
        out: dict[str, list[dict[str, Any]]] = {}
        columns = (
            EventRow.cluster_id,
            EventRow.event_id,
            EventRow.article_id,
            EventRow.source,
            EventRow.source_url,
            EventRow.fatalities,
            EventRow.notes,
            EventRow.evidence,
            EventRow.trace,
        )
        with self.engine.connect() as conn:
            for chunk in _chunks(list(cluster_ids)):
                query = (
                    select(*columns)
                    .where(EventRow.cluster_id.in_(chunk))
                    .order_by(EventRow.event_id)
                )
                for row in conn.execute(query).mappings():
                    member = dict(row)
                    member["trace"] = member["trace"] or []
                    out.setdefault(member.pop("cluster_id"), []).append(member)
        return out

    def event_stamps(self) -> dict[str, dt.datetime | None]:
        """Event id → when its row last changed."""
        with self.engine.connect() as conn:
            return dict(conn.execute(select(EventRow.event_id, EventRow.updated_at)).all())

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id (or the article it is a copy of), or None."""
        with self.engine.connect() as conn:
            found = (
                conn.execute(select(ArticleRow).where(ArticleRow.id == clean(article_id)))
                .mappings()
                .first()
            )
            if found is None:
                target = conn.execute(
                    select(AliasRow.article_id).where(AliasRow.alias_id == clean(article_id))
                ).scalar()
                if target is None:
                    return None
                found = (
                    conn.execute(select(ArticleRow).where(ArticleRow.id == target))
                    .mappings()
                    .first()
                )
        return Article(
            **{k: found[k] for k in ("id", "text", "title", "published", "source", "url")}
        )

    def articles_count(self, *, with_aliases: bool = False) -> int:
        with self.engine.connect() as conn:
            n = conn.execute(select(func.count()).select_from(ArticleRow)).scalar_one()
            if with_aliases:
                n += conn.execute(select(func.count()).select_from(AliasRow)).scalar_one()
            return n

    def aliases_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(AliasRow)).scalar_one()

    def events_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(EventRow)).scalar_one()

    def clusters_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(ClusterRow)).scalar_one()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------- engine


def _engine(url: str, create: bool) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r} (e.g. sqlite:///marsad.db)") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database in ("", ":memory:") or database.startswith("file::memory:"):
            raise StoreError(
                f"{url!r} is an in-memory SQLite database: nothing would be kept; "
                "give a file, e.g. sqlite:///marsad.db"
            )
        path = Path(database)
        if not path.parent.exists():
            raise StoreError(f"cannot open store {url!r}: folder {path.parent} does not exist")
        if not create and not path.exists():
            raise StoreError(f"no store at {url!r}: {path} does not exist")
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"cannot open store {redact(url)}: no driver ({exc})") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # SQLAlchemy emits BEGIN itself (``_sqlite_begin``): the driver must not.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    # SQLite ignores foreign keys unless asked, PostgreSQL always checks: behave the same.
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL: readers never block the writer; NORMAL survives a crash of the process.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=120000")  # another writer holds the lock: wait
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # A writer takes the write lock when it begins, never half-way (which SQLite
    # would refuse at once with "database is locked" instead of waiting).
    immediate = conn.get_execution_options().get("marsad_write")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _reason(exc: DBAPIError) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


# ---------------------------------------------------------------- rows


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _IN_CHUNK):
        yield items[start : start + _IN_CHUNK]


def _select_in(conn: Connection, query: Any, column: Any, values: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for chunk in _chunks(values):
        out.update(conn.execute(query.where(column.in_(chunk))).all())
    return out


def _article_row(article: Article, digest: str, now: dt.datetime) -> dict[str, Any]:
    return clean_row(
        {
            "id": article.id,
            "text": article.text,
            "title": article.title,
            "published": article.published,
            "source": article.source,
            "url": article.url,
            "canonical_url": canonical_url(article.url),
            "text_hash": digest,
            "ingested_at": now,
            "updated_at": now,
        }
    )


def _alias_row(article: Article, target: str, now: dt.datetime) -> dict[str, Any]:
    return clean_row(
        {
            "alias_id": article.id,
            "article_id": target,
            "source": article.source,
            "url": article.url,
            "published": article.published,
            "ingested_at": now,
        }
    )


def _event_row(ev: Event, seq: int, now: dt.datetime) -> dict[str, Any]:
    row = clean_row(ev.model_dump())
    row["event_date"] = dt.date.fromisoformat(ev.event_date) if ev.event_date else None
    row["seq"] = seq
    row["updated_at"] = now
    row["link_cell"] = linking.cell(ev.latitude, ev.longitude)
    return row


def row_event(row: Any) -> Event:
    values = {key: row[key] for key in EVENT_KEYS}
    if values["event_date"] is not None:
        values["event_date"] = values["event_date"].isoformat()
    if values["trace"] is None:
        values["trace"] = []
    return Event(**values)


__all__ = ["SaveResult", "Store", "StoreError", "row_event"]
