"""``marsad explain`` and ``marsad rules``: why each event exists, and what each rule does
over a corpus (registered by ``marsad.cli``)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from marsad.options import parse_date_option

console = Console()
err = Console(stderr=True)
rules_app = typer.Typer(
    help="The extraction rules: list them, check them, measure them on a corpus.",
    no_args_is_help=True,
)


def _articles(inputs: list[Path], published: str | None):
    from marsad.ingest import RejectLog, read_articles

    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        err.print(f"[bold red]error:[/] input not found: {escape(', '.join(missing))}")
        raise typer.Exit(2)
    return read_articles(inputs, published=parse_date_option(published), rejects=RejectLog())


def explain(
    inputs: Annotated[list[Path], typer.Argument(help="Articles, as for marsad extract")],
    article_id: Annotated[
        str | None, typer.Option("--id", help="Only the article with this id")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date for inputs that carry none")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per article")] = False,
) -> None:
    """For every trigger of each article: the event it became, or the rule that stopped
    it, with the Arabic words the decision rests on."""
    from marsad.extract.engine import Extractor
    from marsad.extract.explain import explain as explain_article

    extractor = Extractor()
    shown = 0
    for article in _articles(inputs, published):
        if article_id is not None and article.id != article_id:
            continue
        story = explain_article(extractor, article)
        shown += 1
        if as_json:
            typer.echo(
                json.dumps(
                    {
                        "article_id": story.article_id,
                        "events": [e.model_dump(mode="json") for e in story.events],
                        "triggers": [
                            {
                                "surface": t.surface,
                                "span_norm": [t.nstart, t.nend],
                                "sub_event_type": t.sub_event_type,
                                "weight": t.weight,
                                "event": t.event,
                                "rule": t.rule_id,
                                "reason": t.reason,
                                "evidence": t.evidence,
                            }
                            for t in story.triggers
                        ],
                    },
                    ensure_ascii=False,
                )
            )
            continue
        _print_story(story)
    if shown == 0:
        err.print("[yellow]no article matched[/]" if article_id else "[yellow]no articles[/]")
        raise typer.Exit(1)


def _print_story(story) -> None:
    console.rule(
        f"[bold]{escape(story.article_id or '(no id)')}[/]: "
        f"{len(story.triggers)} triggers, {len(story.events)} events"
    )
    for i, event in enumerate(story.events):
        console.print(
            f"[bold green]event {i + 1}[/] {escape(event.event_type)} / "
            f"{escape(event.sub_event_type)} · {escape(str(event.event_date))} · "
            f"{escape(str(event.location))} · killed {event.fatalities} · "
            f"confidence {event.confidence}"
        )
        console.print(f"   trace: {escape(' → '.join(event.trace))}")
    for t in story.triggers:
        head = f"  «{escape(t.surface)}» ({escape(t.sub_event_type)}, {t.weight:g})"
        if t.event is not None:
            console.print(f"{head} [green]→ event {t.event + 1}[/]")
        else:
            words = " ".join(f"«{escape(w)}»" for w in t.evidence)
            console.print(
                f"{head} [red]stopped by {escape(str(t.rule_id))}[/]: "
                f"{escape(str(t.reason))} {words}"
            )
        console.print(f"      [dim]{escape(t.sentence[:160])}[/]")


@rules_app.command("list")
def list_rules() -> None:
    """Every rule with its stage and doc."""
    from marsad.extract.rules import load_rulebook

    table = Table("id", "doc", "source")
    for rule in load_rulebook().all():
        table.add_row(rule.id, rule.doc, rule.source)
    console.print(table)


@rules_app.command("stats")
def stats(
    inputs: Annotated[list[Path], typer.Argument(help="Corpus: articles as for marsad extract")],
    published: Annotated[
        str | None, typer.Option(help="Publication date for inputs that carry none")
    ] = None,
    examples: Annotated[int, typer.Option(help="Example sentences to show per rule")] = 2,
    rule: Annotated[str | None, typer.Option(help="Only rules whose id starts with this")] = None,
    limit: Annotated[int | None, typer.Option(help="Stop after this many articles")] = None,
    out: Annotated[
        Path | None, typer.Option("-o", help="Also write the counts and examples as JSON")
    ] = None,
) -> None:
    """Per rule and step: how often it fired over the corpus (stopping a trigger, or in
    the trace of a written event) and a few sentences it fired on."""
    from marsad.extract.engine import Extractor
    from marsad.extract.explain import explain as explain_article
    from marsad.extract.rules import load_rulebook

    extractor = Extractor()
    fired: Counter[str] = Counter()
    articles_with: Counter[str] = Counter()
    samples: dict[str, list[str]] = defaultdict(list)
    n = 0
    for article in _articles(inputs, published):
        if limit is not None and n >= limit:
            break
        n += 1
        if n % 5000 == 0:
            err.print(f"{n} articles", style="dim")
        story = explain_article(extractor, article, skip_fast=True)
        seen: set[str] = set()
        for t in story.triggers:
            if t.rule_id is not None:
                _count(fired, seen, samples, t.rule_id, t.sentence, examples)
        for event in story.events:
            for rid in event.trace:
                _count(fired, seen, samples, rid, event.notes, examples)
        articles_with.update(seen)
    ids = [r.id for r in load_rulebook().all()] + sorted(
        set(fired) - {r.id for r in load_rulebook().all()}
    )
    if rule:
        ids = [i for i in ids if i.startswith(rule)]
    table = Table("rule", "fired", "articles", "examples", title=f"{n} articles")
    for rid in ids:
        table.add_row(
            rid,
            str(fired[rid]),
            str(articles_with[rid]),
            escape("\n".join(s[:140] for s in samples[rid])),
        )
    console.print(table)
    if out is not None:
        out.write_text(
            json.dumps(
                {
                    "articles": n,
                    "rules": {
                        rid: {
                            "fired": fired[rid],
                            "articles": articles_with[rid],
                            "examples": samples[rid],
                        }
                        for rid in ids
                    },
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )


def _count(
    fired: Counter[str],
    seen: set[str],
    samples: dict[str, list[str]],
    rid: str,
    sentence: str,
    keep: int,
) -> None:
    fired[rid] += 1
    seen.add(rid)
    if len(samples[rid]) < keep:
        samples[rid].append(sentence)


def register(app: typer.Typer) -> None:
    app.command()(explain)
    app.add_typer(rules_app, name="rules")
