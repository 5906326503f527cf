"""Benchmark: the tag suggestions' quality on a review's accepted tags, cross-validated.

Prints, per facet: precision and recall of the top 20 suggestions (pooled over the held-out
folds), precision and recall of every suggestion scored at least 0.5, the calibration error,
and the time taken. Works that share a citing sentence or paragraph are held out together.
Four models are compared: the default (words and the taxonomy's phrase hits), words only, hits
only, and the default blind to the rules (each held-out work's phrases of the facet scored
cut out: what the model finds that the rules cannot).

    python benchmarks/bench_suggest.py [--review DIR] [--top 20] [--folds 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from litreview.pipeline.suggest import review_evidence
from litreview.review import Review
from litreview.tags.suggest import TagSuggester, confirmed_labels
from litreview.tags.suggest_quality import blind_to, cross_validate


def main() -> None:
    """Print the table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--review", default=str(ROOT))
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    review = Review.at(args.review)
    taxonomy = review.load_taxonomy()
    t0 = time.perf_counter()
    evidence = review_evidence(review, taxonomy)
    labels = confirmed_labels(review.load_tags())
    values = [(f.id, v.id) for f in taxonomy.facets for v in f.values]
    print(
        f"review {review.root.name}: {len(evidence)} works, "
        f"{len({e.group for e in evidence})} groups of works sharing a citing sentence or "
        f"paragraph, {sum(len(k) for k in labels.values())} accepted (work, value) pairs; "
        f"evidence read in {time.perf_counter() - t0:.1f}s"
    )
    variants = {
        "default": ({}, None),
        "words only": ({"use_hits": False}, None),
        "hits only": ({"use_words": False}, None),
        "blind to rules": ({}, blind_to(taxonomy)),
    }
    print(f"| model | facet | P@{args.top} | R@{args.top} | P(>=0.5) | R(>=0.5) | n(>=0.5) | ECE |")
    print("|---|---|---|---|---|---|---|---|")
    for name, (params, blind) in variants.items():
        t0 = time.perf_counter()

        def make(params: dict[str, bool] = params) -> TagSuggester:
            return TagSuggester(values=values, **params)

        quality = cross_validate(
            evidence, labels, make, top=args.top, folds=args.folds, blind=blind
        )
        for q in quality:
            print(
                f"| {name} | {q.facet} | {q.precision_at_top:.2f} | {q.recall_at_top:.2f} | "
                f"{q.precision:.2f} | {q.recall:.2f} | {q.n_suggested} | "
                f"{q.calibration_error:.3f} |"
            )
        print(f"<!-- {name}: {time.perf_counter() - t0:.1f}s -->")


if __name__ == "__main__":
    main()
