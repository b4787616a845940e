"""The command line: clear errors and non-zero exits for bad arguments."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from marsad.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles.jsonl"
runner = CliRunner()


def test_bad_published_date_is_a_usage_error() -> None:
    result = runner.invoke(app, ["extract", str(EXAMPLES), "--published", "2015-13-01"])
    assert result.exit_code == 2
    assert "not an ISO date" in result.output


def test_missing_input_fails_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    result = runner.invoke(app, ["extract", str(missing)])
    assert result.exit_code == 2
    assert "nope.jsonl" in result.output


def test_extract_writes_jsonl_with_every_key(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["extract", str(EXAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    import json

    from marsad.model import EVENT_KEYS

    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all(tuple(r) == EVENT_KEYS for r in rows)


# ---- issue 15: isolation, outputs checked first, streamed and resumable, clear messages

import json  # noqa: E402
import logging  # noqa: E402
import zipfile  # noqa: E402

import pytest  # noqa: E402

GOOD = "قتل ثلاثة أشخاص في انفجار سيارة مفخخة في بغداد أمس."


def _lines(path: Path, records: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def _examples(n_copies: int = 1) -> list[dict]:
    rows = [json.loads(x) for x in EXAMPLES.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [{**r, "id": f"{r['id']}-{k}"} for k in range(n_copies) for r in rows]


def _ids(path: Path) -> list[str]:
    return [json.loads(x)["article_id"] for x in path.read_text(encoding="utf-8").splitlines()]


def test_one_failing_article_is_a_reject_with_its_line(tmp_path: Path, monkeypatch) -> None:
    from marsad.pipeline import Pipeline

    real = Pipeline.extract

    def fragile(self, article):
        if article.id == "boom":
            raise OverflowError("date value out of range")
        return real(self, article)

    monkeypatch.setattr(Pipeline, "extract", fragile)
    rows = _examples()
    rows.insert(2, {"id": "boom", "text": GOOD, "published": "2015-08-10"})
    src = _lines(tmp_path / "in.jsonl", rows)
    out, rej = tmp_path / "ev.jsonl", tmp_path / "rej.jsonl"
    result = runner.invoke(app, ["extract", str(src), "-o", str(out), "--rejects", str(rej)])
    assert result.exit_code == 0, result.output
    (reject,) = [json.loads(x) for x in rej.read_text(encoding="utf-8").splitlines()]
    assert reject["origin"] == f"{src}:3"
    assert reject["reason"] == "extraction failed: OverflowError: date value out of range"
    assert "boom" not in _ids(out) and len(set(_ids(out))) >= 5


def test_placeholder_and_far_dates_do_not_stop_the_run(tmp_path: Path) -> None:
    src = _lines(
        tmp_path / "d.jsonl",
        [
            {"id": "a1", "text": GOOD, "published": "2015-08-10"},
            {
                "id": "x",
                "text": "قتل ثلاثة أشخاص في انفجار في بغداد أمس.",
                "published": "0001-01-01",
            },
            {
                "id": "h",
                "text": "قتل ثلاثة أشخاص في انفجار في بغداد يوم 15 رمضان.",
                "published": "2093-12-24",
            },
        ],
    )
    out = tmp_path / "ev.jsonl"
    result = runner.invoke(app, ["extract", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(set(_ids(out))) == ["a1", "h", "x"]


def test_too_long_article_is_rejected_with_a_reason(tmp_path: Path) -> None:
    src = _lines(
        tmp_path / "in.jsonl",
        [
            {"id": "big", "text": GOOD * 100, "published": "2015-08-10"},
            {"id": "ok", "text": GOOD, "published": "2015-08-10"},
        ],
    )
    out, rej = tmp_path / "ev.jsonl", tmp_path / "rej.jsonl"
    result = runner.invoke(
        app, ["extract", str(src), "-o", str(out), "--rejects", str(rej), "--max-chars", "1000"]
    )
    assert result.exit_code == 0, result.output
    (reject,) = [json.loads(x) for x in rej.read_text(encoding="utf-8").splitlines()]
    assert (reject["origin"], reject["reason"].split(":")[0]) == (f"{src}:1", "too long")
    assert set(_ids(out)) == {"ok"}


def test_time_budget_rejects_a_slow_article(tmp_path: Path, monkeypatch) -> None:
    import time

    from marsad.pipeline import Pipeline

    real = Pipeline.extract

    def slow(self, article):
        if article.id == "slow":
            while True:
                time.sleep(0.01)
        return real(self, article)

    monkeypatch.setattr(Pipeline, "extract", slow)
    src = _lines(
        tmp_path / "in.jsonl",
        [
            {"id": "slow", "text": GOOD, "published": "2015-08-10"},
            {"id": "ok", "text": GOOD, "published": "2015-08-10"},
        ],
    )
    out, rej = tmp_path / "ev.jsonl", tmp_path / "rej.jsonl"
    result = runner.invoke(
        app, ["extract", str(src), "-o", str(out), "--rejects", str(rej), "--time-limit", "0.3"]
    )
    assert result.exit_code == 0, result.output
    (reject,) = [json.loads(x) for x in rej.read_text(encoding="utf-8").splitlines()]
    assert reject["reason"].startswith("too slow: extraction took over 0.3 s")
    assert set(_ids(out)) == {"ok"}


def test_corrupt_zip_in_a_folder_loses_no_good_article(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _lines(folder / "a.jsonl", _examples())
    with zipfile.ZipFile(folder / "b.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("m.jsonl", json.dumps({"id": "z", "text": GOOD}, ensure_ascii=False) * 50)
    data = bytearray((folder / "b.zip").read_bytes())
    for i in range(41, 49):
        data[i] ^= 0x55
    (folder / "b.zip").write_bytes(bytes(data))
    _lines(folder / "c.jsonl", [{"id": "c1", "text": GOOD, "published": "2015-08-10"}])
    out, rej = tmp_path / "ev.jsonl", tmp_path / "rej.jsonl"
    result = runner.invoke(app, ["extract", str(folder), "-o", str(out), "--rejects", str(rej)])
    assert result.exit_code == 0, result.output
    assert "c1" in _ids(out) and any(i.startswith("ex-") for i in _ids(out))
    (reject,) = [json.loads(x) for x in rej.read_text(encoding="utf-8").splitlines()]
    assert reject["origin"].startswith(f"{folder / 'b.zip'}!m.jsonl")


@pytest.mark.parametrize("flag", ["-o", "--rejects"])
def test_unwritable_outputs_fail_before_any_work(tmp_path: Path, monkeypatch, flag) -> None:
    from marsad.pipeline import Pipeline

    calls = []
    monkeypatch.setattr(Pipeline, "extract", lambda self, a: calls.append(a) or [])
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(app, ["extract", str(EXAMPLES), flag, str(blocker / "sub" / "x.jsonl")])
    assert result.exit_code == 2
    assert "cannot write" in result.output and "Traceback" not in result.output
    assert calls == []


def _interrupt_after(monkeypatch, n: int) -> None:
    from marsad.pipeline import Pipeline

    real = Pipeline.extract
    seen = []

    def dying(self, article):
        if len(seen) == n:
            raise KeyboardInterrupt  # like a kill: not caught by the per-article guard
        seen.append(article.id)
        return real(self, article)

    monkeypatch.setattr(Pipeline, "extract", dying)


def test_killed_run_keeps_finished_articles_and_a_rerun_resumes(
    tmp_path: Path, monkeypatch
) -> None:
    src = _lines(tmp_path / "in.jsonl", _examples(3))
    clean = tmp_path / "clean.jsonl"
    assert runner.invoke(app, ["extract", str(src), "-o", str(clean)]).exit_code == 0
    out = tmp_path / "ev.jsonl"
    with monkeypatch.context() as m:
        _interrupt_after(m, 10)
        result = runner.invoke(app, ["extract", str(src), "-o", str(out)])
    assert result.exit_code != 0 and not out.exists()  # never a truncated file under the name
    partial = tmp_path / ".ev.jsonl.partial"
    done_ids = set(_ids(partial))
    assert done_ids and done_ids <= {r["id"] for r in _examples(3)[:10]}
    result = runner.invoke(app, ["extract", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "resuming: 10 articles already done" in result.output
    assert out.read_text(encoding="utf-8") == clean.read_text(encoding="utf-8")
    assert not partial.exists() and not (tmp_path / ".ev.jsonl.done").exists()


def test_sqlite_url_without_a_file_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["extract", str(EXAMPLES), "--db", "sqlite:///", "-o", str(tmp_path / "null.jsonl")]
    )
    assert result.exit_code == 2 and "names no file" in result.output


def test_show_does_not_create_a_missing_store(tmp_path: Path) -> None:
    db = tmp_path / "typo.db"
    result = runner.invoke(app, ["show", "--db", f"sqlite:///{db}"])
    assert result.exit_code == 2 and "no store at" in result.output
    assert not db.exists()


def test_show_says_when_it_cuts_at_the_limit(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert (
        runner.invoke(
            app, ["extract", str(EXAMPLES), "--db", db, "-o", str(tmp_path / "null.jsonl")]
        ).exit_code
        == 0
    )
    result = runner.invoke(app, ["show", "--db", db, "--limit", "1"])
    assert result.exit_code == 0 and "1 of 9 matching shown" in result.output


@pytest.mark.parametrize("name", ["notes [/] old.txt", "[draft] report.txt", "[bold]x.txt"])
def test_paths_with_brackets_are_printed_verbatim(tmp_path: Path, name: str) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / name)])
    assert result.exit_code == 2
    assert name in result.output.replace("\n", "")


def test_undated_articles_are_warned_about(tmp_path: Path) -> None:
    src = _lines(tmp_path / "in.jsonl", [{"id": "u", "text": GOOD}])
    result = runner.invoke(app, ["extract", str(src), "-o", str(tmp_path / "ev.jsonl")])
    assert result.exit_code == 0
    assert "1 of 1 articles have no publication date" in result.output.replace("\n", " ")


def test_nothing_read_is_an_error(tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text("{nope\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(src), "-o", str(tmp_path / "ev.jsonl")])
    assert result.exit_code == 1 and "no article could be read" in result.output


def test_quiet_silences_reject_lines_but_the_report_keeps_them(tmp_path: Path, caplog) -> None:
    src = _lines(tmp_path / "in.jsonl", [{"id": "e", "text": "  "}, {"id": "ok", "text": GOOD}])
    rej = tmp_path / "rej.jsonl"
    args = ["extract", str(src), "-o", str(tmp_path / "ev.jsonl"), "--rejects", str(rej)]
    with caplog.at_level(logging.WARNING, logger="marsad.ingest"):
        before = logging.getLogger("marsad.ingest").level
        assert runner.invoke(app, args).exit_code == 0
        loud = [r for r in caplog.records if r.name == "marsad.ingest"]
        caplog.clear()
        assert runner.invoke(app, [*args, "--quiet"]).exit_code == 0
        quiet = [r for r in caplog.records if r.name == "marsad.ingest"]
        assert logging.getLogger("marsad.ingest").level == before  # restored after the run
    assert [r.getMessage().split(":")[-1] for r in loud] == [" empty text"] and quiet == []
    assert len(rej.read_text(encoding="utf-8").splitlines()) == 1


def test_progress_bar_shows_rate(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["extract", str(EXAMPLES), "-o", str(tmp_path / "e.jsonl"), "--progress"]
    )
    assert result.exit_code == 0, result.output
    assert "art/s" in result.output and "extract" in result.output


def test_output_to_a_pipe_is_written_in_place_not_renamed_over(tmp_path: Path) -> None:
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    result = runner.invoke(app, ["extract", str(EXAMPLES), "-o", str(fifo)])
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still the pipe (as /dev/null stays a device)
    assert got and got[0].count("\n") >= 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_table_to_file_is_checked_first_and_written(tmp_path: Path) -> None:
    out = tmp_path / "t.txt"
    result = runner.invoke(app, ["extract", str(EXAMPLES), "-f", "table", "-o", str(out)])
    assert result.exit_code == 0 and "Explosions" in out.read_text(encoding="utf-8")
