"""A merged candidate → an ``Event`` with every FORMATS §2 key and its evidence."""

from __future__ import annotations

from marsad.extract.candidate import Candidate
from marsad.extract.confidence import confidence
from marsad.extract.scan import ArticleScan
from marsad.extract.settings import SETTINGS
from marsad.model import Event, Span, disorder_type_for, interaction_code, stable_event_id
from marsad.text.spans import whole_marks

UNKNOWN_ATTACKER_TYPES = ("Explosions/Remote violence", "Violence against civilians")
UNIDENTIFIED_INTER = SETTINGS.unidentified_inter


def to_event(scan: ArticleScan, c: Candidate, acts: int = 1) -> Event:
    """``acts``: how many acts the article yields (the confidence model reads it)."""
    article = scan.doc.article
    place = c.place
    a1, a2 = c.actor1, c.actor2
    # An unnamed perpetrator of a blast or attack is coded as ACLED codes it
    # (an unidentified armed group, inter 3) though no actor name is invented.
    unknown_attacker = a1 is None and c.event_type in UNKNOWN_ATTACKER_TYPES
    inter1 = a1.inter if a1 else (UNIDENTIFIED_INTER if unknown_attacker else None)
    inter2 = a2.inter if a2 else None
    notes = " ".join(scan.doc.sentence_text(i) for i in sorted(c.sentences))
    return Event(
        event_id=stable_event_id(
            article.text,
            article.published,
            c.event_type,
            c.trigger_span.start,
            place.name if place else None,
            article_id=article.id,
        ),
        article_id=article.id,
        event_date=c.date.isoformat() if c.date else None,
        time_precision=c.time_precision,
        disorder_type=disorder_type_for(c.event_type, c.sub_event_type),
        event_type=c.event_type,
        sub_event_type=c.sub_event_type,
        actor1=a1.name if a1 else None,
        actor2=a2.name if a2 else None,
        actor1_ar=a1.surface if a1 else None,
        actor2_ar=a2.surface if a2 else None,
        assoc_actor_1="; ".join(r.name for r in c.assoc1) or None,
        assoc_actor_2="; ".join(r.name for r in c.assoc2) or None,
        inter1=inter1,
        inter2=inter2,
        interaction=interaction_code(inter1, inter2),
        civilian_targeting=c.civilian_targeting,
        location=place.name if place else None,
        location_ar=c.place_surface if c.place_surface else (place.name_ar if place else None),
        country=place.country if place else None,
        iso3=place.iso3 if place else None,
        admin1=place.admin1 if place else None,
        latitude=round(place.lat, 5) if place else None,
        longitude=round(place.lon, 5) if place else None,
        geo_precision=c.geo_precision,
        fatalities=c.toll.killed,
        injured=c.toll.injured,
        fatalities_by_actor=dict(c.toll.by_actor),
        source=article.source,
        source_url=article.url,
        sources=[article.id],
        source_count=1,
        notes=notes,
        evidence=evidence(c, article.text),
        confidence=confidence(c, scan, acts),
        trace=list(c.fired),
    )


def evidence(c: Candidate, text: str | None = None) -> dict[str, list[list[int]]]:
    """Field → original-text spans it was read from (CODEBOOK §7), marks kept whole."""
    fields: dict[str, list[Span | None]] = {
        "event_type": [c.trigger_span, *c.extra_triggers],
        "sub_event_type": [c.trigger_span],
        "actor1": [c.actor1.span if c.actor1 else None],
        "actor2": [c.actor2.span if c.actor2 else None],
        "location": [c.place_span],
        "event_date": [c.date_span],
        "fatalities": list(c.toll.spans_killed),
        "injured": list(c.toll.spans_injured),
    }
    out: dict[str, list[list[int]]] = {}
    for name, spans in fields.items():
        unique = sorted(
            {
                whole_marks(text, s.start, s.end) if text else (s.start, s.end)
                for s in spans
                if s is not None
            }
        )
        if unique:
            out[name] = [list(pair) for pair in unique]
    return out
