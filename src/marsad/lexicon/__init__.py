"""marsad.lexicon: triggers, actors and cues as data, found with one automaton."""

from marsad.lexicon.classes import WordClass, load_classes
from marsad.lexicon.loader import Lexicon, build_lexicon, load_lexicon
from marsad.lexicon.matcher import LexHit
from marsad.lexicon.schema import ActorEntry, LexiconError, TriggerEntry

__all__ = [
    "WordClass",
    "ActorEntry",
    "LexHit",
    "Lexicon",
    "LexiconError",
    "TriggerEntry",
    "build_lexicon",
    "load_classes",
    "load_lexicon",
]
