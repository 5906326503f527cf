"""Benchmark of importing a database search export: read, deduplicate, save corpus.bib.

    python3 benchmarks/bench_import.py [--records 100000] [--format ris|wos] [--seed 1]

The synthetic export is built from the real files in ``tests/data/real``: each record is a
real record of that format (Scopus, Ovid, Zotero ... RIS records; Web of Science
tab-delimited rows) with its title, authors and identifiers replaced by new ones drawn from
the words and names of all the real records, so field mix, lengths and repeated tags are
the real ones. About 10% of the records are duplicates of earlier ones (same DOI; or no DOI
and a re-cased, re-punctuated title), as two databases' hits on one work are. The import
runs in a fresh process so its peak memory (``ru_maxrss``) is its own. Prints the time of
each step, the works and merges, and the peak memory; the target is under 20 s and 1.5 GB
for 100,000 records.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REAL = Path(__file__).resolve().parent.parent / "tests" / "data" / "real"
DUPLICATES = 0.10


def _vocabulary() -> tuple[list[str], list[str]]:
    """Title words and family names of the real records."""
    from litreview.formats import read_file

    words: set[str] = set()
    names: set[str] = set()
    for path in sorted(REAL.iterdir()):
        if path.suffix in (".md",):
            continue
        for work in read_file(path)[0]:
            words.update(w for w in re.findall(r"[A-Za-z]{3,}", work.title + " " + work.abstract))
            names.update(p.family for p in work.authors if p.family.isalpha())
    return sorted(words), sorted(names)


def _ris_templates() -> list[list[tuple[str, str]]]:
    """The tag lines of every real RIS record (continuation lines joined)."""
    from litreview.formats.ris import _scan

    out = []
    for path in sorted(REAL.glob("*.ris")):
        records, _ = _scan(path.read_text(encoding="utf-8-sig"), str(path))
        out += [r.tags for r in records if any(t in ("TI", "T1") for t, _ in r.tags)]
    return out


def _wos_templates() -> tuple[list[str], list[dict[str, str]]]:
    import csv

    text = (REAL / "wosfile_tab_delimited.txt").read_text(encoding="utf-8-sig")
    reader = csv.DictReader(text.splitlines(), delimiter="\t")
    return list(reader.fieldnames or []), list(reader)


def _new_title(rng: random.Random, words: list[str]) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(5, 14))).capitalize()


def _variant(title: str, rng: random.Random) -> str:
    """The same title as another database writes it."""
    title = title.upper() if rng.random() < 0.3 else title.title()
    return title + rng.choice([".", "", " :", ""])


def make_ris(n: int, seed: int) -> str:
    """``n`` RIS records from the real shapes."""
    rng = random.Random(seed)
    words, names = _vocabulary()
    templates = _ris_templates()
    made: list[tuple[str, str, list[str], int]] = []
    blocks = []
    for i in range(n):
        if made and rng.random() < DUPLICATES:
            title, doi, authors, shape = rng.choice(made)
            title = _variant(title, rng)
            doi = doi if rng.random() < 0.5 else ""
        else:
            title, doi = _new_title(rng, words), f"10.{1000 + i % 9000}/synth.{i}"
            authors = [
                f"{rng.choice(names)}, {rng.choice('ABCDEFGHJKLMNPRS')}."
                for _ in range(rng.randint(1, 6))
            ]
            shape = rng.randrange(len(templates))
            made.append((title, doi, authors, shape))
        lines = [("TY", "JOUR"), ("TI", title), *(("AU", a) for a in authors)]
        if doi:
            lines.append(("DO", doi))
        skip = {"TY", "TI", "T1", "AU", "A1", "DO", "ID", "ER"}
        lines += [(t, v) for t, v in templates[shape] if t not in skip]
        blocks.append("".join(f"{t}  - {v}\n" for t, v in lines) + "ER  - \n")
    return "\n".join(blocks)


def make_wos(n: int, seed: int) -> str:
    """``n`` Web of Science tab-delimited rows from the real shapes."""
    rng = random.Random(seed)
    words, names = _vocabulary()
    header, rows = _wos_templates()
    made: list[dict[str, str]] = []
    out = ["\t".join(header)]
    for i in range(n):
        row = dict(rng.choice(rows))
        if made and rng.random() < DUPLICATES:
            old = rng.choice(made)
            row.update(old, TI=_variant(old["TI"], rng), UT=f"WOS:{900000000000 + i:015d}")
            row["DI"] = old["DI"] if rng.random() < 0.5 else ""
        else:
            authors = "; ".join(f"{rng.choice(names)}, {rng.choice('ABCDEFGH')}" for _ in range(3))
            row.update(TI=_new_title(rng, words), AU=authors, AF=authors, DI=f"10.1/w{i}")
            row["UT"] = f"WOS:{i:015d}"
            made.append({k: row[k] for k in ("TI", "AU", "AF", "DI", "PY")})
        out.append("\t".join(row.get(h, "") or "" for h in header))
    return "\ufeff" + "\n".join(out) + "\n"


def run_import(path: str) -> dict[str, float]:
    """Import ``path`` into an empty corpus (in this process); the time of each step. The
    corpus.bib is written beside ``path`` as a new review's is (an entry at a time, synced)."""
    from litreview.core.atomic import stage
    from litreview.corpus.dedup import merge_into
    from litreview.formats import read_file
    from litreview.formats.bibtex import bibtex_pieces

    c0, t0 = time.process_time(), time.perf_counter()
    works, _ = read_file(path)
    t1 = time.perf_counter()
    result = merge_into([], works, source=path)
    t2 = time.perf_counter()
    bib = Path(path).with_name("corpus.bib")
    stage(bib, bibtex_pieces(sorted(result.works, key=lambda w: w.key)), bib)
    t3 = time.perf_counter()
    cpu = time.process_time() - c0
    return {
        "records": len(works),
        "works": len(result.works),
        "merges": len(result.merges),
        "read_s": t1 - t0,
        "dedup_s": t2 - t1,
        "save_s": t3 - t2,
        "total_s": t3 - t0,
        "cpu_s": cpu,
        "bib_mb": bib.stat().st_size / 1e6,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    """Build the export, import it in a fresh process, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--format", choices=("ris", "wos"), default="ris")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--make", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.make:
        make = make_ris if args.format == "ris" else make_wos
        Path(args.make).write_text(make(args.records, args.seed), encoding="utf-8")
        return
    if args.child:
        print(json.dumps(run_import(args.child)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"export.{'ris' if args.format == 'ris' else 'txt'}"
        # built by a child: Linux carries a process's peak memory over exec, so the import,
        # forked from this process, would report this one's peak if it built the export
        subprocess.run(
            [
                *(sys.executable, __file__, "--make", str(path)),
                *("--records", str(args.records), "--format", args.format),
                *("--seed", str(args.seed)),
            ],
            check=True,
        )
        size = path.stat().st_size / 1e6
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(path)], capture_output=True, text=True
        )
    if done.returncode:
        sys.exit(done.stderr)
    r = json.loads(done.stdout)
    print(f"{args.format} export: {r['records']:,} records, {size:.0f} MB")
    print(f"works {r['works']:,}, merges {r['merges']:,}")
    print(
        f"read {r['read_s']:.1f} s, dedup {r['dedup_s']:.1f} s, save {r['save_s']:.1f} s; "
        f"total {r['total_s']:.1f} s (target < 20 s); CPU {r['cpu_s']:.1f} s"
    )
    print(
        f"peak memory {r['peak_mb']:,.0f} MB (target < 1,500 MB); corpus.bib {r['bib_mb']:.0f} MB"
    )


if __name__ == "__main__":
    main()
