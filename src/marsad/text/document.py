"""An article with its normalised text, offset map, sentences and lazy annotations."""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property

from marsad.model import Article, Span
from marsad.text.dates import DateHit, find_dates
from marsad.text.normalize import Normalized, normalize
from marsad.text.numbers import NumberHit, find_numbers
from marsad.text.sentences import split_sentences
from marsad.text.tokenize import Token, tokenize


class Document:
    """What every matcher works on. ``n*`` offsets index ``norm``; spans index ``text``."""

    def __init__(
        self,
        article: Article,
        text: str,
        normalized: Normalized,
        norm: str,
        sentences: list[tuple[int, int]] | None = None,
    ) -> None:
        self.article = article
        self.text = text
        self.normalized = normalized
        self.norm = norm
        if sentences is not None:
            self.__dict__["sentences"] = sentences

    # Sentences (and the offset map inside ``normalized``) are built on first
    # use: the trigger pre-check drops most articles on ``norm`` alone.
    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return split_sentences(self.norm)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def span(self, nstart: int, nend: int) -> Span:
        """The original-text span of normalised ``[nstart, nend)``."""
        return Span(*self.normalized.to_original(nstart, nend))

    def surface(self, nstart: int, nend: int) -> str:
        """The original text of normalised ``[nstart, nend)``."""
        s, e = self.normalized.to_original(nstart, nend)
        return self.text[s:e]

    def sentence_index(self, npos: int) -> int:
        """Index of the sentence holding normalised position ``npos`` (the one before a gap)."""
        return max(bisect_right(self._sentence_starts, npos) - 1, 0)

    def sentence_text(self, i: int) -> str:
        """The original text of sentence ``i``, stripped."""
        s, e = self.sentences[i]
        return self.surface(s, e).strip()

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize(self.norm)

    @cached_property
    def numbers(self) -> list[NumberHit]:
        return find_numbers(self.norm)

    @cached_property
    def dates(self) -> list[DateHit]:
        return find_dates(self.norm, self.article.published)


def build_document(article: Article) -> Document:
    """Normalise an article (sentences and the offset map follow lazily)."""
    normalized = normalize(article.text)
    return Document(article, article.text, normalized, normalized.text)
