"""Arabic text normalisation with an offset map back to the original text.

Three stages, each a cheap C-level pass plus a short Python loop over the few
places where lengths change:

1. ``str.translate``: 1:1 character mappings, deletions (harakat, tatweel,
   zero-width marks) and presentation-form expansions (ﻻ → لا).
2. whitespace runs collapse to one space (one newline when the run holds one).
3. missing spaces are restored (Latin/digit glued to Arabic, ة/ى inside a word,
   known fused pairs), then ة → ه and ى → ي (1:1, so after the detection that
   needs to see them).

Each stage that changed a length records an ``_EditMap`` (a sorted list of
edits, identity in between); spans are mapped back through the stages with
``bisect``, so there is no per-character table.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

# Arabic letters after stage 1 (incl. the extended block so Persian/Urdu letters count).
AR_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u06fa-\u06fc"

_DELETE = (
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640", "\u061c", "\ufeff"]
    + [chr(c) for c in range(0x200B, 0x2010)]
    + ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
)
_SPACE_LIKE = "\t\x1c\x1d\x1e\x1f \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_NEWLINE_LIKE = "\n\x0b\x0c\r\x85\u2028\u2029"

_BASE: dict[str, str | None] = {c: None for c in _DELETE}
_BASE.update({c: " " for c in _SPACE_LIKE})
_BASE.update({c: "\n" for c in _NEWLINE_LIKE})
_BASE.update({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
# Persian/Urdu look-alikes that Arabic sites mix in (1:1, so harmless).
_BASE.update({"ی": "ي", "ک": "ك", "ھ": "ه"})
_BASE.update({chr(0x0660 + i): str(i) for i in range(10)})
_BASE.update({chr(0x06F0 + i): str(i) for i in range(10)})
_BASE.update({"،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ","})
_BASE.update({c: '"' for c in "«»“”„‟"})
# A hashtag is words of the sentence marked as links (#الجيش_الوطني): its mark and the
# underscores joining its words are word boundaries, so the words read as in prose.
_BASE.update({"#": " ", "_": " "})
_BASE.update({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})
# Latin-1 capitals (À..Þ but not ×) lower by +32, 1:1.
_BASE.update({chr(c): chr(c + 32) for c in range(0xC0, 0xDF) if c != 0xD7})

# Stage 3 letters: kept through stages 1-2 because rule (b) must see them.
_FINAL = str.maketrans({"ة": "ه", "ى": "ي"})


def _build_table() -> tuple[dict[int, str | None], str, str]:
    """The stage-1 table plus the char classes that change length."""
    base = str.maketrans(_BASE)
    table = dict(base)
    expand: list[str] = []
    delete: list[str] = list(_DELETE)
    for cp in range(0xFB50, 0xFEFF):
        ch = chr(cp)
        nf = unicodedata.normalize("NFKC", ch)
        if nf == ch:
            continue
        out = nf.translate(base)
        if not out.strip():
            # isolated harakat forms (ﹰ → " ً") and variation selectors are diacritics: drop
            table[cp] = None
            delete.append(ch)
        elif len(out) == 1:
            table[cp] = out
        else:
            table[cp] = out
            expand.append(ch)
    return table, "".join(delete), "".join(expand)


_TABLE1, _DEL_CHARS, _EXP_CHARS = _build_table()
# Chars stage 1 changes; those mapped to at most one char can go by str.replace.
_CHANGED_MAP = {chr(cp): out for cp, out in _TABLE1.items() if out != chr(cp)}
_CHANGED = re.compile("[" + "".join(re.escape(c) for c in sorted(_CHANGED_MAP)) + "]")
_SIMPLE_MAP = {c: out or "" for c, out in _CHANGED_MAP.items() if out is None or len(out) == 1}
_SIMPLE = frozenset(_SIMPLE_MAP)
_MAX_REPLACES = 24  # beyond this many distinct chars one translate is cheaper
# Sequential replaces equal one translate only if no output is itself replaced.
assert not set(_SIMPLE_MAP.values()) & set(_CHANGED_MAP)
_IRREGULAR = re.compile(f"([{re.escape(_DEL_CHARS)}]+)|([{re.escape(_EXP_CHARS)}])")
_WS_RUN = re.compile(r"[ \n]{2,}")
# A boundary where a space is missing: digit/Latin|Arabic, Arabic|digit/Latin, ة/ى|Arabic.
# (The definition; ``_glue_positions`` finds the same positions faster.)
_GLUE = re.compile(f"(?=[a-z0-9][{AR_LETTERS}]|[{AR_LETTERS}][a-z0-9]|[ةى][{AR_LETTERS}])")
_AR_LETTER = re.compile(f"[{AR_LETTERS}]")
_AR_SET = frozenset(c for c in map(chr, range(0x600, 0x700)) if _AR_LETTER.match(c))
_ALNUM_RUN = re.compile("[a-z0-9]+")
_TA_GLUED = re.compile(f"[ةى](?=[{AR_LETTERS}])")
# Proclitic strings that stay glued to following digits/Latin (ب18، وال2015).
_CLITICS = frozenset(
    [
        "ب",
        "ل",
        "و",
        "ف",
        "ك",
        "ال",
        "وال",
        "بال",
        "فال",
        "كال",
        "لل",
        "ولل",
        "فلل",
        "وب",
        "فب",
        "ول",
        "فل",
        "وك",
        "فك",
        "وبال",
        "فبال",
    ]
)


def _load_lines(name: str) -> list[str]:
    path = DATA_DIR / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


_FUSED_ALTS: list[str] = []  # the alternation _fused_pattern built, for _fused_quick


@lru_cache(maxsize=1)
def _fused_pattern() -> re.Pattern[str] | None:
    """Known first words of fused pairs, followed by ال+letter in one token."""
    words: set[str] = set()
    for w in _load_lines("fused_words.txt"):
        words.add(w)
        if w.startswith("ال"):
            words.add("لل" + w[2:])  # ل + ال
    if not words:
        return None
    # The text still holds ة/ى here (stage 2), entries are normalised (ه/ي).
    alts = sorted(words, key=len, reverse=True)
    alts_re = "|".join(re.escape(w).replace("ه", "[هة]").replace("ي", "[يى]") for w in alts)
    _FUSED_ALTS.append(alts_re)
    # Token start = no Arabic letter before, or right after a ة/ى that rule (b) splits off.
    return re.compile(f"(?:(?<![{AR_LETTERS}])|(?<=[ةى]))[وفبك]?(?:{alts_re})(?=ال[{AR_LETTERS}])")


@lru_cache(maxsize=1)
def _fused_quick() -> re.Pattern[str]:
    """A fused word then ال: without a match here ``_fused_pattern`` has none either,
    and this literal search is ~50× cheaper than its look-behind at every char."""
    _fused_pattern()
    return re.compile(f"(?:{_FUSED_ALTS[-1]})ال")


class _EditMap:
    """Output → input positions for one stage: sorted edits, identity between them.

    Edit k replaces input ``[in_s[k], in_e[k])`` by output ``[out_s[k], out_e[k])``;
    every output char of an edit maps to the whole input range (a deletion has
    an empty output range, an insertion an empty input range).
    """

    __slots__ = ("out_s", "out_e", "in_s", "in_e", "out_len", "in_len")

    def __init__(self, edits: list[tuple[int, int, int, int]], out_len: int, in_len: int):
        self.out_s = [e[0] for e in edits]
        self.out_e = [e[1] for e in edits]
        self.in_s = [e[2] for e in edits]
        self.in_e = [e[3] for e in edits]
        self.out_len = out_len
        self.in_len = in_len

    def start(self, p: int) -> int:
        """Input start of output char ``p``."""
        k = bisect_right(self.out_s, p) - 1
        if k < 0:
            return p
        if p < self.out_e[k]:
            return self.in_s[k]
        return self.in_e[k] + (p - self.out_e[k])

    def end(self, p: int) -> int:
        """Input end of output char ``p - 1`` (the end of a span ending at ``p``)."""
        q = p - 1
        k = bisect_right(self.out_s, q) - 1
        if k < 0:
            return p
        if q < self.out_e[k]:
            return self.in_e[k]
        return self.in_e[k] + (p - self.out_e[k])

    def pos(self, p: int) -> int:
        """A zero-width output position mapped to input."""
        if p >= self.out_len:
            return self.in_len
        return self.start(max(p, 0))


class Normalized:
    """Normalised text plus the map back to the original text.

    The map is built on first use: most articles are dropped by the trigger
    pre-check on ``text`` alone and never need it.
    """

    __slots__ = ("text", "original_length", "_built", "_source")

    def __init__(
        self,
        text: str,
        original_length: int,
        maps: tuple[_EditMap, ...] = (),
        source: tuple[str, str, list[int]] | None = None,
    ) -> None:
        self.text = text
        self.original_length = original_length
        self._built: tuple[_EditMap, ...] | None = None if source is not None else maps
        self._source = source  # (original text, stage-1 text, stage-3 insertion points)

    @property
    def _maps(self) -> tuple[_EditMap, ...]:
        """The stage maps, last stage first."""
        if self._built is None:
            assert self._source is not None
            self._built = _build_maps(*self._source, len(self.text))
            self._source = None
        return self._built

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Normalized):
            return NotImplemented
        return (self.text, self.original_length) == (other.text, other.original_length)

    __hash__ = None  # type: ignore[assignment]  # mutable cache inside, like the dataclass was

    def to_original(self, nstart: int, nend: int) -> tuple[int, int]:
        """Map a normalised ``[nstart, nend)`` to the original span covering its source."""
        n = len(self.text)
        nstart = min(max(nstart, 0), n)
        nend = min(max(nend, 0), n)
        if nend <= nstart:
            p = self.orig_pos(nstart)
            return p, p
        s, e = nstart, nend
        for m in self._maps:
            if s < e:
                s, e = m.start(s), m.end(e)
            else:
                s = e = m.pos(s)
        return s, e

    def orig_pos(self, npos: int) -> int:
        """Map a normalised position (between chars) to an original position."""
        p = min(max(npos, 0), len(self.text))
        for m in self._maps:
            p = m.pos(p)
        return p


def _translate1(text: str) -> str:
    """``text.translate(_TABLE1)``, done as a few ``str.replace`` when every changed
    char present maps to at most one char (the usual case; replace runs in C,
    translate with a dict looks up every char)."""
    present = set(_CHANGED.findall(text))
    if not present:
        return text
    if len(present) > _MAX_REPLACES or not present <= _SIMPLE:
        return text.translate(_TABLE1)
    for ch in present:
        text = text.replace(ch, _SIMPLE_MAP[ch])
    return text


def _stage1(text: str, want_map: bool) -> tuple[str, _EditMap | None]:
    out = _translate1(text)
    if not want_map:
        return out, None
    return out, _stage1_map(text, len(out))


def _stage1_map(text: str, out_len: int) -> _EditMap | None:
    edits: list[tuple[int, int, int, int]] = []
    shift = 0  # output offset minus input offset so far
    for m in _IRREGULAR.finditer(text):
        i, j = m.span()
        o = i + shift
        if m.group(1) is not None:
            edits.append((o, o, i, j))
            shift -= j - i
        else:
            n_out = len(_TABLE1[ord(m.group(2))] or "")
            edits.append((o, o + n_out, i, j))
            shift += n_out - 1
    return _EditMap(edits, out_len, len(text)) if edits else None


def _stage2(text: str, want_map: bool) -> tuple[str, _EditMap | None]:
    if "  " not in text and "\n" not in text:
        return text, None  # no run of two (the usual one-paragraph article)
    parts: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    last = 0
    shift = 0
    for m in _WS_RUN.finditer(text):
        i, j = m.span()
        parts.append(text[last:i])
        parts.append("\n" if "\n" in m.group() else " ")
        edits.append((i + shift, i + shift + 1, i, j))
        shift -= j - i - 1
        last = j
    if not edits:
        return text, None
    parts.append(text[last:])
    out = "".join(parts)
    return out, _EditMap(edits, len(out), len(text)) if want_map else None


def _glue_positions(s2: str) -> set[int]:
    """The match starts of ``_GLUE``, found from the few digit/Latin runs and ة/ى
    instead of a look-ahead tried at every char (the regex engine skips to those)."""
    found: set[int] = set()
    n = len(s2)
    ar = _AR_SET
    for m in _ALNUM_RUN.finditer(s2):
        st, e = m.span()
        if st > 0 and s2[st - 1] in ar:
            found.add(st - 1)  # Arabic | digit/Latin
        if e < n and s2[e] in ar:
            found.add(e - 1)  # digit/Latin | Arabic
    for m in _TA_GLUED.finditer(s2):
        found.add(m.start())  # ة/ى | Arabic
    return found


def _insertion_points(s2: str) -> list[int]:
    """Positions in the stage-2 text where a missing space goes."""
    points: set[int] = set()
    for i in _glue_positions(s2):
        a, b = s2[i], s2[i + 1]
        if a in "ةى" or not ("0" <= b <= "9" or "a" <= b <= "z"):
            points.add(i + 1)
            continue
        # Arabic then digit/Latin: keep a proclitic glued (ب18) when it is a whole token.
        j = i
        while j > 0 and _AR_LETTER.match(s2, j - 1) and s2[j - 1] not in "ةى":
            j -= 1
        if s2[j : i + 1] in _CLITICS:
            continue
        points.add(i + 1)
    fused = _fused_pattern()
    if fused is not None and _fused_quick().search(s2):
        for m in fused.finditer(s2):
            points.add(m.end())
    return sorted(points)


def _final(s: str) -> str:
    """``s.translate(_FINAL)`` (ة → ه, ى → ي) as two C-level replaces."""
    return s.replace("ة", "ه").replace("ى", "ي")


def _insert_spaces(s2: str, points: list[int]) -> str:
    if not points:
        return _final(s2)
    parts: list[str] = []
    last = 0
    for p in points:
        parts.append(s2[last:p])
        last = p
    parts.append(s2[last:])
    return _final(" ".join(parts))


def _stage3_map(points: list[int], out_len: int, in_len: int) -> _EditMap | None:
    if not points:
        return None
    edits = [(p + k, p + k + 1, p, p) for k, p in enumerate(points)]
    return _EditMap(edits, out_len, in_len)


def _stage3(s2: str, want_map: bool) -> tuple[str, _EditMap | None]:
    points = _insertion_points(s2)
    out = _insert_spaces(s2, points)
    return out, _stage3_map(points, len(out), len(s2)) if want_map else None


def _build_maps(text: str, s1: str, points: list[int], out_len: int) -> tuple[_EditMap, ...]:
    """The three stage maps (last stage first) from what the text pass kept."""
    m1 = _stage1_map(text, len(s1))
    s2, m2 = _stage2(s1, True)
    m3 = _stage3_map(points, out_len, len(s2))
    return tuple(m for m in (m3, m2, m1) if m is not None)


def normalize(text: str) -> Normalized:
    """Normalise ``text`` and keep (lazily) the map back to it."""
    s1 = _translate1(text)
    s2, _ = _stage2(s1, False)
    points = _insertion_points(s2)
    s3 = _insert_spaces(s2, points)
    return Normalized(s3, len(text), source=(text, s1, points))


def normalize_eager(text: str) -> Normalized:
    """``normalize`` with the map built at once (the reference the lazy map must equal)."""
    s1, m1 = _stage1(text, True)
    s2, m2 = _stage2(s1, True)
    s3, m3 = _stage3(s2, True)
    maps = tuple(m for m in (m3, m2, m1) if m is not None)
    return Normalized(s3, len(text), maps)


def normalize_plain(text: str) -> str:
    """Exactly ``normalize(text).text``, without building the map."""
    s1, _ = _stage1(text, False)
    s2, _ = _stage2(s1, False)
    s3, _ = _stage3(s2, False)
    return s3


# ---------------------------------------------------------------- scoring form

_SCORING = str.maketrans(
    {
        **{c: None for c in _DELETE},
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        **{c: None for c in '«»""“”'},
    }
)
_SPACES = re.compile(r"\s+")


def scoring_form(text: str) -> str:
    """FORMATS §4 normalisation used by ``evaluate`` (lighter than ``normalize``)."""
    return _SPACES.sub(" ", text.translate(_SCORING)).strip()


def without_marks(text: str) -> str:
    """The text with harakat, tatweel and invisible marks removed but every letter kept
    as written (ة stays ة): for tests that must tell a pronoun ه from a ta marbuta."""
    return _translate1(text)
