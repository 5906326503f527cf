"""How the gap detector's two models are combined, and how the linear model weighs its pairs.

    python3 benchmarks/statement_blends.py [--folds 5] [--pairs all,sqrt,half,none]
        [--human-weights 1,2,4] [--floors 0.125,0.2,0.3] [--stack]

The linear gap model of ``train_statements.py`` out of fold (the folds of
``statement_labels.py``: document ``i`` in fold ``i % k``), blended with the sentence
encoder's stored out-of-sample scores (``benchmarks/statements/encoder_oof.npz``) as
``gap_cues.yaml`` sets it unless a variant says otherwise. Variants, one table row each:

- ``--pairs``: the ``pair:`` features (one for every two word lists a sentence holds) as they
  are (``all``), scaled by 1/sqrt(their number in the sentence) (``sqrt``), halved
  (``half``) or left out (``none``); in sentences and in their pieces alike.
- ``--human-weights``: each sentence of a document annotated by people (the seeds, the
  shared development set) weighs W in training, the others 1.
- ``--floors``: the encoder read only where the linear score is at least F (the shipped
  floor is the speed device of ``encoder_floor``), with the fraction of sentences it reads.
- ``--stack``: instead of the shipped mixture (share x encoder + (1 - share) x linear), a
  logistic regression on the two scores' log-odds, fitted on the other folds' out-of-fold
  scores (sentences under the floor by one on the linear score alone); printed as precision
  at fixed recalls and best F1 against the shipped mixture, for every variant of
  ``--pairs``.

Writes nothing. Results: ``benchmarks/statements/README.md`` ("Combining the two models").
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import statement_encoder_oof as encoder_oof
import statement_labels as sl
import train_statements as ts

from litreview.gaps.cues import default_cues

Features = dict[str, float]


def pairs_scaled(how: str, f: Features) -> Features:
    """``f`` with its ``pair:`` features as ``how`` says (all, sqrt, half, none)."""
    if how == "all":
        return f
    n = sum(k.startswith("pair:") for k in f)
    scale = {"sqrt": 1 / math.sqrt(n) if n else 1.0, "half": 0.5, "none": 0.0}[how]
    return {
        k: v * scale if k.startswith("pair:") else v
        for k, v in f.items()
        if scale or not k.startswith("pair:")
    }


def with_pairs(docs: list[ts.Doc], how: str) -> list[ts.Doc]:
    return [
        replace(
            d,
            features=[pairs_scaled(how, f) for f in d.features],
            pieces=[replace(q, features=pairs_scaled(how, q.features)) for q in d.pieces],
        )
        for d in docs
    ]


def oof_weighted(docs: list[ts.Doc], weights: np.ndarray, folds: int) -> list[np.ndarray]:
    """Out-of-fold linear scores (pieces read as shipped), sentences of document ``i``
    weighing ``weights[i]`` in training."""
    every = np.ones(len(docs), bool)
    return sl.oof_linear(docs, [d.features for d in docs], every, folds, weights=weights)


def read_scores(
    docs: list[ts.Doc], lin: list[np.ndarray], enc: np.ndarray
) -> dict[str, np.ndarray]:
    """Every read sentence: its document, linear score, encoder score and label."""
    cols: dict[str, list[np.ndarray]] = {"doc": [], "lin": [], "enc": [], "gold": []}
    for i, (d, (s, e)) in enumerate(zip(docs, sl.per_doc(docs, lin, enc), strict=True)):
        read = np.asarray(d.read)
        cols["doc"].append(np.full(int(read.sum()), i))
        cols["lin"].append(s[read])
        cols["enc"].append(e[read])
        cols["gold"].append(np.array([lab.gap for lab in d.labels], bool)[read])
    return {k: np.concatenate(v) for k, v in cols.items()}


def logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(q / (1 - q))


def stacked(r: dict[str, np.ndarray], folds: int, floor: float) -> np.ndarray:
    """Out-of-fold probabilities of a logistic regression on the two log-odds (one on the
    linear log-odds alone for the sentences the encoder does not read)."""
    above = r["lin"] >= floor
    both = np.c_[logit(r["lin"]), logit(r["enc"])]
    alone = logit(r["lin"])[:, None]
    out = np.zeros(len(r["gold"]))
    for fold in range(folds):
        test = r["doc"] % folds == fold
        for rows, x in ((above, both), (~above, alone)):
            train = ~test & rows
            if (test & rows).any() and len(set(r["gold"][train])) == 2:
                fit = LogisticRegression(C=1.0).fit(x[train], r["gold"][train])
                out[test & rows] = fit.predict_proba(x[test & rows])[:, 1]
    return out


def curve_cells(p: np.ndarray, gold: np.ndarray) -> str:
    """Precision at recall 0.5, 0.6, 0.7 and 0.8, and the best F1 over every cut."""
    order = np.argsort(-p, kind="stable")
    tp = np.cumsum(gold[order])
    precision = tp / np.arange(1, len(order) + 1)
    recall = tp / max(int(gold.sum()), 1)
    cells = [
        f"{precision[min(np.searchsorted(recall, r), len(order) - 1)]:.3f}"
        for r in (0.5, 0.6, 0.7, 0.8)
    ]
    f1 = np.max(2 * precision * recall / np.maximum(precision + recall, 1e-9))
    return " / ".join(cells) + f" ({f1:.3f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--pairs", default="all", help="comma-separated: all, sqrt, half, none")
    ap.add_argument("--human-weights", default="", help="comma-separated weights, e.g. 1,2,4")
    ap.add_argument("--floors", default="", help="comma-separated encoder floors")
    ap.add_argument("--stack", action="store_true")
    args = ap.parse_args()
    docs = ts.load_all()
    human = np.array([sl.is_human(d) for d in docs])
    seeds = np.array(["statement_check" in d.doc.label_file for d in docs])
    enc = encoder_oof.scores(docs)
    cues = default_cues()
    share, floor = cues.encoder_share, cues.encoder_floor
    print(f"{len(docs)} documents; blend share {share}, floor {floor}, threshold {cues.threshold}")
    print("\n| variant | all | human-annotated | shared 8 | seeds |\n|---|---|---|---|---|")
    ones = np.ones(len(docs))
    runs: list[tuple[str, list[ts.Doc], list[np.ndarray]]] = []
    for how in args.pairs.split(","):
        variant = with_pairs(docs, how)
        lin = oof_weighted(variant, ones, args.folds)
        runs.append((f"pairs {how}", variant, lin))
        sl.summary(f"pairs {how}", variant, sl.blend(variant, lin, enc), human)
    for w in [float(x) for x in args.human_weights.split(",") if x]:
        lin = oof_weighted(docs, np.where(human, w, 1.0), args.folds)
        sl.summary(f"human-annotated weigh {w:g}", docs, sl.blend(docs, lin, enc), human)
    base_lin = runs[0][2]
    for f in [float(x) for x in args.floors.split(",") if x]:
        r = read_scores(docs, base_lin, enc)
        reads = float(np.mean(r["lin"] >= f))
        scores = [
            share * np.where(s >= f, e, 0.0) + (1 - share) * s
            for s, e in sl.per_doc(docs, base_lin, enc)
        ]
        sl.summary(f"floor {f:g} (encoder reads {reads:.3f})", docs, scores, human)
    if args.stack:
        print("\nout of fold: precision at recall 0.5 / 0.6 / 0.7 / 0.8 (best F1 over every cut)\n")
        print("| variant | combined | all | human-annotated | seeds |\n|---|---|---|---|---|")
        for name, _, lin in runs:
            r = read_scores(docs, lin, enc)
            mixed = share * np.where(r["lin"] >= floor, r["enc"], 0.0) + (1 - share) * r["lin"]
            for how, p in (("shipped mixture", mixed), ("stacked", stacked(r, args.folds, floor))):
                cells = [
                    curve_cells(p[m], r["gold"][m])
                    for m in (np.ones(len(p), bool), human[r["doc"]], seeds[r["doc"]])
                ]
                print(f"| {name} | {how} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
