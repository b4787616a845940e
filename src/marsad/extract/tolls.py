"""How many were killed and injured, read next to the words that report them.

A toll is a killed/injured/bodies cue with its number: after the cue (مقتل 16
شخصا، جثث عشرة متشددين، ارتفع عدد القتلى إلى 18) or before it (أربعة من أفرادها
وعشرة من المتشددين قتلوا، 20 قتيلا). Numbers joined by و in front of one cue are
summed (4 + 10). Each number is used once. "مقتل وإصابة العديد" shares the number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.extract.scan import ArticleScan
from marsad.lexicon.grammar import Grammar
from marsad.model import Span

AFTER_REACH = 30  # characters from the end of a cue to its number
BEFORE_REACH = 40  # characters from a number to the cue that follows it
CHAIN_GAP = 40  # characters between two numbers summed in one list


@dataclass(slots=True)
class TollReading:
    kind: str  # "killed" | "injured"
    value: int
    cue_pos: int
    spans: list[Span] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # nstart of the numbers used


def read_tolls(scan: ArticleScan, start: int, end: int, grammar: Grammar) -> list[TollReading]:
    """All toll readings inside ``[start, end)``, each number used once."""
    used: set[int] = set()
    readings: list[TollReading] = []
    cues = [(c, "killed") for c in scan.cues_named("killed").within(start, end)]
    cues += [(c, "killed") for c in scan.cues_named("bodies").within(start, end)]
    cues += [(c, "injured") for c in scan.cues_named("injured").within(start, end)]
    cues.sort(key=lambda pair: pair[0].nstart)
    numbers = [n for n in scan.numbers.within(start, end) if not _is_year(n)]
    for index, (cue, kind) in enumerate(cues):
        if any(r.cue_pos == cue.nstart for r in readings):
            continue
        reading = _after(scan, cue, kind, numbers, used, end)
        if reading is None:
            reading = _shared(scan, cues, index, kind, numbers, used, end)
        if reading is None:
            reading = _before(scan, cue, kind, numbers, used, start, grammar)
        if reading is not None:
            readings.append(reading)
    return readings


def _is_year(number) -> bool:
    return number.vague is False and 1900 <= number.value <= 2100


def _after(scan, cue, kind, numbers, used, end) -> TollReading | None:
    norm = scan.doc.norm
    for number in numbers:
        if number.nstart in used or number.nstart < cue.nend:
            continue
        gap = norm[cue.nend: number.nstart]
        if len(gap) > AFTER_REACH or _crosses(gap):
            return None
        chain = [number]
        for nxt in numbers:  # "مقتل سبعة من الحوثيين وثلاثة من المقاومة": 7 + 3
            if nxt.nstart <= chain[-1].nstart or nxt.nstart in used:
                continue
            if not _listed_next(scan, chain[-1], nxt):
                break
            chain.append(nxt)
        for n in chain:
            used.add(n.nstart)
        return _reading(scan, kind, cue, chain)
    return None


def _listed_next(scan, prev, nxt) -> bool:
    """``nxt`` continues a list of counts after ``prev``: joined by و, no cue between."""
    link = scan.doc.norm[prev.nend: nxt.nstart]
    if len(link) > CHAIN_GAP or _crosses(link) or not link.rstrip().endswith("و") \
            and link.split()[-1:] != ["و"]:
        return False
    return not scan.cues.within(prev.nend, nxt.nstart)


def _shared(scan, cues, index, kind, numbers, used, end) -> TollReading | None:
    """'مقتل وإصابة 12 شخصا': a killed cue right before an injured cue shares its number."""
    if index + 1 >= len(cues):
        return None
    nxt, nxt_kind = cues[index + 1]
    cue = cues[index][0]
    gap = scan.doc.norm[cue.nend: nxt.nstart].strip()
    if nxt_kind == kind or gap not in ("و", ""):
        return None
    for number in numbers:
        if number.nstart >= nxt.nend and len(scan.doc.norm[nxt.nend: number.nstart]) <= AFTER_REACH:
            return _reading(scan, kind, cue, [number])
    return None


def _counts_people(scan, number, gap: str, grammar: Grammar) -> bool:
    """'أربعة من أفرادها قتلوا', '3 حوثيين قتلوا', '20 قتيلا': the number counts
    people; 'بوابة 18 وكانت الإصابات مباشرة' counts a gate, not the wounded."""
    words = gap.split()
    if not words:
        return True
    first = words[0]
    return (first in grammar.person_nouns or first == "من" or first.startswith("من")
            or bool(scan.actors.within(number.nend, number.nend + len(gap) + 1)))


def _before(scan, cue, kind, numbers, used, start, grammar) -> TollReading | None:
    norm = scan.doc.norm
    chain: list = []
    for number in reversed([n for n in numbers if n.nend <= cue.nstart]):
        if number.nstart in used:
            break
        anchor = chain[-1].nstart if chain else cue.nstart
        gap = norm[number.nend: anchor]
        if chain:
            if len(gap) > CHAIN_GAP or " و" not in f" {gap}" or _crosses(gap):
                break
        elif len(gap) > BEFORE_REACH or _crosses(gap) or not _counts_people(scan, number, gap, grammar):
            break
        chain.append(number)
    if not chain:
        return None
    for number in chain:
        used.add(number.nstart)
    return _reading(scan, kind, cue, list(reversed(chain)))


def _crosses(gap: str) -> bool:
    """A gap with a clause-ending mark or a verb of reporting links nothing."""
    return any(mark in gap for mark in (".", "\n", ";", "?", "!"))


def _reading(scan, kind, cue, numbers) -> TollReading:
    spans = [scan.doc.span(n.nstart, n.nend) for n in numbers]
    spans.append(scan.doc.span(cue.nstart, cue.nend))
    return TollReading(kind, sum(n.value for n in numbers), cue.nstart, spans,
                       [n.nstart for n in numbers])
