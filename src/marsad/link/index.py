"""Spatial-temporal index: reports bucketed by (day, grid cell); candidates never all pairs."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator

from marsad.link.report import Report


def cell_of(latitude: float, longitude: float, degrees: float) -> tuple[int, int]:
    return math.floor(latitude / degrees), math.floor(longitude / degrees)


def cell_key(latitude: float | None, longitude: float | None, degrees: float) -> str | None:
    """The cell as stored in the database (``"x:y"``), None for a report without a point."""
    if latitude is None or longitude is None:
        return None
    x, y = cell_of(latitude, longitude, degrees)
    return f"{x}:{y}"


def neighbour_keys(latitude: float, longitude: float, degrees: float) -> list[str]:
    x, y = cell_of(latitude, longitude, degrees)
    return [f"{x + dx}:{y + dy}" for dx in (-1, 0, 1) for dy in (-1, 0, 1)]


class GridIndex:
    """Reports by (day, cell): each report is filed under every day it may refer to."""

    def __init__(self, degrees: float) -> None:
        self.degrees = degrees
        self._buckets: dict[tuple[int, int, int], list[Report]] = defaultdict(list)

    def add(self, report: Report) -> None:
        if not report.linkable:
            return
        x, y = cell_of(report.latitude, report.longitude, self.degrees)  # type: ignore[arg-type]
        for day in range(report.day_lo, report.day_hi + 1):  # type: ignore[arg-type]
            self._buckets[(day, x, y)].append(report)

    def extend(self, reports: Iterable[Report]) -> None:
        for report in reports:
            self.add(report)

    def candidates(self, report: Report) -> Iterator[Report]:
        """Reports sharing a day and lying in the 3 x 3 cells around ``report`` (each once)."""
        if not report.linkable:
            return
        x, y = cell_of(report.latitude, report.longitude, self.degrees)  # type: ignore[arg-type]
        seen: set[str] = {report.event_id}
        for day in range(report.day_lo, report.day_hi + 1):  # type: ignore[arg-type]
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for other in self._buckets.get((day, x + dx, y + dy), ()):
                        if other.event_id not in seen:
                            seen.add(other.event_id)
                            yield other
