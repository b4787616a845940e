"""Work counted in executed Python lines (``sys.settrace``): deterministic, unlike seconds."""

from __future__ import annotations

import sys
from collections.abc import Callable

# Our own sentences: casualties, explicit and relative dates, a Hijri month, places.
SENTENCES = (
    "قتل {n} أشخاص وأصيب {m} آخرون في انفجار سيارة مفخخة في بغداد أمس الثلاثاء.",
    "وقالت الشرطة إن الهجوم وقع يوم {d} اغسطس 2015 قرب سوق شعبي.",
    "وفي 12 رمضان الماضي سقط عشرون قتيلا في قصف على حلب، بحسب مرصد محلي.",
    "واعتقلت قوات الأمن ثلاثة مشتبه بهم الأسبوع الماضي في مدينة الموصل.",
)


def long_text(sentences: int) -> str:
    """An article of ``sentences`` sentences (about 66 characters each), varied numbers."""
    return " ".join(
        SENTENCES[i % len(SENTENCES)].format(n=i % 50 + 2, m=i % 30 + 1, d=i % 28 + 1)
        for i in range(sentences)
    )


def lines_executed(fn: Callable[..., object], *args: object) -> int:
    """How many Python lines ``fn(*args)`` executes (C code such as regex counts as one)."""
    count = 0

    def trace(_frame, event, _arg):
        nonlocal count
        if event == "line":
            count += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        fn(*args)
    finally:
        sys.settrace(previous)
    return count


def doubling_ratio(fn: Callable[[str], object], base: int = 300) -> float:
    """Work on a text of ``2 * base`` sentences over work on ``base`` sentences (warmed up)."""
    fn(long_text(20))  # lazy lexicon loads are not part of the growth
    small = lines_executed(fn, long_text(base))
    large = lines_executed(fn, long_text(2 * base))
    return large / small
