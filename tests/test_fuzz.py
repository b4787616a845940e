"""Property tests (hypothesis) over hostile text and damaged files (issue 15 item 9).

* Random Unicode (Arabic letters, harakat, digits in three scripts, RTL/LTR and
  zero-width marks, odd publication dates) through the whole pipeline: no
  exception escapes, every evidence span lies inside the text, is not blank,
  and never splits a letter from its marks.
* Our own conflict sentences with harakat, tatweel and invisible marks added:
  the events are the same as without them.
* Random mutations of well-formed files of every format the readers take:
  nothing escapes ``read_articles``; bad input only ever becomes rejects.

``make test`` runs the default profile (about a minute on 2 cores);
``make fuzz`` runs the ``long`` profile over and over with fresh seeds.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.ingest import RejectLog, read_articles
from marsad.model import Article
from marsad.text.normalize import normalize_plain
from marsad.text.spans import is_mark

_SCALE = 25 if os.environ.get("MARSAD_FUZZ") == "long" else 1
settings.register_profile(
    "marsad-fuzz",
    deadline=None,
    derandomize=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile("marsad-fuzz")

LETTERS = [chr(c) for c in range(0x0621, 0x064B)] + ["ى", "ة", "ی", "ک", "ھ", "ٱ"]
HARAKAT = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
TATWEEL = "\u0640"
DIGITS = (
    list("0123456789") + [chr(0x0660 + i) for i in range(10)] + [chr(0x06F0 + i) for i in range(10)]
)
INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u2066",
    "\u2067",
    "\u2069",
    "\ufeff",
    "\u061c",
]
PUNCT = list(' .،؛؟!:"«»()-/\n') + ["\u00a0"]

# Words that make the extractor work: triggers, counts, dates, places, actors.
WORDS = [
    "قتل",
    "أصيب",
    "انفجار",
    "سيارة",
    "مفخخة",
    "غارة",
    "اشتباكات",
    "مسلحون",
    "الجيش",
    "الشرطة",
    "تنظيم",
    "داعش",
    "الحوثيين",
    "بغداد",
    "حلب",
    "عدن",
    "الموصل",
    "صنعاء",
    "أمس",
    "اليوم",
    "الجمعة",
    "الماضي",
    "رمضان",
    "اغسطس",
    "مقتل",
    "خمسة",
    "ثلاثة",
    "عشرات",
    "قتيلا",
    "جريحا",
    "مدنيين",
    "في",
    "على",
    "من",
    "إلى",
    "هجوم",
    "قصف",
    "1436هـ",
    "2015",
    "15/8/2015",
    "شخصا",
    "جنود",
    "اعتقال",
    "مظاهرة",
]

char = st.sampled_from(LETTERS + HARAKAT + [TATWEEL] + DIGITS + INVISIBLE + PUNCT)
token = st.one_of(
    st.sampled_from(WORDS),
    st.text(char, min_size=1, max_size=8),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=3),
)
texts = st.lists(token, min_size=1, max_size=120).map(" ".join).filter(lambda t: t.strip())
dates = st.one_of(
    st.none(),
    st.dates(),
    st.sampled_from([dt.date.min, dt.date.max, dt.date(2093, 12, 24), dt.date(1924, 8, 1)]),
)


@pytest.fixture(scope="module")
def pipeline():
    from marsad.pipeline import Pipeline

    return Pipeline(min_confidence=0.0)


def _check_spans(text: str, events) -> None:
    for event in events:
        for field_name, spans in event.evidence.items():
            for start, end in spans:
                assert 0 <= start < end <= len(text), (field_name, start, end)
                assert text[start:end].strip(), (field_name, start, end)
                assert not is_mark(text[start]), (field_name, "starts on a mark")
                assert end == len(text) or not is_mark(text[end]), (field_name, "mark left out")


@settings(max_examples=1500 * _SCALE)
@given(text=texts, published=dates)
def test_random_text_through_the_pipeline(pipeline, text: str, published) -> None:
    events = pipeline.extract(Article(id="f", text=text, published=published))
    _check_spans(text, events)


# ---- invariance: harakat, tatweel and invisible marks change nothing -------------

SENTENCES = [
    "قتل خمسة جنود وأصيب ثلاثة آخرون في هجوم مسلح على حاجز للجيش في العريش أمس.",
    "شنت طائرات حربية غارات على مواقع لتنظيم داعش قرب مدينة الرقة يوم الجمعة الماضي.",
    "انفجرت سيارة مفخخة في سوق شعبي وسط بغداد صباح اليوم ما أسفر عن مقتل عشرة مدنيين.",
    "اعتقلت قوات الأمن عشرين متظاهرا في صنعاء بعد مظاهرة احتجاجا على رفع الأسعار.",
    "سقطت قذائف هاون على حي سكني في حلب في 12 اغسطس 2015 وأصيب سبعة أطفال.",
]

decorations = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=10_000), st.sampled_from(HARAKAT + [TATWEEL] + INVISIBLE)
    ),
    min_size=1,
    max_size=25,
)


def _decorate(text: str, marks: list[tuple[int, str]]) -> str:
    """Insert marks after letters only (a mark after a space or digit is not Arabic writing)."""
    out = list(text)
    letters = [i for i, ch in enumerate(text) if ch in LETTERS or ch in "أإآؤئءة"]
    for pos, mark in sorted(marks, reverse=True):
        i = letters[pos % len(letters)]
        out.insert(i + 1, mark)
    return "".join(out)


def _projection(text: str, events) -> list[tuple]:
    """What must not change: the coded fields, and what each evidence span says once normalised."""
    rows = []
    for e in events:
        said = tuple(
            sorted(
                (k, tuple(normalize_plain(text[s:x]) for s, x in v)) for k, v in e.evidence.items()
            )
        )
        rows.append(
            (
                e.event_type,
                e.sub_event_type,
                e.event_date,
                e.actor1,
                e.actor2,
                e.location,
                e.fatalities,
                e.injured,
                e.geo_precision,
                e.time_precision,
                normalize_plain(e.actor1_ar or ""),
                normalize_plain(e.actor2_ar or ""),
                said,
            )
        )
    return sorted(rows, key=repr)


@settings(max_examples=400 * _SCALE)
@given(
    index=st.integers(min_value=0, max_value=len(SENTENCES) - 1),
    second=st.integers(min_value=0, max_value=len(SENTENCES) - 1),
    marks=decorations,
)
def test_marks_do_not_change_the_events(pipeline, index: int, second: int, marks) -> None:
    plain = SENTENCES[index] + " " + SENTENCES[second]
    fancy = _decorate(plain, marks)
    assert normalize_plain(fancy) == normalize_plain(plain)
    pub = dt.date(2015, 8, 11)
    base = pipeline.extract(Article(id="p", text=plain, published=pub))
    other = pipeline.extract(Article(id="p", text=fancy, published=pub))
    _check_spans(fancy, other)
    assert _projection(fancy, other) == _projection(plain, base)


def test_final_harakat_stay_inside_their_span(pipeline) -> None:
    text = "قُتِلَ خمسة جنود في هجومٍ مسلح على حاجز للجيش في العريش أمس."
    (event,) = pipeline.extract(Article(id="h", text=text, published=dt.date(2015, 8, 10)))
    said = {text[s:x] for spans in event.evidence.values() for s, x in spans}
    assert "قُتِلَ" in said and "قُتِل" not in said
    _check_spans(text, [event])


def test_pronoun_toll_rule_ignores_harakat(pipeline) -> None:
    plain = "التي راح ضحيتها 45 قتيلا على الأقل في هجوم للحوثيين على دار سعد في عدن أمس."
    fancy = plain.replace("ضحيتها", "ضحيته\u064cا")
    pub = dt.date(2015, 8, 10)
    got = [
        [e.fatalities for e in pipeline.extract(Article(id="t", text=t, published=pub))]
        for t in (plain, fancy)
    ]
    assert got[0] == got[1] == [45]


# ---- reader fuzz: mutated files of every format -------------------------------

GOOD = "قتل ثلاثة أشخاص في انفجار سيارة مفخخة في بغداد أمس."


def _seed_files() -> dict[str, bytes]:
    line = json.dumps({"id": "a", "text": GOOD, "published": "2015-08-10"}, ensure_ascii=False)
    rss = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>وكالة</title>'
        f"<item><title>خبر</title><guid>g1</guid><description>{GOOD}</description>"
        "<pubDate>Mon, 10 Aug 2015 10:00:00 GMT</pubDate></item></channel></rss>"
    )
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>'
        f"<entry><id>e1</id><title>t</title><content>{GOOD}</content></entry></feed>"
    )
    html = (
        f"<!doctype html><html><head><title>خبر</title></head><body><article><p>{GOOD}</p>"
        f"<p>{GOOD}</p></article></body></html>"
    )
    snn = json.dumps(
        [
            {
                "title": "t",
                "content": GOOD,
                "date_extracted": "2015-08-10",
                "source": "okaz",
                "url": "u",
            }
        ]
        * 3,
        ensure_ascii=False,
    )
    files = {
        "a.jsonl": (line + "\n") * 3,
        "b.json": snn,
        "c.rss": rss,
        "d.xml": atom,
        "e.html": html,
        "f.txt": GOOD,
    }
    out = {name: body.encode("utf-8") for name, body in files.items()}
    for method in (zipfile.ZIP_DEFLATED, zipfile.ZIP_LZMA, zipfile.ZIP_BZIP2):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", method) as z:
            z.writestr("day.json", out["b.json"])
            z.writestr("m.jsonl", out["a.jsonl"])
        out[f"g{method}.zip"] = buf.getvalue()
    return out


SEEDS = _seed_files()

edit = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("cut"), st.integers(0, 10**6), st.just(0)),
    st.tuples(
        st.just("insert"),
        st.integers(0, 10**6),
        st.sampled_from([0, 0x91, 0xFF, 0x5B, 0x7B, 0x3C, 0x26, 0x0A, 0xC3, 0xD8]),
    ),
    st.tuples(st.just("nest"), st.integers(0, 10**6), st.sampled_from([0x5B, 0x7B, 0x3C])),
)


def _mutate(data: bytes, edits) -> bytes:
    buf = bytearray(data)
    for kind, pos, value in edits:
        if not buf:
            break
        i = pos % len(buf)
        if kind == "flip":
            buf[i] ^= value
        elif kind == "cut":
            del buf[i:]
        elif kind == "insert":
            buf.insert(i, value)
        else:  # deep nesting: [[[[... or <a><a><a>...
            buf[i:i] = bytes([value]) * 5000
    return bytes(buf)


@settings(max_examples=1500 * _SCALE)
@given(
    name=st.sampled_from(sorted(SEEDS)),
    edits=st.lists(edit, min_size=1, max_size=4),
    published=dates,
)
def test_mutated_files_never_escape_the_readers(tmp_path_factory, name, edits, published):
    folder = tmp_path_factory.mktemp("fz")
    path = Path(folder) / name
    path.write_bytes(_mutate(SEEDS[name], edits))
    good = Path(folder) / "z-good.jsonl"  # read after the damaged file: must still arrive
    good.write_text(
        json.dumps({"id": "after", "text": GOOD}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    rejects = RejectLog()
    articles = list(read_articles([folder], published=published, rejects=rejects))
    assert articles[-1].id == "after"
    for r in rejects:
        assert r.origin.startswith(str(folder)) and r.reason
