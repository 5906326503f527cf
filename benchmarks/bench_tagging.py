"""Benchmark: rule tagging and coverage of synthetic corpora.

Builds N synthetic works (title, abstract, keywords) cited by synthetic documents (one citing
sentence each, under section headings), with words drawn from the default taxonomy's synonyms
and filler. Prints works/s for ``tag_corpus`` (single process and ``--workers`` processes),
peak memory, and the time of a coverage matrix and cube over the resulting tags.

    python benchmarks/bench_tagging.py [--works 100000] [--workers 2]
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from litreview.coverage import coverage_cube, coverage_matrix
from litreview.model import Citation, Document, Work
from litreview.tagging import tag_corpus
from litreview.taxonomy import Taxonomy, load_taxonomy

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


def _tag_chunk(args):  # type: ignore[no-untyped-def]
    """Tag one chunk of documents (run in a worker process)."""
    tax_text, works, citations, texts, docs = args
    taxonomy = load_taxonomy(tax_text, "taxonomy.yaml")
    return tag_corpus(works, citations, texts, docs, taxonomy).tags


def main() -> None:
    """Run and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    tax_text = (ROOT / "bibliography" / "taxonomy.yaml").read_text("utf-8")
    taxonomy = load_taxonomy(tax_text, "taxonomy.yaml")
    works, citations, texts, docs = synthetic(args.works, taxonomy)
    chars = sum(len(w.title) + len(w.abstract) for w in works) + sum(
        len(c.context) for c in citations
    )
    print(
        f"synthetic corpus: {len(works)} works, {len(citations)} citations, "
        f"{len(texts)} documents, {chars / 1e6:.1f} M chars of fields and contexts"
    )

    t0 = time.perf_counter()
    result = tag_corpus(works, citations, texts, docs, taxonomy)
    t1 = time.perf_counter()
    print(
        f"tag_corpus, 1 process: {t1 - t0:.1f} s, {len(works) / (t1 - t0):,.0f} works/s, "
        f"{len(result.tags):,} tag rows"
    )

    if args.workers > 1:
        step = -(-len(docs) // args.workers)
        chunks = []
        for i in range(args.workers):
            chunk_docs = docs[i * step : (i + 1) * step]
            ids = {d.doc_id for d in chunk_docs}
            chunk_cits = [c for c in citations if c.doc_id in ids]
            keys = {c.work_key for c in chunk_cits}
            chunks.append(
                (
                    tax_text,
                    [w for w in works if w.key in keys],
                    chunk_cits,
                    {k: texts[k] for k in ids},
                    chunk_docs,
                )
            )
        t0 = time.perf_counter()
        with ProcessPoolExecutor(args.workers) as pool:
            n_rows = sum(len(tags) for tags in pool.map(_tag_chunk, chunks))
        t1 = time.perf_counter()
        print(
            f"tag_corpus, {args.workers} processes: {t1 - t0:.1f} s, "
            f"{len(works) / (t1 - t0):,.0f} works/s, {n_rows:,} tag rows"
        )

    t0 = time.perf_counter()
    cov = coverage_matrix(result.tags, "crime_type", "group")
    t1 = time.perf_counter()
    cube = coverage_cube(result.tags, ["crime_type", "group", "gender_dimension"])
    t2 = time.perf_counter()
    print(
        f"coverage_matrix: {t1 - t0:.2f} s ({int(cov.counts.to_numpy().sum()):,} cell members); "
        f"coverage_cube: {t2 - t1:.2f} s ({len(cube):,} combinations)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (main process): {peak:,.0f} MB")


if __name__ == "__main__":
    main()
