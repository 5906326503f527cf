"""Benchmark: the tag suggestions' quality on a review's accepted tags, cross-validated.

Prints, per model and facet: precision and recall of the top 20 (work, value) pairs pooled
over the held-out folds, precision and recall of the pairs scored at least 0.5, the
calibration error, and the time taken. Works are split into folds by group (works sharing a
citing sentence or paragraph are held out together; each fold's vocabulary is fitted on its
training works only). Two measures:

- ``rules seen`` (circular): held-out works are scored on all their evidence. The answers are
  the rule tags, made from the taxonomy's phrases that the model also reads, so a model that
  relearns the phrases scores near 1 while suggesting nothing the rules did not give.
- ``rules hidden`` (what a curator gets): before a held-out work is scored for a facet, that
  facet's phrases are blanked from its words and its hits dropped
  (``suggest_features.blind_to``): the work looks like one the rules could not tag, and the
  tags the rules gave it from those phrases are what it is checked against.

Models: ``rules-seen`` is the model before issue 20 (every facet's models read the whole
evidence); ``rule-blind`` is the default (each facet's models trained on the evidence blind
to that facet: ``TagSuggester(hide=blind_to(taxonomy))``), with its words-only and hits-only
variants.

The answers are rule tags (and any curator edits): they miss what the rules miss, so under
``rules hidden`` a suggestion the rules never gave counts as wrong even when it is right. With
``--checked FILE`` (default ``benchmarks/data/suggest_checked.csv``) the script also prints
the precision of the review's current top suggestions per facet by a reader's verdicts (who
and how are in the file), and how many of the top are checked.

    python benchmarks/bench_suggest.py [--review DIR] [--top 20] [--folds 5] [--checked FILE]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from litreview.pipeline.suggest import review_evidence
from litreview.review import Review
from litreview.tags.suggest import TagSuggester, confirmed_labels
from litreview.tags.suggest_features import blind_to
from litreview.tags.suggest_quality import cross_validate

CHECKED = ROOT / "benchmarks" / "data" / "suggest_checked.csv"


def main() -> None:
    """Print the table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--review", default=str(ROOT))
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--checked", default=str(CHECKED))
    args = ap.parse_args()
    review = Review.at(args.review)
    taxonomy = review.load_taxonomy()
    t0 = time.perf_counter()
    evidence = review_evidence(review, taxonomy)
    labels = confirmed_labels(review.load_tags())
    values = [(f.id, v.id) for f in taxonomy.facets for v in f.values]
    hide = blind_to(taxonomy)
    print(
        f"review {review.root.name}: {len(evidence)} works, "
        f"{len({e.group for e in evidence})} groups of works sharing a citing sentence or "
        f"paragraph, {sum(len(k) for k in labels.values())} accepted (work, value) pairs; "
        f"evidence read in {time.perf_counter() - t0:.1f}s"
    )
    variants = {
        "rules-seen, rules seen": ({}, None),
        "rules-seen, rules hidden": ({}, hide),
        "rule-blind, rules seen": ({"hide": hide}, None),
        "rule-blind, rules hidden": ({"hide": hide}, hide),
        "rule-blind words only, rules hidden": ({"hide": hide, "use_hits": False}, hide),
        "rule-blind hits only, rules hidden": ({"hide": hide, "use_words": False}, hide),
    }
    at = f"@{args.top}"
    print(f"| model, measure | facet | P{at} | R{at} | P(>=0.5) | R(>=0.5) | n(>=0.5) | ECE |")
    print("|---|---|---|---|---|---|---|---|")
    for name, (params, blind) in variants.items():
        t0 = time.perf_counter()

        def make(params: dict[str, Any] = params) -> TagSuggester:
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
    print_checked(review, Path(args.checked), args.top)


def print_checked(review: Review, path: Path, top: int) -> None:
    """Precision of the review's current top suggestions per facet by a reader's verdicts."""
    if not path.is_file():
        print(f"no checked suggestions ({path} not found)")
        return
    with path.open(encoding="utf-8") as fh:
        verdicts = {
            (r["work_key"], r["facet"], r["value"]): r["verdict"] for r in csv.DictReader(fh)
        }
    suggestions = sorted(review.load_suggestions(), key=lambda s: (-s.score, s.work_key, s.value))
    for facet in sorted({s.facet for s in suggestions}):
        best = [s for s in suggestions if s.facet == facet][:top]
        said = [verdicts.get((s.work_key, s.facet, s.value)) for s in best]
        checked = [v for v in said if v in ("yes", "no")]
        right = sum(v == "yes" for v in checked)
        share = f"{right / len(checked):.2f}" if checked else "-"
        print(
            f"checked by hand | {facet} | precision {share} of the top {len(best)} "
            f"({right} yes, {len(checked) - right} no, {len(best) - len(checked)} unchecked "
            f"or unsure)"
        )


if __name__ == "__main__":
    main()
