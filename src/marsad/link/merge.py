"""One cluster's reports → the dataset's event (most specific place and date, ACLED's
conservative toll, every source)."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from marsad.link.cluster import stable_id
from marsad.link.rules import LinkRules
from marsad.model import EVENT_TYPES, Event, disorder_type_for, interaction_code

_SUB_ORDER = {sub: n for subs in EVENT_TYPES.values() for n, sub in enumerate(subs)}


@dataclass(frozen=True)
class Outlet:
    """One article that carried a report: the stored one or an identical copy."""

    article_id: str
    source: str | None
    url: str | None
    published: dt.date | None


@dataclass
class ArticleSources:
    """An article and its identical copies under other ids (wire copy, a page scraped twice)."""

    outlets: list[Outlet] = field(default_factory=list)


def _specific(events: Sequence[Event]) -> Event:
    return min(
        events, key=lambda e: (e.geo_precision or 9, e.time_precision, -e.confidence, e.event_id)
    )


def _date(events: Sequence[Event]) -> tuple[str | None, int]:
    dated = [e for e in events if e.event_date]
    if not dated:
        return None, min(e.time_precision for e in events)
    best = min(e.time_precision for e in dated)
    counts = Counter(e.event_date for e in dated if e.time_precision == best)
    date = min(counts, key=lambda d: (-counts[d], d))  # the most reported, then the earliest
    return date, best


def _conservative(values: Sequence[int], share: float = 0.1) -> tuple[int, int]:
    """(ACLED's most conservative credible figure, the highest figure reported).

    A report that names no toll claims none. With three or more tolls, a figure is
    credible when at least two reports, and at least ``share`` of those naming a toll,
    give it (a lone early count or a misread number is not); the lowest credible
    figure is used, else the lowest.
    """
    positive = sorted(v for v in values if v > 0)
    if not positive:
        return 0, 0
    if len(positive) >= 3:
        counts = Counter(positive)
        needed = max(2, math.ceil(share * len(positive)))
        credible = [v for v in positive if counts[v] >= needed]
        if credible:
            return credible[0], positive[-1]
    return positive[0], positive[-1]


def _side(
    events: Sequence[Event], name: Callable[[Event], str | None], rules: LinkRules
) -> Event | None:
    """The member whose actor on this side is named most often (a generic name last)."""
    named = [e for e in events if name(e)]
    if not named:
        return None
    counts = Counter(name(e) for e in named)

    def key(e: Event) -> tuple:
        generic = name(e).startswith(rules.generic_prefixes)  # type: ignore[union-attr]
        return (generic, -counts[name(e)], e.geo_precision or 9, e.event_id)

    return min(named, key=key)


def merge_cluster(
    component_id: str, events: Sequence[Event], sources: dict[str, ArticleSources], rules: LinkRules
) -> dict[str, Any]:
    """The cluster row: every column of ``clusters`` except ``updated_at``."""
    lead = _specific(events)
    date, precision = _date(events)
    subs = Counter(e.sub_event_type for e in events if e.event_type == lead.event_type)
    sub = min(subs, key=lambda s: (-subs[s], _SUB_ORDER[s]))
    one = _side(events, lambda e: e.actor1, rules)
    two = _side(events, lambda e: e.actor2, rules)
    if one is not None and two is not None and one.actor1 == two.actor2 and one is not two:
        two = None  # one report's target is another's initiator: keep the lead's pair
    fatalities, fatalities_high = _conservative(
        [e.fatalities for e in events], rules.credible_toll_share
    )
    injured, _ = _conservative([e.injured for e in events], rules.credible_toll_share)
    outlets = sorted({o for e in events for o in _outlets(e, sources)}, key=lambda o: o.article_id)
    published = [o.published for o in outlets if o.published]
    inter1 = one.inter1 if one else None
    inter2 = two.inter2 if two else None
    return {
        "cluster_id": stable_id("mrsc-", (e.event_id for e in events)),
        "component_id": component_id,
        "event_date": dt.date.fromisoformat(date) if date else None,
        "time_precision": precision,
        "disorder_type": disorder_type_for(lead.event_type, sub),
        "event_type": lead.event_type,
        "sub_event_type": sub,
        "actor1": one.actor1 if one else None,
        "actor1_ar": one.actor1_ar if one else None,
        "assoc_actor_1": one.assoc_actor_1 if one else None,
        "inter1": inter1,
        "actor2": two.actor2 if two else None,
        "actor2_ar": two.actor2_ar if two else None,
        "assoc_actor_2": two.assoc_actor_2 if two else None,
        "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
        "civilian_targeting": lead.event_type == "Violence against civilians"
        or any(e.civilian_targeting for e in events),
        "location": lead.location,
        "location_ar": lead.location_ar,
        "country": lead.country,
        "iso3": lead.iso3,
        "admin1": lead.admin1,
        "latitude": lead.latitude,
        "longitude": lead.longitude,
        "geo_precision": lead.geo_precision,
        "fatalities": fatalities,
        "fatalities_high": fatalities_high,
        "injured": injured,
        "event_ids": sorted(e.event_id for e in events),
        "sources": [o.article_id for o in outlets],
        "outlets": sorted({o.source for o in outlets if o.source}),
        "source_urls": sorted({o.url for o in outlets if o.url}),
        "source_count": len(outlets),
        "first_report": min(published) if published else None,
        "last_report": max(published) if published else None,
        "notes": lead.notes,
        "confidence": max(e.confidence for e in events),
    }


def _outlets(event: Event, sources: dict[str, ArticleSources]) -> list[Outlet]:
    known = sources.get(event.article_id)
    if known and known.outlets:
        return known.outlets
    return [Outlet(event.article_id, event.source, event.source_url, None)]
