"""Load, validate and compile the lexicon data files into one ``Lexicon``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from marsad.lexicon.classes import WordClass, build_classes
from marsad.lexicon.matcher import LexHit, Matcher, RawHit
from marsad.lexicon.schema import (
    ActorEntry,
    LexiconError,
    TriggerEntry,
    check_unique_actors,
    check_unique_triggers,
    parse_actors,
    parse_triggers,
)

DATA_DIR = Path(__file__).parent / "data"


def _normalizer() -> Callable[[str], str]:
    # Imported lazily so that importing marsad.lexicon stays cheap.
    from marsad.text.normalize import normalize_plain

    return normalize_plain


@dataclass(slots=True)
class Lexicon:
    """Triggers, actors and word classes, plus the automaton that finds them all and a
    trigger-only one for the cheap pre-check. Immutable once built."""

    triggers: list[TriggerEntry]
    actors: list[ActorEntry]
    classes: dict[str, WordClass]
    matcher: Matcher = field(repr=False)
    precheck: Matcher = field(repr=False)

    @property
    def cues(self) -> dict[str, list[str]]:
        """Context classes (kind ``cue``) by name."""
        return {n: list(c.words) for n, c in self.classes.items() if c.kind == "cue"}

    def scan(self, norm: str, raw: list[RawHit] | None = None) -> list[LexHit]:
        """Every trigger, actor alias and class word in normalised text."""
        return self.matcher.scan(norm, raw)

    def has_trigger(self, norm: str, min_weight: float = 0.0) -> bool:
        """Fast pre-check: does the text hold any trigger (of at least ``min_weight``)?"""
        return any(entry.weight >= min_weight for _, _, _, entry, _ in self.precheck.raw_hits(norm))


def _read_yaml(path: Path) -> object:
    try:
        return yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path.name}: not valid YAML: {exc}") from exc


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def build_lexicon(data_dir: Path, normalize: Callable[[str], str] | None = None) -> Lexicon:
    """Read ``triggers/``, ``actors/`` and ``classes/`` under ``data_dir`` (uncached)."""
    norm = normalize or _normalizer()
    triggers: list[TriggerEntry] = []
    for path in _files(data_dir / "triggers"):
        triggers.extend(parse_triggers(_read_yaml(path), f"triggers/{path.name}", norm))
    check_unique_triggers(triggers)
    actors: list[ActorEntry] = []
    for path in _files(data_dir / "actors"):
        actors.extend(parse_actors(_read_yaml(path), f"actors/{path.name}", norm))
    check_unique_actors(actors)
    classes = build_classes(data_dir / "classes", norm)

    trigger_phrases = [(t.norm, "trigger", t, t.pos == "verb") for t in triggers]
    phrases: list[tuple[str, str, object, bool]] = list(trigger_phrases)
    phrases.extend((a, "actor", actor, False) for actor in actors for a in actor.norm_aliases)
    phrases.extend((w, c.kind, name, False) for name, c in classes.items() for w in c.words)
    return Lexicon(triggers, actors, classes, Matcher(phrases), Matcher(trigger_phrases))


@functools.cache
def load_lexicon(data_dir: Path | str | None = None) -> Lexicon:
    """The lexicon shipped with marsad (or one from ``data_dir``), built once per process."""
    return build_lexicon(Path(data_dir) if data_dir is not None else DATA_DIR)
