"""Store: the same tests on SQLite and on PostgreSQL (``make test`` provides the server)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect

from marsad.model import EVENT_KEYS, Article, Event
from marsad.store import Store
from marsad.store.schema import EVENT_COLUMNS


def test_every_event_key_is_a_column() -> None:
    assert set(EVENT_COLUMNS) == set(EVENT_KEYS)


def test_tables_and_indexes_created(store: Store) -> None:
    insp = inspect(store.engine)
    assert {"articles", "events"} <= set(insp.get_table_names())
    indexed = {tuple(ix["column_names"]) for ix in insp.get_indexes("events")}
    assert {("event_date",), ("iso3",), ("event_type",)} <= indexed


def test_round_trip_arabic_evidence_and_json(
    store: Store, sample_article: Article, sample_events: list[Event]
) -> None:
    store.save(sample_article, sample_events)
    got = store.events()
    assert got == sample_events  # dated first, then undated; every field equal
    assert got[0].notes == sample_events[0].notes and "سرت" in got[0].notes
    assert got[0].evidence == {
        "event_type": [[7, 15]],
        "location": [[62, 65]],
        "fatalities": [[79, 83]],
    }
    assert got[0].fatalities_by_actor == {"Military Forces of Libya (2014-)": 5}
    assert got[1].event_date is None and got[1].civilian_targeting is True
    assert store.article(sample_article.id) == sample_article
    assert store.article("nope") is None
    assert (store.articles_count(), store.events_count()) == (1, 2)


def test_resave_replaces_events(
    store: Store, sample_article: Article, sample_events: list[Event], event_factory
) -> None:
    store.save(sample_article, sample_events)
    store.save(sample_article, sample_events)
    assert (store.articles_count(), store.events_count()) == (1, 2)
    replacement = event_factory(sample_article.id, 7, fatalities=9)
    store.save(sample_article, [replacement])
    assert store.events() == [replacement]
    store.save(sample_article, [])
    assert (store.articles_count(), store.events_count()) == (1, 0)


def test_save_is_one_transaction(
    store: Store, sample_article: Article, sample_events: list[Event], event_factory
) -> None:
    store.save(sample_article, sample_events)
    stray = event_factory("another-article", 0)  # wrong article: the whole save must roll back
    with pytest.raises(ValueError, match="another-article"):
        store.save(sample_article, [sample_events[0], stray])
    assert store.events() == sample_events


def test_filters(store: Store, event_factory) -> None:
    arts = [Article(id=f"a{i}", text=f"نص الخبر رقم {i}") for i in range(3)]
    evs = [
        event_factory("a0", 0, event_date="2016-06-20"),
        event_factory(
            "a1", 0, event_date="2016-07-02", event_type="Protests",
            sub_event_type="Peaceful protest", iso3="EGY", country="Egypt",
        ),
        event_factory("a2", 0, event_date="2016-06-25", iso3="YEM", country="Yemen"),
        event_factory("a2", 1, event_date=None, iso3="YEM", country="Yemen"),
    ]  # fmt: skip
    store.save_many([(arts[0], evs[:1]), (arts[1], evs[1:2]), (arts[2], evs[2:])], batch_size=2)
    ids = lambda found: [e.event_id for e in found]  # noqa: E731
    assert ids(store.events()) == [
        evs[0].event_id,
        evs[2].event_id,
        evs[1].event_id,
        evs[3].event_id,
    ]
    assert ids(store.events(country="yem")) == ids([evs[2], evs[3]])
    assert ids(store.events(country="Egypt")) == [evs[1].event_id]
    assert ids(store.events(event_type="Protests")) == [evs[1].event_id]
    assert ids(store.events(event_type="Armed clash")) == ids([evs[0], evs[2], evs[3]])
    assert ids(store.events(date_from="2016-06-21")) == ids([evs[2], evs[1]])
    assert ids(store.events(date_from=dt.date(2016, 6, 1), date_to=dt.date(2016, 6, 30))) == ids(
        [evs[0], evs[2]]
    )
    assert ids(store.events(article_id="a2")) == ids([evs[2], evs[3]])
    assert ids(store.events(limit=2, offset=1)) == ids([evs[2], evs[1]])
    assert store.events(country="IRQ") == []
    assert (store.articles_count(), store.events_count()) == (3, 4)


def test_save_many_batches_and_last_duplicate_wins(store: Store, event_factory) -> None:
    pairs = [
        (Article(id=f"b{i}", text=f"خبر عاجل رقم {i}"), [event_factory(f"b{i}", 0)])
        for i in range(25)
    ]
    newer = (Article(id="b3", text="نص محدث للخبر"), [event_factory("b3", 0, fatalities=1)])
    # b3 again in a later batch: written twice, stored once
    assert store.save_many([*pairs, newer], batch_size=10).articles == 26
    assert (store.articles_count(), store.events_count()) == (25, 25)
    assert store.article("b3").text == "نص محدث للخبر"
    assert [e.fatalities for e in store.events(article_id="b3")] == [1]
    # the same article twice in one batch: the last one is written
    assert store.save_many([newer, pairs[3]], batch_size=10).articles == 1
    assert store.article("b3").text == pairs[3][0].text
