"""Arrow schemas for events, rejects and articles, and exact round-trips to the model."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from marsad.model import EVENT_KEYS, Article, Event, Reject

# Nested event fields are stored as JSON text: exact, schema-stable, and
# readable from any Parquet tool; ``sources`` is a plain list<string>.
JSON_FIELDS = ("evidence", "fatalities_by_actor")

_ARROW_TYPES: dict[str, pa.DataType] = {
    "time_precision": pa.int8(),
    "inter1": pa.int8(),
    "inter2": pa.int8(),
    "interaction": pa.int16(),
    "civilian_targeting": pa.bool_(),
    "latitude": pa.float64(),
    "longitude": pa.float64(),
    "geo_precision": pa.int8(),
    "fatalities": pa.int64(),
    "injured": pa.int64(),
    "sources": pa.list_(pa.string()),
    "trace": pa.list_(pa.string()),
    "source_count": pa.int32(),
    "confidence": pa.float64(),
}

EVENT_SCHEMA = pa.schema(
    [pa.field(key, _ARROW_TYPES.get(key, pa.string())) for key in EVENT_KEYS]
)

REJECT_SCHEMA = pa.schema(
    [
        pa.field("origin", pa.string()),
        pa.field("reason", pa.string()),
        pa.field("raw", pa.string()),
        pa.field("extra", pa.string()),  # JSON object
    ]
)

ARTICLE_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string()),
        pa.field("text", pa.string()),
        pa.field("title", pa.string()),
        pa.field("published", pa.date32()),
        pa.field("source", pa.string()),
        pa.field("url", pa.string()),
    ]
)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def events_to_table(events: Sequence[Event]) -> pa.Table:
    """Events → an Arrow table with one column per FORMATS §2 key."""
    columns: dict[str, list] = {key: [] for key in EVENT_KEYS}
    for event in events:
        for key in EVENT_KEYS:
            value = getattr(event, key)
            columns[key].append(_dumps(value) if key in JSON_FIELDS else value)
    return pa.table(columns, schema=EVENT_SCHEMA)


def events_from_table(table: pa.Table) -> list[Event]:
    """The inverse of ``events_to_table``: the same ``Event`` objects, field for field."""
    rows = table.to_pylist()
    for row in rows:
        for key in JSON_FIELDS:
            row[key] = json.loads(row[key]) if row[key] is not None else {}
        if row["sources"] is None:
            row["sources"] = []
    return [Event.model_validate(row) for row in rows]


def rejects_to_table(rejects: Iterable[Reject]) -> pa.Table:
    rows = [
        {"origin": r.origin, "reason": r.reason, "raw": r.raw, "extra": _dumps(r.extra)}
        for r in rejects
    ]
    return pa.Table.from_pylist(rows, schema=REJECT_SCHEMA)


def rejects_from_table(table: pa.Table) -> list[Reject]:
    return [
        Reject(origin=r["origin"], reason=r["reason"], raw=r["raw"] or "",
               extra=json.loads(r["extra"]) if r["extra"] else {})
        for r in table.to_pylist()
    ]


def articles_to_table(articles: Iterable[Article]) -> pa.Table:
    rows = [a.model_dump() for a in articles]
    return pa.Table.from_pylist(rows, schema=ARTICLE_SCHEMA)


def articles_from_table(table: pa.Table) -> list[Article]:
    return [Article.model_validate(row) for row in table.to_pylist()]


def write_atomic(table: pa.Table, path: Path, metadata: dict[str, str] | None = None) -> None:
    """Write ``table`` to ``path`` via a temporary file in the same folder and ``os.replace``.

    A crash leaves at most a ``.tmp`` file, never a truncated Parquet file
    under the final name, so "the file exists" means "the partition is done".
    """
    if metadata:
        merged = dict(table.schema.metadata or {})
        merged.update({k.encode(): v.encode() for k, v in metadata.items()})
        table = table.replace_schema_metadata(merged)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def file_metadata(path: Path) -> dict[str, str]:
    """The key/value metadata stored with a Parquet file (cheap: footer only)."""
    raw = pq.read_schema(path).metadata or {}
    return {k.decode(): v.decode() for k, v in raw.items() if not k.startswith(b"ARROW")}


def read_events(path: str | Path) -> list[Event]:
    """Events from one Parquet file, or from every ``events-*.parquet`` in a folder, in order."""
    path = Path(path)
    files = sorted(path.glob("events-*.parquet")) if path.is_dir() else [path]
    events: list[Event] = []
    for file in files:
        events.extend(events_from_table(pq.read_table(file, schema=EVENT_SCHEMA)))
    return events
