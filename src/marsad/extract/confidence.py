"""How sure marsad is of an event, from the support it found in the text.

A logistic score over a few features: the trigger's strength, a place named in
the act's own clause, named sides, a toll, an exact date and repeated reports.
The weights were set so that the score tracks the share of correct events on
the dev gold (see docs/QUALITY.md); ``--min-confidence`` filters on it.
"""

from __future__ import annotations

import math

from marsad.extract.candidate import Candidate

WEIGHTS = {
    "bias": -1.6,
    "trigger": 2.2,
    "own_place": 0.7,
    "actor1": 0.4,
    "actor2": 0.4,
    "toll": 0.6,
    "exact_date": 0.3,
    "reports": 0.3,
}


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
    }


def confidence(c: Candidate) -> float:
    z = sum(WEIGHTS[name] * value for name, value in features(c).items())
    return round(1.0 / (1.0 + math.exp(-z)), 3)
