"""Benchmark: rule tagging and coverage of synthetic corpora.

Builds N synthetic works (title, abstract, keywords) cited by synthetic documents (one citing
sentence each, under section headings), with words drawn from the default taxonomy's synonyms
and filler. Prints wall and CPU time and works/s for ``tag_corpus`` with ``--workers``
processes (and one process with ``--serial``), peak memory (peak RSS of the main process
and of the largest worker), and the time of a coverage matrix and cube over the tags.

    python benchmarks/bench_tagging.py [--works 100000] [--workers 2] [--serial]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import time
from pathlib import Path

from litreview.core.model import Citation, Document, Work
from litreview.gaps.coverage import coverage_cube, coverage_matrix
from litreview.tags.tagging import tag_corpus
from litreview.taxonomy.facets import Taxonomy, load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
FILLER = [
    "the",
    "of",
    "and",
    "in",
    "to",
    "a",
    "on",
    "for",
    "study",
    "report",
    "evidence",
    "analysis",
    "review",
    "regional",
    "national",
    "network",
    "local",
    "impact",
    "this",
    "that",
    "with",
    "from",
    "by",
    "data",
    "policy",
    "between",
    "among",
    "across",
    "new",
    "recent",
    "survey",
    "findings",
    "patterns",
    "field",
    "case",
    "context",
    "role",
    "risk",
]
PER_DOC = 500  # citing sentences per synthetic document


def synthetic(n: int, taxonomy: Taxonomy, seed: int = 0):
    """Works, citations, document texts and documents for ``n`` works."""
    rng = random.Random(seed)
    phrases = [s for f in taxonomy.facets for v in f.values for s in v.synonyms]
    heads = [v.label for v in taxonomy.facets[0].values]

    def words(k: int, topical: float) -> str:
        return " ".join(
            rng.choice(phrases) if rng.random() < topical else rng.choice(FILLER) for _ in range(k)
        )

    works = [
        Work(
            key=f"w{i:06d}",
            title=words(10, 0.1).capitalize(),
            abstract=words(60, 0.03),
            keywords=tuple(rng.sample(phrases, 2)),
            issued=str(1990 + i % 35),
            type="report",
        )
        for i in range(n)
    ]
    citations, texts, docs = [], {}, []
    for d in range(0, n, PER_DOC):
        doc_id = f"doc{d // PER_DOC:05d}"
        parts, pos = [], 0
        for j, w in enumerate(works[d : d + PER_DOC]):
            if j % 25 == 0:
                head = rng.choice(heads)
                block = f"{head}\n\n"
                parts.append(block)
                pos += len(block)
            sentence = words(20, 0.05).capitalize() + "."
            citations.append(
                Citation(
                    doc_id=doc_id,
                    footnote=j + 1,
                    position=1,
                    raw=w.title,
                    work_key=w.key,
                    context=sentence,
                    section=head,
                    char_start=pos,
                    char_end=pos + len(sentence),
                )
            )
            block = sentence + ("\n\n" if j % 4 == 3 else " ")
            parts.append(block)
            pos += len(block)
        texts[doc_id] = "".join(parts)
        docs.append(Document(doc_id=doc_id, path=f"{doc_id}.txt"))
    return works, citations, texts, docs


def _timed(label: str, n: int, fn):  # type: ignore[no-untyped-def]
    """Run ``fn()``; print wall and CPU time (this process and its finished children)."""
    c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    w0, p0 = time.perf_counter(), time.process_time()
    out = fn()
    wall, cpu = time.perf_counter() - w0, time.process_time() - p0
    c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    child = (c1.ru_utime + c1.ru_stime) - (c0.ru_utime + c0.ru_stime)
    total = cpu + child
    print(
        f"{label}: wall {wall:.2f} s ({n / wall:,.0f} works/s); CPU {total:.2f} s "
        f"(main {cpu:.2f} + workers {child:.2f}; {n / total:,.0f} works per CPU-second)"
    )
    return out


def main() -> None:
    """Run and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--serial", action="store_true", help="also time one process")
    args = parser.parse_args()
    tax_text = (ROOT / "bibliography" / "taxonomy.yaml").read_text("utf-8")
    taxonomy = load_taxonomy(tax_text, "taxonomy.yaml")
    works, citations, texts, docs = synthetic(args.works, taxonomy)
    chars = sum(len(w.title) + len(w.abstract) for w in works) + sum(
        len(c.context) for c in citations
    )
    print(
        f"synthetic corpus: {len(works)} works, {len(citations)} citations, "
        f"{len(texts)} documents, {chars / 1e6:.1f} M chars of fields and contexts; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    n = len(works)
    if args.serial:
        _timed(
            "tag_corpus, workers=1 (one process)",
            n,
            lambda: tag_corpus(works, citations, texts, docs, taxonomy, workers=1),
        )
    result = _timed(
        f"tag_corpus, workers={args.workers}",
        n,
        lambda: tag_corpus(works, citations, texts, docs, taxonomy, workers=args.workers),
    )
    print(f"  {len(result.tags):,} tag rows")

    t0, p0 = time.perf_counter(), time.process_time()
    cov = coverage_matrix(result.tags, "crime_type", "group")
    t1, p1 = time.perf_counter(), time.process_time()
    cube = coverage_cube(result.tags, ["crime_type", "group", "gender_dimension"])
    t2, p2 = time.perf_counter(), time.process_time()
    print(
        f"coverage_matrix: wall {t1 - t0:.2f} s, CPU {p1 - p0:.2f} s "
        f"({int(cov.counts.to_numpy().sum()):,} cell members); "
        f"coverage_cube: wall {t2 - t1:.2f} s, CPU {p2 - p1:.2f} s ({len(cube):,} combinations)"
    )
    main_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: main process {main_rss:,.0f} MB, largest worker {child_rss:,.0f} MB")


if __name__ == "__main__":
    main()
