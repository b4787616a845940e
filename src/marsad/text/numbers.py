"""Counts in normalised text: digits, number words, duals, vague amounts (CODEBOOK §6).

Choices worth knowing:
- Years are not counts: a 4-digit number 1300-2100 next to a date word (عام، سنه
  before; م، ه، ميلادي after) or next to a month name is skipped, as is a day
  number before a month name, a number after الساعه, and any number glued to
  ``/ : -`` plus digits (15/8/2015, 10:30).
- Ordinals (الاول، الثالث) are not number words, so never hits; the عشر of
  الحادي عشر / الثالث عشر is skipped too.
- A lone احد / احدي ("one of", "anyone") is not a count; only in 11 (احد عشر).
- A qualifier before the number is part of the hit's span; على الاقل after it
  sets the qualifier without widening the span.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from marsad.text.normalize import AR_LETTERS, normalize_plain

_DATA = Path(__file__).parent / "data" / "numbers.yaml"
# Arabic words first: most items are words (the branches cannot overlap).
_ITEM = re.compile(rf"[{AR_LETTERS}]+|[0-9]+(?:[.,][0-9]+)*|[a-z]+|[()]")
_MAX_DIGITS = 15  # longer digit runs are ids, phone or serial numbers
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:([.,])[0-9]{3})(?:\1[0-9]{3})*")
_PROCLITICS = "وبلفك"


@dataclass(frozen=True, slots=True)
class NumberHit:
    """A count found in normalised text ``[nstart, nend)``."""

    nstart: int
    nend: int
    value: int
    vague: bool
    qualifier: str | None


class _Lex:
    """The number vocabulary, normalised once."""

    def __init__(self, raw: dict) -> None:
        n = normalize_plain

        def forms(section: dict) -> dict[str, int]:
            return {n(f): int(v) for v, fs in section.items() for f in fs}

        def phrases(section: dict) -> dict[str, list[tuple[tuple[str, ...], object]]]:
            # indexed by first word, longest phrase first
            out: dict[str, list[tuple[tuple[str, ...], object]]] = {}
            for k, fs in section.items():
                for f in fs:
                    words = tuple(n(f).split())
                    out.setdefault(words[0], []).append((words, k))
            for lst in out.values():
                lst.sort(key=lambda x: -len(x[0]))
            return out

        self.units = forms(raw["units"])
        self.teen_units = {**self.units, **forms(raw["teen_units"])}
        self.teen_ten = {n(f) for f in raw["teen_ten"]}
        self.tens = forms(raw["tens"])
        self.hundreds = forms(raw["hundreds"])
        self.hundred_word = {n(f) for f in raw["hundred_word"]}
        self.scales = forms(raw["scales"])
        self.scale_words = forms(raw["scale_words"])
        self.vague = phrases(raw["vague"])
        self.vague_thousands = {n(f) for f in raw["vague_thousands"]}
        self.qualifiers = phrases(raw["qualifiers"])
        self.qualifiers_after = phrases(raw["qualifiers_after"])
        self.duals = {n(f) for f in raw["dual_nouns"]}
        self.date_before = {n(f) for f in raw["date_context_before"]}
        self.date_after = {n(f) for f in raw["date_context_after"]}
        self.time_before = {n(f) for f in raw["time_context_before"]}
        self.ordinal_first = {n(f) for f in raw["ordinal_first"]}
        self.starters = (
            set(self.units)
            | set(self.teen_units)
            | set(self.tens)
            | set(self.hundreds)
            | set(self.scale_words)
        )
        # Every word a count (or its qualifier) can start with, bare or after one
        # proclitic: ``scan`` tries no other word, which is where the time went.
        firsts = self.starters | self.duals | set(self.vague) | set(self.qualifiers)
        self.scan_starts = frozenset(firsts | {c + w for c in _PROCLITICS for w in firsts})


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    return _Lex(
        yaml.load(
            _DATA.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    )


@lru_cache(maxsize=1)
def _month_words() -> frozenset[str]:
    from marsad.text.dates import month_words  # dates does not import numbers

    return month_words()


class _Scanner:
    """Greedy left-to-right reading of counts over the items of one text."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.items = [(m.start(), m.end(), m.group()) for m in _ITEM.finditer(norm)]
        self.words = [w for _, _, w in self.items]
        self.lex = _lex()
        self.clitic_cut = 0  # proclitic chars skipped by the last phrase_at

    def w(self, k: int) -> str:
        return self.words[k] if 0 <= k < len(self.words) else ""

    def phrase_at(self, k: int, table: dict, clitic: bool = False) -> tuple[object, int] | None:
        """``(label, end_item)`` of the longest phrase at ``k``; see ``clitic_cut``."""
        w = self.w(k)
        self.clitic_cut = 0
        firsts = [w]
        if clitic and len(w) > 3 and w[0] in _PROCLITICS:
            firsts.append(w[1:])
        for cut, first in enumerate(firsts):
            for words, label in table.get(first, ()):
                if tuple(self.words[k + 1 : k + len(words)]) == words[1:]:
                    self.clitic_cut = cut
                    return label, k + len(words)
        return None

    # ---- word numbers -------------------------------------------------------

    def _form(self, k: int, table: dict | set, waw: bool) -> str | None:
        """The word at ``k`` in ``table``, optionally after a joined و."""
        w = self.w(k)
        if w in table:
            return w
        if waw and w.startswith("و") and w[1:] in table:
            return w[1:]
        return None

    def _waw(self, k: int) -> int:
        """Skip a separate و (خمسه و عشرين)."""
        return k + 1 if self.w(k) == "و" else k

    def _small(self, k: int, first: str | None) -> tuple[int, int] | None:
        """1..99 starting at ``k``; ``first`` is the already-stripped first word."""
        lx = self.lex
        w = first if first is not None else self.w(k)
        if w in lx.teen_units and self.w(k + 1) in lx.teen_ten:
            u = lx.teen_units[w]
            if u <= 9:
                return 10 + u, k + 2
        if w in lx.units:
            u = lx.units[w]
            if u <= 9:
                k2 = self._waw(k + 1)
                t = self._form(k2, lx.tens, waw=k2 == k + 1)
                if t is not None:
                    return u + lx.tens[t], k2 + 1
            return u, k + 1
        if w in lx.tens:
            return lx.tens[w], k + 1
        return None

    def _below_1000(self, k: int, first: str | None) -> tuple[int, int] | None:
        lx = self.lex
        w = first if first is not None else self.w(k)
        if w in lx.hundreds:
            h, k1 = lx.hundreds[w], k + 1
        elif w in lx.units and 3 <= lx.units[w] <= 9 and self.w(k + 1) in lx.hundred_word:
            h, k1 = lx.units[w] * 100, k + 2
        else:
            return self._small(k, first)
        rest = self._and_then(k1, self._small)
        if rest is not None:
            return h + rest[0], rest[1]
        return h, k1

    def _and_then(self, k: int, part) -> tuple[int, int] | None:
        """A further part joined by و, as in مئه وخمسون."""
        if self.w(k) == "و":
            return part(k + 1, None)
        w = self.w(k)
        if w.startswith("و") and len(w) > 1:
            return part(k, w[1:])
        return None

    def word_number(self, k: int, first: str) -> tuple[int, int] | None:
        """A whole number-word phrase at ``k`` whose first word reads ``first``."""
        lx = self.lex
        r = self._below_1000(k, first)
        if r is not None:
            v, k1 = r
            scale = lx.scales.get(self.w(k1))
            if scale is not None and not (v == 1 or (v == 2 and scale == 1000)):
                v, k1 = v * scale, k1 + 1
                rest = self._and_then(k1, self._below_1000)
                if rest is not None:
                    v, k1 = v + rest[0], rest[1]
            return v, k1
        if first in lx.scale_words:
            v, k1 = lx.scale_words[first], k + 1
            rest = self._and_then(k1, self._below_1000)
            if rest is not None:
                v, k1 = v + rest[0], rest[1]
            return v, k1
        return None

    # ---- one count at k -----------------------------------------------------

    def number_at(self, k: int, allow_al: bool) -> tuple[int, int, int, bool] | None:
        """``(value, end_item, start_char, vague)`` of a count starting at item ``k``."""
        lx = self.lex
        if k >= len(self.items):
            return None
        s, _, w = self.items[k]
        if w[0].isdigit():
            return self._digits(k)
        v = self.phrase_at(k, lx.vague, clitic=True)
        if v is not None:
            value, k1 = int(v[0]), v[1]  # type: ignore[call-overload]
            if value in (12, 100) and self.w(k1) in lx.vague_thousands:
                value, k1 = value * 1000, k1 + 1
            return value, k1, s + self.clitic_cut, True
        cands = [(w, 0)]
        if len(w) > 2 and w[0] in _PROCLITICS:
            cands.append((w[1:], 1))
        if allow_al and w.startswith("ال"):
            cands.append((w[2:], 2))
        if w in lx.teen_ten and self.w(k - 1) in lx.ordinal_first:
            return None  # الحادي عشر is an ordinal
        for form, cut in cands:
            if form in lx.starters:
                r = self.word_number(k, form)
                if r is not None:
                    return r[0], r[1], s + cut, False
            if form in lx.duals:
                k1 = k + 1
                if lx.units.get(self.w(k1)) == 2:
                    k1 += 1
                return 2, k1, s + cut, False
        return None

    def _digits(self, k: int) -> tuple[int, int, int, bool] | None:
        lx = self.lex
        s, e, w = self.items[k]
        norm = self.norm
        # glued to / : - and more digits: a date or a time, not a count
        if e < len(norm) - 1 and norm[e] in "/:-" and norm[e + 1].isdigit():
            return None
        if s > 1 and norm[s - 1] in "/:-" and norm[s - 2].isdigit():
            return None
        if sum(c.isdigit() for c in w) > _MAX_DIGITS:
            return None  # a serial or phone number, never a count; int() would overflow
        if _THOUSANDS.fullmatch(w):
            value: float = int(re.sub(r"[.,]", "", w))
        else:
            try:
                value = float(w.replace(",", "."))
            except ValueError:
                value = int(re.sub(r"[.,]", "", w))
        prev, nxt = self.w(k - 1), self.w(k + 1)
        if prev in lx.time_before:
            return None
        if nxt in _month_words() and value <= 31:
            return None
        if w.isdigit() and len(w) == 4 and 1300 <= value <= 2100:
            months = _month_words()
            if prev in lx.date_before or nxt in lx.date_after or prev in months:
                return None
        k1 = k + 1
        scale = lx.scales.get(nxt)
        if scale is not None:
            value, k1 = value * scale, k1 + 1
        if not math.isfinite(value):
            return None
        return int(value), k1, s, False

    # ---- the whole text -----------------------------------------------------

    def candidates(self) -> list[int]:
        """Items where a count can start: digits or a word of ``_Lex.scan_starts``.
        Every other item gives None in both ``phrase_at(qualifiers)`` and ``number_at``."""
        starts = self.lex.scan_starts
        return [k for k, w in enumerate(self.words) if w in starts or "0" <= w[0] <= "9"]

    def scan(self, every: bool = False) -> list[NumberHit]:
        """Greedy left-to-right; ``every`` tries all items (the reference behaviour)."""
        lx = self.lex
        hits: list[NumberHit] = []
        k = 0
        for j in range(len(self.items)) if every else self.candidates():
            if j < k:
                continue  # inside the previous hit
            k = j
            qual = None
            q = self.phrase_at(k, lx.qualifiers, clitic=True)
            r = None
            if q is not None:
                qstart = self.items[k][0] + self.clitic_cut
                r = self.number_at(q[1], allow_al=True)
                if r is not None:
                    qual = str(q[0])
                    r = (r[0], r[1], qstart, r[3])
            if r is None:
                r = self.number_at(k, allow_al=False)
            if r is None:
                continue
            value, k1, start, vague = r
            after = self.phrase_at(k1, lx.qualifiers_after) or self.phrase_at(
                k1 + 1, lx.qualifiers_after
            )
            if qual is None and after is not None:
                qual = str(after[0])
            hits.append(NumberHit(start, self.items[k1 - 1][1], value, vague, qual))
            k = k1
        return _merge_parenthesised(self.norm, hits)


