"""The extractor's stages, each ``stage(ctx, acts) -> acts``, run in ``STAGES`` order.

find_acts → gate → type_acts → place_acts → date_acts → role_acts → retype_acts →
finish_roles → toll_acts → credible → corefer. Behaviour a linguist would put in
words is a rule in ``data/rules/`` (gating, re-typing); what is an algorithm
(choosing a place, reading a toll, merging) is code here with its numbers in
``data/settings.yaml``. Each act records the ids of the rules and steps that made
it (``Act.fired``), which become the event's ``trace``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marsad.extract import dating, places, roles, tolls, triggers
from marsad.extract.candidate import Act, ActorRef, Toll
from marsad.extract.context import ArticleContext, Decision, Focus
from marsad.extract.merge import (
    drop_country_summaries,
    fold_force_into_protests,
    fold_generic_mentions,
    merge_candidates,
)
from marsad.extract.rules import Rule
from marsad.extract.settings import SETTINGS, load_typing
from marsad.geo.project import enclosing_unit, offset_before, project

Stage = Callable[[ArticleContext, list[Act]], list[Act]]


def drop(ctx: ArticleContext, act: Act, rule_id: str, reason: str) -> None:
    """Record that an act was dropped, for ``marsad explain``."""
    for hit in act.hits:
        ctx.decisions.append(Decision(hit, rule_id, reason))


# ------------------------------------------------------------------ find and gate


def find_acts(ctx: ArticleContext, acts: list[Act]) -> list[Act]:
    """One proto-act per trigger hit, in text order."""
    doc = ctx.doc
    out = []
    for hit in ctx.triggers.hits:
        entry = hit.entry
        clause = ctx.clause_of(hit.nstart)
        sentence = doc.sentence_index(hit.nstart)
        act = Act(
            entry.event_type,
            entry.sub_event_type,
            entry.weight,
            doc.span(hit.nstart, hit.nend),
            hit.nstart,
            sentence,
            clause,
            hits=[hit],
            main=hit,
            fired=["find.trigger"],
        )
        out.append(act)
    return out


def gate(ctx: ArticleContext, acts: list[Act]) -> list[Act]:
    """Drop triggers that report no act; the first gating rule that fires says why."""
    book = ctx.rules
    kept = []
    for act in acts:
        firing = book.first("gate", ctx, ctx.focus_on(act.main))
        if firing is not None:
            ctx.decisions.append(
                Decision(act.main, firing.rule.id, str(firing.rule.then["block"]), firing.spans)
            )
            continue
        kept.append(act)
    ctx.live = {}
    for act in kept:
        ctx.live.setdefault(act.clause, []).append(act.main)
    # a toll told in a clause of its own act belongs to that act alone
    ctx.act_clauses = set(ctx.live)
    return kept


# ------------------------------------------------------------------ typing


def type_acts(ctx: ArticleContext, acts: list[Act]) -> list[Act]:
    """One act per clause: the clause's triggers grouped by type, the precedence of
    CODEBOOK §2 choosing the one reported (``triggers.clause_groups``)."""
    out = []
    for clause in ctx.clauses:
        hits = ctx.live.get(clause)
        if not hits:
            continue
        groups, steps = triggers.clause_groups(hits)
        for group in groups:
            main = group.main
            act = Act(
                group.event_type,
                group.sub_event_type,
                group.weight,
                ctx.doc.span(main.nstart, main.nend),
                main.nstart,
                ctx.doc.sentence_index(main.nstart),
                clause,
                hits=list(group.hits),
                main=main,
                fired=["find.trigger", *steps],
            )
            act.sentences.add(act.sentence)
            act.extra_triggers = [
                ctx.doc.span(h.nstart, h.nend) for h in group.hits if h is not main
            ]
            out.append(act)
        chosen = {id(h) for g in groups for h in g.hits}
        for hit in hits:
            if id(hit) not in chosen:
                ctx.decisions.append(
                    Decision(hit, "type.clause_precedence", "another act of the clause outranks it")
                )
    return out


def _act_focus(ctx: ArticleContext, act: Act) -> Focus:
    return Focus(
        act.trigger_nstart,
        act.main.nend,
        act.weight,
        act.main.entry.pos,
        act.event_type,
        act.sub_event_type,
        act.clause,
        ctx.sentence_of(act.trigger_nstart),
        act,
    )


def _apply_type_rule(ctx: ArticleContext, focus: Focus, rule: Rule) -> None:
    act = focus.act
    then = rule.then
    if "retype" in then:
        act.event_type, act.sub_event_type = then["retype"]
    if "raise_weight" in then:
        act.weight = max(act.weight, then["raise_weight"])
    if then.get("civilians_as_target"):
        a1, a2 = act.actor1, act.actor2
        if a1 is not None and a1.inter == 7 and a2 is not None and a2.inter != 7:
            a1, a2 = a2, a1
        act.actor1, act.actor2 = a1, a2
    if then.get("territory_by_actor") and act.actor1 is not None:
        state = act.actor1.inter in (1, 3) and act.actor1.generic != "armed"
        territory = load_typing()["territory"]
        act.sub_event_type = territory["state"] if state else territory["non_state"]
    act.fire(rule.id)
    fresh = _act_focus(ctx, act)
    focus.weight, focus.event_type, focus.sub_event_type = (
        fresh.weight,
        fresh.event_type,
        fresh.sub_event_type,
    )


def retype_acts(ctx: ArticleContext, acts: list[Act]) -> list[Act]:
    """Apply every typing rule in order to every act."""
    for act in acts:
        ctx.rules.each("type", ctx, _act_focus(ctx, act), _apply_type_rule)
    return acts


# ------------------------------------------------------------------ places


def _sites(
    ctx: ArticleContext, act: Act, inherited: places.PlaceChoice | None
) -> tuple[list[places.PlaceChoice], str]:
    choices = places.place_for(ctx, act.trigger_nstart, act.clause, ctx.resolved, ctx.grammar)
    if choices:
        return places.distinct_sites(choices), "place.own_clause"
    if inherited is not None:
        return [
            places.PlaceChoice(inherited.place, inherited.hit, inherited.near, True)
        ], "place.inherited"
    if ctx.country:
        capital = ctx.gazetteer.country(ctx.country)
        if capital is not None:
            return [places.PlaceChoice(capital, None, False, True)], "place.country"
    return [], "place.none"


def _enclosing_precision(ctx: ArticleContext, act: Act) -> int | None:
    """When the act's place is the unit named around a settlement the gazetteer does not
    know ("قرية X بريف Y"), the act is somewhere in that unit: precision 2-3, not 1
    (CODEBOOK §4)."""
    for name in ctx.unresolved:
        if act.clause[0] <= name.nstart < act.clause[1]:
            found = enclosing_unit(ctx.gazetteer, ctx.doc.norm, ctx.places.hits, name.nend, ctx.geo)
            if found is not None and act.place is not None and _inside(act.place, found[0]):
                return found[1]
    return None


def _inside(place: Any, unit: Any) -> bool:
    """The place is the unit, or lies in it (same country and province)."""
    return place.iso3 == unit.iso3 and (
        place.name == unit.name
        or unit.name == place.admin1
        or (unit.admin1 is not None and unit.admin1 == place.admin1)
    )


def place_acts(ctx: ArticleContext, acts: list[Act]) -> list[Act]:
    """Each act at the places its clause names (one act per distinct town), else where
    its actors or the article were last, else the country (CODEBOOK §4)."""
    by_clause: dict[tuple[int, int], list[Act]] = {}
    for act in acts:
        by_clause.setdefault(act.clause, []).append(act)
    out: list[Act] = []
    last_place: places.PlaceChoice | None = None
    actor_sites: dict[str, places.PlaceChoice] = {}  # where each named actor was last seen
    for clause in ctx.clauses:
        site_choices = places.place_for(ctx, clause[0], clause, ctx.resolved, ctx.grammar)
        if site_choices:
            last_place = site_choices[-1]
        # Local forces stay where they were last reported; transnational
        # groups (country None) are everywhere and locate nothing.
        clause_actors = [
            h.entry.name
            for h in ctx.actors.within(*clause)
            if h.entry.generic is None and h.entry.country
        ]
        for act in by_clause.get(clause, ()):
            inherited = next(
                (actor_sites[a] for a in clause_actors if a in actor_sites), last_place
            )
            sites, how = _sites(ctx, act, inherited)
            if not sites:
                drop(ctx, act, "place.none", "no place is named for it or the article")
            if len(sites) > SETTINGS.max_sites_per_act:
                drop(ctx, act, "place.regional_summary", "a tally over many towns, not one act")
                continue
            for site in sites:
                out.append(_at_site(ctx, act.clone(), site, how))
            if sites:
                for name in clause_actors:
                    actor_sites.setdefault(name, sites[0])
        if site_choices:
            for name in clause_actors:
                actor_sites[name] = site_choices[-1]
    return out


def _at_site(ctx: ArticleContext, act: Act, site: places.PlaceChoice, how: str) -> Act:
    doc = ctx.doc
    act.site = site
    act.place = site.place
    act.place_inherited = site.inherited
    if site.hit is not None and not site.inherited:
        act.place_span = doc.span(site.hit.nstart, site.hit.nend)
        act.place_surface = doc.surface(site.hit.nstart, site.hit.nend)
        act.place_qualifier = site.hit.qualifier
    act.geo_precision = places.precision(site) if not site.inherited or site.hit else 3
    if site.hit is not None and not site.inherited:
        offset = offset_before(doc.norm, site.hit)
        if offset is not None:  # "20 km north of X": the act is there, not in X
            act.place = project(site.place, offset)
            act.geo_precision = 2
            act.fire("place.projected")
    if how == "place.own_clause":
        unit_precision = _enclosing_precision(ctx, act)
        if unit_precision is not None and unit_precision > (act.geo_precision or 1):
            act.geo_precision = unit_precision
            act.fire("place.enclosing_unit")
    act.fire(how)
    return act


# ------------------------------------------------------------------ dates


def date_acts(ctx: ArticleContext, acts: list[Act]) -> list[Act]:
    """Each act's date (CODEBOOK §5); an act older than the background window is dropped."""
    out = []
    kinds = {act.sub_event_type for act in acts}
    found: list[dating.Remention] | None = None
    for act in acts:
        when = dating.date_for(ctx, act.trigger_nstart, act.clause, ctx.anchor, ctx.grammar)
        if when.source in dating.CONTEXT_DATES:
            if found is None:
                found = dating.rementions(ctx, ctx.grammar)
            sentence = ctx.doc.sentence_index(act.trigger_nstart)
            generic = len(kinds) == 1
            remention = dating.remention_date(ctx, found, act.sub_event_type, sentence, generic)
            when = remention or when
        if when.background:
            drop(ctx, act, "date.background", "dated before the background window")
            continue
        act.date, act.time_precision, act.date_span = when.date, when.precision, when.span
        act.fire(when.source)
        out.append(act)
    return out


