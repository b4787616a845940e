"""marsad command line: extract, evaluate, show (typer + rich)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from marsad.extract.confidence import DEFAULT_MIN_CONFIDENCE
from marsad.options import parse_date_option

app = typer.Typer(
    help="marsad: Arabic news to verified, geocoded ACLED-schema conflict events.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err = Console(stderr=True)


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="Articles: .jsonl, .txt, folders, SaudiNewsNet .json/.zip, .html, feeds")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write events here (stdout when absent)")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="jsonl, csv (ACLED columns) or table")] = OutputFormat.jsonl,
    published: Annotated[str | None, typer.Option(help="Publication date for inputs that carry none (YYYY-MM-DD)")] = None,
    db: Annotated[str | None, typer.Option(help="Also save into this store, e.g. sqlite:///marsad.db")] = None,
    rejects: Annotated[Path | None, typer.Option(help="Write the rejects report (JSONL) here")] = None,
    min_confidence: Annotated[float, typer.Option(min=0.0, max=1.0, help="Drop events below this confidence (a calibrated probability)")] = DEFAULT_MIN_CONFIDENCE,
) -> None:
    """Extract ACLED-schema events from Arabic news articles."""
    from marsad.export import events_table, write_acled_csv, write_events_jsonl
    from marsad.ingest import RejectLog, read_articles
    from marsad.pipeline import Pipeline

    pub = parse_date_option(published)
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        _fail(f"input not found: {', '.join(missing)}")
    log = RejectLog()
    pipeline = Pipeline(min_confidence=min_confidence)
    store = _open_store(db) if db else None
    events = []
    n_articles = 0
    for article in read_articles(inputs, published=pub, rejects=log):
        n_articles += 1
        found = pipeline.extract(article)
        events.extend(found)
        if store is not None:
            store.save(article, found)
    if store is not None:
        store.close()
    _write(events, output, fmt, write_events_jsonl, write_acled_csv, events_table)
    if rejects is not None:
        log.write(rejects)
    err.print(f"{n_articles} articles, {len(events)} events, {log.count} rejected")


def _write(events, output, fmt, write_jsonl, write_csv, table) -> None:
    if fmt is OutputFormat.table:
        if output is not None:
            with Console(file=output.open("w", encoding="utf-8"), width=200) as out:
                out.print(table(events))
        else:
            console.print(table(events))
        return
    writer = write_jsonl if fmt is OutputFormat.jsonl else write_csv
    if output is None:
        writer(events, sys.stdout)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        writer(events, output)


def _open_store(url: str):
    from marsad.store import Store

    try:
        return Store(url)
    except Exception as exc:  # noqa: BLE001 — any driver error becomes a clear message
        _fail(f"cannot open store {url!r}: {exc}")


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold file (FORMATS §3 JSON Lines)")],
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the report as JSON")] = None,
    min_confidence: Annotated[float, typer.Option(min=0.0, max=1.0, help="Drop events below this confidence")] = DEFAULT_MIN_CONFIDENCE,
) -> None:
    """Score extraction against hand-coded gold articles (FORMATS §4)."""
    from marsad.evaluate import evaluate as run_evaluation
    from marsad.evaluate import load_gold
    from marsad.pipeline import Pipeline

    if not gold.exists():
        _fail(f"gold file not found: {gold}")
    try:
        articles = load_gold(gold)
    except ValueError as exc:
        _fail(str(exc))
    pipeline = Pipeline(min_confidence=min_confidence)
    report = run_evaluation(articles, pipeline.extract)
    report.render(console)
    if json_out is not None:
        json_out.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2),
                            encoding="utf-8")


@app.command()
def show(
    db: Annotated[str, typer.Option(help="Store URL, e.g. sqlite:///marsad.db")] = "sqlite:///marsad.db",
    country: Annotated[str | None, typer.Option(help="ISO3 filter")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="Event type filter")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 200,
) -> None:
    """Print the events held in a store as a table."""
    from marsad.export import events_table

    store = _open_store(db)
    events = store.events(country=country, event_type=event_type, limit=limit)
    console.print(events_table(events))
    console.print(f"{store.articles_count()} articles, {store.events_count()} events in {db}")
    store.close()


@app.command()
def version() -> None:
    """Print the version."""
    from marsad import __version__

    typer.echo(__version__)


def _register_optional_commands() -> None:
    """Commands that live with their own stage (batch processing)."""
    try:
        from marsad.batch.commands import register
    except ImportError:  # the batch stage is optional while it is being built
        return
    register(app)
    from marsad.store.commands import register as register_store

    register_store(app)  # ingest, link, correct, events, export; replaces show


_register_optional_commands()
