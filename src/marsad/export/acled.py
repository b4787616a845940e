"""Events → CSV with ACLED's column names (FORMATS §2)."""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import IO

from marsad.export._io import text_out
from marsad.model import Event

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip


@cache
def countries() -> dict[str, tuple[int, str]]:
    """iso3 → (ISO 3166-1 numeric code, ACLED region), from ``data/countries.tsv``."""
    table: dict[str, tuple[int, str]] = {}
    text = files("marsad.export").joinpath("data/countries.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso3, numeric, region, _name = line.split("\t")
        table[iso3] = (int(numeric), region)
    return table


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value  # a spreadsheet would run it as a formula
    return value


def acled_row(event: Event, timestamp: int) -> dict[str, object]:
    """One event as a dict keyed by ACLED column; unknowns are empty strings."""
    iso, region = countries().get(event.iso3 or "", (None, None))
    row = {
        "event_id_cnty": event.event_id,
        "event_date": event.event_date,
        "year": event.event_date[:4] if event.event_date else None,
        "time_precision": event.time_precision,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1 or f"Unidentified Armed Group ({event.country or 'Unknown'})",
        "assoc_actor_1": event.assoc_actor_1,
        "inter1": event.inter1,
        "actor2": event.actor2,
        "assoc_actor_2": event.assoc_actor_2,
        "inter2": event.inter2 if event.actor2 else 0,
        "interaction": event.interaction,
        # ACLED writes the words, or nothing
        "civilian_targeting": "Civilian targeting" if event.civilian_targeting else None,
        "iso": iso,
        "region": region,
        "country": event.country,
        "admin1": event.admin1,
        "admin2": None,
        "admin3": None,
        "location": event.location or event.location_ar,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "geo_precision": event.geo_precision,
        "source": event.source,
        "source_scale": None,
        "notes": event.notes,
        "fatalities": event.fatalities,
        "tags": None,
        "timestamp": timestamp,
    }
    return {key: _cell(value) for key, value in row.items()}


def write_acled_csv(
    events: Iterable[Event], path_or_file: str | Path | IO[str], *, timestamp: int | None = None
) -> int:
    """Write a header and one row per event (UTF-8); return the number of rows.

    ``timestamp`` (ACLED: when the row was last changed, Unix seconds) defaults to now.
    """
    stamp = int(time.time()) if timestamp is None else timestamp
    count = 0
    with text_out(path_or_file, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        for event in events:
            writer.writerow(acled_row(event, stamp))
            count += 1
    return count
