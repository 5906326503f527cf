"""Variants of the gap-statement model measured by cross-validation grouped by document.

    python3 benchmarks/statement_experiments.py [--folds N] [--only NAME,...] [--errors NAME]
        [--near N [--near-lists LIST,...]] [--stems N]

Reuses ``train_statements.load_all`` and its folds (documents in name order, document ``i``
in fold ``i % k``; ``--folds 0`` is one document per fold). Each variant is the gap model
only (a logistic regression, or gradient boosting on the dense cue features), fitted on the
training folds' read sentences with every choice made inside the fold (vocabulary by
document frequency, weights, ratios), and scored out of fold. The features are those of
``statement_features`` under their exact names (no hashing), plus, with ``--near N``, the
words at most N words either side of a word of a cue list (``near:<list>:<word>``;
``--near-lists`` restricts the lists) and, with ``--stems N``, each word's first N letters.
Printed per variant: best F1 over the thresholds of ``train_statements.curve`` with its
precision and recall, and the seeds' precision and recall at that threshold.
``--errors NAME`` prints the worst out-of-fold false negatives and positives of one variant.
Writes nothing. Results: ``benchmarks/statements/README.md``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from train_statements import Doc, load_all, prf

from litreview.gaps.cues import default_cues
from litreview.gaps.statement_features import words
from litreview.gaps.statement_scope import read_sentences

WORDS = ("w:", "b:")
#: The tokens of ``statement_features.words``, with their places.
_TOKEN = re.compile(r"[a-z]+(?:['’\-][a-z]+)*|\d+(?:[.,]\d+)*")


@dataclass
class Data:
    """Every sentence of every document as one matrix, with what the variants need."""

    x: sparse.csr_matrix  # exact feature names as columns (no hashing)
    names: list[str]
    y: np.ndarray
    read: np.ndarray
    doc: np.ndarray  # document index of each row
    seeds: np.ndarray  # whether the row's document is a seed
    hard: np.ndarray  # labelled a hard case (a near miss judged not a gap)
    implicit: np.ndarray  # a gap labelled implicit
    text: list[str]  # filled by sentence_texts, for --errors only
    word_cols: np.ndarray  # columns of w: and b: features
    doc_df: sparse.csr_matrix  # documents x columns: whether the document holds the feature


def matrix(docs: list[Doc]) -> Data:
    """The documents' features as one exact-vocabulary sparse matrix."""
    vocab: dict[str, int] = {}
    rows, cols, vals, y, read, doc, seeds, hard, implicit = [], [], [], [], [], [], [], [], []
    r = 0
    for i, d in enumerate(docs):
        seed = "statement_check" in d.doc.label_file
        for f, lab, rd in zip(d.features, d.labels, d.read, strict=True):
            for k, v in f.items():
                rows.append(r)
                cols.append(vocab.setdefault(k, len(vocab)))
                vals.append(v)
            y.append(lab.gap)
            read.append(rd)
            doc.append(i)
            seeds.append(seed)
            hard.append(lab.hard)
            implicit.append(lab.gap and lab.strength == "implicit")
            r += 1
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(r, len(vocab)))
    names = sorted(vocab, key=vocab.__getitem__)
    doc_arr = np.asarray(doc)
    onehot = sparse.csr_matrix((np.ones(r), (doc_arr, np.arange(r))), shape=(len(docs), r))
    df = (onehot @ (x != 0).astype(float)).tocsr()
    df.data[:] = 1.0
    word_cols = np.array([i for i, n in enumerate(names) if n.startswith(WORDS)])
    return Data(
        x, names, np.asarray(y, bool), np.asarray(read, bool), doc_arr,
        np.asarray(seeds, bool), np.asarray(hard, bool), np.asarray(implicit, bool), [],
        word_cols, df,
    )  # fmt: skip


def sentence_texts(docs: list[Doc]) -> list[str]:
    """The text of every row, as the detector reads it."""
    cues = default_cues()
    return [s.flat for d in docs for s in read_sentences(d.doc.text, cues)]


