"""FORMATS §4 scoring with hand-made gold and predictions (no extractor)."""

from __future__ import annotations

import json
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from marsad.evaluate import (
    EvaluationReport,
    GoldArticle,
    GoldEvent,
    GoldFormatError,
    actor_ok,
    evaluate,
    great_circle_km,
    load_gold,
    score,
    scoring_form,
)
from marsad.model import Article, Event, disorder_type_for

DATA = Path(__file__).parent / "data" / "eval"
SHARED_GOLD = Path(__file__).resolve().parents[1] / ".." / "shared" / "gold"
KM_PER_DEG_LAT = great_circle_km(0.0, 0.0, 1.0, 0.0)
_ids = count()

# The default gold point (northern Syria); tests move predictions away from it.
LAT, LON = 36.2, 37.15


def gold_event(**kw: Any) -> GoldEvent:
    base: dict[str, Any] = {
        "gold_id": f"g{next(_ids)}",
        "required": True,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "event_date": "2020-03-10",
        "country": "SYR",
        "location_names": ["حلب"],
        "latitude": LAT,
        "longitude": LON,
        "actor1_mentions": ["قوات النظام", "الجيش السوري"],
        "actor2_mentions": ["فصائل المعارضة"],
        "inter1": [1],
        "inter2": [2],
        "fatalities": [3, 5],
        "injured": [0, 2],
    }
    base.update(kw)
    return GoldEvent.model_validate(base)


def pred_for(g: GoldEvent, article_id: str = "a1", **kw: Any) -> Event:
    """An Event that agrees with ``g`` everywhere, then overridden by ``kw``."""
    base: dict[str, Any] = {
        "event_id": f"p{next(_ids)}",
        "article_id": article_id,
        "event_date": g.event_date.isoformat() if g.event_date else None,
        "disorder_type": disorder_type_for(g.event_type, g.sub_event_type),
        "event_type": g.event_type,
        "sub_event_type": g.sub_event_type,
        "actor1_ar": g.actor1_mentions[0] if g.actor1_mentions else None,
        "actor2_ar": g.actor2_mentions[0] if g.actor2_mentions else None,
        "inter1": g.inter1[0] if g.inter1 else None,
        "inter2": g.inter2[0] if g.inter2 else None,
        "iso3": g.country,
        "latitude": g.latitude,
        "longitude": g.longitude,
        "fatalities": g.fatalities[0],
        "injured": g.injured[0],
        "notes": "جملة الخبر",
    }
    base.update(kw)
    if "sub_event_type" in kw or "event_type" in kw:
        base["disorder_type"] = disorder_type_for(base["event_type"], base["sub_event_type"])
    return Event(**base)


def gold_article(events: list[GoldEvent], aid: str = "a1") -> GoldArticle:
    art = Article(id=aid, text="نص تجريبي قصير عن حدث ما.", published="2020-03-11")
    return GoldArticle(article=art, events=events)


def score_one(events: list[GoldEvent], preds: list[Event]) -> EvaluationReport:
    return score([gold_article(events)], {"a1": preds})


# ---------------------------------------------------------------- detection


def test_perfect_predictions_score_one() -> None:
    golds = [
        gold_event(),
        gold_event(
            event_type="Protests",
            sub_event_type="Peaceful protest",
            actor1_mentions=["المحتجين"],
            actor2_mentions=[],
            inter1=[6],
            inter2=[],
            fatalities=[0, 0],
            injured=[0, 0],
        ),
    ]
    report = score_one(golds, [pred_for(g) for g in golds])
    assert (report.tp, report.fp, report.fn) == (2, 0, 0)
    assert report.precision == report.recall == report.f1 == 1.0
    assert all(s.ratio == 1.0 and s.total == 2 for s in report.fields.values())
    assert report.median_km == pytest.approx(0.0)
    assert report.misses == [] and report.false_alarms == []


