"""Score extracted events against hand-coded gold files (FORMATS §3–§4).

``load_gold`` reads a gold JSON Lines file; ``score`` compares predictions
(keyed by article id) with it; ``evaluate`` runs an extractor over the gold
articles and scores what it returns. Matching is a maximum-weight bipartite
assignment per article with lexicographic weights, so it never depends on the
order events come in.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from scipy.optimize import linear_sum_assignment

from marsad.model import EVENT_TYPES, Article, Event
from marsad.text.normalize import scoring_form

if TYPE_CHECKING:
    from rich.console import Console

EARTH_RADIUS_KM = 6371.0088
FIELDS: tuple[str, ...] = (
    "sub_event_type",
    "event_date",
    "fatalities",
    "injured",
    "actor1",
    "actor2",
    "inter1",
    "inter2",
)
_RANGE_FIELDS = ("fatalities", "injured")
# The step-3 fields whose agreement breaks ties between equal matchings (§4 step 1).
_AGREEMENT_FIELDS = ("sub_event_type", "fatalities", "actor1", "actor2")


# ---------------------------------------------------------------- gold


class GoldFormatError(ValueError):
    """A gold file line that cannot be read; the message starts with ``path:line``."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


def _range(value: Any) -> Any:
    if isinstance(value, list | tuple) and len(value) == 2 and value[0] > value[1]:
        raise ValueError(f"range {list(value)} has min > max")
    return value


