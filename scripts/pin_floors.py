"""Pin quality/baseline.json floors at today's scores minus a margin, with gold digests.

    PYTHONPATH=src .venv/bin/python scripts/pin_floors.py [NAME ...] [--lower "why"]

Every floor becomes the measured score minus 0.005 (rounded down to 3 places) and
each entry pins the SHA-256 of its gold file. A floor never goes down silently:
without ``--lower REASON`` a lower floor is refused; with it, every lowered floor
is recorded in quality/floor_changes.json (file, metric, from, to, why, date), which
tests/test_quality_baseline.py checks against the previous committed baseline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
from pathlib import Path

from marsad.evaluate import evaluate, load_gold
from marsad.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "quality" / "baseline.json"
CHANGES = ROOT / "quality" / "floor_changes.json"
GOLD = ROOT.parent / "shared" / "gold"
MARGIN = 0.005


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="gold files to re-pin (default: all pinned)")
    parser.add_argument("--lower", metavar="WHY", help="allow lower floors, recording why")
    args = parser.parse_args()
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    changes = json.loads(CHANGES.read_text(encoding="utf-8")) if CHANGES.exists() else []
    pipeline = Pipeline()
    lowered = []
    for name in args.names or sorted(baseline):
        path = GOLD / f"{name}.jsonl"
        report = evaluate(load_gold(path), pipeline.extract)
        old = baseline.get(name, {})
        new: dict[str, object] = {}
        for metric, score in report.metrics().items():
            floor = max(0.0, math.floor((score - MARGIN) * 1000) / 1000)
            if metric in old and score >= old[metric]:
                floor = max(floor, old[metric])  # still above the floor: keep it, never lower
            if metric in old and floor < old[metric]:
                lowered.append({"file": name, "metric": metric, "from": old[metric], "to": floor})
            new[metric] = floor
        new["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
        baseline[name] = new
        print(f"{name}: f1 {report.metrics()['f1']:.4f} -> floor {new['f1']}")
    if lowered and not args.lower:
        for item in lowered:
            print(f"refused: {item['file']} {item['metric']} {item['from']} -> {item['to']}")
        raise SystemExit('floors would go down: rerun with --lower "why" to record it')
    today = dt.date.today().isoformat()
    changes.extend({**item, "why": args.lower, "date": today} for item in lowered)
    BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    CHANGES.write_text(json.dumps(changes, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
