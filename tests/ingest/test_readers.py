"""Readers: each format, rejects that name file and line, the SaudiNewsNet id scheme."""

from __future__ import annotations

import datetime as dt
import json
import logging
import zipfile
from pathlib import Path

import pytest

from marsad.ingest import RejectLog, read_articles

SHARED = Path(__file__).parents[2] / ".." / "shared"
SNN_DAY = SHARED / "corpus" / "saudinewsnet" / "2015-08-06.zip"
GOLD_DEV = SHARED / "gold" / "dev.jsonl"

TEXT_A = "أعلنت وزارة الداخلية أمس القبض على خلية مسلحة في مدينة الدمام."
TEXT_B = "سقطت قذيفة هاون على حي سكني في حلب صباح اليوم وأصيب ثلاثة مدنيين."
TEXT_C = "تظاهر مئات الطلاب أمام مبنى الجامعة احتجاجا على رفع الرسوم."


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_keys_and_published_fallback(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "a.jsonl",
        [
            json.dumps(
                {
                    "id": "x1",
                    "text": TEXT_A,
                    "published": "2016-06-25T10:00:00Z",
                    "title": "عنوان",
                    "source": "okaz",
                    "url": "https://example.org/1",
                },
                ensure_ascii=False,
            ),
            json.dumps({"text": TEXT_B}, ensure_ascii=False),
        ],
    )
    arts = list(read_articles([path], published=dt.date(2020, 1, 2)))
    assert [a.id for a in arts][0] == "x1"
    assert arts[0].published == dt.date(2016, 6, 25)
    assert (arts[0].title, arts[0].source, arts[0].url) == (
        "عنوان",
        "okaz",
        "https://example.org/1",
    )
    assert arts[1].published == dt.date(2020, 1, 2)  # from the argument
    assert len(arts[1].id) == 16 and arts[1].id != "x1"  # text hash
    assert arts[1].text == TEXT_B


def test_jsonl_bad_lines_are_rejected_and_reading_continues(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _jsonl(
        tmp_path / "mixed.jsonl",
        [
            json.dumps({"id": "ok1", "text": TEXT_A}, ensure_ascii=False),
            '{"id": "broken", "text": "نص مقطوع',  # line 2: malformed JSON
            json.dumps({"id": "notext", "title": "بلا نص"}, ensure_ascii=False),  # line 3
            json.dumps({"id": "empty", "text": "   "}),  # line 4
            json.dumps(
                {"id": "baddate", "text": TEXT_B, "published": "2016-13-45"}, ensure_ascii=False
            ),  # line 5
            "",  # blank line: skipped silently
            "[1, 2]",  # line 7: not an object
            json.dumps({"id": "ok2", "text": TEXT_C}, ensure_ascii=False),
        ],
    )
    with path.open("ab") as fh:
        fh.write(b'{"id": "latin1", "text": "\xe9\xe8"}\n')  # line 9: not UTF-8
        fh.write(json.dumps({"id": "ok3", "text": TEXT_B}, ensure_ascii=False).encode() + b"\n")
    rejects = RejectLog()
    with caplog.at_level(logging.WARNING, logger="marsad.ingest"):
        arts = list(read_articles([path], rejects=rejects))
    assert [a.id for a in arts] == ["ok1", "ok2", "ok3"]
    origins = {r.origin.rsplit(":", 1)[1]: r.reason for r in rejects}
    assert set(origins) == {"2", "3", "4", "5", "7", "9"}
    assert origins["2"].startswith("malformed JSON")
    assert origins["3"] == "missing text"
    assert origins["4"] == "empty text"
    assert origins["5"].startswith("bad date")
    assert origins["9"].startswith("undecodable")
    assert all(r.origin.startswith(str(path)) for r in rejects)
    assert rejects.count == 6
    assert f"{path}:2" in caplog.text

    report = tmp_path / "rejects.jsonl"
    assert rejects.write(report) == 6
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert rows[0]["origin"] == f"{path}:2" and "نص مقطوع" in rows[0]["raw"]


def test_missing_path_raises_before_reading(tmp_path: Path) -> None:
    good = _jsonl(tmp_path / "g.jsonl", [json.dumps({"text": TEXT_A}, ensure_ascii=False)])
    with pytest.raises(FileNotFoundError, match="nope.jsonl"):
        read_articles([good, tmp_path / "nope.jsonl"])


def test_txt_file_id_from_stem_and_text_kept_exactly(tmp_path: Path) -> None:
    body = "\ufeff  " + TEXT_A + "\n\n" + TEXT_B + "\n"
    (tmp_path / "story-7.txt").write_text(body, encoding="utf-8")
    arts = list(read_articles([tmp_path / "story-7.txt"], published=dt.date(2016, 6, 25)))
    assert len(arts) == 1
    assert arts[0].id == "story-7" and arts[0].published == dt.date(2016, 6, 25)
    assert arts[0].text == body[1:]  # BOM dropped, everything else as read (offsets!)


def test_undecodable_txt_is_rejected_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT_A.encode("cp1256"))
    (tmp_path / "b.txt").write_text(TEXT_B, encoding="utf-8")
    rejects = RejectLog()
    arts = list(read_articles([tmp_path], rejects=rejects))
    assert [a.id for a in arts] == ["b"]
    assert len(rejects) == 1 and rejects.rejects[0].origin.endswith("a.txt")


