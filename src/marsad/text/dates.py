"""Dates in normalised text, resolved against the publication day (CODEBOOK §5).

``DateHit.kind`` is one of ``relative`` (امس، اليوم، الاسبوع الماضي ...),
``weekday`` (يوم الخميس، الخميس الماضي), ``gregorian`` (15 اغسطس 2015، 15/8/2015)
or ``hijri`` (21 شوال 1436، 21/10/1436ه). ``precision`` follows ``time_precision``:
1 day, 2 week, 3 month. Without a publication day, expressions that need it
(relative, weekday, a day and month without a year) give ``date=None``, precision 3.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from hijridate import Gregorian, Hijri

from marsad.text.normalize import AR_LETTERS, normalize_plain

_DATA = Path(__file__).parent / "data" / "dates.yaml"
# Arabic words first: most items are words (the branches cannot overlap).
_ITEM = re.compile(rf"[{AR_LETTERS}]+|[0-9]+(?: ?/ ?[0-9]+){{2}}|[0-9]+(?: ?- ?[0-9]+){{2}}|[0-9]+")
_PROCLITICS = "وبفل"


@dataclass(frozen=True, slots=True)
class DateHit:
    """A date expression ``[nstart, nend)`` in normalised text."""

    nstart: int
    nend: int
    date: dt.date | None
    precision: int
    kind: str
    # How the expression names the day: "yesterday", "today", ... for relative
    # words, with ":<weekday>" when a weekday follows (امس الثلاثاء -> "yesterday:1").
    said: str = ""


Phrases = dict[str, list[tuple[tuple[str, ...], object]]]


def _phrases(section: dict | list) -> Phrases:
    """Phrase table indexed by first word, longest first."""
    items = section.items() if isinstance(section, dict) else ((f, f) for f in section)
    out: Phrases = {}
    for label, forms in items:
        for f in forms if isinstance(forms, list) else [forms]:
            words = tuple(normalize_plain(f).split())
            out.setdefault(words[0], []).append((words, label))
    for lst in out.values():
        lst.sort(key=lambda x: -len(x[0]))
    return out


class _Lex:
    def __init__(self, raw: dict) -> None:
        self.greg = _phrases(raw["months_gregorian"])
        self.hijri = _phrases(raw["months_hijri"])
        self.weekdays = _phrases(raw["weekdays"])
        self.lead = _phrases(raw["lead"])
        self.night_leads = frozenset(raw["night_leads"])
        self.eve_leads = frozenset(raw["eve_leads"])
        self.weekday_blockers = frozenset(normalize_plain(w) for w in raw["weekday_blockers"])
        self.past = _phrases(raw["past"])
        self.day_ordinals = frozenset(normalize_plain(w) for w in raw["day_ordinals"])
        tomorrow = "|".join(sorted({re.escape(normalize_plain(w)) for w in raw["tomorrow"]}))
        self.tomorrow_gloss = re.compile(rf'(?:{tomorrow})[\s"\'«»()\[\]]+$')
        self.relative = _phrases(raw["relative"])
        self.hijri_suffix = {normalize_plain(f) for f in raw["hijri_suffix"]}
        self.greg_suffix = {normalize_plain(f) for f in raw["gregorian_suffix"]}
        leads = {normalize_plain(f) for f in raw["month_leads"]}
        self.month_leads = frozenset(leads | {"و" + w for w in leads})
        self.month_past = frozenset(normalize_plain(f) for f in raw["past"])
        self.month_words = frozenset(
            w
            for table in (self.greg, self.hijri)
            for lst in table.values()
            for words, _ in lst
            for w in words
        )
        # Every word a phrase-based reading can start with, bare or after the one
        # proclitic ``phrase(clitic=True)`` strips (only from words over 3 letters):
        # ``scan`` tries no other Arabic word, which is where the time went.
        firsts = {
            w
            for table in (self.greg, self.hijri, self.weekdays, self.lead, self.relative)
            for w in table
        }
        self.starts = frozenset(
            firsts | {c + w for c in _PROCLITICS for w in firsts if len(w) >= 3}
        )


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    return _Lex(
        yaml.load(
            _DATA.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    )


def month_words() -> frozenset[str]:
    """Every normalised word of a month name (used by numbers to skip day numbers)."""
    return _lex().month_words


def _hijri_to_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(*Hijri(y, m, d).to_gregorian().datetuple())
    except (ValueError, OverflowError):
        return None


def _greg(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except (ValueError, OverflowError):
        return None


def shift(date: dt.date | None, days: int) -> dt.date | None:
    """``date + days``, or None where the sum leaves the calendar (year 1 … 9999).

    Articles carry placeholder dates such as 0001-01-01; a relative word in
    them must give no date, never an ``OverflowError``.
    """
    if date is None:
        return None
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return None


def _hijri_year(date: dt.date) -> int | None:
    """The Hijri year of ``date``, or None outside the converter's range (1924-2077)."""
    try:
        return Gregorian.fromdate(date).to_hijri().year
    except (ValueError, OverflowError):
        return None


