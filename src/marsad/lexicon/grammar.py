"""Closed word classes the extractor reasons with (clause breaks, person nouns...)."""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Grammar:
    """Normalised word classes, as sets and ordered tuples (longest first)."""

    clause_breaks: tuple[str, ...]
    clause_breaks_after_comma: tuple[str, ...]
    accompaniment_breaks: tuple[str, ...]
    person_nouns: frozenset[str]
    aircraft: tuple[str, ...]
    artillery: tuple[str, ...]
    place_qualifiers: dict[str, str]
    near_words: tuple[str, ...]
    skip_sentence_openers: tuple[str, ...]
    non_event_words: tuple[str, ...]
    source_words: frozenset[str]
    pluperfect_auxiliaries: frozenset[str]
    pluperfect_particle: str
    pluperfect_openers: frozenset[str]
    commentary_marks: tuple[str, ...]
    year_leads: frozenset[str]
    victim_before: frozenset[str]
    victim_after: frozenset[str]
    clash_words: tuple[str, ...]
    side_markers: tuple[str, ...]
    report_verbs: frozenset[str]
    that_words: frozenset[str]
    comparison_words: frozenset[str]
    comparison_between: frozenset[str]
    comparison_leads: frozenset[str]
    side_closers: tuple[str, ...]
    agent_words: frozenset[str]
    count_hedges: tuple[str, ...]
    passive_harm: frozenset[str]
    latest_words: frozenset[str]
    defuse_verbs: frozenset[str]
    affiliation_nouns: frozenset[str]
    ally_links: frozenset[str]

    def is_report_verb(self, word: str) -> bool:
        """A reporting verb, bare or after و / ف (وقال، فأكد)."""
        return word in self.report_verbs or (word[:1] in "وف" and word[1:] in self.report_verbs)


@functools.cache
def load_grammar() -> Grammar:
    """The grammar classes of ``data/classes/`` as sets and longest-first tuples."""
    from marsad.lexicon.classes import load_classes

    classes = load_classes()

    def words(name: str) -> tuple[str, ...]:
        return classes[name].words

    def longest(name: str) -> tuple[str, ...]:
        return tuple(sorted(set(words(name)), key=lambda w: (-len(w), w)))

    def bag(name: str) -> frozenset[str]:
        return frozenset(words(name))

    qualifiers = classes["place_qualifiers"].labels or {}
    return Grammar(
        clause_breaks=longest("clause_breaks"),
        clause_breaks_after_comma=longest("clause_breaks_after_comma"),
        accompaniment_breaks=longest("accompaniment_breaks"),
        person_nouns=bag("person_nouns"),
        aircraft=longest("aircraft"),
        artillery=longest("artillery"),
        place_qualifiers=dict(qualifiers),
        near_words=longest("near_words"),
        skip_sentence_openers=longest("skip_sentence_openers"),
        non_event_words=longest("non_event_words"),
        source_words=bag("source_words"),
        pluperfect_auxiliaries=bag("pluperfect_auxiliaries"),
        pluperfect_particle=words("pluperfect_particle")[0],
        pluperfect_openers=bag("pluperfect_openers"),
        commentary_marks=longest("commentary_marks"),
        year_leads=bag("year_leads"),
        victim_before=bag("victim_before"),
        victim_after=bag("victim_after"),
        clash_words=longest("clash_words"),
        side_markers=longest("side_markers"),
        report_verbs=bag("report_verbs"),
        that_words=bag("that_words"),
        comparison_words=bag("comparison_words"),
        comparison_between=bag("comparison_between"),
        comparison_leads=bag("comparison_leads"),
        side_closers=longest("side_closers"),
        agent_words=bag("agent_words"),
        count_hedges=longest("count_hedges"),
        passive_harm=bag("passive_harm"),
        latest_words=bag("latest_words"),
        defuse_verbs=bag("defuse_verbs"),
        affiliation_nouns=bag("affiliation_nouns"),
        ally_links=frozenset(w.replace(" ", "") for w in words("ally_links")),
    )
