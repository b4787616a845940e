"""Load, validate and compile the lexicon data files into one ``Lexicon``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from marsad.lexicon.matcher import LexHit, Matcher, RawHit
from marsad.lexicon.schema import (
    ActorEntry,
    LexiconError,
    TriggerEntry,
    check_unique_actors,
    check_unique_triggers,
    merge_cues,
    parse_actors,
    parse_cues,
    parse_triggers,
)

DATA_DIR = Path(__file__).parent / "data"


def _normalizer() -> Callable[[str], str]:
    # Imported lazily so that importing marsad.lexicon stays cheap.
    from marsad.text.normalize import normalize_plain

    return normalize_plain


@dataclass(slots=True)
class Lexicon:
    """Triggers, actors and cues, plus the automaton that finds them all."""

    triggers: list[TriggerEntry]
    actors: list[ActorEntry]
    cues: dict[str, list[str]]
    matcher: Matcher = field(repr=False)
    # The raw hits of the last text seen: ``has_trigger`` then ``scan`` of the same
    # text (the extractor's fast path) runs the automaton once, not twice.
    _last: tuple[str, list[RawHit]] | None = field(default=None, repr=False, compare=False)

    def _raw(self, norm: str) -> list[RawHit]:
        last = self._last  # one read: a tuple swap is atomic, so threads see a consistent pair
        if last is not None and last[0] is norm:  # the very same str object, held alive here
            return last[1]
        raw = self.matcher.raw_hits(norm)
        self._last = (norm, raw)
        return raw

    def scan(self, norm: str) -> list[LexHit]:
        """Every trigger, actor alias and cue phrase in normalised text."""
        return self.matcher.scan(norm, self._raw(norm))

    def has_trigger(self, norm: str, min_weight: float = 0.0) -> bool:
        """Fast pre-check: does the text hold any trigger (of at least ``min_weight``)?"""
        return any(
            kind == "trigger" and entry.weight >= min_weight
            for _, _, kind, entry, _ in self._raw(norm)
        )


def _read_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path.name}: not valid YAML: {exc}") from exc


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def build_lexicon(data_dir: Path, normalize: Callable[[str], str] | None = None) -> Lexicon:
    """Read ``triggers/``, ``actors/`` and ``cues/`` under ``data_dir`` (uncached)."""
    norm = normalize or _normalizer()
    triggers: list[TriggerEntry] = []
    for path in _files(data_dir / "triggers"):
        triggers.extend(parse_triggers(_read_yaml(path), f"triggers/{path.name}", norm))
    check_unique_triggers(triggers)
    actors: list[ActorEntry] = []
    for path in _files(data_dir / "actors"):
        actors.extend(parse_actors(_read_yaml(path), f"actors/{path.name}", norm))
    check_unique_actors(actors)
    cues: dict[str, list[str]] = {}
    for path in _files(data_dir / "cues"):
        source = f"cues/{path.name}"
        merge_cues(cues, parse_cues(_read_yaml(path), source, norm), source)

    phrases: list[tuple[str, str, object, bool]] = []
    phrases.extend((t.norm, "trigger", t, t.pos == "verb") for t in triggers)
    phrases.extend((a, "actor", actor, False) for actor in actors for a in actor.norm_aliases)
    phrases.extend((p, "cue", name, False) for name, ps in cues.items() for p in ps)
    return Lexicon(triggers, actors, cues, Matcher(phrases))


@functools.cache
def load_lexicon(data_dir: Path | str | None = None) -> Lexicon:
    """The lexicon shipped with marsad (or one from ``data_dir``), built once per process."""
    return build_lexicon(Path(data_dir) if data_dir is not None else DATA_DIR)