def _weekday_before(published: dt.date, wd: int, strictly: bool) -> dt.date | None:
    delta = (published.weekday() - wd) % 7
    if delta == 0 and strictly:
        delta = 7
    return shift(published, -delta)


class _Scanner:
    def __init__(self, norm: str, published: dt.date | None) -> None:
        self.items = [(m.start(), m.end(), m.group()) for m in _ITEM.finditer(norm)]
        self.words = [w for _, _, w in self.items]
        self.pub = published
        self.lex = _lex()

    def w(self, k: int) -> str:
        return self.words[k] if 0 <= k < len(self.words) else ""

    def phrase(
        self, k: int, table: Phrases, clitic: bool = False
    ) -> tuple[object, int, int] | None:
        """``(label, end_item, chars_cut)``; a first word may carry one proclitic."""
        w = self.w(k)
        cands = [(w, 0)]
        if clitic and len(w) > 3 and w[0] in _PROCLITICS:
            cands.append((w[1:], 1))
        for first, cut in cands:
            for words, label in table.get(first, ()):
                if tuple(self.words[k + 1 : k + len(words)]) == words[1:]:
                    return label, k + len(words), cut
        return None

    def year_at(self, k: int) -> int | None:
        w = self.w(k)
        return int(w) if w.isdigit() and len(w) == 4 else None

    # ---- explicit dates ------------------------------------------------------

    def numeric(self, k: int) -> tuple[DateHit, int] | None:
        s, e, w = self.items[k]
        if "/" in w:
            a, b, c = (int(x) for x in w.split("/"))
            y, mth, d = (a, b, c) if a > 31 else (c, b, a)
        elif "-" in w:
            a, b, c = (int(x) for x in w.split("-"))
            if a >= 1000:
                y, mth, d = a, b, c
            elif c >= 1000:  # "19 - 8 - 1427هـ"
                y, mth, d = c, b, a
            else:
                return None
        else:
            return None
        k1 = k + 1
        hijri = 1300 <= y <= 1500
        if self.w(k1) in self.lex.hijri_suffix:
            hijri, k1 = True, k1 + 1
        elif self.w(k1) in self.lex.greg_suffix:
            k1 += 1
        date = _hijri_to_date(y, mth, d) if hijri else _greg(y, mth, d)
        if date is None:
            return None
        return DateHit(s, self.items[k1 - 1][1], date, 1, "hijri" if hijri else "gregorian"), k1

    def day_month(self, k: int) -> tuple[DateHit, int] | None:
        """``15 اغسطس [2015] [م]``, ``21 شوال [1436] [ه]`` and ``اغسطس 2015``."""
        lx = self.lex
        w = self.w(k)
        day = int(w) if w.isdigit() and 1 <= len(w) <= 2 else None
        mk = k + 1 if day is not None else k
        for table, hijri in ((lx.greg, False), (lx.hijri, True)):
            m = self.phrase(mk, table, clitic=day is None)
            if m is None:
                continue
            month, k1, cut = int(m[0]), m[1], m[2]  # type: ignore[call-overload]
            year = self.year_at(k1)
            if year is not None:
                k1 += 1
            if self.w(k1) in (lx.hijri_suffix if hijri else lx.greg_suffix) and (year is not None):
                k1 += 1
            if day is None and year is None:
                # A bare month name is a date only where the words around it say
                # so (في سبتمبر، مطلع يوليو، ابريل الماضي, شهر رمضان); صفر is also "zero".
                if not self._month_context(k, k1, hijri and month == 2):
                    return None
                date = self._month_only(month, hijri)
                start = self.items[k][0] + cut
                kind = "hijri" if hijri else "gregorian"
                return DateHit(start, self.items[k1 - 1][1], date, 3, kind), k1
            kind = "hijri" if hijri else "gregorian"
            start = self.items[k][0] + cut
            end = self.items[k1 - 1][1]
            precision = 1 if day is not None else 3
            d = day if day is not None else 15
            if year is None:
                date = self._infer_year(month, d, hijri)
                return DateHit(start, end, date, 1 if date else 3, kind), k1
            date = _hijri_to_date(year, month, d) if hijri else _greg(year, month, d)
            if date is None:
                return None
            return DateHit(start, end, date, precision, kind), k1
        return None

    def _month_context(self, k: int, k1: int, needs_shahr: bool) -> bool:
        before, after = self.w(k - 1), self.w(k1)
        if needs_shahr:
            return before in ("شهر", "بشهر", "وشهر")
        return before in self.lex.month_leads or after in self.lex.month_past

    def _month_only(self, month: int, hijri: bool) -> dt.date | None:
        """The 15th of the most recent such month up to publication (precision 3)."""
        if self.pub is None:
            return None
        year = _hijri_year(self.pub) if hijri else self.pub.year
        if year is None:
            return None
        for y in (year, year - 1):
            first = _hijri_to_date(y, month, 1) if hijri else _greg(y, month, 1)
            if first is not None and first <= self.pub:
                mid = _hijri_to_date(y, month, 15) if hijri else _greg(y, month, 15)
                return min(mid, self.pub) if mid else None
        return None

    def _infer_year(self, month: int, day: int, hijri: bool) -> dt.date | None:
        """Year from publication; a date over a week ahead is last year's."""
        if self.pub is None:
            return None
        limit = shift(self.pub, 7) or dt.date.max
        year = _hijri_year(self.pub) if hijri else self.pub.year
        if year is None:
            return None
        for y in (year, year - 1):
            date = _hijri_to_date(y, month, day) if hijri else _greg(y, month, day)
            if date is not None and date <= limit:
                return date
        return None

    # ---- relative dates ------------------------------------------------------

    def relative(self, k: int) -> tuple[DateHit, int] | None:
        lx = self.lex
        lead = self.phrase(k, lx.lead, clitic=True)
        k0, cut = (lead[1], lead[2]) if lead else (k, 0)
        start = self.items[k][0] + cut
        rel = self.phrase(k0, lx.relative, clitic=lead is None)
        if rel is not None and rel[0] == "today" and self.w(rel[1]) in lx.day_ordinals:
            return None  # اليوم الثالث: a count of days
        if rel is not None:
            label, k1 = str(rel[0]), rel[1]
            if lead is None:
                start += rel[2]
            wd = self.phrase(k1, lx.weekdays) if label in ("yesterday", "today") else None
            if wd is not None:
                # امس الجمعه: trust the weekday (most recent one before publication)
                k1 = wd[1]
                date = self._weekday(int(wd[0]), strictly=label == "yesterday")  # type: ignore[call-overload]
                hit = self._hit(start, k1, date, 1, "weekday", f"{label}:{wd[0]}")
                return hit, k1
            date, precision = self._relative_date(label)
            return self._hit(start, k1, date, precision, "relative", label), k1
        wd = self.phrase(k0, lx.weekdays, clitic=lead is None)
        if wd is not None and lead is None and self.w(k - 1) in lx.weekday_blockers:
            wd = None  # صلاة الجمعة names a prayer, not a day
        if wd is not None:
            if lead is None:
                start += wd[2]
            k1 = wd[1]
            day = int(wd[0])  # type: ignore[call-overload]
            night = lead is not None and lead[0] in lx.night_leads
            following = self.phrase(k1, lx.weekdays) if night else None
            if following is not None and int(following[0]) == (day + 1) % 7:  # type: ignore[call-overload]
                # ليل السبت - الأحد: the night that ends on Sunday
                day, k1 = int(following[0]), following[1]  # type: ignore[call-overload]
                night = False
            past = self.phrase(k1, lx.past)
            if past is not None:
                k1 = past[1]
            date = self._weekday(day, strictly=past is not None)
            if night and date is not None and lead[0] in lx.eve_leads:  # type: ignore[index]
                date = shift(date, -1)  # ليلة الجمعة is the eve of Friday
            return self._hit(start, k1, date, 1, "weekday"), k1
        return None

    def _hit(
        self, start: int, k1: int, date: dt.date | None, precision: int, kind: str, said: str = ""
    ) -> DateHit:
        return DateHit(start, self.items[k1 - 1][1], date, precision if date else 3, kind, said)

    def _weekday(self, wd: int, strictly: bool) -> dt.date | None:
        return None if self.pub is None else _weekday_before(self.pub, wd, strictly)

    def _relative_date(self, label: str) -> tuple[dt.date | None, int]:
        p = self.pub
        if p is None:
            return None, 3
        if label == "yesterday":
            return shift(p, -1), 1
        if label == "today":
            return p, 1
        if label == "day_before_yesterday":
            return shift(p, -2), 1
        if label == "last_week":
            return shift(p, -7), 2
        if label == "last_month":
            first = shift(p.replace(day=1), -1)
            return (first.replace(day=15) if first else None), 3
        return None, 3

    def candidates(self) -> list[int]:
        """Items where a date can start: a digit item that is a day (1-2 digits) or
        holds ``/``/``-``, or a word that starts some phrase (see ``_Lex.starts``).
        Every other item gives None in ``numeric``, ``day_month`` and ``relative``."""
        starts = self.lex.starts
        return [
            k
            for k, w in enumerate(self.words)
            if w in starts or ("0" <= w[0] <= "9" and (len(w) < 3 or not w.isdigit()))
        ]

    def scan(self, every: bool = False) -> list[DateHit]:
        """Greedy left-to-right; ``every`` tries all items (the reference behaviour)."""
        hits: list[DateHit] = []
        k = 0
        for j in range(len(self.items)) if every else self.candidates():
            if j < k:
                continue  # inside the previous hit
            r = self.numeric(j) or self.day_month(j) or self.relative(j)
            if r is None:
                continue
            hits.append(r[0])
            k = max(r[1], j + 1)
        return hits


