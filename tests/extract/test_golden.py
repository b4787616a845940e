"""Golden-file test: extraction of the bundled examples must not drift unnoticed.

Regenerate after an intended change with:
    .venv/bin/python tests/extract/test_golden.py --update
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from marsad.model import Article
from marsad.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles.jsonl"
GOLDEN = Path(__file__).parent / "golden" / "examples.jsonl"
KEYS = (
    "article_id",
    "event_type",
    "sub_event_type",
    "event_date",
    "time_precision",
    "location",
    "iso3",
    "geo_precision",
    "actor1",
    "actor1_ar",
    "actor2",
    "actor2_ar",
    "fatalities",
    "injured",
    "evidence",
    "event_id",
)


def _current() -> list[dict]:
    pipeline = Pipeline()
    rows = []
    for line in EXAMPLES.read_text(encoding="utf-8").splitlines():
        article = Article.model_validate_json(line)
        for event in pipeline.extract(article):
            data = event.model_dump()
            rows.append({k: data[k] for k in KEYS})
    return rows


@pytest.fixture(scope="module")
def current() -> list[dict]:
    return _current()


def test_examples_match_the_golden_file(current: list[dict]) -> None:
    expected = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert current == expected


def test_sport_and_economy_examples_give_no_event(current: list[dict]) -> None:
    ids = {row["article_id"] for row in current}
    assert "ex-sport" not in ids and "ex-economy" not in ids


def test_evidence_offsets_point_at_the_words(current: list[dict]) -> None:
    texts = {
        json.loads(line)["id"]: json.loads(line)["text"]
        for line in EXAMPLES.read_text(encoding="utf-8").splitlines()
    }
    for row in current:
        text = texts[row["article_id"]]
        if row["actor1_ar"]:
            ((start, end),) = row["evidence"]["actor1"]
            assert text[start:end] == row["actor1_ar"]
        for start, end in (span for spans in row["evidence"].values() for span in spans):
            assert 0 <= start < end <= len(text)


if __name__ == "__main__" and "--update" in sys.argv:
    GOLDEN.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _current()), encoding="utf-8"
    )
