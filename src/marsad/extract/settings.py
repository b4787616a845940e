"""The extractor's numbers, loaded once from ``data/settings.yaml``.

Every threshold, reach, weight cut-off, day window and distance is a named
value there with its unit and a one-line doc; code reads ``SETTINGS.name`` and
rules name a setting instead of a number.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

SETTINGS_FILE = Path(__file__).parent / "data" / "settings.yaml"
UNITS = frozenset(
    {"weight", "count", "chars", "tokens", "words", "days", "sentences", "km", "inter", "people"}
)
_KEYS = frozenset({"value", "unit", "doc"})


class SettingsError(ValueError):
    """The settings file does not follow its format; the message names file and entry."""


class Settings:
    """Read-only named values: ``SETTINGS.strong_trigger``."""

    __slots__ = ("_values", "source")

    def __init__(self, values: dict[str, Any], source: str) -> None:
        object.__setattr__(self, "_values", dict(values))
        object.__setattr__(self, "source", source)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"{self.source}: no setting named {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("settings are read-only")

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def names(self) -> list[str]:
        return sorted(self._values)


def parse_settings(raw: Any, source: str) -> Settings:
    """Check the settings mapping and keep each entry's value."""
    if not isinstance(raw, dict) or not raw:
        raise SettingsError(f"{source}: must be a non-empty mapping of name to entry")
    values: dict[str, Any] = {}
    for name, entry in raw.items():
        where = f"{source}: setting {name!r}"
        if not isinstance(entry, dict):
            raise SettingsError(f"{where}: must be a mapping with value, unit and doc")
        unknown = set(entry) - _KEYS
        if unknown:
            raise SettingsError(f"{where}: unknown keys {sorted(unknown)}")
        missing = _KEYS - set(entry)
        if missing:
            raise SettingsError(f"{where}: missing {sorted(missing)}")
        if entry["unit"] not in UNITS:
            raise SettingsError(f"{where}: unit must be one of {sorted(UNITS)}")
        value = entry["value"]
        if isinstance(value, list):
            value = tuple(value)
        elif isinstance(value, bool) or not isinstance(value, int | float):
            raise SettingsError(f"{where}: value must be a number or a list, got {value!r}")
        values[name] = value
    return Settings(values, source)


@functools.cache
def load_settings(path: Path = SETTINGS_FILE) -> Settings:
    try:
        raw = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except yaml.YAMLError as exc:
        raise SettingsError(f"{path.name}: not valid YAML: {exc}") from exc
    return parse_settings(raw, path.name)


SETTINGS = load_settings()


TYPING_FILE = Path(__file__).parent / "data" / "typing.yaml"


@functools.cache
def load_typing(path: Path = TYPING_FILE) -> dict[str, Any]:
    """Type precedence data, checked against the CODEBOOK's types."""
    from marsad.model import EVENT_TYPES

    raw = yaml.load(
        path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    subs = {s for values in EVENT_TYPES.values() for s in values}
    for key in ("sub_priority", "type_rank", "defused_is_not", "territory"):
        if key not in raw:
            raise SettingsError(f"{path.name}: missing {key!r}")
    for name in [*raw["sub_priority"], *raw["defused_is_not"], *raw["territory"].values()]:
        if name not in subs:
            raise SettingsError(f"{path.name}: unknown sub-event type {name!r}")
    for name in raw["type_rank"]:
        if name not in EVENT_TYPES:
            raise SettingsError(f"{path.name}: unknown event type {name!r}")
    missing = set(EVENT_TYPES) - set(raw["type_rank"])
    if missing:
        raise SettingsError(f"{path.name}: type_rank misses {sorted(missing)}")
    return raw
