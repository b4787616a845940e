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
    "ب": "B", "ت": "T", "ث": "T", "ج": "G", "ح": "H", "خ": "K", "د": "D", "ذ": "Z",
    "ر": "R", "ز": "Z", "س": "S", "ش": "S", "ص": "S", "ض": "D", "ط": "T", "ظ": "Z",
    "غ": "G", "ف": "F", "ق": "K", "ك": "K", "ل": "L", "م": "M", "ن": "N", "ه": "",
    "پ": "B", "چ": "S", "گ": "G", "ڤ": "F",
}
# ه is a consonant inside a word and the feminine ending (ة, normalised to ه) at its end.
_H = "H"

# Latin digraphs first (one class each), then single letters.
_DIGRAPHS = (
    ("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("dh", "z"),
    ("dj", "g"), ("ph", "f"), ("ck", "k"), ("zh", "z"),
)
_LATIN = {
    "b": "B", "p": "B", "t": "T", "d": "D", "j": "G", "g": "G", "h": "H", "k": "K",
    "q": "K", "c": "K", "x": "KS", "r": "R", "z": "Z", "s": "S", "f": "F", "v": "F",
    "l": "L", "m": "M", "n": "N",
}
# The Arabic article as transliterations write it before a word: al-, el-, as-, ash-, ad- ...
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
    for word in name.split():
        for art in _ARABIC_ARTICLE:
            if word.startswith(art) and len(word) > len(art) + 1:
                word = word[len(art):]
                break
        classes = []
        for i, ch in enumerate(word):
            if ch == "ه":
                if i < len(word) - 1:
                    classes.append(_H)
            else:
                classes.append(_ARABIC.get(ch, ""))
        parts.append("".join(classes))
    return _collapse("".join(parts))


def latin_skeleton(name: str) -> str:
    """Consonant classes of a Latin transliteration (accents folded, article removed)."""
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
            word = word[m.end():]  # "al-mukalla", "ash-shaykh" written as one token
        if len(word) > 2 and word[-1] == "h" and word[-2] in "aeiy":
            word = word[:-1]  # the feminine ending: Hudaydah, Hajjah
        for digraph, letter in _DIGRAPHS:
            word = word.replace(digraph, letter)
        out.append("".join(_LATIN.get(ch, "") for ch in word))
    return _collapse("".join(out))


def is_latin(name: str) -> bool:
    """Written in Latin letters (accents allowed): a transliteration we can skeletonise."""
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all(
        "LATIN" in unicodedata.name(ch, "") for ch in letters
    )
