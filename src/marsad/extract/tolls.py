"""How many were killed and injured, read next to the words that report them.

A toll is a killed/injured/bodies cue with its number: after the cue (مقتل 16
شخصا، جثث عشرة متشددين، ارتفع عدد القتلى إلى 18) or before it (أربعة من أفرادها
وعشرة من المتشددين قتلوا، 20 قتيلا). Numbers joined by و in front of one cue are
summed (4 + 10). Each number is used once. "مقتل وإصابة العديد" shares the number.

Beyond the plain number (CODEBOOK §6):
- a number owned by the cue right behind it ("14 قتيلا وأربعون جريحا") is not read
  by an earlier cue of the other kind, and a cue's reach stops at the next cue;
- no number: a dual noun (مواطنان) is 2, a singular person (قتل شرطي، وأصيب آخر،
  وأصيب ثالث) or an object pronoun (لقي مصرعه، ضربوه حتى الموت) is 1, "وأصيب آخرون"
  is an unknown plural (10), an assassination is 1;
- not counts: durations and distances (منذ ثمانية أشهر، 43 كيلومترا، 14 عاما), a
  subset (بينهم ثلاثة أطفال), negated cues (دون وقوع إصابات), cumulative totals
  (منذ بداية الحرب، خلال عشرة أشهر);
- one sentence, one figure per kind when the second is another source's figure for
  the same dead (the lower one) or a later, higher total (ارتفع عدد القتلى إلى 15).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from marsad.extract.classes import words_of
from marsad.extract.scan import ArticleScan
from marsad.extract.settings import SETTINGS
from marsad.lexicon.classes import load_classes
from marsad.lexicon.grammar import Grammar
from marsad.model import Span
from marsad.text.clitics import CLITICS as C
from marsad.text.normalize import normalize_plain, without_marks

AFTER_REACH = SETTINGS.toll_after_reach
BEFORE_REACH = SETTINGS.toll_before_reach
CHAIN_GAP = SETTINGS.toll_chain_gap
OWNER_GAP = SETTINGS.toll_owner_gap
NEGATION_WORDS_BACK = SETTINGS.toll_negation_words_back
VAGUE_PLURAL = SETTINGS.vague_plural

TOLL_PREFIX = "toll_"  # the toll reader's word classes in lexicon/data/classes


@functools.cache
def _toll_words() -> dict[str, tuple[str, ...]]:
    return {
        name.removeprefix(TOLL_PREFIX): c.words
        for name, c in load_classes().items()
        if name.startswith(TOLL_PREFIX)
    }


_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")
_NEXT_WORD_AND = re.compile(rf"\s*\S+\s+(?:{re.escape(C.waw)}\s*)?")
_WITH_WORDS = "|".join(re.escape(w) for w in sorted(load_classes()["toll_with"].words))
_WITH = re.compile(rf"\s+(?:{_WITH_WORDS})\s+")


@dataclass(slots=True)
class TollReading:
    kind: str  # "killed" | "injured"
    value: int
    cue_pos: int
    spans: list[Span] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # nstart of the numbers used
    end: int = 0  # normalised end of the last word read
    noun: str = ""  # the counted noun's root letters (جنود -> جند), to compare two figures
    implied: str = ""  # how a count without a number was read: "pronoun", "one_victim", ...


@dataclass(frozen=True, slots=True)
class _Count:
    """A count the toll rules may use: a number hit, or a dual noun (مواطنان) as 2."""

    nstart: int
    nend: int
    value: int


@dataclass(frozen=True, slots=True)
class _Words:
    """The word classes above, normalised, plus person nouns in the singular."""

    sets: dict[str, frozenset[str]]
    singular_people: frozenset[str]


_CACHE: dict[int, _Words] = {}


def _words(grammar: Grammar) -> _Words:
    if id(grammar) not in _CACHE:
        _CACHE[id(grammar)] = _build_words(grammar)
    return _CACHE[id(grammar)]


def _build_words(grammar: Grammar) -> _Words:
    sets = {k: frozenset(normalize_plain(w) for w in v) for k, v in _toll_words().items()}
    # "جنديا، حوثيا": the accusative of a person noun gives its singular (جندي، حوثي)
    singular = {w[:-1] for w in grammar.person_nouns if w.endswith(C.accusative) and len(w) > 3}
    singular -= {w[:-1] for w in sets["not_singular"]}
    return _Words(sets, frozenset(singular | sets["people"]))


# ------------------------------------------------------------------ public


def read_tolls(scan: ArticleScan, start: int, end: int, grammar: Grammar) -> list[TollReading]:
    """The toll readings inside ``[start, end)`` to be summed, each number used once.

    Alternative figures for the same dead in one sentence are resolved here, so the
    caller may add up what it gets.
    """
    words = _words(grammar)
    norm = scan.doc.norm
    cues = [(c, "killed") for c in scan.cues_named("killed").within(start, end)]
    cues += [(c, "killed") for c in scan.cues_named("bodies").within(start, end)]
    cues += [(c, "injured") for c in scan.cues_named("injured").within(start, end)]
    cues = [(c, k) for c, k in cues if not _negated(scan, c, words)]
    cues.sort(key=lambda pair: pair[0].nstart)
    if _cumulative(norm, start, end, words):
        return []
    counts, subsets = _counts(scan, start, end, words)
    reader = _Reader(scan, cues, counts, words, grammar, start, end)
    reader.used |= subsets
    return _settle(norm, reader.read(), words)


# ------------------------------------------------------------------ counts


def _counts(
    scan: ArticleScan, start: int, end: int, words: _Words
) -> tuple[list[_Count], set[int]]:
    """Numbers that count people, plus dual nouns, in order; and the subsets among them
    (بينهم ثلاثة أطفال), which no cue may read nor reach past."""
    norm = scan.doc.norm
    out: list[_Count] = []
    subsets: set[int] = set()
    for n in scan.numbers.within(start, end):
        if n.vague is False and 1900 <= n.value <= 2100:
            continue  # a year
        if _next_word(norm, n.nend) in words.sets["units"] or norm[n.nend : n.nend + 1] == "%":
            continue
        if _prev_word(norm, n.nstart) in words.sets["subset_before"] or (
            norm[: n.nstart].rstrip().endswith(",")
            and _next_word(norm, n.nend) in words.sets["subset_after"]
        ):
            subsets.add(n.nstart)
        out.append(_Count(n.nstart, n.nend, n.value))
    taken = [(c.nstart, c.nend) for c in out]
    # "طالبان" is a name, not two students
    taken += [(h.nstart, h.nend) for h in scan.actors.within(max(0, start - 40), end)]
    taken += [(h.nstart, h.nend) for h in scan.places.within(max(0, start - 40), end)]
    for m in _ARABIC_WORD.finditer(norm, start, end):
        if any(s <= m.start() < e for s, e in taken):
            continue
        if _dual(m.group(), words):
            out.append(_Count(m.start(), m.end(), 2))
    out.sort(key=lambda c: c.nstart)
    return out, subsets


def _bare(word: str) -> str:
    """The word without a proclitic و ف ب ل and the article."""
    if len(word) > 3 and word[0] in C.proclitic_letters:
        word = word[1:]
    if len(word) > 4 and word.startswith(C.article):
        word = word[2:]
    return word


def _dual(word: str, words: _Words) -> bool:
    """ "مواطنان، جنديان، امرأتان، طفلتين": a person noun in the dual."""
    w = _bare(word)
    if w.endswith(C.dual_nominative) and w[:-2] in words.singular_people:
        return True
    if w.endswith(C.dual_oblique) and w[:-2] in words.sets["dual_yn"]:
        return True  # جنديين، ضابطين: the plural of these nouns is broken
    return w.endswith(C.feminine_duals) and w[:-3] + C.ta_marbuta in words.singular_people


def _singular_person(word: str, words: _Words) -> bool:
    """ "شرطي", "جنديا", "والطفلة": one person (the accusative ا dropped)."""
    w = _bare(word)
    return w in words.singular_people or (
        w.endswith(C.accusative) and w[:-1] in words.singular_people
    )


def _next_word(norm: str, pos: int) -> str:
    m = _ARABIC_WORD.search(norm, pos, min(len(norm), pos + 30))
    if m is None or norm[pos : m.start()].strip(" ()\"'"):
        return norm[pos : pos + 1] if norm[pos : pos + 1] == "%" else ""
    return m.group()


def _prev_word(norm: str, pos: int) -> str:
    before = norm[max(0, pos - 20) : pos].split()
    return before[-1] if before else ""


# ------------------------------------------------------------------ context


def _negated(scan: ArticleScan, cue, words: _Words) -> bool:
    """ "دون وقوع إصابات", "لم يسفر عن إصابات": a negator just before, no number between."""
    norm = scan.doc.norm
    for m in reversed(
        list(_ARABIC_WORD.finditer(norm, max(0, cue.nstart - 40), cue.nstart))[
            -NEGATION_WORDS_BACK:
        ]
    ):
        w = m.group()
        bare = w[1:] if len(w) > 2 and w[0] in C.conjunctions else w
        if w in words.sets["negators"] or bare in words.sets["negators"]:
            between = norm[m.end() : cue.nstart]
            return not _crosses(between) and not scan.numbers.within(m.end(), cue.nstart)
    return False


def _cumulative(norm: str, start: int, end: int, words: _Words) -> bool:
    """ "منذ بداية الحرب", "خلال عشرة أشهر": the sentence tells a running total."""
    text = norm[start:end]
    if any(phrase in text for phrase in words.sets["cumulative"]):
        return True
    tokens = text.split()
    for i, tok in enumerate(tokens[:-2]):
        if tok.lstrip(C.waw) in words.sets["cumulative_lead"]:
            nxt = tokens[i + 1 : i + 4]
            if any(t in words.sets["long_units"] for t in nxt[1:]) and not (
                nxt and nxt[0] in words.sets["recent_span_nouns"]
            ):
                return True
    return False


# ------------------------------------------------------------------ reading


class _Reader:
    """One sentence's cues matched with their counts."""

    def __init__(
        self, scan, cues, counts, words: _Words, grammar: Grammar, start: int, end: int
    ) -> None:
        self.scan, self.cues, self.counts = scan, cues, counts
        self.words, self.grammar = words, grammar
        self.partitive = words_of("partitive")
        self.start, self.end = start, end
        self.norm = scan.doc.norm
        self.used: set[int] = set()
        self.consumed: set[int] = set()  # cue positions read along with another cue

    def read(self) -> list[TollReading]:
        readings: list[TollReading] = []
        for index, (cue, _kind) in enumerate(self.cues):
            if cue.nstart in self.consumed:
                continue
            reading = (
                self._pronoun(index)
                or self._one_more(index)
                or self._owned_before(index)
                or self._shared(index)
                or self._after(index)
                or self._before(index)
                or self._implied(index)
            )
            if reading is not None:
                readings.append(reading)
        return readings

    # ---- who owns a number

    def _owner(self, count: _Count) -> tuple[Any, str] | None:
        """The cue right behind a number ("14 قتيلا", "52 حالة وفاة"), if any."""
        for cue, kind in self.cues:
            if cue.nstart < count.nend:
                continue
            gap = self.norm[count.nend : cue.nstart]
            words = gap.strip(" \"'").split()
            if (
                len(gap) <= OWNER_GAP
                and len(words) <= 1
                and not _crosses(gap)
                and (
                    not words
                    or words[0] in self.partitive
                    or words[0] in self.words.sets["case_nouns"]
                    or words[0] in self.grammar.person_nouns
                    or self.scan.cues_named("civilian").within(count.nend, cue.nstart)
                )
            ):
                return cue, kind
            break
        return None

    def _between_cue(self, lo: int, hi: int, cue) -> bool:
        """Another toll cue lies in ``[lo, hi)``: the reach of ``cue`` stops there."""
        return any(c is not cue and lo <= c.nstart < hi for c, _ in self.cues)

    # ---- readings

    def _after(self, index: int) -> TollReading | None:
        cue, kind = self.cues[index]
        for count in self.counts:
            if count.nstart in self.used or count.nstart < cue.nend:
                continue
            gap = self.norm[cue.nend : count.nstart]
            if (
                len(gap) > AFTER_REACH
                or _crosses(gap)
                or self._between_cue(cue.nend, count.nstart, cue)
                or any(w.lstrip(C.waw) in self.words.sets["sources"] for w in gap.split())
            ):
                return None
            owner = self._owner(count)
            if owner is not None and owner[0] is not cue:
                died_of_wounds = self.norm[count.nend : owner[0].nstart].strip() in self.partitive
                if owner[1] != kind and not died_of_wounds:
                    return None  # "قتيلا و40 جريحا": the 40 are the wounded
                # "وفاة ثلاثة من الجرحى": the wounded who died are dead, not wounded
                self.consumed.add(owner[0].nstart)
            chain = self._chain(count, kind)
            return self._reading(kind, cue, chain)
        return None

    def _chain(self, first: _Count, kind: str) -> list[_Count]:
        """ "مقتل سبعة من الحوثيين وثلاثة من المقاومة": 7 + 3; "ثلاث نساء وطفلة": 3 + 1."""
        chain = [first]
        for nxt in self.counts:
            if nxt.nstart <= chain[-1].nstart or nxt.nstart in self.used:
                continue
            if not self._listed_next(chain[-1], nxt):
                break
            owner = self._owner(nxt)
            if owner is not None and owner[1] != kind:
                break
            chain.append(nxt)
        extra = self._and_one_more(chain[-1])
        if extra is not None:
            chain.append(extra)
        return chain

    def _and_one_more(self, last: _Count) -> _Count | None:
        """ "ثلاث نساء وطفلة": a singular person joined by و after the counted noun."""
        m = _NEXT_WORD_AND.match(self.norm, last.nend)
        if m is None:
            return None
        word = _ARABIC_WORD.match(self.norm, m.end())
        if word is None or not (
            self.norm[m.start() : m.end()].rstrip().endswith(C.waw)
            or word.group().startswith(C.waw)
        ):
            return None
        if self.scan.numbers.within(word.start(), word.end()):
            return None
        if _singular_person(word.group(), self.words) and not _dual(word.group(), self.words):
            return _Count(word.start(), word.end(), 1)
        return None

    def _listed_next(self, prev: _Count, nxt: _Count) -> bool:
        """``nxt`` continues a list of counts after ``prev``: joined by و, no cue between."""
        link = self.norm[prev.nend : nxt.nstart]
        if (
            len(link) > CHAIN_GAP
            or _crosses(link)
            or not link.rstrip().endswith(C.waw)
            and link.split()[-1:] != [C.waw]
        ):
            return False
        return not self.scan.cues.within(prev.nend, nxt.nstart)

    def _shared(self, index: int) -> TollReading | None:
        """'مقتل وإصابة 12 شخصا': a killed cue right before an injured cue shares its number."""
        if index + 1 >= len(self.cues):
            return None
        cue, kind = self.cues[index]
        nxt, nxt_kind = self.cues[index + 1]
        gap = self.norm[cue.nend : nxt.nstart].strip()
        if nxt_kind == kind or gap not in (C.waw, ""):
            return None
        if self._has_subject(cue):
            return None  # "شخصا قتل وأصيب 15": the killed verb has its own subject
        for count in self.counts:
            if (
                count.nstart >= nxt.nend
                and len(self.norm[nxt.nend : count.nstart]) <= AFTER_REACH
                and not _crosses(self.norm[nxt.nend : count.nstart])
            ):
                return self._reading(kind, cue, [count], mark=False)
        return None

    def _has_subject(self, cue) -> bool:
        """A person noun or a count stands right before the cue."""
        before = self.norm[max(self.start, cue.nstart - 30) : cue.nstart].split()[-2:]
        if any(_singular_person(w, self.words) for w in before):
            return True
        return any(0 <= cue.nstart - c.nend <= 16 for c in self.counts)

    def _before(self, index: int) -> TollReading | None:
        cue, kind = self.cues[index]
        chain: list[_Count] = []
        for count in reversed([c for c in self.counts if c.nend <= cue.nstart]):
            if count.nstart in self.used:
                break
            anchor = chain[-1].nstart if chain else cue.nstart
            gap = self.norm[count.nend : anchor]
            if chain:
                if len(gap) > CHAIN_GAP or f" {C.waw}" not in f" {gap}" or _crosses(gap):
                    break
            elif (
                len(gap) > BEFORE_REACH
                or _crosses(gap)
                or self._between_cue(count.nend, cue.nstart, cue)
                or not self._counts_people(count, gap)
            ):
                break
            chain.append(count)
        if not chain:
            return None
        return self._reading(kind, cue, list(reversed(chain)))

    def _owned_before(self, index: int) -> TollReading | None:
        """ "شخصين قتلا وأصيب عشرة", "14 قتيلا": the count right before is this cue's."""
        cue = self.cues[index][0]
        before = [c for c in self.counts if c.nend <= cue.nstart and c.nstart not in self.used]
        owner = self._owner(before[-1]) if before else None
        if owner is not None and owner[0] is cue:
            return self._before(index)
        return None

    def _one_more(self, index: int) -> TollReading | None:
        """ "وأصيب ثالث", "وأصيب آخر": one more person, right after the cue."""
        cue, kind = self.cues[index]
        if self.norm[cue.nend : cue.nend + 1] != " ":
            return None
        follow = _ARABIC_WORD.match(self.norm, cue.nend + 1)
        if follow is not None and _bare(follow.group()) in self.words.sets["one_more"]:
            return self._implicit(kind, cue, 1, follow)
        return None

    def _pronoun(self, index: int) -> TollReading | None:
        """ "فقتلاه", "لقي مصرعه": the object pronoun is the victim; no number is read."""
        cue, kind = self.cues[index]
        value = _object_pronoun(self.scan.doc.surface(cue.nstart, cue.nend))
        if not value or self._number_right_after(cue):
            return None  # "راح ضحيتها 45": the pronoun is the act, the number its dead
        reading = self._implicit(kind, cue, value, None)
        reading.implied = "pronoun"
        # "لقي مصرعه مع 40 آخرين": he and forty others
        m = _WITH.match(self.norm, cue.nend)
        more = next(
            (
                c
                for c in self.counts
                if m is not None and c.nstart == m.end() and c.nstart not in self.used
            ),
            None,
        )
        if more is not None:
            self.used.add(more.nstart)
            reading.value += more.value
            reading.spans.insert(0, self.scan.doc.span(more.nstart, more.nend))
            reading.numbers.append(more.nstart)
        return reading

    def _number_right_after(self, cue: Any) -> bool:
        return any(
            c.nstart not in self.used
            and c.nstart >= cue.nend
            and not self.norm[cue.nend : c.nstart].strip()
            for c in self.counts
        )

    def _counts_people(self, count: _Count, gap: str) -> bool:
        """'أربعة من أفرادها قتلوا', '3 حوثيين قتلوا', '20 قتيلا', '52 حالة وفاة': the
        number counts people; 'بوابة 18 وكانت الإصابات مباشرة' counts a gate."""
        words = gap.split()
        if not words:
            return True
        first = words[0]
        after = (count.nend, count.nend + len(gap) + 1)
        return (
            first in self.grammar.person_nouns
            or first.startswith(tuple(self.partitive))
            or first in self.words.sets["case_nouns"]
            or bool(self.scan.actors.within(*after))
            or bool(self.scan.cues_named("civilian").within(*after))
            # "جنديين ماليين قتلا": a nationality between the count and the verb
            or (len(words) == 1 and any(p.is_adjective for p in self.scan.places.within(*after)))
            or any(
                a.nstart <= count.nstart and a.nend >= count.nend + len(gap.rstrip())
                for a in self.scan.actors.within(count.nstart - 30, count.nend)
            )
        )

    def _implied(self, index: int) -> TollReading | None:
        """No number: a dual or singular person, a pronoun, "آخرون", an assassination."""
        cue, kind = self.cues[index]
        follow = (
            _ARABIC_WORD.match(self.norm, cue.nend + 1)
            if self.norm[cue.nend : cue.nend + 1] == " "
            else None
        )
        word = follow.group() if follow is not None else ""
        span_end = follow.end() if follow is not None else cue.nend
        if word and self._between_cue(cue.nend, span_end + 1, cue):
            word = ""
        if word and _bare(word) in self.words.sets["more_people"]:
            return self._implicit(kind, cue, VAGUE_PLURAL, follow)
        if word and _singular_person(word, self.words):
            return self._implicit(kind, cue, 1, follow)
        before = list(
            _ARABIC_WORD.finditer(self.norm, max(self.start, cue.nstart - 20), cue.nstart)
        )
        if (
            before
            and not self.norm[before[-1].end() : cue.nstart].strip()
            and _singular_person(before[-1].group(), self.words)
        ):
            return self._implicit(kind, cue, 1, before[-1])  # "إن شخصا قتل": one
        if (
            kind == "killed"
            and self.norm[cue.nstart : cue.nend] in self.words.sets["one_victim"]
            and _prev_word(self.norm, cue.nstart) not in self.words.sets["attempt"]
        ):
            reading = self._implicit(kind, cue, 1, None)
            reading.implied = "one_victim"
            return reading
        return None

    def _implicit(self, kind: str, cue, value: int, word) -> TollReading:
        spans = [self.scan.doc.span(cue.nstart, cue.nend)]
        end = cue.nend
        if word is not None:
            spans.insert(0, self.scan.doc.span(word.start(), word.end()))
            end = word.end()
        return TollReading(kind, value, cue.nstart, spans, [], end)

    def _reading(self, kind: str, cue, counts: list[_Count], mark: bool = True) -> TollReading:
        if mark:
            for c in counts:
                self.used.add(c.nstart)
        spans = [self.scan.doc.span(c.nstart, c.nend) for c in counts]
        spans.append(self.scan.doc.span(cue.nstart, cue.nend))
        end = max([cue.nend] + [c.nend for c in counts])
        return TollReading(
            kind,
            sum(c.value for c in counts),
            cue.nstart,
            spans,
            [c.nstart for c in counts],
            end,
            self._noun(counts[-1]),
        )

    def _noun(self, count: _Count) -> str:
        """Root letters of what a count counts: the dual noun itself, or the next word."""
        own = self.norm[count.nstart : count.nend]
        two = tuple(self.words.sets["two_stems"])
        noun_itself = (
            count.value == 2
            and " " not in own
            and not _bare(own).startswith(two)
            and not own[:1].isdigit()
        )  # "جنديين" counts and names the people
        word = own if noun_itself else _next_word(self.norm, count.nend)
        skeleton = "".join(ch for ch in _bare(word) if ch not in C.long_vowels)
        return skeleton[:3]


