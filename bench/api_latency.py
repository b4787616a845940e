"""p50/p95 latency of the HTTP API on a store holding one corpus day (a benchmark, not a test).

    python bench/api_latency.py --day ../shared/corpus/saudinewsnet/2015-08-01.zip [--db URL]

Ingests the day with the real pipeline into a fresh SQLite store (or uses --db as it is),
then times --requests GETs of each endpoint through a live uvicorn on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from marsad.api.app import Settings, create_app
from marsad.pipeline import Pipeline
from marsad.store import Store
from marsad.store.ingest import ingest


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--day", type=Path, help="one corpus file (a day) to ingest")
    parser.add_argument("--db", help="an existing store instead of ingesting --day")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    url = args.db or f"sqlite:///{tmp.name}/bench.db"
    if args.db is None:
        store = Store(url)
        started = time.perf_counter()
        result = ingest(store, [args.day], Pipeline().extract)
        print(
            f"ingested {result.read} articles in {time.perf_counter() - started:.1f} s: "
            f"{store.events_count()} reports, {store.clusters_count()} events"
        )
        store.close()
    app = create_app(Settings(db=url))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    first = httpx.get(f"{base}/api/events", params={"limit": 1}).json()["events"]
    one = first[0]["event_id_cnty"] if first else "none"
    cases = {
        "/api/events": {},
        "/api/events?limit=1000": {"limit": 1000},
        "/api/events?format=geojson": {"format": "geojson", "limit": 1000},
        "/api/events?type=Battles": {"type": "Battles"},
        "/api/events?review=true": {"review": "true"},
        "/api/stats": None,
        f"/api/events/{one}": None,
    }
    report = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        for name, params in cases.items():
            path = name.split("?")[0]
            times = []
            for _ in range(args.requests):
                started = time.perf_counter()
                r = client.get(path, params=params)
                times.append((time.perf_counter() - started) * 1000)
                r.raise_for_status()
            report[name] = {
                "p50_ms": round(statistics.median(times), 2),
                "p95_ms": round(_percentile(times, 0.95), 2),
                "n": len(times),
            }
            print(
                f"{name:32} p50 {report[name]['p50_ms']:7.2f} ms  p95 {report[name]['p95_ms']:7.2f} ms"
            )
    server.should_exit = True
    app.state.store.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
