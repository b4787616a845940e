"""Command-line option parsing shared by every command module."""

from __future__ import annotations

import datetime as dt

import typer


def parse_date_option(value: str | None) -> dt.date | None:
    """An ISO date from a command-line option, or a clear bad-parameter error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"not an ISO date (YYYY-MM-DD): {value!r}") from exc
