"""The partition function: a pure function of (partition spec, output folder) → Parquet files.

The same function runs in a local process pool and as a Dask task. It only
ever writes the files named after its own partition, atomically, so a retry
or a rerun after a crash can never duplicate or half-write a partition.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from marsad.batch.guard import Budget, extract_guarded
from marsad.batch.partition import PartitionSpec
from marsad.batch.tables import (
    articles_to_table,
    events_to_table,
    file_metadata,
    partition_path,
    rejects_to_table,
    write_atomic,
)
from marsad.extract.confidence import DEFAULT_MIN_CONFIDENCE
from marsad.model import Event, Reject

KINDS = ("articles", "rejects", "events")  # write order: events last marks "done"

_PIPELINES: dict[float, object] = {}


def partition_paths(out_dir: Path, name: str) -> dict[str, Path]:
    return {kind: partition_path(out_dir, kind, name) for kind in KINDS}


_COUNTER = None  # a multiprocessing.Value the pool parent reads for per-article progress
_BUDGET = Budget()


def init_worker(
    min_confidence: float = DEFAULT_MIN_CONFIDENCE, counter=None, budget: Budget | None = None
) -> None:
    """Process-pool initializer: die with the parent, then build the Pipeline once."""
    global _COUNTER, _BUDGET
    watch_parent()
    _COUNTER = counter
    _BUDGET = budget or Budget()
    logging.getLogger("marsad.ingest").setLevel(logging.ERROR)
    get_pipeline(min_confidence)


def watch_parent(interval: float = 0.5) -> threading.Thread:
    """Exit this worker as soon as its parent is gone (kill -9 or SIGTERM of ``batch``).

    The parent's death reparents the worker (``getppid`` changes); a daemon
    thread polls for it, since a worker blocked on its task queue would wait
    forever otherwise. ``os._exit``: nothing of a half-done partition is
    written (its files appear only by atomic rename).
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    thread = threading.Thread(target=watch, name="marsad-parent-watch", daemon=True)
    thread.start()
    return thread


def pool_task(spec: PartitionSpec, out_dir: str | Path, min_confidence: float) -> PartitionResult:
    """``process_partition`` in a pool worker: counts each article for the parent's bar."""
    counter = _COUNTER

    def tick() -> None:
        if counter is not None:
            with counter.get_lock():
                counter.value += 1

    return process_partition(spec, out_dir, min_confidence, budget=_BUDGET, on_article=tick)


def get_pipeline(min_confidence: float = DEFAULT_MIN_CONFIDENCE):
    """This process's Pipeline (built on first use; Dask workers reach it this way)."""
    pipeline = _PIPELINES.get(min_confidence)
    if pipeline is None:
        from marsad.pipeline import Pipeline

        pipeline = _PIPELINES[min_confidence] = Pipeline(min_confidence=min_confidence)
    return pipeline


@dataclass(frozen=True, slots=True)
class PartitionResult:
    index: int
    name: str
    fingerprint: str
    articles: int
    events: int
    rejects: int
    seconds: float
    skipped: bool = False
    failed: str = ""  # why the partition could not be done (its files were not written)

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__}


def existing_result(spec: PartitionSpec, out_dir: Path) -> PartitionResult | None:
    """The result recorded in a finished partition's files, or None if it must be (re)done."""
    paths = partition_paths(out_dir, spec.name)
    if not all(p.exists() for p in paths.values()):
        return None
    try:
        metas = [file_metadata(p) for p in paths.values()]
        meta = metas[-1]
        counts = (
            int(meta["marsad.articles"]),
            int(meta["marsad.events"]),
            int(meta["marsad.rejects"]),
        )
    except Exception:  # noqa: BLE001 — a file damaged on disk: redo the partition
        return None
    if any(m.get("marsad.fingerprint") != spec.fingerprint for m in metas):
        return None  # the inputs changed under this partition number: redo it
    return PartitionResult(
        index=spec.index,
        name=spec.name,
        fingerprint=spec.fingerprint,
        articles=counts[0],
        events=counts[1],
        rejects=counts[2],
        seconds=0.0,
        skipped=True,
    )


def process_partition(
    spec: PartitionSpec,
    out_dir: str | Path,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    *,
    budget: Budget | None = None,
    on_article: Callable[[], None] | None = None,
) -> PartitionResult:
    """Extract one partition and write its articles, rejects and events Parquet files.

    Each article runs in ``extract_guarded``: an exception, or an article over
    the ``budget`` (size or time), is a reject naming where it was read.
    """
    out_dir = Path(out_dir)
    done = existing_result(spec, out_dir)
    if done is not None:
        return done
    started = time.perf_counter()
    pipeline = get_pipeline(min_confidence)
    budget = budget or Budget()
    articles = spec.load_articles()
    events: list[Event] = []
    rejects: list[Reject] = list(spec.rejects)
    for k, article in enumerate(articles):
        found, reason = extract_guarded(pipeline, article, budget)
        events.extend(found)
        if reason is not None:
            origin = spec.origins[k] if k < len(spec.origins) else f"article:{article.id}"
            rejects.append(Reject(origin=origin, reason=reason, extra={"article_id": article.id}))
        if on_article is not None:
            on_article()
    meta = {
        "marsad.partition": spec.name,
        "marsad.fingerprint": spec.fingerprint,
        "marsad.articles": str(len(articles)),
        "marsad.events": str(len(events)),
        "marsad.rejects": str(len(rejects)),
    }
    paths = partition_paths(out_dir, spec.name)
    for path in paths.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(articles_to_table(articles), paths["articles"], meta)
    write_atomic(rejects_to_table(rejects), paths["rejects"], meta)
    write_atomic(events_to_table(events), paths["events"], meta)
    return PartitionResult(
        index=spec.index,
        name=spec.name,
        fingerprint=spec.fingerprint,
        articles=len(articles),
        events=len(events),
        rejects=len(rejects),
        seconds=time.perf_counter() - started,
    )
