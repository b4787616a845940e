"""Toponym evidence: the words around a name that make it a place, or not (data/evidence.yaml).

A gazetteer name is only a string; whether it names a place in a given sentence depends
on its context. ``Gazetteer.scan`` asks this module:

- is the word before it locative (في، قرب، شمال) or a locative proclitic (بحلب)?
- is it the head of an organisation, team, event or agreement (جامعة، نادي، اتفاق)?
- is it a title, a kinship word (الشيخ، ابن، آل) or a given name (data/given_names.txt,
  words that stand before بن in the corpora) — a person's or a family's name?
- is the place prominent enough to need no evidence (a province, capital, large town)?
- is a word too common to be read as a rare town by transliteration (data/common_words.txt,
  counted over both corpora by scripts/mine_places.py)?
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from marsad.geo._norm import normalize_plain
from marsad.geo.places import Place

DATA = Path(__file__).parent / "data"
EVIDENCE_FILE = DATA / "evidence.yaml"
COMMON_FILE = DATA / "common_words.txt"
GIVEN_FILE = DATA / "given_names.txt"
_LISTS = (
    "locative",
    "locative_clitics",
    "organisation",
    "person_before",
    "person_after",
    "translit_qualifiers",
    "attributive_endings",
    "definite_prefixes",
)
_ARTICLE_CLITICS = ("و", "ف", "ب", "ل", "وب", "فب", "ول")


@dataclass(frozen=True)
class Evidence:
    locative: frozenset[str]
    locative_clitics: frozenset[str]
    organisation: frozenset[str]
    person_before: frozenset[str]
    person_after: frozenset[str]
    translit_qualifiers: frozenset[str]
    attributive_endings: frozenset[str]
    definite_prefixes: frozenset[str]
    prominent_population: int
    prominent_population_region: int
    translit_countries: int
    translit_similarity: float
    region: frozenset[str]
    common: frozenset[str]
    given: frozenset[str] = frozenset()

    def _strip(self, word: str) -> list[str]:
        """The word and the word without a proclitic (وفي -> في, بجامعة -> جامعة)."""
        forms = [word]
        for c in _ARTICLE_CLITICS:
            if word.startswith(c) and len(word) > len(c) + 1:
                forms.append(word[len(c) :])
        return forms

    def is_locative(self, word: str) -> bool:
        return any(f in self.locative for f in self._strip(word))

    def is_organisation_head(self, word: str) -> bool:
        return any(f in self.organisation for f in self._strip(word))

    def is_person_word(self, word: str, glued: str = "", big: bool = False) -> bool:
        """A title, a kinship word or a given name before the name (``glued`` is a clitic
        on the name). After a given name, a ``big`` place (a large town, a province) keeps
        its reading: "الملك عبدالعزيز جدة" lists a place, "محمد مرسي" names a man."""
        if glued.strip("و"):
            return False
        if word in self.given and not big:
            return True
        return any(f in self.person_before for f in self._strip(word))

    def is_person_after(self, word: str) -> bool:
        return word in self.person_after

    def is_definite(self, word: str) -> bool:
        return any(word.startswith(p) and len(word) > len(p) + 1 for p in self.definite_prefixes)

    def is_attributive(self, name: str, prev: str) -> bool:
        """A one-word definite relative adjective (ال...ية) after a definite noun that is
        not locative: the name agrees with that noun ("الحدود الشرقية") and names no place."""
        return (
            " " not in name
            and self.is_definite(name)
            and any(name.endswith(e) for e in self.attributive_endings)
            and self.is_definite(prev)
            and not self.is_locative(prev)
        )

    def is_prominent(self, place: Place) -> bool:
        return (
            place.feature in ("admin1", "region", "country")
            or place.capital
            or place.geonameid is None  # curated: someone wrote it down because news names it
            or place.population >= self.prominent_population
            or (place.iso3 in self.region and place.population >= self.prominent_population_region)
        )

    def is_common(self, word: str) -> bool:
        """A frequent word of the corpora: never a town by transliteration."""
        return word in self.common


def _read_words(path: Path) -> frozenset[str]:
    if not path.exists():
        return frozenset()
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.append(normalize_plain(line))
    return frozenset(words)


def _region() -> frozenset[str]:
    """iso3 of the countries Arabic conflict news is mostly about (build.FOCUS)."""
    from marsad.geo.build import FOCUS, read_tsv

    return frozenset(r[0] for r in read_tsv("countries.tsv") if r[1] in FOCUS)


@lru_cache(maxsize=1)
def load_evidence() -> Evidence:
    """The evidence data of the package (cached)."""
    return read_evidence(EVIDENCE_FILE)


def read_evidence(path: Path) -> Evidence:
    """Evidence data from ``path``, validated: every list present and made of words, every
    threshold a number in range; a ValueError names the file and the key otherwise."""
    try:
        data = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping")
    lists = {}
    for key in _LISTS:
        words = data.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise ValueError(f"{path}: {key!r} must be a list of words")
        lists[key] = frozenset(normalize_plain(w.strip()) for w in words)
    for key in ("prominent_population", "prominent_population_region", "translit_countries"):
        if not isinstance(data.get(key), int) or data[key] < 0:
            raise ValueError(f"{path}: {key!r} must be a non-negative integer")
    if not isinstance(data.get("translit_similarity"), (int, float)) or not (
        0 <= data["translit_similarity"] <= 1
    ):
        raise ValueError(f"{path}: 'translit_similarity' must be a number in [0, 1]")
    return Evidence(
        **lists,
        prominent_population=data["prominent_population"],
        prominent_population_region=data["prominent_population_region"],
        translit_countries=data["translit_countries"],
        translit_similarity=float(data["translit_similarity"]),
        region=_region(),
        common=_read_words(COMMON_FILE),
        # a given name before a place name makes it a family name (خالد مشعل); على is
        # normalised to علي, the given name, so locative words never count as one
        given=_read_words(GIVEN_FILE) - lists["locative"],
    )
