"""build_document: offsets, sentences, lazy annotations."""

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import pytest

from marsad.model import Article, Span
from marsad.text import build_document, normalize_plain

CORPUS = Path(__file__).parents[2] / ".." / "shared" / "corpus" / "saudinewsnet"


def test_document_basics():
    text = "قُتِلَ خمسةُ جنودٍ أمسِ في «حلب».\n\nوأصيب  ثلاثة آخرون بجروح."
    doc = build_document(Article(text=text, published=dt.date(2015, 8, 9)))
    assert doc.text == text and doc.norm == doc.normalized.text
    assert len(doc.sentences) == 2
    assert doc.sentence_text(0) == "قُتِلَ خمسةُ جنودٍ أمسِ في «حلب»."
    assert doc.sentence_text(1) == "وأصيب  ثلاثة آخرون بجروح."
    i = doc.norm.index("حلب")
    assert doc.span(i, i + 3) == Span(text.index("حلب"), text.index("حلب") + 3)
    assert doc.surface(i, i + 3) == "حلب"
    assert doc.sentence_index(i) == 0
    assert doc.sentence_index(doc.norm.index("ثلاثه")) == 1
    assert [h.value for h in doc.numbers] == [5, 3]
    assert doc.surface(doc.numbers[0].nstart, doc.numbers[0].nend).startswith("خمسة")
    assert [h.date for h in doc.dates] == [dt.date(2015, 8, 8)]
    assert doc.tokens[0].text == "قتل"
    assert doc.tokens is doc.tokens  # cached


def _corpus_articles(limit: int) -> list[str]:
    zips = sorted(CORPUS.glob("*.zip"))
    if not zips:
        pytest.skip("shared corpus not available")
    with zipfile.ZipFile(zips[0]) as zf:
        rows = json.loads(zf.read(zf.namelist()[0]))
    return [r["content"] for r in rows if (r.get("content") or "").strip()][:limit]


def test_corpus_words_map_back():
    for text in _corpus_articles(150):
        doc = build_document(Article(text=text))
        for m in re.finditer(r"\S+", doc.norm):
            assert normalize_plain(doc.surface(*m.span())) == m.group()
        for h in doc.numbers + doc.dates:
            assert 0 <= h.nstart < h.nend <= len(doc.norm)
