"""Corrections: recorded, applied, and kept through re-extraction and re-linking."""

from __future__ import annotations

import pytest

from marsad.model import Article
from marsad.store import Store, StoreError, UnknownIdError
from marsad.store.corrections import correct, list_corrections, reviewed
from tests.link.test_link import three_reports


def seed(store: Store) -> list:
    reports = three_reports()
    for ev in reports:
        store.save(Article(id=ev.article_id, text=f"نص {ev.article_id}", source="x"), [ev])
    return reports


def test_field_correction_survives_reextraction_and_relink(store: Store) -> None:
    reports = seed(store)
    [cluster] = store.clusters()
    correct(
        store,
        cluster["cluster_id"],
        changes={"fatalities": "31"},
        note="hospital list",
        author="analyst",
    )
    correct(store, reports[1].event_id, changes={"location": "Hillah market"})
    assert store.clusters()[0]["fatalities"] == 31
    again = reports[1]
    store.save(Article(id=again.article_id, text=f"نص {again.article_id}", source="x"), [again])
    store.relink_all()
    [cluster] = store.clusters()
    assert cluster["fatalities"] == 31 and cluster["source_count"] == 3
    assert [e.location for e in store.events(article_id=again.article_id)] == ["Hillah market"]
    listed = list_corrections(store)
    assert [(c["field"], c["value"], c["author"]) for c in listed] == [
        ("fatalities", 31, "analyst"),
        ("location", "Hillah market", listed[1]["author"]),
    ]
    assert listed[0]["note"] == "hospital list" and listed[0]["created_at"] is not None


def test_split_merge_delete(store: Store) -> None:
    reports = seed(store)
    [cluster] = store.clusters()
    correct(store, cluster["cluster_id"], split=[reports[2].event_id], note="other market")
    assert sorted(len(c["event_ids"]) for c in store.clusters()) == [1, 2]
    store.relink_all()
    assert sorted(len(c["event_ids"]) for c in store.clusters()) == [1, 2]
    lone = next(c for c in store.clusters() if len(c["event_ids"]) == 1)
    pair = next(c for c in store.clusters() if len(c["event_ids"]) == 2)
    correct(store, lone["cluster_id"], merge_with=pair["cluster_id"])
    assert [len(c["event_ids"]) for c in store.clusters()] == [3]
    correct(store, store.clusters()[0]["cluster_id"], delete=True)
    assert store.clusters() == [] and store.events_count() == 3
    correct(store, reports[0].event_id, delete=True)
    assert len(store.events()) == 2


def test_bad_corrections_are_clear_and_change_nothing(store: Store) -> None:
    seed(store)
    before = store.clusters()
    with pytest.raises(UnknownIdError, match="no event or cluster with id 'nope'"):
        correct(store, "nope", changes={"fatalities": "3"})
    with pytest.raises(StoreError, match="not a valid"):
        correct(store, before[0]["cluster_id"], changes={"fatalities": "many"})
    with pytest.raises(StoreError, match="cannot be corrected"):
        correct(store, before[0]["cluster_id"], changes={"colour": "red"})
    assert store.clusters() == before and list_corrections(store) == []


def test_accept_changes_nothing_but_marks_the_reports_reviewed(store: Store) -> None:
    reports = seed(store)
    before = _fields(store)
    [cluster] = store.clusters()
    assert reviewed(store) == set()
    correct(store, cluster["cluster_id"], accept=True, note="matches the agency wire", author="a")
    assert store.clusters() == [cluster]  # not even re-stamped: exports see no change
    assert reviewed(store) == {r.event_id for r in reports}
    [accepted] = list_corrections(store)
    assert (accepted["action"], accepted["field"], accepted["author"]) == ("accept", None, "a")
    store.relink_all()
    assert _fields(store) == before


def _fields(store: Store) -> list[dict]:
    """The clusters without their bookkeeping times (a re-link stamps them anew)."""
    return [{k: v for k, v in c.items() if not k.endswith("_at")} for c in store.clusters()]
