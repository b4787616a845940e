"""Arabic full-text search: one normalisation for the index and the query, two engines.

Text is folded with ``marsad.text.normalize`` (diacritics and tatweel removed,
أ إ آ ٱ → ا, ى → ي, ة → ه, Persian look-alikes, digits), so a query finds an
article whatever the spelling variant. SQLite indexes it with FTS5, PostgreSQL
with a ``tsvector`` ('simple' configuration: no stemming, the same tokens).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.engine import Connection

from marsad.text.normalize import normalize_plain

_WORD = re.compile(r"\w+")


def search_form(value: str) -> str:
    """The normalised words of ``value``, space-separated."""
    return " ".join(_WORD.findall(normalize_plain(value.replace("\x00", " "))))


def index_rows(conn: Connection, rows: Iterable[tuple[str, str]]) -> None:
    """(article id, text) of stored articles not yet indexed into ``article_search``.

    SQLite: the FTS row shares the article's rowid, so removing it is a key look-up
    (FTS5 would scan the whole index to match an UNINDEXED column).
    """
    rows = [{"i": article_id, "b": search_form(body)} for article_id, body in rows]
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "INSERT INTO article_search (article_id, body) "
                "VALUES (:i, to_tsvector('simple', :b))"
            ),
            rows,
        )
    else:
        conn.execute(
            text(
                "INSERT INTO article_search (rowid, article_id, body) "
                "VALUES ((SELECT rowid FROM articles WHERE id = :i), :i, :b)"
            ),
            rows,
        )


def unindex(conn: Connection, article_ids: Iterable[str]) -> None:
    """Remove articles from the index (before their rows are deleted)."""
    ids = [{"i": i} for i in article_ids]
    if not ids:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(text("DELETE FROM article_search WHERE article_id = :i"), ids)
    else:
        conn.execute(
            text(
                "DELETE FROM article_search WHERE rowid = "
                "(SELECT rowid FROM articles WHERE id = :i)"
            ),
            ids,
        )


def matching_article_ids(conn: Connection, query: str) -> set[str]:
    """Articles whose text holds every word of ``query`` (after normalisation)."""
    words = search_form(query).split()
    if not words:
        return set()
    if conn.dialect.name == "postgresql":
        sql = text(
            "SELECT article_id FROM article_search WHERE body @@ plainto_tsquery('simple', :q)"
        )
        params = {"q": " ".join(words)}
    else:
        # every word quoted: FTS5 operators in user text are plain words
        sql = text("SELECT article_id FROM article_search WHERE article_search MATCH :q")
        params = {"q": " ".join('"' + w.replace('"', '""') + '"' for w in words)}
    return {row[0] for row in conn.execute(sql, params)}
