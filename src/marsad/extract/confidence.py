"""How sure marsad is of an event: a calibrated probability that it is right.

A logistic model over the support the extractor found for the act (trigger
strength, a place named in the act's own clause, named sides, a toll, an exact
date, where in the article it is told) and over the article around it — its
frame (``frame.py``): how much of it speaks the vocabulary of sport, the
economy, technology or culture, how many of its sentences carry a strong
trigger, whether its title names an act, whether the act's sentence names an
older year. Its weights are data (``data/confidence.json``), fitted by
``scripts/calibrate_confidence.py`` on the hand-coded gold articles: an event
counts as right when it matches a gold event (FORMATS §4). The script reports
the article-level cross-validated reliability, so the number means what it
says on articles the fit never saw, and keeps only features that separate.
``--min-confidence`` filters on it; its default is chosen by cross-validated
F1 and stored with the weights.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Sequence
from pathlib import Path

from marsad.extract.candidate import Candidate
from marsad.extract.frame import ArticleFrame, article_frame
from marsad.extract.scan import ArticleScan
from marsad.extract.triggers import STRONG

WEIGHTS_FILE = Path(__file__).parent / "data" / "confidence.json"
LEAD_SENTENCES = 3  # acts told in the first sentences are the article's news
MAX_REPORTS = 3  # repeated reports count up to this many
ACTS_SPAN = 4  # the "many acts" signal saturates here
LONG_ARTICLE = 40  # sentences; the length signal saturates here

Feature = Callable[[Candidate, ArticleFrame], float]


def _sentences(c: Candidate) -> set[int]:
    return c.sentences or {c.sentence}


def _share(frame: ArticleFrame, name: str) -> float:
    return min(frame.domain[name] / max(frame.sentences, 1), 1.0)


# Every feature the calibration script measures; ``FEATURES`` are those kept.
CANDIDATE_FEATURES: dict[str, Feature] = {
    "bias": lambda c, f: 1.0,
    "trigger": lambda c, f: c.weight,
    "strong": lambda c, f: float(c.weight >= STRONG),
    "own_place": lambda c, f: 0.0 if c.place_inherited else 1.0,
    "qualified_place": lambda c, f: float(c.place_qualifier is not None and not c.place_inherited),
    "town_level": lambda c, f: float(c.geo_precision == 1 and not c.place_inherited),
    "country_level": lambda c, f: float(c.place is not None and c.place.feature == "country"),
    "actor1": lambda c, f: float(c.actor1 is not None and bool(c.actor1.surface)),
    "actor2": lambda c, f: float(c.actor2 is not None and bool(c.actor2.surface)),
    "toll": lambda c, f: float(c.toll.killed + c.toll.injured > 0),
    "exact_date": lambda c, f: float(c.time_precision == 1),
    "reports": lambda c, f: min(c.reports - 1, MAX_REPORTS) / MAX_REPORTS,
    "lead": lambda c, f: float(min(_sentences(c)) < LEAD_SENTENCES),
    "first": lambda c, f: float(min(_sentences(c)) == 0),
    "length": lambda c, f: min(f.sentences, LONG_ARTICLE) / LONG_ARTICLE,
    "strategic": lambda c, f: float(c.event_type == "Strategic developments"),
    "domain_share": lambda c, f: f.domain_share,
    "domain_vs_conflict": lambda c, f: f.domain_vs_conflict,
    "sport": lambda c, f: _share(f, "sport"),
    "economy": lambda c, f: _share(f, "economy"),
    "culture": lambda c, f: _share(f, "culture"),
    "technology": lambda c, f: _share(f, "technology"),
    "strong_share": lambda c, f: f.strong_share,
    "title_trigger": lambda c, f: f.title_trigger,
    "history_share": lambda c, f: f.history_share,
    "title_history": lambda c, f: float(f.title_history),
    "old_year": lambda c, f: float(bool(_sentences(c) & f.old_year_sentences)),
    "old_year_article": lambda c, f: float(bool(f.old_year_sentences)),
    "acts": lambda c, f: min(f.acts - 1, ACTS_SPAN) / ACTS_SPAN,
    "act_density": lambda c, f: min(f.acts / max(f.sentences, 1), 1.0),
}
# Dropped by scripts/calibrate_confidence.py's separation report: leaving
# each out does not worsen the cross-validated log loss on gold, and it does
# not tell right gold events from the weak negatives either (AUC within 0.1
# of one half). Technology pages still count through domain_share; history
# cues already block the triggers they govern (triggers.BLOCKING_CUES).
DROPPED = (
    "strong",
    "lead",
    "first",
    "technology",
    "history_share",
    "title_history",
    "old_year_article",
)
FEATURES: tuple[str, ...] = tuple(n for n in CANDIDATE_FEATURES if n not in DROPPED)


def features(
    c: Candidate, frame: ArticleFrame, names: Sequence[str] = FEATURES
) -> dict[str, float]:
    return {name: float(CANDIDATE_FEATURES[name](c, frame)) for name in names}


@functools.cache
def load_model(path: Path = WEIGHTS_FILE) -> tuple[dict[str, float], float]:
    """(weights by feature, default threshold) from the weights file, validated."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not JSON ({exc})") from exc
    weights = data.get("weights") if isinstance(data, dict) else None
    if not isinstance(weights, dict):
        raise ValueError(f"{path}: no 'weights' object")
    missing = sorted(set(FEATURES) - set(weights))
    unknown = sorted(set(weights) - set(FEATURES))
    if missing:
        raise ValueError(f"{path}: weights missing for features {missing}")
    if unknown:
        raise ValueError(
            f"{path}: weights for unknown features {unknown} (known: {list(FEATURES)})"
        )
    bad = sorted(
        k
        for k, v in weights.items()
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v)
    )
    if bad:
        raise ValueError(f"{path}: weights must be finite numbers: {bad}")
    threshold = data.get("threshold")
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not 0.0 <= threshold <= 1.0
    ):
        raise ValueError(f"{path}: 'threshold' must be a number in [0, 1], got {threshold!r}")
    return {name: float(weights[name]) for name in FEATURES}, float(threshold)


