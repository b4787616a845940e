"""What an article is about, read once for all its acts: the article frame.

Confidence (``confidence.py``) asks of each act whether the article around it
is news of political violence (CODEBOOK §1): how much of it speaks the
vocabulary of sport, the economy, technology or culture; how many of its
sentences carry a strong trigger; whether its title names an act; and, for
whether an act is new, how many sentences speak of anniversaries, verdicts and
past times (the lexicon's history cues, in the title too) and the years older
than the publication year told in the act's own sentences. Every count comes
from the ``ArticleScan`` the extractor already built; the word classes are the
lexicon's cue classes and ``data/frame.yaml``.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from marsad.extract.candidate import Candidate
from marsad.extract.scan import ArticleScan
from marsad.extract.triggers import STRONG
from marsad.lexicon import load_lexicon
from marsad.text.clitics import CLITICS
from marsad.text.normalize import normalize_plain

FRAME_FILE = Path(__file__).parent / "data" / "frame.yaml"
DOMAIN_CUES = ("sport", "economy", "culture")  # lexicon cue classes
HISTORY_CUE = "history"  # anniversaries, verdicts, "years ago" (lexicon cue class)
FRAME_KEYS = {"technology", "old_year_gap"}
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class FrameWords:
    technology: re.Pattern[str]
    old_year_gap: int


@functools.cache
def load_frame_words(path: Path = FRAME_FILE) -> FrameWords:
    data = yaml.load(
        path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    if not isinstance(data, dict) or set(data) != FRAME_KEYS:
        got = sorted(data) if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"{path}: expected keys {sorted(FRAME_KEYS)}, got {got}")
    words = data["technology"]
    if (
        not isinstance(words, list)
        or not words
        or not all(isinstance(w, str) and w.strip() for w in words)
    ):
        raise ValueError(f"{path}: technology must be a non-empty list of phrases")
    if not isinstance(data["old_year_gap"], int) or data["old_year_gap"] < 1:
        raise ValueError(f"{path}: old_year_gap must be a positive whole number of years")
    phrases = sorted({normalize_plain(w).strip() for w in words}, key=len, reverse=True)
    alternation = "|".join(re.escape(p) for p in phrases)
    clitics = "".join(sorted(CLITICS.proclitic_letters))
    # whole words, with one clitic before the phrase at most
    pattern = re.compile(
        rf"(?:^|(?<=[\s,;:\"(]))[{re.escape(clitics)}]?(?:{alternation})"
        r"(?=$|[\s,.;:\")])"
    )
    return FrameWords(technology=pattern, old_year_gap=data["old_year_gap"])


@dataclass(frozen=True, slots=True)
class ArticleFrame:
    """Article-level counts shared by every act of one article."""

    sentences: int
    acts: int  # sentences that tell the article's acts (``act_sentences``)
    domain: dict[str, int]  # sport / economy / culture / technology cues outside act sentences
    domain_sentences: int  # sentences holding a domain cue and no trigger
    strong_sentences: int  # sentences holding a trigger of weight >= STRONG
    title_trigger: float  # the strongest trigger weight in the title, 0 if none
    title_history: bool  # the title names an anniversary, a verdict, a past time
    history_sentences: int  # sentences holding a history cue
    old_year_sentences: frozenset[int]  # sentences naming a year before publication

    @property
    def domain_share(self) -> float:
        return self.domain_sentences / max(self.sentences, 1)

    @property
    def domain_vs_conflict(self) -> float:
        """Domain sentences against domain plus strong-trigger sentences (0 when neither)."""
        both = self.domain_sentences + self.strong_sentences
        return self.domain_sentences / both if both else 0.0

    @property
    def history_share(self) -> float:
        return self.history_sentences / max(self.sentences, 1)

    @property
    def strong_share(self) -> float:
        return self.strong_sentences / max(self.sentences, 1)


def act_sentences(acts: Sequence[Candidate]) -> int:
    """How many sentences tell the article's acts, counted over every report the
    acts were merged from: telling one act twice, or merging two reports of it
    into one (CODEBOOK §1: one act, one event), leaves the article's support
    for its other acts unchanged, so a false re-mention cannot prop up the rest."""
    told: set[int] = set()
    for act in acts:
        told.update(act.sentences or {act.sentence})
    return len(told)


def article_frame(scan: ArticleScan, acts: int = 1) -> ArticleFrame:
    """The frame of ``scan``'s article with ``acts`` acts (built once per scan
    and thread: every act of an article asks for it in turn)."""
    last = getattr(_LAST, "key", None)
    if last is None or last[0] is not scan or last[1] != acts:
        _LAST.key = (scan, acts)
        _LAST.frame = _build(scan, acts)
    return _LAST.frame


_LAST = threading.local()


def _build(scan: ArticleScan, acts: int) -> ArticleFrame:
    doc = scan.doc
    words = load_frame_words()
    sentence_of = doc.sentence_index
    # A domain word in a sentence that also holds a trigger may be the act's
    # own word (المهاجم is a forward and an attacker): only sentences that
    # speak the domain's vocabulary and name no act count.
    with_trigger = {sentence_of(h.nstart) for h in scan.triggers.hits}
    positions: dict[str, list[int]] = {
        name: [h.nstart for h in scan.cues_named(name).hits] for name in DOMAIN_CUES
    }
    positions["technology"] = [m.start() for m in words.technology.finditer(doc.norm)]
    domain: dict[str, int] = {}
    marked: set[int] = set()
    for name, starts in positions.items():
        quiet = [s for s in map(sentence_of, starts) if s not in with_trigger]
        domain[name] = len(quiet)
        marked.update(quiet)
    strong = {sentence_of(h.nstart) for h in scan.triggers.hits if h.entry.weight >= STRONG}
    history = {sentence_of(h.nstart) for h in scan.cues_named(HISTORY_CUE).hits}
    title_trigger, title_history = _title(doc.article.title)
    return ArticleFrame(
        sentences=len(doc.sentences),
        acts=acts,
        domain=domain,
        domain_sentences=len(marked),
        strong_sentences=len(strong),
        title_trigger=title_trigger,
        title_history=title_history,
        history_sentences=len(history),
        old_year_sentences=frozenset(_old_year_sentences(scan, words.old_year_gap)),
    )


def _title(title: str | None) -> tuple[float, bool]:
    """The strongest trigger weight in the title, and whether it names a history cue."""
    if not title or not title.strip():
        return 0.0, False
    hits = load_lexicon().scan(normalize_plain(title))
    strongest = max((h.entry.weight for h in hits if h.kind == "trigger"), default=0.0)
    return strongest, any(h.kind == "cue" and h.entry == HISTORY_CUE for h in hits)


def _old_year_sentences(scan: ArticleScan, gap: int) -> set[int]:
    published = scan.doc.article.published
    if published is None:
        return set()
    return {
        scan.doc.sentence_index(m.start())
        for m in _YEAR.finditer(scan.doc.norm)
        if int(m.group(1)) <= published.year - gap
    }