# -- variants: (data, train rows, test rows, train docs) -> test scores ----------------------
Variant = Callable[[Data, np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def column_scale(
    data: Data, train_docs: np.ndarray, word_scale: float = 1.0, min_df: int = 1
) -> np.ndarray:
    """Per-column multipliers: word columns scaled, and zeroed when fewer than ``min_df``
    training documents hold them (other columns need a document too)."""
    df = np.asarray(data.doc_df[train_docs].sum(axis=0)).ravel()
    scale = np.where(df >= 1, 1.0, 0.0)
    words = np.zeros(len(scale), bool)
    words[data.word_cols] = True
    scale[words] *= word_scale
    scale[words & (df < min_df)] = 0.0
    return scale


def sample_weights(
    data: Data, rows: np.ndarray, per_doc: float, hard: float = 1.0, implicit: float = 1.0
) -> np.ndarray:
    """Balanced class weights, times (1 / sentences of the row's document) ** per_doc,
    times ``hard`` on hard cases and ``implicit`` on implicit gaps, each class's total kept."""
    y = data.y[rows]
    w = np.ones(len(rows))
    w[data.hard[rows]] *= hard
    w[data.implicit[rows]] *= implicit
    if per_doc:
        counts = np.bincount(data.doc[rows], minlength=data.doc.max() + 1)
        w = w * (1.0 / counts[data.doc[rows]]) ** per_doc
    for cls in (True, False):  # each class weighs half
        m = y == cls
        w[m] *= (len(y) / 2) / w[m].sum()
    return w


def linear(
    word_scale: float = 1.0,
    min_df: int = 1,
    per_doc: float = 0.0,
    c: float = 1.0,
    l1: bool = False,
    hard: float = 1.0,
    implicit: float = 1.0,
) -> Variant:
    def run(data: Data, tr: np.ndarray, te: np.ndarray, train_docs: np.ndarray) -> np.ndarray:
        scale = sparse.diags(column_scale(data, train_docs, word_scale, min_df))
        xtr, xte = data.x[tr] @ scale, data.x[te] @ scale
        m = LogisticRegression(C=c, l1_ratio=float(l1), solver="liblinear", random_state=0)
        m.fit(xtr, data.y[tr], sample_weight=sample_weights(data, tr, per_doc, hard, implicit))
        return m.predict_proba(xte)[:, 1]

    return run


def nb_scaled(alpha: float = 1.0, word_scale: float = 1.0, c: float = 1.0) -> Variant:
    """NB-SVM: each column scaled by its log-count ratio between gap and other sentences of
    the training folds (Wang and Manning 2012), then the logistic regression; the shipped
    weights would be the fitted ones times the ratios, so the model stays linear."""

    def run(data: Data, tr: np.ndarray, te: np.ndarray, train_docs: np.ndarray) -> np.ndarray:
        xb = (data.x[tr] != 0).astype(float)
        y = data.y[tr]
        pos = np.asarray(xb[y].sum(axis=0)).ravel() + alpha
        neg = np.asarray(xb[~y].sum(axis=0)).ravel() + alpha
        r = np.log((pos / pos.sum()) / (neg / neg.sum()))
        scale = column_scale(data, train_docs, word_scale) * r
        d = sparse.diags(scale)
        m = LogisticRegression(C=c, solver="liblinear", random_state=0)
        m.fit(data.x[tr] @ d, y, sample_weight=sample_weights(data, tr, 0.0))
        return m.predict_proba(data.x[te] @ d)[:, 1]

    return run


def with_stems(data: Data, n: int = 5) -> Data:
    """``data`` with each word unigram also counted as its first ``n`` letters (``s:``)."""
    stems: dict[str, int] = {}
    rows, cols = [], []
    for i, name in enumerate(data.names):
        if name.startswith("w:") and len(name) > 2 + n:
            rows.append(i)
            cols.append(stems.setdefault("s:" + name[2 : 2 + n], len(stems)))
    agg = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(data.names), len(stems)))
    xs = data.x @ agg
    xs.data[:] = 1.0
    x = sparse.hstack([data.x, xs]).tocsr()
    df = sparse.hstack([data.doc_df, (data.doc_df @ agg)]).tocsr()
    df.data[:] = 1.0
    names = [*data.names, *sorted(stems, key=stems.__getitem__)]
    return replace(data, x=x, names=names, doc_df=df)


