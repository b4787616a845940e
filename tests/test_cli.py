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
