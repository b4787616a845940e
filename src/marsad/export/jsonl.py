"""Events → JSON Lines (FORMATS §2), one object per line with every key."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from marsad.export._io import text_out
from marsad.model import Event


def event_json(event: Event) -> str:
    """One event as a JSON object string (Arabic kept as is, keys in FORMATS order)."""
    return json.dumps(event.model_dump(mode="json"), ensure_ascii=False)


def write_events_jsonl(events: Iterable[Event], path_or_file: str | Path | IO[str]) -> int:
    """Write one JSON object per event; return how many were written."""
    count = 0
    with text_out(path_or_file) as fh:
        for event in events:
            fh.write(event_json(event) + "\n")
            count += 1
    return count


def read_events_jsonl(path: str | Path) -> list[Event]:
    """Events back from a file written by ``write_events_jsonl``."""
    with open(path, encoding="utf-8") as fh:
        return [Event.model_validate_json(line) for line in fh if line.strip()]
