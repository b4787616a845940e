"""Linking: one act reported by three outlets is one cluster; different acts stay apart;
arrival order never changes the clusters; the rules file is checked on load."""

from __future__ import annotations

import itertools
import random

import pytest

from marsad.link import ArticleSources, Constraints, Outlet, link_events, load_rules
from marsad.link.index import GridIndex
from marsad.link.report import report_of
from marsad.link.rules import parse_rules
from tests.conftest import make_event

BOMBING = dict(
    event_date="2015-07-23",
    time_precision=1,
    event_type="Explosions/Remote violence",
    sub_event_type="Suicide bomb",
    iso3="IRQ",
    country="Iraq",
    admin1="Babylon",
    actor2="Civilians (Iraq)",
    inter2=7,
    inter1=2,
    actor1="Islamic State",
)
HILLAH = dict(location="Al Hillah", latitude=32.46367, longitude=44.41963, geo_precision=1)
BABYLON = dict(location="Babylon", latitude=32.4637, longitude=44.4196, geo_precision=3)


def three_reports():
    """Three outlets, different wording: one names only the province, one has a higher toll,
    one leaves the attacker unnamed."""
    return [
        make_event(
            "okaz-1",
            0,
            **{
                **BOMBING,
                **HILLAH,
                "fatalities": 30,
                "injured": 50,
                "actor1": "Unidentified Armed Group (Iraq)",
                "inter1": 3,
            },
        ),
        make_event("sabq-1", 0, **{**BOMBING, **HILLAH}, fatalities=35, injured=0),
        make_event("aawsat-1", 0, **{**BOMBING, **BABYLON}, fatalities=32, injured=40),
    ]


def outlets(events):
    return {
        e.article_id: ArticleSources(
            [
                Outlet(
                    e.article_id,
                    e.article_id.split("-")[0],
                    f"https://example.org/{e.article_id}",
                    None,
                )
            ]
        )
        for e in events
    }


def test_three_outlets_one_bombing_one_cluster() -> None:
    reports = three_reports()
    [cluster] = link_events(reports, outlets(reports))
    assert cluster["source_count"] == 3
    assert cluster["fatalities"] == 30 and cluster["fatalities_high"] == 35  # ACLED: lowest
    assert cluster["injured"] == 40  # a report naming no injured claims none
    assert cluster["location"] == "Al Hillah" and cluster["geo_precision"] == 1  # most specific
    assert cluster["actor1"] == "Islamic State"  # the named side beats an unidentified one
    assert cluster["outlets"] == ["aawsat", "okaz", "sabq"]
    assert sorted(cluster["event_ids"]) == sorted(e.event_id for e in reports)


def test_two_clashes_same_day_same_city_stay_two() -> None:
    clash = dict(
        event_date="2015-07-23",
        time_precision=1,
        event_type="Battles",
        sub_event_type="Armed clash",
        iso3="YEM",
        country="Yemen",
        admin1="Aden",
        latitude=12.78,
        longitude=45.03,
        geo_precision=1,
        location="Aden",
    )
    a = make_event(
        "okaz-2",
        0,
        **clash,
        actor1="Military Forces of Yemen (2012-)",
        inter1=1,
        actor2="Houthi Movement",
        inter2=2,
    )
    b = make_event(
        "sabq-2", 0, **clash, actor1="Al Qaeda", inter1=2, actor2="Security Belt Forces", inter2=3
    )
    assert len(link_events([a, b])) == 2
    # the same clash with the sides swapped is one act (Battles have no order)
    c = make_event(
        "alyaum-2",
        0,
        **clash,
        actor1="Houthi Movement",
        inter1=2,
        actor2="Military Forces of Yemen (2012-)",
        inter2=1,
    )
    assert len(link_events([a, b, c])) == 2


@pytest.mark.parametrize(
    "change",
    [
        {"event_date": "2015-07-25"},  # two days later
        {"latitude": 33.3, "longitude": 44.4},  # Baghdad, 90 km away
        {"sub_event_type": "Air/drone strike"},  # another kind of act
        {"actor1": "Jaish al Mahdi"},  # another named attacker
        {"iso3": "SYR", "country": "Syria"},
    ],
)
def test_a_different_act_is_not_merged(change) -> None:
    _, sabq, _ = three_reports()
    copy = {"article_id": "alyaum-1", "event_id": "mrsd-copy"}
    assert len(link_events([sabq, sabq.model_copy(update=copy)])) == 1
    assert len(link_events([sabq, sabq.model_copy(update={**copy, **change})])) == 2


def test_one_article_never_merges_with_itself() -> None:
    a, b, _ = three_reports()
    same_article = b.model_copy(update={"article_id": a.article_id, "event_id": "other"})
    assert len(link_events([a, same_article])) == 2


