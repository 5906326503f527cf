"""Run every benchmark: small sizes by default (under a minute), full sizes with ``--full``.

    python3 benchmarks/run.py [--full] [--only NAME ...] [--jobs 2]

Each benchmark runs in its own process (``--jobs`` at a time; full runs one at a time, so
their timings are their own) and its output is printed whole. A benchmark fails when it
exits with an error or does not print its figures (the line its ``figures`` pattern names);
the exit code is the number of failures. The summary table gives each one's wall time.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


@dataclass(frozen=True, slots=True)
class Benchmark:
    """A script, its arguments at small and full size, and what its figures look like."""

    script: str
    small: tuple[str, ...]
    full: tuple[str, ...]
    figures: str  # a regular expression some line of the output must match


_REAL = ("tests/data/real/wosfile_plaintext.txt", "tests/data/real/asreview_scopus.ris")
BENCHMARKS = (
    Benchmark("bench_peers.py", ("--records", "2000"), (), r"ratios of CPU time"),
    Benchmark("bench_import.py", ("--records", "2000"), (), r"peak memory [\d,]+ MB"),
    Benchmark("bench_corpus.py", ("--sizes", "500", "1000"), (), r"growth exponent"),
    Benchmark("bench_million.py", ("--sizes", "500", "--per-file", "300"), (), r"min wall"),
    Benchmark("bench_tagging.py", ("--works", "2000", "--workers", "1"), (), r"peak RSS"),
    Benchmark("bench_gaps.py", ("--works", "2000"), (), r"gaps total [\d.]+ s wall"),
    Benchmark("bench_cluster.py", ("--n", "1000"), (), r"peak memory: \d+ MB"),
    Benchmark("bench_ingest.py", ("--pages", "20"), (), r"ingest .*[\d.]+ s wall"),
    Benchmark("bench_documents.py", ("--formats", "md"), (), r"speed \(CPU time\)"),
    Benchmark("bench_documents_extra.py", (), (), r"^\| all \| "),
    Benchmark("bench_documents_styles.py", (), (), r"^\| all \| "),
    Benchmark("bench_jats.py", (), (), r"^xml: fields right author \d+/\d+"),
    Benchmark(
        "bench_unseen_notes.py",
        ("--kinds", "crs-md,gao-md,gao-html", "--worst", "3"),
        (),
        r"^\| all \| \d+|^skipped: ",
    ),
    Benchmark("bench_docmeta.py", (), (), r"titles right: \d+/\d+"),
    Benchmark("bench_refparse.py", ("--n", "100"), (), r"speed: \d+ references"),
    Benchmark(
        "bench_refparse_legal.py", (), (), r"legal micro-F1 [\d.]+(?s:.*)law-review micro-F1 [\d.]+"
    ),
    Benchmark("bench_quoted_titles.py", (), (), r"quoted titles right: \d+ of \d+"),
    Benchmark("bench_statements.py", ("--docs", "2", "--repeats", "1"), (), r"find_statements"),
    Benchmark("bench_statements_fresh.py", (), (), r"pooled blend: precision [\d.]+"),
    Benchmark(
        "bench_statements_pdf.py", ("--docs", "1"), (), r"gold quotes over a page break: \d+"
    ),
    Benchmark("bench_objects.py", (), (), r"token overlap: precision [\d.]+"),
    Benchmark("bench_suggest.py", ("--splits", "0", "--quick"), (), r"rule-blind, rules hidden"),
    Benchmark("bench_suggest_embeddings.py", ("--works", "40"), (), r"\| neighbours \|"),
    Benchmark("bench_corpus_patch.py", ("--sizes", "200"), (), r"entries kept"),
    Benchmark("bench_hostile.py", ("--examples", "3", "--only", "fuzz"), (), r"tracebacks \d+"),
    Benchmark(
        "bench_reliability.py",
        ("--kills", "3", "--races", "1", "--race-records", "200"),
        (),
        r"races tried: \d+ .*entries lost: \d+",
    ),
    Benchmark("real_files.py", ("--no-tools", *_REAL), ("--no-tools",), r"^\| total \| \d+"),
)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one benchmark did."""

    script: str
    seconds: float
    code: int
    has_figures: bool
    output: str


def run_one(bench: Benchmark, full: bool) -> Outcome:
    """Run ``bench`` at its small (or full) size."""
    args = bench.full if full else bench.small
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(HERE / bench.script), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    output = done.stdout + done.stderr
    found = re.search(bench.figures, done.stdout, flags=re.MULTILINE) is not None
    return Outcome(bench.script, time.perf_counter() - t0, done.returncode, found, output)


def main() -> int:
    """Run the chosen benchmarks; the number of failures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="full sizes (tens of minutes)")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="only these scripts")
    ap.add_argument("--jobs", type=int, default=2, help="benchmarks at a time (small runs)")
    args = ap.parse_args()
    chosen = [
        b
        for b in BENCHMARKS
        if not args.only
        or b.script.removesuffix(".py") in {n.removesuffix(".py") for n in args.only}
    ]
    jobs = 1 if args.full else max(1, args.jobs)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        outcomes = list(pool.map(lambda b: run_one(b, args.full), chosen))
    failures = 0
    for o in outcomes:
        print(f"===== {o.script} ({o.seconds:.1f} s)\n{o.output.rstrip()}\n", flush=True)
    print(f"{'benchmark':>22} | {'wall s':>6} | result")
    for o in outcomes:
        ok = o.code == 0 and o.has_figures
        failures += not ok
        why = "ok" if ok else (f"exit {o.code}" if o.code else "no figures printed")
        print(f"{o.script:>22} | {o.seconds:>6.1f} | {why}")
    size = "full" if args.full else "small"
    print(
        f"{len(outcomes)} benchmarks at {size} size in {time.perf_counter() - t0:.0f} s "
        f"({jobs} at a time; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs); "
        f"{failures} failed"
    )
    return failures


if __name__ == "__main__":
    sys.exit(main())
