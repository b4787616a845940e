"""Typer commands ``ingest``, ``link``, ``correct``, ``events``, ``export``, ``show``."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from marsad.options import DEFAULT_MIN_CONFIDENCE, parse_date_option

err = Console(stderr=True, soft_wrap=True)  # one message, one line: greppable
out = Console()
DEFAULT_DB = "sqlite:///marsad.db"
DbOption = Annotated[
    str,
    typer.Option(help="Store URL, e.g. sqlite:///marsad.db or postgresql+psycopg://user@host/db"),
]


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {escape(message)}")
    raise typer.Exit(code)


def _open(db: str, create: bool = True, link: bool = True):
    from marsad.store import Store, StoreError

    try:
        return Store(db, create=create, link=link)
    except StoreError as exc:
        _fail(str(exc))


def _db_error(exc: Exception, db: str, done: str) -> None:
    from marsad.store.errors import redact

    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    _fail(
        f"lost the store {redact(db)} ({reason[0] if reason else type(exc).__name__}); "
        f"{done} are committed: run the same command again to resume",
        code=3,
    )


class Format(StrEnum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    parquet = "parquet"
    jsonl = "jsonl"


class ListFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


def ingest(
    inputs: Annotated[
        list[Path],
        typer.Argument(help="Articles (anything `extract` reads) or `batch` output folders"),
    ],
    db: DbOption = DEFAULT_DB,
    published: Annotated[
        str | None, typer.Option(help="Date for inputs that carry none (YYYY-MM-DD)")
    ] = None,
    batch_size: Annotated[
        int,
        typer.Option(
            min=1, help="Articles per transaction (each re-links the components it touches)"
        ),
    ] = 500,
    reextract: Annotated[
        bool, typer.Option(help="Extract articles already stored again (after a rules change)")
    ] = False,
    rejects: Annotated[
        Path | None, typer.Option(help="Write the rejects report (JSONL) here")
    ] = None,
    min_confidence: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Drop events below this confidence")
    ] = DEFAULT_MIN_CONFIDENCE,
) -> None:
    """Read, extract, store and link articles; safe to repeat and to resume after a crash."""
    from sqlalchemy.exc import DBAPIError

    from marsad.ingest import RejectLog
    from marsad.store.ingest import PARTITION_NOT_LOADED
    from marsad.store.ingest import ingest as run_ingest

    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        _fail(f"input not found: {', '.join(missing)}")
    pub = parse_date_option(published)
    store = _open(db)
    log = RejectLog()
    from marsad.pipeline import Pipeline

    pipeline = Pipeline(min_confidence=min_confidence)
    progress: dict[str, int] = {"stored": 0}

    def on_batch(result: Any, _n: int) -> None:
        progress["stored"] = result.read

    try:
        result = run_ingest(
            store,
            inputs,
            pipeline.extract,
            published=pub,
            rejects=log,
            batch_size=batch_size,
            reextract=reextract,
            on_batch=on_batch,
        )
    except DBAPIError as exc:
        _db_error(exc, db, f"the first {progress['stored']} articles read")
    finally:
        if rejects is not None:
            log.write(rejects)
    saved = result.saved
    if result.read == 0:
        store.close()
        _fail(f"no articles found in {', '.join(map(str, inputs))} ({log.count} rejected)")
    err.print(
        f"{result.read} articles read: {saved.new} new, {saved.replaced} replaced, "
        f"{saved.aliased} copies of stored articles, {result.skipped} already stored; "
        f"{saved.events} events; {log.count} rejected. Store: {store.articles_count()} articles, "
        f"{store.events_count()} events, {store.clusters_count()} clusters"
    )
    store.close()
    damaged = [r for r in log if r.reason == PARTITION_NOT_LOADED]
    for r in damaged:
        err.print(
            f"[bold red]error:[/] partition {escape(str(r.extra.get('partition')))} not "
            f"loaded: {escape(str(r.extra.get('error')))}"
        )
    if damaged:
        _fail(f"{len(damaged)} partitions could not be read; the others are loaded", code=1)


def link(
    db: DbOption = DEFAULT_DB,
    batch_dir: Annotated[
        Path | None,
        typer.Option(
            "--batch",
            help="Link a `batch` output folder instead: writes BATCH/clusters/clusters.parquet",
        ),
    ] = None,
) -> None:
    """Re-link every event from scratch (ingest links incrementally; this gives the same clusters)."""
    if batch_dir is not None:
        from marsad.store.batchlink import link_batch_folder

        if not batch_dir.is_dir():
            _fail(f"not a folder: {batch_dir}")
        events, clusters, path = link_batch_folder(batch_dir)
        err.print(f"{events} events in {clusters} clusters → {path}")
        return
    store = _open(db, create=False)
    n = store.relink_all()
    err.print(f"{store.events_count()} events in {n} clusters")
    store.close()


def _parse_changes(pairs: list[str]) -> dict[str, str]:
    changes = {}
    for pair in pairs:
        if "=" not in pair:
            _fail(f"expected field=value, got {pair!r}")
        key, value = pair.split("=", 1)
        changes[key.strip()] = value
    return changes


def correct(
    target: Annotated[
        str | None, typer.Argument(help="An event id (mrsd-…) or cluster id (mrsc-…)")
    ] = None,
    changes: Annotated[list[str] | None, typer.Argument(help="field=value …")] = None,
    note: Annotated[str | None, typer.Option(help="Why (kept with the correction)")] = None,
    author: Annotated[str | None, typer.Option(help="Who (default: the login name)")] = None,
    delete: Annotated[
        bool, typer.Option("--delete", help="Remove this event or cluster from the dataset")
    ] = False,
    accept: Annotated[
        bool,
        typer.Option(
            "--accept", help="Mark it checked and right (it leaves the dashboard's review queue)"
        ),
    ] = False,
    merge: Annotated[
        str | None, typer.Option("--merge", help="Merge with this other event or cluster")
    ] = None,
    split: Annotated[
        str | None,
        typer.Option(
            "--split", help="Split the cluster: comma-separated event ids to take out, or 'all'"
        ),
    ] = None,
    list_all: Annotated[
        bool, typer.Option("--list", help="List every correction as JSON Lines")
    ] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Correct an event or cluster; corrections survive re-ingest and re-link."""
    from marsad.store import StoreError
    from marsad.store.corrections import correct as run_correct
    from marsad.store.corrections import list_corrections

    store = _open(db, create=False)
    if list_all:
        from marsad.export.writers import write_jsonl

        write_jsonl(list_corrections(store), sys.stdout)
        return
    if target is None:
        _fail("give an event or cluster id (or --list)")
    split_ids = None
    if split is not None:
        split_ids = [] if split == "all" else [s.strip() for s in split.split(",") if s.strip()]
    try:
        ids = run_correct(
            store,
            target,
            changes=_parse_changes(changes or []),
            delete=delete,
            accept=accept,
            merge_with=merge,
            split=split_ids,
            note=note,
            author=author,
        )
    except StoreError as exc:
        _fail(str(exc))
    err.print(
        f"recorded correction(s) {', '.join(map(str, ids))} on {target}; "
        f"store now holds {store.clusters_count()} clusters"
    )
    store.close()


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    from marsad.store.query import parse_bbox

    try:
        return parse_bbox(value)
    except ValueError:
        _fail(f"--bbox needs west,south,east,north in degrees, got {value!r}")
        raise  # unreachable: _fail exits