def test_arrival_order_does_not_change_clusters() -> None:
    rnd = random.Random(7)
    events = three_reports()
    for day in range(5):  # a busy week of strikes around one city, some vague
        for n in range(4):
            events.append(
                make_event(
                    f"art-{day}-{n}",
                    0,
                    **{
                        **BOMBING,
                        **HILLAH,
                        "event_date": f"2015-07-{10 + day:02d}",
                        "latitude": 32.46 + rnd.uniform(-0.2, 0.2),
                        "longitude": 44.42 + rnd.uniform(-0.2, 0.2),
                        "time_precision": rnd.choice([1, 1, 2]),
                        "actor1": rnd.choice(["Islamic State", None]),
                    },
                )
            )
    reference = link_events(events)
    assert 1 < len(reference) < len(events)
    for _ in range(10):
        shuffled = events[:]
        rnd.shuffle(shuffled)
        assert link_events(shuffled) == reference


def test_constraints_merge_and_split() -> None:
    a, b, c = three_reports()
    apart = Constraints.build([], [(a.event_id, b.event_id), (a.event_id, c.event_id)])
    assert sorted(len(x["event_ids"]) for x in link_events([a, b, c], constraints=apart)) == [1, 2]
    far = c.model_copy(update={"latitude": 30.0, "longitude": 47.8, "admin1": "Basra"})
    assert len(link_events([a, far])) == 2
    forced = Constraints.build([[a.event_id, far.event_id]], [])
    assert len(link_events([a, far], constraints=forced)) == 1


def test_index_gives_only_nearby_same_day_candidates() -> None:
    rules = load_rules()
    index = GridIndex(rules.cell_degrees)
    a, b, c = (report_of(e, rules) for e in three_reports())
    elsewhere = report_of(
        three_reports()[0].model_copy(
            update={"event_id": "far", "latitude": 15.3, "longitude": 44.2}
        ),
        rules,
    )
    later = report_of(
        three_reports()[0].model_copy(update={"event_id": "late", "event_date": "2015-08-20"}),
        rules,
    )
    index.extend([b, c, elsewhere, later])
    assert {r.event_id for r in index.candidates(a)} == {b.event_id, c.event_id}


def test_rules_file_is_checked() -> None:
    good = {
        "compatible_sub_types": [["Armed clash", "Government regains territory"]],
        "date_span_before": {1: 0, 2: 3, 3: 15},
        "date_span_after": {1: 0, 2: 0, 3: 15},
        "max_km": {1: 12, 2: 30, 3: 160},
        "cell_degrees": 1.5,
        "generic_actor_prefixes": ["Unidentified"],
        "unordered_sides": ["Battles"],
    }
    assert parse_rules(good).sub_types_compatible("Armed clash", "Government regains territory")
    for bad in (
        {"compatible_sub_types": [["Armed clash", "Suicide bomb"]]},
        {"compatible_sub_types": [["Armed klash"]]},
        {"cell_degrees": 0.5},
        {"max_km": {1: 12, 2: 30}},
    ):
        with pytest.raises(ValueError, match="link.yaml"):
            parse_rules({**good, **bad})


def test_every_pair_order_gives_the_same_cluster_rows() -> None:
    reports = three_reports()
    rows = [link_events(list(p), outlets(reports)) for p in itertools.permutations(reports)]
    assert all(r == rows[0] for r in rows)


def test_link_over_batch_output(tmp_path) -> None:
    import pyarrow.parquet as pq

    from marsad.batch.tables import (
        articles_to_table,
        events_to_table,
        partition_path,
        write_atomic,
    )
    from marsad.model import Article
    from marsad.store.batchlink import link_batch_folder

    reports = three_reports()
    arts = [Article(id=e.article_id, text=f"نص {e.article_id}", source="x") for e in reports]
    arts.append(Article(id="copy-1", text="نص okaz-1", source="alyaum"))  # wire copy of okaz-1
    for kind, table in (
        ("articles", articles_to_table(arts)),
        ("events", events_to_table(reports)),
    ):
        path = partition_path(tmp_path, kind, "00000")
        path.parent.mkdir(parents=True)
        write_atomic(table, path)
    events, clusters, path = link_batch_folder(tmp_path)
    assert (events, clusters) == (3, 1)
    [row] = pq.read_table(path).to_pylist()
    assert row["source_count"] == 4 and "copy-1" in row["sources"]


def test_a_lone_low_early_toll_is_not_the_credible_figure() -> None:
    from marsad.link.merge import _conservative

    assert _conservative([30, 27, 30, 12, 27, 0]) == (27, 30)  # two reports agree on 27
    assert _conservative([10] * 52 + [1, 1] + [13] * 15 + list(range(14, 40)), 0.1) == (10, 39)
    assert _conservative([30, 35, 32]) == (30, 35)  # none agree: the lowest
    assert _conservative([0, 0]) == (0, 0)
    assert _conservative([5, 9]) == (5, 9)


def test_a_report_placed_only_in_a_country_stays_alone() -> None:
    a, b, _ = three_reports()
    country_only = b.model_copy(
        update={
            "location": "Iraq",
            "admin1": None,
            "geo_precision": 3,
            "latitude": 33.34,
            "longitude": 44.40,
        }
    )
    assert len(link_events([a, country_only])) == 2
    province = country_only.model_copy(
        update={"admin1": "Babylon", "latitude": 32.46, "longitude": 44.42}
    )
    assert len(link_events([a, province])) == 1
