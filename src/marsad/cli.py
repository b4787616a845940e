"""marsad command line: extract, evaluate, show (typer + rich)."""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from marsad.options import (
    DEFAULT_MAX_CHARS,
    DEFAULT_MIN_CONFIDENCE,
    DEFAULT_TIME_LIMIT,
    parse_date_option,
    store_url_problem,
)

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
    err.print(f"[bold red]error:[/] {escape(message)}")
    raise typer.Exit(code)


@app.command()
def extract(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Articles: .jsonl, .txt, folders, SaudiNewsNet .json/.zip, .html, feeds"
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Write events here (stdout when absent); written as it goes, renamed into place at the end",
        ),
    ] = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="jsonl, csv (ACLED columns) or table")
    ] = OutputFormat.jsonl,
    published: Annotated[
        str | None, typer.Option(help="Publication date for inputs that carry none (YYYY-MM-DD)")
    ] = None,
    db: Annotated[
        str | None, typer.Option(help="Also save into this store, e.g. sqlite:///marsad.db")
    ] = None,
    rejects: Annotated[
        Path | None, typer.Option(help="Write the rejects report (JSONL) here")
    ] = None,
    min_confidence: Annotated[
        float,
        typer.Option(
            min=0.0, max=1.0, help="Drop events below this confidence (a calibrated probability)"
        ),
    ] = DEFAULT_MIN_CONFIDENCE,
    max_chars: Annotated[
        int,
        typer.Option(min=0, help="Reject articles longer than this many characters (0: no limit)"),
    ] = DEFAULT_MAX_CHARS,
    time_limit: Annotated[
        float,
        typer.Option(
            min=0.0,
            help="Reject an article whose extraction takes longer, in seconds (0: no limit)",
        ),
    ] = DEFAULT_TIME_LIMIT,
    resume: Annotated[
        bool,
        typer.Option(help="With -o (JSONL): keep the articles a killed run finished and skip them"),
    ] = True,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No line per reject (the rejects file keeps them)")
    ] = False,
    progress: Annotated[
        bool | None, typer.Option(help="Progress bar (default: when stderr is a terminal)")
    ] = None,
) -> None:
    """Extract ACLED-schema events from Arabic news articles."""
    pub = parse_date_option(published)
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        _fail(f"input not found: {', '.join(missing)}")
    reader_log = logging.getLogger("marsad.ingest")
    level = reader_log.level
    if quiet:
        reader_log.setLevel(logging.ERROR)
    try:
        _extract(
            inputs,
            output,
            fmt,
            pub,
            db,
            rejects,
            min_confidence,
            max_chars,
            time_limit,
            resume,
            progress,
        )
    finally:
        reader_log.setLevel(level)


def _extract(
    inputs, output, fmt, pub, db, rejects, min_confidence, max_chars, time_limit, resume, progress
) -> None:
    from marsad.batch.guard import Budget

    # Everything that can fail on the way out is checked before any work.
    store = _open_store(db) if db else None
    sink, reject_file = _open_outputs(output, fmt, rejects, resume)
    run = _ExtractRun(Budget(max_chars=max_chars, seconds=time_limit), min_confidence, store, sink)
    if reject_file is not None:
        run.log.stream_to(reject_file.fh)
    show_bar = err.is_terminal if progress is None else progress
    try:
        run.run(inputs, pub, show_bar)
    finally:
        if store is not None:
            store.close()
    if fmt is OutputFormat.table:
        _write_table(sink)
    sink.commit()
    if reject_file is not None:
        reject_file.commit()
    run.report()


class _ExtractRun:
    """The article loop of ``extract``: guarded per article, streamed out, resumable."""

    def __init__(self, budget, min_confidence: float, store, sink) -> None:
        from marsad.ingest import RejectLog
        from marsad.pipeline import Pipeline

        self.budget, self.store, self.sink = budget, store, sink
        self.log = RejectLog()
        self.pipeline = Pipeline(min_confidence=min_confidence)
        self.articles = self.skipped = self.undated = 0

    def run(self, inputs: list[Path], pub, show_bar: bool) -> None:
        from marsad.batch.progress import progress_bar
        from marsad.ingest import read_sourced

        if self.sink.resumed:
            err.print(
                f"resuming: {self.sink.resumed} articles already done (--no-resume to start over)"
            )
        with progress_bar(err, disable=not show_bar) as bar:
            task = bar.add_task("extract", total=None)
            if show_bar:
                _count_in_background(inputs, pub, bar, task)
            for origin, article in read_sourced(inputs, published=pub, rejects=self.log):
                try:
                    self.article(origin, article)
                except typer.Exit:
                    raise
                except Exception as exc:  # noqa: BLE001 — one article never stops the run
                    self.log.add(
                        origin,
                        f"unprocessable: {type(exc).__name__}: {exc}"[:500],
                        article_id=article.id,
                    )
                bar.advance(task)

    def article(self, origin: str, article) -> None:
        from marsad.batch.guard import extract_guarded

        self.articles += 1
        self.undated += article.published is None
        done, reason = self.sink.is_done(article)
        if done:
            self.skipped += 1
            if reason:
                self.log.add(origin, reason, article_id=article.id)
            return
        events, reason = extract_guarded(self.pipeline, article, self.budget)
        if reason is not None:
            self.log.add(origin, reason, article_id=article.id)
        self.sink.write(article, events, reason)
        if self.store is not None and reason is None:
            try:
                self.store.save(article, events)
            except Exception as exc:  # noqa: BLE001 — any driver error becomes a clear message
                _fail(
                    f"store failed on {origin} ({type(exc).__name__}: {exc}); "
                    f"{self.articles - 1} articles were saved; rerun the same command "
                    f"to resume",
                    code=1,
                )

    def report(self) -> None:
        err.print(
            f"{self.articles} articles, {self.sink.count} events, {self.log.count} rejected"
            + (f" ({self.skipped} done by an earlier run)" if self.skipped else "")
        )
        if self.undated:
            err.print(
                f"[yellow]warning:[/] {self.undated} of {self.articles} articles have no "
                "publication date, so their event dates stay empty; "
                "give one with --published YYYY-MM-DD"
            )
        if self.articles == 0 and self.log.count:
            _fail("no article could be read (see the rejects above)", code=1)


