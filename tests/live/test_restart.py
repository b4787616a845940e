"""`marsad watch` as a real process: killed with SIGKILL and restarted, it codes nothing
twice and misses nothing; `--once` and `--help` from the command line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

import marsad
from marsad.cli import app
from tests.live.articles import ADEN, KHARTOUM, SCHOOL, rss
from tests.live.conftest import Site

SRC = str(Path(marsad.__file__).resolve().parents[1])


def _sources(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(
        f"sources:\n  - name: agency\n    url: {url}\n    interval: 0.2\n"
        "fetch:\n  min_delay: 0\n  timeout: 5\n",
        encoding="utf-8",
    )
    return path


def _rows(db: Path) -> dict[str, tuple]:
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT id, ingested_at, updated_at, text_hash FROM articles")
        ).all()
    engine.dispose()
    return {r[0]: tuple(r[1:]) for r in rows}


def _wait_for(db: Path, n: int, limit: float = 120.0) -> None:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if db.exists():
            try:
                if len(_rows(db)) >= n:
                    return
            except sa.exc.OperationalError:
                pass  # tables not made yet
        time.sleep(0.2)
    raise AssertionError(f"store never reached {n} articles")


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-c", "from marsad.cli import app; app()", *args]


def test_sigkill_and_restart_codes_nothing_twice_and_misses_nothing(
    site: Site, tmp_path: Path
) -> None:
    url = site.put("/agency.xml", rss([("a", "عدن", ADEN), ("k", "الخرطوم", KHARTOUM)]))
    sources, db = _sources(tmp_path, url), tmp_path / "live.db"
    env = {**os.environ, "PYTHONPATH": SRC}
    proc = subprocess.Popen(
        _cmd("watch", str(sources), "--db", f"sqlite:///{db}", "--no-live"),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(db, 2)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    before = _rows(db)
    assert len(before) == 2
    # while it was down the outlet published a third item
    site.put(
        "/agency.xml", rss([("a", "عدن", ADEN), ("k", "الخرطوم", KHARTOUM), ("s", "جدة", SCHOOL)])
    )
    done = subprocess.run(
        _cmd("watch", str(sources), "--db", f"sqlite:///{db}", "--once"),
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    after = _rows(db)
    assert len(after) == 3
    assert {k: after[k] for k in before} == before  # the first two were not coded again
    assert "1 articles stored, 2 already known, 0 failures" in done.stderr


def test_watch_once_and_help_from_the_command_line(site: Site, tmp_path: Path) -> None:
    url = site.put("/agency.xml", rss([("a", "عدن", ADEN)]))
    sources, db = _sources(tmp_path, url), tmp_path / "once.db"
    runner = CliRunner()
    result = runner.invoke(app, ["watch", str(sources), "--db", f"sqlite:///{db}", "--once"])
    assert result.exit_code == 0, result.output
    assert len(_rows(db)) == 1
    result = runner.invoke(app, ["watch", "--help"])
    assert (
        result.exit_code == 0
        and "min_fatalities" in result.output
        and "follow_links" in result.output
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - name: x\n    url: ftp://nowhere\n", encoding="utf-8")
    result = runner.invoke(app, ["watch", str(bad), "--db", f"sqlite:///{db}", "--once"])
    assert result.exit_code == 2 and "sources.0.url" in result.output