def load_weights(path: Path = WEIGHTS_FILE) -> dict[str, float]:
    return load_model(path)[0]


def probability(values: dict[str, float], weights: dict[str, float]) -> float:
    z = sum(weights[name] * values[name] for name in weights)
    return 1.0 / (1.0 + math.exp(-z))


def confidence(c: Candidate, scan: ArticleScan, acts: int = 1) -> float:
    frame = article_frame(scan, acts)
    return round(probability(features(c, frame), load_weights()), 3)


def fit(
    rows: Sequence[dict[str, float]],
    labels: Sequence[int],
    l2: float = 1.0,
    names: Sequence[str] = FEATURES,
    sample_weight: Sequence[float] | None = None,
) -> dict[str, float]:
    """Weighted logistic regression by L-BFGS with an L2 penalty (not on the bias)."""
    import numpy as np
    from scipy.optimize import minimize

    names = list(names)
    x = np.array([[row[name] for name in names] for row in rows], dtype=float)
    y = np.array(labels, dtype=float)
    sw = np.ones(len(y)) if sample_weight is None else np.array(sample_weight, dtype=float)
    penalty = np.array([0.0 if name == "bias" else l2 for name in names])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        nll = -np.sum(sw * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
        grad = x.T @ (sw * (p - y)) + penalty * w
        return nll + 0.5 * float(np.sum(penalty * w * w)), grad

    result = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B")
    return {name: round(float(v), 4) for name, v in zip(names, result.x, strict=True)}


# The threshold ``--min-confidence`` defaults to: chosen with the weights by
# cross-validated F1 (scripts/calibrate_confidence.py) and stored beside them.
DEFAULT_MIN_CONFIDENCE = load_model()[1]
