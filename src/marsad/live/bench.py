"""Watcher benchmark on a local server (127.0.0.1): ``python -m marsad.live.bench``.

1. Delay from an item appearing in a feed polled every second to its article being
   in the store (p50/p95 over ``--items`` items, the real pipeline extracting).
2. Sources one process follows at a 60 s interval: the time of one pass over
   ``--sources`` feeds (spread over ``--hosts`` local servers, as outlets are
   separate hosts), each with one new item, and with nothing new (304s);
   capacity = sources × 60 s / pass time.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import io
import statistics
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from marsad.live.sources import Fetch, Source, SourcesFile
from marsad.live.watch import Watcher
from marsad.pipeline import Pipeline
from marsad.store.store import Store

PLACES = ["عدن", "تعز", "الحديدة", "مأرب", "صنعاء", "إب", "ذمار", "حجة", "صعدة", "لحج"]


def _item(n: int) -> tuple[str, str]:
    place = PLACES[n % len(PLACES)]
    return f"bench-{n}", (
        f"قتل {n % 9 + 2} مدنيين في انفجار عبوة ناسفة في مدينة {place} "
        f"اليمنية يوم الأحد، وفق مصادر محلية. (رقم {n})"
    )


def _feed(items: list[tuple[str, str]]) -> bytes:
    body = "".join(
        f"<item><guid>{g}</guid><title>خبر</title><description>{escape(t)}</description>"
        "<pubDate>Sun, 29 Nov 2026 08:00:00 GMT</pubDate></item>"
        for g, t in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>b</title>'
        f"{body}</channel></rss>"
    ).encode()


class _Server:
    def __init__(self) -> None:
        self.feeds: dict[str, bytes] = {}
        feeds = self.feeds

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                body = feeds.get(self.path, b"")
                tag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
                if self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("ETag", tag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def latency(items: int, db: str) -> list[float]:
    server = _Server()
    server.feeds["/f.xml"] = _feed([_item(10_000)])
    store = Store(db)
    config = SourcesFile(
        sources=[Source(name="b", url=server.base + "/f.xml", interval=1.0)],
        fetch=Fetch(min_delay=0),
    )
    watcher = Watcher(config, store, Pipeline().extract, log=io.StringIO())
    delays: list[float] = []

    async def main() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(watcher.run(stop))
        published: list[tuple[str, str]] = []
        for n in range(items):
            await asyncio.sleep(1.37)  # not in step with the poll
            published.append(_item(n))
            server.feeds["/f.xml"] = _feed(published[-20:])
            start = time.monotonic()
            ident = "rss-" + hashlib.sha1(published[-1][0].encode()).hexdigest()[:16]
            while not (await asyncio.to_thread(store.stored_hashes, [ident])):
                await asyncio.sleep(0.02)
            delays.append(time.monotonic() - start)
        stop.set()
        await task

    asyncio.run(main())
    store.close()
    server.close()
    return delays


def capacity(n_sources: int, hosts: int, db: str) -> tuple[float, float]:
    servers = [_Server() for _ in range(hosts)]
    sources = []
    for i in range(n_sources):
        server = servers[i % hosts]
        server.feeds[f"/f{i}.xml"] = _feed([_item(i)])
        sources.append(Source(name=f"s{i}", url=f"{server.base}/f{i}.xml"))
    store = Store(db)
    config = SourcesFile(sources=sources, fetch=Fetch(min_delay=0))
    pipeline = Pipeline()

    def one_pass() -> float:
        start = time.monotonic()
        asyncio.run(Watcher(config, store, pipeline.extract, log=io.StringIO()).run_once())
        return time.monotonic() - start

    one_pass()  # first pass: every feed new once (warms the pipeline too)
    for i in range(n_sources):
        servers[i % hosts].feeds[f"/f{i}.xml"] = _feed([_item(i), _item(n_sources + i)])
    fresh = one_pass()  # one new item per source
    idle = one_pass()  # nothing new: 304s
    store.close()
    for server in servers:
        server.close()
    return fresh, idle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--hosts", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        delays = sorted(latency(args.items, f"sqlite:///{Path(tmp) / 'lat.db'}"))
        p95 = delays[min(len(delays) - 1, round(0.95 * (len(delays) - 1)))]
        print(
            f"latency, 1 s poll, {len(delays)} items: p50 {statistics.median(delays):.2f} s, "
            f"p95 {p95:.2f} s, max {delays[-1]:.2f} s"
        )
        fresh, idle = capacity(args.sources, args.hosts, f"sqlite:///{Path(tmp) / 'cap.db'}")
        print(
            f"{args.sources} sources on {args.hosts} hosts: pass with one new item each "
            f"{fresh:.2f} s, pass with nothing new {idle:.2f} s; at a 60 s interval one process "
            f"follows about {int(args.sources * 60 / fresh)} sources that each publish every "
            f"minute, {int(args.sources * 60 / idle)} that publish nothing new"
        )


if __name__ == "__main__":
    main()
