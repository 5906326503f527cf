"""litreview against the peers that do less, on the same files in the same run.

    python3 benchmarks/bench_peers.py [--records 100000] [--seed 1] [--peer-python PY]

One RIS search export (built by :mod:`bench_import`, 10% duplicates) and one BibTeX corpus
(built by :mod:`bench_corpus`) of ``--records`` records each; every job runs in a fresh
process, one after the other, and prints its wall and CPU seconds (the process and its
workers) and its peak memory:

- RIS import: litreview's read + deduplication + corpus.bib written (an entry at a time, as
  a new review's is), against ASReview's reader
  (``asreview.data.loader.load_records``: rispy, then a pandas frame, then records) and
  rispy's ``load``. ASReview is run by ``--peer-python`` (an interpreter with asreview
  installed; by default this one) and left out when it is not installed.
- RIS export: litreview's ``write_ris`` of the imported works, against rispy's ``dumps`` of
  the entries rispy read.
- BibTeX import: litreview's read + deduplication + corpus.bib written, against a raw
  ``bibtexparser.parse_string`` of the same file.

Ratios are of CPU seconds (wall time on a shared machine says more about the neighbours);
the targets are 1.5 for each.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_MEASURE = """
import json, resource, sys, time
def _report(extra):
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = {"wall": time.perf_counter() - T0,
           "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime - CPU0,
           "peak_mb": max(me.ru_maxrss, kids.ru_maxrss) / 1024, **extra}
    print("FIGURES " + json.dumps(out))
"""
_START = """
me = resource.getrusage(resource.RUSAGE_SELF)
T0, CPU0 = time.perf_counter(), me.ru_utime + me.ru_stime
"""
JOBS = {
    "litreview RIS import": (
        "from litreview.formats import read_file\n"
        "from litreview.corpus.dedup import merge_into\n"
        "from litreview.formats.bibtex import bibtex_pieces\n"
        "from litreview.core.atomic import stage\n"
        "from pathlib import Path\n" + _START + "works, _ = read_file(sys.argv[1])\n"
        "result = merge_into([], works, source=sys.argv[1])\n"
        "out = Path(sys.argv[1]).with_name('saved.bib')\n"
        "stage(out, bibtex_pieces(sorted(result.works, key=lambda w: w.key)), out)\n"
        "out.unlink()\n"
        "_report({'records': len(works), 'works': len(result.works)})\n"
    ),
    "ASReview reader": (
        "from asreview.data.loader import load_records\n"
        + _START
        + "records = load_records(sys.argv[1], dataset_id='bench')\n"
        "_report({'records': len(records)})\n"
    ),
    "rispy load": (
        "import rispy\n" + _START + "with open(sys.argv[1], encoding='utf-8') as f:\n"
        "    entries = rispy.load(f)\n"
        "_report({'records': len(entries)})\n"
    ),
    "litreview RIS export": (
        "from litreview.formats import read_file\n"
        "from litreview.formats.ris import write_ris\n"
        "works, _ = read_file(sys.argv[1])\n" + _START + "text = write_ris(works)\n"
        "_report({'records': len(works)})\n"
    ),
    "rispy dumps": (
        "import rispy\n"
        "with open(sys.argv[1], encoding='utf-8') as f:\n"
        "    entries = rispy.load(f)\n" + _START + "text = rispy.dumps(entries)\n"
        "_report({'records': len(entries)})\n"
    ),
    "litreview BibTeX import": (
        "from litreview.formats import read_file\n"
        "from litreview.corpus.dedup import merge_into\n"
        "from litreview.formats.bibtex import bibtex_pieces\n"
        "from litreview.core.atomic import stage\n"
        "from pathlib import Path\n" + _START + "works, _ = read_file(sys.argv[2])\n"
        "result = merge_into([], works, source=sys.argv[2])\n"
        "out = Path(sys.argv[2]).with_name('saved.bib')\n"
        "stage(out, bibtex_pieces(sorted(result.works, key=lambda w: w.key)), out)\n"
        "out.unlink()\n"
        "_report({'records': len(works), 'works': len(result.works)})\n"
    ),
    "bibtexparser parse": (
        "import bibtexparser\n" + _START + "with open(sys.argv[2], encoding='utf-8') as f:\n"
        "    library = bibtexparser.parse_string(f.read())\n"
        "_report({'records': len(library.entries)})\n"
    ),
}
PAIRS = (
    ("RIS import", "litreview RIS import", "ASReview reader"),
    ("RIS import", "litreview RIS import", "rispy load"),
    ("RIS export", "litreview RIS export", "rispy dumps"),
    ("BibTeX import", "litreview BibTeX import", "bibtexparser parse"),
)


def run_job(name: str, python: str, ris: Path, bib: Path) -> dict[str, float] | None:
    """One job in a fresh process, in the files' folder (a peer's library may leave a cache
    file in its working directory); ``None`` when its library is not installed."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [python, "-c", _MEASURE + JOBS[name], str(ris), str(bib)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ris.parent,
    )
    lines = [x for x in done.stdout.splitlines() if x.startswith("FIGURES ")]
    if done.returncode or not lines:
        if "ModuleNotFoundError" in done.stderr:
            return None
        sys.exit(f"{name} failed:\n{done.stderr[-3000:]}")
    figures: dict[str, float] = json.loads(lines[-1].removeprefix("FIGURES "))
    return figures


def _make_files(ris: Path, bib: Path, records: int, seed: int) -> None:
    """Write both files from a child process: Linux carries a process's peak memory over
    ``exec``, so the jobs, forked from this one, would report its peak if it built them."""
    code = (
        "import sys; from pathlib import Path; import bench_corpus, bench_import\n"
        "n, seed = int(sys.argv[3]), int(sys.argv[4])\n"
        "Path(sys.argv[1]).write_text(bench_import.make_ris(n, seed), encoding='utf-8')\n"
        "Path(sys.argv[2]).write_text(bench_corpus.corpus(n, seed), encoding='utf-8')\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "benchmarks")]))
    subprocess.run(
        [sys.executable, "-c", code, str(ris), str(bib), str(records), str(seed)],
        check=True,
        env=env,
    )


def main() -> None:
    """Build the files, run every job, print the table and the ratios."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--peer-python", default=sys.executable, help="a Python with asreview")
    args = ap.parse_args()
    print(f"load average at start {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench_peers_") as tmp:
        ris, bib = Path(tmp) / "export.ris", Path(tmp) / "corpus.bib"
        _make_files(ris, bib, args.records, args.seed)
        print(
            f"files: RIS {ris.stat().st_size / 1e6:.0f} MB, BibTeX {bib.stat().st_size / 1e6:.0f}"
            f" MB, {args.records:,} records each"
        )
        for name in JOBS:
            python = args.peer_python if name == "ASReview reader" else sys.executable
            figures = run_job(name, python, ris, bib)
            if figures is None:
                print(f"{name:>24}: not installed, left out")
                continue
            results[name] = figures
            print(
                f"{name:>24}: {figures['wall']:6.1f} s wall {figures['cpu']:6.1f} s CPU "
                f"peak {figures['peak_mb']:6,.0f} MB ({figures['records']:,.0f} records)",
                flush=True,
            )
    print("ratios of CPU time (target 1.5 or less):")
    for work, ours, peer in PAIRS:
        if ours in results and peer in results:
            ratio = results[ours]["cpu"] / results[peer]["cpu"]
            wall = results[ours]["wall"] / results[peer]["wall"]
            print(f"  {work}: litreview / {peer} = {ratio:.2f} (wall {wall:.2f})")
    print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
