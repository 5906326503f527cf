"""Measure the gap-statement detector by cross-validation grouped by document, then train
the shipped model.

    python3 benchmarks/train_statements.py [--folds N] [--no-write] [--threshold T]
        [--train-only PATH ...] [--no-train-only]
    python3 benchmarks/train_statements.py --ablation [--folds N]

1. Every labelled document is read: the label files in ``benchmarks/statements/labels/``
   and the seed annotation ``tests/data/statement_check.yaml`` (texts of the shared
   development set and of the seeds are read from ``../shared``).
2. Grouped cross-validation: the documents are split into folds (one document per fold by
   default); each fold's documents are scored by a model trained on the other folds only.
   Every sentence counts, including those the detector never reads (headings, reference
   lists), which count as not found. Printed: precision and recall per document, per genre,
   per kind, over the seeds, and for a range of thresholds; kind and strength agreement;
   the threshold of best F1 over the out-of-fold scores (the one to set in
   ``litreview/data/gap_cues.yaml``: chosen by cross-validation, never on a test document).
   ``--ablation`` instead prints the same cross-validation with each family of features
   left out in turn (words, bigrams, word lists, pairs of lists, constructions, section
   headings, list item after a colon) and writes nothing.
3. The model is trained on every labelled document and written to
   ``litreview/data/gap_model.npz`` (unless ``--no-write``).

``--train-only PATH`` (a label file or a folder of them, repeatable; default ``TRAIN_ONLY``)
adds labelled documents to every fold's training and to the shipped model's, never to the
documents scored: the figures stay those of the same documents on the same folds, whatever
is added. ``--no-train-only`` adds none.
Deterministic: fixed folds (documents in name order), fixed solver and seed.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from litreview.gaps.cues import default_cues
from litreview.gaps.statement_data import (
    KINDS,
    LabelledDocument,
    SentenceLabel,
    load_labels,
    sentence_labels,
)
from litreview.gaps.statement_features import document_features
from litreview.gaps.statement_model import fit_model, model_bytes, score
from litreview.gaps.statement_pieces import Piece, best_pieces, sentence_pieces
from litreview.gaps.statement_scope import read_sentences

LABELS = ROOT / "benchmarks" / "statements" / "labels"
#: Labelled excerpts of further documents (``statement_excerpts.py``): training only.
EXCERPTS = ROOT / "benchmarks" / "statements" / "excerpts" / "labels"
#: What ``--train-only`` adds by default.
TRAIN_ONLY: tuple[Path, ...] = ()
SEEDS = ROOT / "tests" / "data" / "statement_check.yaml"
MODEL = ROOT / "litreview" / "data" / "gap_model.npz"
SEED = 0
C = 1.0
POSITIVE_WEIGHT = None  # balanced by the classes' shares


@dataclass
class Doc:
    """A labelled document made ready: its sentences' features and labels, and the pieces
    of its read sentences that are scored too (``statement_pieces``)."""

    doc: LabelledDocument
    features: list[dict[str, float]]
    labels: list[SentenceLabel]
    read: list[bool]
    pieces: list[Piece]


def load_all() -> list[Doc]:
    """Every labelled document, in doc_id order."""
    return load_files([*sorted(LABELS.glob("*.yaml")), SEEDS])


def label_files(paths: list[Path] | tuple[Path, ...]) -> list[Path]:
    """The label files named: each file, and the ``*.yaml`` of each folder in name order."""
    out: list[Path] = []
    for p in paths:
        out.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    return out


def load_files(files: list[Path]) -> list[Doc]:
    """The documents of these label files made ready, in doc_id order."""
    cues = default_cues()
    docs = [d for f in files for d in load_labels(f, ROOT)]
    out = []
    for d in sorted(docs, key=lambda d: d.doc_id):
        sents = read_sentences(d.text, cues)
        features = document_features(sents, cues)
        out.append(
            Doc(
                d,
                features,
                sentence_labels(d, sents),
                [not s.excluded for s in sents],
                sentence_pieces(sents, features, cues),
            )
        )
    return out


#: Feature families by name prefix, for ``--ablation``.
FAMILIES = {
    "words": ("w:",),
    "bigrams": ("b:",),
    "word lists": ("lex:",),
    "pairs of lists": ("pair:",),
    "constructions": ("con:",),
    "section headings": ("sec:",),
    "list item after a colon": ("after_colon",),
}


def without(docs: list[Doc], prefixes: tuple[str, ...]) -> list[Doc]:
    """``docs`` with the features named by ``prefixes`` left out."""
    return [
        Doc(
            d.doc,
            [{k: v for k, v in f.items() if not k.startswith(prefixes)} for f in d.features],
            d.labels,
            d.read,
            [
                replace(
                    p, features={k: v for k, v in p.features.items() if not k.startswith(prefixes)}
                )
                for p in d.pieces
            ],
        )
        for d in docs
    ]


def train(docs: list[Doc], fingerprint: str) -> object:
    """A model fitted on the read sentences of ``docs``."""
    feats, gap, kind, strength = [], [], [], []
    for d in docs:
        for f, lab, read in zip(d.features, d.labels, d.read, strict=True):
            if read:
                feats.append(f)
                gap.append(lab.gap)
                kind.append(lab.kind)
                strength.append(lab.strength)
    return fit_model(
        feats,
        gap,
        kind,
        strength,
        fingerprint=fingerprint,
        c=C,
        positive_weight=POSITIVE_WEIGHT,
        seed=SEED,
    )


def cross_validate(
    docs: list[Doc], folds: int, fingerprint: str, extra: list[Doc] | None = None
) -> dict[str, tuple]:
    """Out-of-fold (gap score, kind, implicit score) per sentence of ``docs``, keyed by doc_id;
    ``extra`` documents join every fold's training and are never scored."""
    ids = [d.doc.doc_id for d in docs]
    k = min(folds, len(docs)) if folds else len(docs)
    out = {}
    for fold in range(k):
        held = [d for i, d in enumerate(docs) if i % k == fold]
        rest = [d for i, d in enumerate(docs) if i % k != fold]
        model = train([*rest, *(extra or [])], fingerprint)
        for d in held:
            s = score(model, d.features)
            best, _ = best_pieces(s.gap, d.pieces, score(model, [p.features for p in d.pieces]).gap)
            gap = np.where(np.asarray(d.read), best, 0.0)
            out[d.doc.doc_id] = (gap, s.kind, s.implicit)
    return {i: out[i] for i in ids}


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(docs: list[Doc], oof: dict[str, tuple], threshold: float) -> None:
    """Tables of the out-of-fold predictions at ``threshold``."""
    print(f"\n# Grouped cross-validation (threshold {threshold:.2f})\n")
    print("| document | genre | sentences | gaps | found | right | precision | recall |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    totals = {"all": [0, 0, 0], "seeds": [0, 0, 0]}
    genres: dict[str, list[int]] = {}
    kinds = {k: [0, 0] for k in KINDS}
    kind_ok = strength_ok = n_right = 0
    for d in docs:
        gap, kind, implicit = oof[d.doc.doc_id]
        pred = gap >= threshold
        gold = np.array([lab.gap for lab in d.labels])
        tp = int((pred & gold).sum())
        row = [tp, int(pred.sum()), int(gold.sum())]
        p, r, _ = prf(*row)
        cells = [d.doc.doc_id, d.doc.genre, len(gold), row[2], row[1], tp, f"{p:.2f}", f"{r:.2f}"]
        print("| " + " | ".join(map(str, cells)) + " |")
        for key in ("all", *(["seeds"] if "statement_check" in d.doc.label_file else [])):
            totals[key] = [a + b for a, b in zip(totals[key], row, strict=True)]
        old = genres.get(d.doc.genre, [0, 0, 0])
        genres[d.doc.genre] = [a + b for a, b in zip(old, row, strict=True)]
        for i, lab in enumerate(d.labels):
            if lab.gap:
                kinds[lab.kind][0] += 1
                kinds[lab.kind][1] += bool(pred[i])
                if pred[i]:
                    n_right += 1
                    kind_ok += kind[i] == lab.kind
                    strength_ok += (implicit[i] >= 0.5) == (lab.strength == "implicit")
    for name, row in totals.items():
        p, r, _ = prf(*row)
        print(f"| **{name}** | | | {row[2]} | {row[1]} | {row[0]} | **{p:.3f}** | **{r:.3f}** |")
    print("\n| genre | gaps | found | right | precision | recall |\n|---|---:|---:|---:|---:|---:|")
    for g, row in sorted(genres.items()):
        p, r, _ = prf(*row)
        print(f"| {g} | {row[2]} | {row[1]} | {row[0]} | {p:.2f} | {r:.2f} |")
    print("\n| kind | gaps | recalled | recall |\n|---|---:|---:|---:|")
    for k, (n, hit) in kinds.items():
        print(f"| {k} | {n} | {hit} | {hit / n if n else 0:.2f} |")
    print(
        f"\nkind right on {kind_ok}/{n_right} found gaps ({kind_ok / max(n_right, 1):.2f}); "
        f"strength right on {strength_ok}/{n_right} ({strength_ok / max(n_right, 1):.2f})"
    )


def curve(docs: list[Doc], oof: dict[str, tuple]) -> list[tuple[float, float, float, float]]:
    """(threshold, precision, recall, F1) over all documents at thresholds 0.20 to 0.90."""
    gold = np.concatenate([[lab.gap for lab in d.labels] for d in docs])
    scores = np.concatenate([oof[d.doc.doc_id][0] for d in docs])
    out = []
    for t in np.round(np.arange(0.2, 0.95, 0.05), 2):
        pred = scores >= t
        out.append((float(t), *prf(int((pred & gold).sum()), int(pred.sum()), int(gold.sum()))))
    return out


def sweep(docs: list[Doc], oof: dict[str, tuple]) -> None:
    """Precision and recall over all documents at several thresholds, and the best F1's."""
    print("\n| threshold | precision | recall | F1 |\n|---:|---:|---:|---:|")
    rows = curve(docs, oof)
    for t, p, r, f in rows:
        print(f"| {t:.2f} | {p:.3f} | {r:.3f} | {f:.3f} |")
    t, p, r, f = max(rows, key=lambda row: (row[3], -row[0]))
    print(f"\nbest F1 {f:.3f} at threshold {t:.2f} (precision {p:.3f}, recall {r:.3f})")


def ablation(docs: list[Doc], folds: int, fingerprint: str, extra: list[Doc]) -> None:
    """Best out-of-fold F1 with all features, then with each family left out."""
    print("\n| features | best F1 | at threshold | precision | recall |\n|---|---:|---:|---:|---:|")
    for name, prefixes in [("all", ()), *((f"- {k}", v) for k, v in FAMILIES.items())]:
        used = without(docs, prefixes) if prefixes else docs
        more = without(extra, prefixes) if prefixes else extra
        oof = cross_validate(used, folds, fingerprint, more)
        t, p, r, f = max(curve(used, oof), key=lambda x: x[3])
        print(f"| {name} | {f:.3f} | {t:.2f} | {p:.3f} | {r:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=0, help="0: one document per fold")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--ablation", action="store_true")
    parser.add_argument("--train-only", type=Path, action="append", help="label file or folder")
    parser.add_argument("--no-train-only", action="store_true")
    args = parser.parse_args()
    cues = default_cues()
    t0 = time.perf_counter()
    docs = load_all()
    paths = [] if args.no_train_only else (args.train_only or list(TRAIN_ONLY))
    extra = load_files(label_files(paths))
    if {d.doc.doc_id for d in extra} & {d.doc.doc_id for d in docs}:
        raise SystemExit("a document to train on only is also a document scored")
    n = sum(len(d.labels) for d in docs)
    n_gap = sum(lab.gap for d in docs for lab in d.labels)
    print(
        f"{len(docs)} documents, {n} sentences, {n_gap} gap sentences "
        f"(loaded in {time.perf_counter() - t0:.1f} s)"
    )
    if extra:
        n_extra = sum(lab.gap for d in extra for lab in d.labels)
        print(f"trained on only: {len(extra)} documents, {n_extra} gap sentences")
    if args.ablation:
        ablation(docs, args.folds, cues.fingerprint, extra)
        return
    oof = cross_validate(docs, args.folds, cues.fingerprint, extra)
    report(docs, oof, cues.threshold if args.threshold is None else args.threshold)
    sweep(docs, oof)
    if not args.no_write:
        MODEL.write_bytes(model_bytes(train([*docs, *extra], cues.fingerprint)))
        print(f"\nwrote {MODEL.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
