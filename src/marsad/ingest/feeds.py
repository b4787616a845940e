"""RSS/Atom feeds → one Article per entry (feedparser)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from typing import Any

from marsad.ingest.decode import strip_html
from marsad.ingest.records import make_article
from marsad.ingest.rejects import RejectLog
from marsad.model import Article

_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")


def looks_like_feed(data: bytes) -> bool:
    """Cheap sniff of the first bytes: an RSS, Atom or RDF root element."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return any(marker in head for marker in _FEED_MARKERS)


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    for content in contents:
        if content.get("value", "").strip():
            return strip_html(content["value"])
    return strip_html(entry.get("summary", "") or entry.get("description", ""))


def read_feed(
    data: bytes, *, origin: str, published: dt.date | None, rejects: RejectLog
) -> Iterator[Article]:
    """Each entry's content (or summary), HTML stripped; date from the entry, else ``published``."""
    import feedparser  # only when a feed is actually read

    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = parsed.get("bozo_exception") or "no entries"
        rejects.add(origin, f"not a feed: {why}")
        return
    source = strip_html(parsed.feed.get("title", "")) or None
    for index, entry in enumerate(parsed.entries):
        where = f"{origin}[{index}]"
        key = entry.get("id") or entry.get("link")
        fields = {
            # a feed re-read later keeps the same ids when its entries have a guid or link
            "id": "rss-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16] if key else None,
            "text": _entry_text(entry),
            "title": strip_html(entry.get("title", "")) or None,
            "published": _entry_date(entry) or published,
            "source": source,
            "url": entry.get("link") or None,
        }
        article = make_article(fields, where, rejects, published, raw=entry.get("title", ""))
        if article is not None:
            yield article
