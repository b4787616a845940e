"""marsad.store: articles, events, clusters and corrections in SQLite or PostgreSQL."""

from marsad.store.errors import StoreError, UnknownIdError
from marsad.store.schema import ArticleRow, Base, ClusterRow, EventRow
from marsad.store.store import SaveResult, Store

__all__ = [
    "ArticleRow",
    "Base",
    "ClusterRow",
    "EventRow",
    "SaveResult",
    "Store",
    "StoreError",
    "UnknownIdError",
]
