"""Partitions sized from the input and the worker count: enough of them to keep every
worker busy on a few day files, bounded in size, the same answer as one process."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from marsad.batch import read_events, run_batch
from marsad.batch.sizes import (
    MAX_PARTITION_SIZE,
    MIN_PARTITION_SIZE,
    PARTITIONS_PER_WORKER,
    auto_partition_size,
)

from .conftest import EXAMPLES, SYNTHETIC, reference_events


@pytest.mark.parametrize(
    ("articles", "workers"),
    [(6340, 2), (6340, 1), (24724, 2), (24724, 8), (200_000, 2), (450, 2), (13, 2), (0, 4)],
)
def test_auto_size_is_bounded_and_keeps_workers_busy(articles: int, workers: int) -> None:
    size = auto_partition_size(articles, workers)
    assert MIN_PARTITION_SIZE <= size <= MAX_PARTITION_SIZE
    parts = math.ceil(articles / size)
    if size > MIN_PARTITION_SIZE and size < MAX_PARTITION_SIZE:
        # neither bound hit: about PARTITIONS_PER_WORKER per worker
        assert workers * PARTITIONS_PER_WORKER - 1 <= parts <= workers * PARTITIONS_PER_WORKER
    if size == MAX_PARTITION_SIZE:
        assert parts >= workers * PARTITIONS_PER_WORKER


def test_three_day_files_on_two_workers_get_many_partitions() -> None:
    # the case of issue 16: 6,340 articles used to be four 2,000-article partitions
    assert math.ceil(6340 / auto_partition_size(6340, 2)) >= 2 * 4


def _constructed_set(path: Path, copies: int) -> Path:
    """The examples and the synthetic articles, repeated under new ids (> 2 partitions)."""
    base = [json.loads(ln) for ln in EXAMPLES.read_text(encoding="utf-8").splitlines() if ln]
    base += SYNTHETIC
    with path.open("w", encoding="utf-8") as fh:
        for k in range(copies):
            for record in base:
                fh.write(json.dumps({**record, "id": f"{record['id']}-c{k}"}, ensure_ascii=False))
                fh.write("\n")
    return path


@pytest.mark.parametrize("workers", [1, 2])
def test_auto_sized_batch_equals_sequential_on_examples(tmp_path, pipeline, workers) -> None:
    result = run_batch([EXAMPLES], tmp_path / "out", workers=workers)
    assert read_events(tmp_path / "out") == reference_events([EXAMPLES], pipeline)
    assert result.events > 0


def test_auto_sized_batch_equals_sequential_on_a_constructed_set(tmp_path, pipeline) -> None:
    path = _constructed_set(tmp_path / "set.jsonl", copies=35)  # 35 * 13 = 455 articles
    result = run_batch([path], tmp_path / "out", workers=2)
    assert result.articles == 455
    assert len(result.partitions) == math.ceil(455 / auto_partition_size(455, 2)) >= 4
    events = read_events(tmp_path / "out")
    assert events == reference_events([path], pipeline)
    assert len(events) > 100
    manifest = json.loads((tmp_path / "out" / "_manifest.json").read_text(encoding="utf-8"))
    assert manifest["partition_size"] == auto_partition_size(455, 2)


def test_resumed_run_keeps_the_planned_size(tmp_path) -> None:
    path = _constructed_set(tmp_path / "set.jsonl", copies=20)  # 260 articles
    out = tmp_path / "out"
    # a first run sized for a larger count (say the count hint was off): 1 partition
    first = run_batch([path], out, workers=2, articles=5000)
    plan = json.loads((out / "_plan.json").read_text(encoding="utf-8"))
    assert plan["partition_size"] == auto_partition_size(5000, 2) > 260
    assert len(first.partitions) == 1
    # a rerun that alone would cut 3 partitions of 100 keeps the first cut: all done
    assert auto_partition_size(260, 1) == 100
    again = run_batch([path], out, workers=1, articles=260)
    assert again.skipped == len(again.partitions) == 1
    # other inputs are planned afresh; an explicit size is always obeyed
    other = run_batch([path, EXAMPLES], out, workers=1)
    assert other.skipped == 0 and other.articles == 269
    explicit = run_batch([path], tmp_path / "explicit", partition_size=7, workers=1)
    assert len(explicit.partitions) == math.ceil(260 / 7)
