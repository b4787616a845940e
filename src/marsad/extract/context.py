"""Everything about one article while it is coded: built per article, never shared.

The ``Extractor`` holds only what is the same for every article (lexicon,
gazetteer, grammar, rules, settings); an ``ArticleContext`` holds the document,
its mentions by kind and class, its clauses, its geo context and resolved
places, and the little memory the stages keep from one act to the next. One
extractor can therefore serve many threads at once.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from marsad.extract.scan import ArticleScan


@dataclass(slots=True)
class Focus:
    """What a rule looks at: one trigger (gating) or one act (typing), in its scopes."""

    nstart: int
    nend: int
    weight: float
    pos: str
    event_type: str
    sub_event_type: str
    clause: tuple[int, int]
    sentence: tuple[int, int]
    act: Any = None  # the Candidate, once there is one


@dataclass(slots=True)
class Decision:
    """What became of one trigger: the rule that stopped it, or the act it joined."""

    hit: Any
    rule_id: str | None = None
    reason: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class ArticleContext(ArticleScan):
    """The article's scan plus the per-article state of the stages."""

    rules: Any = None  # the RuleBook (shared, immutable)
    grammar: Any = None  # the Grammar (shared, immutable)
    gazetteer: Any = None  # the Gazetteer (shared, immutable)
    geo: Any = None  # GeoContext
    resolved: dict[int, Any] = field(default_factory=dict)
    country: str | None = None
    named: list[Any] = field(default_factory=list)
    anchor: Any = None  # DateChoice
    unresolved: list[Any] = field(default_factory=list)  # settlement names nothing resolved
    sport_article: bool = False
    live: dict[tuple[int, int], list[Any]] = field(default_factory=dict)
    act_clauses: set[tuple[int, int]] = field(default_factory=set)
    last_air_actor: Any = None
    decisions: list[Decision] = field(default_factory=list)
    clause_starts: list[int] = field(default_factory=list)
    token_starts: list[int] = field(default_factory=list)
    token_ends: list[int] = field(default_factory=list)

    def _token_bounds(self) -> tuple[list[int], list[int]]:
        if not self.token_starts and self.doc.tokens:
            self.token_starts = [t.nstart for t in self.doc.tokens]
            self.token_ends = [t.nend for t in self.doc.tokens]
        return self.token_starts, self.token_ends

    def words_before(self, npos: int) -> int:
        """How many words of the document end at or before normalised ``npos`` (a word
        that holds ``npos``, a trigger after its clitic, is not one of them)."""
        return bisect.bisect_right(self._token_bounds()[1], npos)

    def tokens_between(self, start: int, end: int) -> int:
        """How many words lie wholly inside normalised ``[start, end)``."""
        starts, _ = self._token_bounds()
        return max(0, self.words_before(end) - bisect.bisect_left(starts, start))

    def clause_of(self, npos: int) -> tuple[int, int]:
        if not self.clause_starts:
            self.clause_starts = [c[0] for c in self.clauses]
        i = max(0, bisect.bisect_right(self.clause_starts, npos) - 1)
        return self.clauses[i]

    def sentence_of(self, npos: int) -> tuple[int, int]:
        return self.doc.sentences[self.doc.sentence_index(npos)]

    def scope(self, name: str, focus: Focus) -> tuple[int, int]:
        if name == "clause":
            return focus.clause
        if name == "sentence":
            return focus.sentence
        return 0, len(self.doc.norm)

    def focus_on(self, hit: Any) -> Focus:
        entry = hit.entry
        return Focus(
            hit.nstart,
            hit.nend,
            entry.weight,
            entry.pos,
            entry.event_type,
            entry.sub_event_type,
            self.clause_of(hit.nstart),
            self.sentence_of(hit.nstart),
        )
