"""One act, one event: merge reports of the same act inside an article.

Two reports are one act when they have the same event type, the same place
(same name, or within a few kilometres), the same day, and actors that do not
contradict each other (CODEBOOK §1). Tolls combine conservatively: the largest
report, never a sum of two reports of the same dead.

A protest and the force used on it are one act too (CODEBOOK §2, Protests):
the shots or the "clashes" that security forces turn on a demonstration, told
as a battle or an attack on people of the same day and place with no armed
group on either side, fold into the protest, which becomes a protest with
intervention, or excessive force against protesters when someone was killed
or hurt.
"""

from __future__ import annotations

from marsad.extract.candidate import Candidate
from marsad.extract.places import km
from marsad.extract.settings import SETTINGS
from marsad.extract.triggers import SUB_PRIORITY
from marsad.geo import load_gazetteer

SAME_SITE_KM = SETTINGS.same_site_km


def same_act(a: Candidate, b: Candidate) -> bool:
    if a.event_type != b.event_type or a.place is None or b.place is None:
        return False
    if (a.place.feature == "country") != (b.place.feature == "country"):
        return False  # a country-wide summary is not the report of one town's act
    if a.place.name != b.place.name and (_wide(a.place) or _wide(b.place)):
        return False  # a province's centroid may lie near a town: nearness means nothing
    if a.date != b.date and a.time_precision == 1 and b.time_precision == 1:
        return False
    if a.place.name != b.place.name and km(a.place, b.place) > SAME_SITE_KM:
        return False
    return not _actors_clash(a, b)


def _wide(place) -> bool:
    return place.feature in ("admin1", "region")


def _actors_clash(a: Candidate, b: Candidate) -> bool:
    """Both reports name both sides specifically and share none of them."""
    sides_a = _named(a)
    sides_b = _named(b)
    return len(sides_a) >= 2 and len(sides_b) >= 2 and not sides_a & sides_b


def _named(c: Candidate) -> set[str]:
    return {r.name for r in (c.actor1, c.actor2) if r is not None and r.generic is None}


def merge_into(kept: Candidate, other: Candidate) -> None:
    """Fold another report of the same act into ``kept``."""
    if other.weight > kept.weight + 0.25 or (
        other.weight >= kept.weight - 0.05
        and SUB_PRIORITY.get(other.sub_event_type, 0) > SUB_PRIORITY.get(kept.sub_event_type, 0)
    ):
        # "التفجير الانتحاري" told later makes the earlier "تفجير" a suicide bombing
        kept.sub_event_type = other.sub_event_type
        kept.fire("merge.specific_sub_type")
    kept.weight = max(kept.weight, other.weight)
    if kept.place_inherited and not other.place_inherited:
        kept.place, kept.place_span, kept.place_surface = (
            other.place,
            other.place_span,
            other.place_surface,
        )
        kept.geo_precision, kept.place_inherited = other.geo_precision, False
    elif (
        other.geo_precision is not None
        and kept.geo_precision is not None
        and other.geo_precision < kept.geo_precision
        and not other.place_inherited
    ):
        kept.geo_precision = other.geo_precision
    if kept.time_precision > other.time_precision:
        kept.date, kept.time_precision, kept.date_span = (
            other.date,
            other.time_precision,
            other.date_span,
        )
    _merge_actors(kept, other)
    _merge_toll(kept, other)
    kept.civilian_targeting = kept.civilian_targeting or other.civilian_targeting
    kept.sentences |= other.sentences
    kept.extra_triggers.append(other.trigger_span)
    kept.reports += other.reports
    kept.hits.extend(h for h in other.hits if h not in kept.hits)
    _take_trace(kept, other)
    kept.fire("merge.same_act")


def _take_trace(kept: Candidate, other: Candidate) -> None:
    """The event's trace holds the rules that made every report folded into it."""
    for rule in other.fired:
        kept.fire(rule)


def _merge_actors(kept: Candidate, other: Candidate) -> None:
    for side in ("actor1", "actor2"):
        mine, theirs = getattr(kept, side), getattr(other, side)
        weaker = mine is None or (mine.surface is None and theirs is not None and theirs.surface)
        if weaker and theirs is not None and not _already(kept, theirs):
            setattr(kept, side, theirs)


def _already(c: Candidate, ref) -> bool:
    return any(r is not None and r.name == ref.name and r.surface for r in (c.actor1, c.actor2))


def _merge_toll(kept: Candidate, other: Candidate) -> None:
    if other.toll.killed > kept.toll.killed:
        kept.toll.killed, kept.toll.spans_killed = other.toll.killed, other.toll.spans_killed
        kept.toll.by_actor = other.toll.by_actor or kept.toll.by_actor
    if other.toll.injured > kept.toll.injured:
        kept.toll.injured, kept.toll.spans_injured = other.toll.injured, other.toll.spans_injured


def merge_candidates(candidates: list[Candidate]) -> list[Candidate]:
    kept: list[Candidate] = []
    for cand in candidates:
        for existing in kept:
            if same_act(existing, cand):
                merge_into(existing, cand)
                break
        else:
            kept.append(cand)
    return kept


