"""Counts: digits, number words, duals, qualifiers, vague amounts."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.normalize import normalize_plain
from marsad.text.numbers import find_numbers, parse_number_words


def hits(raw: str) -> list[tuple[str, int, bool, str | None]]:
    t = normalize_plain(raw)
    return [(t[h.nstart : h.nend], h.value, h.vague, h.qualifier) for h in find_numbers(t)]


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("واحد", 1),
        ("اثنتين", 2),
        ("ثلاثة", 3),
        ("ثمانية", 8),
        ("عشرة", 10),
        ("أحد عشر", 11),
        ("اثنا عشر", 12),
        ("إحدى عشرة", 11),
        ("تسعة عشر", 19),
        ("عشرين", 20),
        ("خمس وثلاثون", 35),
        ("ثلاثة و عشرين", 23),
        ("مئة", 100),
        ("مائتين", 200),
        ("ثلاثمئة", 300),
        ("ثلاث مائة", 300),
        ("مئة وخمسون", 150),
        ("ألف", 1000),
        ("ألفين", 2000),
        ("ثلاثة آلاف", 3000),
        ("خمسة عشر ألفا", 15000),
        ("ألف وخمسمائة وخمسة وعشرون", 1525),
        ("٢٤", 24),
        ("1,200", 1200),
        ("1.200", 1200),
        ("3 ملايين", 3000000),
    ],
)
def test_parse_number_words(phrase, value):
    assert parse_number_words(phrase) == value


def test_parse_rejects_non_numbers():
    assert parse_number_words("الجيش") is None
    assert parse_number_words("خمسة جنود") is None
    assert parse_number_words("") is None


def test_words_and_digits_in_text():
    assert hits("لقي خمسة عشر مسلحا حتفهم وجرح 24 آخرون") == [
        ("خمسه عشر", 15, False, None),
        ("24", 24, False, None),
    ]


def test_parenthesised_digits_counted_once():
    assert hits("قتل (12) اثنا عشر جنديا") == [("(12) اثنا عشر", 12, False, None)]
    assert hits("أصيب سبعة (7) مدنيين") == [("سبعه (7)", 7, False, None)]
    # different values stay apart
    assert [h[1] for h in hits("سبعة (8)")] == [7, 8]


def test_qualifiers():
    assert hits("مقتل أكثر من عشرة جنود") == [("اكثر من عشره", 10, False, "more_than")]
    assert hits("ما لا يقل عن 30 قتيلا")[0][1:] == (30, False, "at_least")
    assert hits("سقط 9 قتلى على الأقل")[0][1:] == (9, False, "at_least")
    assert hits("نحو مئتي شخص")[0][1:] == (200, False, "about")
    assert hits("حتى 40 مسلحا")[0][1:] == (40, False, "up_to")
    assert hits("تجاوزت حصيلة القتلى العشرين") == []  # the number is not right after
    assert hits("حصيلة تجاوزت العشرة")[0][1:] == (10, False, "more_than")


def test_vague_amounts():
    assert hits("سقط عشرات القتلى ومئات الجرحى") == [
        ("عشرات", 12, True, None),
        ("مئات", 100, True, None),
    ]
    assert hits("نزح عشرات الآلاف")[0][1] == 12000
    assert hits("أصيب عدد من المارة")[0][1:] == (10, True, None)
    assert hits("وأصيب العديد من الأطفال")[0][1:] == (10, True, None)


def test_duals():
    assert hits("سقط قتيلان") == [("قتيلان", 2, False, None)]
    assert hits("أسر جنديين اثنين") == [("جنديين اثنين", 2, False, None)]
    assert hits("قتل 15 قتيلا") == [("15", 15, False, None)]  # accusative singular, not a dual


def test_years_times_dates_ordinals_are_not_counts():
    assert hits("في عام 2014 وفي 2013م") == []
    assert hits("الساعة 10 صباحا") == []
    assert hits("يوم 15/8/2015 عند 10:30") == []
    assert hits("في 12 يوليو 2015") == []
    assert hits("الفصل الثالث والجولة الأولى") == []
    assert hits("لم يصب أحد") == []
    assert hits("في الحادي عشر من الشهر واليوم الثالث عشر") == []


# ---------------------------------------------------------------- property

UNITS_M = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
TENS_M = ["", "عشرة", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
HUNDREDS = [
    "",
    "مئة",
    "مئتان",
    "ثلاثمئة",
    "أربعمئة",
    "خمسمئة",
    "ستمئة",
    "سبعمئة",
    "ثمانمئة",
    "تسعمئة",
]


def reference_words(n: int) -> str:
    """An independent spelling of 1..999 (masculine nominative), units before tens."""
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    parts = []
    if rest:
        if rest < 10:
            parts.append(UNITS_M[u])
        elif rest == 10:
            parts.append("عشرة")
        elif rest < 20:
            first = {1: "أحد", 2: "اثنا"}.get(u, UNITS_M[u])
            parts.append(first + " عشر")
        elif u:
            parts.append(UNITS_M[u] + " و" + TENS_M[t])
        else:
            parts.append(TENS_M[t])
    if h:
        return HUNDREDS[h] + (" و" + parts[0] if parts else "")
    return parts[0]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999))
def test_number_words_match_reference(n):
    assert parse_number_words(reference_words(n)) == n
    text = normalize_plain("قال المصدر إن " + reference_words(n) + " شخصا أصيبوا")
    found = find_numbers(text)
    assert [h.value for h in found] == [n]


@pytest.mark.parametrize(
    "raw",
    [
        "9" * 5000,
        "1." + "9" * 5000,
        "9" * 400 + ".5 مليار",
        "9" * 300 + " مليار قتيل",
        "قتل 1,000,000,000,000,000,000 شخص",
    ],
)
def test_huge_digit_runs_are_not_counts_and_never_overflow(raw):
    # float("9"*400) is inf and int("9"*5000) exceeds Python's digit limit:
    # both used to escape as exceptions; such runs are ids, never counts.
    assert hits(raw) == []
