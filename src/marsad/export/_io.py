"""Open a path for writing, or pass an already open text file through."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def text_out(path_or_file: str | Path | IO[str], newline: str | None = None) -> Iterator[IO[str]]:
    if isinstance(path_or_file, str | Path):
        with open(path_or_file, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
    else:
        yield path_or_file  # the caller owns it (e.g. sys.stdout): do not close
