"""Store → rows an ACLED user can drop into their tools (one per cluster, or per report).

Columns: ACLED's 31 in ACLED's order, then marsad's: ``notes_ar``,
``article_ids``, ``source_urls``, ``confidence``, ``source_count``,
``fatalities_high``, ``injured``, ``event_ids``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from marsad.export.acled import ACLED_COLUMNS, countries
from marsad.link.report import km_between
from marsad.model import Event, interaction_code

EXTRA_COLUMNS = (
    "notes_ar",
    "article_ids",
    "source_urls",
    "confidence",
    "source_count",
    "fatalities_high",
    "injured",
    "event_ids",
)
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS
UNIDENTIFIED = "Unidentified Armed Group ({country})"
ADMIN_MAX_KM = 100.0  # nearest place with a known first-level unit, at most this far


@cache
def outlets() -> dict[str, tuple[str, str, str]]:
    """slug → (name, home iso3, reach) from ``data/outlets.tsv``."""
    table = {}
    raw = files("marsad.export").joinpath("data/outlets.tsv").read_text(encoding="utf-8")
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            slug, name, home, reach = line.split("\t")
            if reach not in ("national", "regional"):
                raise ValueError(f"outlets.tsv: reach of {slug!r} must be national or regional")
            table[slug] = (name, home, reach)
    return table


@cache
def note_templates() -> dict[str, str]:
    raw = files("marsad.export").joinpath("data/notes_en.yaml").read_text(encoding="utf-8")
    return yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def _admin_places() -> dict[str, list[tuple[float, float, str, str | None]]]:
    from marsad.geo.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    by_country: dict[str, list[tuple[float, float, str, str | None]]] = {}
    for idx in range(len(gaz)):
        place = gaz.place(idx)
        if place.admin1:
            by_country.setdefault(place.iso3, []).append(
                (place.lat, place.lon, place.admin1, place.parent)
            )
    return by_country


def admin_units(
    iso3: str | None, lat: float | None, lon: float | None, admin1: str | None
) -> tuple[str | None, str | None]:
    """(admin1, admin2) of a point: the coded admin1, else the nearest known place's."""
    if not iso3 or lat is None or lon is None:
        return admin1, None
    best: tuple[float, str, str | None] | None = None
    for plat, plon, unit, parent in _admin_places().get(iso3, ()):
        if abs(plat - lat) > 1.5 or abs(plon - lon) > 1.5:
            continue
        km = km_between(lat, lon, plat, plon)
        if km <= ADMIN_MAX_KM and (best is None or km < best[0]):
            best = (km, unit, parent)
    if best is None:
        return admin1, None
    admin2 = best[2] if best[0] <= 1.0 else None
    return admin1 or best[1], admin2


def source_names(slugs: list[str]) -> str:
    return "; ".join(outlets().get(s, (s, "", ""))[0] for s in slugs)


def source_scale(slugs: list[str], iso3: str | None) -> str:
    """ACLED's scale of the sources relative to the event's country."""
    region = countries().get(iso3 or "", (None, None))[1]
    scales = set()
    for slug in slugs:
        _name, home, reach = outlets().get(slug, (slug, "", ""))
        if not home:
            continue
        if home == iso3 and reach == "national":
            scales.add("National")
        elif countries().get(home, (None, None))[1] == region and region:
            scales.add("Regional")
        else:
            scales.add("International")
    order = ("National", "Regional", "International")
    return "-".join(s for s in order if s in scales)


