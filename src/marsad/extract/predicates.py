"""The predicates rules are built from, registered by name.

Each predicate is ``fn(ctx, focus, **args)`` and answers with the normalised
spans it rests on (an empty list when it rests on no particular words) or
None when it does not hold. ``ctx`` is the ArticleContext, ``focus`` the
trigger or act under test. Reaches are named settings.
"""

from __future__ import annotations

from typing import Any

from marsad.extract import background
from marsad.extract.classes import grammar_classes, is_cue_class
from marsad.extract.context import ArticleContext, Focus
from marsad.extract.rules import Answer, Arg, predicate
from marsad.geo.evidence import load_evidence
from marsad.lexicon.grammar import load_grammar
from marsad.text.clitics import CLITICS as C

_OPT = False


def _cues(ctx: ArticleContext, name: str, start: int, end: int) -> list[Any]:
    return ctx.cues_named(name).within(start, end)


def _words_in(ctx: ArticleContext, name: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where the grammar class's words first occur in ``norm[start:end]``, by word."""
    text = ctx.doc.norm[start:end]
    found = []
    for word in grammar_classes()[name]:
        at = text.find(word)
        if at >= 0:
            found.append((start + at, start + at + len(word)))
    return found


def _in_scope(ctx: ArticleContext, name: str, start: int, end: int) -> list[tuple[int, int]]:
    if is_cue_class(name):
        return [(c.nstart, c.nend) for c in _cues(ctx, name, start, end)]
    return _words_in(ctx, name, start, end)


@predicate(
    "trigger",
    pos=Arg("strs", _OPT),
    weight_below=Arg("setting", _OPT),
    weight_at_least=Arg("setting", _OPT),
    event_type=Arg("strs", _OPT),
    sub_event_type=Arg("strs", _OPT),
)
def trigger(
    ctx: ArticleContext,
    focus: Focus,
    pos=None,
    weight_below=None,
    weight_at_least=None,
    event_type=None,
    sub_event_type=None,
) -> Answer:
    """The trigger (or act) has this part of speech, strength or type."""
    ok = (
        (pos is None or focus.pos in pos)
        and (weight_below is None or focus.weight < weight_below)
        and (weight_at_least is None or focus.weight >= weight_at_least)
        and (event_type is None or focus.event_type in event_type)
        and (sub_event_type is None or focus.sub_event_type in sub_event_type)
    )
    return [] if ok else None


@predicate(
    "class_before",
    **{"class": Arg("class")},
    scope=Arg("scope", _OPT),
    within_tokens=Arg("setting", _OPT),
    not_inside=Arg("class", _OPT),
)
def class_before(
    ctx: ArticleContext, focus: Focus, scope=None, within_tokens=None, not_inside=None, **kw
) -> Answer:
    """A word of the class before the trigger, in its scope; with ``within_tokens``, at
    most that many words between the two; not part of a phrase of class ``not_inside``
    (ما لا يقل عن holds a negation word)."""
    name = kw["class"]
    start = ctx.scope(scope, focus)[0] if scope else 0
    for cue in reversed(_cues(ctx, name, start, focus.nstart)):
        if within_tokens is not None and ctx.tokens_between(cue.nend, focus.nstart) > within_tokens:
            break  # the nearer ones come first: the rest are further still
        if not_inside is not None and _inside(ctx, not_inside, cue, focus.sentence):
            continue
        return [(cue.nstart, cue.nend)]
    return None


def _inside(ctx: ArticleContext, name: str, cue: Any, sentence: tuple[int, int]) -> bool:
    return any(h.nstart <= cue.nstart < h.nend for h in _cues(ctx, name, sentence[0], cue.nend))


@predicate(
    "class_after", **{"class": Arg("class")}, scope=Arg("scope"), within_tokens=Arg("setting")
)
def class_after(ctx: ArticleContext, focus: Focus, scope, within_tokens, **kw) -> Answer:
    """A word of the class after the trigger in its scope, at most ``within_tokens``
    words after it."""
    for cue in _cues(ctx, kw["class"], focus.nend, ctx.scope(scope, focus)[1]):
        if ctx.tokens_between(focus.nend, cue.nstart) > within_tokens:
            return None
        return [(cue.nstart, cue.nend)]
    return None


@predicate(
    "class_in", **{"class": Arg("class")}, scope=Arg("scope"), within_tokens=Arg("setting", _OPT)
)
def class_in(ctx: ArticleContext, focus: Focus, scope, within_tokens=None, **kw) -> Answer:
    """A word of the class stands in the scope (at most ``within_tokens`` words from the
    trigger)."""
    start, end = ctx.scope(scope, focus)
    found = _in_scope(ctx, kw["class"], start, end)
    if within_tokens is not None:
        found = [s for s in found if _words_apart(ctx, s, focus) <= within_tokens]
    return found[:1] if found else None


def _words_apart(ctx: ArticleContext, span: tuple[int, int], focus: Focus) -> int:
    if span[1] <= focus.nstart:
        return ctx.tokens_between(span[1], focus.nstart)
    return ctx.tokens_between(focus.nend, span[0])


@predicate("overlaps_trigger", **{"class": Arg("class")})
def overlaps_trigger(ctx: ArticleContext, focus: Focus, **kw) -> Answer:
    """A phrase of the class covers the trigger or starts inside it (a metaphor)."""
    for c in _cues(ctx, kw["class"], focus.sentence[0], focus.nend):
        if c.nstart <= focus.nstart < c.nend or focus.nstart <= c.nstart < focus.nend:
            return [(c.nstart, c.nend)]
    return None


@predicate("sentence_opens_with", **{"class": Arg("class")})
def sentence_opens_with(ctx: ArticleContext, focus: Focus, **kw) -> Answer:
    """The trigger's sentence opens with a word of the class (page furniture)."""
    s_start, s_end = focus.sentence
    text = ctx.doc.norm[s_start:s_end]
    lead = len(text) - len(text.lstrip(' "(-'))
    for word in grammar_classes()[kw["class"]]:
        if text.startswith(word, lead):
            return [(s_start + lead, s_start + lead + len(word))]
    return None


@predicate("next_word_in", **{"class": Arg("class")})
def next_word_in(ctx: ArticleContext, focus: Focus, **kw) -> Answer:
    """The word right after the trigger belongs to the class (تفجيرها الأخير)."""
    norm = ctx.doc.norm
    following = norm[focus.nend : focus.nend + 16].split()[:1]
    if following and following[0] in grammar_classes()[kw["class"]]:
        at = norm.find(following[0], focus.nend)
        return [(at, at + len(following[0]))]
    return None


@predicate("after_given_name")
def after_given_name(ctx: ArticleContext, focus: Focus) -> Answer:
    """The word right before a trigger written with the article is a given name
    (geo/data/given_names.txt): it is then a family name (إبراهيم القناص), not an act."""
    norm = ctx.doc.norm
    start = focus.nstart
    while start > 0 and norm[start - 1].isalpha():
        start -= 1
    if not norm[start : focus.nend].startswith(C.article):
        return None  # a family name read as a trigger is a definite noun (القناص)
    words = norm[max(0, start - 24) : start].split()
    if words and words[-1] in load_evidence().given:
        at = norm.rfind(words[-1], 0, start)
        return [(at, at + len(words[-1]))]
    return None


@predicate("question_sentence")
def question_sentence(ctx: ArticleContext, focus: Focus) -> Answer:
    """The trigger's sentence ends with a question mark."""
    s_start, s_end = focus.sentence
    return [] if ctx.doc.norm[s_start:s_end].rstrip().endswith(C.question_marks) else None


@predicate("compares_earlier_act")
def compares_earlier_act(ctx: ArticleContext, focus: Focus) -> Answer:
    """The trigger names an earlier act to compare with (بعد أسبوع من هجوم مماثل)."""
    grammar = load_grammar()
    return [] if background.compares(ctx.doc.norm, focus.nstart, focus.nend, grammar) else None


@predicate(
    "recent_date", scope=Arg("scope"), after_trigger=Arg("bool", _OPT), own=Arg("bool", _OPT)
)
def recent_date(ctx: ArticleContext, focus: Focus, scope, after_trigger=False, own=False) -> Answer:
    """An exact date within ``recent_days`` of publication stands in the scope (after the
    trigger); with ``own``, not a date that a reporting verb governs."""
    start, end = ctx.scope(scope, focus)
    if after_trigger:
        start = focus.nend
    grammar = load_grammar() if own else None
    return [] if background.recent_date_in(ctx, start, end, grammar) else None


@predicate("pluperfect")
def pluperfect(ctx: ArticleContext, focus: Focus) -> Answer:
    """The sentence opens with كان, or has كان … قد before the trigger."""
    ok = background.is_pluperfect(ctx.doc.norm, focus.sentence[0], focus.nstart, load_grammar())
    return [] if ok else None


@predicate("old_year", scope=Arg("scope"))
def old_year(ctx: ArticleContext, focus: Focus, scope) -> Answer:
    """A year before the publication year, after a year word (عام 2011), in the scope;
    or a sentence that opens with such a year (a this-day-in-history line)."""
    start, end = ctx.scope(scope, focus)
    published = ctx.doc.article.published
    if background.old_year_in(ctx.doc.norm, start, end, published, load_grammar()):
        return []
    if background.opens_with_old_year(ctx.doc.norm, focus.sentence[0], published):
        return []
    return None


@predicate("sport_article")
def sport_article(ctx: ArticleContext, focus: Focus) -> Answer:
    """The article is a sport page: many sport cues, few strong triggers."""
    return [] if ctx.sport_article else None


@predicate("purpose_lam")
def purpose_lam(ctx: ArticleContext, focus: Focus) -> Answer:
    """The trigger carries the purpose ل (لاستعادة، وللسيطرة): an aim, not an act."""
    from marsad.extract.triggers import purpose_lam as test

    return [] if test(ctx.doc.norm, focus.nstart) else None


@predicate(
    "word_before", **{"class": Arg("class")}, scope=Arg("scope"), within_tokens=Arg("setting")
)
def word_before(ctx: ArticleContext, focus: Focus, scope, within_tokens, **kw) -> Answer:
    """A word of the class, bare or after و / ف, among the ``within_tokens`` words
    before the trigger in its scope (فككت ... عبوة)."""
    from marsad.text.clitics import bare_conjunction

    start = ctx.scope(scope, focus)[0]
    words = grammar_classes()[kw["class"]]
    hi = ctx.words_before(focus.nstart)
    for tok in ctx.doc.tokens[max(0, hi - within_tokens) : hi]:
        if tok.nstart >= start and (tok.text in words or bare_conjunction(tok.text) in words):
            return [(tok.nstart, tok.nend)]
    return None


@predicate(
    "actor",
    role=Arg("str"),
    generic=Arg("strs", _OPT),
    inter=Arg("ints", _OPT),
    named=Arg("bool", _OPT),
)
def actor(ctx: ArticleContext, focus: Focus, role, generic=None, inter=None, named=None) -> Answer:
    """The act has an actor in ``role`` (of this generic kind, or inter code; ``named``:
    one the text names specifically, not a generic "gunmen" nor one inferred)."""
    ref = getattr(focus.act, role, None) if focus.act is not None else None
    if (
        ref is None
        or (generic is not None and ref.generic not in generic)
        or (inter is not None and ref.inter not in inter)
        or (named is not None and named != (ref.generic is None and bool(ref.surface)))
    ):
        return None
    return [(ref.nstart, ref.nstart + len(ref.surface or ""))] if ref.nstart >= 0 else []


@predicate("civilians_face_armed")
def civilians_face_armed(ctx: ArticleContext, focus: Focus) -> Answer:
    """One side of the act is civilians (inter 7) and the other is not a civilian or
    protester crowd (or is unnamed)."""
    act = focus.act
    if act is None:
        return None
    a1, a2 = act.actor1, act.actor2
    if a1 is not None and a1.inter == 7 and a2 is not None and a2.inter != 7:
        a1, a2 = a2, a1
    if a2 is not None and a2.inter == 7 and (a1 is None or a1.inter not in (6, 7)):
        return []
    return None
