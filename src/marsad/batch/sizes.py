"""How many articles go into one batch partition (no imports: ``marsad batch --help`` reads
these constants)."""

from __future__ import annotations

import math

# Partition sizing when none is given (``auto_partition_size``): enough partitions that
# every worker stays busy to the end (a worker that draws the last, longest partition
# no longer leaves the others idle for most of the run), within bounds that keep the
# per-partition cost (three Parquet files, one spec pickled to a worker) small and a
# partition's memory bounded.
PARTITIONS_PER_WORKER = 8
MIN_PARTITION_SIZE = 100
MAX_PARTITION_SIZE = 2000


def auto_partition_size(articles: int, workers: int) -> int:
    """Articles per partition for ``articles`` inputs on ``workers`` processes.

    ``PARTITIONS_PER_WORKER`` partitions per worker (partitions =
    max(workers * 8, ceil(articles / MAX_PARTITION_SIZE))), each between
    ``MIN_PARTITION_SIZE`` and ``MAX_PARTITION_SIZE`` articles. Three SaudiNewsNet day
    files (6,340 articles) on 2 workers: 16 partitions of 397 (the fixed 2,000 of before
    gave 4, and two workers no gain); the whole corpus (24,724): 16 of 1,546; 200,000
    articles: 100 of 2,000. Small inputs: partitions of ``MIN_PARTITION_SIZE``.
    """
    if articles < 1:
        return MIN_PARTITION_SIZE
    size = math.ceil(articles / (max(1, workers) * PARTITIONS_PER_WORKER))
    return max(MIN_PARTITION_SIZE, min(MAX_PARTITION_SIZE, size))
