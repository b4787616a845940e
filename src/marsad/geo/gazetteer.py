"""The gazetteer: one Aho-Corasick automaton over every normalised Arabic place name."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

from marsad.geo import build as _build
from marsad.geo._norm import normalizer_fingerprint
from marsad.geo.places import Place, PlaceHit

CACHE_VERSION = 2
# Proclitics a place name may carry (و ف ب ل ك and their pairs); ال is part of the name.
CLITICS = frozenset(["و", "ف", "ب", "ل", "ك", "وب", "فب", "ول", "فل", "وك", "فك"])
# For names starting with ال, the preposition ل swallows the alef: ل + الرمادي = للرمادي.
LAM_CLITICS = frozenset(("ل", "ول", "فل"))
_MAX_CLITIC = 2

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
        self._places: dict[int, Place] = {}
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

    def scan(self, norm: str) -> list[PlaceHit]:
        """Place names in normalised text; longest match wins on overlaps."""
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
        taken: list[tuple[int, int]] = []
        hits: list[PlaceHit] = []
        for start, end, (_len, idxs, adjective, stop, _lam) in found:
            if any(start < e and s < end for s, e in taken):
                continue
            qualifier = self.qualifier_before(norm, start)
            if stop and qualifier is None:
                continue
            taken.append((start, end))
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

    def qualifier_before(self, norm: str, nstart: int) -> str | None:
        """The qualifier word (مدينه, محافظه, ...) just before ``nstart``, clitics removed."""
        i = nstart
        # step back over a clitic glued to the name, then the space
        while i > 0 and norm[i - 1].isalpha() and nstart - i < _MAX_CLITIC:
            i -= 1
        if i > 0 and norm[i - 1].isalpha():
            return None
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


def _is_clitic(prefix: str) -> bool:
    return prefix in CLITICS or prefix in ("ال", "وال", "بال", "فال", "لل", "ولل")


# ---------------------------------------------------------------- cache


def cache_dir() -> Path:
    env = os.environ.get("MARSAD_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "marsad"


def cache_key() -> str:
    """Changes when a source file, this code or the normaliser changes.

    Our own data and code are hashed by content (small files; an edit that keeps size
    and mtime still counts); the large GeoNames files by size and mtime.
    """
    h = hashlib.sha1(f"{CACHE_VERSION}|{normalizer_fingerprint()}".encode())
    for path in _build.source_files():
        st = path.stat()
        h.update(f"|{path.name}:{st.st_size}".encode())
        if st.st_size <= _HASH_CONTENT_BELOW:
            h.update(path.read_bytes())
        else:
            h.update(f":{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


_HASH_CONTENT_BELOW = 1 << 20


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-{cache_key()}.pickle"


def load_data(rebuild: bool = False) -> dict[str, Any]:
    """The built tables, from the cache when it is current, else built and cached."""
    path = cache_path()
    if not rebuild:
        try:
            with open(path, "rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError):
            pass
    data = _build.build()
    _write_atomic(path, data)
    return data


def _write_atomic(path: Path, data: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # read-only home: work from memory, rebuild next time


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer."""
    return Gazetteer(load_data())
