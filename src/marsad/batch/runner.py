"""Run every partition, locally in a process pool or on a Dask cluster, then write the manifest."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from marsad.batch.partition import PartitionSpec, count_articles, iter_partitions
from marsad.batch.warm import prebuild_gazetteer_cache
from marsad.batch.worker import (
    PartitionResult,
    existing_result,
    init_worker,
    partition_paths,
    process_partition,
)
from marsad.extract.confidence import DEFAULT_MIN_CONFIDENCE

MANIFEST = "_manifest.json"

OnResult = Callable[[PartitionResult], None]


@dataclass
class BatchResult:
    out_dir: Path
    partitions: list[PartitionResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        return sum(p.articles for p in self.partitions)

    @property
    def events(self) -> int:
        return sum(p.events for p in self.partitions)

    @property
    def rejects(self) -> int:
        return sum(p.rejects for p in self.partitions)

    @property
    def skipped(self) -> int:
        return sum(p.skipped for p in self.partitions)


def run_batch(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    partition_size: int = 2000,
    workers: int | None = None,
    scheduler: str | None = None,
    published: dt.date | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    on_result: OnResult | None = None,
) -> BatchResult:
    """Extract all inputs into ``out_dir`` (one set of Parquet files per partition).

    ``workers``: local processes (default: all cores; 1 runs in this process).
    ``scheduler``: a Dask scheduler address; then ``workers`` is ignored and
    ``out_dir`` must be visible to every Dask worker under the same path.
    Finished partitions (files present, same fingerprint) are skipped.
    """
    inputs = [Path(p) for p in inputs]
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(out)
    logging.getLogger("marsad.ingest").setLevel(logging.ERROR)  # rejects go to Parquet
    started = time.perf_counter()
    specs = iter_partitions(inputs, partition_size, published)
    results: list[PartitionResult] = []

    def record(result: PartitionResult) -> None:
        results.append(result)
        if on_result is not None:
            on_result(result)

    pending = _pending(specs, out, record)
    if not scheduler:
        prebuild_gazetteer_cache()  # a stale cache is built outside this process and the workers
    if scheduler:
        _run_dask(pending, out, min_confidence, scheduler, record)
    else:
        n = workers or os.cpu_count() or 1
        if n <= 1:
            for spec in pending:
                record(process_partition(spec, out, min_confidence))
        else:
            _run_pool(pending, out, min_confidence, n, record)
    results.sort(key=lambda r: r.index)
    batch = BatchResult(out_dir=out, partitions=results, seconds=time.perf_counter() - started)
    write_manifest(batch, inputs, partition_size)
    return batch


def _pending(specs: Iterator[PartitionSpec], out: Path, record: OnResult) -> Iterator[PartitionSpec]:
    """Specs still to do; finished ones are recorded here and never shipped to a worker."""
    for spec in specs:
        done = existing_result(spec, out)
        if done is not None:
            record(done)
        else:
            yield spec


def _run_pool(
    specs: Iterator[PartitionSpec], out: Path, min_confidence: float, n: int, record: OnResult
) -> None:
    # At most 2 partitions per worker in flight: the parent never holds the whole input.
    limit = 2 * n
    with ProcessPoolExecutor(n, initializer=init_worker, initargs=(min_confidence,)) as pool:
        running: set[Future] = set()
        for spec in specs:
            running.add(pool.submit(process_partition, spec, out, min_confidence))
            while len(running) >= limit:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for fut in done:
                    record(fut.result())
        for fut in _drain(running):
            record(fut.result())


def _drain(running: set[Future]) -> Iterator[Future]:
    while running:
        done, running = wait(running, return_when=FIRST_COMPLETED)
        yield from done


def _run_dask(
    specs: Iterator[PartitionSpec], out: Path, min_confidence: float, address: str,
    record: OnResult,
) -> None:
    from distributed import Client, as_completed

    with Client(address) as client:
        limit = 2 * max(1, len(client.scheduler_info().get("workers", {})))
        queue = as_completed()
        for spec in specs:
            # The task is a pure function of its spec, so Dask may retry it safely.
            queue.add(client.submit(process_partition, spec, str(out), min_confidence,
                                    key=f"marsad-partition-{spec.name}-{spec.fingerprint}",
                                    retries=2))
            while queue.count() >= limit:
                record(next(queue).result())
        for fut in queue:
            record(fut.result())


def _remove_stale_temporaries(out: Path) -> None:
    """A killed run may leave ``.NAME.PID.tmp`` files behind; they are never valid output."""
    for tmp in [*out.glob(".*.tmp"), *out.glob("*/.*.tmp")]:
        tmp.unlink(missing_ok=True)


def write_manifest(batch: BatchResult, inputs: list[Path], partition_size: int) -> Path:
    """``_manifest.json``: inputs, partition size, and each partition's files and counts."""
    manifest = {
        "inputs": [str(p) for p in inputs],
        "partition_size": partition_size,
        "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "articles": batch.articles,
        "events": batch.events,
        "rejects": batch.rejects,
        "partitions": [
            {**r.as_dict(),
             "files": {k: p.relative_to(batch.out_dir).as_posix()
                       for k, p in partition_paths(batch.out_dir, r.name).items()}}
            for r in batch.partitions
        ],
    }
    path = batch.out_dir / MANIFEST
    tmp = path.with_name(f".{MANIFEST}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return path


__all__ = ["BatchResult", "count_articles", "run_batch", "write_manifest"]
