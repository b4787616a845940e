"""Typer command ``marsad batch`` (registered by ``marsad.cli``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from marsad.extract.confidence import DEFAULT_MIN_CONFIDENCE
from marsad.options import parse_date_option

err = Console(stderr=True)


class RateColumn(ProgressColumn):
    """Articles per second, from rich's moving speed estimate."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} art/s" if speed else "– art/s", style="cyan")


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=err,
        transient=False,
    )


def batch(
    inputs: Annotated[list[Path], typer.Argument(help="Article files or folders (any format `extract` reads)")],
    out_dir: Annotated[Path, typer.Option("-o", "--out", help="Output folder for Parquet partitions")],
    workers: Annotated[int | None, typer.Option(min=1, help="Local worker processes (default: all cores)")] = None,
    partition_size: Annotated[int, typer.Option(min=1, help="Articles per partition")] = 2000,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler, e.g. tcp://10.0.0.5:8786")] = None,
    published: Annotated[str | None, typer.Option(help="Date for inputs that carry none (YYYY-MM-DD)")] = None,
    min_confidence: Annotated[float, typer.Option(min=0.0, max=1.0, help="Drop events below this confidence")] = DEFAULT_MIN_CONFIDENCE,
    count: Annotated[bool, typer.Option(help="Count articles first so the bar shows time left")] = True,
) -> None:
    """Extract many articles into per-partition Parquet files (resumable, multi-core or Dask)."""
    from marsad.batch.partition import count_articles
    from marsad.batch.runner import run_batch

    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        err.print(f"[bold red]error:[/] input not found: {', '.join(missing)}")
        raise typer.Exit(2)
    pub = parse_date_option(published)
    total = count_articles(inputs, pub) if count else None
    with _progress() as progress:
        task = progress.add_task("extract", total=total)

        def advance(result) -> None:
            progress.advance(task, result.articles)

        result = run_batch(inputs, out_dir, partition_size=partition_size, workers=workers,
                           scheduler=scheduler, published=pub, min_confidence=min_confidence,
                           on_result=advance)
    done = len(result.partitions) - result.skipped
    err.print(
        f"{result.articles} articles, {result.events} events, {result.rejects} rejected; "
        f"{done} partitions written, {result.skipped} already done; "
        f"{result.seconds:.1f} s → {result.out_dir}"
    )


def register(app: typer.Typer) -> None:
    """Add ``batch`` to the marsad CLI (``ingest`` lives with the store: it reads batch output too)."""
    app.command("batch")(batch)