class GoldEvent(BaseModel):
    """One hand-coded event (FORMATS §3)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    gold_id: str
    required: bool = True
    event_type: str
    sub_event_type: str
    event_date: dt.date | None = None
    date_tolerance_days: int = Field(default=0, ge=0)
    country: str
    location_names: list[str] = Field(default_factory=list)
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    max_km: float = Field(default=25, gt=0)
    actor1_mentions: list[str] = Field(default_factory=list)
    actor2_mentions: list[str] = Field(default_factory=list)
    inter1: list[int] = Field(default_factory=list)
    inter2: list[int] = Field(default_factory=list)
    fatalities: tuple[int, int] = (0, 0)
    injured: tuple[int, int] = (0, 0)
    why: str | None = None

    @field_validator("date_tolerance_days", "max_km", mode="before")
    @classmethod
    def _null_is_default(cls, value: Any, info: Any) -> Any:
        if value is None:
            return cls.model_fields[info.field_name].default
        return value

    @field_validator("country")
    @classmethod
    def _iso3(cls, value: str) -> str:
        return value.strip().upper()

    @field_validator("fatalities", "injured", mode="before")
    @classmethod
    def _ordered_range(cls, value: Any) -> Any:
        return _range(value)

    @model_validator(mode="after")
    def _known_types(self) -> GoldEvent:
        subs = EVENT_TYPES.get(self.event_type)
        if subs is None:
            raise ValueError(f"unknown event_type {self.event_type!r}")
        if self.sub_event_type not in subs:
            raise ValueError(
                f"sub_event_type {self.sub_event_type!r} is not a kind of {self.event_type!r}"
            )
        if min(self.fatalities) < 0 or min(self.injured) < 0:
            raise ValueError("fatalities and injured ranges must be >= 0")
        return self


class GoldArticle(BaseModel):
    """An article with its hand-coded events."""

    model_config = ConfigDict(frozen=True)

    article: Article
    events: list[GoldEvent]


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        parts.append(f"{loc}: {err['msg']}" if loc else err["msg"])
    return "; ".join(parts)


def _gold_line(path: Path, lineno: int, line: str) -> GoldArticle:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise GoldFormatError(
            path, lineno, f"not valid JSON ({exc.msg}, column {exc.colno})"
        ) from None
    if not isinstance(obj, dict):
        raise GoldFormatError(path, lineno, "expected a JSON object")
    raw_events = obj.pop("events", None)
    if not isinstance(raw_events, list):
        raise GoldFormatError(path, lineno, "'events' must be a list (use [] for none)")
    try:
        article = Article.model_validate(obj)
    except ValidationError as exc:
        raise GoldFormatError(path, lineno, f"article: {_describe(exc)}") from None
    events = []
    for i, raw in enumerate(raw_events):
        try:
            events.append(GoldEvent.model_validate(raw))
        except ValidationError as exc:
            gid = raw.get("gold_id", "?") if isinstance(raw, dict) else "?"
            raise GoldFormatError(path, lineno, f"events[{i}] ({gid}): {_describe(exc)}") from None
    return GoldArticle(article=article, events=events)


def load_gold(path: Path) -> list[GoldArticle]:
    """Read a gold JSON Lines file; blank lines are skipped, anything else must parse."""
    path = Path(path)
    out: list[GoldArticle] = []
    seen_articles: set[str] = set()
    seen_gold: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            gold = _gold_line(path, lineno, line)
            if gold.article.id in seen_articles:
                raise GoldFormatError(path, lineno, f"duplicate article id {gold.article.id!r}")
            seen_articles.add(gold.article.id)
            for ev in gold.events:
                if ev.gold_id in seen_gold:
                    raise GoldFormatError(path, lineno, f"duplicate gold_id {ev.gold_id!r}")
                seen_gold.add(ev.gold_id)
            out.append(gold)
    return out


# ---------------------------------------------------------------- pair checks


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def candidate_km(gold: GoldEvent, pred: Event) -> float | None:
    """The distance when ``pred`` may match ``gold`` (FORMATS §4 step 1), else None."""
    if pred.event_type != gold.event_type or (pred.iso3 or "").upper() != gold.country:
        return None
    if pred.latitude is None or pred.longitude is None:
        return None
    km = great_circle_km(gold.latitude, gold.longitude, pred.latitude, pred.longitude)
    if km > gold.max_km:
        return None
    if gold.event_date is not None:
        pdate = _date(pred.event_date)
        if pdate is None or abs((pdate - gold.event_date).days) > gold.date_tolerance_days:
            return None
    return km


def actor_ok(actor_ar: str | None, actor_en: str | None, mentions: list[str]) -> bool:
    """§4 step 3: the Arabic mention overlaps a gold mention; no gold mentions needs no actor."""
    pred = scoring_form(actor_ar) if actor_ar else ""
    if not mentions:
        return not pred and not actor_en
    if not pred:
        return False
    for mention in mentions:
        gold = scoring_form(mention)
        if gold and (gold in pred or pred in gold):
            return True
    return False


def _inter_ok(value: int | None, accepted: list[int]) -> bool:
    return value is None if not accepted else value in accepted


def _in_range(value: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= value <= bounds[1]


@dataclass(frozen=True, slots=True)
class Judgement:
    """Step-3 verdicts for one matched pair; ``None`` means not checked."""

    checks: dict[str, bool | None]
    swapped: bool  # Battles sides read in the other order


def judge(gold: GoldEvent, pred: Event) -> Judgement:
    """Field verdicts for a pair, reading Battles sides in whichever order gets more actors."""
    actors = (
        actor_ok(pred.actor1_ar, pred.actor1, gold.actor1_mentions),
        actor_ok(pred.actor2_ar, pred.actor2, gold.actor2_mentions),
    )
    swapped = False
    if gold.event_type == "Battles":
        crossed = (
            actor_ok(pred.actor2_ar, pred.actor2, gold.actor1_mentions),
            actor_ok(pred.actor1_ar, pred.actor1, gold.actor2_mentions),
        )
        if sum(crossed) > sum(actors):
            actors, swapped = crossed, True
    inter1, inter2 = (pred.inter2, pred.inter1) if swapped else (pred.inter1, pred.inter2)
    date_ok = None if gold.event_date is None else _date(pred.event_date) == gold.event_date
    checks: dict[str, bool | None] = {
        "sub_event_type": pred.sub_event_type == gold.sub_event_type,
        "event_date": date_ok,
        "fatalities": _in_range(pred.fatalities, gold.fatalities),
        "injured": _in_range(pred.injured, gold.injured),
        "actor1": actors[0],
        "actor2": actors[1],
        "inter1": _inter_ok(inter1, gold.inter1),
        "inter2": _inter_ok(inter2, gold.inter2),
    }
    return Judgement(checks, swapped)


# ---------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class Pair:
    gold_index: int
    pred_index: int
    gold: GoldEvent
    pred: Event
    km: float
    judgement: Judgement


def match_article(golds: list[GoldEvent], preds: list[Event]) -> list[Pair]:
    """Maximum-weight assignment: required matches, then optional, then agreement, then nearness.

    Weights are lexicographic: each tier's unit exceeds the largest total the
    lower tiers can reach, so no trade of lower-tier gains beats one higher-tier
    match. Non-candidate cells weigh 0 and are dropped after the assignment.
    """
    n = min(len(golds), len(preds))
    if n == 0:
        return []
    candidates: dict[tuple[int, int], tuple[float, Judgement]] = {}
    for gi, gold in enumerate(golds):
        for pi, pred in enumerate(preds):
            km = candidate_km(gold, pred)
            if km is not None:
                candidates[gi, pi] = (km, judge(gold, pred))
    if not candidates:
        return []
    far = max(km for km, _ in candidates.values()) + 1.0
    # Closeness is in (0, 1]; the matched count is fixed by the tiers above, so
    # maximising summed closeness minimises summed distance.
    agree_unit = n + 1
    optional_unit = (len(_AGREEMENT_FIELDS) * n + 1) * agree_unit
    required_unit = (n + 1) * optional_unit
    weights = np.zeros((len(golds), len(preds)))
    for (gi, pi), (km, verdict) in candidates.items():
        agree = sum(bool(verdict.checks[f]) for f in _AGREEMENT_FIELDS)
        tier = required_unit if golds[gi].required else optional_unit
        weights[gi, pi] = tier + agree * agree_unit + (1.0 - km / far)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    pairs = []
    for gi, pi in zip(rows.tolist(), cols.tolist(), strict=True):
        if (gi, pi) in candidates:
            km, verdict = candidates[gi, pi]
            pairs.append(Pair(gi, pi, golds[gi], preds[pi], km, verdict))
    return pairs


# ---------------------------------------------------------------- report


@dataclass(slots=True)
class FieldScore:
    correct: int = 0
    total: int = 0

    @property
    def ratio(self) -> float:
        """Share correct; 0.0 when nothing was checked."""
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Miss:
    """A required gold event nobody matched (FN)."""

    article_id: str
    gold_id: str
    event_type: str
    sub_event_type: str
    event_date: str | None
    location_names: list[str]
    why: str | None


@dataclass(frozen=True, slots=True)
class FalseAlarm:
    """A prediction that matched no gold event (FP)."""

    article_id: str
    event_id: str
    event_type: str
    sub_event_type: str
    event_date: str | None
    location: str | None
    iso3: str | None
    notes: str


@dataclass(frozen=True, slots=True)
class WrongValue:
    """A matched required event whose field is wrong: gold accepted value vs predicted."""

    article_id: str
    gold_id: str
    gold: Any
    predicted: Any


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@dataclass
class EvaluationReport:
    """Every FORMATS §4 number plus the lists that explain them."""

    articles: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    optional_matched: int = 0
    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    distances_km: list[float] = field(default_factory=list)
    relevance_tp: int = 0
    relevance_fp: int = 0
    relevance_fn: int = 0
    misses: list[Miss] = field(default_factory=list)
    false_alarms: list[FalseAlarm] = field(default_factory=list)
    wrong_values: dict[str, list[WrongValue]] = field(
        default_factory=lambda: {f: [] for f in FIELDS}
    )
    ignored_articles: list[str] = field(default_factory=list)  # predicted ids not in the gold

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def median_km(self) -> float | None:
        return statistics.median(self.distances_km) if self.distances_km else None

    @property
    def relevance_precision(self) -> float:
        return _ratio(self.relevance_tp, self.relevance_tp + self.relevance_fp)

    @property
    def relevance_recall(self) -> float:
        return _ratio(self.relevance_tp, self.relevance_tp + self.relevance_fn)

    def metrics(self) -> dict[str, float]:
        """Flat higher-is-better numbers (what the quality gate pins)."""
        out = {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "relevance_precision": self.relevance_precision,
            "relevance_recall": self.relevance_recall,
        }
        out.update({name: score.ratio for name, score in self.fields.items()})
        return out

    def summary_lines(self) -> list[str]:
        """Three plain lines with the headline numbers."""
        fields = " ".join(f"{name}={s.correct}/{s.total}" for name, s in self.fields.items())
        km = "—" if self.median_km is None else f"{self.median_km:.1f}"
        return [
            f"events: TP={self.tp} FP={self.fp} FN={self.fn} precision={self.precision:.3f} "
            f"recall={self.recall:.3f} F1={self.f1:.3f} (optional matched {self.optional_matched})",
            f"fields: {fields} median_km={km}",
            f"articles: {self.articles} relevance precision={self.relevance_precision:.3f} "
            f"recall={self.relevance_recall:.3f}",
        ]

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form of the whole report."""
        return {
            "articles": self.articles,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "optional_matched": self.optional_matched,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "fields": {
                name: {"correct": s.correct, "total": s.total, "accuracy": s.ratio}
                for name, s in self.fields.items()
            },
            "median_km": self.median_km,
            "relevance": {
                "tp": self.relevance_tp,
                "fp": self.relevance_fp,
                "fn": self.relevance_fn,
                "precision": self.relevance_precision,
                "recall": self.relevance_recall,
            },
            "misses": [asdict(m) for m in self.misses],
            "false_alarms": [asdict(f) for f in self.false_alarms],
            "wrong_values": {
                name: [asdict(w) for w in wrongs] for name, wrongs in self.wrong_values.items()
            },
            "ignored_articles": list(self.ignored_articles),
        }

    def render(self, console: Console) -> None:
        """Print every number in tables, then the FN, FP and wrong-value lists."""
        _render(self, console)


