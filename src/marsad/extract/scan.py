"""Everything found in one article, indexed by position for clause-local look-ups."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from marsad.lexicon.grammar import Grammar
from marsad.text.clitics import CLITICS as C
from marsad.text.document import Document


@dataclass(slots=True)
class Indexed:
    """Hits sorted by ``nstart`` with a bisect index."""

    hits: list[Any]
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.hits.sort(key=lambda h: (h.nstart, -(h.nend - h.nstart)))
        self.starts = [h.nstart for h in self.hits]

    def within(self, start: int, end: int) -> list[Any]:
        """Hits that start inside ``[start, end)``."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.hits[lo:hi]

    def before(self, pos: int) -> list[Any]:
        return self.hits[: bisect.bisect_left(self.starts, pos)]


@dataclass(slots=True)
class ArticleScan:
    """The document plus every mention the stages found in it."""

    doc: Document
    triggers: Indexed
    actors: Indexed
    cues: Indexed
    places: Indexed
    numbers: Indexed
    dates: Indexed
    clauses: list[tuple[int, int]]
    cue_names: dict[str, Indexed]
    datelines: list[tuple[int, int]] = field(default_factory=list)  # newsroom names

    def clause_of(self, npos: int) -> tuple[int, int]:
        starts = [c[0] for c in self.clauses]
        i = max(0, bisect.bisect_right(starts, npos) - 1)
        return self.clauses[i]

    def cues_named(self, name: str) -> Indexed:
        return self.cue_names.get(name) or Indexed([])


def split_clauses(doc: Document, grammar: Grammar) -> list[tuple[int, int]]:
    """Sentences cut further at words that open a new reported act."""
    pattern = _clause_pattern(grammar)
    clauses: list[tuple[int, int]] = []
    for s_start, s_end in doc.sentences:
        cut = s_start
        for match in pattern.finditer(doc.norm, s_start, s_end):
            group = "word" if match.group("word") else "adverb"
            pos = match.start(group)
            if group == "word" and _closes_second_side(doc.norm, s_start, match, grammar):
                continue
            if pos - cut > 12:  # a break right at the start opens no new clause
                clauses.append((cut, pos))
                cut = pos
        clauses.append((cut, s_end))
    return clauses


def _closes_second_side(norm: str, s_start: int, match: re.Match[str], grammar: Grammar) -> bool:
    """ "بين X من جهة، وY من جهة أخرى": here من جهة أخرى closes a battle's second
    side, not a new clause, when the sentence already opened the first one."""
    word = match.group("word").lstrip(C.waw)
    marker = next((m for m in grammar.side_markers if word.startswith(m)), None)
    if marker is None:
        return False
    before = norm[s_start : match.start("word")]
    at = before.rfind(marker)
    return at >= 0 and not before[at + len(marker) :].lstrip().startswith(grammar.side_closers)


_PATTERNS: dict[int, re.Pattern[str]] = {}


def _clause_pattern(grammar: Grammar) -> re.Pattern[str]:
    key = id(grammar)
    if key not in _PATTERNS:
        words = "|".join(re.escape(w) for w in grammar.clause_breaks)
        adverbs = "|".join(re.escape(w) for w in grammar.clause_breaks_after_comma)
        waw = re.escape(C.waw)
        _PATTERNS[key] = re.compile(
            rf"(?:(?:^|[\s,;:])(?P<word>{waw}?(?:{words}))|,\s*(?P<adverb>{waw}?(?:{adverbs})))"
            r"(?=[\s,;:])"
        )
    return _PATTERNS[key]


def group_cues(cues: list[Any]) -> dict[str, Indexed]:
    by_name: dict[str, list[Any]] = {}
    for hit in cues:
        by_name.setdefault(hit.entry, []).append(hit)
    return {name: Indexed(hits) for name, hits in by_name.items()}
