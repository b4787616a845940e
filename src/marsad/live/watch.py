"""The watcher: poll each source on its interval, code new items through the store's
idempotent ingest, then send alerts. A bad source is logged, counted and retried later;
the others go on. State (validators, failures) is written only after the items it
covers are committed, so a watcher killed at any point and restarted re-reads what it
had not finished and the store's text hashes skip what was already coded."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from marsad.ingest.feeds import feed_entries
from marsad.ingest.html import read_html
from marsad.ingest.rejects import RejectLog
from marsad.live.alerts import send_alerts
from marsad.live.fetch import Fetched, Fetcher
from marsad.live.sources import Source, SourcesFile
from marsad.live.state import now, save_source_state, source_state
from marsad.model import Article, Event
from marsad.store.ingest import ingest_pairs
from marsad.store.store import Store


@dataclass
class Status:
    name: str
    url: str
    polls: int = 0
    new: int = 0  # articles stored (new or changed)
    skipped: int = 0  # already stored with the same text
    not_modified: int = 0
    failures: int = 0
    rejects: int = 0
    last: str = "waiting"


def page_id(url: str) -> str:
    return "web-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


class Watcher:
    def __init__(
        self,
        config: SourcesFile,
        store: Store,
        extract: Callable[[Article], list[Event]],
        *,
        out: IO[str] = sys.stdout,
        log: IO[str] = sys.stderr,
    ) -> None:
        self.config = config
        self.store = store
        self.extract = extract
        self.out = out
        self.log = log
        self.status = {s.url: Status(s.name, s.url) for s in config.sources}
        self.alerts_sent = 0
        self._write = asyncio.Lock()  # one extraction and store write at a time

    # ------------------------------------------------------------ one poll

    async def poll(self, fetcher: Fetcher, source: Source) -> None:
        status = self.status[source.url]
        status.polls += 1
        state = await asyncio.to_thread(source_state, self.store, source.url)
        state.update(name=source.name, polled_at=now())
        got = await fetcher.get(source.url, state.get("etag"), state.get("last_modified"))
        state["last_status"] = got.status
        if got.error is None and not got.not_modified:
            articles, error = await self._articles(fetcher, source, got, status)
            if error is None:
                async with self._write:
                    result = await asyncio.to_thread(
                        ingest_pairs, self.store, [(a, None) for a in articles], self.extract
                    )
                status.new += result.saved.new + result.saved.replaced + result.saved.aliased
                status.skipped += result.skipped
                state["items_seen"] = (state.get("items_seen") or 0) + result.read
                state.update(etag=got.etag, last_modified=got.last_modified)
                status.last = (
                    f"ok: {len(articles)} items, {result.saved.new + result.saved.replaced} stored"
                )
            got.error = error
        elif got.not_modified:
            status.not_modified += 1
            status.last = "not modified"
        if got.error is not None:
            status.failures += 1
            status.last = f"failed: {got.error}"
            state.update(failures=(state.get("failures") or 0) + 1, last_error=got.error)
            print(f"watch: {source.name}: {source.url}: {got.error}", file=self.log, flush=True)
        else:
            state.update(failures=0, last_error=None, ok_at=now())
        await asyncio.to_thread(save_source_state, self.store, state)

    async def _articles(
        self, fetcher: Fetcher, source: Source, got: Fetched, status: Status
    ) -> tuple[list[Article], str | None]:
        rejects = RejectLog()
        if source.kind == "page":
            url = got.final_url or source.url
            article = read_html(
                got.body,
                origin=url,
                stem=page_id(url),
                published=None,
                rejects=rejects,
                charset=got.charset,
                url=url,
            )
            articles = [article] if article is not None else []
        else:
            articles = [
                a
                for _, a in feed_entries(
                    got.body,
                    origin=source.url,
                    published=None,
                    rejects=rejects,
                    charset=got.charset,
                )
            ]
            if source.follow_links:
                articles = [await self._follow(fetcher, a, rejects) for a in articles]
        articles = [a.model_copy(update={"source": source.name}) for a in articles]
        for reject in rejects:
            print(
                f"watch: {source.name}: {reject.origin}: {reject.reason}", file=self.log, flush=True
            )
        status.rejects += rejects.count
        if not articles and rejects.count:
            return [], next(iter(rejects)).reason
        return articles, None

    async def _follow(self, fetcher: Fetcher, item: Article, rejects: RejectLog) -> Article:
        """The item's own page (main text), unless already stored; the feed's text if it fails."""
        if not item.url or item.id in await asyncio.to_thread(self.store.stored_hashes, [item.id]):
            return item
        got = await fetcher.get(item.url)
        if got.error is not None:
            rejects.add(item.url, f"page not fetched: {got.error}; feed text kept")
            return item
        page = read_html(
            got.body,
            origin=item.url,
            stem=item.id,
            published=item.published,
            rejects=rejects,
            charset=got.charset,
            url=got.final_url or item.url,
        )
        if page is None:
            return item
        return page.model_copy(
            update={
                "id": item.id,
                "title": item.title or page.title,
                "published": item.published or page.published,
            }
        )

    # ------------------------------------------------------------ passes

    async def alerts(self) -> None:
        if self.config.alerts.rules:
            async with self._write:
                self.alerts_sent += await asyncio.to_thread(
                    send_alerts, self.store, self.config.alerts, out=self.out, log=self.log
                )

    async def run_once(self) -> None:
        fetcher = Fetcher(self.config.fetch)
        try:
            await asyncio.gather(*(self._safe_poll(fetcher, s) for s in self.config.sources))
            await self.alerts()
        finally:
            await fetcher.aclose()

    async def run(self, stop: asyncio.Event, on_poll: Callable[[], Any] | None = None) -> None:
        """Poll every source on its interval until ``stop`` is set."""
        fetcher = Fetcher(self.config.fetch)

        async def follow(source: Source) -> None:
            while not stop.is_set():
                await self._safe_poll(fetcher, source)
                await self.alerts()
                if on_poll is not None:
                    on_poll()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), source.interval)

        try:
            await asyncio.gather(*(follow(s) for s in self.config.sources))
        finally:
            await fetcher.aclose()

    async def _safe_poll(self, fetcher: Fetcher, source: Source) -> None:
        try:
            await self.poll(fetcher, source)
        except Exception as exc:  # noqa: BLE001 — one source never stops the watch
            self.status[source.url].failures += 1
            self.status[source.url].last = f"failed: {type(exc).__name__}: {exc}"[:300]
            print(
                f"watch: {source.name}: {source.url}: {type(exc).__name__}: {exc}",
                file=self.log,
                flush=True,
            )
