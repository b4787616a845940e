"""Date expressions resolved against the publication day (CODEBOOK §5)."""

import datetime as dt

import pytest

from marsad.text.dates import find_dates
from marsad.text.normalize import normalize_plain

SUNDAY = dt.date(2015, 8, 9)  # a Sunday
THURSDAY = dt.date(2015, 8, 6)


def dates(raw: str, pub: dt.date | None = SUNDAY):
    t = normalize_plain(raw)
    return [(t[h.nstart : h.nend], h.date, h.precision, h.kind) for h in find_dates(t, pub)]


def one(raw: str, pub: dt.date | None = SUNDAY):
    found = dates(raw, pub)
    assert len(found) == 1, found
    return found[0][1:]


@pytest.mark.parametrize(
    ("raw", "date", "precision"),
    [
        ("هاجم مسلحون القرية أمس", dt.date(2015, 8, 8), 1),
        ("وقع الانفجار البارحة", dt.date(2015, 8, 8), 1),
        ("قصفت الطائرات مساء أمس", dt.date(2015, 8, 8), 1),
        ("اندلعت اشتباكات اليوم", SUNDAY, 1),
        ("صباح اليوم", SUNDAY, 1),
        ("الليلة", SUNDAY, 1),
        ("أول أمس", dt.date(2015, 8, 7), 1),
        ("أول من أمس", dt.date(2015, 8, 7), 1),
        ("الأسبوع الماضي", dt.date(2015, 8, 2), 2),
        ("الشهر الماضي", dt.date(2015, 7, 15), 3),
    ],
)
def test_relative(raw, date, precision):
    assert one(raw)[:2] == (date, precision)


def test_weekdays():
    assert one("يوم الخميس")[0] == THURSDAY
    assert one("فجر الخميس")[0] == THURSDAY
    assert one("يوم الأحد")[0] == SUNDAY  # the publication day itself
    assert one("الأحد الماضي")[0] == dt.date(2015, 8, 2)  # strictly before
    assert one("والخميس الماضي")[0] == THURSDAY
    assert one("يوم الخميس", THURSDAY)[0] == THURSDAY
    assert one("الخميس الماضي", THURSDAY)[0] == dt.date(2015, 7, 30)


def test_yesterday_with_weekday_prefers_weekday():
    assert one("أمس الجمعة", dt.date(2015, 8, 8))[0] == dt.date(2015, 8, 7)
    # published Sunday: "yesterday Friday" is the Friday before
    assert one("أمس الجمعة")[0] == dt.date(2015, 8, 7)


@pytest.mark.parametrize(
    ("raw", "date", "kind"),
    [
        ("في 15 أغسطس 2015", dt.date(2015, 8, 15), "gregorian"),
        ("في 3 آب 2015م", dt.date(2015, 8, 3), "gregorian"),
        ("في 1 تشرين الأول 2014", dt.date(2014, 10, 1), "gregorian"),
        ("بتاريخ 15/8/2015", dt.date(2015, 8, 15), "gregorian"),
        ("2015-08-15", dt.date(2015, 8, 15), "gregorian"),
        ("الموافق 21/10/1436هـ", dt.date(2015, 8, 6), "hijri"),
        ("21 شوال 1436", dt.date(2015, 8, 6), "hijri"),
        ("في 21 شوال", dt.date(2015, 8, 6), "hijri"),
        ("في 2 يوليه", dt.date(2015, 7, 2), "gregorian"),
    ],
)
def test_explicit(raw, date, kind):
    d, precision, k = one(raw)
    assert (d, precision, k) == (date, 1, kind)


def test_day_month_year_inference():
    # more than a week after publication -> last year
    assert one("في 20 ديسمبر")[0] == dt.date(2014, 12, 20)
    assert one("في 14 أغسطس")[0] == dt.date(2015, 8, 14)  # within a week ahead
    assert one("في 20 أغسطس")[0] == dt.date(2014, 8, 20)


def test_month_and_year_only():
    assert one("في يناير 2015")[:2] == (dt.date(2015, 1, 15), 3)


def test_without_publication_date():
    assert one("أمس", None)[:2] == (None, 3)
    assert one("يوم الخميس", None)[:2] == (None, 3)
    assert one("15 أغسطس 2015", None)[:2] == (dt.date(2015, 8, 15), 1)


def test_sorted_and_not_overlapping():
    found = find_dates(normalize_plain("قال أمس إن هجوم الخميس الماضي وقع في 5 أغسطس 2015"), SUNDAY)
    assert [h.kind for h in found] == ["relative", "weekday", "gregorian"]
    for a, b in zip(found, found[1:], strict=False):
        assert a.nend <= b.nstart