@pytest.mark.parametrize(
    ("gold_kw", "pred_kw"),
    [
        ({}, {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}),
        ({}, {"latitude": LAT + 30 / KM_PER_DEG_LAT}),  # 30 km north, default max_km 25
        ({"max_km": 10}, {"latitude": LAT + 12 / KM_PER_DEG_LAT}),
        ({}, {"event_date": "2020-03-11"}),  # tolerance 0
        ({"date_tolerance_days": 1}, {"event_date": "2020-03-12"}),
        ({}, {"event_date": None}),  # gold dated, prediction not
        ({}, {"iso3": None}),
        ({}, {"iso3": "IRQ"}),
        ({}, {"latitude": None, "longitude": None}),
    ],
    ids=[
        "type",
        "30km",
        "max_km",
        "date+1",
        "date+2-tol1",
        "null-date",
        "no-iso3",
        "iso3",
        "no-point",
    ],
)
def test_no_match(gold_kw: dict[str, Any], pred_kw: dict[str, Any]) -> None:
    g = gold_event(**gold_kw)
    report = score_one([g], [pred_for(g, **pred_kw)])
    assert (report.tp, report.fp, report.fn) == (0, 1, 1)
    assert report.f1 == 0.0
    assert [m.gold_id for m in report.misses] == [g.gold_id]


@pytest.mark.parametrize(
    ("gold_kw", "pred_kw"),
    [
        ({}, {"latitude": LAT + 24 / KM_PER_DEG_LAT}),
        ({"max_km": 40}, {"latitude": LAT + 30 / KM_PER_DEG_LAT}),
        ({"date_tolerance_days": 1}, {"event_date": "2020-03-11"}),
        ({"date_tolerance_days": 1}, {"event_date": "2020-03-09"}),
        ({}, {"iso3": "syr"}),
    ],
    ids=["24km", "max_km40", "tol1-after", "tol1-before", "iso3-case"],
)
def test_match_at_the_edges(gold_kw: dict[str, Any], pred_kw: dict[str, Any]) -> None:
    g = gold_event(**gold_kw)
    report = score_one([g], [pred_for(g, **pred_kw)])
    assert (report.tp, report.fp, report.fn) == (1, 0, 0)


def test_tolerated_date_still_counts_as_wrong_date_field() -> None:
    g = gold_event(date_tolerance_days=1)
    report = score_one([g], [pred_for(g, event_date="2020-03-11")])
    assert report.tp == 1
    assert (report.fields["event_date"].correct, report.fields["event_date"].total) == (0, 1)
    wrong = report.wrong_values["event_date"][0]
    assert (wrong.gold, wrong.predicted) == ("2020-03-10", "2020-03-11")


def test_optional_match_is_neither_tp_nor_fp() -> None:
    g = gold_event(required=False)
    report = score_one([g], [pred_for(g)])
    assert (report.tp, report.fp, report.fn, report.optional_matched) == (0, 0, 0, 1)
    assert report.fields["sub_event_type"].total == 0  # not a required match


def test_unmatched_optional_is_not_a_miss_and_null_gold_date_accepts_any() -> None:
    g = gold_event(required=False, event_date=None)
    report = score_one([g], [pred_for(g, event_date="1999-01-01")])
    assert report.optional_matched == 1 and report.fp == 0
    report = score_one([g], [])
    assert (report.tp, report.fp, report.fn) == (0, 0, 0)


def test_required_preferred_over_nearer_optional() -> None:
    required = gold_event()
    optional = gold_event(required=False, latitude=LAT + 10 / KM_PER_DEG_LAT)
    pred = pred_for(required, latitude=LAT + 9 / KM_PER_DEG_LAT)  # 1 km from the optional
    report = score_one([optional, required], [pred])
    assert (report.tp, report.fp, report.fn, report.optional_matched) == (1, 0, 0, 0)


def test_matching_beats_greedy_nearest_first() -> None:
    # g1 at LON, g2 ~27 km east. p1 is 11 km from g1 and 16 km from g2; p2 is
    # 17 km west of g1 and out of g2's reach. Nearest-first would pair p1-g1
    # and leave g2 unmatched; the optimum pairs p2-g1 and p1-g2.
    km_lon = great_circle_km(LAT, 0.0, LAT, 1.0)
    g1 = gold_event()
    g2 = gold_event(longitude=LON + 27 / km_lon)
    p1 = pred_for(g1, longitude=LON + 11 / km_lon)
    p2 = pred_for(g1, longitude=LON - 17 / km_lon)
    report = score_one([g1, g2], [p1, p2])
    assert (report.tp, report.fp, report.fn) == (2, 0, 0)
    assert sorted(report.distances_km) == pytest.approx([16.0, 17.0], abs=0.01)