def _snn_day(items: list[dict]) -> bytes:
    return json.dumps(items, ensure_ascii=False).encode("utf-8")


SNN_ITEMS = [
    {
        "source": "okaz",
        "url": "https://example.org/a",
        "date_extracted": "2016-06-25 08:30:00",
        "title": "خبر أول",
        "author": "",
        "content": TEXT_A,
    },
    {
        "source": "alyaum",
        "url": "https://example.org/b",
        "date_extracted": "2016-06-25 09:00:00",
        "title": "بلا محتوى",
        "author": "",
        "content": "",
    },
    {
        "source": "alriyadh",
        "url": "https://example.org/c",
        "date_extracted": "2016-06-25 10:00:00",
        "title": "خبر ثالث",
        "author": "",
        "content": TEXT_B,
    },
]


def test_saudinewsnet_json_and_zip(tmp_path: Path) -> None:
    (tmp_path / "2016-06-25.json").write_bytes(_snn_day(SNN_ITEMS))
    zpath = tmp_path / "zipped" / "2016-06-26.zip"
    zpath.parent.mkdir()
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr("2016-06-26.json", _snn_day(SNN_ITEMS))
    rejects = RejectLog()
    arts = list(read_articles([tmp_path], rejects=rejects))
    assert [a.id for a in arts] == [
        "snn-2016-06-25-0000",
        "snn-2016-06-25-0002",
        "snn-2016-06-26-0000",
        "snn-2016-06-26-0002",
    ]  # index is the position in the day, the empty item keeps its number
    assert arts[1].source == "alriyadh" and arts[1].title == "خبر ثالث"
    assert arts[1].published == dt.date(2016, 6, 25) and arts[1].url == "https://example.org/c"
    assert [r.reason for r in rejects] == ["empty text", "empty text"]
    assert rejects.rejects[1].origin.endswith("2016-06-26.zip!2016-06-26.json[1]")


def test_json_array_of_articles_and_single_object(tmp_path: Path) -> None:
    (tmp_path / "many.json").write_text(
        json.dumps(
            [{"id": "m1", "text": TEXT_A}, {"id": "m2", "text": TEXT_C}], ensure_ascii=False
        ),
        encoding="utf-8",
    )
    (tmp_path / "one.json").write_text(
        json.dumps({"id": "o1", "text": TEXT_B, "published": "2016-06-24"}, ensure_ascii=False),
        encoding="utf-8",
    )
    (tmp_path / "bad.json").write_text("[{", encoding="utf-8")
    rejects = RejectLog()
    arts = list(read_articles([tmp_path], rejects=rejects))
    assert [a.id for a in arts] == ["m1", "m2", "o1"]  # sorted file order: bad, many, one
    assert arts[2].published == dt.date(2016, 6, 24)
    assert len(rejects) == 1 and rejects.rejects[0].reason.startswith("malformed JSON")


def test_html_main_text_title_and_date(tmp_path: Path) -> None:
    para = "وقالت مصادر أمنية إن مسلحين هاجموا نقطة تفتيش على الطريق الساحلي قرب المدينة. "
    html = f"""<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8">
<title>هجوم على نقطة تفتيش</title>
<meta property="article:published_time" content="2016-06-24T09:00:00+03:00">
</head><body><nav><a href="/">الرئيسية</a> | <a href="/s">رياضة</a></nav>
<article><h1>هجوم على نقطة تفتيش</h1><p>{para * 4}</p><p>{TEXT_B}</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    arts = list(read_articles([tmp_path / "page.html"], published=dt.date(2020, 1, 1)))
    assert len(arts) == 1
    art = arts[0]
    assert art.id == "page" and art.title == "هجوم على نقطة تفتيش"
    assert art.published == dt.date(2016, 6, 24)
    assert TEXT_B in art.text and "الرئيسية" not in art.text


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>أخبار اليوم</title><link>https://example.org</link>
<item><title>اشتباكات في الريف</title><link>https://example.org/n/1</link>
<guid>https://example.org/n/1</guid><pubDate>Fri, 24 Jun 2016 10:00:00 +0000</pubDate>
<description>&lt;p&gt;{a}&lt;/p&gt;&lt;p&gt;{b}&amp;nbsp;&lt;/p&gt;</description></item>
<item><title>خبر بلا نص</title><link>https://example.org/n/2</link><description></description></item>
<item><title>مظاهرة</title><link>https://example.org/n/3</link><description>{c}</description></item>
</channel></rss>"""


