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
from marsad.lexicon.grammar import Grammar

RECENT_DAYS = 7  # an exact date this close to publication makes the act news
CLAUSE_CUES = ("history", "generic")  # anywhere in the clause, not only before the trigger
REFERENCE_REACH = 25  # "منفذ هجوم سوروتش الانتحاري": the back-reference governs the trigger
_YEAR = re.compile(r"(?<![0-9])(1[89][0-9]{2}|20[0-9]{2})(?![0-9])")


def background_reason(scan: ArticleScan, hit, grammar: Grammar) -> str | None:
    """Why the trigger's sentence is background, or None when it reports news."""
    doc = scan.doc
    c_start, c_end = scan.clause_of(hit.nstart)
    # "تكريما لضحايا الهجوم" refers back; a date after the trigger ("ضحايا
    # تفجير أمس") dates the act itself, one before it dates the reporting.
    if scan.cues_named("reference").within(hit.nstart - REFERENCE_REACH, hit.nstart) \
            and not recent_date_in(scan, hit.nend, c_end):
        return "reference"
    if compares(doc.norm, hit.nstart, hit.nend, grammar):
        return "reference"
    following = doc.norm[hit.nend:hit.nend + 16].split()[:1]
    if following and following[0] in grammar.latest_words and not recent_date_in(scan, hit.nend, c_end):
        return "reference"  # "تفجيرها الأخير": the latest of a series, told before
    s_start, s_end = doc.sentences[doc.sentence_index(hit.nstart)]
    if doc.norm[s_start:s_end].rstrip().endswith(("؟", "?")):
        return "question"
    if recent_date_in(scan, c_start, c_end, grammar):
        return None  # "قد أعلن الخميس أن ...": a statement's date does not make its act news
    if is_pluperfect(doc.norm, s_start, hit.nstart, grammar):
        return "pluperfect"
    if any(mark in doc.norm[s_start:s_end] for mark in grammar.commentary_marks):
        return "commentary"
    if old_year_in(doc.norm, c_start, c_end, doc.article.published, grammar) or \
            opens_with_old_year(doc.norm, s_start, doc.article.published):
        return "history"
    for name in CLAUSE_CUES:
        if scan.cues_named(name).within(c_start, c_end):
            return name
    return None


def compares(norm: str, start: int, end: int, grammar: Grammar) -> bool:
    """"بعد أسبوع من هجوم مماثل": the trigger names an earlier act to compare with.

    Only as the object of من/على/بعد: "دارت اشتباكات مماثلة في ..." tells a new act.
    """
    following = norm[end:end + 24].split()[:2]
    similar = bool(following) and (following[0] in grammar.comparison_words or (
        len(following) > 1 and following[0] in grammar.comparison_between
        and following[1] in grammar.comparison_words))
    before = norm[max(0, start - 12):start].split()[-1:]
    return similar and bool(before) and before[0].lstrip("و") in grammar.comparison_leads


def recent_date_in(scan: ArticleScan, start: int, end: int,
                   grammar: Grammar | None = None) -> bool:
    published = scan.doc.article.published
    if published is None:
        return False
    return any(h.date is not None and h.precision == 1
               and 0 <= (published - h.date).days <= RECENT_DAYS
               and not (grammar is not None and reports_date(scan, h, grammar))
               for h in scan.dates.within(start, end))


def is_pluperfect(norm: str, s_start: int, pos: int, grammar: Grammar) -> bool:
    """A sentence opened by كان, or كان … قد before the trigger."""
    words = norm[s_start:pos].split()
    for i, word in enumerate(words):
        if word not in grammar.pluperfect_auxiliaries:
            continue
        if i == 0 or (i == 1 and words[0] in grammar.pluperfect_openers):
            return True
        reach = words[i + 1: i + 1 + grammar.pluperfect_reach]
        if grammar.pluperfect_particle in reach:
            return True
    return False


def old_year_in(norm: str, start: int, end: int, published, grammar: Grammar) -> bool:
    """"عام 2011" in the clause, a year before the publication year."""
    if published is None:
        return False
    for match in _YEAR.finditer(norm, start, end):
        lead = norm[max(start, match.start() - 8): match.start()].split()[-1:]
        word = lead[0] if lead else ""
        if word[:1] == "و" and word[1:] in grammar.year_leads:
            word = word[1:]  # وفي 2012
        if word in grammar.year_leads and int(match.group()) < published.year:
            return True
    return False


def opens_with_old_year(norm: str, s_start: int, published) -> bool:
    """"1987 - مجلس الأمن ...": a line of a this-day-in-history list."""
    first = norm[s_start: s_start + 12].split()[:1]
    return bool(published and first and first[0].isdigit() and len(first[0]) == 4
                and int(first[0]) < published.year)
