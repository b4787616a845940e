"""The watcher against a real local HTTP server: coded once, 304s, changes, bad sources."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest

from marsad.live.sources import Fetch, Source, SourcesFile
from marsad.live.state import source_state
from marsad.live.watch import Watcher
from marsad.pipeline import Pipeline
from marsad.store.store import Store
from tests.live.articles import ADEN, ADEN_2, KHARTOUM, SCHOOL, page, rss
from tests.live.conftest import Site

FAST = Fetch(timeout=0.5, retries=1, backoff=0.05, min_delay=0.0, max_bytes=200_000)


class Counting:
    """The real pipeline, counting the articles it is asked to code."""

    def __init__(self) -> None:
        self.pipeline = Pipeline()
        self.coded: list[str] = []

    def __call__(self, article):
        self.coded.append(article.id)
        return self.pipeline.extract(article)


def _serve(site: Site) -> list[Source]:
    feed = site.put(
        "/agency.xml",
        rss([("g-aden", "انفجار في عدن", ADEN), ("g-khartoum", "مظاهرة في الخرطوم", KHARTOUM)]),
    )
    cp = site.put(
        "/old.html",
        page("انفجار عدن", ADEN_2, "windows-1256", meta=False),
        content_type="text/html",
    )
    bad = site.put("/broken.xml", b"<rss version='2.0'><channel><title>x</title></chan")
    err = site.put("/err.xml", b"oops", status=500)
    slow = site.put("/slow.xml", rss([("g-slow", "بطيء", SCHOOL)]), delay=2.0)
    loop = site.put("/loop.xml", b"", status=302)
    big = site.put("/big.html", b"<html>" + b"x" * 300_000, content_type="text/html")
    return [
        Source(name="agency", url=feed),
        Source(name="old", url=cp, kind="page"),
        Source(name="broken", url=bad),
        Source(name="err", url=err),
        Source(name="slow", url=slow),
        Source(name="loop", url=loop),
        Source(name="big", url=big, kind="page"),
    ]


def _watcher(store: Store, sources: list[Source], extract: Counting, log: io.StringIO) -> Watcher:
    return Watcher(SourcesFile(sources=sources, fetch=FAST), store, extract, log=log)


@pytest.fixture
def store(tmp_path: Path):
    with Store(f"sqlite:///{tmp_path / 'w.db'}") as s:
        yield s


def test_once_codes_new_items_once_and_bad_sources_spare_the_others(
    site: Site, store: Store
) -> None:
    sources = _serve(site)
    extract, log = Counting(), io.StringIO()
    watcher = _watcher(store, sources, extract, log)
    asyncio.run(watcher.run_once())

    assert store.articles_count() == 3
    assert len(extract.coded) == 3
    aden = [c for c in store.clusters() if c["location"] == "Aden"]
    assert len(aden) == 1 and aden[0]["source_count"] == 2  # two outlets, one act
    status = {s.name: s for s in watcher.status.values()}
    assert status["agency"].new == 2 and status["old"].new == 1
    for name, path, reason in [
        ("broken", "/broken.xml", "not a feed"),
        ("err", "/err.xml", "HTTP 500"),
        ("slow", "/slow.xml", "timeout"),
        ("loop", "/loop.xml", "too many redirects"),
        ("big", "/big.html", "too large"),
    ]:
        assert status[name].failures == 1, name
        assert reason in status[name].last, (name, status[name].last)
        assert f"{site.url(path)}: " in log.getvalue()  # logged with its URL and reason
    assert len(site.hits("/err.xml")) == 2  # retried once
    assert source_state(store, site.url("/err.xml"))["failures"] == 1

    # second poll: 304 for the feed and the page, nothing coded
    again = _watcher(store, sources, extract, io.StringIO())
    asyncio.run(again.run_once())
    assert len(extract.coded) == 3
    assert site.hits("/agency.xml")[-1][2].get("If-None-Match")
    assert again.status[site.url("/agency.xml")].not_modified == 1
    assert again.status[site.url("/old.html")].not_modified == 1
    assert source_state(store, site.url("/err.xml"))["failures"] == 2  # counted, retried later


def test_a_changed_item_is_updated_and_only_it_is_coded(site: Site, store: Store) -> None:
    sources = _serve(site)[:1]
    extract = Counting()
    asyncio.run(_watcher(store, sources, extract, io.StringIO()).run_once())
    before = store.article(extract.coded[0])
    site.put(
        "/agency.xml",
        rss(
            [
                ("g-aden", "انفجار في عدن", ADEN + " وأصيب عشرون آخرون."),
                ("g-khartoum", "مظاهرة في الخرطوم", KHARTOUM),
            ]
        ),
    )
    asyncio.run(_watcher(store, sources, extract, io.StringIO()).run_once())
    assert len(extract.coded) == 3 and extract.coded[2] == extract.coded[0]
    after = store.article(extract.coded[0])
    assert before is not None and after is not None
    assert after.text.endswith("وأصيب عشرون آخرون.") and before.text == ADEN
    assert store.articles_count() == 2


def test_follow_links_reads_each_new_items_page(site: Site, store: Store) -> None:
    link = site.put(
        "/story-1.html", page("انفجار في عدن", ADEN_2, "utf-8"), content_type="text/html"
    )
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        f"<item><guid>s1</guid><title>انفجار</title><link>{link}</link>"
        "<description>موجز قصير</description></item></channel></rss>"
    )
    url = site.put("/links.xml", feed)
    extract = Counting()
    asyncio.run(
        _watcher(
            store, [Source(name="l", url=url, follow_links=True)], extract, io.StringIO()
        ).run_once()
    )
    stored = store.article(extract.coded[0])
    assert stored is not None and ADEN_2 in stored.text and stored.source == "l"
    assert len(site.hits("/story-1.html")) == 1