# ------------------------------------------------------------------ roles


def role_acts(ctx: ArticleContext, acts: list[Act]) -> list[Act]:
    """Initiator, target and allies among the clause's actors (CODEBOOK §3)."""
    for act in acts:
        country = act.place.iso3 if act.place is not None else None
        clause_hits = ctx.actors.within(*act.clause)
        actor_hits = [h for h in clause_hits if not roles.is_source(ctx, h, ctx.grammar)]
        if len(actor_hits) < len(clause_hits):
            act.fire("roles.source_not_party")
        # the parties to an agreement are joined by و too, but face each other
        allies = (
            []
            if act.event_type == "Strategic developments"
            else roles.allies_before(ctx, actor_hits, act.trigger_nstart)
        )
        if allies:
            act.fire("roles.allies")
        actor_hits = [h for h in actor_hits if h not in allies]
        act.actor1, act.actor2 = roles.assign_roles(
            ctx, actor_hits, act.trigger_nstart, act.main.nend, country, ctx.named
        )
        act.assoc1 = [roles.actor_ref(ctx, h, country, ctx.named) for h in allies]
        if act.actor1 is not None or act.actor2 is not None:
            act.fire("roles.clause_actors")
    return acts


def finish_roles(ctx: ArticleContext, acts: list[Act]) -> list[Act]:
    """Who flew an air strike, and victims named alone, in text order: an air strike
    whose flyer is not named takes the flyer of the article's last one."""
    for act in acts:
        country = act.place.iso3 if act.place is not None else None
        if act.sub_event_type == "Air/drone strike" and (
            act.actor1 is None or act.actor1.inter in SETTINGS.non_state_ground
        ):
            # armed groups fly no aircraft
            flyer = _aircraft_actor(ctx, act.clause, country)
            if flyer is not None:
                if act.actor1 is not None and act.actor2 is None:
                    act.actor2 = act.actor1
                act.actor1 = flyer
                act.fire("roles.flyer")
        _fill_victims(act)
        if act.sub_event_type == "Air/drone strike" and act.actor1 is not None:
            ctx.last_air_actor = act.actor1
    return acts