def test_ties_broken_by_field_agreement() -> None:
    clash = gold_event()
    regain = gold_event(sub_event_type="Government regains territory")
    preds = [pred_for(regain), pred_for(clash)]  # reversed: identity pairing would be wrong
    report = score_one([clash, regain], preds)
    assert report.tp == 2
    assert report.fields["sub_event_type"].correct == 2


def test_ties_broken_by_distance() -> None:
    east = LAT + 10 / KM_PER_DEG_LAT
    a, b = gold_event(), gold_event(latitude=east)
    report = score_one([a, b], [pred_for(b), pred_for(a)])
    assert report.tp == 2
    assert report.median_km == pytest.approx(0.0)


def test_each_prediction_matches_once() -> None:
    a, b = gold_event(), gold_event()
    report = score_one([a, b], [pred_for(a)])
    assert (report.tp, report.fp, report.fn) == (1, 0, 1)


def test_same_prediction_object_twice_counts_twice() -> None:
    g = gold_event()
    pred = pred_for(g)
    report = score_one([g], [pred, pred])
    assert (report.tp, report.fp, report.fn) == (1, 1, 0)


def test_micro_average_over_articles() -> None:
    g1, g2, g3 = gold_event(), gold_event(), gold_event()
    gold = [gold_article([g1], "a1"), gold_article([g2, g3], "a2")]
    preds = {"a1": [pred_for(g1, "a1"), pred_for(g1, "a1", iso3="TUR")], "a2": [pred_for(g2, "a2")]}
    report = score(gold, preds)
    assert (report.tp, report.fp, report.fn) == (2, 1, 1)
    assert report.precision == pytest.approx(2 / 3)
    assert report.recall == pytest.approx(2 / 3)
    assert report.f1 == pytest.approx(2 / 3)


# ---------------------------------------------------------------- fields


def test_battles_sides_in_either_order() -> None:
    g = gold_event()
    swapped = pred_for(g, actor1_ar="فصائل المعارضة", actor2_ar="قوات النظام", inter1=2, inter2=1)
    report = score_one([g], [swapped])
    for name in ("actor1", "actor2", "inter1", "inter2"):
        assert report.fields[name].correct == 1, name


def test_swap_is_only_for_battles() -> None:
    g = gold_event(
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actor1_mentions=["مسلحين"],
        actor2_mentions=["مدنيين"],
        inter1=[3],
        inter2=[7],
    )
    report = score_one(
        [g], [pred_for(g, actor1_ar="مدنيين", actor2_ar="مسلحين", inter1=7, inter2=3)]
    )
    assert report.tp == 1
    for name in ("actor1", "actor2", "inter1", "inter2"):
        assert report.fields[name].correct == 0, name


def test_battles_inter_follows_the_actor_order() -> None:
    g = gold_event()
    # Actors swapped but inter codes left in the gold order: inter is now wrong.
    pred = pred_for(g, actor1_ar="فصائل المعارضة", actor2_ar="قوات النظام", inter1=1, inter2=2)
    report = score_one([g], [pred])
    assert report.fields["actor1"].correct == report.fields["actor2"].correct == 1
    assert report.fields["inter1"].correct == report.fields["inter2"].correct == 0


@pytest.mark.parametrize(("value", "ok"), [(3, True), (5, True), (4, True), (2, False), (6, False)])
def test_fatalities_range(value: int, ok: bool) -> None:
    g = gold_event(fatalities=[3, 5])
    report = score_one([g], [pred_for(g, fatalities=value)])
    assert report.fields["fatalities"].correct == int(ok)
    if not ok:
        assert report.wrong_values["fatalities"][0].gold == [3, 5]


def test_injured_range() -> None:
    g = gold_event(injured=[10, 12])
    assert score_one([g], [pred_for(g, injured=12)]).fields["injured"].correct == 1
    assert score_one([g], [pred_for(g, injured=0)]).fields["injured"].correct == 0


