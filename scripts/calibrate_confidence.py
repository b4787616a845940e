"""Fit marsad's confidence model on hand-coded gold and report how well it is calibrated.

    .venv/bin/python scripts/calibrate_confidence.py ../shared/gold/dev.jsonl ../shared/gold/seed.jsonl

Every event marsad writes for a gold article is labelled right (it matches a
required or optional gold event, FORMATS §4) or wrong (a false alarm). The
script fits ``marsad.extract.confidence.fit`` on all of them, writes the
weights to ``src/marsad/extract/data/confidence.json`` (``--write``) and
prints leave-one-article-out reliability: each article's events are scored by
a model fitted without that article, binned by predicted probability, next to
the share that was right — the honest estimate of how the score behaves on
articles it has not seen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
from pathlib import Path

from marsad.evaluate import load_gold, match_article
from marsad.extract.assemble import to_event
from marsad.extract.confidence import FEATURES, WEIGHTS_FILE, features, fit, probability
from marsad.extract.engine import Extractor

BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 1.01)


def labelled_rows(paths: list[Path]) -> list[tuple[str, dict[str, float], int]]:
    """(article id, features, 1 if the event matched gold else 0) per written event."""
    extractor = Extractor()
    rows = []
    for path in paths:
        for gold in load_gold(path):
            scan, acts = extractor.acts(gold.article)
            events = [to_event(scan, c) for c in acts]
            matched = {id(p.pred) for p in match_article(gold.events, events)}
            for act, event in zip(acts, events, strict=True):
                rows.append((gold.article.id, features(act), int(id(event) in matched)))
    return rows


def cross_validated(rows, l2: float) -> list[tuple[float, int]]:
    out = []
    for article in sorted({r[0] for r in rows}):
        train = [r for r in rows if r[0] != article]
        weights = fit([r[1] for r in train], [r[2] for r in train], l2)
        out += [(probability(r[1], weights), r[2]) for r in rows if r[0] == article]
    return out


def reliability(scored: list[tuple[float, int]]) -> list[dict]:
    table = []
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        inside = [(p, y) for p, y in scored if lo <= p < hi]
        if inside:
            table.append({"bin": f"{lo:.1f}-{min(hi, 1.0):.1f}", "events": len(inside),
                          "mean_predicted": round(sum(p for p, _ in inside) / len(inside), 3),
                          "share_right": round(sum(y for _, y in inside) / len(inside), 3)})
    return table


def summary(scored: list[tuple[float, int]]) -> dict:
    n = len(scored)
    brier = sum((p - y) ** 2 for p, y in scored) / n
    logloss = -sum(math.log(max(p if y else 1 - p, 1e-9)) for p, y in scored) / n
    ece = sum(abs(b["mean_predicted"] - b["share_right"]) * b["events"]
              for b in reliability(scored)) / n
    return {"events": n, "brier": round(brier, 4), "log_loss": round(logloss, 4),
            "ece": round(ece, 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS_FILE}")
    args = parser.parse_args()
    rows = labelled_rows(args.gold)
    weights = fit([r[1] for r in rows], [r[2] for r in rows], args.l2)
    cv = cross_validated(rows, args.l2)
    report = {"fitted_on": [p.name for p in args.gold],
              "date": dt.date.today().isoformat(), "l2": args.l2,
              "events": len(rows), "right": sum(r[2] for r in rows),
              "leave_one_article_out": summary(cv), "reliability": reliability(cv),
              "weights": weights}
    print(json.dumps({k: v for k, v in report.items() if k != "weights"}, indent=1))
    print("weights:", {name: weights[name] for name in FEATURES})
    if args.write:
        WEIGHTS_FILE.parent.mkdir(parents=True, exist_ok=True)
        WEIGHTS_FILE.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n",
                                encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE}")


if __name__ == "__main__":
    main()
