"""Pages and feeds in UTF-8, windows-1256 and ISO-8859-6 read as the same text."""

from __future__ import annotations

import pytest

from marsad.ingest.decode import decode_web, to_utf8
from marsad.ingest.feeds import feed_entries
from marsad.ingest.html import read_html
from marsad.ingest.rejects import RejectLog
from tests.live.articles import ADEN, KHARTOUM, page, rss

ENCODINGS = ["utf-8", "windows-1256", "iso-8859-6"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_undeclared_bytes_decode_to_the_same_text(encoding: str) -> None:
    text, _ = decode_web((ADEN + "\n" + KHARTOUM).encode(encoding))
    assert text == ADEN + "\n" + KHARTOUM


def test_http_charset_wins_over_a_wrong_guess() -> None:
    data = ADEN.encode("iso-8859-6")
    assert decode_web(data, "iso-8859-6") == (ADEN, "iso8859-6")
    # a page that claims Latin-1 but is Arabic is read as Arabic
    assert decode_web(ADEN.encode("windows-1256"), "iso-8859-1")[0] == ADEN


def test_to_utf8_rewrites_the_declaration() -> None:
    out = to_utf8(rss([("a", "عنوان", ADEN)], "windows-1256"))
    assert out.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert ADEN.encode("utf-8") in out


@pytest.mark.parametrize("meta", [True, False])
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_html_page_in_any_arabic_encoding(encoding: str, meta: bool) -> None:
    rejects = RejectLog()
    article = read_html(
        page("انفجار في عدن", ADEN, encoding, meta=meta),
        origin="p.html",
        stem="p",
        published=None,
        rejects=rejects,
        url="http://127.0.0.1/p",
    )
    assert article is not None, [r.reason for r in rejects]
    assert ADEN in article.text
    assert "جميع الحقوق" not in article.text  # boilerplate removed
    assert article.title == "انفجار في عدن"
    assert str(article.published) == "2026-11-29"
    assert article.url == "http://127.0.0.1/p"


@pytest.mark.parametrize("encoding", ["utf-8", "windows-1256"])
def test_feed_in_any_arabic_encoding(encoding: str) -> None:
    rejects = RejectLog()
    items = list(
        feed_entries(
            rss([("g1", "عنوان", ADEN), ("g2", "آخر", KHARTOUM)], encoding),
            origin="f.xml",
            published=None,
            rejects=rejects,
        )
    )
    assert [a.text for _, a in items] == [ADEN, KHARTOUM]
    assert items[0][1].source == "وكالة الاختبار"
