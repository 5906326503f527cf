"""Benchmark of a review at the size of a bibliometric slice: 10^5 to 10^6 records.

    python3 benchmarks/bench_million.py [--sizes 100000 1000000] [--per-file 20000] [--seed 1]

For each size, a copy of the default review (its taxonomy, documents, citations and corpus)
receives a synthetic database search export of that many records, and the commands a
researcher runs next are timed, each in a fresh process: ``import`` (read, deduplicate,
save), ``tag``, ``coverage`` and ``gaps``. The export comes as files of ``--per-file``
records (Scopus lets one download 20,000), built as :mod:`bench_import` builds them: real RIS
records of the real-file corpus (those under 3,000 characters without their abstract, which
leaves out a few with whole reference lists) with new titles, authors and DOIs, 5% of them
duplicates of earlier ones (another database's spelling of the title; half keep the DOI),
and an abstract of 120-220 words drawn from the real abstracts' words, one in 30 a phrase of
the review's taxonomy.

Prints, per step and size, wall and CPU seconds (the command and its workers), peak memory
(the command or its largest worker) and the file sizes; then the growth exponent k of each
step's CPU time between the sizes (time ~ n^k; 1.0 linear, about 1.1 n log n, 2.0
quadratic), and each size's whole run. Targets: 10^6 in under 15 minutes and 8 GB, no step
worse than n log n.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_import

DUPLICATES = 0.05
STEPS = ("import", "tag", "coverage", "gaps")
_CHILD = """
import json, resource, sys, time
limit = int(sys.argv.pop(1))
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from litreview.cli import main
code = main(sys.argv[1:])
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": code, "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
                  "peak_mb": max(me.ru_maxrss, kids.ru_maxrss) / 1024}), file=sys.stderr)
"""


def _abstract_words(taxonomy_path: Path) -> tuple[list[str], list[str]]:
    """Words of the real records' abstracts, and the taxonomy's phrases."""
    from litreview.formats import read_file
    from litreview.taxonomy.facets import load_taxonomy

    words: list[str] = []
    for path in sorted(bench_import.REAL.glob("*.ris")):
        for work in read_file(path)[0]:
            words += re.findall(r"[A-Za-z][a-z]+|[a-z]{2,}", work.abstract)
    taxonomy = load_taxonomy(taxonomy_path.read_text("utf-8"), str(taxonomy_path))
    phrases = [s.rstrip("*") for f in taxonomy.facets for v in f.values for s in v.synonyms]
    return words, phrases


def records(n: int, seed: int, taxonomy_path: Path) -> Iterator[str]:
    """``n`` RIS records (text blocks), made one at a time."""
    rng = random.Random(seed)
    words, names = bench_import._vocabulary()
    prose, phrases = _abstract_words(taxonomy_path)
    skip = {"TY", "TI", "T1", "AU", "A1", "DO", "ID", "ER", "AB", "N2"}
    templates = [
        [(t, v) for t, v in tags if t not in skip]
        for tags in bench_import._ris_templates()
        if sum(len(v) + 6 for t, v in tags if t not in ("AB", "N2")) <= 3000
    ]
    made: list[tuple[str, str, list[str], int]] = []
    for i in range(n):
        if made and rng.random() < DUPLICATES:
            title, doi, authors, shape = rng.choice(made)
            title = bench_import._variant(title, rng)
            doi = doi if rng.random() < 0.5 else ""
        else:
            title, doi = bench_import._new_title(rng, words), f"10.{1000 + i % 9000}/m.{i}"
            authors = [
                f"{rng.choice(names)}, {rng.choice('ABCDEFGHJKLMNPRS')}."
                for _ in range(rng.randint(1, 6))
            ]
            shape = rng.randrange(len(templates))
            made.append((title, doi, authors, shape))
        abstract = " ".join(
            rng.choice(phrases) if rng.random() < 1 / 30 else rng.choice(prose)
            for _ in range(rng.randint(120, 220))
        )
        lines = [("TY", "JOUR"), ("TI", title), *(("AU", a) for a in authors)]
        lines += [("DO", doi)] if doi else []
        lines += [("AB", abstract.capitalize() + "."), *templates[shape]]
        yield "".join(f"{t}  - {v}\n" for t, v in lines) + "ER  - \n"


def build(folder: Path, n: int, per_file: int, seed: int) -> tuple[Path, list[str]]:
    """A copy of the default review in ``folder`` and the export files of ``n`` records."""
    review = folder / "main"
    shutil.copytree(ROOT / "bibliography", review / "bibliography")
    (folder / "shared").symlink_to(ROOT.parent / "shared")  # the seed documents
    paths: list[str] = []
    out = None
    for i, text in enumerate(records(n, seed, review / "bibliography" / "taxonomy.yaml")):
        if i % per_file == 0:
            if out:
                out.close()
            paths.append(str(folder / f"search_{len(paths) + 1:03d}.ris"))
            out = open(paths[-1], "w", encoding="utf-8")  # noqa: SIM115
        assert out is not None
        out.write(text + "\n")
    if out:
        out.close()
    return review, paths


def run_step(args: list[str], limit_gb: float) -> dict[str, float] | None:
    """One ``litreview`` command in a fresh process: wall, CPU and peak memory; ``None``
    (and its error printed) when it fails, e.g. out of its address-space limit."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    limit = str(int(limit_gb * 2**30))
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, limit, *args], capture_output=True, text=True, env=env
    )
    wall = time.perf_counter() - t0
    try:
        figures = json.loads(done.stderr.strip().splitlines()[-1])
    except (ValueError, IndexError):
        figures = {"code": done.returncode}
    if figures["code"] not in (0, None):
        print(f"litreview {args[0]} failed after {wall:.0f} s:\n{done.stderr[-1500:]}")
        return None
    return {"wall": wall, "cpu": figures["cpu"], "peak_mb": figures["peak_mb"]}


