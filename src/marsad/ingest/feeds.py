"""RSS/Atom feeds → one Article per entry (feedparser)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from typing import Any

from marsad.ingest.decode import strip_html, to_utf8
from marsad.ingest.records import make_article
from marsad.ingest.rejects import RejectLog
from marsad.model import Article

_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")


# What may precede the root element: an XML declaration, comments, processing
# instructions, a doctype, and white space between them.
_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>)*", re.DOTALL)


def looks_like_feed(data: bytes) -> bool:
    """Cheap sniff: the document's *root* element is ``<rss``, ``<feed`` or ``<rdf:rdf``.

    Only the start counts: a text article that quotes ``<feed>`` in its first
    lines is still a text article.
    """
    head = data[:4096].removeprefix(b"\xef\xbb\xbf").lower()
    start = _PROLOG.match(head)
    rest = head[start.end() :] if start else head
    return rest.startswith(_FEED_MARKERS)


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except (ValueError, OverflowError, TypeError):
                continue  # year 0 or 10000: not a usable date
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
    for _, article in feed_entries(data, origin=origin, published=published, rejects=rejects):
        yield article


def feed_entries(
    data: bytes,
    *,
    origin: str,
    published: dt.date | None,
    rejects: RejectLog,
    charset: str | None = None,
) -> Iterator[tuple[str, Article]]:
    """``read_feed`` with each entry's origin ``feed[index]``.

    The encoding is detected (``charset`` from HTTP first, then the XML declaration,
    UTF-8, windows-1256, ISO-8859-6): feedparser then reads UTF-8.
    """
    import feedparser  # only when a feed is actually read

    try:
        parsed = feedparser.parse(to_utf8(data, charset))
    except Exception as exc:  # noqa: BLE001 — feedparser's own decoding errors escape it
        rejects.add(origin, f"not a feed: {type(exc).__name__}: {exc}"[:300])
        return
    if not parsed.entries:
        why = parsed.get("bozo_exception") or "no entries"
        rejects.add(origin, f"not a feed: {why}")
        return
    source = strip_html(parsed.feed.get("title", "")) or None
    for index, entry in enumerate(parsed.entries):
        where = f"{origin}[{index}]"
        try:
            article = _entry_article(entry, where, source, published, rejects)
        except Exception as exc:  # noqa: BLE001 — one entry never stops the feed
            rejects.add(where, f"unreadable: {type(exc).__name__}: {exc}"[:300])
            continue
        if article is not None:
            yield where, article


def _entry_article(
    entry: Any, where: str, source: str | None, published: dt.date | None, rejects: RejectLog
) -> Article | None:
    """One entry → an Article (or a reject): content or summary, HTML stripped."""
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
    return make_article(fields, where, rejects, published, raw=entry.get("title", ""))