def _aircraft_actor(
    ctx: ArticleContext, clause: tuple[int, int], country: str | None
) -> ActorRef | None:
    """The aircraft is the initiator's mention; the actor is whoever flew the article's
    last named air strike (CODEBOOK §3: generic terms resolve by context), else the
    country's forces."""
    norm = ctx.doc.norm
    text = norm[clause[0] : clause[1]]
    found = [(text.find(w), w) for w in ctx.grammar.aircraft if text.find(w) >= 0]
    if not found:
        return None
    pos, word = min(found)
    nstart = clause[0] + pos
    nend = nstart + len(word)
    # keep a type designation glued to it (a model number)
    tail = norm[nend : nend + 4].split()[:1]
    if tail and tail[0].isdigit():
        nend = norm.index(tail[0], nend) + len(tail[0])
    flyer = ctx.last_air_actor
    span = ctx.doc.span(nstart, nend)
    surface = ctx.doc.surface(nstart, nend)
    if flyer is not None:
        return ActorRef(flyer.name, flyer.inter, flyer.country, surface, span, nstart)
    return ActorRef(
        f"Military Forces of {roles.country_name(country)}",
        1,
        country,
        surface,
        span,
        nstart,
        generic="state",
    )


def _fill_victims(act: Act) -> None:
    """People named alone in a blast or attack are its victims (CODEBOOK §3); no
    attacker is invented."""
    if act.event_type == "Violence against civilians":
        act.civilian_targeting = True
    if (
        act.event_type in ("Explosions/Remote violence", "Violence against civilians")
        and act.actor1 is not None
        and act.actor1.inter == 7
        and act.actor2 is None
    ):
        act.actor1, act.actor2 = None, act.actor1
        act.fire("roles.victims_alone")
    if act.actor2 is not None and act.actor2.inter == 7:
        act.civilian_targeting = True


