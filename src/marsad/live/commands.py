"""Typer command ``watch``."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from marsad.options import DEFAULT_MIN_CONFIDENCE

err = Console(stderr=True, soft_wrap=True)

EXAMPLE = """\
sources:                       # outlets to follow
  - name: okaz                 # outlet name, stored as each article's source
    url: https://www.okaz.com.sa/rss
    kind: feed                 # feed (RSS/Atom, default) or page (one HTML page)
    interval: 60               # seconds between polls
    follow_links: true         # fetch each new item's page for its main text
    country: SAU               # hints (kept in the file, not used by extraction yet)
    language: ar
fetch:                         # all optional
  timeout: 20                  # seconds per request
  retries: 2                   # on timeouts, connection errors, 429 and 5xx
  backoff: 1                   # first retry after 1 s, doubling
  min_delay: 1                 # seconds between two requests to one host
  max_bytes: 5000000           # larger responses are refused
  max_redirects: 5
alerts:
  stdout: true                 # one JSON line per alert
  webhook:
    url: https://example.org/hook
    secret_env: MARSAD_HOOK_SECRET   # HMAC-SHA256 key; header X-Marsad-Signature: sha256=HEX
  rules:                       # any of the filters of `marsad events`
    - name: deadly-yemen
      country: YEM
      event_type: Explosions/Remote violence
      min_fatalities: 1
      min_sources: 1
"""


def _table(watcher) -> Table:
    table = Table("source", "polls", "stored", "known", "304", "failures", "last")
    for s in watcher.status.values():
        table.add_row(
            escape(s.name),
            str(s.polls),
            str(s.new),
            str(s.skipped),
            str(s.not_modified),
            str(s.failures),
            escape(s.last[:60]),
        )
    return table


def watch(
    sources: Annotated[Path, typer.Argument(help="Sources file (YAML), see below")],
    db: Annotated[str, typer.Option(help="Store URL")] = "sqlite:///marsad.db",
    once: Annotated[
        bool, typer.Option("--once", help="One pass over every source, alerts, exit (for cron)")
    ] = False,
    live: Annotated[
        bool, typer.Option(help="Per-source status table on stderr (when it is a terminal)")
    ] = True,
    min_confidence: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Drop events below this confidence")
    ] = DEFAULT_MIN_CONFIDENCE,
) -> None:
    import asyncio

    from marsad.live.sources import SourcesError, load_sources
    from marsad.live.watch import Watcher
    from marsad.pipeline import Pipeline
    from marsad.store import Store, StoreError

    try:
        config = load_sources(sources)
    except SourcesError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    try:
        store = Store(db)
    except StoreError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    watcher = Watcher(config, store, Pipeline(min_confidence=min_confidence).extract)
    try:
        if once:
            asyncio.run(watcher.run_once())
        else:
            asyncio.run(_forever(watcher, live and err.is_terminal))
        statuses = list(watcher.status.values())
        err.print(
            f"{sum(s.new for s in statuses)} articles stored, "
            f"{sum(s.skipped for s in statuses)} already known, "
            f"{sum(s.failures for s in statuses)} failures, {watcher.alerts_sent} alerts; "
            f"store: {store.articles_count()} articles, {store.clusters_count()} clusters"
        )
    finally:
        store.close()


async def _forever(watcher, live: bool) -> None:
    import asyncio

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    if not live:
        await watcher.run(stop)
        return
    from rich.live import Live

    with Live(_table(watcher), console=err, refresh_per_second=2) as display:
        await watcher.run(stop, on_poll=lambda: display.update(_table(watcher)))


watch.__doc__ = (
    "Follow RSS/Atom feeds and pages: code new articles into the store, send alerts.\n\n"
    "The sources file (YAML):\n\n" + "\b\n" + EXAMPLE
)


def register(app: typer.Typer) -> None:
    app.command()(watch)
