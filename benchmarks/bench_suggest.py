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
evidence: fields, citing sentences, hits; ``C`` 3); ``rule-blind`` is the default (each
facet's models trained on the evidence blind to that facet:
``TagSuggester(hide=blind_to(taxonomy))``), which also reads the words of the headings citing
a work, its accepted values of the other facets and what the works cited under the same
headings were tagged (``tags.suggest_nearby``), its ``C`` chosen per facet by grouped CV on
the training works. It is printed with each of those off, and as it was before them
(``no context, C=3``). The rule-blind model blanks a facet's phrases itself before it scores a
work, so for it the two measures are the same by construction and only ``rules hidden`` is
printed. One split into folds moves P@20 by 0.05 a pair; ``--splits N`` prints the default
and the no-context model over N other random grouped splits (mean ± spread).

On the default review (89 works), rules hidden, P@20 / R@20 / calibration error: crime_type
0.80 / 0.14 / 0.03, gender_dimension 0.45 / 0.08 / 0.05, group 0.50 / 0.12 / 0.04; over five
other splits 0.86, 0.55, 0.53 (no context: 0.51, 0.48, 0.37). By the reader's verdicts the
gender dimension's top 20 hold 16 right pairs. The fixture review (8 works, 14 accepted pairs)
has too few tags to learn any value.