def _filters(
    country,
    admin1,
    event_type,
    actor,
    date_from,
    date_to,
    bbox,
    min_fatalities,
    min_sources,
    text,
    min_confidence,
) -> dict[str, Any]:
    return {
        "country": country,
        "admin1": admin1,
        "event_type": event_type,
        "actor": actor,
        "date_from": parse_date_option(date_from),
        "date_to": parse_date_option(date_to),
        "bbox": _bbox(bbox),
        "min_fatalities": min_fatalities,
        "min_sources": min_sources,
        "text": text,
        "min_confidence": min_confidence,
    }


Country = Annotated[str | None, typer.Option(help="ISO3 code or English name")]
Admin1 = Annotated[str | None, typer.Option(help="First-level unit")]
EType = Annotated[str | None, typer.Option("--type", help="Event type or sub-event type")]
Actor = Annotated[str | None, typer.Option(help="Part of an actor's name (English or Arabic)")]
DateFrom = Annotated[str | None, typer.Option("--from", help="First date (YYYY-MM-DD)")]
DateTo = Annotated[str | None, typer.Option("--to", help="Last date (YYYY-MM-DD)")]
Bbox = Annotated[str | None, typer.Option(help="west,south,east,north")]
MinFat = Annotated[int | None, typer.Option(help="At least this many killed")]
MinSrc = Annotated[int | None, typer.Option(help="At least this many sources")]
Text = Annotated[
    str | None,
    typer.Option(
        "--text", help="Arabic words in the article text (diacritics and letter variants ignored)"
    ),
]
MinConf = Annotated[float | None, typer.Option(help="At least this confidence")]


def _rows(store, reports: bool, filters: dict[str, Any]) -> list[dict[str, Any]]:
    from marsad.export.dataset import cluster_row, report_as_cluster

    if reports:
        stamps = store.event_stamps()
        return [
            cluster_row(report_as_cluster(e, stamps.get(e.event_id)))
            for e in store.events(**filters)
        ]
    return [cluster_row(c) for c in store.clusters(**filters)]


