"""The project normaliser, imported lazily so geo/ works while text/ is being written."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

_impl: Callable[[str], str] | None = None

_MAP = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None, "،": ",", "؛": ";"}
    | {chr(0x660 + i): str(i) for i in range(10)}
    | {chr(0x6F0 + i): str(i) for i in range(10)}
)
_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u200b-\u200f]")
_SPACE = re.compile(r"\s+")


def _fallback(text: str) -> str:
    # Used only until marsad.text.normalize exists; mirrors its documented rules.
    text = _MARKS.sub("", unicodedata.normalize("NFC", text)).translate(_MAP).lower()
    return _SPACE.sub(" ", text).strip()


def normalize_plain(text: str) -> str:
    """Normalise a gazetteer name exactly as article text is normalised."""
    global _impl
    if _impl is None:
        try:
            from marsad.text.normalize import normalize_plain as real
        except ImportError:
            real = _fallback
        _impl = real
    return _impl(text)


def normalizer_fingerprint() -> str:
    """Changes when the normaliser changes, so caches built with another one are rebuilt."""
    path = Path(__file__).parents[1] / "text" / "normalize.py"
    try:
        st = path.stat()
    except OSError:
        return "fallback"
    return f"{st.st_size}:{st.st_mtime_ns}"
