"""Toponym evidence in Gazetteer.scan: a name needs evidence to be a place."""

from pathlib import Path

import pytest

from marsad.geo.evidence import EVIDENCE_FILE, read_evidence
from marsad.geo.resolve import GeoContext, choose, context_from_hits
from marsad.text.normalize import normalize_plain


def _scan(gaz, text):
    norm = normalize_plain(text)
    return norm, gaz.scan(norm)


def _hit(hits, norm, word):
    word = normalize_plain(word)
    found = [h for h in hits if h.text == word]
    assert found, f"{word} not found in {[h.text for h in hits]}"
    return found[0]


def test_an_organisation_name_is_context_not_a_location(gaz):
    norm, hits = _scan(gaz, "أعلنت جامعة دمشق تأجيل الامتحانات")
    hit = _hit(hits, norm, "دمشق")
    assert hit.context_only and hit.evidence == "organisation"
    assert choose(hit, GeoContext()) is None
    assert context_from_hits(hits).weight("SYR") == 1.0  # it still says which country


def test_the_same_name_after_a_preposition_is_a_place(gaz):
    norm, hits = _scan(gaz, "انفجرت سيارة في دمشق")
    hit = _hit(hits, norm, "دمشق")
    assert not hit.context_only and hit.evidence == "locative"
    assert choose(hit, GeoContext()).name == "Damascus"


def test_a_name_after_a_title_or_kinship_word_is_a_person(gaz):
    for text in ("قال الشيخ عدن إنه", "وصل ابن حلب إلى المنزل"):
        _norm, hits = _scan(gaz, text)
        assert [h.text for h in hits if not h.context_only] == [], text


def test_an_ordinary_word_is_not_a_small_foreign_town(gaz):
    # "الي" (إلى) is a hamlet in GeoNames; "بين" another; neither is read as a place,
    # even in an article that names the hamlets' country
    _norm, hits = _scan(gaz, "توجه الوفد الأمريكي إلى اللقاء بين الطرفين")
    assert [h.text for h in hits if h.candidates[0].feature != "country"] == []


def test_a_small_town_abroad_needs_a_qualifier(gaz):
    small = [p for p in gaz.lookup("اشتون") if p.iso3 == "USA"]
    assert small and all(p.population < 15000 for p in small)
    _norm, hits = _scan(gaz, "قال وزير الدفاع الأمريكي اشتون كارتر")
    assert not [h for h in hits if h.text == "اشتون"]
    norm, hits = _scan(gaz, "وقع حادث في مدينة اشتون الأمريكية")
    assert any(p.iso3 == "USA" for p in _hit(hits, norm, "اشتون").candidates)


def test_a_name_listed_after_a_place_shares_its_preposition(gaz):
    # معلولا: a small Syrian town; alone and unqualified in an article naming no country
    # it has no evidence, listed after "في تلبيسة" it shares the preposition
    _norm, hits = _scan(gaz, "وصلت معلولا أمس")
    assert not [h for h in hits if h.text == "معلولا"]
    norm, hits = _scan(gaz, "اشتباكات في تلبيسة ومعلولا")
    assert _hit(hits, norm, "معلولا").evidence == "coordinated"


def test_qualifier_words_are_not_towns(gaz):
    # GeoNames has hamlets called بلدة and قرية; the words announce a place, they are none
    _norm, hits = _scan(gaz, "وصلت القوات إلى بلدة صغيرة")
    assert [h.text for h in hits] == []


def test_evidence_file_errors_name_the_file_and_key(tmp_path: Path):
    bad = tmp_path / "evidence.yaml"
    text = EVIDENCE_FILE.read_text(encoding="utf-8").replace(
        "prominent_population: ", "prominent_population: -"
    )
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"evidence\.yaml.*prominent_population"):
        read_evidence(bad)
    bad.write_text("locative: [في]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="locative_clitics"):
        read_evidence(bad)


def test_a_small_town_after_a_given_name_is_a_family_name(gaz):
    # given names come from the corpora (words before بن); مرسي is also a hamlet
    assert gaz.evidence.is_person_word("محمد")
    assert any(p.feature == "city" for p in gaz.lookup("مرسي"))
    _norm, hits = _scan(gaz, "قال الرئيس المصري الأسبق محمد مرسي")
    assert [h.text for h in hits if h.text == "مرسي"] == []


def test_a_large_city_after_a_given_name_stays_a_place(gaz):
    norm, hits = _scan(gaz, "وصل إلى مطار الملك عبدالعزيز جدة")
    assert not _hit(hits, norm, "جده").context_only


@pytest.mark.parametrize(
    "text",
    [
        "سقط جرحى قرب الحدود الشرقية للمدينة",
        "انتشرت الوحدات الشرقية على طول الخط",
        "زار الوفد الطائفة الإسماعيلية أمس",
    ],
)
def test_a_relative_adjective_after_a_definite_noun_names_no_place(gaz, text):
    _norm, hits = _scan(gaz, text)
    assert [h.text for h in hits] == [], text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("هطلت أمطار غزيرة في الشرقية صباحا", "Eastern Province"),
        ("استقبل أمير الشرقية الوفد", "Eastern Province"),
        ("وقع انفجار في الإسماعيلية", "Ismailia"),
        ("أغلق طريق القاهرة الإسكندرية الصحراوي", "Alexandria"),
    ],
)
def test_the_same_spelling_after_a_preposition_a_noun_or_a_place_stays_a_place(gaz, text, name):
    _norm, hits = _scan(gaz, text)
    assert name in {p.name for h in hits for p in h.candidates}, text
