"""Regression suite: short Arabic sentences with their expected events (tests/extract/regression).

Each YAML file holds a list of cases (see regression/README.md). One test per case id, so
``pytest -k neg-denial`` runs a theme. Cases marked ``known_gap`` are strict xfails: when
marsad starts getting one right, the suite fails until the marker is removed.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml

from marsad.model import EVENT_TYPES, SUB_EVENT_TO_TYPE, Article, Event
from marsad.pipeline import Pipeline

CASE_DIR = Path(__file__).parent / "regression"
DEFAULT_PUBLISHED = dt.date(2015, 8, 10)  # a Monday
CASE_KEYS = {"id", "text", "published", "expect", "known_gap", "note"}
REQUIRED_CASE_KEYS = {"id", "text", "expect"}
EVENT_FIELDS = {
    "event_type",
    "sub_event_type",
    "fatalities",
    "injured",
    "event_date",
    "time_precision",
    "iso3",
    "location",
    "geo_precision",
    "actor1",
    "actor2",
    "civilian_targeting",
}
ACTOR_FIELDS = {"actor1", "actor2"}
INT_FIELDS = {"fatalities", "injured", "time_precision", "geo_precision"}


# ---------------------------------------------------------------- loading and validation


def load_cases(directory: Path = CASE_DIR) -> list[dict[str, Any]]:
    """All cases of every ``*.yaml`` file, each tagged with its file stem as ``theme``."""
    cases = []
    for path in sorted(directory.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            cases.append({**case, "theme": path.stem})
    return cases


def _event_problems(cid: str, i: int, exp: Any) -> list[str]:
    where = f"{cid}: event {i}"
    if not isinstance(exp, dict) or not exp:
        return [f"{where} is not a non-empty mapping"]
    problems = [f"{where}: unknown field {k!r}" for k in exp if k not in EVENT_FIELDS]
    etype, sub = exp.get("event_type"), exp.get("sub_event_type")
    if etype is not None and etype not in EVENT_TYPES:
        problems.append(f"{where}: unknown event_type {etype!r}")
    if sub is not None and sub not in SUB_EVENT_TO_TYPE:
        problems.append(f"{where}: unknown sub_event_type {sub!r}")
    elif sub is not None and etype is not None and SUB_EVENT_TO_TYPE[sub] != etype:
        problems.append(f"{where}: {sub!r} is not a sub-event of {etype!r}")
    for key in INT_FIELDS & exp.keys():
        if not isinstance(exp[key], int) or isinstance(exp[key], bool) or exp[key] < 0:
            problems.append(f"{where}: {key} must be a non-negative integer")
    if "event_date" in exp and exp["event_date"] is not None:
        try:
            dt.date.fromisoformat(str(exp["event_date"]))
        except ValueError:
            problems.append(f"{where}: event_date {exp['event_date']!r} is not YYYY-MM-DD")
    if "civilian_targeting" in exp and not isinstance(exp["civilian_targeting"], bool):
        problems.append(f"{where}: civilian_targeting must be true or false")
    return problems


def validate_cases(cases: list[dict[str, Any]]) -> list[str]:
    """Every problem found in ``cases`` (empty when the files are valid)."""
    problems: list[str] = []
    seen: set[str] = set()
    for n, case in enumerate(cases):
        cid = str(case.get("id", f"#{n}"))
        keys = set(case) - {"theme"}
        problems += [f"{cid}: missing {k!r}" for k in sorted(REQUIRED_CASE_KEYS - keys)]
        problems += [f"{cid}: unknown key {k!r}" for k in sorted(keys - CASE_KEYS)]
        if cid in seen:
            problems.append(f"{cid}: duplicate id")
        seen.add(cid)
        if not isinstance(case.get("text"), str) or not case["text"].strip():
            problems.append(f"{cid}: text must be a non-empty string")
        if "known_gap" in case and not (isinstance(case["known_gap"], str) and case["known_gap"]):
            problems.append(f"{cid}: known_gap must be a one-line reason")
        if case.get("published") is not None and not isinstance(case["published"], dt.date):
            problems.append(f"{cid}: published must be a YYYY-MM-DD date or null")
        expect = case.get("expect")
        if expect == {"events": 0}:
            continue
        if not isinstance(expect, list) or not expect:
            problems.append(f"{cid}: expect must be {{events: 0}} or a non-empty list of events")
            continue
        for i, exp in enumerate(expect):
            problems += _event_problems(cid, i, exp)
    return problems


# ---------------------------------------------------------------- matching


def field_ok(key: str, want: Any, got: Any) -> bool:
    if key in ACTOR_FIELDS and isinstance(want, str) and want.startswith("~"):
        return isinstance(got, str) and got.startswith(want[1:])
    if key == "event_date" and want is not None:
        return got == str(want)
    return got == want


def _plain_mismatches(exp: dict[str, Any], got: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {
        k: (str(v) if isinstance(v, dt.date) else v, got.get(k))
        for k, v in exp.items()
        if not field_ok(k, v, got.get(k))
    }


def mismatches(exp: dict[str, Any], got: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Fields of ``exp`` that ``got`` gets wrong.

    In Battles the two sides may come in either order (FORMATS §4, as in ACLED), so the
    expected actors are also tried swapped and the better reading is kept.
    """
    diff = _plain_mismatches(exp, got)
    if got.get("event_type") == "Battles" and ACTOR_FIELDS & exp.keys():
        swapped = {**got, "actor1": got.get("actor2"), "actor2": got.get("actor1")}
        other = _plain_mismatches(exp, swapped)
        if len(other) < len(diff):
            return other
    return diff


