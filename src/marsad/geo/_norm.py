"""The project normaliser, and a fingerprint of it for the gazetteer cache key."""

from __future__ import annotations

from pathlib import Path

from marsad.text.normalize import normalize_plain

__all__ = ["normalize_plain", "normalizer_fingerprint"]


def normalizer_fingerprint() -> str:
    """Changes when the normaliser changes, so caches built with another one are rebuilt."""
    parts = []
    text_dir = Path(__file__).parents[1] / "text"
    for path in [text_dir / "normalize.py", *sorted((text_dir / "data").glob("*.txt"))]:
        try:
            st = path.stat()
        except OSError:
            continue
        parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)
