"""Events over a sample of the corpora, for a before/after diff of a geo change.

    PYTHONPATH=src python scripts/place_events.py ../shared/corpus/saudinewsnet \
        ../shared/corpus/ant --every 10 -o out/events.after.tsv
    python scripts/place_events.py --diff out/events.before.tsv out/events.after.tsv

Each line: article id, sub-event type, location, iso3, geo precision. ``--diff`` counts
the events only one side has (by article, type and location) and the events whose
location moved, and prints a sample of each.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def write_events(paths: list[str], every: int, out: Path) -> None:
    from place_coverage import corpus_articles

    from marsad.extract.engine import Extractor

    extractor = Extractor()
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for i, article in enumerate(corpus_articles(paths)):
            if i % every:
                continue
            n += 1
            try:
                events = extractor.extract(article)
            except Exception as exc:  # noqa: BLE001 - a measuring script reports and goes on
                print(f"{article.id}: {exc!r}", file=sys.stderr)
                continue
            for ev in events:
                fh.write(
                    f"{article.id}\t{ev.sub_event_type}\t{ev.location}\t{ev.iso3}\t{ev.geo_precision}\n"
                )
    print(f"{n} articles -> {out}")


def _read(path: Path) -> Counter:
    return Counter(tuple(line.rstrip("\n").split("\t")) for line in open(path, encoding="utf-8"))


def diff(before: Path, after: Path, sample: int) -> None:
    a, b = _read(before), _read(after)
    by_type_a = Counter((r[0], r[1]) for r in a.elements())
    by_type_b = Counter((r[0], r[1]) for r in b.elements())
    added_acts = by_type_b - by_type_a
    removed_acts = by_type_a - by_type_b
    moved = (b - a) - Counter({r: n for r, n in (b - a).items() if (r[0], r[1]) in added_acts})
    print(f"events before={sum(a.values())} after={sum(b.values())}")
    print(
        f"added (article, type)={sum(added_acts.values())} removed={sum(removed_acts.values())}"
        f" relocated={sum(moved.values())}"
    )
    rnd = random.Random(0)
    for label, rows in (("added", b - a), ("removed", a - b)):
        items = sorted(rows.elements())
        print(f"-- {label} (sample)")
        for row in rnd.sample(items, min(sample, len(items))):
            print("  " + " | ".join(row))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--every", type=int, default=10)
    ap.add_argument("-o", type=Path)
    ap.add_argument("--diff", nargs=2, type=Path)
    ap.add_argument("--sample", type=int, default=15)
    args = ap.parse_args(argv)
    if args.diff:
        diff(*args.diff, args.sample)
    else:
        write_events(args.paths, args.every, args.o)
    return 0


if __name__ == "__main__":
    sys.exit(main())