def test_rss_feed_entries(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text(RSS.format(a=TEXT_A, b=TEXT_B, c=TEXT_C), encoding="utf-8")
    rejects = RejectLog()
    arts = list(
        read_articles([tmp_path / "feed.xml"], published=dt.date(2016, 6, 25), rejects=rejects)
    )
    assert len(arts) == 2
    first, second = arts
    assert first.text == TEXT_A + "\n" + TEXT_B  # tags stripped, one line per paragraph
    assert first.published == dt.date(2016, 6, 24) and first.url == "https://example.org/n/1"
    assert first.title == "اشتباكات في الريف" and first.source == "أخبار اليوم"
    assert first.id.startswith("rss-")
    assert second.published == dt.date(2016, 6, 25)  # no entry date: the argument
    assert [r.origin.rsplit("[", 1)[1] for r in rejects] == ["1]"]


def test_atom_feed_sniffed_from_content(tmp_path: Path) -> None:
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>وكالة</title>
<entry><title>غارة</title><id>tag:example.org,2016:1</id><updated>2016-06-23T12:00:00Z</updated>
<link href="https://example.org/e/1"/><content type="html">&lt;b&gt;{TEXT_B}&lt;/b&gt;</content></entry>
</feed>"""
    (tmp_path / "latest").write_text(atom, encoding="utf-8")  # no suffix: sniffed
    arts = list(read_articles([tmp_path / "latest"]))
    assert [(a.text, a.published) for a in arts] == [(TEXT_B, dt.date(2016, 6, 23))]


def test_large_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(2000):
            fh.write(
                json.dumps({"id": f"a{i}", "text": f"{TEXT_A} {i}"}, ensure_ascii=False) + "\n"
            )
    stream = read_articles([path])
    assert next(stream).id == "a0"  # a generator: nothing read ahead of the consumer
    assert sum(1 for _ in stream) == 1999


@pytest.mark.skipif(not SNN_DAY.exists(), reason="../shared corpus not present")
def test_real_saudinewsnet_day_matches_gold_ids() -> None:
    rejects = RejectLog()
    arts = {a.id: a for a in read_articles([SNN_DAY], rejects=rejects)}
    assert len(arts) + len(rejects) == 3218
    assert all(r.reason == "empty text" for r in rejects)
    gold = {}
    with GOLD_DEV.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["id"].startswith("snn-2015-08-06-"):
                gold[record["id"]] = record
    assert "snn-2015-08-06-1942" in gold
    for gid, record in gold.items():
        assert arts[gid].text == record["text"]
        assert str(arts[gid].published) == record["published"]


# ---- isolation: any failure inside one file, member or line is one reject (issue 15)


def _line(text: str, **extra) -> str:
    return json.dumps({"text": text, **extra}, ensure_ascii=False)


def _corrupt_first_member(path: Path, compression: int) -> Path:
    """A zip whose first member's compressed stream is damaged; the second is intact."""
    with zipfile.ZipFile(path, "w", compression) as z:
        z.writestr("a.jsonl", (_line(TEXT_A) + "\n") * 200)
        z.writestr("b.jsonl", _line(TEXT_B) + "\n")
    data = bytearray(path.read_bytes())
    start = 30 + len("a.jsonl") + 2
    for i in range(start, start + 8):
        data[i] ^= 0x55
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_LZMA])
def test_corrupt_zip_member_is_rejected_and_the_next_member_read(tmp_path, compression):
    bad = _corrupt_first_member(tmp_path / "bad.zip", compression)
    good = _jsonl(tmp_path / "good.jsonl", [_line(TEXT_C)])
    rejects = RejectLog()
    arts = list(read_articles([bad, good], rejects=rejects))
    assert [a.text for a in arts][-2:] == [TEXT_B, TEXT_C]
    assert len(rejects) == 1
    (reject,) = rejects
    assert reject.origin.startswith(f"{bad}!a.jsonl:")  # archive, member and line
    assert reject.reason.startswith("unreadable: ")


