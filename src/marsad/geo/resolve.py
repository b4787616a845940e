"""Choose one place for a hit, from the article's context."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.geo._norm import normalize_plain
from marsad.geo.build import read_tsv, split_names
from marsad.geo.places import Place, PlaceHit


@lru_cache(maxsize=1)
def _qualifier_features() -> dict[str, tuple[str, ...]]:
    """Qualifier word (normalised) -> features it announces, from data/qualifiers.tsv."""
    return {normalize_plain(r[0]): tuple(split_names(r[1])) for r in read_tsv("qualifiers.tsv")}


POINT_FEATURES = frozenset(("city", "district", "village", "camp", "base", "crossing", "landmark"))


@dataclass
class GeoContext:
    """Countries the article is about, iso3 -> weight (higher = more present)."""

    country_weights: dict[str, float] = field(default_factory=dict)

    def weight(self, iso3: str) -> float:
        return self.country_weights.get(iso3, 0.0)


def choose(hit: PlaceHit, context: GeoContext, qualifier: str | None = None) -> Place | None:
    """The most likely place for ``hit``: in the article's countries, of the feature the
    qualifier announces, most populous; ``None`` for a demonym (context, not a location)."""
    if hit.is_adjective or not hit.candidates:
        return None
    qualifier = qualifier if qualifier is not None else hit.qualifier
    wanted = _qualifier_features().get(qualifier or "", ())

    def score(place: Place) -> tuple[float, int, int, int]:
        feature_rank = 0
        if wanted and place.feature in wanted:
            feature_rank = len(wanted) - wanted.index(place.feature)
        elif not wanted:
            # Unqualified: a town before the province of the same name, a province
            # before a country (the most specific reading).
            feature_rank = (
                2 if place.feature in POINT_FEATURES else (1 if place.feature == "admin1" else 0)
            )
        curated = 1 if place.geonameid is None else 0
        return (context.weight(place.iso3), feature_rank, place.population, curated)

    return max(hit.candidates, key=score)


def context_from_hits(
    hits: Iterable[PlaceHit], extra: dict[str, float] | None = None
) -> GeoContext:
    """Weigh countries by unambiguous evidence: country names and demonyms (1 each) and
    places whose candidates all lie in one country (1 each)."""
    weights: dict[str, float] = dict(extra or {})
    for hit in hits:
        countries = {p.iso3 for p in hit.candidates}
        if len(countries) == 1:
            iso3 = next(iter(countries))
            weights[iso3] = weights.get(iso3, 0.0) + 1.0
        elif hit.candidates:
            # An ambiguous name still hints at each of its countries, a little.
            for iso3 in countries:
                weights[iso3] = weights.get(iso3, 0.0) + 0.1 / len(countries)
    return GeoContext(weights)


def precision_for(place: Place, near: bool = False) -> int:
    """CODEBOOK §4: 1 the place itself, 2 near it, 3 a region or country."""
    if place.feature in ("admin1", "country"):
        return 3
    return 2 if near else 1
