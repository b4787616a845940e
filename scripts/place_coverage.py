"""Share of place-qualified names that the gazetteer resolves, per corpus.

A place-qualified name is the word (or two) right after an indefinite qualifier word
in the construct state — مدينة، بلدة، قرية، حي، مديرية، ناحية، ريف، محافظة, with or
without a proclitic (بمدينة، وفي قرية) — the phrase Arabic news uses to introduce a
place by kind. It resolves when ``Gazetteer.scan`` (with the article's countries, as
the extractor sees them) finds a place name starting at that word that is not
context-only.

    PYTHONPATH=src python scripts/place_coverage.py ../shared/corpus/saudinewsnet \
        --every 1 --unresolved out/snn-unresolved.tsv

Writes one line of totals per corpus and, with ``--unresolved``, a TSV of the
names that resolve to nothing (name, qualifier, count, top article country,
corpus, example article id) for ``scripts/mine_places.py``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
from bisect import bisect_right
from collections import Counter, defaultdict
from pathlib import Path

from marsad.geo import load_gazetteer
from marsad.geo.resolve import context_from_hits
from marsad.ingest.readers import read_articles
from marsad.model import Article
from marsad.text.normalize import normalize_plain

QUALIFIERS = ("مدينه", "بلده", "قريه", "حي", "مديريه", "ناحيه", "ريف", "محافظه")
_CLITIC = "(?:و|ف|ب|ل|وب|فب|ول|فل|وفي |في |من |الي |قرب )?"
PATTERN = re.compile(
    r"(?<![\w])" + _CLITIC + "(" + "|".join(QUALIFIERS) + r") ([\u0621-\u064a]{2,})"
    r"(?: ([\u0621-\u064a]{2,}))?"
)
# Words that follow a qualifier without being a name: pronoun suffix forms, adjectives
# and function words (the qualifier then is a common noun, not a place's kind).
NOT_NAMES = frozenset(
    normalize_plain(w)
    for w in [
        "في",
        "من",
        "الى",
        "إلى",
        "على",
        "عن",
        "التي",
        "الذي",
        "الذين",
        "واحدة",
        "أخرى",
        "اخرى",
        "جديدة",
        "كبيرة",
        "صغيرة",
        "كاملة",
        "كل",
        "بأكملها",
        "بأكمله",
        "أو",
        "او",
        "ثم",
        "قد",
        "لا",
        "ما",
        "هذه",
        "هذا",
        "تلك",
        "ذلك",
        "يقع",
        "تقع",
        "تابعة",
        "التابعة",
        "حيث",
        "يرزق",
        "سكنية",
        "سكني",
        "صناعية",
        "تجارية",
        "ساحلية",
        "حدودية",
        "جبلية",
        "نائية",
        "مجاورة",
        "المجاورة",
        "القريبة",
        "قريبة",
    ]  # noqa: SIM905 - one word list, easier to read as prose
)


def occurrences(norm: str):
    """(start of the name, qualifier, name) for every place-qualified name in ``norm``."""
    for m in PATTERN.finditer(norm):
        name = m.group(2)
        if name in NOT_NAMES:
            continue
        two = f"{name} {m.group(3)}" if m.group(3) and m.group(3) not in NOT_NAMES else name
        yield m.start(2), m.group(1), name, two


def corpus_articles(paths: list[str]):
    """Articles of the corpora: ``.jsonl.gz`` files (the web corpus) read here, the rest
    through ``marsad.ingest`` (empty articles are skipped quietly)."""
    logging.getLogger("marsad").setLevel(logging.ERROR)
    files: list[Path] = []
    for p in map(Path, paths):
        files += sorted(p.rglob("*")) if p.is_dir() else [p]
    for path in files:
        if path.name.endswith(".jsonl.gz"):
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                for line in fh:
                    rec = json.loads(line)
                    if rec.get("text", "").strip():
                        yield Article(
                            id=rec.get("id", ""), text=rec["text"], title=rec.get("title")
                        )
        elif path.is_file() and path.suffix in (".zip", ".jsonl", ".json"):
            yield from read_articles([path])


def covering(hits, starts: list[int], pos: int):
    """The hit that covers ``pos`` or starts within a clitic's reach after it, else None."""
    i = bisect_right(starts, pos + 2) - 1
    while i >= 0 and hits[i].nend > pos:
        if hits[i].nstart <= pos + 2:
            return hits[i]
        i -= 1
    return None


def measure(paths: list[str], every: int, limit: int | None):
    gaz = load_gazetteer()
    total = resolved = 0
    names: Counter[str] = Counter()
    names_resolved: set[str] = set()
    unresolved: dict[tuple[str, str], Counter] = defaultdict(Counter)
    example: dict[tuple[str, str], str] = {}
    articles = 0
    for i, article in enumerate(corpus_articles(paths)):
        if i % every:
            continue
        if limit is not None and articles >= limit:
            break
        articles += 1
        norm = normalize_plain(article.text)
        hits = gaz.scan(norm)
        starts = [h.nstart for h in hits]
        context = context_from_hits(hits)
        top = max(context.country_weights, key=context.country_weights.get, default="")
        for start, qualifier, name, two in occurrences(norm):
            total += 1
            names[name] += 1
            hit = covering(hits, starts, start)
            if hit is not None and not getattr(hit, "context_only", False):
                resolved += 1
                names_resolved.add(name)
            else:
                key = (two, qualifier)
                unresolved[key][top] += 1
                example.setdefault(key, article.id)
    return articles, total, resolved, names, names_resolved, unresolved, example


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--every", type=int, default=1, help="take every k-th article")
    ap.add_argument("--limit", type=int, default=None, help="at most this many articles")
    ap.add_argument("--label", default=None, help="corpus name in the output (default: path)")
    ap.add_argument("--unresolved", type=Path, default=None, help="TSV of unresolved names")
    args = ap.parse_args(argv)
    label = args.label or Path(args.paths[0]).name
    articles, total, resolved, names, names_resolved, unresolved, example = measure(
        args.paths, args.every, args.limit
    )
    share = resolved / total if total else 0.0
    distinct = len(names)
    share_names = len(names_resolved) / distinct if distinct else 0.0
    print(
        f"{label}: articles={articles} place-qualified={total} resolved={resolved} "
        f"share={share:.3f} distinct_names={distinct} distinct_resolved={len(names_resolved)} "
        f"distinct_share={share_names:.3f}"
    )
    if args.unresolved:
        args.unresolved.parent.mkdir(parents=True, exist_ok=True)
        with open(args.unresolved, "w", encoding="utf-8") as fh:
            fh.write("# name\tqualifier\tcount\ttop_country\tcorpus\texample\n")
            rows = sorted(unresolved.items(), key=lambda kv: -sum(kv[1].values()))
            for (name, qualifier), by_country in rows:
                country = by_country.most_common(1)[0][0]
                fh.write(
                    f"{name}\t{qualifier}\t{sum(by_country.values())}\t{country}\t{label}"
                    f"\t{example[(name, qualifier)]}\n"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
