"""How sure marsad is of an event: a calibrated probability that it is right.

A logistic model over the support the extractor found in the text (trigger
strength, a place named in the act's own clause, named sides, a toll, an exact
date, repeated reports, where in the article the act is told, a country-level
place). Its weights are data (``data/confidence.json``), fitted by
``scripts/calibrate_confidence.py`` on hand-coded gold articles: an event
counts as right when it matches a gold event (FORMATS §4). The script reports
the leave-one-article-out reliability, so the number means what it says:
of events scored 0.8, about 8 in 10 were right on the articles it was fitted on.
``--min-confidence`` filters on it.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from pathlib import Path

from marsad.extract.candidate import Candidate

WEIGHTS_FILE = Path(__file__).parent / "data" / "confidence.json"
FEATURES = ("bias", "trigger", "own_place", "actor1", "actor2", "toll", "exact_date",
            "reports", "lead", "country_level", "strategic")
# Below one half an event is more likely wrong than right, so by default it is
# not written (--min-confidence 0 writes everything).
DEFAULT_MIN_CONFIDENCE = 0.5
LEAD_SENTENCES = 3  # acts told in the first sentences are the article's news


def features(c: Candidate) -> dict[str, float]:
    return {
        "bias": 1.0,
        "trigger": c.weight,
        "own_place": 0.0 if c.place_inherited else 1.0,
        "actor1": 1.0 if c.actor1 is not None and c.actor1.surface else 0.0,
        "actor2": 1.0 if c.actor2 is not None and c.actor2.surface else 0.0,
        "toll": 1.0 if c.toll.killed + c.toll.injured > 0 else 0.0,
        "exact_date": 1.0 if c.time_precision == 1 else 0.0,
        "reports": min(c.reports - 1, 3) / 3,
        "lead": 1.0 if min(c.sentences, default=c.sentence) < LEAD_SENTENCES else 0.0,
        "country_level": 1.0 if c.place is not None and c.place.feature == "country" else 0.0,
        "strategic": 1.0 if c.event_type == "Strategic developments" else 0.0,
    }


@functools.cache
def load_weights(path: Path = WEIGHTS_FILE) -> dict[str, float]:
    data = json.loads(path.read_text(encoding="utf-8"))
    weights = data["weights"]
    missing = set(FEATURES) - set(weights)
    if missing:
        raise ValueError(f"{path}: weights missing for {sorted(missing)}")
    return {name: float(weights[name]) for name in FEATURES}


def probability(values: dict[str, float], weights: dict[str, float]) -> float:
    z = sum(weights[name] * values[name] for name in FEATURES)
    return 1.0 / (1.0 + math.exp(-z))


def confidence(c: Candidate) -> float:
    return round(probability(features(c), load_weights()), 3)


def fit(rows: Sequence[dict[str, float]], labels: Sequence[int],
        l2: float = 1.0) -> dict[str, float]:
    """Logistic regression by L-BFGS with an L2 penalty (not on the bias)."""
    import numpy as np
    from scipy.optimize import minimize

    x = np.array([[row[name] for name in FEATURES] for row in rows], dtype=float)
    y = np.array(labels, dtype=float)
    penalty = np.array([0.0 if name == "bias" else l2 for name in FEATURES])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        nll = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
        grad = x.T @ (p - y) + penalty * w
        return nll + 0.5 * float(np.sum(penalty * w * w)), grad

    result = minimize(loss, np.zeros(len(FEATURES)), jac=True, method="L-BFGS-B")
    return {name: round(float(v), 4) for name, v in zip(FEATURES, result.x, strict=True)}
