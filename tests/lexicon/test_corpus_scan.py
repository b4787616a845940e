"""Scanning real news (skipped when the shared corpus is absent).

Speed itself is measured by bench/throughput.py (make bench), not by timed tests.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from marsad.lexicon import load_lexicon
from marsad.text.normalize import normalize_plain

CORPUS = Path(__file__).parents[2] / ".." / "shared" / "corpus" / "saudinewsnet"


def _articles(limit: int) -> list[str]:
    zips = sorted(CORPUS.glob("*.zip"))
    if not zips:
        pytest.skip("shared corpus not present")
    with zipfile.ZipFile(zips[0]) as zf:
        data = json.loads(zf.read(zf.namelist()[0]))
    return [normalize_plain(a["content"]) for a in data[:limit] if a.get("content")]


def test_has_trigger_separates_some_articles() -> None:
    lex = load_lexicon()
    flags = [lex.has_trigger(t) for t in _articles(300)]
    assert 0 < sum(flags) < len(flags)
