"""Ingest on SQLite and PostgreSQL: exactly once (identical copies, re-runs, SIGKILL,
concurrent writers), ids per article, same-named files, NUL bytes, migrations, search."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from marsad.model import Article, stable_event_id
from marsad.pipeline import Pipeline
from marsad.store import Store
from marsad.store.ingest import ingest

ROOT = Path(__file__).resolve().parents[2]
PUB = dt.date(2015, 7, 24)
BOMBING = {
    "okaz-1": "بغداد: قتل 30 شخصا وأصيب 50 آخرون أمس الخميس في تفجير انتحاري استهدف سوقا "
    "شعبيا في مدينة الحلة جنوب بغداد، وتبنى تنظيم داعش الهجوم.",
    "sabq-1": "فجر انتحاري من تنظيم داعش حزامه الناسف في سوق مزدحم بمدينة الحلة أمس، ما أسفر "
    "عن سقوط 35 قتيلا وعشرات الجرحى بحسب مصادر طبية.",
    "aawsat-1": "لقي 32 شخصا مصرعهم في هجوم انتحاري نفذه تنظيم داعش أمس في محافظة بابل "
    "العراقية، حسبما أعلنت الشرطة.",
}
CLASHES = {
    "okaz-2": "اندلعت اشتباكات عنيفة أمس بين قوات الجيش اليمني ومسلحي الحوثي في حي كريتر "
    "بمدينة عدن، أسفرت عن مقتل خمسة من الحوثيين.",
    "sabq-2": "قتل ثلاثة مدنيين أمس في اشتباكات بين مسلحي تنظيم القاعدة وقوات الحزام الأمني في "
    "مدينة عدن.",
}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def articles(texts: dict[str, str]) -> list[Article]:
    return [
        Article(id=k, text=v, published=PUB, source=k.split("-")[0], url=f"https://example.org/{k}")
        for k, v in texts.items()
    ]


def write_jsonl(path: Path, items: list[Article]) -> Path:
    path.write_text(
        "".join(json.dumps(a.model_dump(mode="json"), ensure_ascii=False) + "\n" for a in items),
        encoding="utf-8",
    )
    return path


def test_three_outlets_one_bombing_through_the_pipeline(store: Store, pipeline, tmp_path) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", articles({**BOMBING, **CLASHES}))
    ingest(store, [src], pipeline.extract)
    clusters = store.clusters()
    bombing = [c for c in clusters if c["sub_event_type"] == "Suicide bomb"]
    clashes = [c for c in clusters if c["event_type"] == "Battles"]
    assert len(bombing) == 1 and bombing[0]["source_count"] == 3
    assert bombing[0]["fatalities"] == 30 and bombing[0]["fatalities_high"] == 35
    assert bombing[0]["location"] == "Al Hillah"
    assert len(clashes) == 2  # two clashes, one city, one day: two acts


def test_arrival_order_and_incremental_equal_rebuild(store_url, pipeline, tmp_path) -> None:
    items = articles({**BOMBING, **CLASHES})
    results = []
    for n, order in enumerate([items, items[::-1], items[2:] + items[:2]]):
        url = (
            store_url.replace("marsad.db", f"order{n}.db")
            if "sqlite" in store_url
            else _fresh_pg(store_url)
        )
        with Store(url) as st:
            for article in order:  # one article per transaction: fully incremental
                st.save(article, pipeline.extract(article))
            incremental = _cluster_sets(st)
            st.relink_all()
            assert _cluster_sets(st) == incremental
            results.append(incremental)
    assert results[0] == results[1] == results[2]


def _fresh_pg(url: str) -> str:
    from tests.store.conftest import pg_schema_url

    return pg_schema_url(url.split("?")[0])


def _cluster_sets(st: Store) -> set[tuple[str, ...]]:
    return {tuple(c["event_ids"]) for c in st.clusters()}


def test_identical_copies_are_aliases_and_join_sources(store: Store, pipeline, tmp_path) -> None:
    items = articles(BOMBING)
    wire = Article(id="alyaum-9", text=BOMBING["sabq-1"], published=PUB, source="alyaum")
    src = write_jsonl(tmp_path / "a.jsonl", [*items, wire])
    first = ingest(store, [src], pipeline.extract)
    assert first.saved.aliased == 1 and store.aliases_count() == 1
    [cluster] = [c for c in store.clusters() if c["sub_event_type"] == "Suicide bomb"]
    assert cluster["source_count"] == 4 and "alyaum" in cluster["outlets"]
    counts = (store.articles_count(), store.events_count(), store.clusters_count())
    again = ingest(store, [src], pipeline.extract)
    assert again.skipped == 4 and again.saved.articles == 0
    assert (store.articles_count(), store.events_count(), store.clusters_count()) == counts


def test_event_ids_are_unique_per_article() -> None:
    same = "قتل ثلاثة أشخاص في انفجار في بغداد أمس."
    assert stable_event_id(same, PUB, "x", article_id="a") != stable_event_id(
        same, PUB, "x", article_id="b"
    )
    assert stable_event_id(same, PUB, "x", article_id="a") == stable_event_id(
        same, PUB, "x", article_id="a"
    )


def test_old_ids_repeated_across_articles_are_scoped(store: Store, event_factory) -> None:
    a, b = Article(id="a", text="نص أول"), Article(id="b", text="نص ثان")
    shared = event_factory("a", 0)
    store.save(a, [shared])
    store.save(b, [shared.model_copy(update={"article_id": "b"})])
    assert store.events_count() == 2  # the second is kept under an id scoped to its article


def test_same_named_files_in_two_folders_are_two_articles(store: Store, pipeline, tmp_path) -> None:
    for outlet, body in (("okaz", CLASHES["okaz-2"]), ("sabq", CLASHES["sabq-2"])):
        (tmp_path / "in" / outlet).mkdir(parents=True)
        (tmp_path / "in" / outlet / "001.txt").write_text(body, encoding="utf-8")
    ingest(store, [tmp_path / "in"], pipeline.extract, published=PUB)
    assert store.articles_count() == 2
    assert store.article("okaz/001") is not None and store.article("sabq/001") is not None


def test_changed_text_replaces_events(store: Store, pipeline) -> None:
    [okaz] = articles({"okaz-2": CLASHES["okaz-2"]})
    store.save(okaz, pipeline.extract(okaz))
    before = {e.event_id for e in store.events()}
    changed = okaz.model_copy(update={"text": CLASHES["sabq-2"]})
    store.save(changed, pipeline.extract(changed))
    after = store.events()
    assert before and {e.event_id for e in after}.isdisjoint(before)
    assert all(e.article_id == "okaz-2" for e in after) and store.articles_count() == 1


def test_nul_byte_is_stored(store: Store, pipeline) -> None:
    article = Article(
        id="n\x00ul", text="قتل\x00 ثلاثة أشخاص في انفجار في بغداد أمس", published=PUB
    )
    store.save(article, pipeline.extract(article))
    stored = store.article("n\x00ul")
    assert stored is not None and len(stored.text) == len(article.text)  # offsets hold
    assert "\x00" not in stored.text


def test_search_ignores_diacritics_and_letter_variants(store: Store, pipeline, tmp_path) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", articles({**BOMBING, **CLASHES}))
    ingest(store, [src], pipeline.extract)
    assert {e.article_id for e in store.events(text="إنتحاريٌّ")} == set(BOMBING)  # hamza, harakat
    assert {e.article_id for e in store.events(text="مَصْرَعَهُم العراقيه")} == {"aawsat-1"}  # ه for ة
    assert {e.article_id for e in store.events(text="عدن")} == {"okaz-2", "sabq-2"}
    assert store.events(text='OR 1=1 " NEAR(') == []
    assert {c["sub_event_type"] for c in store.clusters(text="الحوثي")} == {"Armed clash"}


def test_migrates_a_store_made_by_marsad_0_1(store_url: str) -> None:
    from alembic import command

    from marsad.store.migrate import alembic_config, head_revision

    engine = create_engine(store_url)
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text("DROP TABLE alembic_version"))  # 0.1 used create_all: no version
        conn.execute(
            text(
                "INSERT INTO articles (id, text, ingested_at) "
                "VALUES ('old', 'خبر قديم عن عدن', '2026-01-01 00:00:00+00')"
            )
        )
    engine.dispose()
    with Store(store_url) as st:
        assert st.article("old").text == "خبر قديم عن عدن"
        assert st.stored_hashes(["old"])["old"]  # backfilled
        with st.engine.connect() as conn:
            assert (
                conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                == head_revision()
            )


def _ingest_cmd(src: Path, url: str, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from marsad.cli import app; app()",
        "ingest",
        str(src),
        "--db",
        url,
        "--batch-size",
        "20",
        *extra,
    ]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + str(ROOT)}


def many_articles(n: int) -> list[Article]:
    """Short reports spread over 5 towns and 40 days (a few outlets per act)."""
    towns = ["عدن", "تعز", "صنعاء", "الحديدة", "مأرب"]
    return [
        Article(
            id=f"m{i}",
            text=f"قتل {i % 7 + 2} أشخاص أمس في قصف على مدينة "
            f"{towns[i % 5]}، وأصيب {i} آخرون في الحادث رقم {i}.",
            published=PUB + dt.timedelta(days=i % 40),
        )
        for i in range(n)
    ]


def test_sigkill_mid_run_then_rerun_stores_each_article_once(store_url, tmp_path) -> None:
    src = write_jsonl(tmp_path / "m.jsonl", many_articles(800))
    Store(store_url).close()  # schema first, so the poll below can count
    proc = subprocess.Popen(
        _ingest_cmd(src, store_url),
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    engine = create_engine(store_url)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        with engine.connect() as conn:
            stored = conn.execute(text("SELECT count(*) FROM articles")).scalar()
        if stored >= 60:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < stored < 800, "the kill must land mid-run"
    rerun = subprocess.run(
        _ingest_cmd(src, store_url), env=_env(), capture_output=True, text=True, timeout=300
    )
    assert rerun.returncode == 0, rerun.stderr
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*), count(DISTINCT id) FROM articles")).one() == (
            800,
            800,
        )
        orphans = conn.execute(
            text("SELECT count(*) FROM events WHERE cluster_id IS NULL")
        ).scalar()
    engine.dispose()
    assert orphans == 0  # every stored event is linked: batches commit whole


def test_two_concurrent_ingests_queue_instead_of_colliding(store_url, tmp_path) -> None:
    src = write_jsonl(tmp_path / "m.jsonl", many_articles(300))
    procs = [
        subprocess.Popen(
            _ingest_cmd(src, store_url),
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1][-2000:] for o in outs]
    with Store(store_url) as st:
        assert st.articles_count() == 300
        clusters = st.clusters_count()
        st.relink_all()
        assert st.clusters_count() == clusters


@pytest.mark.postgres
def test_lost_connection_is_a_clear_error_and_the_rerun_resumes(pg_url, tmp_path) -> None:
    from tests.store.conftest import pg_schema_url

    url = pg_schema_url(pg_url)
    src = write_jsonl(tmp_path / "m.jsonl", many_articles(600))
    Store(url).close()
    proc = subprocess.Popen(
        _ingest_cmd(src, url), env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    kill = text(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid() "
        "AND application_name NOT LIKE 'pg_%'"
    )
    stored = 0
    with admin.connect() as conn:
        while proc.poll() is None and stored < 40:
            stored = conn.execute(
                text(url.split("%3D")[1].join(["SELECT count(*) FROM ", ".articles"]))
            ).scalar()
            time.sleep(0.02)
        while proc.poll() is None:
            conn.execute(kill)
            time.sleep(0.01)
    _out, err_text = proc.communicate(timeout=60)
    admin.dispose()
    assert proc.returncode == 3, err_text[-2000:]
    assert "run the same command again to resume" in err_text and "Traceback" not in err_text
    rerun = subprocess.run(
        _ingest_cmd(src, url), env=_env(), capture_output=True, text=True, timeout=300
    )
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    with Store(url) as st:
        assert st.articles_count() == 600


def test_bad_input_is_rejected_and_loses_nothing(store_url, pipeline, tmp_path) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", articles(CLASHES))
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really a zip")
    day = [
        {
            "content": BOMBING["okaz-1"],
            "date_extracted": "2015-07-24 01:00:00",
            "title": "t",
            "source": "okaz",
            "url": "https://example.org/1",
        },
        {"content": None, "source": "sabq"},
        {
            "content": BOMBING["sabq-1"],
            "date_extracted": "2015-07-24 02:00:00",
            "title": "t",
            "source": "sabq",
            "url": "https://example.org/2",
        },
    ]
    (tmp_path / "2015-07-24.json").write_text(json.dumps(day, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [
            *_ingest_cmd(good, store_url),
            str(tmp_path / "broken.zip"),
            str(tmp_path / "2015-07-24.json"),
            "--rejects",
            str(tmp_path / "rejects.jsonl"),
        ],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    rejects = [json.loads(x) for x in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert {r["origin"].rsplit("/", 1)[-1] for r in rejects} == {"broken.zip", "2015-07-24.json[1]"}
    with Store(store_url) as st:
        assert st.articles_count() == 4