@pytest.mark.parametrize(
    ("pred", "ok"),
    [
        ("داعش", True),  # contained in a mention
        ("مسلحو تنظيم داعش", True),  # contains a mention
        ("تنظيم «داعش»", True),  # quotes dropped
        ("تنظيـــم دَاعِش", True),  # tatweel and harakat dropped
        ("جبهة النصرة", False),
        (None, False),
    ],
)
def test_actor_containment(pred: str | None, ok: bool) -> None:
    assert actor_ok(pred, None, ["تنظيم داعش"]) is ok


def test_actor_letter_variants() -> None:
    assert actor_ok("امين الشرطه", None, ["أمين الشرطة"])
    assert actor_ok("مستشفى", None, ["مستشفي الجامعة"])
    assert actor_ok("إسلاميين", None, ["المقاتلين الاسلاميين"])


def test_empty_mentions_need_null_actor() -> None:
    g = gold_event(
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        actor1_mentions=[],
        actor2_mentions=[],
        inter1=[2, 3],
        inter2=[],
    )
    good = score_one([g], [pred_for(g, actor1_ar=None, actor2_ar=None, inter1=3, inter2=None)])
    assert good.fields["actor1"].correct == good.fields["actor2"].correct == 1
    assert good.fields["inter2"].correct == 1  # empty accepted list: null only
    bad = score_one([g], [pred_for(g, actor1_ar="مسلحون", actor2_ar="المدنيين", inter2=7)])
    assert bad.fields["actor1"].correct == bad.fields["actor2"].correct == 0
    assert bad.fields["inter2"].correct == 0
    english_only = score_one([g], [pred_for(g, actor2="Civilians (Syria)")])
    assert english_only.fields["actor2"].correct == 0


def test_inter_accepted_lists() -> None:
    g = gold_event(inter1=[1, 3])
    assert score_one([g], [pred_for(g, inter1=3)]).fields["inter1"].correct == 1
    assert score_one([g], [pred_for(g, inter1=2)]).fields["inter1"].correct == 0
    assert score_one([g], [pred_for(g, inter1=None)]).fields["inter1"].correct == 0


def test_scoring_form() -> None:
    assert scoring_form("  الإمارات   «العربية»  ") == "الامارات العربيه"
    assert scoring_form("آلِيّة ٱلمُصطفى") == "اليه المصطفي"
    assert scoring_form('قال "الجيـــش"') == "قال الجيش"


# ---------------------------------------------------------------- relevance and lists


def test_relevance_numbers() -> None:
    req, opt = gold_event(), gold_event(required=False)
    gold = [
        gold_article([req], "hit"),  # relevant, predicted
        gold_article([gold_event()], "missed"),  # relevant, nothing predicted
        gold_article([], "empty"),  # not relevant, predicted -> FP event too
        gold_article([opt], "optional"),  # only optional gold: not relevant
        gold_article([], "quiet"),  # not relevant, nothing predicted
    ]
    preds = {
        "hit": [pred_for(req, "hit")],
        "empty": [pred_for(req, "empty", notes="خبر لا حدث فيه")],
        "optional": [pred_for(opt, "optional")],
    }
    report = score(gold, preds)
    assert (report.relevance_tp, report.relevance_fp, report.relevance_fn) == (1, 2, 1)
    assert report.relevance_precision == pytest.approx(1 / 3)
    assert report.relevance_recall == pytest.approx(1 / 2)
    assert (report.tp, report.fp, report.fn, report.optional_matched) == (1, 1, 1, 1)
    assert [f.article_id for f in report.false_alarms] == ["empty"]
    assert report.false_alarms[0].notes == "خبر لا حدث فيه"
    assert [m.article_id for m in report.misses] == ["missed"]