The answers are rule tags (and any curator edits): they miss what the rules miss, so under
``rules hidden`` a suggestion the rules never gave counts as wrong even when it is right. A reader's
verdicts on the pairs that matter (``--checked FILE``, default
``benchmarks/data/suggest_checked.csv``; who and how in ``suggest_checked.md``) give two more
figures: the default model with the rules hidden, its answers the rule tags plus the pairs the
reader said yes to; and the precision of the top suggestions of ``suggestions.csv`` (the
review's, or ``--suggestions FILE``) by the verdicts alone, with how many are undecided.

    python benchmarks/bench_suggest.py [--review DIR] [--top 20] [--folds 5] [--splits 5]
        [--quick] [--checked FILE] [--suggestions FILE]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from litreview.pipeline.suggest import review_evidence
from litreview.review import Review
from litreview.tags.suggest import TagSuggester, confirmed_labels
from litreview.tags.suggest_features import blind_to
from litreview.tags.suggest_quality import cross_validate, facet_quality, held_out_scores

CHECKED = ROOT / "benchmarks" / "data" / "suggest_checked.csv"
#: the model before the context features (and before C was chosen by nested CV)
BEFORE_CONTEXT = {"use_headings": False, "use_tags": False, "use_nearby": False, "C": 3.0}
QUICK = ("rule-blind, no context, C=3, rules hidden", "rule-blind, rules hidden")
SWITCHES = (("headings", "use_headings"), ("own tags", "use_tags"), ("nearby tags", "use_nearby"))


def main() -> None:
    """Print the table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--review", default=str(ROOT))
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--splits", type=int, default=5, help="other random fold splits (0: none)")
    ap.add_argument("--quick", action="store_true", help="the default model and the one before")
    ap.add_argument("--checked", default=str(CHECKED))
    ap.add_argument("--suggestions", help="the suggestions.csv to check (the review's)")
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
        "rules-seen, rules seen": (BEFORE_CONTEXT, None),
        "rules-seen, rules hidden": (BEFORE_CONTEXT, hide),
        "rule-blind, no context, C=3, rules hidden": ({**BEFORE_CONTEXT, "hide": hide}, hide),
        "rule-blind, rules hidden": ({"hide": hide}, hide),
        **{
            f"rule-blind without {name}, rules hidden": ({"hide": hide, off: False}, hide)
            for name, off in SWITCHES
        },
        "rule-blind, C=3 (no nested CV), rules hidden": ({"hide": hide, "C": 3.0}, hide),
    }
    if args.quick:
        variants = {k: v for k, v in variants.items() if k in QUICK}
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
            if not q.n_scored:
                print(f"| {name} | {q.facet} | too few accepted tags to learn a value |||||")
                continue
            print(
                f"| {name} | {q.facet} | {q.precision_at_top:.2f} | {q.recall_at_top:.2f} | "
                f"{q.precision:.2f} | {q.recall:.2f} | {q.n_suggested} | "
                f"{q.calibration_error:.3f} |"
            )
        print(f"<!-- {name}: {time.perf_counter() - t0:.1f}s -->")
    print_splits(evidence, labels, values, hide, args)
    verdicts = read_checked(Path(args.checked))
    print_rechecked(evidence, labels, values, hide, verdicts, args.top, args.folds)
    print_checked(Path(args.suggestions or review.suggestions_path), verdicts, args.top)


def print_splits(evidence: Any, labels: Any, values: Any, hide: Any, args: Any) -> None:
    """The default model and the one before the context features, rules hidden, over
    ``--splits`` other random splits into grouped folds: mean and spread of each figure."""
    if args.splits < 1:
        return
    models = {"rule-blind": {}, "rule-blind, no context, C=3": BEFORE_CONTEXT}
    print(f"| model, {args.splits} splits | facet | P@{args.top} | R@{args.top} | ECE |")
    print("|---|---|---|---|---|")
    for name, params in models.items():
        runs: dict[str, list[Any]] = {}
        for seed in range(1, args.splits + 1):
            quality = cross_validate(
                evidence,
                labels,
                lambda params=params: TagSuggester(values=values, hide=hide, **params),
                top=args.top,
                folds=args.folds,
                blind=hide,
                seed=seed,
            )
            for q in quality:
                runs.setdefault(q.facet, []).append(q)
        for facet, qs in runs.items():
            if not any(q.n_scored for q in qs):
                print(f"| {name} | {facet} | too few accepted tags to learn a value |||")
                continue
            cells = [
                f"{np.mean(x):.2f} ± {np.std(x):.2f}"
                for x in (
                    [q.precision_at_top for q in qs],
                    [q.recall_at_top for q in qs],
                    [q.calibration_error for q in qs],
                )
            ]
            print(f"| {name} | {facet} | {' | '.join(cells)} |")


def read_checked(path: Path) -> dict[tuple[str, str, str], str]:
    """(work, facet, value) -> a reader's verdict (yes, no, unsure); empty without the file."""
    if not path.is_file():
        print(f"no checked suggestions ({path} not found)")
        return {}
    with path.open(encoding="utf-8") as fh:
        return {(r["work_key"], r["facet"], r["value"]): r["verdict"] for r in csv.DictReader(fh)}


def print_rechecked(
    evidence: Any, labels: Any, values: Any, hide: Any, verdicts: Any, top: int, folds: int
) -> None:
    """The default model with the rules hidden, its answers the rule tags plus the pairs a
    reader said yes to (trained on the rule tags only); unchecked pairs count as wrong."""
    scores = held_out_scores(
        evidence, labels, lambda: TagSuggester(values=values, hide=hide), folds=folds
    )
    answers = {fv: set(keys) for fv, keys in labels.items()}
    for (k, f, v), verdict in verdicts.items():
        if verdict == "yes":
            answers.setdefault((f, v), set()).add(k)
    keys = [e.key for e in evidence]
    for facet in sorted({f for f, _ in labels}):
        q = facet_quality(scores, answers, facet, keys, top=top)
        best = sorted((-p, k, v) for (k, f, v), p in scores.items() if f == facet)[:top]
        new = [(k, facet, v) for _, k, v in best if k not in labels.get((facet, v), ())]
        unchecked = sum(verdicts.get(pair, "unsure") == "unsure" for pair in new)
        print(
            f"rules hidden, answers rule tags + reader's yes | {facet} | P@{top} "
            f"{q.precision_at_top:.2f} | R@{top} {q.recall_at_top:.2f} | {len(new)} of the top "
            f"not given by the rules, {unchecked} of them unchecked or unsure (counted wrong)"
        )


def print_checked(path: Path, verdicts: dict[tuple[str, str, str], str], top: int) -> None:
    """Precision of the top suggestions of a ``suggestions.csv`` per facet by a reader's
    verdicts."""
    if not path.is_file():
        print(f"no suggestions to check ({path} not found)")
        return
    with path.open(encoding="utf-8") as fh:
        rows = sorted(
            csv.DictReader(fh), key=lambda r: (-float(r["score"]), r["work_key"], r["value"])
        )
    for facet in sorted({r["facet"] for r in rows}):
        best = [r for r in rows if r["facet"] == facet][:top]
        said = [verdicts.get((r["work_key"], facet, r["value"])) for r in best]
        checked = [v for v in said if v in ("yes", "no")]
        right = sum(v == "yes" for v in checked)
        share = f"{right / len(checked):.2f}" if checked else "-"
        print(
            f"checked by hand, {path.name} | {facet} | precision {share} of the {len(checked)} "
            f"decided among the top {len(best)} ({right} yes, {len(checked) - right} no, "
            f"{len(best) - len(checked)} unsure or unchecked; "
            f"{right / len(best) if best else 0:.2f} counting those wrong)"
        )


if __name__ == "__main__":
    main()
