"""Command-line option parsing and the run-time limits shared by every command module."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import typer

# Per-article budget (``extract`` and ``batch``). The corpora's longest article
# (SaudiNewsNet) has 33,687 characters; a page past a million is a scraped archive or a
# concatenated dump, and is rejected with a reason instead of stalling a worker.
DEFAULT_MAX_CHARS = 1_000_000
# Wall-clock backstop per article, in seconds (0 turns it off). Enforced where
# a timer signal can interrupt the extraction (the main thread on POSIX: the
# ``extract`` command and each ``batch`` worker process).
DEFAULT_TIME_LIMIT = 120.0


def _default_min_confidence() -> float:
    """The threshold stored beside the confidence weights (``extract/data/confidence.json``).

    Read here with ``json`` alone so that the command modules can show it as the
    ``--min-confidence`` default without importing the extractor (pydantic, the lexicon,
    the automaton) at start-up. ``marsad.extract.confidence`` validates the same file when
    a command runs; tests/test_startup.py checks that both read the same number.
    """
    path = Path(__file__).parent / "extract" / "data" / "confidence.json"
    return float(json.loads(path.read_text(encoding="utf-8"))["threshold"])


DEFAULT_MIN_CONFIDENCE = _default_min_confidence()


def parse_date_option(value: str | None) -> dt.date | None:
    """An ISO date from a command-line option, or a clear bad-parameter error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"not an ISO date (YYYY-MM-DD): {value!r}") from exc


def store_url_problem(url: str, must_exist: bool = False) -> str | None:
    """Why an SQLite store URL cannot be what the user meant, or None.

    ``sqlite:///`` (no file) opens an in-memory store that is thrown away at
    exit; a reading command (``show``) on a file that does not exist would
    create it empty. Other URLs are left to the store to check.
    """
    from pathlib import Path

    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 — the store gives the clear message for a bad URL
        return None
    if not parsed.drivername.startswith("sqlite"):
        return None
    database = parsed.database or ""
    if not database:
        return (
            f"store {url!r} names no file: an in-memory store would be thrown away; "
            "write sqlite:///path/to/marsad.db"
        )
    if must_exist and database != ":memory:" and not Path(database).exists():
        return f"no such store: {database} (from {url!r})"
    return None
