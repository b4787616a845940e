"""The clitic letters and affixes every stage strips the same way, from ``data/clitics.yaml``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

CLITICS_FILE = Path(__file__).parent / "data" / "clitics.yaml"


class Clitics:
    """Read-only named letters and affixes: ``CLITICS.waw``, ``CLITICS.conjunctions``."""

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, Any]) -> None:
        object.__setattr__(
            self, "_values", {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
        )

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"{CLITICS_FILE.name}: no entry {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("the clitic table is read-only")


def load_clitics(path: Path = CLITICS_FILE) -> Clitics:
    raw = yaml.load(
        path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    if not isinstance(raw, dict) or not all(isinstance(v, str | list) for v in raw.values()):
        raise ValueError(f"{path.name}: must map names to letters or lists of letters")
    return Clitics(raw)


CLITICS = load_clitics()


def conjunctions() -> tuple[str, ...]:
    return CLITICS.conjunctions


def bare_conjunction(word: str) -> str:
    """The word without a leading و / ف (وقال → قال); unchanged otherwise."""
    return word[1:] if len(word) > 1 and word[0] in CLITICS.conjunctions else word
