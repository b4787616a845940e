"""The word classes rules may name (lexicon/data/classes): context classes are read as
the lexicon scan's hits, word classes as their words in a scope's text."""

from __future__ import annotations

import functools

from marsad.lexicon.classes import load_classes


@functools.cache
def grammar_classes() -> dict[str, tuple[str, ...]]:
    """Word classes (kind ``word``) by name, longest word first."""
    return {
        name: tuple(sorted(set(c.words), key=lambda w: (-len(w), w)))
        for name, c in load_classes().items()
        if c.kind == "word"
    }


@functools.cache
def class_names() -> frozenset[str]:
    return frozenset(load_classes())


def is_cue_class(name: str) -> bool:
    return load_classes()[name].kind == "cue"


@functools.cache
def words_of(name: str) -> frozenset[str]:
    """The normalised words of one class, for word-by-word tests."""
    return frozenset(load_classes()[name].words)
