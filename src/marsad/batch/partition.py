"""Cut the input stream into partitions whose identity follows from the input order alone.

The parent process streams ``read_articles`` and cuts every ``size``
articles; partition *k* holds articles ``k*size … (k+1)*size - 1`` of the
stream plus the reader rejects met while it was being filled. Rerunning on
the same inputs gives the same partitions with the same fingerprints, so a
resumed batch lines up with the files already written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.batch.sizes import auto_partition_size
from marsad.ingest import RejectLog, read_articles, read_sourced
from marsad.model import Article, Reject, text_hash


@dataclass(frozen=True, slots=True)
class PartitionSpec:
    """Everything a worker needs to produce one partition's files (picklable, self-contained)."""

    index: int
    articles: tuple[dict, ...]  # Article.model_dump() of each article, in input order
    rejects: tuple[Reject, ...]  # reader rejects met while this partition was filled
    fingerprint: str  # hash of article ids, texts and reject origins
    origins: tuple[str, ...] = ()  # where each article was read ("file:line"), for rejects

    @property
    def name(self) -> str:
        return f"{self.index:05d}"

    def load_articles(self) -> list[Article]:
        return [Article.model_validate(a) for a in self.articles]


def fingerprint(articles: Iterable[Article], rejects: Iterable[Reject]) -> str:
    digest = hashlib.sha1()
    for article in articles:
        digest.update(f"{article.id}\x1f{text_hash(article.text)}\x1e".encode())
    for reject in rejects:
        digest.update(f"!{reject.origin}\x1f{reject.reason}\x1e".encode())
    return digest.hexdigest()[:20]


def iter_partitions(
    inputs: Iterable[str | Path], size: int, published: dt.date | None = None
) -> Iterator[PartitionSpec]:
    """Stream the inputs once, yielding one ``PartitionSpec`` per ``size`` articles."""
    if size < 1:
        raise ValueError("partition size must be at least 1")
    log = RejectLog()
    seen_rejects = 0
    index = 0
    batch: list[Article] = []
    origins: list[str] = []
    rejects: list[Reject] = []
    for origin, article in read_sourced(inputs, published=published, rejects=log):
        # Rejects met before this article belong to the partition it opens or fills.
        rejects.extend(log.rejects[seen_rejects:])
        seen_rejects = len(log.rejects)
        batch.append(article)
        origins.append(origin)
        if len(batch) == size:
            yield _spec(index, batch, rejects, origins)
            index += 1
            batch, rejects, origins = [], [], []
    rejects.extend(log.rejects[seen_rejects:])
    if batch or rejects:
        yield _spec(index, batch, rejects, origins)


def count_articles(inputs: Iterable[str | Path], published: dt.date | None = None) -> int:
    """A reading-only pass (no extraction) that sizes the progress bar."""
    return sum(1 for _ in read_articles(inputs, published=published, rejects=RejectLog()))


def _spec(
    index: int, batch: list[Article], rejects: list[Reject], origins: list[str]
) -> PartitionSpec:
    return PartitionSpec(
        index=index,
        articles=tuple(a.model_dump() for a in batch),
        rejects=tuple(rejects),
        fingerprint=fingerprint(batch, rejects),
        origins=tuple(origins),
    )


__all__ = [
    "PartitionSpec",
    "auto_partition_size",
    "count_articles",
    "fingerprint",
    "iter_partitions",
]
