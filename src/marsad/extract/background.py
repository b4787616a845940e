"""Background, tallies and commentary: sentences that tell no new act.

News sets today's report against what happened before ("وكان الجيش قد
أعلن ..."), sums up a war ("منذ بدء العملية"), dates a memory ("عام 2011") or
quotes social media and prayers. A trigger there reports no event unless its
own clause carries a recent exact date (CODEBOOK §2: background acts older
than 30 days are not coded; an undated pluperfect is taken as background).
"""

from __future__ import annotations

import re

from marsad.extract.dating import reports_date
from marsad.extract.scan import ArticleScan
from marsad.extract.settings import SETTINGS
from marsad.lexicon.grammar import Grammar
from marsad.text.clitics import CLITICS as C

RECENT_DAYS = SETTINGS.recent_days  # an exact date this close to publication makes the act news
_YEAR = re.compile(r"(?<![0-9])(1[89][0-9]{2}|20[0-9]{2})(?![0-9])")


def compares(norm: str, start: int, end: int, grammar: Grammar) -> bool:
    """ "بعد أسبوع من هجوم مماثل": the trigger names an earlier act to compare with.

    Only as the object of من/على/بعد: "دارت اشتباكات مماثلة في ..." tells a new act.
    """
    following = norm[end : end + 24].split()[:2]
    similar = bool(following) and (
        following[0] in grammar.comparison_words
        or (
            len(following) > 1
            and following[0] in grammar.comparison_between
            and following[1] in grammar.comparison_words
        )
    )
    before = norm[max(0, start - 12) : start].split()[-1:]
    return similar and bool(before) and before[0].lstrip(C.waw) in grammar.comparison_leads


def recent_date_in(scan: ArticleScan, start: int, end: int, grammar: Grammar | None = None) -> bool:
    published = scan.doc.article.published
    if published is None:
        return False
    return any(
        h.date is not None
        and h.precision == 1
        and 0 <= (published - h.date).days <= RECENT_DAYS
        and not (grammar is not None and reports_date(scan, h, grammar))
        for h in scan.dates.within(start, end)
    )


def is_pluperfect(norm: str, s_start: int, pos: int, grammar: Grammar) -> bool:
    """A sentence opened by كان, or كان … قد before the trigger."""
    words = norm[s_start:pos].split()
    for i, word in enumerate(words):
        if word not in grammar.pluperfect_auxiliaries:
            continue
        if i == 0 or (i == 1 and words[0] in grammar.pluperfect_openers):
            return True
        reach = words[i + 1 : i + 1 + SETTINGS.pluperfect_reach]
        if grammar.pluperfect_particle in reach:
            return True
    return False


def old_year_in(norm: str, start: int, end: int, published, grammar: Grammar) -> bool:
    """ "عام 2011" in the clause, a year before the publication year."""
    if published is None:
        return False
    for match in _YEAR.finditer(norm, start, end):
        lead = norm[max(start, match.start() - 8) : match.start()].split()[-1:]
        word = lead[0] if lead else ""
        if word[:1] == C.waw and word[1:] in grammar.year_leads:
            word = word[1:]  # وفي 2012
        if word in grammar.year_leads and int(match.group()) < published.year:
            return True
    return False


def opens_with_old_year(norm: str, s_start: int, published) -> bool:
    """ "1987 - مجلس الأمن ...": a line of a this-day-in-history list."""
    first = norm[s_start : s_start + 12].split()[:1]
    return bool(
        published
        and first
        and first[0].isdigit()
        and len(first[0]) == 4
        and int(first[0]) < published.year
    )