def events(
    country: Country = None,
    admin1: Admin1 = None,
    event_type: EType = None,
    actor: Actor = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    bbox: Bbox = None,
    min_fatalities: MinFat = None,
    min_sources: MinSrc = None,
    text: Text = None,
    min_confidence: MinConf = None,
    reports: Annotated[
        bool, typer.Option("--reports", help="One row per article's report, not per cluster")
    ] = False,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Query the dataset: every matching row (no limit), as a table, CSV or JSON Lines."""
    from marsad.export.writers import write_csv, write_jsonl

    store = _open(db, create=False)
    rows = _rows(
        store,
        reports,
        _filters(
            country,
            admin1,
            event_type,
            actor,
            date_from,
            date_to,
            bbox,
            min_fatalities,
            min_sources,
            text,
            min_confidence,
        ),
    )
    if fmt is ListFormat.csv:
        write_csv(rows, sys.stdout)
    elif fmt is ListFormat.jsonl:
        write_jsonl(rows, sys.stdout)
    else:
        out.print(_table(rows))
    err.print(f"{len(rows)} {'reports' if reports else 'events'}")
    store.close()


def _table(rows: list[dict[str, Any]]) -> Table:
    table = Table(header_style="bold")
    for name in ("Date", "Type", "Actors", "Location", "Ctry", "Killed", "Src", "Id"):
        table.add_column(name, no_wrap=name in ("Date", "Killed", "Src", "Ctry"))
    for r in rows:
        actors = r["actor1"] + (f" vs {r['actor2']}" if r["actor2"] else "")
        table.add_row(
            r["event_date"] or "—",
            escape(r["sub_event_type"]),
            escape(actors),
            escape(r["location"] or ""),
            str(r["iso"] or ""),
            str(r["fatalities"]),
            str(r["source_count"]),
            r["event_id_cnty"],
        )
    return table


def export(
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write")],
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.acled_csv,
    country: Country = None,
    admin1: Admin1 = None,
    event_type: EType = None,
    actor: Actor = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    bbox: Bbox = None,
    min_fatalities: MinFat = None,
    min_sources: MinSrc = None,
    text: Text = None,
    min_confidence: MinConf = None,
    reports: Annotated[
        bool, typer.Option("--reports", help="One row per article's report, not per cluster")
    ] = False,
    corrections: Annotated[
        Path | None, typer.Option(help="Also write every correction (JSON Lines) here")
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export the dataset (one row per cluster) as ACLED CSV, GeoJSON, Parquet or JSON Lines."""
    from marsad.export.writers import write_jsonl, write_rows
    from marsad.store.corrections import list_corrections

    store = _open(db, create=False)
    if not output.parent.exists():
        _fail(f"folder {output.parent} does not exist")
    rows = _rows(
        store,
        reports,
        _filters(
            country,
            admin1,
            event_type,
            actor,
            date_from,
            date_to,
            bbox,
            min_fatalities,
            min_sources,
            text,
            min_confidence,
        ),
    )
    if fmt is Format.jsonl and not reports:
        members = store.members([r["event_id_cnty"] for r in rows])
        for row in rows:
            row["members"] = members.get(row["event_id_cnty"], [])
    n = write_rows(rows, fmt.value, output)
    if corrections is not None:
        write_jsonl(list_corrections(store), corrections)
    err.print(f"{n} {'reports' if reports else 'events'} → {output}")
    store.close()


def show(
    db: DbOption = DEFAULT_DB,
    country: Annotated[str | None, typer.Option(help="ISO3 filter")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="Event type filter")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Rows shown (the count below is of all)")] = 200,
) -> None:
    """Print the reports held in a store as a table (a store that does not exist is an error)."""
    from marsad.export import events_table

    store = _open(db, create=False)
    found = store.events(country=country, event_type=event_type)
    out.print(events_table(found[:limit]))
    shown = (
        f"{min(limit, len(found))} of {len(found)} matching shown; " if len(found) > limit else ""
    )
    out.print(
        f"{shown}{store.articles_count()} articles (+{store.aliases_count()} copies), "
        f"{store.events_count()} events, {store.clusters_count()} clusters in {escape(db)}"
    )
    store.close()


def register(app: typer.Typer) -> None:
    """Add the store's commands to the marsad CLI (``show`` replaces the plain one)."""
    app.registered_commands[:] = [
        c
        for c in app.registered_commands
        if (c.name or getattr(c.callback, "__name__", "")) != "show"
    ]
    for command in (ingest, link, correct, events, export, show):
        app.command(command.__name__)(command)
