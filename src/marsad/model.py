"""The vocabulary every stage speaks: Article, Span, Mention, Event.

Imports nothing of marsad, so every stage (and a Dask worker) can use it.
Offsets in a ``Span`` are always into the *original* article text, as
``[start, end)``; offsets called ``nstart``/``nend`` are into the
normalised text of a Document (see ``marsad.text.document``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

# ---------------------------------------------------------------- articles


class Article(BaseModel):
    """One news article as read by ``marsad.ingest`` (FORMATS §1)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = ""
    text: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None

    @field_validator("text")
    @classmethod
    def _text_not_blank(cls, value: str) -> str:
        if not value or not value.strip():
            raise ValueError("text is empty")
        return value

    @field_validator("published", mode="before")
    @classmethod
    def _date_from_datetime(cls, value: Any) -> Any:
        # Accept "2015-08-09", "2015-08-09 01:00:00" and "2015-08-09T01:00:00Z".
        if isinstance(value, str) and value.strip():
            return value.strip()[:10]
        if isinstance(value, dt.datetime):
            return value.date()
        if value == "":
            return None
        return value

    def model_post_init(self, __context: Any) -> None:
        if not self.id:
            object.__setattr__(self, "id", text_hash(self.text)[:16])


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- spans


@dataclass(frozen=True, slots=True)
class Span:
    """``[start, end)`` character offsets into the original article text."""

    start: int
    end: int

    def as_list(self) -> list[int]:
        return [self.start, self.end]


# ---------------------------------------------------------------- mentions

MENTION_KINDS = ("trigger", "actor", "place", "number", "date", "cue")


@dataclass(slots=True)
class Mention:
    """A typed stretch of a Document with the value read from it.

    ``nstart``/``nend`` index the normalised text; ``span`` the original text.
    ``value`` depends on ``kind``: a ``TriggerInfo``, ``ActorInfo``, list of
    ``Place`` candidates, ``NumberValue``, ``DateValue`` or cue name.
    """

    kind: str
    nstart: int
    nend: int
    span: Span
    surface: str  # the original text of the span
    value: Any = None


# ---------------------------------------------------------------- events

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Suicide bomb",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Chemical weapon",
    ),
    "Violence against civilians": (
        "Attack",
        "Abduction/forced disappearance",
        "Sexual violence",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Arrests",
        "Disrupted weapons use",
        "Agreement",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Change to group/activity",
        "Other",
    ),
}

SUB_EVENT_TO_TYPE: dict[str, str] = {
    sub: etype for etype, subs in EVENT_TYPES.items() for sub in subs
}


def disorder_type_for(event_type: str, sub_event_type: str) -> str:
    """CODEBOOK §2: disorder type follows the event type."""
    if sub_event_type in ("Excessive force against protesters", "Mob violence"):
        return "Political violence; Demonstrations"
    if event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        return "Political violence"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    return "Strategic developments"


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: the two inter codes joined, smaller first (e.g. 12)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


class Event(BaseModel):
    """One coded event (FORMATS §2). Every key is always present."""

    model_config = ConfigDict(extra="forbid")

    event_id: str
    article_id: str
    event_date: str | None = None
    time_precision: int = 2
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor2: str | None = None
    actor1_ar: str | None = None
    actor2_ar: str | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: bool = False
    location: str | None = None
    location_ar: str | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int = 0
    injured: int = 0
    fatalities_by_actor: dict[str, int] = Field(default_factory=dict)
    source: str | None = None
    source_url: str | None = None
    sources: list[str] = Field(default_factory=list)
    source_count: int = 1
    notes: str = ""
    evidence: dict[str, list[list[int]]] = Field(default_factory=dict)
    confidence: float = 0.5
    trace: list[str] = Field(default_factory=list)

    @field_validator("sub_event_type")
    @classmethod
    def _known_sub_event(cls, value: str) -> str:
        if value not in SUB_EVENT_TO_TYPE:
            raise ValueError(f"unknown sub_event_type {value!r}")
        return value

    @field_validator("fatalities", "injured")
    @classmethod
    def _not_negative(cls, value: int) -> int:
        if value < 0:
            raise ValueError("must be >= 0")
        return value


EVENT_KEYS: tuple[str, ...] = tuple(Event.model_fields)


def stable_event_id(
    article_text: str, published: dt.date | None, *parts: object, article_id: str | None = None
) -> str:
    """Same article (id, text, date) + identifying parts of the act give the same id.

    With ``article_id`` the id is unique per article and act: two articles with
    identical text (republished wire copy) give two ids, so neither is lost.
    """
    head = [text_hash(article_text), str(published)]
    if article_id is not None:
        head.insert(0, article_id)
    key = "\x1f".join(head + [str(p) for p in parts])
    return "mrsd-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def scoped_event_id(article_id: str, event_id: str) -> str:
    """An event id made unique to its article (for ids made without ``article_id``)."""
    key = f"{article_id}\x1f{event_id}"
    return "mrsd-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Reject:
    """An input that could not be read: where it was and why."""

    origin: str  # "path:line" or "path"
    reason: str
    raw: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"
