"""Typer command ``marsad batch`` (registered by ``marsad.cli``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from marsad.batch.progress import progress_bar
from marsad.batch.sizes import MAX_PARTITION_SIZE, MIN_PARTITION_SIZE, PARTITIONS_PER_WORKER
from marsad.options import (
    DEFAULT_MAX_CHARS,
    DEFAULT_MIN_CONFIDENCE,
    DEFAULT_TIME_LIMIT,
    parse_date_option,
)

err = Console(stderr=True)


def batch(
    inputs: Annotated[
        list[Path], typer.Argument(help="Article files or folders (any format `extract` reads)")
    ],
    out_dir: Annotated[
        Path, typer.Option("-o", "--out", help="Output folder for Parquet partitions")
    ],
    workers: Annotated[
        int | None, typer.Option(min=1, help="Local worker processes (default: all cores)")
    ] = None,
    partition_size: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Articles per partition (default: from the input and --workers, "
            f"{PARTITIONS_PER_WORKER} per worker, {MIN_PARTITION_SIZE}-{MAX_PARTITION_SIZE} each)",
        ),
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler, e.g. tcp://10.0.0.5:8786")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Date for inputs that carry none (YYYY-MM-DD)")
    ] = None,
    min_confidence: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Drop events below this confidence")
    ] = DEFAULT_MIN_CONFIDENCE,
    count: Annotated[
        bool, typer.Option(help="Count articles first so the bar shows time left")
    ] = True,
    max_chars: Annotated[
        int,
        typer.Option(min=0, help="Reject articles longer than this many characters (0: no limit)"),
    ] = DEFAULT_MAX_CHARS,
    time_limit: Annotated[
        float,
        typer.Option(
            min=0.0,
            help="Reject an article whose extraction takes longer, in seconds (0: no limit; local workers only)",
        ),
    ] = DEFAULT_TIME_LIMIT,
) -> None:
    """Extract many articles into per-partition Parquet files (resumable, multi-core or Dask)."""
    from marsad.batch.guard import Budget
    from marsad.batch.partition import count_articles
    from marsad.batch.runner import run_batch

    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        _fail(f"input not found: {', '.join(missing)}")
    pub = parse_date_option(published)
    total = count_articles(inputs, pub) if count else None
    with progress_bar(err) as progress:
        task = progress.add_task("extract", total=total)

        def advance_skipped(result) -> None:
            if result.skipped or scheduler:  # local workers report each article as it ends
                progress.advance(task, result.articles)

        result = run_batch(
            inputs,
            out_dir,
            partition_size=partition_size,
            workers=workers,
            scheduler=scheduler,
            published=pub,
            min_confidence=min_confidence,
            on_result=advance_skipped,
            on_articles=lambda n: progress.advance(task, n),
            budget=Budget(max_chars=max_chars, seconds=time_limit),
            articles=total,
        )
    done = len(result.partitions) - result.skipped - len(result.failed)
    err.print(
        f"{result.articles} articles, {result.events} events, {result.rejects} rejected; "
        f"{done} partitions written, {result.skipped} already done; "
        f"{result.seconds:.1f} s → {escape(str(result.out_dir))}"
    )
    if result.failed:
        for part in result.failed:
            err.print(f"[bold red]error:[/] partition {part.name} failed: {escape(part.failed)}")
        _fail(
            f"{len(result.failed)} partitions failed; rerun the same command to retry them", code=1
        )


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {escape(message)}")
    raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    """Add ``batch`` to the marsad CLI (``ingest`` lives with the store: it reads batch output too)."""
    app.command("batch")(batch)
