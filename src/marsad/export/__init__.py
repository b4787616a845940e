"""marsad.export: events as JSON Lines, ACLED-column CSV, or a terminal table."""

from marsad.export.acled import ACLED_COLUMNS, acled_row, write_acled_csv
from marsad.export.jsonl import event_json, read_events_jsonl, write_events_jsonl
from marsad.export.table import events_table

__all__ = [
    "ACLED_COLUMNS",
    "acled_row",
    "event_json",
    "events_table",
    "read_events_jsonl",
    "write_acled_csv",
    "write_events_jsonl",
]
