"""Words of normalised text, with conservative clitic splitting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.text.normalize import AR_LETTERS, _load_lines

_WORD = re.compile(f"[{AR_LETTERS}a-z0-9]+")
_ARABIC_HEAD = re.compile(f"[{AR_LETTERS}]+")

# Proclitic strings, longest first. Those holding the article (ال, لل = ل+ال)
# need a stem of >= 2 letters; the bare conjunctions/prepositions >= 3.
_ARTICLE_PREFIXES = ("وبال", "فبال", "وكال", "ولل", "فلل", "وال", "بال", "فال", "كال", "لل", "ال")
_LETTER_PREFIXES = ("وب", "فب", "ول", "فل", "وك", "فك", "و", "ف", "ب", "ل", "ك")
_SUFFIXES = ("هما", "ها", "هم", "هن", "كم", "نا")  # bare ه is left alone: ة is normalised to ه
# Endings that may follow a protected word and still leave it protected.
_ENDINGS = ("هما", "ها", "هم", "هن", "كم", "نا", "ات", "ان", "ين", "ون", "ه", "ا", "ي")


@dataclass(frozen=True, slots=True)
class Token:
    """One word: ``text == prefix + stem + suffix``; offsets into the normalised text."""

    nstart: int
    nend: int
    text: str
    stem: str
    prefix: str
    suffix: str


@lru_cache(maxsize=1)
def _no_split() -> frozenset[str]:
    return frozenset(_load_lines("no_split.txt"))


def _protected(word: str) -> bool:
    ns = _no_split()
    if word in ns:
        return True
    return any(word.endswith(e) and word[: -len(e)] in ns for e in _ENDINGS if len(word) > len(e))


def _split_prefix(word: str) -> tuple[str, str]:
    for prefixes, min_stem in ((_ARTICLE_PREFIXES, 2), (_LETTER_PREFIXES, 3)):
        for p in prefixes:
            ok = word.startswith(p) and len(word) - len(p) >= min_stem
            if ok and not _cuts_protected(word, p):
                return p, word[len(p) :]
    return "", word


def _cuts_protected(word: str, prefix: str) -> bool:
    """Would stripping ``prefix`` cut into a protected word starting inside it?"""
    return any(_protected(word[k:]) for k in range(len(prefix)))


@lru_cache(maxsize=65536)
def split_word(word: str) -> tuple[str, str, str]:
    """``(prefix, stem, suffix)`` of one normalised word."""
    if not word:
        return "", word, ""
    head = _ARABIC_HEAD.match(word)
    if head is None:
        return "", word, ""
    if head.end() < len(word):
        # a proclitic glued to digits/Latin (ب18): normalize keeps only clitics glued
        return word[: head.end()], word[head.end() :], ""
    prefix, stem = _split_prefix(word)
    suffix = ""
    if "ال" not in prefix and stem not in _no_split():  # a word with the article takes no pronoun
        for s in _SUFFIXES:
            if stem.endswith(s) and len(stem) - len(s) >= 3:
                suffix, stem = s, stem[: -len(s)]
                break
    return prefix, stem, suffix


def tokenize(norm: str) -> list[Token]:
    """Runs of Arabic letters, Latin letters and digits; punctuation is skipped."""
    out: list[Token] = []
    for m in _WORD.finditer(norm):
        w = m.group()
        p, s, x = split_word(w)
        out.append(Token(m.start(), m.end(), w, s, p, x))
    return out
