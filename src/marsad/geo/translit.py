"""Consonant skeletons: an Arabic place name and its Latin transliterations meet here.

GeoNames spells most small towns only in Latin letters (Al Mukalla, Ḩayrān, Khirbat
Ghazālah). Arabic writes the consonants and leaves most vowels out, and transliteration
schemes disagree on vowels, on the article's assimilation (Ash Shaykh / Al-Sheikh) and on
digraphs (kh, sh, dh, ou). Both sides are therefore reduced to the sequence of consonant
*classes* — letters a transliteration may render alike fall into one class — with the
article, vowels, ``ʿayn``/``hamza`` and doubled letters removed:

    arabic_skeleton("الحديده")  == latin_skeleton("Al Hudaydah")  == "HDD"
    arabic_skeleton("حيران")    == latin_skeleton("Ḩayrān")       == "HRN"

A skeleton is a key, not a proof: the gazetteer uses it only for a name with
independent evidence of being a place (a qualifier such as مدينة or قرية before it),
only among the countries the article is about, and only for skeletons of at least
``MIN_SKELETON`` classes.
"""

from __future__ import annotations

import re
import unicodedata

MIN_SKELETON = 3

# Arabic letter (after marsad's normaliser: أإآ→ا, ة→ه, ى→ي) -> consonant class.
# Long vowels and glides (ا و ي), ʿayn and hamza carry no class: transliterations write
# them as vowels, apostrophes or nothing.
_ARABIC = {
    "ب": "B",
    "ت": "T",
    "ث": "T",
    "ج": "G",
    "ح": "H",
    "خ": "K",
    "د": "D",
    "ذ": "Z",
    "ر": "R",
    "ز": "Z",
    "س": "S",
    "ش": "S",
    "ص": "S",
    "ض": "D",
    "ط": "T",
    "ظ": "Z",
    "غ": "G",
    "ف": "F",
    "ق": "K",
    "ك": "K",
    "ل": "L",
    "م": "M",
    "ن": "N",
    "ه": "",
    "پ": "B",
    "چ": "S",
    "گ": "G",
    "ڤ": "F",
}
# ه is a consonant inside a word and the feminine ending (ة, normalised to ه) at its end.
_H = "H"

# Latin digraphs first (one class each), then single letters.
_DIGRAPHS = (
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "s"),
    ("th", "t"),
    ("dh", "z"),
    ("dj", "g"),
    ("ph", "f"),
    ("ck", "k"),
    ("zh", "z"),
)
_LATIN = {
    "b": "B",
    "p": "B",
    "t": "T",
    "d": "D",
    "j": "G",
    "g": "G",
    "h": "H",
    "k": "K",
    "q": "K",
    "c": "K",
    "x": "KS",
    "r": "R",
    "z": "Z",
    "s": "S",
    "f": "F",
    "v": "F",
    "l": "L",
    "m": "M",
    "n": "N",
}
# The Arabic article as transliterations write it before a word: al-, el-, as-, ash-, ad- ...
# _LATIN as a str.translate table: the words reaching it hold only a-z (split on
# [^a-z]+, digraphs replaced by a-z letters); a letter _LATIN lacks (a vowel) is dropped.
_LATIN_TABLE = {ord(ch): _LATIN.get(ch, "") for ch in "abcdefghijklmnopqrstuvwxyz"}
_ARTICLE_WORDS = frozenset(
    ("al", "el", "as", "ash", "ad", "ar", "at", "an", "az", "ath", "adh", "ed", "es", "er", "et")
)
_LATIN_ARTICLE = re.compile(r"^(?:al|el)(?=[a-z])")
_ARABIC_ARTICLE = ("وال", "بال", "فال", "ال")


def _collapse(classes: str) -> str:
    """Doubled letters (shadda, 'll') are one consonant."""
    out: list[str] = []
    for ch in classes:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def arabic_skeleton(name: str) -> str:
    """Consonant classes of a normalised Arabic name, article removed from each word."""
    parts = []
    words = name.split()
    for w, word in enumerate(words):
        for art in _ARABIC_ARTICLE:
            if word.startswith(art) and len(word) > len(art) + 1:
                word = word[len(art) :]
                break
        classes = []
        for i, ch in enumerate(word):
            if ch == "ه":
                if i < len(word) - 1:
                    classes.append(_H)
                elif w < len(words) - 1:
                    classes.append("T")  # construct state: خربة غزالة -> Khirbat Ghazalah
            else:
                classes.append(_ARABIC.get(ch, ""))
        parts.append("".join(classes))
    return _collapse("".join(parts))


