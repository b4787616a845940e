"""The fast normalisation paths (replace instead of translate, lazy offset map,
lazy sentences) must give exactly what the one-pass reference gives."""

from __future__ import annotations

import importlib

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.model import Article
from marsad.text.document import build_document
from marsad.text.sentences import split_sentences

N = importlib.import_module("marsad.text.normalize")  # the module, not the function

# Our own text, with harakat, tatweel, presentation forms, Arabic-Indic digits,
# glued digits, a fused pair, Latin capitals and odd whitespace.
SAMPLES = [
    "قُتِلَ ٣ أشخاصٍ  وأُصيبَ ١٢ آخرون،\tفي انفجارٍ بمدينة حلب يوم ٢٠١٥/٨/٩.",
    "أعلنت الأممالمتحدة أن 15شخصا نزحوا من القرية\r\n\r\nالواقعة شمال البلاد.",
    "قال مسؤول في UNICEF إن «المساعدات» وصلت ﻻحقاً إلى المدينة؟ نعم؛ وصلت.",
    "ســـقط صاروخ على الحيّ الشرقيّ للمدينة فجر الخميس\u200c الماضي",
    "مدرسةالبنات تعرضت للقصف في منطقة ىالحدود ٪٥٠ من المباني تضررت",
]

_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآٱةى"
    "\u064b\u064e\u0650\u0651\u0652\u0640\u200c\u200f\ufeff"
    "٠١٢٣٤٥٦٧٨٩۱۲0123456789"
    "،؛؟٪«»“” \n\t\r\xa0.,ABCxyzÉ"
    "\ufefb\ufef5\ufe8d\ufb50\ufc60"
)


def _same(text: str) -> None:
    fast = N.normalize(text)
    eager = N.normalize_eager(text)
    assert fast.text == eager.text == N.normalize_plain(text)
    n = len(fast.text)
    for s in range(n + 1):
        for e in range(s, min(n, s + 6) + 1):
            assert fast.to_original(s, e) == eager.to_original(s, e), (s, e)
        assert fast.orig_pos(s) == eager.orig_pos(s)


def test_replace_path_equals_translate() -> None:
    for text in SAMPLES:
        assert N._translate1(text) == text.translate(N._TABLE1)
    # a text with more distinct changed chars than the replace path takes
    many = "".join(sorted(N._SIMPLE_MAP)[:40])
    assert N._translate1(many) == many.translate(N._TABLE1)


def test_lazy_map_equals_the_eager_map_on_our_samples() -> None:
    for text in SAMPLES:
        _same(text)
    assert N.normalize(SAMPLES[1]).text.count("الامم المتحده") == 1  # the fused pair was split


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_lazy_map_and_replace_equal_the_reference(text: str) -> None:
    assert N._translate1(text) == text.translate(N._TABLE1)
    _same(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ابتةىي 0123456789az.-", max_size=40))
def test_glue_positions_equal_the_lookahead_regex(text: str) -> None:
    assert N._glue_positions(text) == {m.start() for m in N._GLUE.finditer(text)}


def test_glue_positions_on_our_samples() -> None:
    for text in SAMPLES:
        s2 = N._stage2(N._translate1(text), False)[0]
        assert N._glue_positions(s2) == {m.start() for m in N._GLUE.finditer(s2)}
    assert N._glue_positions("في 2015م قتل15 شخصا مدرسةالبنات") == {6, 11, 24}


def test_document_sentences_are_built_on_demand() -> None:
    article = Article(id="t1", text=SAMPLES[1], published="2016-03-02")
    doc = build_document(article)
    assert "sentences" not in doc.__dict__
    assert doc.sentences == split_sentences(doc.norm)
    assert len(doc.sentences) == 2
    assert doc.sentence_index(doc.sentences[1][0]) == 1
