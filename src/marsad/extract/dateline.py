"""Datelines: the place names opening a line that say where a story was filed.

"باماكو - رويترز:" and "دبي، الإمارات العربية المتحدة (CNN)--" locate the newsroom,
not the act (CODEBOOK §4: the place named for the act), so their names are never an
act's place. A dateline is the stretch from a line's start to its first dash or
colon when, leaving out one parenthesised agency and the commas, every word in it
belongs to a place name.
"""

from __future__ import annotations

import re

from marsad.extract.settings import SETTINGS

_SEPARATOR = re.compile(r"[-–—:/]")
_AGENCY = re.compile(r"\([^()\n]*\)")
_FILLER = re.compile(r"[\s,\"«»'()]+")


def dateline_spans(norm: str, place_hits: list) -> list[tuple[int, int]]:
    """``[start, end)`` of each dateline in the normalised text."""
    spans: list[tuple[int, int]] = []
    starts = sorted({h.nstart for h in place_hits})
    if not starts:
        return spans
    line_start = 0
    while line_start < len(norm):
        line_end = norm.find("\n", line_start)
        line_end = len(norm) if line_end < 0 else line_end
        span = _dateline(norm, line_start, line_end, place_hits)
        if span:
            spans.append(span)
        line_start = line_end + 1
    return spans


def _dateline(norm: str, start: int, end: int, place_hits: list) -> tuple[int, int] | None:
    sep = _SEPARATOR.search(norm, start, end)
    if sep is None:
        return None
    head = norm[start : sep.start()]
    if len(head.split()) > SETTINGS.dateline_words:
        return None
    names = [h for h in place_hits if start <= h.nstart and h.nend <= sep.start()]
    if not names:
        return None
    # blank out the place names and one agency: nothing but filler may remain
    chars = list(head)
    for h in names:
        for i in range(h.nstart - start, h.nend - start):
            chars[i] = " "
    rest = _AGENCY.sub(" ", "".join(chars), count=1)
    if _FILLER.sub("", rest):
        return None
    return (start, sep.start())


def in_dateline(spans: list[tuple[int, int]], hit) -> bool:
    return any(a <= hit.nstart and hit.nend <= b for a, b in spans)