_BETWEEN = re.compile(r"[ ()]*")


def _merge_parenthesised(norm: str, hits: list[NumberHit]) -> list[NumberHit]:
    """``(15) خمسه عشر`` / ``خمسه عشر (15)``: the same count twice is one hit."""
    out: list[NumberHit] = []
    for h in hits:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.value == h.value
            and "(" in norm[max(prev.nstart - 1, 0) : h.nend + 1]
            and _BETWEEN.fullmatch(norm, prev.nend, h.nstart)
        ):
            start, end = prev.nstart, h.nend
            if start > 0 and norm[start - 1] == "(":
                start -= 1
            if (
                end < len(norm)
                and norm[end] == ")"
                and norm.count("(", start, end) > norm.count(")", start, end)
            ):
                end += 1
            qual = prev.qualifier or h.qualifier
            out[-1] = NumberHit(start, end, h.value, prev.vague and h.vague, qual)
        else:
            out.append(h)
    return out


def find_numbers(norm: str) -> list[NumberHit]:
    """Every count in normalised text, in order, not overlapping."""
    return _Scanner(norm).scan()


def parse_number_words(s: str) -> int | None:
    """The value of a whole number phrase (ثلاثه وعشرين، خمسه عشر الفا، 1,200), else None."""
    norm = normalize_plain(s).strip()
    if not norm:
        return None
    sc = _Scanner(norm)
    r = sc.number_at(0, allow_al=False)
    if r is None or r[1] != len(sc.items) or r[2] != 0 or r[3]:
        return None
    return r[0]
