"""Linking over ``marsad batch`` output: ``OUT/clusters/clusters.parquet`` (no database)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from marsad.batch.tables import (
    ARTICLE_SCHEMA,
    articles_from_table,
    partition_files,
    read_events,
    read_table,
    write_atomic,
)
from marsad.link import ArticleSources, Outlet, link_events
from marsad.model import text_hash


def link_batch_folder(folder: Path) -> tuple[int, int, Path]:
    """Cluster every event of a batch folder; identical articles count as extra sources."""
    events = read_events(folder)
    sources: dict[str, ArticleSources] = {}
    first_of_text: dict[str, str] = {}
    copies: set[str] = set()
    for file in partition_files(folder, "articles"):
        for article in articles_from_table(read_table(file, ARTICLE_SCHEMA)):
            outlet = Outlet(article.id, article.source, article.url, article.published)
            owner = first_of_text.setdefault(text_hash(article.text), article.id)
            if owner != article.id:
                copies.add(article.id)
            sources.setdefault(owner, ArticleSources()).outlets.append(outlet)
    kept = [e for e in events if e.article_id not in copies]  # a copy's events are its owner's
    rows = link_events(kept, sources)
    path = folder / "clusters" / "clusters.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(pa.Table.from_pylist(rows), path)
    pq.read_metadata(path)  # fail here, not in the user's tool, if the file is unreadable
    return len(kept), len(rows), path
