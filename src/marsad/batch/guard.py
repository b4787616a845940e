"""One article's extraction inside a guard: a size and time budget, and no exception escapes.

``extract`` and every ``batch`` worker call ``extract_guarded``; an article
that is too long, takes too long, or makes the pipeline raise becomes a
reason string for the rejects report, and the run goes on with the next one.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from marsad.model import Article, Event
from marsad.options import DEFAULT_MAX_CHARS, DEFAULT_TIME_LIMIT


@dataclass(frozen=True, slots=True)
class Budget:
    """Limits for one article: characters of text, and wall-clock seconds (0: none)."""

    max_chars: int = DEFAULT_MAX_CHARS
    seconds: float = DEFAULT_TIME_LIMIT


class ArticleTimeout(Exception):
    """Raised inside the extraction when the article's time budget runs out."""


def extract_guarded(
    pipeline, article: Article, budget: Budget = Budget()
) -> tuple[list[Event], str | None]:
    """``(events, None)``, or ``([], reason)`` when the article is rejected."""
    if budget.max_chars and len(article.text) > budget.max_chars:
        return [], (
            f"too long: {len(article.text):,} characters "
            f"(limit {budget.max_chars:,}; see --max-chars)"
        )
    try:
        with time_limit(budget.seconds):
            return pipeline.extract(article), None
    except ArticleTimeout:
        return [], (
            f"too slow: extraction took over {budget.seconds:g} s "
            f"({len(article.text):,} characters; see --time-limit)"
        )
    except Exception as exc:  # noqa: BLE001 — one bad article must not stop the run
        return [], f"extraction failed: {type(exc).__name__}: {exc}"[:500]


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``ArticleTimeout`` in this block after ``seconds`` (a no-op where no timer can run)."""
    if not seconds or seconds <= 0 or not _can_time():
        yield
        return

    def expire(_signum, _frame) -> None:
        raise ArticleTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
