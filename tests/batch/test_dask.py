"""A Dask LocalCluster with two worker processes writes exactly the single-process events."""

from __future__ import annotations

import logging

import pytest

from marsad.batch import read_events, run_batch

from .conftest import CORPUS, reference_events


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as c:
        yield c


def test_dask_equals_single_process(tmp_path, input_file, pipeline, cluster):
    result = run_batch(
        [input_file], tmp_path / "out", partition_size=3, scheduler=cluster.scheduler_address
    )
    assert len(result.partitions) == 5 and result.rejects == 3
    assert read_events(tmp_path / "out") == reference_events([input_file], pipeline)


def test_dask_equals_local_on_corpus_slice(tmp_path, pipeline, cluster):
    if not CORPUS.is_dir():
        pytest.skip("../shared corpus not present")
    from marsad.ingest import RejectLog, read_articles

    # ~300 real articles, written to JSONL so both runs read exactly the same input.
    source = sorted(CORPUS.glob("*.zip"))[-1]
    subset = tmp_path / "slice.jsonl"
    with subset.open("w", encoding="utf-8") as fh:
        for i, article in enumerate(read_articles([source], rejects=RejectLog())):
            if i >= 300:
                break
            fh.write(article.model_dump_json() + "\n")
    dask_run = run_batch(
        [subset], tmp_path / "dask", partition_size=75, scheduler=cluster.scheduler_address
    )
    local_run = run_batch([subset], tmp_path / "local", partition_size=75, workers=1)
    assert dask_run.articles == local_run.articles == 300
    assert read_events(tmp_path / "dask") == read_events(tmp_path / "local")
    assert read_events(tmp_path / "local") == reference_events([subset], pipeline)
