"""Parquet tables: every FORMATS §2 key, exact round-trips, atomic writes."""

from __future__ import annotations

import pyarrow.parquet as pq

from marsad.batch.tables import (
    EVENT_SCHEMA,
    articles_from_table,
    articles_to_table,
    events_from_table,
    events_to_table,
    read_events,
    rejects_from_table,
    rejects_to_table,
    write_atomic,
)
from marsad.model import EVENT_KEYS, Article, Event, Reject

from .conftest import EXAMPLES, reference_events


def _full_event() -> Event:
    return Event(
        event_id="mrsd-0123456789abcdef",
        article_id="a-1",
        event_date="2019-04-10",
        time_precision=1,
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Military Forces of Iraq (2014-)",
        actor2="Islamic State (Iraq)",
        actor1_ar="الجيش العراقي",
        actor2_ar="داعش",
        assoc_actor_1="A; B",
        assoc_actor_2=None,
        inter1=1,
        inter2=2,
        interaction=12,
        civilian_targeting=True,
        location="Ramadi",
        location_ar="الرمادي",
        country="Iraq",
        iso3="IRQ",
        admin1="Al Anbar",
        latitude=33.42056,
        longitude=43.30778,
        geo_precision=1,
        fatalities=4,
        injured=6,
        fatalities_by_actor={"الشرطة": 4, "مسلحين": 0},
        source="wire",
        source_url="https://example.org/1",
        sources=["a-1", "a-2"],
        source_count=2,
        notes="جملة أولى.\nجملة ثانية.",
        evidence={"event_type": [[10, 18]], "location": [[40, 47], [90, 97]]},
        confidence=0.8125,
    )


def test_schema_has_every_event_key_in_order():
    assert tuple(EVENT_SCHEMA.names) == EVENT_KEYS


def test_event_round_trip_is_exact(tmp_path, pipeline):
    minimal = Event(
        event_id="e",
        article_id="a",
        disorder_type="Demonstrations",
        event_type="Protests",
        sub_event_type="Peaceful protest",
    )
    events = [_full_event(), minimal, *reference_events([EXAMPLES], pipeline)]
    path = tmp_path / "events.parquet"
    write_atomic(events_to_table(events), path)
    back = read_events(path)
    assert back == events
    assert [e.model_dump() for e in back] == [e.model_dump() for e in events]


def test_empty_partition_keeps_the_schema(tmp_path):
    path = tmp_path / "events-00000.parquet"
    write_atomic(events_to_table([]), path)
    assert pq.read_schema(path).names == list(EVENT_KEYS)
    assert events_from_table(pq.read_table(path)) == []


def test_rejects_and_articles_round_trip():
    rejects = [
        Reject("f.jsonl:3", "invalid JSON: x", raw="{bad", extra={"line": 3}),
        Reject("f.jsonl:9", "empty text"),
    ]
    assert rejects_from_table(rejects_to_table(rejects)) == rejects
    articles = [
        Article(id="x", text="نص", published="2015-08-09", source="s"),
        Article(text="نص آخر"),
    ]
    assert articles_from_table(articles_to_table(articles)) == articles


def test_write_atomic_leaves_no_temporary(tmp_path):
    path = tmp_path / "events-00001.parquet"
    write_atomic(events_to_table([_full_event()]), path, {"marsad.events": "1"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    assert pq.read_schema(path).metadata[b"marsad.events"] == b"1"
