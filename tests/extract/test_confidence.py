"""The confidence model: weights are data, the fit is a real logistic regression."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from marsad.extract.confidence import FEATURES, WEIGHTS_FILE, fit, load_weights, probability


def test_weights_file_names_every_feature() -> None:
    weights = load_weights()
    assert set(weights) == set(FEATURES)
    assert all(isinstance(v, float) for v in weights.values())


def test_weights_file_missing_a_feature_is_an_error(tmp_path: Path) -> None:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    del data["weights"]["toll"]
    broken = tmp_path / "confidence.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="toll"):
        load_weights.__wrapped__(broken)


def _rows(n: int, seed: int) -> tuple[list[dict[str, float]], list[int]]:
    """Synthetic events: a toll makes an event right 85 % of the time, none 30 %."""
    rng = random.Random(seed)
    rows, labels = [], []
    for _ in range(n):
        row = {name: 0.0 for name in FEATURES} | {"bias": 1.0}
        row["toll"] = float(rng.random() < 0.5)
        rows.append(row)
        labels.append(int(rng.random() < (0.85 if row["toll"] else 0.3)))
    return rows, labels


def test_fit_recovers_calibrated_probabilities() -> None:
    rows, labels = _rows(4000, seed=3)
    weights = fit(rows, labels, l2=0.01)
    with_toll = {name: 0.0 for name in FEATURES} | {"bias": 1.0, "toll": 1.0}
    without = {name: 0.0 for name in FEATURES} | {"bias": 1.0}
    assert probability(with_toll, weights) == pytest.approx(0.85, abs=0.03)
    assert probability(without, weights) == pytest.approx(0.30, abs=0.03)


def test_calibration_report_in_weights_file_is_honest() -> None:
    """The shipped weights come with their leave-one-article-out reliability."""
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    if "leave_one_article_out" not in data:
        pytest.skip("hand-set weights, not yet calibrated")
    cv = data["leave_one_article_out"]
    assert cv["events"] == data["events"] > 0
    assert 0.0 <= cv["ece"] <= 0.15, "confidence is off by more than 15 points on average"
    for row in data["reliability"]:
        assert 0.0 <= row["mean_predicted"] <= 1.0 and 0.0 <= row["share_right"] <= 1.0