def test_report_serialises_and_renders() -> None:
    g = gold_event(why="'اندلعت اشتباكات قرب المدينة'")
    other = gold_event()
    preds = [pred_for(g, fatalities=9), pred_for(g, iso3="LBN", notes="انفجار في الميناء")]
    report = score_one([g, other], preds)
    data = report.to_dict()
    json.dumps(data, ensure_ascii=False)
    assert data["tp"] == 1 and data["fp"] == 1 and data["fn"] == 1
    assert data["fields"]["fatalities"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    assert data["misses"][0]["gold_id"] == other.gold_id
    console = Console(record=True, width=200)
    report.render(console)
    out = console.export_text()
    for needle in ("F1", "fatalities", "3–5", other.gold_id, "انفجار في الميناء", "LBN", "0.500"):
        assert needle in out, needle
    assert set(report.metrics()) >= {"f1", "precision", "recall", "actor1", "inter2"}
    last = out.strip().splitlines()[-3:]  # headline numbers come last, for `| tail`
    assert last[0].startswith("events: TP=1 FP=1 FN=1") and "F1=0.500" in last[0]
    assert "fatalities=0/1" in last[1] and last[2].startswith("articles: 1")


def test_evaluate_runs_the_extractor_per_article() -> None:
    g1, g2 = gold_event(), gold_event()
    gold = [gold_article([g1], "a1"), gold_article([g2], "a2")]
    seen: list[str] = []

    def predict(article: Article) -> list[Event]:
        seen.append(article.id)
        return [pred_for(g1, article.id)] if article.id == "a1" else []

    report = evaluate(gold, predict)
    assert seen == ["a1", "a2"]
    assert (report.tp, report.fp, report.fn) == (1, 0, 1)


def test_predictions_for_unknown_articles_are_reported() -> None:
    g = gold_event()
    report = score([gold_article([g])], {"a1": [pred_for(g)], "zz": [pred_for(g, "zz")]})
    assert report.ignored_articles == ["zz"] and report.fp == 0


# ---------------------------------------------------------------- gold files


def test_load_gold_reads_articles_and_events() -> None:
    gold = load_gold(DATA / "tiny_gold.jsonl")
    assert [g.article.id for g in gold] == ["t-001", "t-002"]  # blank line skipped
    assert str(gold[0].article.published) == "2021-04-12"
    assert str(gold[1].article.published) == "2021-04-12"  # datetime string accepted
    required, optional = gold[0].events
    assert required.required and not optional.required
    assert optional.event_date is None and optional.max_km == 25
    assert required.fatalities == (3, 3) and required.inter2 == [3]
    assert gold[1].events == []


def test_malformed_line_names_file_and_line() -> None:
    path = DATA / "malformed.jsonl"
    with pytest.raises(GoldFormatError, match=r"malformed\.jsonl:2: not valid JSON") as info:
        load_gold(path)
    assert info.value.line == 2


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda e: e.pop("latitude"), "latitude"),
        (lambda e: e.update(sub_event_type="Arrests"), "not a kind of"),
        (lambda e: e.update(fatalities=[5, 2]), "min > max"),
        (lambda e: e.update(event_type="Wars"), "unknown event_type"),
    ],
)
def test_invalid_gold_event_names_line_and_field(tmp_path: Path, change: Any, needle: str) -> None:
    lines = (DATA / "tiny_gold.jsonl").read_text(encoding="utf-8").split("\n")
    first = json.loads(lines[0])
    change(first["events"][0])
    path = tmp_path / "gold.jsonl"
    path.write_text(lines[2] + "\n" + json.dumps(first, ensure_ascii=False) + "\n", "utf-8")
    with pytest.raises(GoldFormatError) as info:
        load_gold(path)
    assert str(info.value).startswith(f"{path}:2: events[0] (t-001-1)")
    assert needle in str(info.value)


def test_missing_events_key_and_duplicate_ids(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text('{"id": "x", "text": "نص"}\n', "utf-8")
    with pytest.raises(GoldFormatError, match=r"g\.jsonl:1: 'events'"):
        load_gold(path)
    line = '{"id": "x", "text": "نص", "events": []}\n'
    path.write_text(line + line, "utf-8")
    with pytest.raises(GoldFormatError, match=r"g\.jsonl:2: duplicate article id"):
        load_gold(path)


# ---------------------------------------------------------------- real gold


@pytest.mark.parametrize("name", ["seed", "dev"])
def test_gold_scored_against_itself(name: str) -> None:
    path = SHARED_GOLD / f"{name}.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not present (../shared is absent)")
    gold = load_gold(path)
    preds = {g.article.id: [pred_for(e, g.article.id) for e in g.events] for g in gold}
    report = score(gold, preds)
    assert report.tp == sum(e.required for g in gold for e in g.events) > 0
    assert report.f1 == 1.0
    assert report.fp == report.fn == 0
    for field_name, s in report.fields.items():
        assert s.ratio == 1.0, (field_name, report.wrong_values[field_name])
    assert report.relevance_recall == 1.0
