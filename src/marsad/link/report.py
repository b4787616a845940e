"""``Report``: what linking needs of one event, and when two reports are the same act."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from marsad.link.rules import LinkRules
from marsad.model import Event


@dataclass(frozen=True, slots=True)
class Report:
    event_id: str
    article_id: str
    event_type: str
    sub_event_type: str
    day_lo: int | None  # proleptic ordinals of the days the report may refer to
    day_hi: int | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    time_precision: int
    iso3: str | None
    admin1: str | None
    actor1: str | None
    actor2: str | None
    confidence: float

    @property
    def linkable(self) -> bool:
        return self.day_lo is not None and self.latitude is not None and self.longitude is not None

    def order_key(self) -> tuple:
        """Most specific first: the best placed and dated report leads its cluster."""
        return (self.geo_precision or 9, self.time_precision, -self.confidence, self.event_id)


def country_level(event: Event) -> bool:
    """Placed only in a country: no first-level unit at the vaguest precision."""
    return (event.geo_precision or 3) >= 3 and not event.admin1


def report_of(event: Event, rules: LinkRules) -> Report:
    lo = hi = None
    if event.event_date and (rules.link_country_level or not country_level(event)):
        day = dt.date.fromisoformat(event.event_date).toordinal()
        precision = event.time_precision if event.time_precision in (1, 2, 3) else 2
        lo, hi = day - rules.span_before[precision], day + rules.span_after[precision]
    return Report(
        event_id=event.event_id,
        article_id=event.article_id,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        day_lo=lo,
        day_hi=hi,
        latitude=event.latitude,
        longitude=event.longitude,
        geo_precision=event.geo_precision,
        time_precision=event.time_precision,
        iso3=event.iso3,
        admin1=event.admin1,
        actor1=event.actor1,
        actor2=event.actor2,
        confidence=event.confidence,
    )


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


_PERIOD = re.compile(r"\s*\(\d{4}-(\d{4})?\)")


def _named(actor: str | None, rules: LinkRules) -> bool:
    return actor is not None and not actor.startswith(rules.generic_prefixes)


def actor_family(actor: str, rules: LinkRules) -> str:
    """The name without its period; a country's army and police are its state forces."""
    name = _PERIOD.sub("", actor).strip()
    for prefix in rules.state_prefixes:
        if name.startswith(prefix):
            return "State Forces of " + name[len(prefix) :].split(" (")[0]
    return name


def _side_fits(x: str | None, y: str | None, rules: LinkRules) -> bool:
    """A generic or unknown side fits anything; two different named sides do not."""
    if not (_named(x, rules) and _named(y, rules)) or x == y:
        return True
    return actor_family(x, rules) == actor_family(y, rules)  # type: ignore[arg-type]


def actors_compatible(a: Report, b: Report, rules: LinkRules) -> bool:
    same_order = _side_fits(a.actor1, b.actor1, rules) and _side_fits(a.actor2, b.actor2, rules)
    if same_order or a.event_type not in rules.unordered:
        return same_order
    return _side_fits(a.actor1, b.actor2, rules) and _side_fits(a.actor2, b.actor1, rules)


def same_act(a: Report, b: Report, rules: LinkRules) -> bool:
    """CODEBOOK §1: same type, day, place and pair of actors, in two different articles."""
    if a.article_id == b.article_id or not (a.linkable and b.linkable):
        return False  # one article's events are distinct acts by construction
    if a.event_type != b.event_type or not rules.sub_types_compatible(
        a.sub_event_type, b.sub_event_type
    ):
        return False
    if a.iso3 and b.iso3 and a.iso3 != b.iso3:
        return False
    if a.day_lo > b.day_hi or b.day_lo > a.day_hi:  # type: ignore[operator]
        return False
    vague = max(a.geo_precision or 3, b.geo_precision or 3)
    if vague == 3 and a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return False  # a town inside the province the other names, not a neighbouring one
    distance = km_between(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
    if distance > rules.radius_km(a.geo_precision, b.geo_precision):
        return False
    return actors_compatible(a, b, rules)
