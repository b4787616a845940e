"""The watcher's state in the store (migration 0003): validators, failures, alerts sent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, select

from marsad.store.store import Store

_meta = MetaData()
TZ = DateTime(timezone=True)
watch_sources = Table(
    "watch_sources",
    _meta,
    Column("url", Text, primary_key=True),
    Column("name", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_status", Integer),
    Column("last_error", Text),
    Column("failures", Integer, nullable=False, default=0),
    Column("items_seen", Integer, nullable=False, default=0),
    Column("polled_at", TZ),
    Column("ok_at", TZ),
)
watch_alerts = Table(
    "watch_alerts",
    _meta,
    Column("rule", Text, primary_key=True),
    Column("cluster_id", String, primary_key=True),
    Column("fatalities", Integer),
    Column("source_count", Integer),
    Column("sent_at", TZ),
)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def source_state(store: Store, url: str) -> dict[str, Any]:
    with store.engine.connect() as conn:
        row = (
            conn.execute(select(watch_sources).where(watch_sources.c.url == url)).mappings().first()
        )
    return dict(row) if row else {"url": url, "failures": 0, "items_seen": 0}


def all_states(store: Store) -> dict[str, dict[str, Any]]:
    with store.engine.connect() as conn:
        return {r["url"]: dict(r) for r in conn.execute(select(watch_sources)).mappings()}


def save_source_state(store: Store, state: dict[str, Any]) -> None:
    columns = {c.name for c in watch_sources.columns}
    row = {k: v for k, v in state.items() if k in columns}
    with store.writing() as conn:
        done = conn.execute(
            watch_sources.update().where(watch_sources.c.url == row["url"]).values(**row)
        )
        if not done.rowcount:
            conn.execute(watch_sources.insert().values(**row))


def sent_alerts(store: Store, rule: str) -> dict[str, tuple[int | None, int | None]]:
    """report (event id) → (fatalities, source count) of the cluster it was last sent in
    under ``rule`` (the table's ``cluster_id`` column holds the report's event id)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                watch_alerts.c.cluster_id, watch_alerts.c.fatalities, watch_alerts.c.source_count
            ).where(watch_alerts.c.rule == rule)
        )
        return {cid: (f, s) for cid, f, s in rows}


def record_alert(
    store: Store, rule: str, cluster_id: str, fatalities: int | None, source_count: int | None
) -> None:
    values = {"fatalities": fatalities, "source_count": source_count, "sent_at": now()}
    with store.writing() as conn:
        done = conn.execute(
            watch_alerts.update()
            .where(watch_alerts.c.rule == rule, watch_alerts.c.cluster_id == cluster_id)
            .values(**values)
        )
        if not done.rowcount:
            conn.execute(watch_alerts.insert().values(rule=rule, cluster_id=cluster_id, **values))
