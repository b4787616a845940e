"""RejectLog: collects inputs that could not be read, so a batch never stops on bad input."""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from marsad.model import Reject

log = logging.getLogger("marsad.ingest")

RAW_LIMIT = 500  # keep the report small: enough of a bad line to recognise it


class RejectLog:
    """Collects ``Reject`` records, counts them and writes a JSONL report."""

    def __init__(self, sink: IO[str] | None = None) -> None:
        self.rejects: list[Reject] = []
        self.sink = sink  # when set, each reject is also written (and flushed) as it comes

    def stream_to(self, sink: IO[str] | None) -> None:
        """Write every later reject to ``sink`` as soon as it is added."""
        self.sink = sink

    def add(self, origin: str, reason: str, raw: str | bytes = "", **extra: object) -> Reject:
        """Record one reject and log a one-line message naming where it was."""
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8", errors="replace")
        reject = Reject(origin=origin, reason=reason, raw=raw[:RAW_LIMIT], extra=dict(extra))
        self.rejects.append(reject)
        log.warning("rejected %s: %s", origin, reason)
        if self.sink is not None:
            self.sink.write(reject_json(reject) + "\n")
            self.sink.flush()
        return reject

    def __len__(self) -> int:
        return len(self.rejects)

    def __iter__(self) -> Iterator[Reject]:
        return iter(self.rejects)

    @property
    def count(self) -> int:
        return len(self.rejects)

    def by_reason(self) -> Counter[str]:
        """Counts per reason kind (the text before the first colon)."""
        return Counter(r.reason.split(":", 1)[0] for r in self.rejects)

    def write(self, path_or_file: str | Path | IO[str]) -> int:
        """Write one JSON object per reject (origin, reason, raw, extra); return the count."""
        if isinstance(path_or_file, str | Path):
            with open(path_or_file, "w", encoding="utf-8") as fh:
                return self.write(fh)
        for r in self.rejects:
            path_or_file.write(reject_json(r) + "\n")
        return len(self.rejects)


def reject_json(r: Reject) -> str:
    """One reject as a JSON object string: origin, reason, raw (and extra when set)."""
    record: dict[str, object] = {"origin": r.origin, "reason": r.reason, "raw": r.raw}
    if r.extra:
        record["extra"] = r.extra
    return json.dumps(record, ensure_ascii=False)
