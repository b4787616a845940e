"""Arabic articles written for these tests, and feeds and pages that carry them."""

from __future__ import annotations

from xml.sax.saxutils import escape

ADEN = (
    "أفادت مصادر محلية بمقتل خمسة مدنيين في انفجار سيارة مفخخة استهدف سوقا شعبيا "
    "في مدينة عدن اليمنية صباح الأحد."
)
ADEN_2 = "قتل خمسة مدنيين وأصيب عشرة آخرون في انفجار سيارة مفخخة في مدينة عدن جنوب اليمن يوم الأحد."
KHARTOUM = (
    "تظاهر مئات الطلاب أمام مبنى الجامعة في مدينة الخرطوم بالسودان يوم الاثنين "
    "للمطالبة بخفض الرسوم."
)
SCHOOL = "افتتح وزير التعليم مدرسة جديدة في مدينة جدة وسط حضور كبير من الأهالي والطلاب."
DATE = "Sun, 29 Nov 2026 08:00:00 GMT"


def rss(items: list[tuple[str, str, str]], encoding: str = "utf-8") -> bytes:
    """An RSS 2.0 feed of (guid, title, text) items in ``encoding`` (declared)."""
    entries = "".join(
        f"<item><guid>{escape(g)}</guid><title>{escape(t)}</title>"
        f"<link>http://127.0.0.1/{escape(g)}</link><pubDate>{DATE}</pubDate>"
        f"<description>{escape(x)}</description></item>"
        for g, t, x in items
    )
    doc = (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel>'
        f"<title>وكالة الاختبار</title>{entries}</channel></rss>"
    )
    return doc.encode(encoding)


def page(title: str, text: str, encoding: str = "utf-8", meta: bool = True) -> bytes:
    """A news page with boilerplate around the article, in ``encoding``."""
    head = f'<meta charset="{encoding}">' if meta else ""
    doc = (
        f"<!DOCTYPE html><html lang='ar' dir='rtl'><head>{head}<title>{title}</title>"
        "<meta property='article:published_time' content='2026-11-29'></head><body>"
        "<nav><a href='/'>الرئيسية</a> <a href='/world'>العالم</a> <a href='/sport'>رياضة</a></nav>"
        f"<article><h1>{title}</h1><p>{text}</p>"
        f"<p>{SCHOOL}</p></article>"
        "<footer>جميع الحقوق محفوظة لموقع الاختبار</footer></body></html>"
    )
    return doc.encode(encoding)
