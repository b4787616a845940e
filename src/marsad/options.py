"""Command-line option parsing and the run-time limits shared by every command module."""

from __future__ import annotations

import datetime as dt

import typer

# Per-article budget (``extract`` and ``batch``). The corpora's longest article
# (SaudiNewsNet) has 33,687 characters; a page past a million is a scraped archive or a
# concatenated dump, and is rejected with a reason instead of stalling a worker.
DEFAULT_MAX_CHARS = 1_000_000
# Wall-clock backstop per article, in seconds (0 turns it off). Enforced where
# a timer signal can interrupt the extraction (the main thread on POSIX: the
# ``extract`` command and each ``batch`` worker process).
DEFAULT_TIME_LIMIT = 120.0


def parse_date_option(value: str | None) -> dt.date | None:
    """An ISO date from a command-line option, or a clear bad-parameter error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"not an ISO date (YYYY-MM-DD): {value!r}") from exc