def find_dates(norm: str, published: dt.date | None) -> list[DateHit]:
    """Date expressions in normalised text, sorted, not overlapping.

    Relative words resolve against the day the article was written, which
    for a print daily is often the day before publication (see ``writing_lag``).
    """
    hits = _Scanner(norm, published).scan()
    if published is None:
        return hits
    lag = writing_lag(hits, norm, published)
    if lag:
        hits = _Scanner(norm, shift(published, -lag)).scan()
    return _merge_glosses(hits, norm, published)


def _merge_glosses(hits: list[DateHit], norm: str, published: dt.date) -> list[DateHit]:
    """``اليوم «امس»``: one day, the writer's today glossed as the reader's
    yesterday, so the day before publication whatever the writing lag."""
    out: list[DateHit] = []
    day = shift(published, -1)
    tomorrow = _lex().tomorrow_gloss
    for hit in hits:
        if hit.said == "today" and tomorrow.search(norm, max(0, hit.nstart - 12), hit.nstart):
            continue  # غدا «اليوم»: the writer's tomorrow, a day still to come
        if out and _is_gloss(out[-1], hit, norm):
            prev = out[-1]
            out[-1] = DateHit(prev.nstart, hit.nend, day, 1 if day else 3, prev.kind, "gloss")
        else:
            out.append(hit)
    return out


