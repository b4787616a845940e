"""The partition function: a pure function of (partition spec, output folder) → Parquet files.

The same function runs in a local process pool and as a Dask task. It only
ever writes the files named after its own partition, atomically, so a retry
or a rerun after a crash can never duplicate or half-write a partition.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

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


def init_worker(min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> None:
    """Process-pool initializer: build the Pipeline once per worker process."""
    logging.getLogger("marsad.ingest").setLevel(logging.ERROR)
    get_pipeline(min_confidence)


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

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__}


def existing_result(spec: PartitionSpec, out_dir: Path) -> PartitionResult | None:
    """The result recorded in a finished partition's files, or None if it must be (re)done."""
    paths = partition_paths(out_dir, spec.name)
    if not all(p.exists() for p in paths.values()):
        return None
    meta = file_metadata(paths["events"])
    if meta.get("marsad.fingerprint") != spec.fingerprint:
        return None  # the inputs changed under this partition number: redo it
    return PartitionResult(
        index=spec.index,
        name=spec.name,
        fingerprint=spec.fingerprint,
        articles=int(meta["marsad.articles"]),
        events=int(meta["marsad.events"]),
        rejects=int(meta["marsad.rejects"]),
        seconds=0.0,
        skipped=True,
    )


def process_partition(
    spec: PartitionSpec, out_dir: str | Path, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> PartitionResult:
    """Extract one partition and write its articles, rejects and events Parquet files."""
    out_dir = Path(out_dir)
    done = existing_result(spec, out_dir)
    if done is not None:
        return done
    started = time.perf_counter()
    pipeline = get_pipeline(min_confidence)
    articles = spec.load_articles()
    events: list[Event] = []
    rejects: list[Reject] = list(spec.rejects)
    for article in articles:
        try:
            events.extend(pipeline.extract(article))
        except Exception as exc:  # noqa: BLE001 — one bad article must not stop the batch
            rejects.append(Reject(origin=f"article:{article.id}",
                                  reason=f"extraction failed: {type(exc).__name__}: {exc}"))
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
