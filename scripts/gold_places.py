"""How often the gazetteer can place a gold event: the share of required gold events for
which some place hit of the article, as resolve.choose reads it in the article's
context, lies within the event's max_km of the gold coordinates.

    PYTHONPATH=src python scripts/gold_places.py ../shared/gold/dev.jsonl [--misses]

This is the ceiling the extractor's place roles work under: an event whose place no hit
reaches cannot be placed right. ``--misses`` lists the gold location names not reached
(for dev and tune only: web2018-check is for measuring, never for reading misses).
"""

from __future__ import annotations

import argparse
import json
import sys

from marsad.geo import load_gazetteer
from marsad.geo.build import km
from marsad.geo.resolve import choose, context_from_hits
from marsad.text.normalize import normalize_plain


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold")
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args(argv)
    if args.misses and "check" in args.gold:
        ap.error("web2018-check is for measuring only: its misses are not listed")
    gaz = load_gazetteer()
    total = reached = any_candidate = 0
    with open(args.gold, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            events = [e for e in rec.get("events") or () if e.get("required", True)]
            if not events:
                continue
            norm = normalize_plain(rec["text"])
            hits = gaz.scan(norm)
            context = context_from_hits(hits)
            chosen = [p for p in (choose(h, context) for h in hits) if p is not None]
            candidates = [
                p for h in hits if not getattr(h, "context_only", False) for p in h.candidates
            ]
            for ev in events:
                total += 1
                limit = ev.get("max_km") or 25
                lat, lon = ev["latitude"], ev["longitude"]
                if any(km(lat, lon, p.lat, p.lon) <= limit for p in chosen):
                    reached += 1
                elif args.misses:
                    print(f"  {rec['id']}: {' | '.join(ev.get('location_names') or [])}")
                if any(km(lat, lon, p.lat, p.lon) <= limit for p in candidates):
                    any_candidate += 1
    print(
        f"{args.gold}: required events={total} placed by a chosen hit={reached} "
        f"({reached / total:.3f}); by any candidate={any_candidate} ({any_candidate / total:.3f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