# ---------------------------------------------------------------- scoring


def _actor_text(ar: str | None, en: str | None) -> str | None:
    if ar and en:
        return f"{ar} [{en}]"
    return ar or en


def _values(gold: GoldEvent, pred: Event, swapped: bool) -> dict[str, tuple[Any, Any]]:
    """Field → (gold accepted value, predicted value) as shown in wrong-value lists."""
    a1 = _actor_text(pred.actor1_ar, pred.actor1)
    a2 = _actor_text(pred.actor2_ar, pred.actor2)
    i1, i2 = pred.inter1, pred.inter2
    if swapped:
        a1, a2, i1, i2 = a2, a1, i2, i1
    return {
        "sub_event_type": (gold.sub_event_type, pred.sub_event_type),
        "event_date": (gold.event_date.isoformat() if gold.event_date else None, pred.event_date),
        "fatalities": (list(gold.fatalities), pred.fatalities),
        "injured": (list(gold.injured), pred.injured),
        "actor1": (gold.actor1_mentions, a1),
        "actor2": (gold.actor2_mentions, a2),
        "inter1": (gold.inter1, i1),
        "inter2": (gold.inter2, i2),
    }


def _score_article(report: EvaluationReport, gold: GoldArticle, preds: list[Event]) -> None:
    aid = gold.article.id
    pairs = match_article(gold.events, preds)
    matched_gold = {p.gold_index for p in pairs}
    matched_pred = {p.pred_index for p in pairs}
    for pair in pairs:
        if not pair.gold.required:
            report.optional_matched += 1
            continue
        report.tp += 1
        report.distances_km.append(pair.km)
        values = _values(pair.gold, pair.pred, pair.judgement.swapped)
        for name, ok in pair.judgement.checks.items():
            if ok is None:
                continue
            report.fields[name].total += 1
            if ok:
                report.fields[name].correct += 1
            else:
                g, p = values[name]
                report.wrong_values[name].append(WrongValue(aid, pair.gold.gold_id, g, p))
    for gi, ev in enumerate(gold.events):
        if ev.required and gi not in matched_gold:
            report.fn += 1
            report.misses.append(
                Miss(
                    aid,
                    ev.gold_id,
                    ev.event_type,
                    ev.sub_event_type,
                    ev.event_date.isoformat() if ev.event_date else None,
                    list(ev.location_names),
                    ev.why,
                )
            )
    for pi, pred in enumerate(preds):
        if pi not in matched_pred:
            report.fp += 1
            report.false_alarms.append(
                FalseAlarm(
                    aid,
                    pred.event_id,
                    pred.event_type,
                    pred.sub_event_type,
                    pred.event_date,
                    pred.location or pred.location_ar,
                    pred.iso3,
                    pred.notes,
                )
            )
    relevant = any(ev.required for ev in gold.events)
    predicted = bool(preds)
    report.relevance_tp += relevant and predicted
    report.relevance_fp += predicted and not relevant
    report.relevance_fn += relevant and not predicted


