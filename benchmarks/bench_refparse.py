"""Score the shipped reference parser on the grey set and measure its speed.

    python3 benchmarks/bench_refparse.py [--grey PATH] [--n 10000] [--runs 3]

1. Parses ``anystyle_grey.jsonl`` (never trained on; only its totals are printed) with
   the shipped model and scores the predictions with the benchmark's score.py.
2. Parses ``--n`` reference strings (the gold and grey strings, cycled) with
   :func:`parse_many` ``--runs`` times and prints the best and median references/second and
   peak memory (tracemalloc).
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from litreview.extract.refparse import parse_many, parse_reference

BENCH = ROOT.parent / "shared" / "benchmarks" / "refparse"


def load(path: Path) -> list[dict]:
    """The benchmark records of a JSONL file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score(gold: Path, out_dir: Path) -> None:
    """Parse every record of ``gold`` and run score.py on the predictions."""
    records = load(gold)
    pred = out_dir / f"refparse_pred_{gold.stem}.jsonl"
    items = parse_many([r["raw"] for r in records])
    with pred.open("w", encoding="utf-8") as fh:
        for rec, item in zip(records, items, strict=True):
            fh.write(json.dumps({"id": rec["id"], "fields": item}, ensure_ascii=False) + "\n")
    subprocess.run([sys.executable, str(BENCH / "score.py"), str(gold), str(pred)], check=True)


def speed(n: int, runs: int) -> None:
    """Time ``parse_many`` over ``n`` strings ``runs`` times; print the best and the median
    refs/s (a shared machine's speed drifts between runs; the best run is the code's
    speed, as ``timeit`` reports it) and peak memory."""
    names = ("anystyle_gold.jsonl", "anystyle_grey.jsonl")
    raws = [r["raw"] for name in names for r in load(BENCH / name)]
    batch = list(itertools.islice(itertools.cycle(raws), n))
    parse_reference("warm-up (2000) model load.")
    walls, cpus = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        parse_many(batch)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    tracemalloc.start()
    parse_many(batch[:2000])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    best, median = min(walls), statistics.median(walls)
    print(
        f"speed: {n} references, {runs} runs: best {best:.2f} s wall = {n / best:,.0f} refs/s "
        f"(CPU {min(cpus):.2f} s), median {n / median:,.0f} refs/s; "
        f"peak Python memory while parsing {min(n, 2000):,}: {peak / 1e6:.1f} MB"
    )


def main() -> int:
    """Grey-set score, then speed."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--grey", type=Path, default=BENCH / "anystyle_grey.jsonl")
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3, help="timed runs of the speed test")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        score(args.grey, Path(tmp))
    speed(args.n, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
