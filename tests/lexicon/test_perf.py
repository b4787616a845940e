"""Scanning speed on real news (skipped when the shared corpus is absent)."""

from __future__ import annotations

import json
import time
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


def test_scan_is_well_under_half_a_millisecond_per_2000_chars() -> None:
    lex = load_lexicon()
    texts = _articles(600)
    chars = sum(len(t) for t in texts)
    start = time.perf_counter()
    total_hits = sum(len(lex.scan(t)) for t in texts)
    elapsed = time.perf_counter() - start
    per_2000 = elapsed / chars * 2000
    assert total_hits > len(texts)  # real news does hit the lexicon
    assert per_2000 < 0.0005, f"{per_2000 * 1e6:.0f} µs per 2000 chars"


def test_has_trigger_separates_some_articles() -> None:
    lex = load_lexicon()
    flags = [lex.has_trigger(t) for t in _articles(300)]
    assert 0 < sum(flags) < len(flags)
