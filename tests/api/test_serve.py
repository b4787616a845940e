"""``marsad serve``: a live uvicorn on 127.0.0.1 answering the API and the docs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
from typer.testing import CliRunner

from marsad.cli import app

LAUNCH = [sys.executable, "-c", "from marsad.cli import app; app()"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_over_http(db_url):
    port = _free_port()
    env = {**os.environ, "MARSAD_API_KEY": "k"}
    proc = subprocess.Popen(
        [*LAUNCH, "serve", "--db", db_url, "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"{base}/api/events", timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read().decode()
                assert time.monotonic() < deadline, "marsad serve did not start"
                time.sleep(0.2)
        assert r.status_code == 200
        assert [e["location"] for e in r.json()["events"]] == ["Sirte", "Benghazi"]
        assert httpx.get(f"{base}/docs", timeout=5).status_code == 200
        assert (
            httpx.delete(
                f"{base}/api/events/x",
                params={"note": "n", "author": "a"},
                headers={"X-API-Key": "wrong"},
                timeout=5,
            ).status_code
            == 401
        )
    finally:
        proc.terminate()
        proc.wait(10)


def test_serve_with_a_missing_store_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", f"sqlite:///{tmp_path}/no/such/x.db"])
    assert result.exit_code == 2
    assert "does not exist" in result.output
