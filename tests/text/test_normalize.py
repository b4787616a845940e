"""Normalisation rules and the offset map back to the original text."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.normalize import normalize, normalize_plain, scoring_form


def norm(t: str) -> str:
    return normalize(t).text


def test_letters_and_diacritics():
    assert norm("أَحْمَدُ إلى آبار ٱلمدينة") == "احمد الي ابار المدينه"
    assert norm("قـــتـــل") == "قتل"
    assert norm("مؤسسة ئ ء") == "مؤسسه ئ ء"


def test_digits_punctuation_quotes_latin():
    assert norm("٣٥ و۱۲") == "35 و12"
    assert norm("قال، هل؟ نعم؛ «لا» “نعم”") == 'قال, هل? نعم; "لا" "نعم"'
    assert norm("CNN Reuters") == "cnn reuters"


def test_whitespace():
    assert norm("ا  \t ب") == "ا ب"
    assert norm("ا \n\n  ب\r\nج") == "ا\nب\nج"
    assert norm("ا\u200f\u200b ب") == "ا ب"


def test_presentation_forms():
    assert norm("ﻻ ﺑﺎﺏ") == "لا باب"


def test_restored_spaces():
    assert norm("Mi35نفذ") == "mi35 نفذ"
    assert norm("سقط 7صواريخ") == "سقط 7 صواريخ"
    assert norm("ب18 صاروخا") == "ب18 صاروخا"  # a proclitic stays glued
    assert norm("عام2015") == "عام 2015"
    assert norm("مدينةالرياض") == "مدينه الرياض"
    assert norm("المستشفىالعام") == "المستشفي العام"
    assert norm("الأممالمتحدة") == "الامم المتحده"
    assert norm("وللأممالمتحدة") == "وللامم المتحده"
    assert norm("عبدالله") == "عبدالله"  # a normal fused name is not split


def test_offsets_simple():
    t = "قَتَلَ  خمسةٌ\n\nفي «حلب»"
    n = normalize(t)
    assert n.text == 'قتل خمسه\nفي "حلب"'
    i = n.text.index("خمسه")
    s, e = n.to_original(i, i + 4)
    assert t[s:e] == "خمسةٌ"[:4]  # the trailing tanween is outside the word's letters
    i = n.text.index("حلب")
    s, e = n.to_original(i, i + 3)
    assert t[s:e] == "حلب"
    # the collapsed newline run maps to the whole run
    i = n.text.index("\n")
    assert t[slice(*n.to_original(i, i + 1))] == "\n\n"


def test_inserted_space_is_zero_width():
    t = "مدينةالرياض"
    n = normalize(t)
    assert n.text == "مدينه الرياض"
    assert n.to_original(5, 6) == (5, 5)
    assert n.to_original(0, 6) == (0, 5)
    assert n.to_original(5, 12) == (5, 11)
    assert t[slice(*n.to_original(6, 12))] == "الرياض"
    assert n.orig_pos(len(n.text)) == len(t)


def test_empty_span():
    n = normalize("قَتل")
    assert n.to_original(2, 2)[0] == n.to_original(2, 2)[1]


def test_scoring_form():
    assert scoring_form(" «الدولة   الإسلامية» ") == "الدوله الاسلاميه"
    assert scoring_form('مستشفى "أحمد"') == "مستشفي احمد"


# ---------------------------------------------------------------- properties

ALPHABET = list(
    "ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآؤئةى"
    "ٱ"
    "\u064e\u0650\u064b\u0652\u0651\u0670\u0640\u200f\u200b\ufeff"
    "٠١٢٣٤٥٦٧٨٩۰۵0123456789aBzQ"
    '  \t\n\r\xa0.,،؛؟!«»“”"()-'
    "ﻻﺑﺎﻟﺔﻰﹰ"
)
texts = st.text(alphabet=st.sampled_from(ALPHABET), max_size=60) | st.sampled_from(
    ["الأممالمتحدة", "مدينةالرياضب18", "Mi35نفذ", "ولل\u064eأممالمتحدة x"]
)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_plain_equals_normalize_and_idempotent(t):
    p = normalize_plain(t)
    assert p == normalize(t).text
    assert normalize_plain(p) == p
    assert "  " not in p and "\n\n" not in p


@settings(max_examples=200, deadline=None)
@given(texts)
def test_each_char_maps_back(t):
    n = normalize(t)
    prev = (0, 0)
    for i, ch in enumerate(n.text):
        s, e = n.to_original(i, i + 1)
        assert 0 <= s <= e <= len(t)
        assert s >= prev[0] and e >= prev[1]  # monotone
        prev = (s, e)
        if s < e:
            assert ch in normalize_plain(t[s:e])


@settings(max_examples=200, deadline=None)
@given(texts, st.integers(0, 80), st.integers(0, 80))
def test_to_original_monotone(t, a, b):
    n = normalize(t)
    a, b = sorted((a, b))
    s1, e1 = n.to_original(a, b)
    s2, e2 = n.to_original(a, b + 1)
    assert s1 <= e1 and s2 <= e2
    assert s1 <= s2 and e1 <= e2
    assert n.orig_pos(a) <= n.orig_pos(b)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_words_map_to_original_words(t):
    n = normalize(t)
    for m in re.finditer(r"\S+", n.text):
        s, e = n.to_original(*m.span())
        assert normalize_plain(t[s:e]) == m.group()