def near_cue_words(docs: list[Doc], width: int, lists: tuple[str, ...]) -> list[dict[str, float]]:
    """Per row: the words at most ``width`` words either side of a word of one of ``lists``
    (``near:<list>:<word>``): what is lacking or unknown, rather than any word anywhere."""
    cues = default_cues()
    wanted = [wl for wl in cues.lexicon if not lists or wl.name in lists]
    out = []
    for d in docs:
        for sent in read_sentences(d.doc.text, cues):
            low = sent.flat.lower()
            starts = [m.start() for m in _TOKEN.finditer(low)]
            toks = words(sent.flat)
            f: dict[str, float] = {}
            for wl in wanted:
                for m in wl.pattern.finditer(sent.flat):
                    i = bisect_right(starts, m.start()) - 1
                    for j in range(max(0, i - width), min(len(toks), i + width + 1)):
                        if j != i:
                            f[f"near:{wl.name}:{toks[j]}"] = 1.0
            out.append(f)
    return out


def with_extra(data: Data, extra: list[dict[str, float]], words_too: bool) -> Data:
    """``data`` with the ``extra`` features as further columns (counted as words when
    ``words_too``, so that word scaling and filtering apply to them)."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for r, f in enumerate(extra):
        for k in f:
            rows.append(r)
            cols.append(vocab.setdefault(k, len(vocab)))
    xe = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(extra), len(vocab)))
    onehot = sparse.csr_matrix(
        (np.ones(len(extra)), (data.doc, np.arange(len(extra)))),
        shape=(data.doc_df.shape[0], len(extra)),
    )
    dfe = (onehot @ xe).tocsr()
    dfe.data[:] = 1.0
    n = len(data.names)
    word_cols = data.word_cols
    if words_too:
        word_cols = np.concatenate([word_cols, np.arange(n, n + len(vocab))])
    return replace(
        data,
        x=sparse.hstack([data.x, xe]).tocsr(),
        names=[*data.names, *sorted(vocab, key=vocab.__getitem__)],
        doc_df=sparse.hstack([data.doc_df, dfe]).tocsr(),
        word_cols=word_cols,
    )


def dense_cols(data: Data) -> np.ndarray:
    return np.array([i for i, n in enumerate(data.names) if not n.startswith(WORDS)])


def boosted(per_doc: float = 0.0, stack: Variant | None = None, inner: int = 5) -> Variant:
    """Gradient boosting on the cue features (lex, pair, con, sec, after_colon); with
    ``stack``, also on that variant's score, out of fold within the training documents."""

    def run(data: Data, tr: np.ndarray, te: np.ndarray, train_docs: np.ndarray) -> np.ndarray:
        cols = dense_cols(data)
        xtr = data.x[tr][:, cols].toarray()
        xte = data.x[te][:, cols].toarray()
        if stack is not None:
            inner_score = np.zeros(len(tr))
            for f in range(inner):
                held_docs = train_docs[f::inner]
                held = np.isin(data.doc[tr], held_docs)
                rest_docs = np.setdiff1d(train_docs, held_docs)
                inner_score[held] = stack(data, tr[~held], tr[held], rest_docs)
            xtr = np.column_stack([xtr, inner_score])
            xte = np.column_stack([xte, stack(data, tr, te, train_docs)])
        m = HistGradientBoostingClassifier(
            max_iter=200, learning_rate=0.05, max_leaf_nodes=15, l2_regularization=1.0,
            random_state=0, early_stopping=False,
        )  # fmt: skip
        m.fit(xtr, data.y[tr], sample_weight=sample_weights(data, tr, per_doc))
        return m.predict_proba(xte)[:, 1]

    return run


VARIANTS: dict[str, Variant] = {
    "baseline": linear(),
    "no words": linear(word_scale=0.0),
    "words x0.7": linear(word_scale=0.7),
    "words x0.5": linear(word_scale=0.5),
    "words x0.3": linear(word_scale=0.3),
    "words df>=2": linear(min_df=2),
    "words df>=3": linear(min_df=3),
    "words df>=5": linear(min_df=5),
    "words df>=8": linear(min_df=8),
    "per-doc 0.5": linear(per_doc=0.5),
    "per-doc 1": linear(per_doc=1.0),
    "l1 C=1": linear(l1=True),
    "l1 C=0.3": linear(l1=True, c=0.3),
    "nbsvm": nb_scaled(),
    "nbsvm C=0.3": nb_scaled(c=0.3),
    "nbsvm C=0.1": nb_scaled(c=0.1),
    "words x0.5 per-doc 0.5": linear(word_scale=0.5, per_doc=0.5),
    "hard x2": linear(hard=2.0),
    "hard x0.5": linear(hard=0.5),
    "implicit x0.5": linear(implicit=0.5),
    "implicit x2": linear(implicit=2.0),
    "hgb cues + linear": boosted(stack=linear()),
    "hgb cues": boosted(),
    "hgb cues per-doc 0.5": boosted(per_doc=0.5),
}


