r"""Throughput benchmark: baseline (read + one-regex tokenise) vs the full extraction pipeline.

Run with ``make bench``. Reports articles/s on one core for both passes and
their ratio, start-up time (fresh interpreter: import → Pipeline → first
article), peak resident memory, events per 1,000 articles per outlet, and
with ``--scaling`` the wall time of ``marsad batch`` with 1 and 2 workers.

What users feel is measured too, each against a bare pass (``json.loads`` + one
``\w+`` findall) run alternately in the same session: ``marsad extract`` end to end
as whole processes (A/B), the in-process pipeline and the Aho-Corasick floor (the
project normaliser plus one pass of the lexicon automaton over the same articles:
what an extractor of this kind cannot go below) (A/B/C), start-up of ``marsad --help``
and a one-article ``marsad extract`` warm and cold (cold = a fresh private
``MARSAD_CACHE_DIR``), and ``marsad batch`` with 1 and 2 workers on the first three
day files, with the peak RSS of every process (the batch parent and each worker).
Every child process runs this checkout's ``src`` (``PYTHONPATH``), whatever is installed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
TOKEN = re.compile(r"\w+")

# A fresh interpreter times the import, the Pipeline build and one article
# (the text is the project's own, not from the corpus).
STARTUP_CODE = r"""
import json, time, resource
t0 = time.perf_counter()
from marsad.model import Article
from marsad.pipeline import Pipeline
t1 = time.perf_counter()
pipeline = Pipeline()
t2 = time.perf_counter()
pipeline.extract(Article(id="startup", published="2016-03-02",
    text="قتل ثلاثة جنود في هجوم بعبوة ناسفة استهدف دورية للجيش قرب مدينة الموصل أمس."))
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "build_s": t2 - t1, "first_article_s": t3 - t2,
                  "total_s": t3 - t0,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def rss_now_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def peak_rss_mb() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_articles(corpus: Path, limit: int | None):
    from marsad.ingest import RejectLog, read_articles

    log = RejectLog()
    articles = []
    for article in read_articles([corpus], rejects=log):
        articles.append(article)
        if limit and len(articles) >= limit:
            break
    return articles, log.count


def measure_startup(runs: int) -> dict:
    results = []
    for _ in range(runs):
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", STARTUP_CODE],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        wall = time.perf_counter() - started
        results.append({**json.loads(out.stdout.strip().splitlines()[-1]), "wall_s": wall})
    best = min(results, key=lambda r: r["total_s"])
    return {"first_run": results[0], "best": best, "runs": runs}


def baseline_pass(corpus: Path, limit: int | None) -> dict:
    """Read every article (decode, parse, validate) and tokenise it with one regex."""
    started = time.perf_counter()
    articles, _ = load_articles(corpus, limit)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    tokens = sum(len(TOKEN.findall(a.text)) for a in articles)
    tokenise_s = time.perf_counter() - started
    n = len(articles)
    return {
        "articles": n,
        "tokens": tokens,
        "read_s": read_s,
        "tokenise_s": tokenise_s,
        "articles_per_s": n / (read_s + tokenise_s),
        "tokenise_only_articles_per_s": n / tokenise_s,
    }


def full_pass(articles, profile_out: Path | None) -> dict:
    from marsad.pipeline import Pipeline

    pipeline = Pipeline()
    per_source_articles: Counter[str] = Counter()
    per_source_events: Counter[str] = Counter()
    events = failures = 0
    profiler = None
    if profile_out is not None:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
    started = time.perf_counter()
    for article in articles:
        source = article.source or "(none)"
        per_source_articles[source] += 1
        try:
            found = len(pipeline.extract(article))
        except Exception:  # noqa: BLE001 — count, keep measuring
            failures += 1
            continue
        events += found
        per_source_events[source] += found
    seconds = time.perf_counter() - started
    if profiler is not None:
        profiler.stop()
        profile_out.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    per_outlet = {
        s: {
            "articles": n,
            "events": per_source_events[s],
            "events_per_1000": round(1000 * per_source_events[s] / n, 1),
        }
        for s, n in per_source_articles.most_common()
    }
    n = len(articles)
    return {
        "articles": n,
        "events": events,
        "failures": failures,
        "seconds": seconds,
        "articles_per_s": n / seconds,
        "events_per_1000": round(1000 * events / n, 1),
        "per_outlet": per_outlet,
    }


MARSAD_CODE = "import sys; from marsad.cli import app; sys.exit(app())"


