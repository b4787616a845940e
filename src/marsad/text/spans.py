"""Evidence spans that never split a letter from its marks.

Offsets map from the normalised text back to the original through the
letters; the harakat, shadda or other combining marks written after a
span's last letter (``قُتِلَ``, ``هجومٍ``) have no normalised counterpart, so a
mapped span ends before them. ``whole_marks`` widens a span over them (and
back to the base letter if it starts on a mark), so a highlighted span keeps
every mark of its letters.
"""

from __future__ import annotations

import unicodedata


def is_mark(ch: str) -> bool:
    """A combining mark (Unicode Mn: harakat, shadda, sukun, superscript alef, ...)."""
    return unicodedata.category(ch) == "Mn"


def whole_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened so it neither starts on nor is followed by a combining mark."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    while start > 0 and start < end and is_mark(text[start]):
        start -= 1
    while end < len(text) and end > start and is_mark(text[end]):
        end += 1
    return start, end
