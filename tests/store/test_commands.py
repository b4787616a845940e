"""The store's commands end to end: ingest, events, correct, link, show."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from marsad.cli import app
from tests.store.test_ingest import BOMBING, CLASHES, articles, write_jsonl


def run(*args: str, code: int = 0, stdout: bool = False) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.stdout if stdout else result.output


def test_ingest_query_correct_and_relink(store_url: str, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", articles({**BOMBING, **CLASHES}))
    db = ["--db", store_url]
    run("ingest", str(src), *db)
    again = run("ingest", str(src), *db)
    assert "5 already stored" in again
    rows = [
        json.loads(x) for x in run("events", *db, "-f", "jsonl").splitlines() if x.startswith("{")
    ]
    bombing = next(r for r in rows if r["sub_event_type"] == "Suicide bomb")
    assert bombing["source_count"] == 3
    found = list(
        csv.DictReader(
            io.StringIO(
                run(
                    "events", *db, "-f", "csv", "--country", "YEM", "--type", "Battles", stdout=True
                )
            )
        )
    )
    assert {r["country"] for r in found} == {"Yemen"} and len(found) == 2
    assert "1 events" in run("events", *db, "--min-sources", "3")
    assert "2 events" in run("events", *db, "--text", "عدن")
    assert "0 events" in run("events", *db, "--bbox", "0,0,1,1")
    run("correct", bombing["event_id_cnty"], "fatalities=31", "--note", "hospital", *db)
    run("link", *db)
    rows = [
        json.loads(x)
        for x in run("events", *db, "-f", "jsonl", "--min-sources", "3").splitlines()
        if x.startswith("{")
    ]
    assert rows[0]["fatalities"] == 31
    listed = [
        json.loads(x) for x in run("correct", "--list", *db).splitlines() if x.startswith("{")
    ]
    assert listed[0]["note"] == "hospital" and listed[0]["value"] == 31
    run("correct", rows[0]["event_id_cnty"], "--accept", "--note", "checked", *db)
    listed = [
        json.loads(x) for x in run("correct", "--list", *db).splitlines() if x.startswith("{")
    ]
    assert [c["action"] for c in listed] == ["set", "accept"]
    assert "nothing to correct" in run("correct", rows[0]["event_id_cnty"], *db, code=2)
    out = run("correct", "mrsc-nope", "fatalities=1", *db, code=2)
    assert "no event or cluster with id 'mrsc-nope'" in out
    assert "articles" in run("show", *db)


def test_ingest_of_nothing_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    out = run("ingest", str(tmp_path / "empty"), "--db", f"sqlite:///{tmp_path / 'x.db'}", code=2)
    assert "no articles found" in out
