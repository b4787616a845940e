"""When an act happened: the date said in its clause or sentence, else the article's.

Dates resolve against the publication date (CODEBOOK §5). An act whose date
is more than 30 days before publication is background, not an event; a date
after publication is a plan or a quote about the future and is ignored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from marsad.extract.scan import ArticleScan
from marsad.model import Span

BACKGROUND_DAYS = 30
ANCHOR_WINDOW_DAYS = 7


@dataclass(slots=True)
class DateChoice:
    date: dt.date | None
    precision: int
    span: Span | None
    background: bool = False


def article_anchor(scan: ArticleScan) -> DateChoice:
    """The date the article's news is about: its first recent exact date, else publication."""
    published = scan.doc.article.published
    for hit in scan.dates.hits:
        if hit.date is None or hit.precision != 1 or published is None:
            continue
        if 0 <= (published - hit.date).days <= ANCHOR_WINDOW_DAYS:
            return DateChoice(hit.date, 1, scan.doc.span(hit.nstart, hit.nend))
    if published is None:
        return DateChoice(None, 3, None)
    return DateChoice(published, 2, None)


def date_for(scan: ArticleScan, trigger_pos: int, clause: tuple[int, int],
             anchor: DateChoice) -> DateChoice:
    """The nearest usable date in the clause, then the sentence, then the anchor."""
    published = scan.doc.article.published
    sentence = scan.doc.sentences[scan.doc.sentence_index(trigger_pos)]
    for start, end in (clause, sentence):
        hits = [h for h in scan.dates.within(start, end) if h.date is not None or h.precision]
        if not hits:
            continue
        hit = min(hits, key=lambda h: abs(h.nstart - trigger_pos))
        if hit.date is None:
            return DateChoice(None, 3, scan.doc.span(hit.nstart, hit.nend))
        if published is not None and hit.date > published:
            continue
        background = published is not None and (published - hit.date).days > BACKGROUND_DAYS
        return DateChoice(hit.date, hit.precision, scan.doc.span(hit.nstart, hit.nend),
                          background)
    return anchor
