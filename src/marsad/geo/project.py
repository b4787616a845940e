"""Places named relative to another: "على بعد 20 كم شمال X", and the unit around a name.

Two helpers for the extractor's place roles (issue 11 item 2), both pure functions of
the normalised text, the gazetteer's hits and the gazetteer:

- ``offset_before(norm, hit)`` reads "على بعد N كم (إلى) شمال (من) X" right before a
  place hit: X is a reference point, not where the act was; ``project(place, offset)``
  moves the point N km along the bearing (CODEBOOK §4: geo_precision 2, "near X").
- ``unresolved_names(gaz, norm, hits)`` lists the settlement names after a qualifier
  (قرية X) that the gazetteer could not resolve, and ``enclosing_unit(gaz, norm, hits,
  pos)`` the unit the same phrase names around such a name ("بريف حلب", "في محافظة
  إدلب", "بمديرية X"), to be used at geo_precision 2–3 instead of another town.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from marsad.geo._norm import normalize_plain
from marsad.geo.evidence import EVIDENCE_FILE
from marsad.geo.places import Place, PlaceHit
from marsad.text.numbers import find_numbers

EARTH_KM = 6371.0
# How far after an unresolved name the enclosing unit may be named ("قرية X التابعة
# لناحية Y في ريف Z").
ENCLOSING_REACH = 80
# Features of a unit that encloses a settlement, most specific first.
ENCLOSING_FEATURES = ("district", "region", "admin1")


@dataclass(frozen=True)
class Offset:
    """``km`` along ``bearing`` (degrees clockwise from north) from the place after it;
    ``nstart`` is where the phrase starts in the normalised text."""

    km: float
    bearing: float
    nstart: int


@dataclass(frozen=True)
class _OffsetData:
    directions: dict[str, float]
    units: dict[str, float]
    reach: int


@lru_cache(maxsize=1)
def _data() -> _OffsetData:
    data = yaml.load(
        EVIDENCE_FILE.read_text(encoding="utf-8"),
        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
    )
    try:
        directions = {normalize_plain(k): float(v) for k, v in data["directions"].items()}
        units = {normalize_plain(k): float(v) for k, v in data["distance_units"].items()}
        reach = int(data["offset_reach"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"{EVIDENCE_FILE}: directions/distance_units/offset_reach: {exc}") from exc
    return _OffsetData(directions, units, reach)


_CLITIC = re.compile(r"^(?:و|ف|ب|ل)")


def offset_before(norm: str, hit: PlaceHit) -> Offset | None:
    """The "N km <direction> (of)" phrase ending right before ``hit``, if any.

    Accepted shapes (normalised): "20 كم شمال X", "علي بعد 20 كيلومترا الي الشمال من X",
    "نحو 5 اميال جنوب غربي X", "20 كم من X" (no bearing: 0 km is not assumed, None).
    """
    d = _data()
    start = max(0, hit.nstart - d.reach)
    window = norm[start : hit.nstart]
    words = window.split()
    if not words:
        return None
    # strip "من" and a clitic glued to the place name's side
    tail = words[:]
    if tail and hit.qualifier and _CLITIC.sub("", tail[-1]).endswith(hit.qualifier):
        tail.pop()  # "شمال مدينة X": the qualifier belongs to the name
    if tail and tail[-1] == "من":
        tail.pop()
    bearing = None
    for n in (3, 2, 1):
        if len(tail) >= n:
            phrase = " ".join(tail[-n:])
            if phrase in d.directions:
                bearing = d.directions[phrase]
                del tail[-n:]
                break
    if bearing is None:
        return None
    if tail and tail[-1] in ("الي", "نحو"):
        tail.pop()
    if not tail or _CLITIC.sub("", tail[-1]) not in d.units and tail[-1] not in d.units:
        return None
    unit = d.units.get(tail[-1], d.units.get(_CLITIC.sub("", tail[-1]), 1.0))
    before_unit = " ".join(tail[:-1])
    numbers = find_numbers(before_unit)
    if not numbers or before_unit[numbers[-1].nend :].strip():
        return None
    number = numbers[-1]
    # where the phrase starts: the number, or "علي بعد"/"علي مسافه" before it
    phrase_start = start + window.find(before_unit) + number.nstart if before_unit else hit.nstart
    return Offset(km=number.value * unit, bearing=bearing, nstart=phrase_start)


def project(place: Place, offset: Offset) -> Place:
    """``place`` moved ``offset.km`` along ``offset.bearing`` (great circle). The name
    stays the reference place's: ACLED names the nearest known place at precision 2."""
    lat1, lon1 = math.radians(place.lat), math.radians(place.lon)
    brg = math.radians(offset.bearing)
    dist = offset.km / EARTH_KM
    lat2 = math.asin(
        math.sin(lat1) * math.cos(dist) + math.cos(lat1) * math.sin(dist) * math.cos(brg)
    )
    lon2 = lon1 + math.atan2(
        math.sin(brg) * math.sin(dist) * math.cos(lat1),
        math.cos(dist) - math.sin(lat1) * math.sin(lat2),
    )
    lon2 = (math.degrees(lon2) + 540.0) % 360.0 - 180.0
    return dataclasses.replace(place, lat=round(math.degrees(lat2), 5), lon=round(lon2, 5))


