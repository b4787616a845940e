"""Closed word classes the extractor reasons with (clause breaks, person nouns...)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from marsad.text.normalize import normalize_plain

GRAMMAR_FILE = Path(__file__).parent / "data" / "grammar.yaml"


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
    territory_state: str
    territory_non_state: str
    skip_sentence_openers: tuple[str, ...]
    non_event_words: tuple[str, ...]
    source_words: frozenset[str]
    pluperfect_auxiliaries: frozenset[str]
    pluperfect_particle: str
    pluperfect_openers: frozenset[str]
    pluperfect_reach: int
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


def _longest_first(words: list[str]) -> tuple[str, ...]:
    normalised = {normalize_plain(w) for w in words}
    return tuple(sorted(normalised, key=lambda w: (-len(w), w)))


@functools.cache
def load_grammar(path: Path = GRAMMAR_FILE) -> Grammar:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Grammar(
        clause_breaks=_longest_first(data["clause_breaks"]),
        clause_breaks_after_comma=_longest_first(data["clause_breaks_after_comma"]),
        accompaniment_breaks=_longest_first(data["accompaniment_breaks"]),
        person_nouns=frozenset(normalize_plain(w) for w in data["person_nouns"]),
        aircraft=_longest_first(data["aircraft"]),
        artillery=_longest_first(data["artillery"]),
        place_qualifiers={normalize_plain(k): v for k, v in data["place_qualifiers"].items()},
        near_words=_longest_first(data["near_words"]),
        territory_state=data["territory"]["state"],
        territory_non_state=data["territory"]["non_state"],
        skip_sentence_openers=_longest_first(data["skip_sentence_openers"]),
        non_event_words=_longest_first(data["non_event_words"]),
        source_words=frozenset(normalize_plain(w) for w in data["source_words"]),
        pluperfect_auxiliaries=frozenset(
            normalize_plain(w) for w in data["pluperfect"]["auxiliaries"]),
        pluperfect_particle=normalize_plain(data["pluperfect"]["particle"]),
        pluperfect_openers=frozenset(normalize_plain(w) for w in data["pluperfect"]["openers"]),
        pluperfect_reach=int(data["pluperfect"]["reach_words"]),
        commentary_marks=_longest_first(data["commentary_marks"]),
        year_leads=frozenset(normalize_plain(w) for w in data["year_leads"]),
        victim_before=frozenset(normalize_plain(w) for w in data["victim_before"]),
        victim_after=frozenset(normalize_plain(w) for w in data["victim_after"]),
        clash_words=_longest_first(data["clash_words"]),
        side_markers=_longest_first(data["side_markers"]),
        report_verbs=frozenset(normalize_plain(w) for w in data["report_verbs"]),
        that_words=frozenset(normalize_plain(w) for w in data["that_words"]),
        comparison_words=frozenset(normalize_plain(w) for w in data["comparison_words"]),
        comparison_between=frozenset(normalize_plain(w) for w in data["comparison_between"]),
        comparison_leads=frozenset(normalize_plain(w) for w in data["comparison_leads"]),
        side_closers=_longest_first(data["side_closers"]),
        agent_words=frozenset(normalize_plain(w) for w in data["agent_words"]),
        count_hedges=_longest_first(data["count_hedges"]),
        passive_harm=frozenset(normalize_plain(w) for w in data["passive_harm"]),
        latest_words=frozenset(normalize_plain(w) for w in data["latest_words"]),
        defuse_verbs=frozenset(normalize_plain(w) for w in data["defuse_verbs"]),
        affiliation_nouns=frozenset(normalize_plain(w) for w in data["affiliation_nouns"]),
        ally_links=frozenset(normalize_plain(w).replace(" ", "") for w in data["ally_links"]),
    )
