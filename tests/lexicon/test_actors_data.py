"""Data checks for the actor dictionary (src/marsad/lexicon/data/actors/*.yaml).

Self-contained on purpose: plain yaml.safe_load and a local normaliser that mirrors the
lexicon's alias normalisation, so the data can be validated independently of the loader.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ACTORS_DIR = Path(__file__).parents[2] / "src" / "marsad" / "lexicon" / "data" / "actors"

REQUIRED_KEYS = {"name", "inter", "country", "generic", "aliases"}
GENERIC_VALUES = {None, "state", "police", "armed", "civilians", "protesters", "rioters"}
ISO3 = re.compile(r"^[A-Z]{3}$")
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
HARAKAT = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200B-\u200F]")
PROCLITICS = ("ال",)


def normalise(text: str) -> str:
    """Alias normalisation: no diacritics/tatweel, أإآٱ→ا, ى→ي, ة→ه, lowercase, one space."""
    text = HARAKAT.sub("", text)
    text = re.sub("[أإآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه")
    return " ".join(text.lower().split())


def bare(alias: str) -> str:
    """The alias with a leading article removed: the matcher accepts ال before any alias."""
    for p in PROCLITICS:
        if alias.startswith(p) and len(alias) - len(p) >= 3:
            return alias[len(p) :]
    return alias


def check_entries(files: dict[str, object]) -> list[str]:
    """Return every problem found in {file name: parsed YAML}; empty when the data is valid."""
    errors: list[str] = []
    owner: dict[str, str] = {}  # normalised alias -> actor name
    owner_bare: dict[str, str] = {}  # alias without leading article -> actor name
    names: set[str] = set()
    for fname, entries in sorted(files.items()):
        if not isinstance(entries, list) or not entries:
            errors.append(f"{fname}: not a non-empty YAML list")
            continue
        for i, e in enumerate(entries):
            where = f"{fname}[{i}]"
            if not isinstance(e, dict):
                errors.append(f"{where}: not a mapping")
                continue
            missing, extra = REQUIRED_KEYS - e.keys(), e.keys() - REQUIRED_KEYS
            if missing or extra:
                errors.append(f"{where}: missing {sorted(missing)} unknown {sorted(extra)}")
                continue
            name = e["name"]
            if not isinstance(name, str) or not name.strip():
                errors.append(f"{where}: empty name")
                continue
            where = f"{fname}: {name}"
            if name in names:
                errors.append(f"{where}: duplicate actor name")
            names.add(name)
            inter = e["inter"]
            if isinstance(inter, bool) or not isinstance(inter, int) or not 1 <= inter <= 8:
                errors.append(f"{where}: inter {inter!r} not in 1..8")
            country = e["country"]
            if country is not None and not (isinstance(country, str) and ISO3.match(country)):
                errors.append(f"{where}: country {country!r} not ISO alpha-3 or null")
            generic = e["generic"]
            if generic not in GENERIC_VALUES:
                errors.append(f"{where}: generic {generic!r} not allowed")
            if ("{country}" in name) != (generic is not None):
                errors.append(f"{where}: {{country}} placeholder iff generic entry")
            if generic is not None and country is not None:
                errors.append(f"{where}: generic entry must have country null")
            aliases = e["aliases"]
            if not isinstance(aliases, list) or not aliases:
                errors.append(f"{where}: aliases must be a non-empty list")
                continue
            seen: set[str] = set()
            for a in aliases:
                if not isinstance(a, str) or not a.strip() or not ARABIC_LETTER.search(a):
                    errors.append(f"{where}: bad alias {a!r}")
                    continue
                key = normalise(a)
                if key in seen:
                    errors.append(f"{where}: alias {a!r} listed twice")
                    continue
                seen.add(key)
                if key in owner and owner[key] != name:
                    errors.append(f"{where}: alias {a!r} also belongs to {owner[key]}")
                owner[key] = name
                b = bare(key)
                if b in owner_bare and owner_bare[b] != name:
                    errors.append(f"{where}: alias {a!r} matches like one of {owner_bare[b]}")
                owner_bare.setdefault(b, name)
    return errors


def load_all() -> dict[str, object]:
    files = sorted(ACTORS_DIR.glob("*.yaml"))
    assert files, f"no actor files in {ACTORS_DIR}"
    return {f.name: yaml.safe_load(f.read_text(encoding="utf-8")) for f in files}


def test_actor_files_are_valid() -> None:
    errors = check_entries(load_all())
    assert not errors, "\n".join(errors[:50])


def test_actor_coverage_is_broad() -> None:
    data = load_all()
    entries = [e for entries in data.values() for e in entries]
    assert len(entries) >= 100
    assert sum(len(e["aliases"]) for e in entries) >= 800
    generic = {e["generic"] for e in entries}
    assert generic == GENERIC_VALUES


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("داعش", "Islamic State"),
        ("الحوثيين", "Houthi Movement"),
        ("المقاومة الشعبية", "Popular Resistance"),
        ("الجيش", "Military Forces of {country}"),
        ("المسلحين", "Unidentified Armed Group ({country})"),
        ("جبهة النصرة", "Jabhat al Nusra"),
        ("حزب الله", "Hezbollah"),
        ("قوات الاحتلال", "Military Forces of Israel (2009-)"),
    ],
)
def test_key_aliases_resolve(alias: str, name: str) -> None:
    by_alias = {
        normalise(a): e["name"]
        for entries in load_all().values()
        for e in entries
        for a in e["aliases"]
    }
    key = normalise(alias)
    assert by_alias.get(key, by_alias.get(bare(key))) == name


def test_normalise_folds_spelling_variants() -> None:
    assert normalise("الدولةُ الإسلاميّة") == normalise("الدوله الاسلاميه")
    assert normalise("مستشفى") == normalise("مستشفي")
    assert normalise("ISIS  Group") == "isis group"


GOOD = {
    "name": "Houthi Movement",
    "inter": 2,
    "country": "YEM",
    "generic": None,
    "aliases": ["الحوثيين"],
}


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({**GOOD, "inter": 9}, "inter"),
        ({**GOOD, "inter": True}, "inter"),
        ({**GOOD, "country": "Yemen"}, "country"),
        ({**GOOD, "generic": "army"}, "generic"),
        ({**GOOD, "name": "Rebels of {country}"}, "placeholder"),
        ({**GOOD, "generic": "armed", "country": None}, "placeholder"),
        ({**GOOD, "aliases": []}, "aliases"),
        ({**GOOD, "aliases": ["houthis"]}, "bad alias"),
        ({**GOOD, "aliases": [""]}, "bad alias"),
        ({**GOOD, "aliases": ["الحوثيين", "الحوثيّين"]}, "twice"),
        ({k: v for k, v in GOOD.items() if k != "inter"}, "missing"),
        ({**GOOD, "colour": "red"}, "unknown"),
    ],
)
def test_checker_rejects_bad_entry(bad: dict, message: str) -> None:
    errors = check_entries({"bad.yaml": [bad]})
    assert any(message in e for e in errors), errors


def test_checker_rejects_alias_shared_across_actors() -> None:
    other = {
        "name": "Ansar Allah",
        "inter": 2,
        "country": "YEM",
        "generic": None,
        "aliases": ["الحوثيّين"],
    }
    assert check_entries({"a.yaml": [GOOD], "b.yaml": [other]})
    # the article is a proclitic, so "حوثيين" would match the same text as "الحوثيين"
    assert check_entries({"a.yaml": [GOOD], "b.yaml": [{**other, "aliases": ["حوثيين"]}]})
    assert (
        check_entries(
            {"a.yaml": [GOOD], "b.yaml": [{**other, "name": "Other", "aliases": ["انصار الله"]}]}
        )
        == []
    )


def test_checker_accepts_good_entry() -> None:
    assert check_entries({"good.yaml": [GOOD]}) == []


GOLD = Path(__file__).parents[2] / ".." / "shared" / "gold" / "dev.jsonl"
CLITICS = re.compile(r"^(?:[وف]?(?:[بلك]|لل|ال|بال|كال|ول)?)")


def mentions_alias(mention: str, aliases: set[str]) -> bool:
    """True when some word n-gram of the mention, minus leading clitics, is an alias."""
    words = normalise(re.sub(r"[«»\"“”]", " ", mention)).split()
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + 9) + 1):
            gram = " ".join(words[i:j])
            if gram in aliases:
                return True
            for k in range(1, 4):  # drop up to three clitic letters (و ف ب ل ك ال لل)
                head = gram[k:]
                if CLITICS.fullmatch(gram[:k]) and ("ال" + head in aliases or head in aliases):
                    return True
    return False


def test_mentions_alias_helper() -> None:
    aliases = {normalise("المسلحين"), normalise("حزب العمال الكردستاني")}
    assert mentions_alias("وللمسلحين", aliases)
    assert mentions_alias("عناصر حزب العمال الكردستاني", aliases)
    assert not mentions_alias("المسلحون", aliases)


@pytest.mark.skipif(not GOLD.exists(), reason="shared gold set not present")
def test_gold_actor_mentions_are_mostly_covered() -> None:
    import json

    aliases = {
        normalise(a) for entries in load_all().values() for e in entries for a in e["aliases"]
    }
    slots = covered = 0
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        for event in json.loads(line)["events"]:
            for key in ("actor1_mentions", "actor2_mentions"):
                mentions = event.get(key) or []
                if mentions:
                    slots += 1
                    covered += any(mentions_alias(m, aliases) for m in mentions)
    assert slots > 0 and covered / slots >= 0.85, (covered, slots)
