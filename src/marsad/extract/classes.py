"""The word classes rules may name: the lexicon's cue classes (found by the
automaton, as hits) and the grammar's closed classes (found in a scope's text)."""

from __future__ import annotations

import dataclasses
import functools

from marsad.lexicon.grammar import Grammar, load_grammar
from marsad.lexicon.schema import CUE_NAMES


@functools.cache
def grammar_classes() -> dict[str, tuple[str, ...]]:
    """Grammar classes that are word lists, by name."""
    grammar = load_grammar()
    out: dict[str, tuple[str, ...]] = {}
    for f in dataclasses.fields(Grammar):
        value = getattr(grammar, f.name)
        if isinstance(value, tuple | frozenset):
            out[f.name] = tuple(sorted(value, key=lambda w: (-len(w), w)))
    return out


@functools.cache
def class_names() -> frozenset[str]:
    return frozenset(CUE_NAMES) | frozenset(grammar_classes())


def is_cue_class(name: str) -> bool:
    return name in CUE_NAMES
