"""Evidence spans keep every mark of their letters (issue 15 item 7)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.spans import is_mark, whole_marks


@pytest.mark.parametrize(
    ("text", "span", "want"),
    [
        ("قُتِلَ خمسة", (0, 5), "قُتِلَ"),  # the fatha after the last letter comes in
        ("في هجومٍ مسلح", (3, 7), "هجومٍ"),  # tanween
        ("شدَّة", (0, 3), "شدَّة"[:4]),  # shadda and fatha on the same letter
        ("بغداد", (0, 5), "بغداد"),  # nothing to widen
        ("قُتِلَ", (1, 3), "قُتِ"),  # a start on a mark moves back to its letter
    ],
)
def test_whole_marks(text, span, want) -> None:
    start, end = whole_marks(text, *span)
    assert text[start:end] == want


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(st.sampled_from("قتلهجومبغدادٌٍَُِّْ ٰ"), max_size=40),
    a=st.integers(0, 45),
    b=st.integers(0, 45),
)
def test_whole_marks_never_splits_a_letter_from_its_marks(text, a, b) -> None:
    start, end = whole_marks(text, min(a, b), max(a, b))
    assert 0 <= start <= end <= len(text)
    assert start <= min(a, b, len(text)) and end >= min(max(a, b), len(text))
    if start < end:
        assert not is_mark(text[start]) or start == 0
        assert end == len(text) or not is_mark(text[end])
