"""``marsad ingest DIR``: load a batch folder's Parquet output into the store, idempotently."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from marsad.batch.runner import MANIFEST
from marsad.batch.tables import (
    ARTICLE_SCHEMA,
    EVENT_SCHEMA,
    articles_from_table,
    events_from_table,
    partition_files,
    partition_path,
    read_table,
)
from marsad.model import Article, Event


@dataclass
class LoadResult:
    partitions: int = 0
    articles: int = 0
    events: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (partition, why)


def partition_names(out_dir: Path) -> list[str]:
    """Partitions listed in the manifest, else every complete partition found on disk."""
    manifest = out_dir / MANIFEST
    if manifest.exists():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            return [p["name"] for p in data["partitions"] if not p.get("failed")]
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"unreadable manifest {manifest}: {exc}") from exc
    names = [p.name[len("events-") : -len(".parquet")] for p in partition_files(out_dir, "events")]
    return [n for n in names if _path(out_dir, "articles", n).exists()]


def _path(out_dir: Path, kind: str, name: str) -> Path:
    nested = partition_path(out_dir, kind, name)
    return nested if nested.exists() else out_dir / f"{kind}-{name}.parquet"


def iter_partition(out_dir: Path, name: str) -> Iterator[tuple[Article, list[Event]]]:
    """Each article of a partition with its events, in input order."""
    articles = articles_from_table(read_table(_path(out_dir, "articles", name), ARTICLE_SCHEMA))
    events = events_from_table(read_table(_path(out_dir, "events", name), EVENT_SCHEMA))
    by_article: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_article[event.article_id].append(event)
    for article in articles:
        yield article, by_article.pop(article.id, [])


def load_into_store(
    out_dir: str | Path, store, on_partition: Callable[[str, int], None] | None = None
) -> LoadResult:
    """Save every article and its events with ``store.save``.

    Idempotent because ``Store.save`` keys articles and events by their
    stable ids, so loading the same folder twice leaves the same rows.
    """
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise FileNotFoundError(f"not a batch output folder: {out_dir}")
    result = LoadResult()
    for name in partition_names(out_dir):
        n_articles = 0
        try:
            pairs = list(iter_partition(out_dir, name))  # read whole before saving any of it
        except Exception as exc:  # noqa: BLE001 — a damaged partition must not stop the others
            result.failed.append((name, f"{type(exc).__name__}: {exc}"))
            continue
        for article, events in pairs:
            store.save(article, events)
            n_articles += 1
            result.events += len(events)
        result.articles += n_articles
        result.partitions += 1
        if on_partition is not None:
            on_partition(name, n_articles)
    return result
