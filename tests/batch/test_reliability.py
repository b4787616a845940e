"""Batch under hostile conditions (issue 15): dead workers, killed parents, damaged folders."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

import marsad  # noqa: E402
from marsad.batch import read_events, run_batch, worker
from marsad.batch.guard import Budget
from marsad.batch.tables import partition_files, partition_path
from marsad.cli import app
from marsad.extract.confidence import DEFAULT_MIN_CONFIDENCE

from .conftest import CORPUS, reference_events, write_input

SRC = Path(marsad.__file__).resolve().parents[1]  # the marsad under test, wherever it is
runner = CliRunner()


class _DiesOnce:
    """A pipeline whose worker process dies (like an OOM kill) on one article, once or always."""

    def __init__(self, pipeline, victim: str, marker: Path | None) -> None:
        self.pipeline, self.victim, self.marker = pipeline, victim, marker

    def extract(self, article):
        if article.id == self.victim and (self.marker is None or not self.marker.exists()):
            if self.marker is not None:
                self.marker.write_text("died")
            os._exit(9)
        return self.pipeline.extract(article)


def test_dead_worker_partition_is_retried(tmp_path, input_file, pipeline, monkeypatch):
    monkeypatch.setitem(
        worker._PIPELINES, DEFAULT_MIN_CONFIDENCE, _DiesOnce(pipeline, "syn-2", tmp_path / "died")
    )
    result = run_batch([input_file], tmp_path / "out", partition_size=3, workers=2)
    assert (tmp_path / "died").exists()  # a worker really died
    assert result.failed == [] and result.articles == 13
    assert read_events(tmp_path / "out") == reference_events([input_file], pipeline)


def test_partition_that_always_kills_its_worker_fails_alone(
    tmp_path, input_file, pipeline, monkeypatch
):
    monkeypatch.setitem(
        worker._PIPELINES, DEFAULT_MIN_CONFIDENCE, _DiesOnce(pipeline, "syn-2", None)
    )
    result = run_batch([input_file], tmp_path / "out", partition_size=3, workers=2)
    (failed,) = result.failed
    assert "worker process died" in failed.failed
    done = [p for p in result.partitions if not p.failed]
    assert len(done) == len(result.partitions) - 1 and result.articles == 13 - 3
    manifest = json.loads((tmp_path / "out" / "_manifest.json").read_text(encoding="utf-8"))
    assert [p["name"] for p in manifest["partitions"] if p["failed"]] == [failed.name]


def test_batch_command_reports_a_failed_partition_without_traceback(
    tmp_path, input_file, pipeline, monkeypatch
):
    monkeypatch.setitem(
        worker._PIPELINES, DEFAULT_MIN_CONFIDENCE, _DiesOnce(pipeline, "syn-2", None)
    )
    result = runner.invoke(
        app,
        [
            "batch",
            str(input_file),
            "-o",
            str(tmp_path / "o"),
            "--workers",
            "2",
            "--partition-size",
            "3",
            "--no-count",
        ],
    )
    assert result.exit_code == 1
    assert "failed: a worker process died" in result.output
    assert "Traceback" not in result.output


def test_progress_advances_per_article(tmp_path, input_file):
    seen: list[int] = []
    run_batch([input_file], tmp_path / "out", partition_size=50, workers=2, on_articles=seen.append)
    assert sum(seen) == 13
    seen.clear()
    run_batch([input_file], tmp_path / "one", partition_size=50, workers=1, on_articles=seen.append)
    assert seen == [1] * 13  # one call per article, not one per 50-article partition


def test_budget_rejects_long_articles_in_batch(tmp_path, input_file):
    import pyarrow.parquet as pq

    from marsad.batch.tables import rejects_from_table

    result = run_batch(
        [input_file], tmp_path / "out", partition_size=50, workers=1, budget=Budget(max_chars=200)
    )
    rejects = rejects_from_table(
        pq.read_table(partition_path(tmp_path / "out", "rejects", "00000"))
    )
    too_long = [r for r in rejects if r.reason.startswith("too long")]
    assert too_long and all(r.origin.startswith(f"{input_file}:") for r in too_long)
    assert result.articles == 13


def test_corrupt_partition_file_is_redone(tmp_path, input_file, pipeline):
    out = tmp_path / "out"
    run_batch([input_file], out, partition_size=4, workers=1)
    partition_path(out, "events", "00001").write_bytes(b"PAR1 truncated")
    result = run_batch([input_file], out, partition_size=4, workers=1)
    assert [p.name for p in result.partitions if not p.skipped] == ["00001"]
    assert read_events(out) == reference_events([input_file], pipeline)


def test_stale_partitions_of_a_larger_run_are_removed(tmp_path, input_file, pipeline):
    out = tmp_path / "out"
    run_batch([input_file], out, partition_size=2, workers=1)
    assert partition_path(out, "events", "00006").exists()
    small = write_input(tmp_path / "small.jsonl", with_bad_lines=False)
    lines = small.read_text(encoding="utf-8").splitlines()[:3]
    small.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_batch([small], out, partition_size=2, workers=1)
    assert sorted(p.name for p in partition_files(out, "events")) == [
        "events-00000.parquet",
        "events-00001.parquet",
    ]
    assert read_events(out) == reference_events([small], pipeline)


def test_ingest_refuses_a_folder_without_partitions(tmp_path):
    (tmp_path / "notbatch").mkdir()
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "notbatch"), "--db", f"sqlite:///{tmp_path / 'i.db'}"]
    )
    assert result.exit_code == 2 and "no articles found" in result.output


def test_ingest_skips_a_damaged_partition_and_loads_the_rest(tmp_path, input_file):
    out = tmp_path / "out"
    run_batch([input_file], out, partition_size=4, workers=1)
    partition_path(out, "articles", "00001").write_bytes(b"garbage")
    db = f"sqlite:///{tmp_path / 'i.db'}"
    result = runner.invoke(app, ["ingest", str(out), "--db", db])
    assert result.exit_code == 1, result.output
    assert "partition 00001 not loaded" in result.output and "Traceback" not in result.output
    assert "9 articles" in result.output  # 13 minus the 4 of the damaged partition


# The command as a user runs it (its progress bar has a refresh thread while the
# pool forks: orphaned workers of the old code hung on an inherited lock).
_DRIVER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {src!r})
    from marsad.cli import app
    app(["batch", {inp!r}, "-o", {out!r}, "--workers", "2", "--partition-size", "50",
         "--no-count"])
""")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_their_parent(tmp_path, sig):
    day = CORPUS / "2015-07-21.zip"
    if not day.exists():
        pytest.skip("needs ../shared/corpus/saudinewsnet")
    script = _DRIVER.format(src=str(SRC), inp=str(day), out=str(tmp_path / "out"))
    parent = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.DEVNULL)
    children: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(children) < 2:
            time.sleep(0.2)
            children = psutil.Process(parent.pid).children()
        assert len(children) >= 2, "the pool never started"
        out = tmp_path / "out"
        while time.monotonic() < deadline and len(partition_files(out, "events")) < 2:
            time.sleep(0.1)  # wait until the workers are extracting
        assert parent.poll() is None, "the run ended before it could be killed"
        os.kill(parent.pid, sig)
        parent.wait(timeout=30)
        gone, alive = psutil.wait_procs(children, timeout=5)  # the watchdog polls every 0.5 s
        assert alive == [], f"orphaned workers: {[p.pid for p in alive]}"
    finally:
        if parent.poll() is None:
            parent.kill()
        for child in children:  # never leave a process of this test behind
            if child.is_running():
                child.kill()
