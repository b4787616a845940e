"""Mentions → events for one article: build its context, run the stages, assemble."""

from __future__ import annotations

from marsad.extract import dating, places, roles, triggers
from marsad.extract.assemble import to_event
from marsad.extract.candidate import Candidate
from marsad.extract.context import ArticleContext
from marsad.extract.dateline import dateline_spans, in_dateline
from marsad.extract.frame import act_sentences
from marsad.extract.rules import RuleBook, load_rulebook
from marsad.extract.scan import Indexed, group_cues, split_clauses
from marsad.extract.settings import SETTINGS
from marsad.extract.stages import STAGES, Stage
from marsad.geo import load_gazetteer
from marsad.geo.project import unresolved_names
from marsad.geo.resolve import GeoContext, context_from_hits
from marsad.lexicon import load_lexicon
from marsad.lexicon.grammar import load_grammar
from marsad.model import Article, Event
from marsad.text.document import Document, build_document


def top_country(context: GeoContext) -> str | None:
    """The country the article is most about, by the weight of its mentions."""
    weights = context.country_weights
    # ties go to the alphabetically first code, whatever order the weights came in
    return min(weights, key=lambda iso3: (-weights[iso3], iso3)) if weights else None


class Extractor:
    """Immutable resources (lexicon, gazetteer, grammar, rules, settings), built once;
    ``extract(article)`` builds a fresh ArticleContext, so one Extractor may serve
    many threads."""

    def __init__(self, stages: tuple[Stage, ...] = STAGES) -> None:
        self.lexicon = load_lexicon()
        self.gazetteer = load_gazetteer()
        self.grammar = load_grammar()
        self.rules: RuleBook = load_rulebook()
        self.stages = stages

    # -------------------------------------------------------------- public
    def extract(self, article: Article) -> list[Event]:
        ctx, acts = self.acts(article)
        return [to_event(ctx, c, act_sentences(acts)) for c in acts] if ctx is not None else []

    def acts(self, article: Article) -> tuple[ArticleContext | None, list[Candidate]]:
        """The article's context and its merged acts, before they become events."""
        ctx = self.context(article)
        if ctx is None:
            return None, []  # fast path: most news names no act of violence at all
        acts: list[Candidate] = []
        for stage in self.stages:
            acts = stage(ctx, acts)
        return ctx, acts

    def context(self, article: Article, force: bool = False) -> ArticleContext | None:
        """Everything the stages read about one article; None when the cheap trigger
        pre-check finds nothing strong enough to be worth the work (unless ``force``)."""
        doc = build_document(article)
        if not force and not self.lexicon.has_trigger(doc.norm, SETTINGS.fast_path_weight):
            return None
        return self.scan(doc)

    def scan(self, doc: Document) -> ArticleContext:
        hits = self.lexicon.scan(doc.norm)
        cues = [h for h in hits if h.kind == "cue"]
        words = [h for h in hits if h.kind == "word"]
        ctx = ArticleContext(
            doc=doc,
            triggers=Indexed([h for h in hits if h.kind == "trigger"]),
            actors=Indexed([h for h in hits if h.kind == "actor"]),
            cues=Indexed(cues),
            # the actors' countries, too, say where the article's unknown names may be
            places=Indexed(
                self.gazetteer.scan(
                    doc.norm,
                    countries=sorted(
                        {h.entry.country for h in hits if h.kind == "actor" and h.entry.country}
                    ),
                )
            ),
            numbers=Indexed(list(doc.numbers)),
            dates=Indexed(list(doc.dates)),
            clauses=split_clauses(doc, self.grammar),
            cue_names=group_cues(cues + words),
            rules=self.rules,
            grammar=self.grammar,
            gazetteer=self.gazetteer,
        )
        ctx.datelines = dateline_spans(doc.norm, ctx.places.hits)
        ctx.geo = self.geo_context(ctx)
        ctx.resolved = places.resolved_places(ctx, ctx.geo, self.grammar)
        ctx.country = top_country(ctx.geo)
        ctx.named = roles.named_actors(ctx, ctx.country)
        ctx.anchor = dating.article_anchor(ctx)
        ctx.unresolved = unresolved_names(self.gazetteer, doc.norm, ctx.places.hits)
        ctx.sport_article = triggers.is_sport_article(ctx)
        return ctx

    def geo_context(self, ctx: ArticleContext) -> GeoContext:
        # a dateline names the newsroom: no evidence of where the article's acts are
        context = context_from_hits(
            [h for h in ctx.places.hits if not in_dateline(ctx.datelines, h)]
        )
        for hit in ctx.actors.hits:
            if hit.entry.country:
                context.country_weights[hit.entry.country] = (
                    context.country_weights.get(hit.entry.country, 0.0) + 0.5
                )
        return context
