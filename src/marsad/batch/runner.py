"""Run every partition, locally in a process pool or on a Dask cluster, then write the manifest."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import multiprocessing
import os
import re
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from marsad.batch.guard import Budget
from marsad.batch.partition import (
    PartitionSpec,
    auto_partition_size,
    count_articles,
    iter_partitions,
)
from marsad.batch.warm import prebuild_gazetteer_cache
from marsad.batch.worker import (
    KINDS,
    PartitionResult,
    existing_result,
    init_worker,
    partition_paths,
    pool_task,
    process_partition,
)
from marsad.extract.confidence import DEFAULT_MIN_CONFIDENCE

MANIFEST = "_manifest.json"
PLAN = "_plan.json"  # the partition size chosen for these inputs, written before any work
MAX_ATTEMPTS = 3  # a partition whose worker dies this often is reported as failed, not fatal

OnResult = Callable[[PartitionResult], None]
OnArticles = Callable[[int], None]


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

    @property
    def failed(self) -> list[PartitionResult]:
        return [p for p in self.partitions if p.failed]


def run_batch(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    partition_size: int | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    published: dt.date | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    on_result: OnResult | None = None,
    on_articles: OnArticles | None = None,
    budget: Budget | None = None,
    articles: int | None = None,
) -> BatchResult:
    """Extract all inputs into ``out_dir`` (one set of Parquet files per partition).

    ``partition_size``: articles per partition; None sizes them from the input and the
    worker count (``auto_partition_size``; ``articles`` is the input's article count if
    the caller already has it, else it is counted here). The size chosen is kept in
    ``_plan.json``, so a resumed run on the same inputs cuts the same partitions even with
    another worker count.
    ``workers``: local processes (default: all cores; 1 runs in this process).
    ``scheduler``: a Dask scheduler address; then ``workers`` is ignored and
    ``out_dir`` must be visible to every Dask worker under the same path.
    Finished partitions (files present, same fingerprint) are skipped.
    ``on_articles(n)`` reports articles extracted as they finish (local runs),
    ``on_result`` each finished, skipped or failed partition.
    A partition whose worker process dies is retried in a new pool, up to
    ``MAX_ATTEMPTS`` times, then reported in ``BatchResult.failed``.
    """
    inputs = [Path(p) for p in inputs]
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(out)
    logging.getLogger("marsad.ingest").setLevel(logging.ERROR)  # rejects go to Parquet
    started = time.perf_counter()
    budget = budget or Budget()
    n = workers or os.cpu_count() or 1
    if partition_size is None:
        partition_size = _planned_size(out, inputs, published, n, articles)
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
        _run_dask(pending, out, min_confidence, scheduler, record, budget)
    else:
        tick = (lambda: on_articles(1)) if on_articles is not None else None
        if n <= 1:
            for spec in pending:
                record(process_partition(spec, out, min_confidence, budget=budget, on_article=tick))
        else:
            with _terminate_on_sigterm():
                _run_pool(pending, out, min_confidence, n, record, budget, on_articles)
    results.sort(key=lambda r: r.index)
    batch = BatchResult(out_dir=out, partitions=results, seconds=time.perf_counter() - started)
    _remove_stale_partitions(out, {r.name for r in results})
    write_manifest(batch, inputs, partition_size)
    return batch


def _planned_size(
    out: Path, inputs: list[Path], published: dt.date | None, workers: int, articles: int | None
) -> int:
    """The partition size of an earlier run on the same inputs, else one sized for them."""
    key = {"inputs": [str(p.resolve()) for p in inputs], "published": str(published)}
    path = out / PLAN
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        plan = json.loads(path.read_text(encoding="utf-8"))
        if {k: plan[k] for k in key} == key and int(plan["partition_size"]) >= 1:
            return int(plan["partition_size"])
    if articles is None:
        articles = count_articles(inputs, published)
    size = auto_partition_size(articles, workers)
    tmp = path.with_name(f".{PLAN}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        plan = {**key, "articles": articles, "workers": workers, "partition_size": size}
        tmp.write_text(json.dumps(plan, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    return size


def _pending(
    specs: Iterator[PartitionSpec], out: Path, record: OnResult
) -> Iterator[PartitionSpec]:
    """Specs still to do; finished ones are recorded here and never shipped to a worker."""
    for spec in specs:
        done = existing_result(spec, out)
        if done is not None:
            record(done)
        else:
            yield spec


class _Pool:
    """A process pool whose workers die with this process, rebuilt when a worker dies."""

    def __init__(self, n: int, min_confidence: float, budget: Budget) -> None:
        self.counter = multiprocessing.Value("q", 0)
        self.args = (n, min_confidence, budget)
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        n, min_confidence, budget = self.args
        return ProcessPoolExecutor(
            n, initializer=init_worker, initargs=(min_confidence, self.counter, budget)
        )

    def rebuild(self) -> None:
        self.close(kill=True)
        self.executor = self._new()

    def close(self, kill: bool = False) -> None:
        if kill:  # a broken or abandoned pool: do not wait for in-flight partitions
            for process in list((getattr(self.executor, "_processes", None) or {}).values()):
                with contextlib.suppress(Exception):
                    process.kill()
        self.executor.shutdown(wait=not kill, cancel_futures=True)

    def articles_done(self) -> int:
        """Articles extracted since the last call (all workers)."""
        with self.counter.get_lock():
            n, self.counter.value = self.counter.value, 0
        return n


def _run_pool(
    specs: Iterator[PartitionSpec],
    out: Path,
    min_confidence: float,
    n: int,
    record: OnResult,
    budget: Budget,
    on_articles: OnArticles | None = None,
) -> None:
    # At most 2 partitions per worker in flight: the parent never holds the whole input.
    limit = 2 * n
    pool = _Pool(n, min_confidence, budget)
    retry: deque[PartitionSpec] = deque()  # lost with a broken pool: rerun one at a time
    attempts: dict[int, int] = {}
    running: dict[Future, PartitionSpec] = {}
    finished = False

    def tick() -> None:
        done = pool.articles_done()
        if done and on_articles is not None:
            on_articles(done)

    try:
        exhausted = False
        while True:
            # A partition lost with a broken pool reruns alone, so that a pool that
            # breaks again pins the partition that kills its worker.
            while retry and not running:
                spec = retry.popleft()
                running[pool.executor.submit(pool_task, spec, out, min_confidence)] = spec
            while len(running) < limit and not retry and not exhausted:
                spec = next(specs, None)
                if spec is None:
                    exhausted = True
                    break
                running[pool.executor.submit(pool_task, spec, out, min_confidence)] = spec
            if not running:
                break
            done, _ = wait(running, timeout=0.25, return_when=FIRST_COMPLETED)
            tick()
            lost = []
            for fut in done:
                spec = running.pop(fut)
                try:
                    record(fut.result())
                except BrokenProcessPool:
                    lost.append(spec)
                except Exception as exc:  # noqa: BLE001 — e.g. a write error in the worker
                    _retry_or_fail(spec, f"{type(exc).__name__}: {exc}", attempts, retry, record)
            if lost:
                # Every partition in flight in the broken pool is lost with it; only
                # one that was alone in the pool is to blame for it.
                lost.extend(running.values())
                running.clear()
                pool.rebuild()
                for spec in lost:
                    _retry_or_fail(
                        spec,
                        "a worker process died (killed, or out of memory)",
                        attempts,
                        retry,
                        record,
                        blame=len(lost) == 1,
                    )
        tick()
        finished = True
    finally:
        pool.close(kill=not finished)


def _retry_or_fail(
    spec: PartitionSpec,
    why: str,
    attempts: dict[int, int],
    retry: deque[PartitionSpec],
    record: OnResult,
    blame: bool = True,
) -> None:
    attempts[spec.index] = attempts.get(spec.index, 0) + 1
    if attempts[spec.index] < MAX_ATTEMPTS or not blame:
        retry.append(spec)
        return
    record(
        PartitionResult(
            index=spec.index,
            name=spec.name,
            fingerprint=spec.fingerprint,
            articles=0,
            events=0,
            rejects=0,
            seconds=0.0,
            failed=f"{why}; {MAX_ATTEMPTS} attempts",
        )
    )


@contextlib.contextmanager
def _terminate_on_sigterm() -> Iterator[None]:
    """SIGTERM (``kill PID``) unwinds like Ctrl-C, so the pool's workers are stopped."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signum, _frame) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run_dask(
    specs: Iterator[PartitionSpec],
    out: Path,
    min_confidence: float,
    address: str,
    record: OnResult,
    budget: Budget,
) -> None:
    from distributed import Client, as_completed

    with Client(address) as client:
        limit = 2 * max(1, len(client.scheduler_info().get("workers", {})))
        queue = as_completed()
        for spec in specs:
            # The task is a pure function of its spec, so Dask may retry it safely.
            queue.add(
                client.submit(
                    process_partition,
                    spec,
                    str(out),
                    min_confidence,
                    budget=budget,
                    key=f"marsad-partition-{spec.name}-{spec.fingerprint}",
                    retries=2,
                )
            )
            while queue.count() >= limit:
                record(next(queue).result())
        for fut in queue:
            record(fut.result())


_PARTITION_FILE = re.compile(rf"^({'|'.join(KINDS)})-(\d{{5,}})\.parquet$")


def _remove_stale_partitions(out: Path, names: set[str]) -> None:
    """Partition files of an earlier, larger run in the same folder are not this run's output."""
    folders = [out, *(out / kind for kind in KINDS if (out / kind).is_dir())]
    for path in (p for folder in folders for p in folder.iterdir()):
        m = _PARTITION_FILE.match(path.name)
        if m and m.group(2) not in names:
            path.unlink(missing_ok=True)


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
            {
                **r.as_dict(),
                "files": {
                    k: p.relative_to(batch.out_dir).as_posix()
                    for k, p in partition_paths(batch.out_dir, r.name).items()
                },
            }
            for r in batch.partitions
        ],
    }
    path = batch.out_dir / MANIFEST
    tmp = path.with_name(f".{MANIFEST}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return path


__all__ = ["BatchResult", "count_articles", "run_batch", "write_manifest"]
