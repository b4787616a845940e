"""Local batch runs: same events as one process, resumable, rejects kept, manifest, ingest."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from marsad.batch import read_events, run_batch, worker
from marsad.batch.load import load_into_store
from marsad.batch.partition import iter_partitions
from marsad.batch.tables import rejects_from_table
from marsad.extract.confidence import DEFAULT_MIN_CONFIDENCE

from .conftest import reference_events, write_input


def _files(out):
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))


def test_partitions_are_deterministic(input_file):
    first = list(iter_partitions([input_file], 4))
    second = list(iter_partitions([input_file], 4))
    assert [s.fingerprint for s in first] == [s.fingerprint for s in second]
    assert [len(s.articles) for s in first] == [4, 4, 4, 1]
    assert len({s.fingerprint for s in first}) == len(first)
    # Every bad line belongs to exactly one partition.
    assert sum(len(s.rejects) for s in first) == 3


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_equals_single_process(tmp_path, input_file, pipeline, workers):
    result = run_batch([input_file], tmp_path / "out", partition_size=4, workers=workers)
    assert result.articles == 13
    assert read_events(tmp_path / "out") == reference_events([input_file], pipeline)
    assert result.events == len(reference_events([input_file], pipeline)) > 5


def test_bad_lines_end_in_rejects_and_do_not_stop(tmp_path, input_file):
    out = tmp_path / "out"
    result = run_batch([input_file], out, partition_size=4, workers=1)
    rejects = [
        r
        for p in sorted(out.glob("rejects/rejects-*.parquet"))
        for r in rejects_from_table(pq.read_table(p))
    ]
    assert result.rejects == len(rejects) == 3
    assert {r.origin.rsplit(":", 1)[1] for r in rejects} == {"4", "9", "16"}
    assert any(r.raw.startswith("{this is not json") for r in rejects)
    assert result.articles == 13  # every good article after the bad lines was still read


def test_extraction_error_becomes_a_reject(tmp_path, input_file, pipeline, monkeypatch):
    class Flaky:
        def extract(self, article):
            if article.id == "syn-2":
                raise RuntimeError("lexicon exploded")
            return pipeline.extract(article)

    monkeypatch.setitem(worker._PIPELINES, DEFAULT_MIN_CONFIDENCE, Flaky())
    result = run_batch([input_file], tmp_path / "out", partition_size=50, workers=1)
    rejects = rejects_from_table(
        pq.read_table(tmp_path / "out" / "rejects" / "rejects-00000.parquet")
    )
    assert result.articles == 13
    # the reject names the file and line the article came from, and its id
    assert [(r.origin, r.extra) for r in rejects if "exploded" in r.reason] == [
        (f"{input_file}:5", {"article_id": "syn-2"})
    ]
    assert all(e.article_id != "syn-2" for e in read_events(tmp_path / "out"))


def test_killed_batch_resumes_without_duplicates(tmp_path, input_file):
    clean = run_batch([input_file], tmp_path / "clean", partition_size=3, workers=1)
    out = tmp_path / "out"
    run_batch([input_file], out, partition_size=3, workers=1)
    # Simulate a crash inside partition 1 (files lost, a temporary left) and
    # one before partition 3's events were renamed into place.
    for p in out.glob("*/*-00001.parquet"):
        p.unlink()
    (out / "events" / ".events-00001.parquet.999.tmp").write_bytes(b"half a file")
    (out / "events" / "events-00003.parquet").unlink()
    resumed = run_batch([input_file], out, partition_size=3, workers=1)
    assert resumed.skipped == len(resumed.partitions) - 2
    assert _files(out) == _files(tmp_path / "clean")
    events = read_events(out)
    assert events == read_events(tmp_path / "clean")
    assert len({e.event_id for e in events}) == len(events) == clean.events


def test_changed_input_redoes_the_partition(tmp_path):
    path = write_input(tmp_path / "in.jsonl", with_bad_lines=False)
    run_batch([path], tmp_path / "out", partition_size=50, workers=1)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # one article fewer
    again = run_batch([path], tmp_path / "out", partition_size=50, workers=1)
    assert again.skipped == 0
    assert again.articles == len(lines) - 1


def test_manifest_lists_partitions_counts_and_inputs(tmp_path, input_file):
    result = run_batch([input_file], tmp_path / "out", partition_size=5, workers=1)
    manifest = json.loads((tmp_path / "out" / "_manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"] == [str(input_file)]
    assert [p["name"] for p in manifest["partitions"]] == ["00000", "00001", "00002"]
    assert manifest["articles"] == 13 and manifest["events"] == result.events
    assert manifest["partitions"][0]["files"]["events"] == "events/events-00000.parquet"


class _RecordingStore:
    """Keeps what ``Store.save`` would: rows keyed by stable ids, so repeats overwrite."""

    def __init__(self):
        self.articles, self.events, self.calls = {}, {}, 0

    def save(self, article, events):
        self.calls += 1
        self.articles[article.id] = article
        for e in events:
            self.events[e.event_id] = e


def test_load_passes_each_article_once_with_its_events(tmp_path, input_file, pipeline):
    run_batch([input_file], tmp_path / "out", partition_size=4, workers=1)
    store = _RecordingStore()
    result = load_into_store(tmp_path / "out", store)
    assert store.calls == result.articles == 13
    assert result.events == len(reference_events([input_file], pipeline))
    assert sorted(store.events) == sorted(e.event_id for e in read_events(tmp_path / "out"))


def test_ingest_twice_gives_the_same_counts(tmp_path, input_file):
    store_mod = pytest.importorskip("marsad.store")
    if not hasattr(store_mod, "Store"):
        pytest.skip("marsad.store.Store not written yet")
    from typer.testing import CliRunner

    from marsad.cli import app

    out, db = tmp_path / "out", f"sqlite:///{tmp_path / 'm.db'}"
    runner = CliRunner()
    ran = runner.invoke(
        app, ["batch", str(input_file), "-o", str(out), "--workers", "1", "--partition-size", "4"]
    )
    assert ran.exit_code == 0, ran.output
    counts = []
    for _ in range(2):
        ran = runner.invoke(app, ["ingest", str(out), "--db", db])
        assert ran.exit_code == 0, ran.output
        store = store_mod.Store(db)
        counts.append((store.articles_count(), store.events_count()))
        store.close()
    assert counts[0] == counts[1]
    assert counts[0][1] == len(read_events(out)) > 0