def latin_skeleton(name: str) -> str:
    """Consonant classes of a Latin transliteration (accents folded, article removed)."""
    if name.isascii():  # most GeoNames names: NFKD and accent folding change nothing
        folded = name.lower()
    else:
        folded = unicodedata.normalize("NFKD", name)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    words = [w for w in re.split(r"[^a-z]+", folded) if w]
    if len(words) > 1 and words[0] in _ARTICLE_WORDS:
        words = words[1:]  # "Al Mukalla": the article is its own word
    out = []
    for i, word in enumerate(words):
        if i and word in _ARTICLE_WORDS:
            continue  # "Khirbat al Ghazalah"
        m = _LATIN_ARTICLE.match(word)
        if m and len(word) - m.end() >= 3:
            word = word[m.end() :]  # "al-mukalla", "ash-shaykh" written as one token
        if len(word) > 2 and word[-1] == "h" and word[-2] in "aeiy":
            word = word[:-1]  # the feminine ending: Hudaydah, Hajjah
        for digraph, letter in _DIGRAPHS:
            word = word.replace(digraph, letter)
        out.append(word.translate(_LATIN_TABLE))
    return _collapse("".join(out))


def is_latin(name: str) -> bool:
    """Written in Latin letters (accents allowed): a transliteration we can skeletonise."""
    if name.isascii():  # every ASCII letter is a LATIN letter
        return any(ch.isalpha() for ch in name)
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(ch, "") for ch in letters)


# A rough vowelled reading of Arabic letters, and the Latin side folded to the same
# alphabet, for comparing a skeleton match letter by letter (vowels included).
_AR_ROMAN = {
    "ا": "a",
    "و": "u",
    "ي": "i",
    "ب": "b",
    "ت": "t",
    "ث": "t",
    "ج": "j",
    "ح": "h",
    "خ": "k",
    "د": "d",
    "ذ": "d",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "s",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "غ": "g",
    "ف": "f",
    "ق": "k",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ئ": "i",
    "ؤ": "u",
}
_LATIN_FOLD = str.maketrans(
    {
        "o": "u",
        "e": "i",
        "y": "i",
        "w": "u",
        "q": "k",
        "c": "k",
        "g": "j",
        "p": "b",
        "v": "f",
        "x": "k",
    }
)
_AR_FOLD = str.maketrans({"g": "j"})


def _roman_arabic(name: str) -> str:
    out = []
    for word in name.split():
        for art in _ARABIC_ARTICLE:
            if word.startswith(art) and len(word) > len(art) + 1:
                word = word[len(art) :]
                break
        if word.endswith("ه"):
            word = word[:-1] + "ا"
        out.append("".join(_AR_ROMAN.get(ch, "") for ch in word))
    return _squeeze("".join(out)).translate(_AR_FOLD)


def _roman_latin(name: str) -> str:
    if name.isascii():  # most GeoNames names: NFKD and accent folding change nothing
        folded = name.lower()
    else:
        folded = unicodedata.normalize("NFKD", name)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    words = [w for w in re.split(r"[^a-z]+", folded) if w]
    words = [w for i, w in enumerate(words) if not (w in _ARTICLE_WORDS and (i or len(words) > 1))]
    text = "".join(_LATIN_ARTICLE.sub("", w) if len(w) > 5 else w for w in words)
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    if text.endswith("h") and len(text) > 2 and text[-2] in "aeiy":
        text = text[:-1]
    return _squeeze(text.translate(_LATIN_FOLD))


def _squeeze(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def similarity(arabic: str, latin: str) -> float:
    """0..1: how well a normalised Arabic name and a Latin name agree letter by letter,
    vowels included (a skeleton match that also agrees here is the same name)."""
    from difflib import SequenceMatcher

    a, b = _roman_arabic(arabic), _roman_latin(latin)
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()