def best_assignment(expected: list[dict], got: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs expected ↔ got (same count) with the fewest field mismatches."""
    best, best_cost = [], None
    for perm in itertools.permutations(got, len(expected)):
        cost = sum(len(mismatches(e, g)) for e, g in zip(expected, perm, strict=True))
        if best_cost is None or cost < best_cost:
            best, best_cost = list(zip(expected, perm, strict=True)), cost
    return best


def compact(event: dict[str, Any], keys: set[str]) -> str:
    shown = {k: event.get(k) for k in sorted(keys | {"event_type", "sub_event_type"})}
    return ", ".join(f"{k}={v!r}" for k, v in shown.items())


def check(case: dict[str, Any], events: list[Event]) -> str | None:
    """None when the events meet the case's expectation, else a readable message."""
    got = [e.model_dump() for e in events]
    expect = case["expect"]
    expected = [] if expect == {"events": 0} else expect
    keys = set().union(*expected) if expected else set()
    head = f"[{case['id']}] {case['text']}\n"
    if len(got) != len(expected):
        lines = "\n".join(f"  got: {compact(g, keys)}" for g in got) or "  got: no event"
        return f"{head}expected {len(expected)} event(s), got {len(got)}\n{lines}"
    bad = []
    for exp, g in best_assignment(expected, got):
        diff = mismatches(exp, g)
        if diff:
            bad.append(
                "  " + "; ".join(f"{k}: expected {w!r}, got {v!r}" for k, (w, v) in diff.items())
            )
    return head + "\n".join(bad) if bad else None


# ---------------------------------------------------------------- tests

CASES = load_cases()


def _params() -> list[Any]:
    params = []
    for case in CASES:
        marks = (
            [pytest.mark.xfail(strict=True, reason=case["known_gap"])]
            if case.get("known_gap")
            else []
        )
        params.append(pytest.param(case, id=str(case.get("id")), marks=marks))
    return params


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize("case", _params())
def test_case(case: dict[str, Any], pipeline: Pipeline) -> None:
    published = case.get("published", DEFAULT_PUBLISHED)
    article = Article(id=f"regr-{case['id']}", text=case["text"], published=published)
    message = check(case, pipeline.extract(article))
    if message:  # compact report: no traceback, just the case and the differences
        pytest.fail(message, pytrace=False)


def test_case_files_are_valid() -> None:
    assert CASES, f"no cases under {CASE_DIR}"
    problems = validate_cases(CASES)
    assert not problems, "\n".join(problems)


def test_coverage_minimums() -> None:
    negatives = [c for c in CASES if c["expect"] == {"events": 0}]
    assert len(CASES) >= 170
    assert len(negatives) >= 70
    assert len(CASES) - len(negatives) >= 80


GOOD = {"id": "ok-01", "text": "نص", "expect": [{"event_type": "Battles"}]}
BROKEN = {
    "duplicate id": [GOOD, GOOD],
    "unknown case key": [{**GOOD, "expected": 1}],
    "missing text": [{"id": "x", "expect": {"events": 0}}],
    "unknown event field": [{**GOOD, "expect": [{"killed": 3}]}],
    "unknown event type": [{**GOOD, "expect": [{"event_type": "Battle"}]}],
    "unknown sub-event type": [{**GOOD, "expect": [{"sub_event_type": "Airstrike"}]}],
    "sub-event of another type": [
        {**GOOD, "expect": [{"event_type": "Battles", "sub_event_type": "Arrests"}]}
    ],
    "bad no-event form": [{**GOOD, "expect": {"events": 1}}],
    "negative toll": [{**GOOD, "expect": [{"fatalities": -1}]}],
    "bad date": [{**GOOD, "expect": [{"event_date": "2015-13-01"}]}],
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_validator_rejects_broken_cases(name: str) -> None:
    assert validate_cases(BROKEN[name])
    assert not validate_cases([GOOD])


def test_check_reports_mismatches() -> None:
    case = {"id": "demo", "text": "نص", "expect": [{"fatalities": 3, "actor1": "~Islamic"}]}
    event = Event(
        event_id="e",
        article_id="a",
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Armed clash",
        fatalities=2,
        actor1="Islamic State",
    )
    message = check(case, [event])
    assert message and "demo" in message and "fatalities: expected 3, got 2" in message
    assert check({**case, "expect": [{"fatalities": 2, "actor1": "~Islamic"}]}, [event]) is None
    assert "expected 0 event(s), got 1" in (check({**case, "expect": {"events": 0}}, [event]))
    # Battles: sides in either order; other types: the order is part of the expectation.
    sides = {"actor1": "Taliban", "actor2": "~Islamic"}
    assert (
        check({**case, "expect": [sides]}, [event.model_copy(update={"actor2": "Taliban"})]) is None
    )
    attack = event.model_copy(
        update={
            "event_type": "Violence against civilians",
            "sub_event_type": "Attack",
            "actor2": "Taliban",
        }
    )
    assert check({**case, "expect": [sides]}, [attack])
