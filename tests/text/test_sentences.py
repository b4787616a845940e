"""Sentence splitting on normalised text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.normalize import normalize_plain
from marsad.text.sentences import split_sentences


def sents(raw: str) -> list[str]:
    t = normalize_plain(raw)
    return [t[s:e] for s, e in split_sentences(t)]


def test_basic_breaks():
    assert sents("سقط صاروخ. أصيب اثنان! هل قتل أحد؟ لا\nسطر ثان") == [
        "سقط صاروخ.",
        "اصيب اثنان!",
        "هل قتل احد?",
        "لا",
        "سطر ثان",
    ]


def test_no_break_in_numbers_or_abbreviations():
    assert sents("بلغت الخسائر 3.5 مليون ونقل 1.200 جريح. انتهى") == [
        "بلغت الخسائر 3.5 مليون ونقل 1.200 جريح.",
        "انتهي",
    ]
    assert sents("قال د. سامي إن م. خالد وصل.") == ["قال د. سامي ان م. خالد وصل."]


def test_semicolon_does_not_break_and_quotes_stay():
    assert sents("قال «انتهت المعركة.» ثم غادر؛ وعاد") == ['قال "انتهت المعركه."', "ثم غادر; وعاد"]


def test_year_at_end():
    assert sents("وقع ذلك عام 2014. ثم") == ["وقع ذلك عام 2014.", "ثم"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ابت 1.!?\n"د')), max_size=50))
def test_spans_cover_text_in_order(raw):
    t = normalize_plain(raw)
    spans = split_sentences(t)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(t)
        assert t[s] not in " \n" and t[e - 1] not in " \n"
        assert t[last:s].strip() == ""
        last = e
    assert t[last:].strip() == ""
