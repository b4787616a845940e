"""marsad.store: articles, events, clusters and corrections in SQLite or PostgreSQL.

The names below load on first use (PEP 562), so importing ``marsad.store.commands``
for the CLI does not pull in SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "StoreError": "marsad.store.errors",
    "UnknownIdError": "marsad.store.errors",
    "ArticleRow": "marsad.store.schema",
    "Base": "marsad.store.schema",
    "ClusterRow": "marsad.store.schema",
    "EventRow": "marsad.store.schema",
    "SaveResult": "marsad.store.store",
    "Store": "marsad.store.store",
}

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


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
