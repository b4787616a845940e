"""Word classes: one folder (``data/classes/*.yaml``), one schema, loaded and checked once.

Every closed class the extractor reasons with lives here: context cues (negation,
threat, plan, sport ...), grammar classes (clause breaks, person nouns, reporting
verbs ...) and the toll reader's words. A class is ``name: {doc, kind, words}``;
``kind`` is ``cue`` for classes whose hits stages and rules read from the lexicon
scan, ``word`` for classes also tested word by word. All of them are compiled into
the lexicon's automaton. A duplicate word after normalisation, an unknown key or a
class defined twice is an error naming the file and the class.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from marsad.lexicon.schema import LexiconError

CLASSES_DIR = Path(__file__).parent / "data" / "classes"
KINDS = ("cue", "word")
_KEYS = frozenset({"doc", "kind", "words"})


@dataclass(frozen=True, slots=True)
class WordClass:
    name: str
    doc: str
    kind: str
    words: tuple[str, ...]  # normalised, in file order
    labels: dict[str, str] | None  # word -> label, for labelled classes (place qualifiers)
    source: str


def _normalizer() -> Callable[[str], str]:
    from marsad.text.normalize import normalize_plain

    return normalize_plain


def parse_classes(raw: Any, source: str, normalize: Callable[[str], str]) -> list[WordClass]:
    if not isinstance(raw, dict) or not raw:
        raise LexiconError(
            f"{source}: a class file is a mapping of class name to {{doc, kind, words}}"
        )
    out = []
    for name, spec in raw.items():
        where = f"{source}: class {name!r}"
        if not isinstance(spec, dict):
            raise LexiconError(f"{where}: must be a mapping with doc, kind and words")
        unknown = set(spec) - _KEYS
        if unknown:
            raise LexiconError(f"{where}: unknown keys {sorted(unknown)}")
        if not isinstance(spec.get("doc"), str) or not spec["doc"].strip():
            raise LexiconError(f"{where}: doc must be a one-line description")
        if spec.get("kind") not in KINDS:
            raise LexiconError(f"{where}: kind must be one of {KINDS}")
        words = spec.get("words")
        labels: dict[str, str] | None = None
        if isinstance(words, dict):
            labels = {normalize(str(k)).strip(): str(v) for k, v in words.items()}
            words = list(words)
        if not isinstance(words, list) or not words:
            raise LexiconError(f"{where}: words must be a non-empty list (or a mapping)")
        norms: list[str] = []
        for word in words:
            if not isinstance(word, str | int) or not str(word).strip():
                raise LexiconError(f"{where}: a word must be a non-empty string, got {word!r}")
            norm = normalize(str(word)).strip()
            if not norm:
                raise LexiconError(f"{where}: {word!r} normalises to an empty string")
            if norm in norms:
                raise LexiconError(f"{where}: duplicate word {word!r} (normalised {norm!r})")
            norms.append(norm)
        out.append(
            WordClass(str(name), spec["doc"].strip(), spec["kind"], tuple(norms), labels, source)
        )
    return out


def build_classes(
    folder: Path = CLASSES_DIR, normalize: Callable[[str], str] | None = None
) -> dict[str, WordClass]:
    norm = normalize or _normalizer()
    classes: dict[str, WordClass] = {}
    for path in sorted(folder.glob("*.yaml")):
        source = f"classes/{path.name}"
        try:
            raw = yaml.load(
                path.read_text(encoding="utf-8"),
                Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
            )
        except yaml.YAMLError as exc:
            raise LexiconError(f"{source}: not valid YAML: {exc}") from exc
        for wc in parse_classes(raw, source, norm):
            if wc.name in classes:
                raise LexiconError(
                    f"{source}: class {wc.name!r} already defined in {classes[wc.name].source}"
                )
            classes[wc.name] = wc
    return classes


@functools.cache
def load_classes() -> dict[str, WordClass]:
    """The word classes shipped with marsad, built once per process."""
    return build_classes()
