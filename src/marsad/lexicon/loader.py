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
    """The lexicon shipped with marsad (or one from ``data_dir``), built once per process.

    The shipped one comes from this install's compiled-data cache (``marsad.datacache``)
    when its key matches: parsing 27 YAML files and building the 116k-key automaton
    takes ~0.5-1 s, unpickling it about half that. A lexicon from another ``data_dir``
    is always built (tests and ``rules`` experiments must not fill the user's cache).
    """
    if data_dir is not None:
        return build_lexicon(Path(data_dir))
    from marsad import datacache

    return datacache.load_or_build(
        "lexicon",
        cache_key(),
        lambda: build_lexicon(DATA_DIR),
        valid=lambda obj: isinstance(obj, Lexicon),
        shared=_shared_constants(),
    )


def _shared_constants() -> dict[str, object]:
    """The matcher's module-level suffix sets, which it tests by identity
    (``allowed is ANY_SUFFIX``): a cached lexicon must hold these very objects."""
    from marsad.lexicon import matcher

    return {
        f"matcher.{name}": value
        for name, value in vars(matcher).items()
        if isinstance(value, frozenset)
    }


def cache_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """Every file whose change must rebuild the cached lexicon: its data, the code that
    compiles it (and whose classes the pickle names), the normaliser, the automaton."""
    import ahocorasick

    from marsad.geo._norm import normalizer_files

    here = Path(__file__).parent
    data = sorted(p for p in data_dir.rglob("*") if p.is_file())
    code = sorted(here.glob("*.py")) + [here.parent / "model.py"]
    return [*data, *code, *normalizer_files(), Path(ahocorasick.__file__)]


def cache_key(data_dir: Path = DATA_DIR) -> str:
    from marsad import datacache

    files = cache_files(data_dir)
    # The folder of each file too: two data files may share a name (triggers/x, actors/x).
    names = [str(p.relative_to(data_dir)) for p in files if p.is_relative_to(data_dir)]
    return datacache.digest(files, extra=("lexicon 1", *names))
