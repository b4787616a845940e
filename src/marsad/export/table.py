"""Events → a readable ``rich`` table for the terminal."""

from __future__ import annotations

from collections.abc import Iterable

from rich.markup import escape
from rich.table import Table

from marsad.model import Event


def _actors(event: Event) -> str:
    one = event.actor1 or event.actor1_ar or "?"
    two = event.actor2 or event.actor2_ar
    return f"{one} vs {two}" if two else one


def _place(event: Event) -> str:
    if event.location and event.location_ar and event.location != event.location_ar:
        return f"{event.location} ({event.location_ar})"
    return event.location or event.location_ar or ""


def events_table(events: Iterable[Event], title: str | None = None) -> Table:
    """Date, type / sub-type, actors, location, country, fatalities, injured, confidence."""
    table = Table(title=title, show_lines=False, header_style="bold")
    # Short headers and unwrapped numbers: the text columns get the width in a terminal.
    table.add_column("Date", no_wrap=True)
    table.add_column("Type / sub-type", ratio=2)
    table.add_column("Actors", ratio=3)
    table.add_column("Location", ratio=2)
    table.add_column("Ctry", no_wrap=True)
    table.add_column("Killed", justify="right", no_wrap=True)
    table.add_column("Inj.", justify="right", no_wrap=True)
    table.add_column("Conf.", justify="right", no_wrap=True)
    for event in events:
        table.add_row(
            event.event_date or "—",
            f"{event.event_type}\n[dim]{event.sub_event_type}[/dim]",
            escape(_actors(event)),  # names are data, not markup
            escape(_place(event)),
            event.iso3 or event.country or "",
            str(event.fatalities),
            str(event.injured),
            f"{event.confidence:.2f}",
        )
    return table
