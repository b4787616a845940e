"""The engine as a whole: thread safety, traces, settings and the stage loop."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from marsad.extract.engine import Extractor
from marsad.extract.settings import SETTINGS, SettingsError, parse_settings
from marsad.extract.stages import STAGES
from marsad.model import Article

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "articles.jsonl"


def _articles() -> list[Article]:
    articles = [
        Article(**json.loads(line))
        for line in EXAMPLES.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    for name in ("seed", "dev", "web2018-tune"):
        path = SHARED / "gold" / f"{name}.jsonl"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                raw = json.loads(line)
                articles.append(
                    Article(
                        **{
                            k: raw[k]
                            for k in ("id", "text", "title", "published", "source", "url")
                            if k in raw
                        }
                    )
                )
    return articles


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _dump(events) -> list[str]:
    return [e.model_dump_json() for e in events]


def test_one_extractor_serves_eight_threads_as_one(extractor: Extractor) -> None:
    articles = _articles()
    sequential = [_dump(extractor.extract(a)) for a in articles]
    for _ in range(3):
        with ThreadPoolExecutor(max_workers=8) as pool:
            threaded = list(pool.map(lambda a: _dump(extractor.extract(a)), articles * 2))
        assert threaded == sequential * 2


def test_the_extractor_keeps_no_per_article_state(extractor: Extractor) -> None:
    before = dict(vars(extractor))
    extractor.extract(_articles()[0])
    assert dict(vars(extractor)) == before
    assert set(before) == {"lexicon", "gazetteer", "grammar", "rules", "stages"}


def test_every_event_has_a_trace_that_starts_with_its_trigger(extractor: Extractor) -> None:
    events = [e for a in _articles() for e in extractor.extract(a)]
    assert events
    for event in events:
        assert event.trace and event.trace[0] == "find.trigger"
        assert any(step.startswith("place.") for step in event.trace)
        assert any(step.startswith("date.") for step in event.trace)


def test_the_stage_loop_runs_every_stage_in_order() -> None:
    names = [stage.__name__ for stage in STAGES]
    assert names == [
        "find_acts",
        "gate",
        "type_acts",
        "place_acts",
        "date_acts",
        "role_acts",
        "retype_acts",
        "finish_roles",
        "toll_acts",
        "credible",
        "corefer",
    ]


def test_settings_every_value_is_read_somewhere() -> None:
    """A setting nobody reads is a stale number; every one must appear in code or rules."""
    text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "marsad").rglob("*.py"))
    text += "".join(
        p.read_text(encoding="utf-8")
        for p in (ROOT / "src" / "marsad" / "extract" / "data" / "rules").glob("*.yaml")
    )
    unused = [
        name
        for name in SETTINGS.names()
        if f"SETTINGS.{name}" not in text and f": {name}" not in text
    ]
    assert unused == []


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"x": {"value": 1, "unit": "chars"}}, "missing ['doc']"),
        ({"x": {"value": 1, "unit": "miles", "doc": "d"}}, "unit must be one of"),
        ({"x": {"value": "far", "unit": "chars", "doc": "d"}}, "value must be a number"),
        ({"x": {"value": 1, "unit": "chars", "doc": "d", "why": "?"}}, "unknown keys ['why']"),
    ],
)
def test_a_broken_setting_is_an_error_naming_it(raw: dict, message: str) -> None:
    with pytest.raises(SettingsError, match=r"settings.yaml: setting 'x'") as err:
        parse_settings(raw, "settings.yaml")
    assert message in str(err.value)


def test_settings_are_read_only() -> None:
    with pytest.raises(AttributeError):
        SETTINGS.strong_trigger = 0.1  # type: ignore[misc]
    with pytest.raises(AttributeError, match="no setting named"):
        _ = SETTINGS.no_such_setting
