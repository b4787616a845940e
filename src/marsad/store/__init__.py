"""marsad.store: articles and events in SQLite or PostgreSQL (SQLAlchemy 2)."""

from marsad.store.schema import ArticleRow, Base, EventRow
from marsad.store.store import Store

__all__ = ["ArticleRow", "Base", "EventRow", "Store"]