# ------------------------------------------------------------------ tolls


def toll_acts(ctx: ArticleContext, acts: list[Act]) -> list[Act]:
    """Killed and injured told in the act's sentence, less those of another act's clause."""
    for act in acts:
        act.toll = _toll(ctx, act)
        if act.toll.killed or act.toll.injured:
            act.fire("toll.sentence")
    return acts


def _toll(ctx: ArticleContext, act: Act) -> Toll:
    sentence = ctx.doc.sentences[act.sentence]
    toll = Toll()
    for reading in tolls.read_tolls(ctx, sentence[0], sentence[1], ctx.grammar):
        told_in = ctx.clause_of(reading.cue_pos)
        if (
            told_in != act.clause
            and told_in in ctx.act_clauses
            and not _accompanies(ctx, act.clause, told_in)
        ):
            continue  # another act's toll in the same sentence
        if reading.kind == "killed":
            toll.killed += reading.value
            toll.spans_killed += reading.spans
        else:
            toll.injured += reading.value
            toll.spans_injured += reading.spans
    return toll


def _accompanies(ctx: ArticleContext, clause: tuple[int, int], other: tuple[int, int]) -> bool:
    """``other`` follows ``clause`` and opens with an accompaniment break (at the same time as)."""
    if other[0] != clause[1]:
        return False
    from marsad.text.clitics import bare_conjunction

    opening = bare_conjunction(ctx.doc.norm[other[0] : other[0] + 16].lstrip(" ,"))
    return opening.startswith(ctx.grammar.accompaniment_breaks)


# ------------------------------------------------------------------ support and merging


def credible(ctx: ArticleContext, acts: list[Act]) -> list[Act]:
    """Weak triggers need support: a named actor, a toll, or a place of their own."""
    out = []
    for act in acts:
        if act.weight >= SETTINGS.strong_trigger:
            act.fire("credible.strong_trigger")
            out.append(act)
            continue
        support = sum(
            (
                act.actor1 is not None and act.actor1.surface is not None,
                act.actor2 is not None and act.actor2.surface is not None,
                act.toll.killed + act.toll.injured > 0,
                not act.place_inherited,
            )
        )
        need = (
            SETTINGS.credible_support
            if act.weight >= SETTINGS.credible_weight
            else SETTINGS.credible_support_weak
        )
        if support >= need:
            act.fire("credible.supported")
            out.append(act)
        else:
            drop(ctx, act, "credible.unsupported", "a weak trigger without enough support")
    return out


def _named_generically(ctx: ArticleContext, acts: list[Act]) -> set[int]:
    """The acts whose trigger is a generic act noun (class ``generic_act_nouns``)."""
    nouns = ctx.cues_named("generic_act_nouns").hits
    return {id(a) for a in acts if a.main is not None and any(_covers(h, a.main) for h in nouns)}


def _covers(noun: Any, hit: Any) -> bool:
    """The generic noun is the whole trigger (هجوم), not the head of a longer one
    (هجوم انتحاري)."""
    return noun.nstart <= hit.nstart and hit.nend <= noun.nend


def corefer(ctx: ArticleContext, acts: list[Act]) -> list[Act]:
    """One act, one event: reports of the same act merge; country-level summaries of
    located acts go."""
    merged = fold_force_into_protests(merge_candidates(acts))
    merged = fold_generic_mentions(merged, _named_generically(ctx, merged))
    kept = drop_country_summaries(merged)
    for act in merged:
        if act not in kept:
            drop(ctx, act, "merge.country_summary", "a country-level summary of located acts")
    return kept


STAGES: tuple[Stage, ...] = (
    find_acts,
    gate,
    type_acts,
    place_acts,
    date_acts,
    role_acts,
    retype_acts,
    finish_roles,
    toll_acts,
    credible,
    corefer,
)