def test_not_dates():
    assert dates("مات صفر من الجرحى ووالدي رمضان") == []
    assert dates("قتل 15 شخصا") == []


def test_bare_month_names_resolve_to_the_middle_of_the_latest_such_month() -> None:
    import datetime as _dt

    from marsad.text import find_dates as _find
    from marsad.text import normalize_plain as _np

    pub = _dt.date(2015, 8, 6)
    hits = _find(_np("قصفت الطائرات المدينة في سبتمبر ثم عادت"), pub)
    assert [(h.date, h.precision) for h in hits] == [(_dt.date(2014, 9, 15), 3)]
    hits = _find(_np("وقع الهجوم في ابريل الماضي"), pub)
    assert [(h.date, h.precision) for h in hits] == [(_dt.date(2015, 4, 15), 3)]
    hits = _find(_np("تفجير وقع في شهر رمضان"), pub)
    assert hits and hits[-1].kind == "hijri" and hits[-1].precision == 3
    # Without a word that makes it a date, a month name (or صفر, "zero") is not one.
    assert _find(_np("سجل المؤشر صفر نقاط"), pub) == []


def test_weekday_after_yesterday_reveals_an_article_written_the_day_before():
    # Thursday's paper says "yesterday Tuesday": written Wednesday, so bare أمس is Tuesday too
    found = dates("قصفت الطائرات أمس الثلاثاء المدينة. ودارت اشتباكات أمس", THURSDAY)
    assert [d for _, d, _, _ in found] == [dt.date(2015, 8, 4), dt.date(2015, 8, 4)]


def test_gloss_today_yesterday_reveals_the_writing_day():
    found = dates('اعلن الجيش اليوم "أمس" السيطرة. وقتل جندي أمس', THURSDAY)
    assert found[0][1] == dt.date(2015, 8, 5)  # اليوم of the writer
    assert found[-1][1] == dt.date(2015, 8, 4)


def test_writing_lag_needs_more_evidence_than_against():
    # one weekday fits a same-day writer, one a day-before writer: a tie keeps publication day
    found = dates("أمس الأربعاء ... أمس الثلاثاء ... أمس", THURSDAY)
    assert found[-1][1] == dt.date(2015, 8, 5)
    assert one("أمس", THURSDAY)[0] == dt.date(2015, 8, 5)
    assert one("الليلة الماضية", THURSDAY)[0] == dt.date(2015, 8, 5)


def test_spaced_day_month_year_with_dashes():
    found = dates("في تاريخ 19 - 8 - 1427هـ", SUNDAY)
    assert found[0][1:] == (dt.date(2006, 9, 12), 1, "hijri")
    assert dates("بين 15 - 20 شخصا", SUNDAY) == []


def test_tomorrow_glossed_as_today_names_no_past_day():
    found = dates('سترسل الدبابات اليوم "أمس" أو غدا "اليوم"', THURSDAY)
    assert [d for _, d, _, _ in found] == [dt.date(2015, 8, 5)]


# Placeholder and far-off publication dates (.NET MinValue, a typo'd year) must
# give no date for the words that need arithmetic, never an OverflowError.
@pytest.mark.parametrize(
    "pub", [dt.date.min, dt.date(1, 1, 3), dt.date.max, dt.date(2093, 12, 24), dt.date(1900, 1, 1)]
)
@pytest.mark.parametrize(
    "raw",
    [
        "هاجم مسلحون القرية أمس",
        "أول أمس",
        "الأسبوع الماضي",
        "الشهر الماضي",
        "يوم الجمعة الماضي",
        "ليلة الجمعة",
        "يوم 15 رمضان",
        "في شهر رمضان",
        "في 12 اغسطس",
        "اليوم «أمس»",
        "امس الثلاثاء",
        "غدا",
        "في 99999999999-1-1",
        "في 1/1/99999999999999999999",
    ],
)
def test_dates_never_overflow(raw, pub):
    for _text, date, precision, _kind in dates(raw, pub):
        assert date is None or dt.date.min <= date <= dt.date.max
        assert precision in (1, 2, 3)


def test_out_of_range_hijri_gives_no_date_but_gregorian_still_resolves():
    assert one("يوم 15 رمضان", dt.date(2093, 12, 24))[0] is None  # outside hijridate's range
    assert one("هاجم مسلحون القرية أمس", dt.date(2093, 12, 24))[0] == dt.date(2093, 12, 23)
    assert one("هاجم مسلحون القرية أمس", dt.date.min)[0] is None