def one_size(n: int, per_file: int, seed: int, limit_gb: float) -> dict[str, dict[str, float]]:
    """Build and run every step for ``n`` records; the figures by step."""
    with tempfile.TemporaryDirectory(prefix="bench_million_") as tmp:
        t0 = time.perf_counter()
        review, paths = build(Path(tmp), n, per_file, seed)
        export_mb = sum(Path(p).stat().st_size for p in paths) / 1e6
        rows: dict[str, dict[str, float]] = {"build": {"wall": time.perf_counter() - t0}}
        steps = {
            "import": ["import", "--review", str(review), *paths],
            "tag": ["tag", "--review", str(review)],
            "coverage": ["coverage", "--review", str(review)],
            "gaps": ["gaps", "--review", str(review)],
        }
        for name, argv in steps.items():
            figures = run_step(argv, limit_gb)
            if figures is None:
                break
            rows[name] = figures
            print(
                f"  n={n:,} {name}: {rows[name]['wall']:.1f} s wall, {rows[name]['cpu']:.1f} s "
                f"CPU, peak {rows[name]['peak_mb']:,.0f} MB",
                flush=True,
            )
        bib = review / "bibliography"
        rows["files"] = {
            "export_mb": export_mb,
            "corpus_mb": (bib / "corpus.bib").stat().st_size / 1e6,
            "tags_mb": (bib / "tags.csv").stat().st_size / 1e6 if "tag" in rows else 0.0,
        }
    return rows


def growth(a: float, b: float, na: int, nb: int) -> float:
    """Exponent k of time ~ n^k between two sizes."""
    if a <= 0 or b <= 0 or na == nb:
        return float("nan")
    return math.log(b / a) / math.log(nb / na)


def main() -> None:
    """Run each size and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--per-file", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--limit-gb", type=float, default=12, help="address-space limit of each step (a guard)"
    )
    args = ap.parse_args()
    load = os.getloadavg()[0]
    print(f"load average at start {load:.1f} on {os.cpu_count()} CPUs", flush=True)
    print(f"each step limited to {args.limit_gb:g} GB of address space", flush=True)
    results = {n: one_size(n, args.per_file, args.seed, args.limit_gb) for n in args.sizes}
    print(f"{'step':>9} | {'n':>9} | {'wall s':>7} | {'CPU s':>7} | {'peak MB':>8}")
    for n, rows in results.items():
        for step in (s for s in STEPS if s in rows):
            r = rows[step]
            print(
                f"{step:>9} | {n:>9,} | {r['wall']:>7.1f} | {r['cpu']:>7.1f} | "
                f"{r['peak_mb']:>8,.0f}"
            )
    for n, rows in results.items():
        done = [s for s in STEPS if s in rows]
        total = sum(rows[s]["wall"] for s in done)
        peak = max((rows[s]["peak_mb"] for s in done), default=0.0)
        if len(done) < len(STEPS):
            print(f"n={n:,}: {STEPS[len(done)]} failed (limit {args.limit_gb:g} GB)")
        f = rows["files"]
        print(
            f"n={n:,}: steps {total / 60:.1f} min wall (target < 15 min at 10^6), peak "
            f"{peak:,.0f} MB (target < 8,000 MB); building the export {rows['build']['wall']:.0f}"
            f" s; export {f['export_mb']:,.0f} MB, corpus.bib {f['corpus_mb']:,.0f} MB, "
            f"tags.csv {f['tags_mb']:,.0f} MB"
        )
    sizes = sorted(results)
    if len(sizes) > 1:
        lo, hi = sizes[0], sizes[-1]
        print(f"growth exponent k of CPU time from {lo:,} to {hi:,} (1.0 linear, ~1.1 n log n):")
        for step in (s for s in STEPS if s in results[lo] and s in results[hi]):
            k = growth(results[lo][step]["cpu"], results[hi][step]["cpu"], lo, hi)
            print(f"  {step:>9}: {k:.2f}")
    print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
