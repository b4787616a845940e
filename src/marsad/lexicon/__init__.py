"""marsad.lexicon: triggers, actors and cues as data, found with one automaton."""

from marsad.lexicon.loader import Lexicon, build_lexicon, load_lexicon
from marsad.lexicon.matcher import LexHit
from marsad.lexicon.schema import CUE_NAMES, ActorEntry, LexiconError, TriggerEntry

__all__ = [
    "CUE_NAMES",
    "ActorEntry",
    "LexHit",
    "Lexicon",
    "LexiconError",
    "TriggerEntry",
    "build_lexicon",
    "load_lexicon",
]
