"""The date and number scanners only try candidate items (a first-word index);
the result must be exactly what trying every item gives."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text import dates, numbers
from marsad.text.normalize import normalize_plain

PUB = dt.date(2016, 3, 2)

# Our own sentences, each holding dates and/or counts in the forms the scanners read.
SENTENCES = [
    "قتل ثلاثة وعشرون شخصا وأصيب أكثر من 40 آخرين في انفجار وقع مساء أمس الثلاثاء.",
    "أعلنت الوزارة يوم الخميس الماضي أن ما لا يقل عن خمسة عشر جنديا سقطوا في المعارك.",
    "وفي 15 أغسطس 2015 م اعتقلت الشرطة عشرات المحتجين وأفرجت عن بعضهم بعد يومين.",
    "وصلت قافلة تحمل 1,200 طن من المساعدات في 21 شوال 1436 هـ إلى المدينة.",
    "أكدت المصادر أن مئتين وخمسين أسرة نزحت خلال الأسبوع الماضي بسبب القصف.",
    "سقط صاروخان على الحي صباح اليوم وأصيب (3) ثلاثة أطفال بجروح.",
    "وبحسب البيان الصادر في 3/2/2016 فإن الهجوم أسفر عن مقتل عدد من المدنيين.",
    "ووقعت الاشتباكات في مطلع يناير بين الطرفين، وقتل فيها نحو ألفي مقاتل.",
    "أفاد شهود بأن الطائرات نفذت غارتين أول أمس على مواقع قرب الحدود.",
    "خلال شهر رمضان الماضي أصيب ما يزيد على مئة شخص في حوادث متفرقة.",
    "وقال المتحدث إن الساعة 10:30 شهدت انفجارا، وإن آلاف السكان فروا من المنطقة.",
    "اجتمع الوزراء بعد ظهر يوم الأحد لبحث ملف الأسرى البالغ عددهم 250 أسيرا على الأقل.",
]

_VOCAB = sorted(
    dates._lex().starts
    | dates.month_words()
    | numbers._lex().scan_starts
    | {"عشر", "و", "الف", "الاقل", "علي", "م", "ه", "عام", "الساعه", "الماضي", "يوم"}
    | {"قتل", "في", "من", "الجيش", "مدينه", "(", ")", ",", "."}
)
_TOKENS = st.one_of(
    st.sampled_from(_VOCAB),
    st.integers(0, 3000).map(str),
    st.tuples(st.integers(1, 31), st.integers(1, 12), st.integers(1990, 2020)).map(
        lambda t: f"{t[0]}/{t[1]}/{t[2]}"
    ),
)


def _both(norm: str) -> tuple[list, list, list, list]:
    return (
        dates._Scanner(norm, PUB).scan(every=True),
        dates.find_dates(norm, PUB),
        numbers._Scanner(norm).scan(every=True),
        numbers.find_numbers(norm),
    )


def test_own_sentences_read_the_same_with_the_index() -> None:
    found_dates = found_numbers = 0
    for raw in SENTENCES:
        norm = normalize_plain(raw)
        d_all, d_fast, n_all, n_fast = _both(norm)
        assert d_fast == d_all, raw
        assert n_fast == n_all, raw
        found_dates += len(d_fast)
        found_numbers += len(n_fast)
    # the sentences really exercise both scanners
    assert found_dates >= 10
    assert found_numbers >= 12


def test_index_skips_plain_words() -> None:
    norm = normalize_plain("وقال المتحدث باسم الحكومة إن الاجتماع بحث التعاون أمس")
    assert len(dates._Scanner(norm, PUB).candidates()) == 1  # only امس
    assert numbers._Scanner(norm).candidates() == []


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, min_size=1, max_size=25))
def test_random_word_sequences_read_the_same_with_the_index(words: list[str]) -> None:
    norm = normalize_plain(" ".join(words))
    d_all, d_fast, n_all, n_fast = _both(norm)
    assert d_fast == d_all
    assert n_fast == n_all
