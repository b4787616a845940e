"""Every rule's own examples, as tests named by rule id; the rule files' validation."""

from __future__ import annotations

import pytest

from marsad.extract.engine import Extractor
from marsad.extract.explain import explain
from marsad.extract.rules import RuleError, load_rulebook, parse_rules
from marsad.model import Article

BOOK = load_rulebook()
CASES = [
    pytest.param(rule, example, id=f"{rule.id}-{'fires' if example.fires else 'silent'}-{i}")
    for rule in BOOK.all()
    for i, example in enumerate(rule.examples)
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def fired_ids(extractor: Extractor, text: str, published: str) -> set[str]:
    story = explain(extractor, Article(id="example", text=text, published=published))
    ids = {t.rule_id for t in story.triggers if t.rule_id}
    for event in story.events:
        ids.update(event.trace)
    return ids


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(extractor: Extractor, rule, example) -> None:
    ids = fired_ids(extractor, example.text, example.published)
    if example.fires:
        assert rule.id in ids, f"{rule.id} should fire on: {example.text} (fired: {sorted(ids)})"
    else:
        assert rule.id not in ids, f"{rule.id} should not fire on: {example.text}"


def test_every_stage_has_rules() -> None:
    assert BOOK.rules("gate") and BOOK.rules("type")


GOOD = {
    "id": "gate.x",
    "doc": "d",
    "when": [{"class_before": {"class": "negation", "scope": "clause"}}],
    "then": {"block": "negation"},
    "examples": [{"text": "a", "fires": True}, {"text": "b", "fires": False}],
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"when": [{"no_such_predicate": {}}]}, "unknown predicate 'no_such_predicate'"),
        (
            {"when": [{"class_before": {"class": "nonesuch", "scope": "clause"}}]},
            "unknown word class 'nonesuch'",
        ),
        (
            {"when": [{"class_before": {"class": "negation", "within_tokens": "no_setting"}}]},
            "unknown setting 'no_setting'",
        ),
        ({"when": [{"class_before": {"class": "negation", "scope": "page"}}]}, "scope must be"),
        ({"when": [{"class_after": {"class": "plan"}}]}, "needs argument 'scope'"),
        ({"colour": "red"}, "unknown keys ['colour']"),
        ({"then": {"retype": ["Battles", "Armed clash"]}}, "unknown action ['retype']"),
        ({"examples": [{"text": "a", "fires": True}]}, "one it does not"),
        ({"id": "type.x"}, "must be a string starting with 'gate.'"),
    ],
)
def test_a_broken_rule_is_an_error_naming_file_and_rule(change: dict, message: str) -> None:
    rule = {**GOOD, **change}
    with pytest.raises(RuleError) as err:
        parse_rules([rule], "gate", "rules/gate.yaml")
    assert message in str(err.value)
    assert str(err.value).startswith("rules/gate.yaml: rule")


def test_a_rule_id_twice_is_an_error() -> None:
    with pytest.raises(RuleError, match="defined twice"):
        parse_rules([GOOD, GOOD], "gate", "rules/gate.yaml")
