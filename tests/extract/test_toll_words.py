"""Integrity of the toll word classes (lexicon/data/classes/tolls_words.yaml)."""

from __future__ import annotations

from marsad.extract.tolls import _toll_words
from marsad.text.normalize import normalize_plain

USED = {
    "units",
    "subset_before",
    "subset_after",
    "negators",
    "one_more",
    "more_people",
    "people",
    "one_victim",
    "attempt",
    "sources",
    "total",
    "rise",
    "cumulative",
    "cumulative_lead",
    "long_units",
    "dual_yn",
    "case_nouns",
    "with",
    "two_stems",
    "recent_span_nouns",
    "not_singular",
}


def test_every_class_the_rules_use_is_present_and_non_empty() -> None:
    words = _toll_words()
    assert set(words) == USED
    assert all(words[name] for name in USED)


def test_no_word_is_listed_twice_in_a_class() -> None:
    for name, values in _toll_words().items():
        normalised = [normalize_plain(w) for w in values]
        dupes = {w for w in normalised if normalised.count(w) > 1}
        assert not dupes, f"{name}: {sorted(dupes)}"
