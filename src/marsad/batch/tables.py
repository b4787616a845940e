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

EVENT_SCHEMA = pa.schema([pa.field(key, _ARROW_TYPES.get(key, pa.string())) for key in EVENT_KEYS])

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
        for key in ("sources", "trace"):
            if row[key] is None:
                row[key] = []
    return [Event.model_validate(row) for row in rows]


def rejects_to_table(rejects: Iterable[Reject]) -> pa.Table:
    rows = [
        {"origin": r.origin, "reason": r.reason, "raw": r.raw, "extra": _dumps(r.extra)}
        for r in rejects
    ]
    return pa.Table.from_pylist(rows, schema=REJECT_SCHEMA)


def rejects_from_table(table: pa.Table) -> list[Reject]:
    return [
        Reject(
            origin=r["origin"],
            reason=r["reason"],
            raw=r["raw"] or "",
            extra=json.loads(r["extra"]) if r["extra"] else {},
        )
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


KINDS = ("articles", "rejects", "events")


def partition_path(out_dir: Path, kind: str, name: str) -> Path:
    """``OUT/events/events-00000.parquet``: one subfolder per table, so that
    ``pandas.read_parquet(OUT / "events")`` reads events and nothing else."""
    if kind not in KINDS:
        raise ValueError(f"unknown partition table {kind!r}")
    return out_dir / kind / f"{kind}-{name}.parquet"


def partition_files(out_dir: Path, kind: str) -> list[Path]:
    """A table's partition files, in order (the flat layout of marsad 0.1 too)."""
    nested = sorted((out_dir / kind).glob(f"{kind}-*.parquet"))
    return nested or sorted(out_dir.glob(f"{kind}-*.parquet"))


def read_table(path: Path, schema: pa.Schema) -> pa.Table:
    """A partition file in ``schema``; columns added since it was written come back null."""
    table = pq.read_table(path)
    for field in schema:
        if field.name not in table.column_names:
            table = table.append_column(field, pa.nulls(table.num_rows, field.type))
    return table.select(schema.names).cast(schema)


def read_events(path: str | Path) -> list[Event]:
    """Events from one Parquet file, or from every events partition in a batch folder, in order."""
    path = Path(path)
    if path.is_dir():
        files = partition_files(path, "events") or sorted(path.glob("events-*.parquet"))
    else:
        files = [path]
    events: list[Event] = []
    for file in files:
        events.extend(events_from_table(read_table(file, EVENT_SCHEMA)))
    return events
