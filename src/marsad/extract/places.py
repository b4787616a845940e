"""Where an act happened: the most specific place named for it, in context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marsad.extract.dateline import in_dateline
from marsad.extract.scan import ArticleScan
from marsad.extract.settings import SETTINGS
from marsad.geo.resolve import GeoContext, choose, precision_for
from marsad.lexicon.grammar import Grammar
from marsad.text.clitics import CLITICS as C

SPECIFICITY = {
    "landmark": 6,
    "base": 6,
    "camp": 6,
    "crossing": 6,
    "district": 6,
    "village": 5,
    "city": 4,
    "region": 3,
    "admin1": 2,
    "country": 1,
}
QUALIFIER_REACH = SETTINGS.qualifier_reach
NEAR_REACH = SETTINGS.near_reach


@dataclass(slots=True)
class PlaceChoice:
    place: Any  # marsad.geo Place
    hit: Any  # the gazetteer hit, or None for an inferred place
    near: bool
    inherited: bool
    precision: int | None = None  # set when the place stands for a named spot it encloses


FOREIGN_CONTEXT = SETTINGS.foreign_context


def resolved_places(scan: ArticleScan, context: GeoContext, grammar: Grammar) -> dict[int, Any]:
    """Resolve every place hit that names a location once: nstart → Place.

    Skipped: demonyms, names inside an actor's name (سرايا الدفاع عن بنغازي),
    and, in an article clearly about one country, a bare name whose only
    reading is a town of a country the article does not otherwise mention
    (a squadron called سحاب is not the Jordanian town).
    """
    chosen: dict[int, Any] = {}
    top = max(context.country_weights.values(), default=0.0)
    for hit in scan.places.hits:
        if (
            hit.is_adjective
            or _inside_actor(scan, hit)
            or in_dateline(scan.datelines, hit)
            or is_speaker_place(scan, hit, grammar)
        ):
            continue
        qualifier = qualifier_before(scan, hit, grammar)
        place = choose(hit, context, qualifier=qualifier)
        if place is None:
            continue
        if (
            qualifier is None
            and top >= FOREIGN_CONTEXT
            and place.feature not in ("country", "region")
            and context.country_weights.get(place.iso3, 0.0) <= 1.0
        ):
            continue
        chosen[hit.nstart] = place
    return chosen


def is_speaker_place(scan: ArticleScan, hit, grammar: Grammar) -> bool:
    """ "وقال ضابط في بلدة موبتي القريبة إن المهاجمين ...": between a reporting verb
    and the إن/أن that opens what was said, a place locates the speaker."""
    c_start, c_end = scan.clause_of(hit.nstart)
    before = scan.doc.norm[c_start : hit.nstart].split()[-8:]
    verb_seen = False
    for word in before:
        if word in grammar.that_words:
            verb_seen = False
        elif grammar.is_report_verb(word):
            verb_seen = True
    if not verb_seen:
        return False
    after = scan.doc.norm[hit.nend : c_end].split()[:10]
    return any(word in grammar.that_words for word in after)


def _inside_actor(scan: ArticleScan, hit) -> bool:
    return any(
        a.nstart <= hit.nstart and hit.nend <= a.nend and a.nend - a.nstart > hit.nend - hit.nstart
        for a in scan.actors.within(hit.nstart - 40, hit.nstart + 1)
    )


def qualifier_before(scan: ArticleScan, hit, grammar: Grammar) -> str | None:
    window = scan.doc.norm[max(0, hit.nstart - QUALIFIER_REACH) : hit.nstart]
    for word, kind in grammar.place_qualifiers.items():
        if window.rstrip().endswith(word) or window.rstrip().endswith(word + C.nisba):
            return kind
    return None


def is_near(scan: ArticleScan, hit, grammar: Grammar) -> bool:
    """'near / north of / outskirts of' the place: geo_precision 2."""
    words = scan.doc.norm[max(0, hit.nstart - NEAR_REACH * 2) : hit.nstart].split()
    words = [w for w in words if w not in grammar.place_qualifiers][-2:]
    near = set(grammar.near_words)
    for n in (2, 1):
        phrase = " ".join(words[-n:])
        if phrase in near or (phrase[:1] in C.place_proclitics and phrase[1:] in near):
            return True
    return False


def head_places(
    scan: ArticleScan, start: int, end: int, resolved: dict[int, Any], grammar: Grammar
) -> list:
    """Place hits in a stretch that name where an act is, not a reference point.

    "كرش شمال لحج": لحج only locates كرش; "بمديرية الشرية بمحافظة البيضاء": the
    province only contains the district. Keep the most specific places.
    """
    hits = [h for h in scan.places.within(start, end) if h.nstart in resolved]
    if not hits:
        return []
    # "في جنوب كابول ... الهجوم في بولي علم": a town after a direction word only
    # points the way when the stretch names another town
    pointed = [h for h in hits if _after_direction(scan, h)]
    towns = [
        h
        for h in hits
        if h not in pointed
        and SPECIFICITY.get(resolved[h.nstart].feature, 3) >= SPECIFICITY["city"]
    ]
    if pointed and towns:
        hits = [h for h in hits if h not in pointed]
    # "محافظة الأنبار غربي العراق": a country part only locates the place before it
    parts = [
        h
        for h in hits
        if resolved[h.nstart].feature == "region"
        and scan.cues_named("direction").within(h.nstart, h.nstart + 1)
    ]
    if parts and len(parts) < len(hits):
        hits = [h for h in hits if h not in parts]
    best = max(SPECIFICITY.get(resolved[h.nstart].feature, 3) for h in hits)
    heads = [h for h in hits if SPECIFICITY.get(resolved[h.nstart].feature, 3) == best]
    return heads[:1] + [
        h
        for prev, h in zip(heads, heads[1:], strict=False)
        if _coordinated(scan.doc.norm, prev, h) and not is_near(scan, h, grammar)
    ]


def _after_direction(scan: ArticleScan, hit) -> bool:
    return any(
        hit.nstart - cue.nend <= 2
        for cue in scan.cues_named("direction").within(hit.nstart - 10, hit.nstart)
    )


COORDINATION_GAP = SETTINGS.coordination_gap


def _coordinated(norm: str, prev, hit) -> bool:
    """'في زنجبار ووادي دوفس': places listed with و or a comma name separate sites."""
    gap = norm[prev.nend : hit.nstart]
    return len(gap) <= COORDINATION_GAP and (
        C.waw in gap.split()[:1]
        or gap.strip() in ("", ",", C.waw)
        or gap.lstrip().startswith((C.waw, ","))
    )


def place_for(
    scan: ArticleScan,
    trigger_pos: int,
    clause: tuple[int, int],
    resolved: dict[int, Any],
    grammar: Grammar,
) -> list[PlaceChoice]:
    """Places for an act: from its clause, else its sentence; possibly several."""
    heads = head_places(scan, clause[0], clause[1], resolved, grammar)
    if not heads:
        # the clause names no place: the nearest clause of the sentence that does
        sentence = scan.doc.sentences[scan.doc.sentence_index(trigger_pos)]
        hits = [h for h in scan.places.within(*sentence) if h.nstart in resolved]
        if hits:
            nearest = min(hits, key=lambda h: abs(h.nstart - trigger_pos))
            near_clause = scan.clause_of(nearest.nstart)
            heads = _nearest(head_places(scan, *near_clause, resolved, grammar), trigger_pos)
    return [PlaceChoice(resolved[h.nstart], h, is_near(scan, h, grammar), False) for h in heads]


def _nearest(hits: list, pos: int) -> list:
    if len(hits) <= 1:
        return hits
    return [min(hits, key=lambda h: abs(h.nstart - pos))]


def distinct_sites(choices: list[PlaceChoice], min_km: float = 15.0) -> list[PlaceChoice]:
    """Split an act named at several towns into one per town (CODEBOOK §1)."""
    kept: list[PlaceChoice] = []
    for choice in choices:
        if all(km(choice.place, k.place) >= min_km for k in kept):
            kept.append(choice)
    return kept


def km(a, b) -> float:
    from math import asin, cos, radians, sin, sqrt

    lat1, lon1, lat2, lon2 = map(radians, (a.lat, a.lon, b.lat, b.lon))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(h))


def precision(choice: PlaceChoice) -> int:
    if choice.precision is not None:
        return choice.precision
    return precision_for(choice.place, choice.near)