@dataclass(frozen=True)
class Unresolved:
    """A settlement name after a qualifier that no gazetteer entry matched."""

    nstart: int
    nend: int
    qualifier: str
    text: str


_WORD = re.compile(r"[\u0621-\u064a]{2,}")


def unresolved_names(gaz, norm: str, hits: list[PlaceHit]) -> list[Unresolved]:
    """Every "قرية X" / "مدينة X" / "حي X" (a settlement qualifier in the construct state,
    evidence.yaml translit_qualifiers) whose name is not covered by any hit."""
    ev = gaz.evidence
    covered = bytearray(len(norm))
    for h in hits:
        covered[h.nstart : h.nend] = b"\x01" * (h.nend - h.nstart)
    out: list[Unresolved] = []
    for m in _WORD.finditer(norm):
        if covered[m.start()] or ev.is_common(m.group()):
            continue
        qualifier = gaz.qualifier_before(norm, m.start())
        if qualifier is None or qualifier not in ev.translit_qualifiers:
            continue
        before = norm[max(0, m.start() - 20) : m.start()].split()
        if before and before[-1].startswith(("ال", "وال", "بال", "فال", "لل")):
            continue  # المدينة الساحلية: an adjective, not a name
        out.append(Unresolved(m.start(), m.end(), qualifier, m.group()))
    return out


def enclosing_unit(
    gaz, norm: str, hits: list[PlaceHit], pos: int, context=None
) -> tuple[Place, int] | None:
    """The unit a phrase names around an unresolved settlement at ``pos``, with the
    geo_precision to code it at: "(قرية X) بريف حلب" -> Aleppo governorate, 3 (2 when
    the unit is a district or the rural area of a named town); "في محافظة ادلب" ->
    Idlib governorate, 3. Only hits after ``pos`` within ENCLOSING_REACH characters, with
    a qualifier announcing a unit (ريف، محافظة، مديرية، ناحية، ولاية ...) or naming a
    province, count; never another town. ``context`` is the article's GeoContext."""
    from marsad.geo.resolve import GeoContext, choose

    context = context or GeoContext()
    for hit in hits:
        if hit.nstart <= pos or hit.context_only or hit.is_adjective:
            continue
        if hit.nstart - pos > ENCLOSING_REACH:
            break
        features = gaz.qualifier_features(hit.qualifier) if hit.qualifier else ()
        place = choose(hit, context)
        if place is None:
            continue
        if hit.qualifier == "ريف" and place.feature == "city":
            unit = gaz.admin1_of(place)
            return (unit, 3) if unit is not None else (place, 2)
        if place.feature in ENCLOSING_FEATURES and (
            features == () or any(f in ENCLOSING_FEATURES for f in features)
        ):
            return place, 2 if place.feature == "district" else 3
        if features and not any(f in ENCLOSING_FEATURES for f in features):
            continue  # "قرب مدينة Y": another town is never the fallback
    return None
