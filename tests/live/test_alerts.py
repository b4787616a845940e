"""Alerts: each matching cluster once to the webhook (signed) and stdout, again when it grows."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import io
import json
from pathlib import Path

import pytest

from marsad.live.alerts import SIGNATURE_HEADER
from marsad.live.sources import Alerts, Fetch, Rule, Source, SourcesFile, Webhook
from marsad.live.watch import Watcher
from marsad.pipeline import Pipeline
from marsad.store.store import Store
from tests.live.articles import ADEN, ADEN_2, KHARTOUM, page, rss
from tests.live.conftest import Site

SECRET = "s3cret-for-tests"


@pytest.fixture
def store(tmp_path: Path):
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as s:
        yield s


def _config(site: Site, sources: list[Source], retries: int = 0) -> SourcesFile:
    rules = [
        Rule(name="yemen-deadly", country="YEM", min_fatalities=1),
        Rule(name="sudan-explosions", country="SDN", event_type="Explosions/Remote violence"),
    ]
    hook = Webhook(url=site.url("/hook"), secret_env="MARSAD_TEST_SECRET", retries=retries)
    return SourcesFile(
        sources=sources,
        fetch=Fetch(min_delay=0, timeout=5),
        alerts=Alerts(stdout=True, webhook=hook, rules=rules),
    )


def _posts(site: Site) -> list[dict]:
    out = []
    for _, _, headers, body in site.hits("/hook", "POST"):
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        assert headers[SIGNATURE_HEADER] == expected
        out.append(json.loads(body))
    return out


def _run(config: SourcesFile, store: Store) -> io.StringIO:
    out = io.StringIO()
    asyncio.run(Watcher(config, store, Pipeline().extract, out=out, log=io.StringIO()).run_once())
    return out


def test_webhook_gets_exactly_the_matching_clusters(
    site: Site, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARSAD_TEST_SECRET", SECRET)
    feed = site.put("/agency.xml", rss([("a", "عدن", ADEN), ("k", "الخرطوم", KHARTOUM)]))
    config = _config(site, [Source(name="agency", url=feed)])
    out = _run(config, store)
    posts = _posts(site)
    assert [(p["alert"], p["rule"], p["cluster"]["location"]) for p in posts] == [
        ("new", "yemen-deadly", "Aden")
    ]
    assert [json.loads(line) for line in out.getvalue().splitlines()] == posts
    assert posts[0]["cluster"]["fatalities"] == 5 and posts[0]["cluster"]["source_count"] == 1

    _run(config, store)  # nothing new: nothing sent
    assert len(_posts(site)) == 1

    # a second outlet reports the same strike: one update, source count 2
    other = site.put(
        "/other.html", page("انفجار عدن", ADEN_2, "windows-1256"), content_type="text/html"
    )
    config.sources.append(Source(name="other", url=other, kind="page"))
    _run(config, store)
    posts = _posts(site)
    assert [(p["alert"], p["cluster"]["source_count"]) for p in posts] == [
        ("new", 1),
        ("update", 2),
    ]
    # the update is the same act: its cluster holds the report first sent (a cluster's id
    # changes when a report joins it)
    assert set(posts[0]["cluster"]["event_ids"]) < set(posts[1]["cluster"]["event_ids"])


def test_a_failing_webhook_gets_the_alert_on_a_later_pass(
    site: Site, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARSAD_TEST_SECRET", SECRET)
    feed = site.put("/agency.xml", rss([("a", "عدن", ADEN)]))
    site.put("/hook", b"", status=503)
    config = _config(site, [Source(name="agency", url=feed)], retries=1)
    out = _run(config, store)
    assert len(site.hits("/hook", "POST")) == 2 and out.getvalue() == ""  # retried, not recorded
    site.put("/hook", b"", status=204)
    out = _run(config, store)
    assert len(site.hits("/hook", "POST")) == 3 and len(out.getvalue().splitlines()) == 1
    _run(config, store)
    assert len(site.hits("/hook", "POST")) == 3
