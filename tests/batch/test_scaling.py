"""The whole pipeline on a long article: work linear in length, and a budget (issue 15 item 3)."""

from __future__ import annotations

import datetime as dt

from marsad.batch.guard import Budget, extract_guarded
from marsad.model import Article
from tests.text.opcount import doubling_ratio, long_text

PUB = dt.date(2015, 8, 11)


def test_pipeline_work_is_linear(pipeline) -> None:
    ratio = doubling_ratio(
        lambda t: pipeline.extract(Article(id="x", text=t, published=PUB)), base=400
    )
    assert ratio <= 2.25


def test_budget_turns_a_huge_article_into_a_reject_before_any_work(pipeline) -> None:
    article = Article(id="huge", text=long_text(30_000), published=PUB)  # ~2 MB
    events, reason = extract_guarded(pipeline, article, Budget(max_chars=1_000_000))
    assert events == [] and reason.startswith("too long: 1,9") and "limit 1,000,000" in reason
