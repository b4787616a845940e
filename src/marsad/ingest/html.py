"""HTML pages → one Article (main text by trafilatura)."""

from __future__ import annotations

import datetime as dt
import logging

from marsad.ingest.decode import to_utf8
from marsad.ingest.records import make_article
from marsad.ingest.rejects import RejectLog
from marsad.model import Article

# trafilatura reports every page it finds too short at WARNING; our rejects say it once.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def read_html(
    data: bytes,
    *,
    origin: str,
    stem: str,
    published: dt.date | None,
    rejects: RejectLog,
    charset: str | None = None,
    url: str | None = None,
) -> Article | None:
    """Main text, title, date (metadata, else ``published``) and canonical url of one page.

    The encoding is detected (``charset`` from HTTP first, then ``<meta charset>``,
    UTF-8, windows-1256, ISO-8859-6), so the same page in any of them gives the same text.
    ``url`` (where it was fetched) stands in when the page names no canonical URL.
    """
    import trafilatura  # heavy import: only when HTML is actually read

    doc = trafilatura.bare_extraction(
        to_utf8(data, charset), url=url, with_metadata=True, include_comments=False
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        rejects.add(origin, "empty text: no main text found in HTML")
        return None
    fields = {
        "id": stem,
        "text": text,
        "title": doc.title or None,
        "published": _iso_date(doc.date) or published,
        "source": doc.sitename or None,
        "url": doc.url or url or None,
    }
    return make_article(fields, origin, rejects, published)
