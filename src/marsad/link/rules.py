"""The linking thresholds (``data/link.yaml``), validated on load, compiled once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml

from marsad.model import EVENT_TYPES, SUB_EVENT_TO_TYPE


@dataclass(frozen=True)
class LinkRules:
    sub_type_group: dict[str, int]  # sub-event type -> group number (its own when alone)
    span_before: dict[int, int]
    span_after: dict[int, int]
    max_km: dict[int, float]
    cell_degrees: float
    generic_prefixes: tuple[str, ...]
    unordered: frozenset[str]
    state_prefixes: tuple[str, ...] = ()
    join_share: float = 0.5
    credible_toll_share: float = 0.1
    link_country_level: bool = False

    def sub_types_compatible(self, a: str, b: str) -> bool:
        return a == b or self.sub_type_group[a] == self.sub_type_group[b]

    def radius_km(self, precision_a: int | None, precision_b: int | None) -> float:
        return self.max_km[max(precision_a or 3, precision_b or 3)]


def _precision_map(raw: dict, name: str, cast: type) -> dict[int, float]:
    out = {int(k): cast(v) for k, v in raw.items()}
    if set(out) != {1, 2, 3} or any(v < 0 for v in out.values()):
        raise ValueError(f"link.yaml: {name} needs non-negative values for precisions 1, 2, 3")
    return out


def parse_rules(data: dict) -> LinkRules:
    groups: dict[str, int] = {}
    for number, group in enumerate(data["compatible_sub_types"]):
        types = {SUB_EVENT_TO_TYPE.get(sub) for sub in group}
        if None in types:
            unknown = [s for s in group if s not in SUB_EVENT_TO_TYPE]
            raise ValueError(f"link.yaml: unknown sub-event type(s) {unknown}")
        if len(types) != 1:
            raise ValueError(f"link.yaml: group {group} mixes event types")
        for sub in group:
            if sub in groups:
                raise ValueError(f"link.yaml: {sub!r} is in two groups")
            groups[sub] = number
    for sub in SUB_EVENT_TO_TYPE:
        groups.setdefault(sub, len(groups) + 1000)
    max_km = _precision_map(data["max_km"], "max_km", float)
    cell = float(data["cell_degrees"])
    if cell * 111.0 < max_km[3]:
        raise ValueError("link.yaml: cell_degrees must cover max_km[3] (3 x 3 cells are searched)")
    unordered = frozenset(data["unordered_sides"])
    if not unordered <= set(EVENT_TYPES):
        raise ValueError(f"link.yaml: unknown event types in unordered_sides: {unordered}")
    return LinkRules(
        sub_type_group=groups,
        span_before=_precision_map(data["date_span_before"], "date_span_before", int),
        span_after=_precision_map(data["date_span_after"], "date_span_after", int),
        max_km=max_km,
        cell_degrees=cell,
        generic_prefixes=tuple(data["generic_actor_prefixes"]),
        unordered=unordered,
        state_prefixes=tuple(data.get("state_force_prefixes", ())),
        join_share=_share(data.get("join_share", 0.5)),
        credible_toll_share=_share(data.get("credible_toll_share", 0.1)),
        link_country_level=bool(data.get("link_country_level", False)),
    )


def _share(value: object) -> float:
    share = float(value)  # type: ignore[arg-type]
    if not 0.0 <= share < 1.0:
        raise ValueError("link.yaml: a share must be in [0, 1)")
    return share


@cache
def load_rules() -> LinkRules:
    raw = files("marsad.link").joinpath("data/link.yaml").read_text(encoding="utf-8")
    return parse_rules(yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
