"""The places stage on constructed sentences: projection from a reference town, the
enclosing unit of an unknown village, the actors' countries."""

from __future__ import annotations

import pytest

from marsad.model import Article
from marsad.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(min_confidence=0)


def one(pipeline: Pipeline, text: str):
    events = pipeline.extract(Article(id="p", text=text, published="2016-03-02"))
    assert len(events) == 1, events
    return events[0]


def test_n_km_north_of_a_town_moves_the_point_and_codes_precision_2(pipeline) -> None:
    near = one(
        pipeline, "قتل خمسة جنود في هجوم على حاجز على بعد 20 كيلومترا شمال مدينة الموصل أمس."
    )
    town = one(pipeline, "قتل خمسة جنود في هجوم على حاجز في مدينة الموصل أمس.")
    assert near.location == town.location == "Mosul"
    assert near.geo_precision == 2 and "place.projected" in near.trace
    assert near.latitude == pytest.approx(town.latitude + 0.18, abs=0.03)
    assert near.longitude == pytest.approx(town.longitude, abs=0.01)


def test_an_unknown_village_in_a_named_countryside_is_coded_at_the_units_precision(
    pipeline,
) -> None:
    village = one(pipeline, "قتل مدنيون في قصف على قرية زعفرانة الصغرى بريف حماة الشمالي أمس.")
    city = one(pipeline, "قتل مدنيون في قصف على مدينة حماة أمس.")
    assert village.iso3 == city.iso3 == "SYR"
    assert village.geo_precision == 3 and "place.enclosing_unit" in village.trace
    assert city.geo_precision == 1 and "place.enclosing_unit" not in city.trace