def marsad_cmd() -> list[str]:
    """The ``marsad`` script beside this interpreter (what a user runs), else the same call."""
    script = Path(sys.executable).with_name("marsad")
    return [str(script)] if script.exists() else [sys.executable, "-c", MARSAD_CODE]


def child_env(cache: Path) -> dict[str, str]:
    """Children run this checkout's code with the bench's private cache."""
    src = str(ROOT / "src")
    path = os.environ.get("PYTHONPATH")
    return {
        **os.environ,
        "PYTHONPATH": src + (os.pathsep + path if path else ""),
        "MARSAD_CACHE_DIR": str(cache),
    }


def run_tree(cmd: list[str], env: dict, interval: float = 0.02) -> dict:
    """Wall time and the peak RSS of every process of a run (psutil, polled): the parent,
    its largest child (a batch worker) and the largest sum over the tree."""
    import psutil

    peaks: dict[int, float] = {}
    tree_peak = 0.0
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=env
    )
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        total = 0.0
        try:
            members = [root, *root.children(recursive=True)]
        except psutil.Error:
            members = []
        for member in members:
            try:
                rss = member.memory_info().rss / 2**20
            except psutil.Error:
                continue
            total += rss
            peaks[member.pid] = max(peaks.get(member.pid, 0.0), rss)
        tree_peak = max(tree_peak, total)
        time.sleep(interval)
    wall = time.perf_counter() - started
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} failed ({proc.returncode}): {stderr[-500:]}")
    children = [v for pid, v in peaks.items() if pid != proc.pid]
    return {
        "wall_s": wall,
        "parent_rss_mb": peaks.get(proc.pid, 0.0),
        "max_child_rss_mb": max(children, default=0.0),
        "processes": len(peaks),
        "tree_peak_mb": tree_peak,
    }


def first_day_files(corpus: Path, days: int = 3) -> list[Path]:
    return sorted(corpus.glob("*.zip"))[:days] if corpus.is_dir() else [corpus]


def scaling(inputs: list[Path], env: dict, runs: int, partition_size: int | None) -> dict:
    """``marsad batch`` with 1 and 2 workers on ``inputs``, alternated, each a fresh process."""
    out: dict = {"inputs": [str(p) for p in inputs], "runs": runs, "1": [], "2": []}
    for i in range(runs):
        for workers in (1, 2) if i % 2 == 0 else (2, 1):
            with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
                cmd = [
                    *marsad_cmd(),
                    "batch",
                    *map(str, inputs),
                    "-o",
                    str(Path(tmp) / "out"),
                    "--workers",
                    str(workers),
                ]
                if partition_size:
                    cmd += ["--partition-size", str(partition_size)]
                run = run_tree(cmd, env)
                manifest = json.loads((Path(tmp) / "out" / "_manifest.json").read_text())
                run.update(
                    articles=manifest["articles"],
                    events=manifest["events"],
                    partitions=len(manifest["partitions"]),
                    partition_size=manifest["partition_size"],
                )
                out[str(workers)].append(run)
    for workers in ("1", "2"):
        rows = out[workers]
        wall = _median([r["wall_s"] for r in rows])
        out[f"summary_{workers}"] = {
            "median_wall_s": wall,
            "articles_per_s": rows[0]["articles"] / wall,
            "partitions": rows[0]["partitions"],
            "partition_size": rows[0]["partition_size"],
            "max_parent_rss_mb": max(r["parent_rss_mb"] for r in rows),
            "max_worker_rss_mb": max(r["max_child_rss_mb"] for r in rows),
            "tree_peak_mb": max(r["tree_peak_mb"] for r in rows),
        }
    out["speedup_2_over_1"] = out["summary_1"]["median_wall_s"] / out["summary_2"]["median_wall_s"]
    out["same_events"] = len({r["events"] for r in out["1"] + out["2"]}) == 1
    return out


BARE_CODE = r"""
import json, re, sys
token = re.compile(r"\w+")
n = 0
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        n += len(token.findall(json.loads(line).get("text") or ""))
print(n)
"""
ONE_ARTICLE = {
    "id": "startup",
    "published": "2016-03-02",
    "text": "قتل ثلاثة جنود في هجوم بعبوة ناسفة استهدف دورية للجيش قرب مدينة الموصل أمس.",
}


