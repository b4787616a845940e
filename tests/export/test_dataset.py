"""`marsad export`: files read back with pandas, json and pyarrow equal the store."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.export.dataset import COLUMNS
from marsad.export.writers import escape_cell
from marsad.model import Article
from marsad.store import Store
from tests.conftest import make_event
from tests.link.test_link import three_reports

ACLED_HEADER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    with Store(url) as st:
        for ev in three_reports():
            st.save(
                Article(
                    id=ev.article_id, text=f"نص {ev.article_id}", source=ev.article_id.split("-")[0]
                ),
                [ev],
            )
        lone = make_event(
            "evil",
            0,
            actor1=None,
            actor2=None,
            inter1=None,
            inter2=None,
            event_date="2016-01-02",
            sub_event_type="Armed clash",
            event_type="Battles",
            notes='=HYPERLINK("http://x")',
        )
        st.save(Article(id="evil", text="نص آخر", source="@SUM(1+1)"), [lone])
        assert st.clusters_count() == 2
    return url


def run(*args: str) -> None:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output


def test_acled_csv(db: str, tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    run("export", "--db", db, "-o", str(out))
    frame = pd.read_csv(out)
    assert list(frame.columns)[:31] == ACLED_HEADER and list(frame.columns) == list(COLUMNS)
    assert len(frame) == 2
    bombing = frame[frame.source_count == 3].iloc[0]
    assert bombing.fatalities == 30 and bombing.source == "Asharq Al-Awsat; Okaz; Sabq"
    assert bombing.inter2 == 7 and bombing.notes.startswith("On 2015-07-23, ")
    assert "30 killed" in bombing.notes and "Reported by 3 sources" in bombing.notes
    lone = frame[frame.source_count == 1].iloc[0]
    assert lone.actor1 == "Unidentified Armed Group (Libya)" and lone.inter2 == 0
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    evil = next(r for r in rows if r["source_count"] == "1")
    assert evil["source"] == "'@SUM(1+1)" and evil["notes_ar"].startswith("'=")
    assert evil["longitude"] == "16.5887"


def test_geojson_jsonl_parquet_round_trip(db: str, tmp_path: Path) -> None:
    with Store(db) as st:
        clusters = {c["cluster_id"]: c for c in st.clusters()}
    for fmt in ("geojson", "jsonl", "parquet"):
        run("export", "--db", db, "-f", fmt, "-o", str(tmp_path / f"e.{fmt}"))
    geo = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == len(clusters)
    for feature in geo["features"]:
        c = clusters[feature["id"]]
        assert feature["geometry"]["coordinates"] == [c["longitude"], c["latitude"]]
        assert feature["properties"]["fatalities"] == c["fatalities"]
    lines = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {x["event_id_cnty"] for x in lines} == set(clusters)
    big = next(x for x in lines if x["source_count"] == 3)
    assert len(big["members"]) == 3 and all(m["evidence"] for m in big["members"])
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == len(clusters) and table.column_names == list(COLUMNS)
    assert sorted(table.column("fatalities").to_pylist()) == sorted(
        c["fatalities"] for c in clusters.values()
    )


def test_reports_and_filters(db: str, tmp_path: Path) -> None:
    run("export", "--db", db, "--reports", "-o", str(tmp_path / "r.csv"))
    assert len(pd.read_csv(tmp_path / "r.csv")) == 4
    run(
        "export",
        "--db",
        db,
        "--country",
        "IRQ",
        "--min-sources",
        "2",
        "-o",
        str(tmp_path / "f.csv"),
    )
    assert len(pd.read_csv(tmp_path / "f.csv")) == 1


def test_escape_cell() -> None:
    assert [escape_cell(v) for v in ("=1+1", "+1", "-x", "@a", "ok", -3.5)] == [
        "'=1+1",
        "'+1",
        "'-x",
        "'@a",
        "ok",
        -3.5,
    ]


def test_clear_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    for args, message in (
        (["show", "--db", f"sqlite:///{tmp_path / 'typo.db'}"], "does not exist"),
        (["show", "--db", "sqlite:///"], "in-memory"),
        (["show", "--db", "notaurl"], "not a database URL"),
        (["show", "--db", "postgresql+psycopg://postgres@127.0.0.1:1/x"], "cannot connect"),
        (
            ["correct", "nope", "fatalities=1", "--db", f"sqlite:///{tmp_path / 'typo.db'}"],
            "does not exist",
        ),
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and message in result.output, result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "typo.db").exists()


def test_export_shows_corrected_values_and_lists_corrections(db: str, tmp_path: Path) -> None:
    with Store(db) as st:
        big = next(c for c in st.clusters() if c["source_count"] == 3)
    run(
        "correct",
        big["cluster_id"],
        "fatalities=29",
        "location=Hillah",
        "--note",
        "morgue",
        "--db",
        db,
    )
    run(
        "export",
        "--db",
        db,
        "-o",
        str(tmp_path / "e.csv"),
        "--corrections",
        str(tmp_path / "c.jsonl"),
    )
    row = pd.read_csv(tmp_path / "e.csv").query("source_count == 3").iloc[0]
    assert row.fatalities == 29 and row.location == "Hillah" and "29 killed" in row.notes
    listed = [json.loads(x) for x in (tmp_path / "c.jsonl").read_text().splitlines()]
    assert [(c["field"], c["value"], c["note"]) for c in listed] == [
        ("fatalities", 29, "morgue"),
        ("location", "Hillah", "morgue"),
    ]
