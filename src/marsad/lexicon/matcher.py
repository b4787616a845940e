"""One Aho-Corasick automaton over every lexicon phrase, with Arabic word boundaries.

Boundary rules (kept simple on purpose):

* The scanned text is padded with a space and every non-letter (anything but
  ``\\w`` minus ``_``; digits count as letters) becomes a space, so offsets do
  not move. Each phrase is compiled into keys ``" " + clitic + phrase``: a hit
  therefore always starts at a word start, optionally after a proclitic
  sequence, and ``nstart`` points after the clitic.
* Proclitics: و ف ب ل ك ال لل وال فال بال كال ولل فلل وب ول وك فب فل.
  A phrase that starts with ال also matches after ل / ول / فل with the two
  lams fused (للجيش matches الجيش; its ``nstart`` is the second ل).
  Verbs take only و ف ل ول فل; cues of one or two letters only و ف.
* A hit ends at a word end, or before an allowed suffix that ends the word.
  Verbs (and cues of one or two letters) take no suffix. Other entries take a
  pronoun suffix (ه ها هم هما هن كم نا; not ي, see PRONOUNS; not ه after a final ي,
  where يه is the feminine ية); if they end in a consonant (not
  ا ه و, and not already ات ون ين ان) also ات ون ين ان and the accusative ا.
  An entry ending in ه (a normalised ة) matches its ت form only when a
  pronoun or the dual ين / ان follows (اصابته, مفخختين); ``nend`` then covers
  the ت. ``nend`` never covers the suffix; ``LexHit.suffix`` holds it.
* A phrase whose last word is a lone proclitic ل or ب (وفقا ل, الموالية ل,
  تستعد ل) expects that letter glued to the next word: any letters may follow
  it, and ``nend`` stops after it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import ahocorasick

PROCLITICS = (
    "",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
    "ال",
    "لل",
    "وال",
    "فال",
    "بال",
    "كال",
    "ولل",
    "فلل",
    "وب",
    "ول",
    "وك",
    "فب",
    "فل",
)
VERB_PROCLITICS = ("", "و", "ف", "ل", "ول", "فل")
SHORT_PROCLITICS = ("", "و", "ف")
# ي is left out on purpose: after a noun it is far more often a nisba adjective
# (سلبي, قتالي) than "my".
PRONOUNS = frozenset({"ه", "ها", "هم", "هما", "هن", "كم", "نا"})
PLURALS = frozenset({"ات", "ون", "ين", "ان"})
NO_SUFFIX: frozenset[str] = frozenset()
_NOUN_SUFFIXES = PRONOUNS | PLURALS | {"ا"}
_TA_SUFFIXES = PRONOUNS | {"ين", "ان"}

_NONLETTER = re.compile(r"[\W_]")
# The same chars but the space: replacing " " by " " is a no-op, and skipping it
# makes the per-text substitution ~5× cheaper.
_NONLETTER_NOT_SPACE = re.compile(r"[^\w ]|_")
_SPACES = re.compile(r" +")


@dataclass(frozen=True, slots=True)
class LexHit:
    """A lexicon phrase found in normalised text; ``entry`` is a TriggerEntry,
    ActorEntry or the cue name. ``text`` is ``norm[nstart:nend]``."""

    nstart: int
    nend: int
    kind: str
    entry: Any
    text: str
    suffix: str = ""


def key_form(phrase: str) -> str:
    """The phrase as the matcher sees it: non-letters as single spaces."""
    return _SPACES.sub(" ", _NONLETTER.sub(" ", phrase)).strip()


# Marker: any letters may follow (phrases ending in a lone proclitic).
ANY_SUFFIX = frozenset({"*"})


def _suffixes_for(phrase: str, verb: bool) -> frozenset[str]:
    last = phrase.rsplit(" ", 1)[-1]
    if " " in phrase and last in ("ل", "ب"):
        return ANY_SUFFIX
    if verb or len(last) <= 2 or phrase.endswith("ه"):
        return NO_SUFFIX
    if phrase[-1] in "او" or phrase[-2:] in PLURALS:
        return PRONOUNS
    if phrase[-1] == "ي":
        # "دوريه" is دورية (a patrol), not دوري + ه (his league): after ي the ه
        # is almost always a normalised ة, the feminine of the word
        return _NOUN_SUFFIXES - {"ه"}
    return _NOUN_SUFFIXES


# Kinds whose entry is a class name: their hits compete only within their class.
CLASS_KINDS = frozenset({"cue", "word"})

# (nstart, nend, kind, entry, suffix) before overlaps are resolved
RawHit = tuple[int, int, str, Any, str]

# payload: (kind, entry, offset of the phrase inside the key, allowed suffixes, suffix required)
_Payload = tuple[str, Any, int, frozenset[str], bool]


class Matcher:
    """Compiled phrases; ``scan`` returns boundary-checked, overlap-resolved hits."""

    def __init__(self, phrases: Iterable[tuple[str, str, Any, bool]]) -> None:
        """``phrases``: (normalised phrase, kind, entry, is_verb)."""
        keys: dict[str, list[_Payload]] = defaultdict(list)
        for phrase, kind, entry, verb in phrases:
            form = key_form(phrase)
            if not form:
                continue
            for stem, suffixes, tied in self._forms(form, verb):
                for clitic, body in self._clitic_bodies(stem, verb):
                    keys[" " + clitic + body].append((kind, entry, 1 + len(clitic), suffixes, tied))
        self._automaton = ahocorasick.Automaton()
        for key, payloads in keys.items():
            self._automaton.add_word(key, (len(key), tuple(payloads)))
        self._automaton.make_automaton()
        self.key_count = len(keys)

    @staticmethod
    def _forms(form: str, verb: bool) -> Iterator[tuple[str, frozenset[str], bool]]:
        yield form, _suffixes_for(form, verb), False
        last = form.rsplit(" ", 1)[-1]
        if not verb and form.endswith("ه") and len(last) >= 3:
            yield form[:-1] + "ت", _TA_SUFFIXES, True

    @staticmethod
    def _clitic_bodies(form: str, verb: bool) -> Iterator[tuple[str, str]]:
        first = form.split(" ", 1)[0]
        if verb:
            clitics = VERB_PROCLITICS
        elif len(first) <= 2 and " " not in form:
            clitics = SHORT_PROCLITICS
        else:
            clitics = PROCLITICS
        for clitic in clitics:
            yield clitic, form
        # ل + ال fuse into لل: للجيش is ل + الجيش (nstart at the second ل)
        if form.startswith("ال") and len(first) > 3:
            for clitic in clitics:
                if clitic in ("ل", "ول", "فل"):
                    yield clitic, form[1:]

    def raw_hits(self, norm: str) -> list[RawHit]:
        """Boundary-valid (nstart, nend, kind, entry, suffix), overlaps not resolved."""
        padded = " " + _NONLETTER_NOT_SPACE.sub(" ", norm) + " "
        out: list[RawHit] = []
        add = out.append
        find = padded.find
        for end, (length, payloads) in self._automaton.iter(padded):
            after = end + 1
            # padded index i is norm index i - 1
            key_start = after - length - 1
            if padded[after] == " ":  # a word end: no suffix, only untied forms
                for kind, entry, offset, _allowed, tied in payloads:
                    if not tied:
                        add((key_start + offset, end, kind, entry, ""))
                continue
            suffix = padded[after : find(" ", after)]
            for kind, entry, offset, allowed, _tied in payloads:
                if suffix in allowed or allowed is ANY_SUFFIX:
                    add((key_start + offset, end, kind, entry, suffix))
        return out

    def has_kind(self, norm: str, kind: str) -> bool:
        """Is there at least one boundary-valid hit of ``kind``?"""
        return any(hit[2] == kind for hit in self.raw_hits(norm))

    def scan(self, norm: str, raw_hits: Iterable[RawHit] | None = None) -> list[LexHit]:
        """Hits sorted by (nstart, -length); per kind (per class for word classes) the longest of overlapping hits wins.
        ``raw_hits``: ``self.raw_hits(norm)`` if the caller already has them."""
        found = self.raw_hits(norm) if raw_hits is None else raw_hits
        # dict.fromkeys drops repeats but keeps a deterministic order for equal spans
        raw = sorted(dict.fromkeys(found), key=lambda h: (h[0] - h[1], h[0]))
        # Per kind, the distinct kept spans are disjoint (an overlapping one is
        # dropped), so sorted by start only the last span starting before ``nend``
        # can overlap a new hit; an identical span is a twin and does not block it.
        starts: dict[Any, list[int]] = defaultdict(list)
        ends: dict[Any, list[int]] = defaultdict(list)
        hits: list[LexHit] = []
        for nstart, nend, kind, entry, suffix in raw:
            # word classes resolve overlaps within their own class: a longer phrase of
            # one class does not hide a word of another (triggers and actors compete)
            key = (kind, entry) if kind in CLASS_KINDS else kind
            ks, ke = starts[key], ends[key]
            i = bisect_left(ks, nend) - 1
            if i >= 0 and ke[i] > nstart:
                if (ks[i], ke[i]) != (nstart, nend):
                    continue
            else:
                ks.insert(i + 1, nstart)
                ke.insert(i + 1, nend)
            hits.append(LexHit(nstart, nend, kind, entry, norm[nstart:nend], suffix))
        hits.sort(key=lambda h: (h.nstart, h.nstart - h.nend))
        return hits
