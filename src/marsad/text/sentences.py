"""Sentence spans of normalised text."""

from __future__ import annotations

import re

from marsad.text.normalize import AR_LETTERS

# A break: a newline, or a run of . ! ? (and closing quotes/brackets after it).
# A dot between digits (3.5, 1.200) or after a one-letter abbreviation (د. م.) is not one.
_BREAK = re.compile(
    rf"""\n
    | (?<![0-9])(?<!(?<![{AR_LETTERS}a-z])[{AR_LETTERS}a-z])[.!?]+["')\]]*
    | (?<=[0-9])[.!?]+(?![0-9])["')\]]*
    """,
    re.VERBOSE,
)


def split_sentences(norm: str) -> list[tuple[int, int]]:
    """``[start, end)`` sentence spans, stripped of spaces, covering all non-space text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BREAK.finditer(norm):
        _add(norm, start, m.end(), spans)
        start = m.end()
    _add(norm, start, len(norm), spans)
    return spans


def _add(norm: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    while s < e and norm[s] in " \n":
        s += 1
    while e > s and norm[e - 1] in " \n":
        e -= 1
    if s < e:
        spans.append((s, e))
