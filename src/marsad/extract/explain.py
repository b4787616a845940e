"""Why each trigger of an article became an event, or which rule stopped it."""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.extract.assemble import to_event
from marsad.extract.context import Decision
from marsad.extract.engine import Extractor
from marsad.extract.frame import act_sentences
from marsad.extract.settings import SETTINGS
from marsad.model import Article, Event
from marsad.text.document import build_document


@dataclass(slots=True)
class TriggerStory:
    """One trigger word: where it is, what it became and the words that decided it."""

    nstart: int
    nend: int
    surface: str
    sentence: str
    sub_event_type: str
    weight: float
    event: int | None = None  # index into ArticleStory.events
    rule_id: str | None = None  # the rule or step that stopped it
    reason: str | None = None
    evidence: list[str] = field(default_factory=list)  # the words the decision rests on


@dataclass(slots=True)
class ArticleStory:
    article_id: str
    triggers: list[TriggerStory]
    events: list[Event]
    fast_path: bool = False  # no trigger strong enough: the article was not read further


def explain(extractor: Extractor, article: Article, skip_fast: bool = False) -> ArticleStory:
    """Every trigger of the article with its fate. An article the pre-check drops is
    still read (its triggers are shown as stopped by ``find.fast_path``) unless
    ``skip_fast``, which returns no triggers for it (corpus statistics)."""
    doc = build_document(article)
    fast = not extractor.lexicon.has_trigger(doc.norm, SETTINGS.fast_path_weight)
    if fast and skip_fast:
        return ArticleStory(article.id, [], [], True)
    ctx = extractor.scan(doc)
    acts: list = []
    for stage in extractor.stages:
        acts = stage(ctx, acts)
    events = [] if fast else [to_event(ctx, act, act_sentences(acts)) for act in acts]
    doc = ctx.doc
    event_of = {id(hit): i for i, act in enumerate(acts) for hit in act.hits}
    stopped: dict[int, Decision] = {}
    for d in ctx.decisions:
        stopped.setdefault(id(d.hit), d)
    stories = []
    for hit in ctx.triggers.hits:
        entry = hit.entry
        story = TriggerStory(
            hit.nstart,
            hit.nend,
            doc.surface(hit.nstart, hit.nend),
            doc.sentence_text(doc.sentence_index(hit.nstart)),
            entry.sub_event_type,
            entry.weight,
        )
        if fast:
            story.rule_id, story.reason = (
                "find.fast_path",
                "no trigger of the article is strong enough",
            )
        elif id(hit) in event_of:
            story.event = event_of[id(hit)]
        elif id(hit) in stopped:
            d = stopped[id(hit)]
            story.rule_id, story.reason = d.rule_id, d.reason
            story.evidence = [doc.surface(s, e) for s, e in d.spans]
        else:
            story.rule_id, story.reason = "unaccounted", "no stage recorded what became of it"
        stories.append(story)
    return ArticleStory(article.id, stories, events, fast)
