"""Doubling an article's length at most a little more than doubles the work (issue 15 item 3).

Work is counted in executed Python lines, never seconds, so the test is exact
on a loaded machine. 2.25 leaves room for n log n, not for n^1.6.
"""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.text.dates import find_dates
from marsad.text.normalize import normalize_plain
from marsad.text.numbers import find_numbers

from .opcount import doubling_ratio

LINEAR = 2.25
PUB = dt.date(2015, 8, 11)


@pytest.mark.parametrize(
    "stage",
    [
        pytest.param(lambda t: find_dates(normalize_plain(t), PUB), id="dates"),
        pytest.param(lambda t: find_numbers(normalize_plain(t)), id="numbers"),
        pytest.param(normalize_plain, id="normalize"),
    ],
)
def test_text_stage_work_is_linear(stage) -> None:
    assert doubling_ratio(stage) <= LINEAR


def test_reading_a_long_article_is_linear(tmp_path) -> None:
    import json

    from marsad.ingest import RejectLog, read_articles

    def read(text: str) -> None:
        path = tmp_path / "a.jsonl"
        path.write_text(
            json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        assert len(list(read_articles([path], rejects=RejectLog()))) == 1

    assert doubling_ratio(read) <= LINEAR
