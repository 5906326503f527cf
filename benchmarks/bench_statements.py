"""Speed of the gap-statement detector, in sentences per second.

    python3 benchmarks/bench_statements.py [--docs N] [--repeats R]

Reads the first N labelled documents (the seeds and the shared development set first, then
``benchmarks/statements/docs``), then times, best of R runs: finding notes
(``extract.footnotes``), reading sentences, features, the linear model's scores, the sentence
encoder on the read sentences the linear model puts at or above ``encoder_floor``, and
``find_statements`` whole (with facet mentions, on the default review's taxonomy), with the
encoder and without. Prints one line per phase, each as sentences (all of them) a second of
wall time and of this process's CPU time (the two differ when other work shares the
machine, or when a library runs threads).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from litreview.extract.footnotes import find_footnotes
from litreview.gaps.cues import default_cues
from litreview.gaps.sentence_encoder import default_encoder
from litreview.gaps.statement_data import load_labels
from litreview.gaps.statement_features import document_features
from litreview.gaps.statement_model import default_model, score
from litreview.gaps.statement_scope import read_sentences
from litreview.gaps.statements import blend, find_statements
from litreview.taxonomy.facets import load_taxonomy


def best(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    """The shortest of ``repeats`` timings of ``fn()`` in seconds: wall time, CPU time."""
    wall, cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return min(wall), min(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    files = [ROOT / "tests" / "data" / "statement_check.yaml"]
    files += sorted((ROOT / "benchmarks" / "statements" / "labels").glob("*.yaml"))
    texts = [d.text for f in files for d in load_labels(f, ROOT)][: args.docs]
    cues, model = default_cues(), default_model()
    taxonomy = load_taxonomy((ROOT / "bibliography" / "taxonomy.yaml").read_text("utf-8"))
    sents = [read_sentences(t, cues) for t in texts]
    n = sum(len(s) for s in sents)
    feats = [document_features(s, cues) for s in sents]
    phases: list[tuple[str, Callable[[], object]]] = [
        ("notes (extract.footnotes)", lambda: [find_footnotes(t) for t in texts]),
        ("sentences and scope", lambda: [read_sentences(t, cues) for t in texts]),
        ("features", lambda: [document_features(s, cues) for s in sents]),
        ("model scores", lambda: [score(model, f) for f in feats]),
        ("blend, encoder at floor", lambda: _encode(sents, feats, model, cues)),
        (
            "find_statements, whole",
            lambda: [find_statements("d", t, cues, taxonomy) for t in texts],
        ),
        (
            "find_statements, linear only",
            lambda: [find_statements("d", t, linear, taxonomy) for t in texts],
        ),
    ]
    linear = replace(cues, encoder_share=0.0)
    print(f"{len(texts)} documents, {n} sentences, best of {args.repeats} runs")
    print(f"{'':28} {'wall':>9} {'sentences/s':>11} {'CPU':>9} {'sentences/s':>11}")
    for name, fn in phases:
        wall, cpu = best(fn, args.repeats)
        print(f"{name:28} {wall:7.3f} s {n / wall:11,.0f} {cpu:7.3f} s {n / cpu:11,.0f}")


def _encode(sents, feats, model, cues) -> int:  # type: ignore[no-untyped-def]
    """The blend of the two models, as the detector makes it; the sentences the encoder read."""
    encoder = default_encoder()
    read = 0
    for ss, f in zip(sents, feats, strict=True):
        unread = np.array([bool(s.excluded) for s in ss], dtype=bool)
        parts = blend(score(model, f).gap, [s.flat for s in ss], encoder, cues, unread)
        read += int((~np.isnan(parts.encoder)).sum())
    return read


if __name__ == "__main__":
    main()