def english_notes(row: dict[str, Any]) -> str:
    """One English sentence pair from the coded fields: date, place, actors, act, toll, sources."""
    a1 = row["actor1"] or "an unidentified group"
    a2 = row["actor2"]
    template = note_templates().get(row["sub_event_type"], "{a1} was involved in an event")
    act = template.format(a1=a1, a2=a2 or "unidentified people", on_a2=f" on {a2}" if a2 else "")
    place = ", ".join(p for p in (row["location"], row["admin1"], row["country"]) if p)
    when = row["event_date"] or "an unknown date"
    if row["time_precision"] == 2:
        when = f"the week of {when}"
    elif row["time_precision"] == 3:
        when = f"the month of {when[:7] if row['event_date'] else 'an unknown date'}"
    toll = f" {row['fatalities']} killed" if row["fatalities"] else " No fatalities reported"
    if row["fatalities_high"] and row["fatalities_high"] > row["fatalities"]:
        toll += f" (reports range up to {row['fatalities_high']})"
    if row["injured"]:
        toll += f", {row['injured']} injured"
    n = row["source_count"]
    sources = (
        f" Reported by {n} source{'s' if n != 1 else ''}: {row['source']}." if row["source"] else ""
    )
    return f"On {when}, {act}" + (f" in {place}" if place else "") + f".{toll}.{sources}"


def _date(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def cluster_row(cluster: dict[str, Any]) -> dict[str, Any]:
    """One cluster as an export row (unescaped Python values; None where unknown)."""
    iso, region = countries().get(cluster["iso3"] or "", (None, None))
    country = cluster["country"] or "Unknown"
    actor1, inter1 = cluster["actor1"], cluster["inter1"]
    if not actor1:
        actor1, inter1 = UNIDENTIFIED.format(country=country), 3
    inter2 = cluster["inter2"] if cluster["actor2"] else 0
    admin1, admin2 = admin_units(
        cluster["iso3"], cluster["latitude"], cluster["longitude"], cluster["admin1"]
    )
    date = _date(cluster["event_date"])
    updated = cluster.get("updated_at")
    row: dict[str, Any] = {
        "event_id_cnty": cluster["cluster_id"],
        "event_date": date,
        "year": int(date[:4]) if date else None,
        "time_precision": cluster["time_precision"],
        "disorder_type": cluster["disorder_type"],
        "event_type": cluster["event_type"],
        "sub_event_type": cluster["sub_event_type"],
        "actor1": actor1,
        "assoc_actor_1": cluster["assoc_actor_1"],
        "inter1": inter1,
        "actor2": cluster["actor2"],
        "assoc_actor_2": cluster["assoc_actor_2"],
        "inter2": inter2,
        "interaction": interaction_code(inter1, inter2 or None) if inter1 is not None else None,
        "civilian_targeting": "Civilian targeting" if cluster["civilian_targeting"] else None,
        "iso": iso,
        "region": region,
        "country": cluster["country"],
        "admin1": admin1,
        "admin2": admin2,
        "admin3": None,
        "location": cluster["location"] or cluster["location_ar"],
        "latitude": cluster["latitude"],
        "longitude": cluster["longitude"],
        "geo_precision": cluster["geo_precision"],
        "source": source_names(cluster["outlets"]),
        "source_scale": source_scale(cluster["outlets"], cluster["iso3"]),
        "notes": "",
        "fatalities": cluster["fatalities"],
        "tags": None,
        "timestamp": int(updated.timestamp()) if updated else None,
        "notes_ar": cluster["notes"],
        "article_ids": "; ".join(cluster["sources"]),
        "source_urls": "; ".join(cluster["source_urls"]),
        "confidence": cluster["confidence"],
        "source_count": cluster["source_count"],
        "fatalities_high": cluster["fatalities_high"],
        "injured": cluster["injured"],
        "event_ids": "; ".join(cluster["event_ids"]),
    }
    row["notes"] = english_notes({**row, "actor1": cluster["actor1"], "admin1": admin1})
    return row


def report_as_cluster(event: Event, updated: dt.datetime | None = None) -> dict[str, Any]:
    """One report shaped like a cluster of one (for ``--reports`` exports)."""
    values = event.model_dump()
    return {
        **values,
        "cluster_id": event.event_id,
        "event_date": event.event_date,
        "fatalities_high": event.fatalities,
        "outlets": [event.source] if event.source else [],
        "sources": [event.article_id],
        "source_urls": [event.source_url] if event.source_url else [],
        "event_ids": [event.event_id],
        "updated_at": updated,
    }
