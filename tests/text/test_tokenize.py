"""Tokens and clitic splitting."""

import pytest

from marsad.text.normalize import normalize_plain
from marsad.text.tokenize import split_word, tokenize


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("والمدينه", ("وال", "مدينه", "")),
        ("بالغارات", ("بال", "غارات", "")),
        ("للحكومه", ("لل", "حكومه", "")),
        ("وقتلهم", ("و", "قتل", "هم")),
        ("كتابها", ("", "كتاب", "ها")),
        ("ووزير", ("و", "وزير", "")),
        ("وزير", ("", "وزير", "")),
        ("وزيرا", ("", "وزيرا", "")),
        ("بلده", ("", "بلده", "")),
        ("لجنه", ("", "لجنه", "")),
        ("فريق", ("", "فريق", "")),
        ("كتيبه", ("", "كتيبه", "")),
        ("الله", ("", "الله", "")),
        ("التي", ("", "التي", "")),
        ("ولد", ("", "ولد", "")),  # stem would be 2 letters
        ("الجيش", ("ال", "جيش", "")),
        ("الامن", ("ال", "امن", "")),
        ("ب18", ("ب", "18", "")),
        ("متهم", ("", "متهم", "")),
        ("قواتنا", ("", "قوات", "نا")),
        ("مدينه", ("", "مدينه", "")),  # a final ه (from ة) is never a pronoun here
    ],
)
def test_split_word(word, parts):
    assert split_word(word) == parts


def test_tokenize_offsets_and_punctuation():
    norm = normalize_plain("قُتل 3 جنود، وأصيب آخرون (بالرصاص).")
    toks = tokenize(norm)
    assert [t.text for t in toks] == ["قتل", "3", "جنود", "واصيب", "اخرون", "بالرصاص"]
    for t in toks:
        assert norm[t.nstart : t.nend] == t.text
        assert t.prefix + t.stem + t.suffix == t.text
    assert toks[3].prefix == "و" and toks[3].stem == "اصيب"


def test_latin_tokens():
    toks = tokenize(normalize_plain("طائرة F16 أسقطت"))
    assert [t.text for t in toks] == ["طائره", "f16", "اسقطت"]
    assert toks[1].prefix == ""
