"""Lexicon.scan: Arabic word boundaries, clitics, suffixes, overlaps, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.lexicon import LexHit, Lexicon, LexiconError, build_lexicon, load_lexicon
from marsad.text.normalize import normalize_plain

from .conftest import ACTORS, CUES, TRIGGERS, write_data


def hits(lex: Lexicon, text: str, kind: str | None = None) -> list[LexHit]:
    return [h for h in lex.scan(normalize_plain(text)) if kind is None or h.kind == kind]


def texts(lex: Lexicon, text: str, kind: str | None = None) -> list[str]:
    return [h.text for h in hits(lex, text, kind)]


# ---------------------------------------------------------------- boundaries


def test_proclitics_are_skipped_and_nstart_points_after_them(tiny: Lexicon) -> None:
    norm = normalize_plain("والاشتباكات بالغارات")
    found = tiny.scan(norm)
    assert [(h.nstart, h.text) for h in found] == [(3, "اشتباكات"), (15, "غارات")]
    assert all(norm[h.nstart : h.nend] == h.text for h in found)


def test_lam_fuses_with_the_article(tiny: Lexicon) -> None:
    (hit,) = hits(tiny, "للجيش", "actor")
    assert (hit.nstart, hit.nend, hit.text) == (1, 5, "لجيش")
    assert hit.entry.name == "Military Forces of {country}"
    assert texts(tiny, "وللجيش", "actor") == ["لجيش"]


def test_hit_at_text_start_end_and_next_to_punctuation(tiny: Lexicon) -> None:
    assert texts(tiny, "غارة") == ["غاره"]
    assert texts(tiny, "(غارة)، و«اشتباكات».") == ["غاره", "اشتباكات"]


def test_no_hit_inside_a_longer_unrelated_word(tiny: Lexicon) -> None:
    # لاعبوه (his players) holds عبوه; صغارا holds غار; المهاجمين is not هجوم
    assert hits(tiny, "لاعبوه صغارا المهاجمين الهجومية قصفي") == []
    assert hits(tiny, "اشتباكاتي") == []  # ي is not taken as a suffix (nisba adjectives)


def test_noun_takes_pronoun_and_plural_suffixes(tiny: Lexicon) -> None:
    (hit,) = hits(tiny, "غاراتها")
    assert (hit.text, hit.suffix) == ("غارات", "ها")
    (hit,) = hits(tiny, "انتحاريين")
    assert (hit.text, hit.suffix) == ("انتحاري", "ين")
    assert texts(tiny, "هجوما") == ["هجوم"]  # accusative ا


def test_verb_takes_no_suffix(tiny: Lexicon) -> None:
    assert texts(tiny, "اعتقل") == ["اعتقل"]
    assert hits(tiny, "اعتقلته", "trigger") == []
    assert texts(tiny, "واعتقل") == ["اعتقل"]


def test_ta_marbuta_entry_matches_its_t_form_before_a_suffix(tiny: Lexicon) -> None:
    found = hits(tiny, "إصابته", "cue")
    assert {h.entry for h in found} == {"killed", "injured"}  # one span, two cue names
    assert all((h.text, h.suffix) == ("اصابت", "ه") for h in found)
    assert hits(tiny, "اصابت", "cue") == []  # the bare ت form is a verb, not the noun
    assert texts(tiny, "عبوتين") == ["عبوت"]


def test_phrase_ending_in_a_lone_proclitic_runs_into_the_next_word(tiny: Lexicon) -> None:
    (hit,) = hits(tiny, "وفقاً لمصادر", "cue")
    assert (hit.text, hit.entry) == ("وفقا ل", "report")


# ---------------------------------------------------------------- overlaps


def test_longest_match_wins_within_a_kind(tiny: Lexicon) -> None:
    assert texts(tiny, "انفجار سيارة مفخخة") == ["سياره مفخخه"]
    assert texts(tiny, "غارة جوية") == ["غاره جويه"]
    assert texts(tiny, "الجيش اليمني", "actor") == ["الجيش اليمني"]


def test_different_kinds_may_overlap(tiny: Lexicon) -> None:
    found = hits(tiny, "قوات الأمن")
    assert [(h.kind, h.text) for h in found] == [("actor", "قوات الامن"), ("cue", "قوات")]


def test_hits_sorted_by_start_then_longest_first(tiny: Lexicon) -> None:
    found = hits(tiny, "قال إن الجيش اليمني اشتبكت قواته مع الحوثيين")
    keys = [(h.nstart, h.nstart - h.nend) for h in found]
    assert keys == sorted(keys)
    assert [h.kind for h in found] == ["cue", "actor", "trigger", "cue", "actor"]


def test_alias_variants_collapse_after_normalisation(tiny: Lexicon) -> None:
    police = next(a for a in tiny.actors if a.generic == "police")
    assert police.aliases == ("قوات الأمن", "قوات الامن", "الشرطة")
    assert police.norm_aliases == ("قوات الامن", "الشرطه")


# ---------------------------------------------------------------- sentences


def test_football_attack_is_a_weak_trigger_next_to_sport_cues(tiny: Lexicon) -> None:
    found = hits(tiny, "شن الفريق هجوماً قوياً في الشوط الثاني من المباراة")
    triggers = [h for h in found if h.kind == "trigger"]
    assert [h.text for h in triggers] == ["هجوم"]
    assert triggers[0].entry.weight < 0.7
    assert [h.entry for h in found if h.kind == "cue"] == ["sport", "sport"]


def test_clash_sentence_with_actors_and_toll(tiny: Lexicon) -> None:
    found = hits(tiny, "واشتبكت القوات الحكومية مع الحوثيين، وسقط عشرة قتلى")
    assert [(h.kind, h.text) for h in found] == [
        ("trigger", "اشتبكت"),
        ("actor", "القوات الحكوميه"),
        ("cue", "قوات"),
        ("actor", "الحوثيين"),
        ("cue", "قتلي"),
    ]


def test_denial_sentence_carries_a_negation_cue(tiny: Lexicon) -> None:
    found = hits(tiny, "ونفت الشرطة وقوع اشتباكات في المدينة")
    assert ("cue", "negation") in [(h.kind, h.entry) for h in found]
    assert "اشتباكات" in [h.text for h in found if h.kind == "trigger"]


def test_has_trigger(tiny: Lexicon) -> None:
    assert tiny.has_trigger(normalize_plain("قصفت الطائرات ثم وقع قصف"))
    assert not tiny.has_trigger(normalize_plain("قال المدرب إن المباراة صعبة"))
    weak = normalize_plain("هجوم الفريق")
    assert tiny.has_trigger(weak) and not tiny.has_trigger(weak, min_weight=0.7)


# ---------------------------------------------------------------- broken data


def _error(tmp_path: Path, **files: str) -> str:
    with pytest.raises(LexiconError) as info:
        build_lexicon(write_data(tmp_path, **files))
    return str(info.value)


def test_duplicate_trigger_after_normalisation_names_the_file(tmp_path: Path) -> None:
    extra = "- {ar: اشتباكاتٌ, event_type: Battles, sub_event_type: Armed clash}\n"
    message = _error(tmp_path, triggers=TRIGGERS + extra)
    assert "triggers/test.yaml" in message and "duplicate" in message


def test_unknown_sub_event_type_names_file_and_entry(tmp_path: Path) -> None:
    bad = "- {ar: كمين, event_type: Battles, sub_event_type: Ambush}\n"
    message = _error(tmp_path, triggers=bad)
    assert "triggers/test.yaml: entry #1 (كمين)" in message and "Ambush" in message


def test_sub_type_of_another_event_type_is_rejected(tmp_path: Path) -> None:
    bad = "- {ar: غارة, event_type: Battles, sub_event_type: Air/drone strike}\n"
    assert "Air/drone strike" in _error(tmp_path, triggers=bad)


@pytest.mark.parametrize(
    ("actors", "expected"),
    [
        ("- {name: A, inter: 9, country: YEM, aliases: [الف]}\n", "inter"),
        ("- {name: A, inter: 1, country: Yem, aliases: [الف]}\n", "country"),
        ("- {name: A, inter: 1, country: YEM, generic: soldiers, aliases: [الف]}\n", "generic"),
        ("- {name: A, inter: 1, country: YEM, aliases: []}\n", "aliases"),
        ("- {name: '', inter: 1, country: YEM, aliases: [الف]}\n", "name"),
        ("- {name: A, inter: 1, country: YEM, aliases: ['  ']}\n", "alias"),
        (
            "- {name: A, inter: 1, country: YEM, aliases: [الأمن]}\n"
            "- {name: B, inter: 1, country: SYR, aliases: [الامن]}\n",
            "already an alias",
        ),
    ],
)
def test_bad_actor_entries(tmp_path: Path, actors: str, expected: str) -> None:
    message = _error(tmp_path, actors=actors)
    assert message.startswith("actors/test.yaml") and expected in message


def test_bad_class_kind_and_empty_phrase(tmp_path: Path) -> None:
    assert "kind must be one of" in _error(
        tmp_path, cues="feelings: {doc: d, kind: mood, words: [حزن]}\n"
    )
    assert "normalises to an empty" in _error(tmp_path, cues="killed: ['ـــ']\n")
    assert "duplicate word" in _error(tmp_path, cues="killed: [قتلى, قتلي]\n")


def test_bad_weight_and_pos(tmp_path: Path) -> None:
    base = "- {ar: كمين, event_type: Battles, sub_event_type: Armed clash"
    assert "weight" in _error(tmp_path, triggers=base + ", weight: 1.5}\n")
    assert "pos" in _error(tmp_path, triggers=base + ", pos: adjective}\n")


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    assert _error(tmp_path, cues="killed: [قتلى\n").startswith("classes/test.yaml")


def test_fixture_data_itself_is_valid(tmp_path: Path) -> None:
    lex = build_lexicon(write_data(tmp_path, TRIGGERS, ACTORS, CUES))
    assert len(lex.triggers) == 12 and len(lex.actors) == 4


def test_load_lexicon_is_cached() -> None:
    assert load_lexicon() is load_lexicon()