def run_process(cmd: list[str], env: dict | None = None) -> dict:
    """Wall time, CPU and peak RSS of one child process.

    RSS comes from ``/usr/bin/time``: Linux keeps ``ru_maxrss`` across ``exec``, so a child
    forked straight from this (large) process would report this process's size.
    """
    fd, stats = tempfile.mkstemp(prefix="marsad-bench-time-")
    os.close(fd)
    started = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-o", stats, "-f", "%M %U %S", *cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )
    wall = time.perf_counter() - started
    fields = Path(stats).read_text().split()
    Path(stats).unlink()
    if proc.returncode != 0:
        raise RuntimeError(
            f"{cmd[:3]} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[-500:]}"
        )
    rss_kb, user, system = fields[-3:]
    return {"wall_s": wall, "cpu_s": float(user) + float(system), "rss_mb": int(rss_kb) / 1024}


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def write_jsonl(articles, path: Path) -> None:
    path.write_text("".join(a.model_dump_json() + "\n" for a in articles), encoding="utf-8")


def cli_ab(lines_file: Path, n: int, runs: int, env: dict) -> dict:
    """``marsad extract`` vs the bare process on the same file, alternated A/B."""
    bare, cli = [], []
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        for _ in range(runs):
            bare.append(run_process([sys.executable, "-c", BARE_CODE, str(lines_file)], env))
            cli.append(
                run_process(
                    [*marsad_cmd(), "extract", str(lines_file), "-o", str(Path(tmp) / "out.jsonl")],
                    env,
                )
            )
    bare_s, cli_s = _median([r["wall_s"] for r in bare]), _median([r["wall_s"] for r in cli])
    return {
        "articles": n,
        "runs": runs,
        "bare": bare,
        "cli": cli,
        "bare_articles_per_s": n / bare_s,
        "cli_articles_per_s": n / cli_s,
        "ratio": bare_s / cli_s,
        "ratio_cpu": _median([r["cpu_s"] for r in bare]) / _median([r["cpu_s"] for r in cli]),
    }


def bare_inprocess(lines: list[str]) -> float:
    started = time.perf_counter()
    for line in lines:
        TOKEN.findall(json.loads(line).get("text") or "")
    return time.perf_counter() - started


def floor_pass(texts: list[str], automaton, pad) -> float:
    """The Aho-Corasick floor: normalise each text and run the lexicon automaton once over it."""
    from marsad.text.normalize import normalize

    started = time.perf_counter()
    for text in texts:
        norm = normalize(text).text
        for _hit in automaton.iter(" " + pad.sub(" ", norm) + " "):
            pass
    return time.perf_counter() - started


def inprocess_ab(articles, runs: int) -> dict:
    """Pipeline.extract vs the bare pass vs the floor over the same articles, alternated."""
    from marsad.lexicon import matcher as lexicon_matcher
    from marsad.pipeline import Pipeline

    pipeline = Pipeline()
    automaton = pipeline.extractor.lexicon.matcher._automaton
    pad = lexicon_matcher._NONLETTER_NOT_SPACE
    lines = [a.model_dump_json() for a in articles]
    texts = [a.text for a in articles]
    bare, floor, full = [], [], []
    for _ in range(runs):
        bare.append(bare_inprocess(lines))
        floor.append(floor_pass(texts, automaton, pad))
        started = time.perf_counter()
        for article in articles:
            with contextlib.suppress(Exception):
                pipeline.extract(article)
        full.append(time.perf_counter() - started)
    n = len(articles)
    return {
        "articles": n,
        "runs": runs,
        "bare_s": bare,
        "floor_s": floor,
        "pipeline_s": full,
        "bare_articles_per_s": n / _median(bare),
        "floor_articles_per_s": n / _median(floor),
        "pipeline_articles_per_s": n / _median(full),
        "ratio": _median(bare) / _median(full),
        "floor_ratio": _median(bare) / _median(floor),
        "pipeline_over_floor": _median(floor) / _median(full),
    }