def score(gold: list[GoldArticle], predictions: Mapping[str, Iterable[Event]]) -> EvaluationReport:
    """Score predictions keyed by article id; a gold article with no key predicted nothing."""
    ids = [g.article.id for g in gold]
    if len(set(ids)) != len(ids):
        raise ValueError("gold has duplicate article ids; predictions keyed by id are ambiguous")
    report = EvaluationReport(articles=len(gold))
    for g in gold:
        _score_article(report, g, list(predictions.get(g.article.id, ())))
    known = set(ids)
    report.ignored_articles = sorted(k for k in predictions if k not in known)
    return report


def evaluate(
    gold: list[GoldArticle], predict: Callable[[Article], list[Event]]
) -> EvaluationReport:
    """Run ``predict`` on every gold article and score the result."""
    predictions: dict[str, list[Event]] = {}
    for g in gold:
        try:
            predictions[g.article.id] = list(predict(g.article))
        except Exception as exc:
            raise RuntimeError(f"extractor failed on gold article {g.article.id!r}: {exc}") from exc
    return score(gold, predictions)


# ---------------------------------------------------------------- rendering


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, list):
        return " | ".join(str(v) for v in value) if value else "[] (none)"
    return str(value)


def _clip(text: str | None, limit: int = 240) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _render(report: EvaluationReport, console: Console) -> None:
    from rich.table import Table

    detection = Table(title="Event detection (micro over articles)")
    for col in ("articles", "TP", "FP", "FN", "optional matched", "precision", "recall", "F1"):
        detection.add_column(col, justify="right")
    detection.add_row(
        *(str(v) for v in (report.articles, report.tp, report.fp, report.fn)),
        str(report.optional_matched),
        *(_fmt(v) for v in (report.precision, report.recall, report.f1)),
    )
    console.print(detection)

    fields = Table(title="Field accuracy (matched required events)")
    for col in ("field", "correct", "total", "accuracy"):
        fields.add_column(col, justify="left" if col == "field" else "right")
    for name, s in report.fields.items():
        fields.add_row(name, str(s.correct), str(s.total), _fmt(s.ratio) if s.total else "—")
    fields.add_row("median km", "", str(len(report.distances_km)), _fmt(report.median_km))
    console.print(fields)

    relevance = Table(title="Article relevance")
    for col in ("TP", "FP", "FN", "precision", "recall"):
        relevance.add_column(col, justify="right")
    relevance.add_row(
        str(report.relevance_tp),
        str(report.relevance_fp),
        str(report.relevance_fn),
        _fmt(report.relevance_precision),
        _fmt(report.relevance_recall),
    )
    console.print(relevance)

    misses = Table(title=f"Misses (FN): {len(report.misses)}")
    for col in ("article", "gold_id", "event type", "date", "places", "why"):
        misses.add_column(col, overflow="fold")
    for m in report.misses:
        place = _fmt(m.location_names)
        kind = f"{m.event_type} / {m.sub_event_type}"
        misses.add_row(m.article_id, m.gold_id, kind, _fmt(m.event_date), place, _clip(m.why))
    console.print(misses)

    alarms = Table(title=f"False alarms (FP): {len(report.false_alarms)}")
    for col in ("article", "event type", "date", "location", "notes"):
        alarms.add_column(col, overflow="fold")
    for f in report.false_alarms:
        place = f"{_fmt(f.location)} ({_fmt(f.iso3)})"
        kind = f"{f.event_type} / {f.sub_event_type}"
        alarms.add_row(f.article_id, kind, _fmt(f.event_date), place, _clip(f.notes))
    console.print(alarms)

    wrong = Table(title="Wrong values on matched required events")
    for col in ("field", "article", "gold_id", "gold accepts", "predicted"):
        wrong.add_column(col, overflow="fold")
    for name, rows in report.wrong_values.items():
        for w in rows:
            accepts = f"{w.gold[0]}–{w.gold[1]}" if name in _RANGE_FIELDS else _fmt(w.gold)
            wrong.add_row(name, w.article_id, w.gold_id, accepts, _fmt(w.predicted))
    console.print(wrong)
    if report.ignored_articles:
        console.print(f"ignored predictions for {len(report.ignored_articles)} non-gold article(s)")
    # Repeat the headline numbers last: long FN/FP lists push the tables off a `tail`.
    for line in report.summary_lines():
        console.print(line, markup=False, highlight=False, soft_wrap=True)