def fold_generic_mentions(candidates: list[Candidate], generic: set[int]) -> list[Candidate]:
    """An act named only by a generic noun (الهجوم، الحادث) at the day and place of
    an act of another type told more specifically is a re-mention of it.

    ``generic`` holds the ``id`` of each candidate whose trigger is such a noun;
    the specific report keeps its type and takes the re-mention's toll and sides.
    """
    if not generic:
        return candidates
    kept: list[Candidate] = []
    for cand in candidates:
        target = None
        if id(cand) in generic:
            target = next(
                (s for s in candidates if id(s) not in generic and _remention_of(cand, s)), None
            )
        if target is None:
            kept.append(cand)
            continue
        _fold(target, cand, "merge.generic_remention")
    return kept


def _remention_of(g: Candidate, s: Candidate) -> bool:
    if s.event_type == g.event_type or s.place is None or g.place is None:
        return False
    if s.weight < g.weight or g.place.iso3 != s.place.iso3:
        return False
    if g.date != s.date and g.time_precision == 1:
        return False  # the re-mention dates its act exactly: another day is another act
    if s.place_inherited and not g.place_inherited:
        return False  # the specific report must locate the act at least as well
    near = g.place.name == s.place.name or km(g.place, s.place) <= SAME_SITE_KM
    return (near or g.place_inherited) and not _actors_clash(g, s)


def _fold(kept: Candidate, other: Candidate, rule: str) -> None:
    """Fold a report of ``kept``'s act told as another type; ``kept`` keeps its type."""
    _merge_actors(kept, other)
    _merge_toll(kept, other)
    kept.civilian_targeting = kept.civilian_targeting or other.civilian_targeting
    kept.sentences |= other.sentences
    kept.extra_triggers.append(other.trigger_span)
    kept.reports += other.reports
    kept.hits.extend(h for h in other.hits if h not in kept.hits)
    kept.weight = max(kept.weight, other.weight)
    _take_trace(kept, other)
    kept.fire(rule)


FORCE_TYPES = frozenset({"Battles", "Violence against civilians"})
PROTEST_TYPES = frozenset({"Protests", "Riots"})


def fold_force_into_protests(candidates: list[Candidate]) -> list[Candidate]:
    """Battles or attacks on the day and at the place of a protest, with no armed
    non-state actor named on either side, are the force used on that protest."""
    protests = [c for c in candidates if c.event_type in PROTEST_TYPES and c.place is not None]
    if not protests:
        return candidates
    kept: list[Candidate] = []
    for cand in candidates:
        protest = next((p for p in protests if _force_on(cand, p)), None)
        if protest is None:
            kept.append(cand)
            continue
        _fold_force(protest, cand)
    return kept


def _force_on(force: Candidate, protest: Candidate) -> bool:
    if force.event_type not in FORCE_TYPES or force.place is None:
        return False
    if force.date is None or force.date != protest.date:
        return False  # an undated act cannot be placed on the protest's day
    if force.place.iso3 != protest.place.iso3:
        return False
    if any(_named_armed(r) for r in (force.actor1, force.actor2)):
        return False
    return force.place.name == protest.place.name or km(force.place, protest.place) <= (
        SETTINGS.protest_site_km
    )


def _named_armed(ref) -> bool:
    """A non-state armed actor the text names: not one the roles stage inferred, nor
    a generic "gunmen"/"snipers" the article never ties to a group (CODEBOOK §3)."""
    return (
        ref is not None
        and bool(ref.surface)
        and ref.generic is None
        and ref.inter in SETTINGS.non_state
    )


def _fold_force(protest: Candidate, force: Candidate) -> None:
    hurt = force.toll.killed + force.toll.injured  # the force's own report of its victims
    if protest.event_type == "Protests":
        protest.sub_event_type = (
            "Excessive force against protesters" if hurt > 0 else "Protest with intervention"
        )
    _fold(protest, force, "merge.force_on_protest")


def drop_country_summaries(candidates: list[Candidate]) -> list[Candidate]:
    """ "Blasts across Iraq killed 32": a country-wide or province-wide lead that
    the article then breaks down into located acts is a summary of them.

    A country-level report goes when the article locates any act in that
    country; a province-level one when it locates an act of the same type on
    the same day inside that province.
    """
    located = [
        c
        for c in candidates
        if c.place is not None and c.geo_precision in (1, 2) and c.place.feature != "country"
    ]
    countries = {c.place.iso3 for c in located}
    return [c for c in candidates if not _summary_of(c, located, countries)]


def _province_word(qualifier: str | None) -> bool:
    """محافظة، ولاية، إقليم: qualifiers (geo data) that announce a whole province."""
    return qualifier is not None and load_gazetteer().qualifier_features(qualifier) == ("admin1",)


def _summary_of(c: Candidate, located: list[Candidate], countries: set[str]) -> bool:
    if c.place is None or c in located:
        return False
    if c.place.feature == "country":
        return c.place.iso3 in countries
    if c.geo_precision != 3 or c.place.admin1 is None or not _province_word(c.place_qualifier):
        return False  # only "في محافظة شمال سيناء" speaks of the whole province
    return any(
        o.event_type == c.event_type
        and o.date == c.date
        and o.place.iso3 == c.place.iso3
        and o.place.admin1 == c.place.admin1
        for o in located
    )
