"""Named rules in data, one interpreter.

A rule file (``data/rules/<stage>.yaml``) is a list of rules, applied in file
order. Each rule has an ``id``, a one-line ``doc`` citing the CODEBOOK, ``when``
and ``unless`` lists of conditions, an action under ``then`` and ``examples``:
sentences it must fire on and sentences it must not. A condition is one
registered predicate with its arguments: ``{class_before: {class: negation,
scope: clause}}``. Every predicate, class and setting a rule names is checked
when the file loads; a mistake is an error naming the file and the rule.

A rule fires when every ``when`` condition holds and no ``unless`` condition
does. The interpreter returns the firing rule with the spans its conditions
matched, so ``marsad explain`` can show the Arabic words a decision rests on.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from marsad.extract.settings import SETTINGS

RULES_DIR = Path(__file__).parent / "data" / "rules"
RULE_KEYS = frozenset({"id", "doc", "when", "unless", "then", "examples"})
EXAMPLE_KEYS = frozenset({"text", "fires", "published"})
ACTIONS = {
    "gate": frozenset({"block"}),
    "type": frozenset({"retype", "raise_weight", "civilians_as_target", "territory_by_actor"}),
}

Span = tuple[int, int]
# A predicate answers with the spans it rests on (possibly empty) or None when it fails.
Answer = list[Span] | None


class RuleError(ValueError):
    """A rule file does not follow its format; the message names file and rule."""


@dataclass(frozen=True, slots=True)
class Arg:
    """One argument of a predicate: its kind (class, setting, scope, str, strs, number)."""

    kind: str
    required: bool = True


@dataclass(frozen=True, slots=True)
class Predicate:
    name: str
    fn: Callable[..., Answer]
    args: Mapping[str, Arg]
    doc: str


PREDICATES: dict[str, Predicate] = {}
SCOPES = frozenset({"clause", "sentence", "article"})


def predicate(name: str, **args: Arg) -> Callable[[Callable[..., Answer]], Callable[..., Answer]]:
    """Register ``fn(ctx, focus, **args)`` as a rule predicate named ``name``."""

    def register(fn: Callable[..., Answer]) -> Callable[..., Answer]:
        PREDICATES[name] = Predicate(name, fn, args, (fn.__doc__ or "").strip().split("\n")[0])
        return fn

    return register


@dataclass(frozen=True, slots=True)
class Condition:
    predicate: Predicate
    args: Mapping[str, Any]

    def test(self, ctx: Any, focus: Any) -> Answer:
        return self.predicate.fn(ctx, focus, **self.args)


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    fires: bool
    published: str = "2016-03-02"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    doc: str
    stage: str
    when: tuple[Condition, ...]
    unless: tuple[Condition, ...]
    then: Mapping[str, Any]
    examples: tuple[Example, ...]
    source: str

    def match(self, ctx: Any, focus: Any) -> list[Span] | None:
        """The spans the rule rests on when it fires, else None."""
        spans: list[Span] = []
        for cond in self.when:
            answer = cond.test(ctx, focus)
            if answer is None:
                return None
            spans.extend(answer)
        for cond in self.unless:
            if cond.test(ctx, focus) is not None:
                return None
        return spans


@dataclass(frozen=True, slots=True)
class Firing:
    """A rule that fired on a focus, with the normalised spans it rests on."""

    rule: Rule
    spans: list[Span] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RuleBook:
    """Every rule of every stage, in file order."""

    stages: Mapping[str, tuple[Rule, ...]]

    def rules(self, stage: str) -> tuple[Rule, ...]:
        return self.stages.get(stage, ())

    def all(self) -> list[Rule]:
        return [rule for rules in self.stages.values() for rule in rules]

    def first(self, stage: str, ctx: Any, focus: Any) -> Firing | None:
        """The first rule of ``stage`` that fires (gating: the first reason wins)."""
        for rule in self.rules(stage):
            spans = rule.match(ctx, focus)
            if spans is not None:
                return Firing(rule, spans)
        return None

    def each(
        self, stage: str, ctx: Any, focus: Any, apply: Callable[[Any, Any, Rule], None]
    ) -> list[Firing]:
        """Every rule of ``stage`` that fires, in order; ``apply`` carries out its
        action before the next rule is tested, so later rules see its effect."""
        fired = []
        for rule in self.rules(stage):
            spans = rule.match(ctx, focus)
            if spans is not None:
                fired.append(Firing(rule, spans))
                apply(ctx, focus, rule)
        return fired


# ------------------------------------------------------------------ loading


def _class_names() -> frozenset[str]:
    from marsad.extract.classes import class_names

    return class_names()


def _check_class(label: str, value: Any) -> Any:
    if value not in _class_names():
        raise RuleError(f"{label}: unknown word class {value!r}")
    return value


def _check_setting(label: str, value: Any) -> Any:
    if isinstance(value, str):
        if value not in SETTINGS:
            raise RuleError(f"{label}: unknown setting {value!r}")
        return getattr(SETTINGS, value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RuleError(f"{label}: must name a setting or be a number, got {value!r}")
    return value


def _check_scope(label: str, value: Any) -> Any:
    if value not in SCOPES:
        raise RuleError(f"{label}: scope must be one of {sorted(SCOPES)}")
    return value


def _check_strs(label: str, value: Any) -> Any:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise RuleError(f"{label}: must be a string or a list of strings")
    return tuple(values)


def _check_str(label: str, value: Any) -> Any:
    if not isinstance(value, str):
        raise RuleError(f"{label}: must be a string")
    return value


def _check_ints(label: str, value: Any) -> Any:
    values = [value] if isinstance(value, int) else value
    if not isinstance(values, list | tuple) or not all(isinstance(v, int) for v in values):
        raise RuleError(f"{label}: must be an integer or a list of integers")
    return tuple(values)


def _check_bool(label: str, value: Any) -> Any:
    if not isinstance(value, bool):
        raise RuleError(f"{label}: must be true or false")
    return value


_CHECKS: dict[str, Callable[[str, Any], Any]] = {
    "class": _check_class,
    "setting": _check_setting,
    "scope": _check_scope,
    "strs": _check_strs,
    "str": _check_str,
    "ints": _check_ints,
    "bool": _check_bool,
}


def _check_arg(where: str, pname: str, key: str, arg: Arg, value: Any) -> Any:
    check = _CHECKS.get(arg.kind)
    if check is None:
        raise RuleError(f"{where}: {pname}.{key}: unknown argument kind {arg.kind!r}")
    return check(f"{where}: {pname}.{key}", value)


def _condition(where: str, raw: Any) -> Condition:
    if not isinstance(raw, dict) or len(raw) != 1:
        raise RuleError(f"{where}: a condition is a mapping of one predicate to its arguments")
    ((name, args),) = raw.items()
    pred = PREDICATES.get(name)
    if pred is None:
        raise RuleError(f"{where}: unknown predicate {name!r} (known: {sorted(PREDICATES)})")
    args = {} if args is None else args
    if not isinstance(args, dict):
        raise RuleError(f"{where}: arguments of {name!r} must be a mapping")
    unknown = set(args) - set(pred.args)
    if unknown:
        raise RuleError(f"{where}: {name} has no argument {sorted(unknown)}")
    checked: dict[str, Any] = {}
    for key, arg in pred.args.items():
        if key not in args:
            if arg.required:
                raise RuleError(f"{where}: {name} needs argument {key!r}")
            continue
        checked[key] = _check_arg(where, name, key, arg, args[key])
    return Condition(pred, checked)


def _examples(where: str, raw: Any) -> tuple[Example, ...]:
    if not isinstance(raw, list) or not raw:
        raise RuleError(f"{where}: examples must be a non-empty list")
    out = []
    for i, item in enumerate(raw):
        label = f"{where}: example #{i + 1}"
        if not isinstance(item, dict) or set(item) - EXAMPLE_KEYS or "text" not in item:
            raise RuleError(f"{label}: needs text and fires (and may give published)")
        if not isinstance(item.get("fires"), bool):
            raise RuleError(f"{label}: fires must be true or false")
        out.append(
            Example(str(item["text"]), item["fires"], str(item.get("published", "2016-03-02")))
        )
    if not any(e.fires for e in out) or all(e.fires for e in out):
        raise RuleError(f"{where}: needs at least one example it fires on and one it does not")
    return tuple(out)


def _then(where: str, stage: str, raw: Any) -> Mapping[str, Any]:
    if not isinstance(raw, dict) or not raw:
        raise RuleError(f"{where}: then must be a mapping of action to value")
    unknown = set(raw) - ACTIONS[stage]
    if unknown:
        raise RuleError(f"{where}: unknown action {sorted(unknown)} for stage {stage!r}")
    action = dict(raw)
    if "raise_weight" in action:
        action["raise_weight"] = _check_arg(
            where, "then", "raise_weight", Arg("setting"), action["raise_weight"]
        )
    return action


def parse_rules(raw: Any, stage: str, source: str) -> tuple[Rule, ...]:
    """Check one rule file and build its rules."""
    if stage not in ACTIONS:
        raise RuleError(f"{source}: unknown stage {stage!r} (known: {sorted(ACTIONS)})")
    if not isinstance(raw, list) or not raw:
        raise RuleError(f"{source}: a rule file must be a non-empty YAML list")
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        where = f"{source}: rule #{i + 1}"
        if not isinstance(item, dict):
            raise RuleError(f"{where}: must be a mapping")
        rid = item.get("id")
        if not isinstance(rid, str) or not rid.startswith(stage + "."):
            raise RuleError(f"{where}: id must be a string starting with {stage + '.'!r}")
        where = f"{source}: rule {rid}"
        if rid in seen:
            raise RuleError(f"{where}: defined twice")
        seen.add(rid)
        unknown = set(item) - RULE_KEYS
        if unknown:
            raise RuleError(f"{where}: unknown keys {sorted(unknown)}")
        doc = item.get("doc")
        if not isinstance(doc, str) or not doc.strip():
            raise RuleError(f"{where}: doc must be a one-line description")
        when = item.get("when") or []
        unless = item.get("unless") or []
        if not isinstance(when, list) or not when or not isinstance(unless, list):
            raise RuleError(f"{where}: when must be a non-empty list, unless a list")
        rules.append(
            Rule(
                id=rid,
                doc=doc.strip(),
                stage=stage,
                when=tuple(_condition(f"{where} when", c) for c in when),
                unless=tuple(_condition(f"{where} unless", c) for c in unless),
                then=_then(where, stage, item.get("then")),
                examples=_examples(where, item.get("examples")),
                source=source,
            )
        )
    return tuple(rules)


def build_rulebook(folder: Path = RULES_DIR) -> RuleBook:
    # the predicates register themselves when their module is imported
    from marsad.extract import predicates  # noqa: F401

    stages: dict[str, tuple[Rule, ...]] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            raw = yaml.load(
                path.read_text(encoding="utf-8"),
                Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
            )
        except yaml.YAMLError as exc:
            raise RuleError(f"rules/{path.name}: not valid YAML: {exc}") from exc
        stages[path.stem] = parse_rules(raw, path.stem, f"rules/{path.name}")
    ids = [r.id for rules in stages.values() for r in rules]
    if len(ids) != len(set(ids)):
        raise RuleError("rules: a rule id is used twice")
    return RuleBook(stages)


@functools.cache
def load_rulebook() -> RuleBook:
    """The rules shipped with marsad, validated and compiled once per process."""
    return build_rulebook()