def cross_validate(data: Data, n_docs: int, folds: int, variant: Variant) -> np.ndarray:
    """Out-of-fold score per row (0 for rows never read)."""
    k = min(folds, n_docs) if folds else n_docs
    out = np.zeros(len(data.y))
    docs = np.arange(n_docs)
    for fold in range(k):
        test_docs = docs[docs % k == fold]
        train_docs = docs[docs % k != fold]
        tr = np.flatnonzero(np.isin(data.doc, train_docs) & data.read)
        te = np.flatnonzero(np.isin(data.doc, test_docs) & data.read)
        out[te] = variant(data, tr, te, train_docs)
    return out


def best_f1(data: Data, scores: np.ndarray) -> tuple[float, ...]:
    """(threshold, P, R, F1, seeds P, seeds R) at the best F1 over thresholds 0.20 to 0.90."""
    rows = []
    for t in np.round(np.arange(0.2, 0.95, 0.05), 2):
        pred = scores >= t
        p, r, f = prf(int((pred & data.y).sum()), int(pred.sum()), int(data.y.sum()))
        s = data.seeds
        sp, sr, _ = prf(
            int((pred & data.y & s).sum()), int((pred & s).sum()), int((data.y & s).sum())
        )
        rows.append((float(t), p, r, f, sp, sr))
    return max(rows, key=lambda row: (row[3], -row[0]))


def errors(data: Data, scores: np.ndarray, n: int = 25) -> None:
    order = np.argsort(scores)
    fn = [i for i in order if data.y[i] and data.read[i]][:n]
    fp = [i for i in order[::-1] if not data.y[i]][:n]
    print("\n## worst false negatives (out of fold)\n")
    for i in fn:
        print(f"- {scores[i]:.2f} [{data.doc[i]}] {data.text[i][:200]}")
    print("\n## worst false positives (out of fold)\n")
    for i in fp:
        print(f"- {scores[i]:.2f} [{data.doc[i]}] {data.text[i][:200]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5, help="0: one document per fold")
    parser.add_argument("--only", default="", help="comma-separated variant names")
    parser.add_argument("--errors", default="", help="print the errors of this variant")
    parser.add_argument("--stems", type=int, default=0, help="add word stems of N letters")
    parser.add_argument("--near", type=int, default=0, help="add words within N of a cue")
    parser.add_argument("--near-lists", default="", help="comma-separated word lists")
    args = parser.parse_args()
    t0 = time.perf_counter()
    docs = load_all()
    data = matrix(docs)
    print(f"{len(docs)} documents, {len(data.y)} sentences, {int(data.y.sum())} gaps, "
          f"{len(data.names)} features (loaded in {time.perf_counter() - t0:.0f} s)")  # fmt: skip
    if args.stems:
        data = with_stems(data, args.stems)
    if args.near:
        lists = tuple(n for n in args.near_lists.split(",") if n)
        data = with_extra(data, near_cue_words(docs, args.near, lists), words_too=True)
        print(f"with words near cues: {len(data.names)} features")
    if args.errors:
        data.text = sentence_texts(docs)
    names = [n for n in args.only.split(",") if n] or list(VARIANTS)
    folds = args.folds or "one document per"
    print(f"\n| variant ({folds} folds) | threshold | P | R | best F1 | seeds P | seeds R | s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in names:
        t1 = time.perf_counter()
        scores = cross_validate(data, len(docs), args.folds, VARIANTS[name])
        t, p, r, f, sp, sr = best_f1(data, scores)
        dt = time.perf_counter() - t1
        cells = f"{t:.2f} | {p:.3f} | {r:.3f} | {f:.3f} | {sp:.3f} | {sr:.3f} | {dt:.0f}"
        print(f"| {name} | {cells} |", flush=True)
        if name == args.errors:
            errors(data, scores)


if __name__ == "__main__":
    main()