def _is_gloss(prev: DateHit, hit: DateHit, norm: str) -> bool:
    return (
        prev.said == "today"
        and hit.said == "yesterday"
        and bool(_GLOSS_GAP.match(norm[prev.nend : hit.nstart]))
    )


# اليوم «امس»: a print daily glossing its "today" as the reader's "yesterday".
_GLOSS_GAP = re.compile(r'^[\s"\'«»()\[\]]+$')


def writing_lag(hits: list[DateHit], norm: str, published: dt.date) -> int:
    """Days between writing and publication (0 or 1), read from the article itself.

    ``امس الثلاثاء`` in a paper dated Thursday says it was written on Wednesday;
    so does ``اليوم الاربعاء`` and the gloss ``اليوم «امس»``. A weekday that fits
    publication day votes 0. Without evidence, or on a tie, the lag is 0.
    """
    votes = [0, 0]
    for prev, hit in zip([None, *hits], hits, strict=False):
        label, _, weekday = hit.said.partition(":")
        if weekday:
            back = 1 if label == "yesterday" else 0
            for lag in (0, 1):
                written = shift(published, -(back + lag))
                if written is not None and written.weekday() == int(weekday):
                    votes[lag] += 1
        elif prev is not None and _is_gloss(prev, hit, norm):
            votes[1] += 1
    return 1 if votes[1] > votes[0] else 0
