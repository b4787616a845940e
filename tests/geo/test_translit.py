"""Consonant skeletons and letter-by-letter similarity (geo/translit.py)."""

import pytest

from marsad.geo.translit import arabic_skeleton, is_latin, latin_skeleton, similarity
from marsad.text.normalize import normalize_plain

SAME = [
    ("الحديدة", "Al Hudaydah"),
    ("حيران", "Ḩayrān"),
    ("المكلا", "Al Mukalla"),
    ("التحيتا", "At Tuhayta"),
    ("الشيخ مسكين", "Ash Shaykh Miskin"),
    ("التريمسة", "Tremseh"),
    ("تلبيسة", "Talbiseh"),
    ("خربة غزالة", "Khirbat Ghazalah"),
]


@pytest.mark.parametrize(("arabic", "latin"), SAME)
def test_a_name_and_its_transliteration_share_a_skeleton(arabic, latin):
    assert arabic_skeleton(normalize_plain(arabic)) == latin_skeleton(latin)


def test_skeletons_differ_for_different_names():
    assert arabic_skeleton(normalize_plain("حمص")) != latin_skeleton("Hama")
    assert arabic_skeleton(normalize_plain("دوما")) != latin_skeleton("Daraa")


def test_article_and_feminine_ending_do_not_count():
    assert latin_skeleton("Al-Raqqah") == latin_skeleton("Raqqa") == arabic_skeleton("الرقه")


def test_similarity_separates_a_true_match_from_a_skeleton_namesake():
    # same skeleton HMR, but the vowels disagree
    assert arabic_skeleton("حموريه") == latin_skeleton("Al Hamra")
    assert similarity("حموريه", "Al Hamra") < 0.75
    assert similarity("التحيتا", "At Tuhayta") >= 0.75
    assert similarity("شيبوك", "Chibok") >= 0.75


def test_is_latin():
    assert is_latin("Ḩayrān") and is_latin("Kafr Zita")
    assert not is_latin("حيران") and not is_latin("Хайран") and not is_latin("123")
