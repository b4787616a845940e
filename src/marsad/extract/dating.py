"""When an act happened: the date said in its clause or sentence, else the article's.

Dates resolve against the publication date (CODEBOOK §5). An act whose date
is more than 30 days before publication is background, not an event; a date
after publication is a plan or a quote about the future and is ignored.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from marsad.extract.classes import words_of
from marsad.extract.scan import ArticleScan
from marsad.extract.settings import SETTINGS
from marsad.lexicon.grammar import Grammar
from marsad.model import Span

if TYPE_CHECKING:
    from marsad.extract.context import ArticleContext

BACKGROUND_DAYS = SETTINGS.background_days
ANCHOR_WINDOW_DAYS = SETTINGS.anchor_window_days


@dataclass(slots=True)
class DateChoice:
    date: dt.date | None
    precision: int
    span: Span | None
    background: bool = False
    source: str = "date.anchor"  # the rule id that chose it, for the event's trace


def article_anchor(scan: ArticleScan) -> DateChoice:
    """The day the article's news is about, for acts it does not date.

    That is its most often named recent exact date (the first named on a tie),
    so that an undated act in a report of "yesterday's" fighting takes
    yesterday; without one, publication day at week precision (CODEBOOK §5).
    """
    published = scan.doc.article.published
    if published is None:
        return DateChoice(None, 3, None)
    recent = [
        hit
        for hit in scan.dates.hits
        if hit.date is not None
        and hit.precision == 1
        and 0 <= (published - hit.date).days <= ANCHOR_WINDOW_DAYS
    ]
    if not recent:
        return DateChoice(published, 2, None)
    counts = Counter(hit.date for hit in recent)
    best = max(recent, key=lambda hit: counts[hit.date])  # max keeps the first of equals
    return DateChoice(best.date, 1, scan.doc.span(best.nstart, best.nend))


def date_for(
    scan: ArticleScan,
    trigger_pos: int,
    clause: tuple[int, int],
    anchor: DateChoice,
    grammar: Grammar | None = None,
) -> DateChoice:
    """The nearest usable date in the clause, then the sentence, then the anchor.

    A date that follows a reporting verb (أعلن الجيش مساء أمس) dates a statement:
    it serves the act of its own clause when nothing else there does, and is
    passed over in the rest of the sentence.
    """
    published = scan.doc.article.published
    sentence = scan.doc.sentences[scan.doc.sentence_index(trigger_pos)]
    for start, end in (clause, sentence):
        hits = [h for h in scan.dates.within(start, end) if h.date is not None or h.precision]
        if grammar is not None:
            own = [h for h in hits if not reports_date(scan, h, grammar)]
            hits = own if own or (start, end) != clause else hits
        if not hits:
            continue
        hit = min(hits, key=lambda h: abs(h.nstart - trigger_pos))
        if hit.date is None:
            return DateChoice(None, 3, scan.doc.span(hit.nstart, hit.nend), source="date.vague")
        if published is not None and hit.date > published:
            continue
        background = published is not None and (published - hit.date).days > BACKGROUND_DAYS
        return DateChoice(
            hit.date,
            hit.precision,
            scan.doc.span(hit.nstart, hit.nend),
            background,
            "date.clause" if (start, end) == clause else "date.sentence",
        )
    return running_date(scan, trigger_pos) or next_date(scan, trigger_pos, grammar) or anchor


NEXT_SENTENCES = SETTINGS.next_sentences


def next_date(scan: ArticleScan, pos: int, grammar: Grammar | None) -> DateChoice | None:
    """For an undated lead ("أبطل خبراء مفعول عبوة ..."), the day the next sentences
    give the act they elaborate, passing over dates of statements."""
    published = scan.doc.article.published
    if published is None:
        return None
    index = scan.doc.sentence_index(pos)
    sentences = scan.doc.sentences[index : index + 1 + NEXT_SENTENCES]
    for hit in scan.dates.within(pos, sentences[-1][1]):
        if (
            hit.date is not None
            and hit.precision == 1
            and 0 <= (published - hit.date).days <= ANCHOR_WINDOW_DAYS
            and not (grammar is not None and reports_date(scan, hit, grammar))
        ):
            return DateChoice(
                hit.date, 2, scan.doc.span(hit.nstart, hit.nend), source="date.next_sentences"
            )
    return None


def running_date(scan: ArticleScan, pos: int) -> DateChoice | None:
    """The last recent exact date the article named before ``pos``: an undated act
    in a run of reports ("... فجر أمس. وفي داريا قتل مقاتل") shares its day."""
    published = scan.doc.article.published
    if published is None:
        return None
    for hit in reversed(scan.dates.before(pos)):
        if (
            hit.date is not None
            and hit.precision == 1
            and 0 <= (published - hit.date).days <= ANCHOR_WINDOW_DAYS
        ):
            return DateChoice(
                hit.date, 2, scan.doc.span(hit.nstart, hit.nend), source="date.running"
            )
    return None


RELATIVE_DATE_REACH = SETTINGS.relative_date_reach
CONTEXT_DATES = frozenset({"date.running", "date.next_sentences", "date.anchor"})


@dataclass(slots=True, frozen=True)
class Remention:
    """A re-mention of an act with its own date in a relative clause."""

    sub_event_type: str | None  # None: a generic act noun (الهجوم، الحادث)
    sentence: int
    hit: Any  # the DateHit


def rementions(scan: ArticleContext, grammar: Grammar) -> list[Remention]:
    """Every trigger or generic act noun of the article followed by a relative pronoun
    whose clause dates it ("... عملية القصف التي وقعت الثلاثاء"): the first recent exact
    date in the next ``relative_date_reach`` words of its sentence that no reporting verb
    governs. Found once per article; each act then reads the ones that fit it."""
    published = scan.doc.article.published
    if published is None:
        return []
    heads = [(h, h.entry.sub_event_type) for h in scan.triggers.hits]
    heads += [(h, None) for h in scan.cues_named("generic_act_nouns").hits]
    found = []
    for head, kind in heads:
        hit = _relative_clause_date(scan, head.nend, published, grammar)
        if hit is not None:
            found.append(Remention(kind, scan.doc.sentence_index(head.nstart), hit))
    return found


def remention_date(
    scan: ArticleScan, found: list[Remention], sub_event_type: str, sentence: int, generic: bool
) -> DateChoice | None:
    """The day a re-mention of the act in another sentence gives it, for an act its own
    sentence does not date: one of its sub-event type, or (``generic``: when no act of
    another kind could be meant) a generic act noun. Only one such day in the article
    counts: two re-mentions on two days name two acts."""
    days = {
        r.hit.date: r.hit
        for r in found
        if r.sentence != sentence
        and (r.sub_event_type == sub_event_type or (generic and r.sub_event_type is None))
    }
    if len(days) != 1:
        return None
    hit = next(iter(days.values()))
    return DateChoice(hit.date, 1, scan.doc.span(hit.nstart, hit.nend), source="date.remention")


def _relative_clause_date(
    scan: ArticleContext, head_end: int, published: dt.date, grammar: Grammar
) -> Any:
    tokens = scan.doc.tokens
    i = bisect.bisect_left(scan._token_bounds()[0], head_end)
    if i >= len(tokens) or tokens[i].text not in words_of("relative_pronouns"):
        return None
    sentence_end = scan.doc.sentences[scan.doc.sentence_index(tokens[i].nstart)][1]
    last = tokens[min(i + RELATIVE_DATE_REACH, len(tokens) - 1)]
    for hit in scan.dates.within(tokens[i].nend, min(last.nend, sentence_end)):
        if (
            hit.date is not None
            and hit.precision == 1
            and 0 <= (published - hit.date).days <= ANCHOR_WINDOW_DAYS
            and not reports_date(scan, hit, grammar)
        ):
            return hit
    return None


REPORT_REACH = SETTINGS.report_reach


def reports_date(scan: ArticleScan, hit, grammar: Grammar) -> bool:
    """Whether a reporting verb governs the date: it stands a few words before it,
    with no trigger and no إن/أن (which open the reported act) in between."""
    start = scan.clause_of(hit.nstart)[0]
    words = list(_WORD.finditer(scan.doc.norm, start, hit.nstart))[-REPORT_REACH:]
    for match in reversed(words):
        word = match.group()
        if word in grammar.that_words:
            return False
        if grammar.is_report_verb(word):
            return not scan.triggers.within(match.start(), hit.nstart)
    return False


_WORD = re.compile(r"\S+")
