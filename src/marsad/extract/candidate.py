"""The working record of one reported act while it is being assembled."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from marsad.model import Span


@dataclass(slots=True)
class ActorRef:
    """An actor resolved for an act: canonical name, code and where it was read."""

    name: str
    inter: int
    country: str | None
    surface: str | None  # Arabic mention as in the text; None when inferred
    span: Span | None
    nstart: int = -1
    generic: str | None = None


@dataclass(slots=True)
class Toll:
    """Killed and injured counted for one report of an act."""

    killed: int = 0
    injured: int = 0
    spans_killed: list[Span] = field(default_factory=list)
    spans_injured: list[Span] = field(default_factory=list)
    by_actor: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Candidate:
    """One report of an act, read from one clause, before merging."""

    event_type: str
    sub_event_type: str
    weight: float
    trigger_span: Span
    trigger_nstart: int
    sentence: int
    clause: tuple[int, int]
    place: Any = None  # marsad.geo Place
    place_span: Span | None = None
    place_surface: str | None = None
    place_inherited: bool = False
    place_qualifier: str | None = None  # the word before the name: محافظه، مدينه ...
    geo_precision: int | None = None
    date: dt.date | None = None
    time_precision: int = 2
    date_span: Span | None = None
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc1: list[ActorRef] = field(default_factory=list)
    assoc2: list[ActorRef] = field(default_factory=list)
    toll: Toll = field(default_factory=Toll)
    civilian_targeting: bool = False
    sentences: set[int] = field(default_factory=set)
    extra_triggers: list[Span] = field(default_factory=list)
    reports: int = 1
    hits: list[Any] = field(default_factory=list)  # the trigger hits this act rests on
    main: Any = None  # the trigger hit that chose the sub-type
    site: Any = None  # the PlaceChoice the places stage made
    fired: list[str] = field(default_factory=list)  # ids of the rules that made it, in order

    def clone(self) -> Candidate:
        """A copy whose lists and sets are its own (one act reported at two sites)."""
        return replace(
            self,
            sentences=set(self.sentences),
            extra_triggers=list(self.extra_triggers),
            hits=list(self.hits),
            fired=list(self.fired),
            assoc1=list(self.assoc1),
            assoc2=list(self.assoc2),
            toll=Toll(),
        )

    def fire(self, rule_id: str) -> None:
        if rule_id not in self.fired:
            self.fired.append(rule_id)


Act = Candidate  # the stages' name for it
