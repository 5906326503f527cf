"""Benchmark of saving into an existing corpus.bib: the in-place edit against a rewrite.

    python3 benchmarks/bench_corpus_patch.py [--sizes 10000 30000] [--changed 100] [--seed 1]
    python3 benchmarks/bench_corpus_patch.py --append 100000
    python3 benchmarks/bench_corpus_patch.py --ablation

For each size, a synthetic corpus (the one of ``bench_corpus.py``) is read; then ``changed``
works get a new DOI, as many new works are added and as many removed, and the new text is
made twice: by :func:`~litreview.formats.bibtex_patch.patch_bibtex` (what ``import`` and
``ingest`` now do, given the works the command read) and by ``write_bibtex`` of every work
(what they did). Prints the seconds
of the read (done by every command before it saves) and of each way of saving, and the share
of the old entries left byte for byte (against the share of works not edited or removed).

``--append N`` times the other common case (``bench_million.py``'s): the default review's
corpus.bib receiving N new works, the edit against the rewrite.

``--ablation`` measures the rule that rewrites only the fields of what changed: on the
hand-written BibTeX files of ``tests/data/real`` (plus the default review's corpus.bib), each
entry in turn gets a new title, a new DOI or a new date, and the lines of the file the save
rewrites are counted with the rule (what litreview does), without it (every field whose text
differs from what the writer would write is rewritten) and for a rewrite of the whole entry.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_corpus import corpus

from litreview.core.model import Work
from litreview.formats import _bibtex_entry_patch as entry_patch
from litreview.formats.bibtex import read_bibtex, write_bibtex
from litreview.formats.bibtex_patch import patch_bibtex

ROOT = Path(__file__).resolve().parent.parent
EDITS = {
    "title": lambda w: replace(w, title="A title changed by the benchmark"),
    "doi": lambda w: replace(w, doi="10.9999/benchmark"),
    "date": lambda w: replace(w, issued="1999-02"),
}


def one(n: int, changed: int, seed: int) -> dict[str, float]:
    """Figures for one corpus of ``n`` entries."""
    text = corpus(n, seed)
    t0 = time.perf_counter()
    works, problems = read_bibtex(text, "corpus.bib")
    t_read = time.perf_counter() - t0
    rng = random.Random(seed)
    changed = min(changed, max(1, len(works) // 10))  # a small corpus: a tenth of it
    picks = rng.sample(range(len(works)), 2 * changed)
    edit, cut = set(picks[:changed]), set(picks[changed:])
    new = [
        replace(w, doi=f"10.9999/bench.{i}") if i in edit else w
        for i, w in enumerate(works)
        if i not in cut
    ]
    new += [Work(key=f"zznew{i}", type="book", title=f"New work {i}") for i in range(changed)]
    t0 = time.perf_counter()
    patched = patch_bibtex(text, new, "corpus.bib", (works, problems))  # as Review does
    t_patch = time.perf_counter() - t0
    t0 = time.perf_counter()
    write_bibtex(sorted(new, key=lambda w: w.key))
    t_write = time.perf_counter() - t0
    before = text.split("\n@")
    after = set(patched.split("\n@"))
    kept = sum(1 for entry in before if entry in after) / len(before)
    return {
        "n": len(works),
        "read": t_read,
        "patch": t_patch,
        "rewrite": t_write,
        "kept": kept,
        "untouched": (len(works) - 2 * changed) / len(works),
    }


def _rewritten(before: str, after: str) -> int:
    """Lines of ``after`` that ``before`` does not hold (as many times)."""
    return sum(
        (
            collections.Counter(after.splitlines()) - collections.Counter(before.splitlines())
        ).values()
    )


def ablation() -> None:
    """Lines rewritten per edit with the rule, without it, and for whole entries."""
    files = sorted((ROOT / "tests" / "data" / "real").glob("*.bib"))
    files.append(ROOT / "bibliography" / "corpus.bib")
    totals: collections.Counter[str] = collections.Counter()
    edits = 0
    exact = entry_patch._differs
    for path in files:
        text = path.read_text(encoding="utf-8")
        works, _ = read_bibtex(text, str(path))
        for i in range(len(works)):
            for edit in EDITS.values():
                new = [edit(w) if j == i else w for j, w in enumerate(works)]
                stored = read_bibtex(write_bibtex([new[i]]))[0][0]
                new[i] = stored
                edits += 1
                totals["rule on"] += _rewritten(text, patch_bibtex(text, new))
                entry_patch._differs = lambda *_: True
                try:
                    totals["rule off"] += _rewritten(text, patch_bibtex(text, new))
                finally:
                    entry_patch._differs = exact
                totals["whole entry"] += len(write_bibtex([stored]).splitlines()) - 1
    print(f"{edits} edits of {len(files)} files; lines rewritten per edit:")
    for name in ("rule on", "rule off", "whole entry"):
        print(f"  {name:<12} {totals[name] / edits:6.2f}")


def append(n: int) -> None:
    """Seconds to add ``n`` new works to the default review's corpus: edit and rewrite."""
    text = (ROOT / "bibliography" / "corpus.bib").read_text(encoding="utf-8")
    works, _ = read_bibtex(text, "corpus.bib")
    new = works + [
        Work(key=f"zznew{i:07d}", type="book", title=f"New work {i}", issued="2001-05")
        for i in range(n)
    ]
    t0 = time.perf_counter()
    patched = patch_bibtex(text, new, "corpus.bib")
    t_patch = time.perf_counter() - t0
    t0 = time.perf_counter()
    write_bibtex(sorted(new, key=lambda w: w.key))
    t_write = time.perf_counter() - t0
    print(
        f"{len(works)} entries + {n} new: edit {t_patch:.2f} s, rewrite {t_write:.2f} s; "
        f"old text kept: {patched.startswith(text)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 30000])
    parser.add_argument("--changed", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ablation", action="store_true", help="measure the field rule")
    parser.add_argument("--append", type=int, default=0, help="time adding N new works")
    args = parser.parse_args()
    if args.append:
        append(args.append)
        return
    if args.ablation:
        ablation()
        return
    print(
        f"{'entries':>8} {'read s':>7} {'patch s':>8} {'rewrite s':>10} "
        f"{'entries kept':>13} {'not edited':>11}"
    )
    for size in args.sizes:
        r = one(size, args.changed, args.seed)
        print(
            f"{r['n']:>8.0f} {r['read']:>7.2f} {r['patch']:>8.2f} {r['rewrite']:>10.2f} "
            f"{r['kept']:>13.1%} {r['untouched']:>11.1%}"
        )


if __name__ == "__main__":
    main()
