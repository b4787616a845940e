"""Builds the stages once; ``Pipeline.extract(article) -> list[Event]``."""

from __future__ import annotations

from marsad.extract.confidence import DEFAULT_MIN_CONFIDENCE
from marsad.extract.engine import Extractor
from marsad.model import Article, Event


class Pipeline:
    """The core flow article → document → mentions → events, ready to reuse.

    Construct once per process (it loads lexicons and the gazetteer); the
    object is picklable by construction arguments only, so Dask workers build
    their own.
    """

    def __init__(self, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> None:
        self.min_confidence = min_confidence
        self.extractor = Extractor()

    def extract(self, article: Article) -> list[Event]:
        events = self.extractor.extract(article)
        return [e for e in events if e.confidence >= self.min_confidence]

    def __reduce__(self):
        return (Pipeline, (self.min_confidence,))
