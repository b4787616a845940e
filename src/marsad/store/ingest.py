"""``ingest``: read, extract, store and link, one transaction per batch; resumable.

An article already stored with the same text is not extracted again, so a
run killed at any moment (even SIGKILL) and started again ends with every
article stored exactly once: a batch is committed whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from marsad.ingest import SUFFIXES, RejectLog, read_articles
from marsad.model import Article, Event, text_hash
from marsad.store.store import SaveResult, Store

TEXT_STEM_SUFFIXES = {".txt", ".html", ".htm"}  # readers name these articles after the file


@dataclass
class IngestResult:
    saved: SaveResult = field(default_factory=SaveResult)
    skipped: int = 0  # already stored with the same text: not extracted again
    read: int = 0
    batches: int = 0


def is_batch_folder(path: Path) -> bool:
    """A folder written by ``marsad batch`` (Parquet partitions, flat or in subfolders)."""
    from marsad.batch.runner import MANIFEST
    from marsad.batch.tables import partition_files

    if not path.is_dir():
        return False
    return (path / MANIFEST).exists() or bool(partition_files(path, "events"))


def _files(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
    )


def read_inputs(
    inputs: Iterable[Path], published: dt.date | None, rejects: RejectLog
) -> Iterator[tuple[Article, list[Event] | None]]:
    """(article, events or None) from files, folders and batch output folders.

    Events come with the article only from batch output (already extracted).
    A ``.txt``/``.html`` file inside a folder gets the id of its path relative to
    that folder (``okaz/001``), so same-named files in two folders stay two articles.
    """
    for path in inputs:
        if is_batch_folder(path):
            yield from _read_batch(path, rejects)
        elif path.is_dir():
            for file in _files(path):
                stem_id = file.suffix.lower() in TEXT_STEM_SUFFIXES
                relative = file.relative_to(path).with_suffix("").as_posix()
                for article in read_articles([file], published=published, rejects=rejects):
                    if stem_id and article.id == file.stem and relative != article.id:
                        article = article.model_copy(update={"id": relative})
                    yield article, None
        else:
            for article in read_articles([path], published=published, rejects=rejects):
                yield article, None


PARTITION_NOT_LOADED = "partition not loaded"


def _read_batch(folder: Path, rejects: RejectLog) -> Iterator[tuple[Article, list[Event] | None]]:
    """Each stored article of a batch folder; a damaged partition becomes one reject
    (reason ``partition not loaded``) and the others are read."""
    from marsad.batch.load import iter_partition, partition_names

    for name in partition_names(folder):
        try:
            rows = list(iter_partition(folder, name))
        except Exception as exc:  # noqa: BLE001 — any damage to one file spares the others
            rejects.add(
                f"{folder}!{name}",
                PARTITION_NOT_LOADED,
                partition=name,
                error=f"{type(exc).__name__}: {exc}",
            )
            continue
        for article, events in rows:
            yield article, list(events)


def ingest(
    store: Store,
    inputs: Iterable[Path],
    extract: Callable[[Article], list[Event]],
    *,
    published: dt.date | None = None,
    rejects: RejectLog | None = None,
    batch_size: int = 500,
    reextract: bool = False,
    on_batch: Callable[[IngestResult, int], None] | None = None,
) -> IngestResult:
    """Store every input article once; commit after every ``batch_size`` articles."""
    log = rejects if rejects is not None else RejectLog()
    stream = read_inputs(list(inputs), published, log)
    return ingest_pairs(
        store, stream, extract, batch_size=batch_size, reextract=reextract, on_batch=on_batch
    )


def ingest_pairs(
    store: Store,
    stream: Iterable[tuple[Article, list[Event] | None]],
    extract: Callable[[Article], list[Event]],
    *,
    batch_size: int = 500,
    reextract: bool = False,
    on_batch: Callable[[IngestResult, int], None] | None = None,
) -> IngestResult:
    """``ingest`` for articles already read (the live watcher's fetched items)."""
    result = IngestResult()
    stream = iter(stream)
    while chunk := list(islice(stream, batch_size)):
        result.read += len(chunk)
        stored = {} if reextract else store.stored_hashes([a.id for a, _ in chunk])
        todo: list[tuple[Article, list[Event]]] = []
        for article, events in chunk:
            if stored.get(article.id) == text_hash(article.text):
                result.skipped += 1
                continue
            todo.append((article, events if events is not None else extract(article)))
        if todo:
            result.saved.add(store.save_many(todo, batch_size=len(todo)))
        result.batches += 1
        if on_batch is not None:
            on_batch(result, len(chunk))
    return result
