"""Choose one place for a hit, from the article's context."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.geo._norm import normalize_plain
from marsad.geo.build import FOCUS, km, read_tsv, split_names
from marsad.geo.places import FEATURES, Place, PlaceHit


@lru_cache(maxsize=1)
def _qualifier_features() -> dict[str, tuple[str, ...]]:
    """Qualifier word (normalised) -> features it announces, from data/qualifiers.tsv."""
    return {normalize_plain(r[0]): tuple(split_names(r[1])) for r in read_tsv("qualifiers.tsv")}


@lru_cache(maxsize=1)
def _region() -> frozenset[str]:
    """iso3 of the countries Arabic conflict news is mostly about (build.FOCUS)."""
    return frozenset(r[0] for r in read_tsv("countries.tsv") if r[1] in FOCUS)


REGION_FACTOR = 10
POINT_FEATURES = frozenset(("city", "district", "village", "camp", "base", "crossing", "landmark"))
# A qualifier may also arrive as the kind of place it announces (extract's grammar gives
# "city", "admin1", "area" ... rather than the word): the features each kind points to.
KIND_FEATURES: dict[str, tuple[str, ...]] = {
    **{f: (f,) for f in FEATURES},
    "city": ("city", "district"),
    "village": ("village", "city"),
    "district": ("district", "city", "village"),
    "base": ("base", "camp"),
    "landmark": ("landmark", "base", "village"),
    "area": ("admin1", "region", "district", "village", "landmark"),
}


def wanted_features(qualifier: str | None) -> tuple[str, ...]:
    """Features a qualifier (a normalised word such as مدينه, or a kind such as city) announces."""
    if not qualifier:
        return ()
    return _qualifier_features().get(qualifier) or KIND_FEATURES.get(qualifier, ())


# Homonyms: a candidate this close to a place the same phrase (PHRASE_CHARS of text)
# or the article names unambiguously is the one meant.
NEAR_KM = 60.0
PHRASE_CHARS = 120


@dataclass
class GeoContext:
    """Countries the article is about, iso3 -> weight (higher = more present), and the
    unambiguous point places it names (``anchors``: (nstart, Place)) that homonyms are
    measured against."""

    country_weights: dict[str, float] = field(default_factory=dict)
    anchors: list[tuple[int, Place]] = field(default_factory=list)

    def weight(self, iso3: str) -> float:
        return self.country_weights.get(iso3, 0.0)

    def nearness(self, place: Place, nstart: int | None = None) -> int:
        """2: within NEAR_KM of a place named in the same phrase; 1: of one named
        elsewhere in the article; 0: of none (or the place is itself an anchor)."""
        best = 0
        for pos, anchor in self.anchors:
            if anchor == place or km(anchor.lat, anchor.lon, place.lat, place.lon) > NEAR_KM:
                continue
            if nstart is not None and abs(pos - nstart) <= PHRASE_CHARS:
                return 2
            best = 1
        return best


def choose(hit: PlaceHit, context: GeoContext, qualifier: str | None = None) -> Place | None:
    """The most likely place for ``hit``: in the article's countries, of the feature the
    qualifier announces, then a capital, then in the region Arabic news covers, then the most
    populous; ``None`` for a demonym (context, not a location)."""
    if hit.is_adjective or hit.context_only or not hit.candidates:
        return None
    wanted = wanted_features(qualifier) or wanted_features(hit.qualifier)
    region = _region()

    near = (
        {id(p): context.nearness(p, hit.nstart) for p in hit.candidates}
        if context.anchors and len(hit.candidates) > 1
        else {}
    )

    def score(place: Place) -> tuple[float, int, int, bool, int, bool]:
        feature_rank = 0
        if wanted and place.feature in wanted:
            feature_rank = len(wanted) - wanted.index(place.feature)
        elif not wanted:
            # Unqualified: a town before the province of the same name, a province
            # before a country (the most specific reading).
            feature_rank = (
                2 if place.feature in POINT_FEATURES else (1 if place.feature == "admin1" else 0)
            )
        # Equal rank: a curated row of a town GeoNames lacks beats a bare GeoNames entry, but
        # for the same town (the curated row borrowed its population) the GeoNames name stays.
        preferred = (place.geonameid is None) == (place.population == 0)
        # A capital beats a namesake town (كابول: Kabul, not the Galilee village); a town
        # in the region counts as ten times its size against a namesake elsewhere (بيت لحم:
        # Bethlehem, not Pennsylvania; but سمارا stays Samara, not Smara).
        size = place.population * (REGION_FACTOR if place.iso3 in region else 1)
        # Nearness ranks after the country and the announced feature, before a capital and
        # size: of two villages called the same, the one beside the other places named.
        nearness = near.get(id(place), 0)
        return (context.weight(place.iso3), feature_rank, nearness, place.capital, size, preferred)

    return max(hit.candidates, key=score)


def context_from_hits(
    hits: Iterable[PlaceHit], extra: dict[str, float] | None = None
) -> GeoContext:
    """Weigh countries by unambiguous evidence: country names and demonyms (1 each) and
    places whose candidates all lie in one country (1 each). Names without toponym
    evidence and persons' names count for nothing; an organisation's name (جامعة دمشق)
    still counts. Point places with one candidate become the context's anchors."""
    weights: dict[str, float] = dict(extra or {})
    anchors: list[tuple[int, Place]] = []
    for hit in hits:
        if hit.context_only and hit.evidence in ("none", "person"):
            continue
        countries = {p.iso3 for p in hit.candidates}
        if (
            len(hit.candidates) == 1
            and not hit.context_only
            and not hit.is_adjective
            and hit.candidates[0].feature in POINT_FEATURES
        ):
            anchors.append((hit.nstart, hit.candidates[0]))
        if len(countries) == 1:
            iso3 = next(iter(countries))
            weights[iso3] = weights.get(iso3, 0.0) + 1.0
        elif hit.candidates:
            # An ambiguous name still hints at each of its countries, a little.
            # sorted: the dict's order breaks ties later, so it must not follow string hashing
            for iso3 in sorted(countries):
                weights[iso3] = weights.get(iso3, 0.0) + 0.1 / len(countries)
    return GeoContext(weights, anchors)


def precision_for(place: Place, near: bool = False) -> int:
    """CODEBOOK §4: 1 the place itself, 2 near it, 3 a region or country."""
    if place.feature in ("admin1", "region", "country"):
        return 3
    return 2 if near else 1
