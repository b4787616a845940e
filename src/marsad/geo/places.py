"""Place and PlaceHit: what the gazetteer knows and what a scan finds."""

from __future__ import annotations

from dataclasses import dataclass

FEATURES = (
    "country",
    "admin1",
    "city",
    "district",
    "village",
    "camp",
    "base",
    "crossing",
    "landmark",
    "region",
)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry; names in English as ACLED writes them."""

    name: str
    name_ar: str
    iso3: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    feature: str
    population: int = 0
    geonameid: int | None = None
    parent: str | None = None
    capital: bool = False  # the country's capital city (wins a name shared with smaller towns)


@dataclass(frozen=True, slots=True)
class PlaceHit:
    """A place name found in normalised text at ``[nstart, nend)``.

    ``is_adjective`` marks a demonym (الليبية): context, not an event location.
    ``qualifier`` is the normalised qualifier word right before the name
    (مدينه, محافظه, ...), if any.
    ``evidence`` says why the name is read as a place: ``qualifier``, ``locative`` (a
    preposition or direction word before it, or a glued ب), ``coordinated`` (listed with
    such a place), ``country`` (a candidate in a country the article names), ``prominent``
    (a province, capital, curated or large town), ``translit`` (a qualified name matched
    by consonant skeleton), ``country-name``. ``context_only`` hits are not locations —
    an organisation's or a person's name (``evidence`` ``organisation`` / ``person``) or a
    small place's name with no evidence (``none``) — but an organisation hit still
    tells which country the article is about.
    """

    nstart: int
    nend: int
    text: str
    candidates: tuple[Place, ...]
    is_adjective: bool = False
    qualifier: str | None = None
    evidence: str = ""
    context_only: bool = False
