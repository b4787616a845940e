"""Word classes: one home, one schema, every class used, no duplicates."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from marsad.lexicon import LexiconError, load_classes, load_lexicon
from marsad.lexicon.classes import parse_classes
from marsad.text.normalize import normalize_plain

SRC = Path(__file__).resolve().parents[2] / "src" / "marsad"
ARABIC = re.compile(r"[\u0600-\u06ff]")


def _code_and_rules() -> str:
    text = "".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    return text + "".join(
        p.read_text(encoding="utf-8") for p in (SRC / "extract" / "data" / "rules").glob("*.yaml")
    )


def test_every_class_is_read_by_a_rule_or_a_stage() -> None:
    text = _code_and_rules()
    unused = []
    for name in load_classes():
        bare = name.removeprefix("toll_")
        patterns = (
            f'"{name}"',
            f"'{name}'",
            f"class: {name}",
            f"grammar.{name}",
            f'"{bare}"',
            f"{name}=",
            f"not_inside: {name}",
        )
        if not any(p in text for p in patterns):
            unused.append(name)
    assert unused == []


def test_every_class_is_compiled_into_the_one_automaton() -> None:
    lexicon = load_lexicon()
    text = " ".join(wc.words[0] for wc in load_classes().values() if " " not in wc.words[0])
    found = {h.entry for h in lexicon.scan(normalize_plain(text)) if h.kind in ("cue", "word")}
    missing = {
        wc.name for wc in load_classes().values() if " " not in wc.words[0] and len(wc.words[0]) > 2
    } - found
    assert not missing


def test_no_class_holds_a_word_twice_after_normalising() -> None:
    raw = {"c": {"doc": "d", "kind": "word", "words": ["أيضا", "ايضا"]}}
    with pytest.raises(LexiconError, match=r"classes/x.yaml: class 'c': duplicate word"):
        parse_classes(raw, "classes/x.yaml", normalize_plain)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"doc": "d", "kind": "phrase", "words": ["x"]}, "kind must be one of"),
        ({"doc": "", "kind": "word", "words": ["x"]}, "doc must be"),
        ({"doc": "d", "kind": "word", "words": []}, "words must be a non-empty list"),
        ({"doc": "d", "kind": "word", "words": ["x"], "colour": 1}, "unknown keys"),
    ],
)
def test_a_broken_class_is_an_error_naming_file_and_class(spec: dict, message: str) -> None:
    with pytest.raises(LexiconError, match=r"classes/x.yaml: class 'c'") as err:
        parse_classes({"c": spec}, "classes/x.yaml", normalize_plain)
    assert message in str(err.value)


def _string_literals(tree: ast.AST) -> list[ast.Constant]:
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


def test_no_arabic_word_is_a_literal_in_extract() -> None:
    """Words belong to data (classes, clitic tables in text/); extract/ holds algorithms."""
    found = []
    for path in sorted((SRC / "extract").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _string_literals(tree):
            if ARABIC.search(node.value):
                found.append(f"{path.name}:{node.lineno}: {node.value!r}")
    assert found == []