def _count_in_background(inputs: list[Path], pub, bar, task) -> None:
    """Size the bar (time left) without delaying the first article: count in a thread."""
    import threading

    from marsad.batch.partition import count_articles

    def count() -> None:
        with contextlib.suppress(Exception):
            bar.update(task, total=count_articles(inputs, pub))

    threading.Thread(target=count, daemon=True, name="marsad-count").start()


def _open_outputs(output: Path | None, fmt: OutputFormat, rejects: Path | None, resume: bool):
    """Open ``-o`` and ``--rejects`` (as hidden partial files) now, or fail before any work."""
    from marsad.batch.stream import AtomicText, EventOutput
    from marsad.export.acled import ACLED_COLUMNS, acled_row

    stamp = int(time.time())
    try:
        sink = EventOutput(
            output,
            fmt.value,
            sys.stdout,
            resume=resume,
            csv_header=list(ACLED_COLUMNS),
            csv_row=lambda e: acled_row(e, stamp),
        )
    except OSError as exc:
        _fail(f"cannot write the output {output}: {exc.strerror or exc}")
    try:
        reject_file = AtomicText(rejects) if rejects is not None else None
    except OSError as exc:
        _fail(f"cannot write the rejects report {rejects}: {exc.strerror or exc}")
    return sink, reject_file


def _write_table(sink) -> None:
    from marsad.export import events_table

    if sink.table_file is None:
        console.print(events_table(sink.held))
        return
    with Console(file=sink.table_file.fh, width=200) as out:
        out.print(events_table(sink.held))
    sink.table_file.commit()


def _open_store(url: str, must_exist: bool = False):
    from marsad.store import Store

    problem = store_url_problem(url, must_exist)
    if problem:
        _fail(problem)
    try:
        return Store(url)
    except Exception as exc:  # noqa: BLE001 — any driver error becomes a clear message
        _fail(f"cannot open store {url!r}: {exc}")


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold file (FORMATS §3 JSON Lines)")],
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the report as JSON")
    ] = None,
    min_confidence: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Drop events below this confidence")
    ] = DEFAULT_MIN_CONFIDENCE,
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
        json_out.write_text(
            json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
        )


@app.command()
def show(
    db: Annotated[
        str, typer.Option(help="Store URL, e.g. sqlite:///marsad.db")
    ] = "sqlite:///marsad.db",
    country: Annotated[str | None, typer.Option(help="ISO3 filter")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="Event type filter")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 200,
) -> None:
    """Print the events held in a store as a table."""
    from marsad.export import events_table

    store = _open_store(db, must_exist=True)
    events = store.events(country=country, event_type=event_type, limit=limit)
    console.print(events_table(events))
    total = store.events_count()
    console.print(f"{store.articles_count()} articles, {total} events in {escape(db)}")
    if len(events) == limit and total > limit:
        console.print(
            f"[yellow]showing only {limit} events[/] (the limit); raise --limit to see more"
        )
    store.close()


@app.command()
def version() -> None:
    """Print the version."""
    from marsad import __version__

    typer.echo(__version__)


def _register_optional_commands() -> None:
    """Commands that live with their own stage (rules, batch processing)."""
    from marsad.rules_commands import register as register_rules

    register_rules(app)
    try:
        from marsad.batch.commands import register
    except ImportError:  # the batch stage is optional while it is being built
        return
    register(app)
    from marsad.store.commands import register as register_store

    register_store(app)  # ingest, link, correct, events, export; replaces show
    from marsad.api.commands import register as register_api

    register_api(app)  # serve
    from marsad.live.commands import register as register_live

    register_live(app)  # watch


_register_optional_commands()
