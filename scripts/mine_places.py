"""Mine the corpora for the gazetteer's data files (issue 11 item 1).

Two outputs, both reviewed before they land in src/marsad/geo/data/:

``common``: the most frequent words of the corpora (normalised), written to
    common_words.txt. A small town whose name is one of them is read as a place only
    after a qualifier (مدينة، قرية ...), and the transliteration fallback never reads
    one as a town: ordinary words are not towns, by corpus evidence rather than by
    one article's example.

``given``: given names (words before بن / ابن, by share of their occurrences), written
    to given_names.txt: a place name right after one is a family name (خالد مشعل).

``mined``: place-qualified names that resolve to nothing (from
    scripts/place_coverage.py --unresolved), matched by consonant skeleton against
    GeoNames' Latin names in the country of the articles they occur in. A name seen at
    least ``--min-count`` times whose skeleton points to exactly one GeoNames town of
    that country that also agrees letter by letter (translit.similarity) becomes a row of mined.tsv (name_ar, geonameid, English name, iso3,
    count, qualifier, source corpus), which the build adds as an Arabic spelling of
    that town.

    PYTHONPATH=src python scripts/mine_places.py common ../shared/corpus/saudinewsnet \
        ../shared/corpus/ant --top 3000 -o src/marsad/geo/data/common_words.txt
    PYTHONPATH=src python scripts/mine_places.py mined out/snn-unresolved.tsv \
        out/ant-unresolved.tsv -o src/marsad/geo/data/mined.tsv
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from place_coverage import corpus_articles  # noqa: E402

from marsad.geo import load_gazetteer  # noqa: E402
from marsad.geo.evidence import load_evidence  # noqa: E402
from marsad.geo.translit import arabic_skeleton, similarity  # noqa: E402
from marsad.text.normalize import normalize_plain  # noqa: E402


def common_words(paths: list[str], top: int, out: Path) -> None:
    counts: Counter[str] = Counter()
    articles = 0
    for article in corpus_articles(paths):
        articles += 1
        counts.update(w for w in normalize_plain(article.text).split() if w.isalpha())
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(
            f"# The {top} most frequent words of {', '.join(Path(p).name for p in paths)} "
            f"({articles} articles), by scripts/mine_places.py common.\n"
            "# A small town spelled like one is a place only after a qualifier word.\n"
        )
        for word, _n in counts.most_common(top):
            fh.write(word + "\n")


def given_names(paths: list[str], min_count: int, min_share: float, out: Path) -> None:
    """Given names by corpus evidence: words that stand before بن / ابن ("X bin Y") at
    least ``min_count`` times and in at least ``min_share`` of their occurrences (so
    قال and على, frequent everywhere, stay out)."""
    before: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for article in corpus_articles(paths):
        words = normalize_plain(article.text).split()
        total.update(words)
        before.update(words[i - 1] for i in range(1, len(words)) if words[i] in ("بن", "ابن"))
    kept = sorted(
        (
            w
            for w, n in before.items()
            if n >= min_count and n / total[w] >= min_share and w.isalpha()
        ),
        key=lambda w: -before[w],
    )
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(
            f"# Given names: words before بن/ابن at least {min_count} times and in at least "
            f"{min_share:.0%} of their occurrences\n# in {', '.join(Path(p).name for p in paths)}"
            " (scripts/mine_places.py given). A place name right after one is a family name.\n"
        )
        for word in kept:
            fh.write(f"{word}\n")


def mined(unresolved: list[str], min_count: int, out: Path) -> None:
    gaz = load_gazetteer()
    ev = load_evidence()
    rows: dict[tuple[str, int], list] = {}
    for path in unresolved:
        with open(path, encoding="utf-8") as fh:
            lines = [line for line in fh if not line.startswith("#")]
        for line in lines:
            name, qualifier, count, country, corpus, _example = line.rstrip("\n").split("\t")
            if qualifier not in ev.translit_qualifiers or not country:
                continue
            words = name.split()
            # the name is the first word, or the first two when both are not common words
            for n in (2, 1) if len(words) > 1 else (1,):
                cand = " ".join(words[:n])
                if any(ev.is_common(w) for w in words[:n]) or gaz.lookup(cand):
                    continue
                skeleton = arabic_skeleton(cand)
                found = [
                    p
                    for p in gaz.skeleton_places(country, skeleton)
                    if similarity(cand, p.name) >= ev.translit_similarity
                ]
                if len(found) != 1:
                    continue
                place = found[0]
                key = (cand, place.geonameid or 0)
                row = rows.setdefault(
                    key, [cand, place.geonameid, place.name, country, 0, qualifier, set()]
                )
                row[4] += int(count)
                row[6].add(corpus)
                break
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# name_ar\tgeonameid\tname_en\tiso3\tcount\tqualifier\tsource\n")
        fh.write(
            "# Mined by scripts/mine_places.py mined: place-qualified names of the corpora\n"
            "# that resolved to nothing, matched by consonant skeleton to one GeoNames town\n"
            "# of the article's country. source = the corpora the name was seen in.\n"
        )
        for row in sorted(rows.values(), key=lambda r: -r[4]):
            if row[4] >= min_count and row[1]:
                fh.write("\t".join(map(str, row[:6])) + "\t" + "+".join(sorted(row[6])) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("common")
    c.add_argument("paths", nargs="+")
    c.add_argument("--top", type=int, default=3000)
    c.add_argument("-o", type=Path, required=True)
    g = sub.add_parser("given")
    g.add_argument("paths", nargs="+")
    g.add_argument("--min-count", type=int, default=15)
    g.add_argument("--min-share", type=float, default=0.02)
    g.add_argument("-o", type=Path, required=True)
    m = sub.add_parser("mined")
    m.add_argument("unresolved", nargs="+")
    m.add_argument("--min-count", type=int, default=2)
    m.add_argument("-o", type=Path, required=True)
    args = ap.parse_args(argv)
    if args.cmd == "common":
        common_words(args.paths, args.top, args.o)
    elif args.cmd == "given":
        given_names(args.paths, args.min_count, args.min_share, args.o)
    else:
        mined(args.unresolved, args.min_count, args.o)
    return 0


if __name__ == "__main__":
    sys.exit(main())
