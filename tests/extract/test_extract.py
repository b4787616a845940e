"""Extraction on short sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.model import Article
from marsad.pipeline import Pipeline

PUB = dt.date(2015, 8, 10)  # a Monday


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def events(pipeline: Pipeline, text: str, published: dt.date | None = PUB):
    return pipeline.extract(Article(id="t", text=text, published=published))


def test_clash_with_toll_summed_across_sides(pipeline: Pipeline) -> None:
    (e,) = events(
        pipeline,
        "قتل خمسة من الحوثيين وثلاثة من المقاومة الشعبية في اشتباكات عنيفة في مدينة تعز أمس الأحد.",
    )
    assert (e.event_type, e.sub_event_type) == ("Battles", "Armed clash")
    assert (e.location, e.iso3, e.event_date) == ("Taiz", "YEM", "2015-08-09")
    assert e.fatalities == 8


def test_car_bomb_with_dead_and_injured(pipeline: Pipeline) -> None:
    (e,) = events(
        pipeline,
        "انفجرت سيارة مفخخة في سوق مدينة كركوك صباح اليوم ما أدى إلى مقتل "
        "ستة أشخاص وإصابة 20 آخرين.",
    )
    assert e.sub_event_type == "Remote explosive/landmine/IED"
    assert (e.fatalities, e.injured, e.iso3, e.event_date) == (6, 20, "IRQ", "2015-08-10")
    # no attacker is named: none is invented, but the unknown perpetrator counts as inter 3
    assert (e.actor1, e.actor1_ar, e.inter1) == (None, None, 3)


def test_air_strike_actor_and_target(pipeline: Pipeline) -> None:
    (e,) = events(pipeline, "شن طيران التحالف العربي غارات على مواقع الحوثيين في مدينة صعدة.")
    assert e.sub_event_type == "Air/drone strike"
    assert e.actor1_ar == "طيران التحالف العربي" and e.inter1 == 8
    assert e.location == "Sa'dah" or e.iso3 == "YEM"


@pytest.mark.parametrize(
    "text",
    [
        "نفى المتحدث باسم الجيش وقوع اشتباكات في مدينة حلب.",
        "هدد التنظيم بشن هجمات على مدينة الموصل.",
        "يعتزم الجيش شن غارات على مواقع المسلحين في درنة.",
        "قاد المهاجم هجوما خاطفا وسجل هدفا في مرمى الفريق المنافس خلال المباراة.",
        "تشتعل حرب الأسعار بين شركات الطيران في السوق.",
        "تحطمت مروحية عسكرية في ولاية هلمند بسبب عطل فني.",
    ],
)
def test_no_event(pipeline: Pipeline, text: str) -> None:
    assert events(pipeline, text) == []


def test_background_act_older_than_thirty_days_is_not_coded(pipeline: Pipeline) -> None:
    assert events(pipeline, "وكانت غارة جوية قد استهدفت مدينة إدلب في مارس الماضي.") == []


def test_two_reports_of_one_clash_merge_conservatively(pipeline: Pipeline) -> None:
    text = (
        "دارت اشتباكات عنيفة في مدينة سرت أمس بين الجيش الليبي وتنظيم داعش أسفرت عن مقتل "
        "عشرة مسلحين. وأضاف المصدر أن الاشتباكات في سرت أدت إلى مقتل سبعة مسلحين."
    )
    (e,) = events(pipeline, text)
    assert e.fatalities == 10 and e.iso3 == "LBY"


def test_no_publication_date_gives_no_guessed_date(pipeline: Pipeline) -> None:
    (e,) = events(pipeline, "اندلعت اشتباكات عنيفة في مدينة بنغازي أمس.", published=None)
    assert e.event_date is None and e.time_precision == 3


def test_event_ids_are_stable(pipeline: Pipeline) -> None:
    text = "اندلعت اشتباكات عنيفة في مدينة بنغازي أمس."
    assert events(pipeline, text)[0].event_id == events(pipeline, text)[0].event_id
