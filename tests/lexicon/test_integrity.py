"""Every shipped lexicon file loads and follows the data rules (project integrity test)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from marsad.lexicon import load_lexicon
from marsad.lexicon.loader import DATA_DIR
from marsad.model import EVENT_TYPES
from marsad.text.normalize import normalize_plain

KINDS = ("triggers", "actors", "classes")
FILES = [p for kind in KINDS for p in sorted((DATA_DIR / kind).glob("*.yaml"))]
ISO3 = re.compile(r"^[A-Z]{3}$")


def _load(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_shipped_lexicon_loads() -> None:
    lex = load_lexicon()
    assert len(lex.triggers) >= 500
    assert {"negation", "killed", "injured", "sport"} <= set(lex.cues)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_file_is_well_formed_yaml_of_its_kind(path: Path) -> None:
    raw = _load(path)
    assert isinstance(raw, dict if path.parent.name == "classes" else list), path


def test_triggers_name_known_types_and_are_unique_after_normalisation() -> None:
    seen: dict[str, str] = {}
    for path in sorted((DATA_DIR / "triggers").glob("*.yaml")):
        for item in _load(path):
            where = f"{path.name}: {item.get('ar')!r}"
            assert item["sub_event_type"] in EVENT_TYPES[item["event_type"]], where
            assert 0.0 <= float(item.get("weight", 1.0)) <= 1.0, where
            assert item.get("pos", "noun") in ("noun", "verb", "phrase"), where
            norm = normalize_plain(item["ar"]).strip()
            assert norm, where
            assert norm not in seen, f"{where} duplicates {seen.get(norm)}"
            seen[norm] = where


def test_every_sub_event_type_has_triggers() -> None:
    covered = {(t.event_type, t.sub_event_type) for t in load_lexicon().triggers}
    expected = {(etype, sub) for etype, subs in EVENT_TYPES.items() for sub in subs}
    assert expected - covered == set()


def test_weak_words_need_corroboration() -> None:
    weights = {t.norm: t.weight for t in load_lexicon().triggers}
    for word in ("هجوم", "قصف", "حرب", "انفجار", "ضربه"):
        assert weights[word] <= 0.6, word
    for word in ("اشتباكات", "غاره جويه", "عبوه ناسفه", "انتحاري"):
        assert weights[word] == 1.0, word


def test_actors_have_valid_codes_and_no_shared_alias() -> None:
    owner: dict[str, str] = {}
    for path in sorted((DATA_DIR / "actors").glob("*.yaml")):
        for item in _load(path) or []:
            where = f"{path.name}: {item.get('name')!r}"
            assert isinstance(item["name"], str) and item["name"].strip(), where
            assert isinstance(item["inter"], int) and 1 <= item["inter"] <= 8, where
            country = item.get("country")
            assert country is None or ISO3.match(country), where
            for alias in item["aliases"]:
                norm = normalize_plain(alias).strip()
                assert norm, f"{where}: empty alias"
                other = owner.setdefault(norm, item["name"])
                assert other == item["name"], f"{where}: alias {alias!r} also used by {other!r}"
