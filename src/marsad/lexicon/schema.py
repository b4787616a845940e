"""Entry types of the lexicon and the checks every data file must pass."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from marsad.model import EVENT_TYPES

POS_VALUES = ("noun", "verb", "phrase")
GENERIC_KINDS = ("state", "police", "armed", "civilians", "protesters", "rioters")

_ISO3 = re.compile(r"^[A-Z]{3}$")


class LexiconError(ValueError):
    """A data file does not follow its format; the message names file and entry."""


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """A word or phrase that signals an event of one sub-event type."""

    ar: str
    norm: str
    event_type: str
    sub_event_type: str
    weight: float
    pos: str
    source_file: str


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A canonical actor with its Arabic aliases (``name`` may hold ``{country}``)."""

    name: str
    inter: int
    country: str | None
    generic: str | None
    aliases: tuple[str, ...]
    norm_aliases: tuple[str, ...]
    source_file: str


def _where(source: str, index: int, raw: Any) -> str:
    label = ""
    if isinstance(raw, dict):
        label = str(raw.get("ar") or raw.get("name") or "")
    return f"{source}: entry #{index + 1}" + (f" ({label})" if label else "")


def _text(value: Any, field: str, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise LexiconError(f"{where}: {field} must be a non-empty string, got {value!r}")
    return value.strip()


def _normalised(value: str, field: str, where: str, normalize: Callable[[str], str]) -> str:
    norm = normalize(value).strip()
    if not norm:
        raise LexiconError(f"{where}: {field} {value!r} normalises to an empty string")
    return norm


def parse_triggers(raw: Any, source: str, normalize: Callable[[str], str]) -> list[TriggerEntry]:
    """Check one trigger file (a YAML list) and build its entries."""
    if not isinstance(raw, list):
        raise LexiconError(f"{source}: a trigger file must be a YAML list")
    entries = []
    for i, item in enumerate(raw):
        where = _where(source, i, item)
        if not isinstance(item, dict):
            raise LexiconError(f"{where}: must be a mapping")
        unknown = set(item) - {"ar", "event_type", "sub_event_type", "weight", "pos"}
        if unknown:
            raise LexiconError(f"{where}: unknown keys {sorted(unknown)}")
        ar = _text(item.get("ar"), "ar", where)
        etype = _text(item.get("event_type"), "event_type", where)
        sub = _text(item.get("sub_event_type"), "sub_event_type", where)
        if etype not in EVENT_TYPES:
            raise LexiconError(f"{where}: unknown event_type {etype!r}")
        if sub not in EVENT_TYPES[etype]:
            raise LexiconError(f"{where}: unknown sub_event_type {sub!r} for {etype!r}")
        weight = item.get("weight", 1.0)
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise LexiconError(f"{where}: weight must be a number, got {weight!r}")
        if not 0.0 <= float(weight) <= 1.0:
            raise LexiconError(f"{where}: weight {weight} outside 0..1")
        pos = item.get("pos") or ("phrase" if " " in ar else "noun")
        if pos not in POS_VALUES:
            raise LexiconError(f"{where}: pos must be one of {POS_VALUES}, got {pos!r}")
        norm = _normalised(ar, "ar", where, normalize)
        entries.append(TriggerEntry(ar, norm, etype, sub, float(weight), pos, source))
    return entries


def parse_actors(raw: Any, source: str, normalize: Callable[[str], str]) -> list[ActorEntry]:
    """Check one actor file (a YAML list) and build its entries."""
    if not isinstance(raw, list):
        raise LexiconError(f"{source}: an actor file must be a YAML list")
    entries = []
    for i, item in enumerate(raw):
        where = _where(source, i, item)
        if not isinstance(item, dict):
            raise LexiconError(f"{where}: must be a mapping")
        unknown = set(item) - {"name", "inter", "country", "generic", "aliases"}
        if unknown:
            raise LexiconError(f"{where}: unknown keys {sorted(unknown)}")
        name = _text(item.get("name"), "name", where)
        inter = item.get("inter")
        if isinstance(inter, bool) or not isinstance(inter, int) or not 1 <= inter <= 8:
            raise LexiconError(f"{where}: inter must be an integer 1..8, got {inter!r}")
        country = item.get("country")
        if country is not None and (not isinstance(country, str) or not _ISO3.match(country)):
            raise LexiconError(f"{where}: country must be a 3-letter uppercase code or null")
        generic = item.get("generic")
        if generic is not None and generic not in GENERIC_KINDS:
            raise LexiconError(f"{where}: generic must be null or one of {GENERIC_KINDS}")
        aliases = item.get("aliases")
        if not isinstance(aliases, list) or not aliases:
            raise LexiconError(f"{where}: aliases must be a non-empty list")
        clean = tuple(_text(a, "alias", where) for a in aliases)
        norms: list[str] = []
        for alias in clean:
            norm = _normalised(alias, "alias", where, normalize)
            if norm not in norms:  # spelling variants collapse after normalising; keep one
                norms.append(norm)
        entries.append(ActorEntry(name, inter, country, generic, clean, tuple(norms), source))
    return entries


def check_unique_triggers(triggers: list[TriggerEntry]) -> None:
    """Two trigger entries may not normalise to the same phrase."""
    seen: dict[str, TriggerEntry] = {}
    for entry in triggers:
        other = seen.get(entry.norm)
        if other is not None:
            raise LexiconError(
                f"{entry.source_file}: duplicate trigger {entry.ar!r} (normalised "
                f"{entry.norm!r}) already defined as {other.ar!r} in {other.source_file}"
            )
        seen[entry.norm] = entry


def check_unique_actors(actors: list[ActorEntry]) -> None:
    """No two actors share a (name, country) or a normalised alias."""
    names: dict[tuple[str, str | None], ActorEntry] = {}
    owner: dict[str, ActorEntry] = {}
    for actor in actors:
        key = (actor.name, actor.country)
        if key in names:
            raise LexiconError(
                f"{actor.source_file}: actor {actor.name!r} ({actor.country}) defined twice "
                f"(also in {names[key].source_file})"
            )
        names[key] = actor
        for alias in actor.norm_aliases:
            other = owner.get(alias)
            if other is not None:
                raise LexiconError(
                    f"{actor.source_file}: alias {alias!r} of {actor.name!r} is already an "
                    f"alias of {other.name!r} ({other.source_file})"
                )
            owner[alias] = actor