def startup_warm_cold(runs: int, env: dict) -> dict:
    """``marsad --help`` and a one-article ``marsad extract``, warm and with a fresh cache."""
    out: dict[str, list[dict]] = {"help": [], "extract_warm": [], "extract_cold": []}
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        one = Path(tmp) / "one.jsonl"
        one.write_text(json.dumps(ONE_ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
        extract = [*marsad_cmd(), "extract", str(one), "-o", str(Path(tmp) / "out.jsonl")]
        run_process(extract, env)  # warms the bench's private cache
        for i in range(runs):
            out["help"].append(run_process([*marsad_cmd(), "--help"], env))
            out["extract_warm"].append(run_process(extract, env))
            cold_env = {**env, "MARSAD_CACHE_DIR": str(Path(tmp) / f"cold-{i}")}
            out["extract_cold"].append(run_process(extract, cold_env))
    summary = {
        k: {
            "median_wall_s": _median([r["wall_s"] for r in v]),
            "max_rss_mb": max(r["rss_mb"] for r in v),
            "runs": v,
        }
        for k, v in out.items()
    }
    return summary


def render_users(result: dict, console: Console) -> None:
    table = Table(title="what users feel (bare pass in the same session)")
    for col in ("measure", "value", "target"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    cli = result["cli"]
    table.add_row(
        f"CLI extract, {cli['articles']:,} lines", f"{cli['cli_articles_per_s']:,.0f} art/s", ""
    )
    table.add_row("  bare process", f"{cli['bare_articles_per_s']:,.0f} art/s", "")
    table.add_row(
        "  ratio CLI / bare (wall; CPU)",
        f"1/{1 / cli['ratio']:.1f}; 1/{1 / cli['ratio_cpu']:.1f}",
        "≥ 1/10",
    )
    table.add_row(
        "  peak RSS CLI process", f"{max(r['rss_mb'] for r in cli['cli']):.0f} MB", "≤ 300 MB"
    )
    inp = result["inprocess"]
    table.add_row(
        f"in-process pipeline, {inp['articles']:,} articles",
        f"{inp['pipeline_articles_per_s']:,.0f} art/s",
        "",
    )
    table.add_row("  bare in-process", f"{inp['bare_articles_per_s']:,.0f} art/s", "")
    table.add_row("  ratio pipeline / bare", f"1/{1 / inp['ratio']:.1f}", "≥ 1/8")
    table.add_row(
        "  Aho-Corasick floor (normalise + one automaton pass)",
        f"{inp['floor_articles_per_s']:,.0f} art/s",
        "",
    )
    table.add_row(
        "  ratio floor / bare; pipeline / floor",
        f"1/{1 / inp['floor_ratio']:.1f}; 1/{1 / inp['pipeline_over_floor']:.1f}",
        "",
    )
    st = result["startup_cli"]
    table.add_row("marsad --help", f"{st['help']['median_wall_s']:.2f} s", "≤ 0.3 s")
    table.add_row(
        "one-article extract, warm", f"{st['extract_warm']['median_wall_s']:.2f} s", "≤ 1.0 s"
    )
    table.add_row(
        "one-article extract, cold cache", f"{st['extract_cold']['median_wall_s']:.2f} s", "≤ 2.0 s"
    )
    table.add_row(
        "  peak RSS warm / cold",
        f"{st['extract_warm']['max_rss_mb']:.0f} / {st['extract_cold']['max_rss_mb']:.0f} MB",
        "≤ 300 MB",
    )
    for key, label in (("scaling", "three day files"), ("scaling_corpus", "whole corpus")):
        if key not in result:
            continue
        sc = result[key]
        one, two = sc["summary_1"], sc["summary_2"]
        table.add_row(
            f"batch on {label}, 1 / 2 workers",
            f"{one['articles_per_s']:,.0f} / {two['articles_per_s']:,.0f} art/s",
            "",
        )
        table.add_row(
            "  partitions; speed-up 2 / 1",
            f"{two['partitions']} of {two['partition_size']}; {sc['speedup_2_over_1']:.2f}×",
            "≥ 1.8×",
        )
        table.add_row(
            "  peak RSS parent / largest worker (2 workers)",
            f"{two['max_parent_rss_mb']:.0f} / {two['max_worker_rss_mb']:.0f} MB",
            "≤ 300 MB",
        )
        table.add_row(
            "  peak RSS 1 worker (in-process)", f"{one['max_parent_rss_mb']:.0f} MB", "≤ 300 MB"
        )
    table.add_row(
        "load average at start / end",
        " / ".join(f"{x:.2f}" for x in (result["load_start"][0], result["load_end"][0])),
        "",
    )
    console.print(table)


def render(result: dict, console: Console) -> None:
    table = Table(title="marsad throughput (one core)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    base, full, start = result["baseline"], result["full"], result["startup"]["best"]
    table.add_row("articles", f"{full['articles']:,}", "")
    table.add_row("baseline: read + regex tokenise", f"{base['articles_per_s']:,.0f} art/s", "")
    table.add_row("  tokenise only", f"{base['tokenise_only_articles_per_s']:,.0f} art/s", "")
    table.add_row("full Pipeline.extract", f"{full['articles_per_s']:,.0f} art/s", "≥ 1,000")
    table.add_row("ratio full / baseline", f"1/{1 / result['ratio']:.1f}", "≥ 1/40")
    table.add_row("start-up (import → first article)", f"{start['total_s']:.2f} s", "≤ 1.5 s")
    table.add_row("  fresh interpreter wall", f"{start['wall_s']:.2f} s", "")
    table.add_row("peak RSS, start-up process", f"{start['rss_mb']:.0f} MB", "≤ 400 MB")
    table.add_row("peak RSS, benchmark process", f"{result['peak_rss_mb']:.0f} MB", "")
    table.add_row("  of which articles in memory", f"{result['articles_rss_mb']:.0f} MB", "")
    table.add_row("events / 1,000 articles", f"{full['events_per_1000']}", "")
    console.print(table)
    outlets = Table(title="events per 1,000 articles by outlet")
    for col in ("source", "articles", "events", "per 1,000"):
        outlets.add_column(col, justify="left" if col == "source" else "right")
    for source, row in full["per_outlet"].items():
        outlets.add_row(
            source, f"{row['articles']:,}", f"{row['events']:,}", f"{row['events_per_1000']}"
        )
    console.print(outlets)


def _git_head() -> str | None:
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, check=True
        )
        return out.stdout.decode().strip()
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=ROOT / ".." / "shared" / "corpus" / "saudinewsnet"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--startup-runs", type=int, default=3)
    parser.add_argument(
        "--scaling-runs",
        type=int,
        default=1,
        help="marsad batch 1 v 2 workers on the first three day files, runs of each (0: skip)",
    )
    parser.add_argument(
        "--scaling-corpus",
        action="store_true",
        help="also time marsad batch 1 v 2 workers on the whole corpus",
    )
    parser.add_argument(
        "--partition-size",
        type=int,
        default=None,
        help="passed to marsad batch (default: its own, sized from the input and workers)",
    )
    parser.add_argument(
        "--ab-runs", type=int, default=3, help="A/B runs for the CLI and in-process ratios"
    )
    parser.add_argument(
        "--cli-limit",
        type=int,
        default=6340,
        help="articles in the CLI input (about three day files)",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        default=None,
        help="write a pyinstrument profile of the full pass here (needs pyinstrument)",
    )
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    logging.getLogger("marsad.ingest").setLevel(logging.ERROR)
    console = Console()
    load_start = os.getloadavg()
    # The bench's own cache (never the user's): warm runs reuse it, cold runs get a fresh one.
    cache = Path(tempfile.mkdtemp(prefix="marsad-bench-cache-"))
    env = child_env(cache)
    os.environ["MARSAD_CACHE_DIR"] = str(cache)
    startup_cli = startup_warm_cold(args.startup_runs, env)

    startup = measure_startup(args.startup_runs)  # first: before this process warms any cache
    baseline = baseline_pass(args.corpus, args.limit)
    rss_before = rss_now_mb()
    articles, rejected = load_articles(args.corpus, args.limit)
    articles_rss = rss_now_mb() - rss_before
    full = full_pass(articles, args.profile)
    inprocess = inprocess_ab(articles, args.ab_runs)
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        cli_input = Path(tmp) / "cli.jsonl"
        cli_articles = articles[: args.cli_limit]
        write_jsonl(cli_articles, cli_input)
        cli = cli_ab(cli_input, len(cli_articles), args.ab_runs, env)
    result = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "processor": platform.processor() or platform.machine(),
        },
        "commit": _git_head(),
        "corpus": str(args.corpus),
        "limit": args.limit,
        "rejected_inputs": rejected,
        "baseline": baseline,
        "full": full,
        "ratio": full["articles_per_s"] / baseline["articles_per_s"],
        "ratio_vs_tokenise_only": full["articles_per_s"] / baseline["tokenise_only_articles_per_s"],
        "startup": startup,
        "peak_rss_mb": peak_rss_mb(),
        "articles_rss_mb": articles_rss,
        "cli": cli,
        "inprocess": inprocess,
        "startup_cli": startup_cli,
        "load_start": load_start,
        "load_end": os.getloadavg(),
    }
    del articles
    if args.scaling_runs > 0:
        three = first_day_files(args.corpus)
        result["scaling"] = scaling(three, env, args.scaling_runs, args.partition_size)
        if args.scaling_corpus:
            result["scaling_corpus"] = scaling([args.corpus], env, 1, args.partition_size)
    result["load_end"] = os.getloadavg()
    shutil.rmtree(cache, ignore_errors=True)
    render(result, console)
    render_users(result, console)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    console.print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