def test_deeply_nested_json_is_a_reject(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    jsonl = _jsonl(tmp_path / "deep.jsonl", [_line(TEXT_A), deep, _line(TEXT_B)])
    whole = tmp_path / "deep.json"
    whole.write_text(deep, encoding="utf-8")
    rejects = RejectLog()
    arts = list(read_articles([jsonl, whole], rejects=rejects))
    assert [a.text for a in arts] == [TEXT_A, TEXT_B]
    assert [(r.origin, r.reason) for r in rejects] == [
        (f"{jsonl}:2", "malformed JSON: nested too deeply"),
        (str(whole), "malformed JSON: nested too deeply"),
    ]


def test_feed_that_breaks_feedparser_is_a_reject(tmp_path: Path) -> None:
    feed = tmp_path / "f.rss"
    feed.write_bytes(
        b'<?xml version="1.0" encoding="ut\x91f-8"?><rss version="2.0"><channel><title>x</title>'
        b"<item><title>t</title><description>" + TEXT_A.encode() + b"</description></item>"
        b"</channel></rss>"
    )
    good = _jsonl(tmp_path / "good.jsonl", [_line(TEXT_B)])
    rejects = RejectLog()
    arts = list(read_articles([feed, good], rejects=rejects))
    assert arts[-1].text == TEXT_B
    assert all(r.origin.startswith(str(feed)) for r in rejects)


def test_text_that_mentions_a_feed_tag_is_text(tmp_path: Path) -> None:
    raw = TEXT_A + " وقال خبير إن الوسم <feed> يحدد القناة و<rss> أيضا."
    (tmp_path / "t.txt").write_text(raw, encoding="utf-8")
    rejects = RejectLog()
    assert [a.text for a in read_articles([tmp_path / "t.txt"], rejects=rejects)] == [raw]
    assert not rejects


def test_feed_root_after_prolog_is_still_sniffed() -> None:
    from marsad.ingest.feeds import looks_like_feed

    assert looks_like_feed(b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0">')
    assert looks_like_feed(b"<?xml version='1.0'?><!DOCTYPE x><feed xmlns='a'>")
    assert not looks_like_feed(b"plain text <feed> later")


def test_utf16_jsonl_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "u16.jsonl"
    path.write_bytes(("\n".join([_line(TEXT_A), _line(TEXT_B)]) + "\n").encode("utf-16"))
    rejects = RejectLog()
    assert [a.text for a in read_articles([path], rejects=rejects)] == [TEXT_A, TEXT_B]
    assert not rejects


def test_oversized_member_is_rejected_not_read(tmp_path, monkeypatch) -> None:
    from marsad.ingest import readers

    monkeypatch.setattr(readers, "MAX_WHOLE_BYTES", 1000)
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.txt", " " * 5000)
        z.writestr("ok.txt", TEXT_A)
    rejects = RejectLog()
    assert [a.text for a in read_articles([path], rejects=rejects)] == [TEXT_A]
    assert [(r.origin, r.reason.split(":")[0]) for r in rejects] == [
        (f"{path}!big.txt", "too large")
    ]


def test_any_record_level_exception_is_a_reject(tmp_path, monkeypatch) -> None:
    from marsad.ingest import readers

    real = readers.make_article

    def flaky(fields, *args, **kw):
        if fields.get("id") == "boom":
            raise RuntimeError("unexpected")
        return real(fields, *args, **kw)

    monkeypatch.setattr(readers, "make_article", flaky)
    path = _jsonl(tmp_path / "a.jsonl", [_line(TEXT_A), _line(TEXT_B, id="boom"), _line(TEXT_C)])
    rejects = RejectLog()
    assert [a.text for a in read_articles([path], rejects=rejects)] == [TEXT_A, TEXT_C]
    assert [(r.origin, r.reason) for r in rejects] == [
        (f"{path}:2", "unreadable: RuntimeError: unexpected")
    ]


def test_lone_surrogate_is_a_reject(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"id":"s","text":"\\ud800 قتل"}\n' + _line(TEXT_A) + "\n", encoding="utf-8")
    rejects = RejectLog()
    assert [a.text for a in read_articles([path], rejects=rejects)] == [TEXT_A]
    assert [(r.origin, r.reason) for r in rejects] == [
        (f"{path}:1", "invalid text: lone surrogate U+D800 at offset 0")
    ]


def test_gzipped_jsonl_is_read_and_a_corrupt_one_is_a_reject(tmp_path):
    import gzip

    lines = [
        json.dumps(
            {"id": f"g{i}", "text": f"قصفت الطائرات مواقع قرب مدينة سرت أمس {i}."},
            ensure_ascii=False,
        )
        for i in range(2)
    ]
    folder = tmp_path / "in"
    folder.mkdir()
    with gzip.open(folder / "day.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    (folder / "broken.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    (folder / "archive.tar.gz").write_bytes(b"\x1f\x8b")
    log = RejectLog()
    ids = [a.id for a in read_articles([folder], rejects=log)]
    assert ids == ["g0", "g1"]
    assert log.count == 1 and "broken.jsonl.gz" in next(iter(log)).origin
