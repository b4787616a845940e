"""marsad.batch: partitioned, resumable, multi-process (or Dask) extraction to Parquet.

``run_batch(inputs, out_dir, ...)`` is the entry point; ``marsad batch`` and
``marsad ingest`` (see ``commands.py``) wrap it for the command line.
"""

from marsad.batch.runner import BatchResult, run_batch
from marsad.batch.tables import events_from_table, events_to_table, read_events

__all__ = ["BatchResult", "events_from_table", "events_to_table", "read_events", "run_batch"]