def _object_pronoun(surface: str) -> int:
    """ "لقي مصرعه", "ضربوه حتى الموت": 1; "لقيا مصرعهما": 2; else 0.

    Read on the original text, where the pronoun ه is not yet the ة of a noun.
    """
    for word in without_marks(surface).split():
        if word.endswith(C.object_pronoun_dual):
            return 2
        if word.endswith(C.object_pronouns_singular) and not word.endswith(C.object_pronoun_plural):
            return 1
    return 0


def _crosses(gap: str) -> bool:
    """A gap with a clause-ending mark links nothing."""
    return any(mark in gap for mark in (".", "\n", ";", "?", "!"))


# ------------------------------------------------------------------ one figure per kind


def _settle(norm: str, readings: list[TollReading], words: _Words) -> list[TollReading]:
    """Alternative figures for the same dead become one: a later total (rise) wins,
    another source's figure for the same people gives the lower one."""
    killed = any(r.kind == "killed" for r in readings)
    out: list[TollReading] = []
    risen: set[str] = set()
    for reading in readings:
        if reading.kind in risen:
            continue  # "ارتفع عدد القتلى إلى 15 بعد وفاة ثلاثة": the total holds them
        if reading.implied == "pronoun" and reading.kind == "injured" and killed:
            continue  # "توفي متأثرا بإصابته": the wounded one is among the dead
        same = [r for r in out if r.kind == reading.kind]
        if same and reading.implied in ("pronoun", "one_victim"):
            continue  # "تم قتله", "عملية الاغتيال": the victim already counted
        lead = norm[max(0, reading.cue_pos - 40) : reading.cue_pos].split()[-5:]
        if not same:
            out.append(reading)
            if any(w in words.sets["rise"] for w in lead):
                risen.add(reading.kind)
            continue
        if any(w in words.sets["rise"] for w in lead):
            out = [r for r in out if r.kind != reading.kind] + [reading]
            risen.add(reading.kind)
            continue
        prev = same[-1]
        between = norm[prev.end : reading.cue_pos].split()
        sourced = any(w.lstrip(C.waw) in words.sets["sources"] for w in between)
        total = any(w.lstrip(C.waw) in words.sets["total"] for w in lead[-3:])
        if sourced and (total or _same_people(prev, reading)):
            if reading.value < prev.value:
                out[out.index(prev)] = reading
            continue
        out.append(reading)
    return out


def _same_people(a: TollReading, b: TollReading) -> bool:
    """The counted nouns of the two figures share a root (جنديين / جنود)."""
    return bool(a.noun) and a.noun == b.noun
