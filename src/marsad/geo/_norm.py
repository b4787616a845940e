"""The project normaliser, and a fingerprint of it for the gazetteer cache key."""

from __future__ import annotations

import hashlib
from pathlib import Path

from marsad.text.normalize import normalize_plain

__all__ = ["normalize_plain", "normalizer_files", "normalizer_fingerprint"]


def normalizer_fingerprint() -> str:
    """Changes when the normaliser changes, so caches built with another one are rebuilt."""
    h = hashlib.sha1()
    for path in normalizer_files():
        try:
            h.update(path.name.encode() + b":" + path.read_bytes())
        except OSError:
            continue
    return h.hexdigest()


def normalizer_files() -> list[Path]:
    """The normaliser's code and data (hashed by content into cache keys)."""
    text_dir = Path(__file__).parents[1] / "text"
    return [text_dir / "normalize.py", *sorted((text_dir / "data").glob("*.txt"))]
