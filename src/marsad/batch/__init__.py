"""marsad.batch: partitioned, resumable, multi-process (or Dask) extraction to Parquet.

``run_batch(inputs, out_dir, ...)`` is the entry point; ``marsad batch`` and
``marsad ingest`` (see ``commands.py``) wrap it for the command line.

The names below load on first use (PEP 562), so importing ``marsad.batch.commands``
for the CLI does not pull in pyarrow and numpy.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "BatchResult": "marsad.batch.runner",
    "run_batch": "marsad.batch.runner",
    "events_from_table": "marsad.batch.tables",
    "events_to_table": "marsad.batch.tables",
    "read_events": "marsad.batch.tables",
}

__all__ = ["BatchResult", "events_from_table", "events_to_table", "read_events", "run_batch"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
