"""The clitic letters every stage strips the same way, from ``data/clitics.yaml``."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

CLITICS_FILE = Path(__file__).parent / "data" / "clitics.yaml"


@functools.cache
def clitic_table() -> dict[str, tuple[str, ...]]:
    raw = yaml.safe_load(CLITICS_FILE.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ValueError(f"{CLITICS_FILE.name}: must be a mapping of clitic class to letters")
    return {name: tuple(values) for name, values in raw.items()}


def conjunctions() -> tuple[str, ...]:
    return clitic_table()["conjunctions"]


def bare_conjunction(word: str) -> str:
    """The word without a leading و / ف (وقال → قال); unchanged otherwise."""
    return word[1:] if len(word) > 1 and word[0] in conjunctions() else word
