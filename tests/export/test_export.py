"""Exports: JSONL round trip, ACLED CSV header and values, the rich table."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from rich.console import Console

from marsad.export import (
    ACLED_COLUMNS,
    events_table,
    read_events_jsonl,
    write_acled_csv,
    write_events_jsonl,
)
from marsad.model import EVENT_KEYS, Event

FORMATS_ACLED = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
)


def test_jsonl_round_trip(tmp_path: Path, sample_events: list[Event]) -> None:
    path = tmp_path / "events.jsonl"
    assert write_events_jsonl(sample_events, path) == 2
    raw = path.read_text(encoding="utf-8")
    assert "سرت" in raw and "\\u" not in raw  # Arabic written as is
    lines = [json.loads(line) for line in raw.splitlines()]
    assert [list(obj) for obj in lines] == [list(EVENT_KEYS)] * 2  # every key, nulls included
    assert lines[1]["event_date"] is None and lines[1]["actor2"] is None
    assert read_events_jsonl(path) == sample_events
    assert [Event(**obj) for obj in lines] == sample_events


def test_jsonl_to_open_file(sample_events: list[Event]) -> None:
    buf = io.StringIO()
    write_events_jsonl(iter(sample_events), buf)
    assert not buf.closed and len(buf.getvalue().splitlines()) == 2


def test_acled_csv_header_and_row(tmp_path: Path, sample_events: list[Event]) -> None:
    path = tmp_path / "events.csv"
    assert write_acled_csv(sample_events, path, timestamp=1466812800) == 2
    with path.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert ",".join(header) == FORMATS_ACLED == ",".join(ACLED_COLUMNS)
    with path.open(encoding="utf-8", newline="") as fh:
        clash, strike = list(csv.DictReader(fh))
    assert clash["event_id_cnty"] == sample_events[0].event_id
    assert (clash["event_date"], clash["year"], clash["time_precision"]) == (
        "2016-06-24",
        "2016",
        "1",
    )
    assert clash["disorder_type"] == "Political violence"
    assert (clash["event_type"], clash["sub_event_type"]) == ("Battles", "Armed clash")
    assert (clash["inter1"], clash["inter2"], clash["interaction"]) == ("1", "3", "13")
    assert clash["civilian_targeting"] == ""
    assert (clash["iso"], clash["region"], clash["country"]) == ("434", "Northern Africa", "Libya")
    assert (clash["location"], clash["latitude"], clash["longitude"]) == (
        "Sirte",
        "31.2089",
        "16.5887",
    )
    assert clash["notes"] == sample_events[0].notes  # Arabic with its comma survives quoting
    assert (clash["fatalities"], clash["timestamp"], clash["admin2"]) == ("5", "1466812800", "")
    assert strike["civilian_targeting"] == "Civilian targeting"
    assert (strike["iso"], strike["region"]) == ("760", "Middle East")
    assert (strike["event_date"], strike["year"], strike["actor2"]) == ("", "", "")


def test_acled_csv_unknown_country_is_empty(event_factory) -> None:
    buf = io.StringIO()
    write_acled_csv([event_factory("x", 0, iso3=None, country=None)], buf, timestamp=0)
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert (row["iso"], row["region"], row["country"]) == ("", "", "")


def test_table_renders_arabic(sample_events: list[Event], event_factory) -> None:
    odd = event_factory("y", 0, actor1=None, actor1_ar="مسلحون [aqap] مجهولون", location=None)
    out = io.StringIO()
    Console(file=out, width=160, color_system=None).print(events_table([*sample_events, odd]))
    text = out.getvalue()
    assert "Sirte (سرت)" in text and "Armed clash" in text and "Air/drone strike" in text
    assert "مسلحون [aqap] مجهولون" in text  # brackets in data are not taken for markup
    assert "0.83" in text and "LBY" in text
