"""Places named relative to another (geo/project.py)."""

import pytest

from marsad.geo import build
from marsad.geo.project import Offset, enclosing_unit, offset_before, project, unresolved_names
from marsad.geo.resolve import context_from_hits
from marsad.text.normalize import normalize_plain


def _last_hit(gaz, text, name):
    norm = normalize_plain(text)
    hits = gaz.scan(norm)
    return norm, hits, [h for h in hits if h.text == normalize_plain(name)][-1]


@pytest.mark.parametrize(
    ("text", "km", "bearing"),
    [
        ("سقطت قذيفة على بعد 20 كم شمال مدينة إدلب", 20.0, 0.0),
        ("انفجرت عبوة على بعد عشرة كيلومترات إلى الجنوب من حلب", 10.0, 180.0),
        ("تحطمت الطائرة على مسافة 5 أميال جنوب غربي دمشق", 5 * 1.609, 225.0),
        ("وقع الهجوم على بعد ٣٠ كلم شرق الموصل", 30.0, 90.0),
    ],
)
def test_offset_phrases(gaz, text, km, bearing):
    name = text.split()[-1]
    norm, _hits, hit = _last_hit(gaz, text, name)
    offset = offset_before(norm, hit)
    assert offset is not None and offset.km == pytest.approx(km) and offset.bearing == bearing


@pytest.mark.parametrize("text", ["قصفت الطائرات شمال حلب", "وصل 20 جنديا إلى حلب", "في حلب"])
def test_no_offset_without_a_distance_and_a_direction(gaz, text):
    norm, _hits, hit = _last_hit(gaz, text, "حلب")
    assert offset_before(norm, hit) is None


def test_projection_moves_the_point_by_the_distance_and_bearing(gaz):
    aleppo = next(p for p in gaz.lookup("حلب") if p.feature == "city")
    moved = project(aleppo, Offset(km=20.0, bearing=0.0, nstart=0))
    assert build.km(aleppo.lat, aleppo.lon, moved.lat, moved.lon) == pytest.approx(20.0, abs=0.05)
    assert moved.lat > aleppo.lat and moved.lon == pytest.approx(aleppo.lon)
    assert moved.name == aleppo.name
    east = project(aleppo, Offset(km=10.0, bearing=90.0, nstart=0))
    assert east.lon > aleppo.lon and east.lat == pytest.approx(aleppo.lat, abs=0.01)


def test_an_unresolved_village_falls_back_to_the_province_its_phrase_names(gaz):
    text = "قتل مدنيون في قصف على قرية زعفرانة الصغرى بريف حماة الشمالي"
    norm = normalize_plain(text)
    hits = gaz.scan(norm)
    names = unresolved_names(gaz, norm, hits)
    assert [u.text for u in names] == [normalize_plain("زعفرانة")]
    place, precision = enclosing_unit(gaz, norm, hits, names[0].nend, context_from_hits(hits))
    assert (place.name, place.feature, precision) == ("Hama", "admin1", 3)


def test_the_fallback_is_never_another_town(gaz):
    text = "قصفت الطائرات قرية زعفرانة قرب مدينة حمص"
    norm = normalize_plain(text)
    hits = gaz.scan(norm)
    names = unresolved_names(gaz, norm, hits)
    assert names and enclosing_unit(gaz, norm, hits, names[0].nend) is None


def test_a_named_province_after_the_village_is_its_unit(gaz):
    text = "اشتباكات في بلدة زعفرانة في محافظة إدلب"
    norm = normalize_plain(text)
    hits = gaz.scan(norm)
    names = unresolved_names(gaz, norm, hits)
    place, precision = enclosing_unit(gaz, norm, hits, names[0].nend)
    assert (place.iso3, place.feature, precision) == ("SYR", "admin1", 3)


def test_admin1_of_a_town(gaz):
    aleppo = next(p for p in gaz.lookup("حلب") if p.feature == "city")
    unit = gaz.admin1_of(aleppo)
    assert unit is not None and unit.feature == "admin1" and unit.iso3 == "SYR"
