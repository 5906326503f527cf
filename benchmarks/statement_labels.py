"""Which labels and which features help the gap-statement detector, blended as shipped.

    python3 benchmarks/statement_labels.py [--train human,all] [--features NAME,...]
        [--errors] [--folds 5]

The linear gap model of ``train_statements.py`` (hashed features, the same logistic
regression), out of fold by the same folds (documents in name order, document ``i`` in fold
``i % k``), blended with the sentence encoder's stored out-of-sample scores
(``benchmarks/statements/encoder_oof.npz``, by ``statement_encoder_oof.py``) at the settings of
``litreview/data/gap_cues.yaml`` (encoder share, floor, threshold).

``--train``: which documents each fold's model is trained on: ``all`` (every labelled
document of the other folds), ``human`` (only the documents annotated by people: the
seeds and the shared development set, ``../shared/benchmarks/documents``) or ``old`` (all but
the documents named by ``--new``). Every variant is scored on the same sentences, so
``human`` and ``all`` compare on the human-annotated documents out of fold, and ``old`` and
``all`` on the old documents (do newly labelled documents help the others?).

``--new``: comma-separated doc ids of newly labelled documents; the tables then add columns
for the old documents and the new ones, and ``--breakdown`` prints their kinds apart.

``--features``: feature groups to add to the shipped features (``extra_features`` below),
one variant each, and ``base``.

Printed per variant: at the shipped threshold and at the best F1, precision, recall and F1
over all documents, over the human-annotated ones, the seeds, and per genre and kind.
``--errors`` lists the human-annotated sentences whose flag differs between the first two
variants (what the extra labels change). Writes nothing. Results:
``benchmarks/statements/README.md``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import statement_encoder_oof as encoder_oof
import train_statements as ts

from litreview.gaps.cues import Chain, Cues, WordList, default_cues, load_cues, words_pattern
from litreview.gaps.statement_features import analyse, document_features
from litreview.gaps.statement_model import hashed
from litreview.gaps.statement_pieces import Piece, best_pieces, sentence_pieces
from litreview.gaps.statement_scope import read_sentences

SHARED = "shared/benchmarks/documents"


def is_human(d: ts.Doc) -> bool:
    """Annotated by people: the seeds' check or a text of the shared development set."""
    return "statement_check" in d.doc.label_file or SHARED in _text_path(d)


def _text_path(d: ts.Doc) -> str:
    import yaml

    with open(d.doc.label_file, encoding="utf-8") as fh:
        top = yaml.safe_load(fh)
    return next(str(x["text"]) for x in top["documents"] if x["doc_id"] == d.doc.doc_id)


# -- candidate chains ------------------------------------------------------------------------
Extra = Callable[[str], dict[str, float]]
CANDIDATES = ROOT / "benchmarks" / "statements" / "candidate_chains.yaml"


def extra_features(value: float) -> dict[str, Extra]:
    """Each chain of ``candidate_chains.yaml`` as a function of a sentence's text, read by
    the detector's own matcher (:func:`litreview.gaps.statement_features.analyse`), firing
    ``chain:<id>`` at ``value``."""
    import yaml

    spec = yaml.safe_load(CANDIDATES.read_text(encoding="utf-8"))
    base = default_cues()
    extra = tuple(WordList(name=k, pattern=words_pattern(v)) for k, v in spec["lists"].items())
    out: dict[str, Extra] = {}
    for c in spec["chains"]:
        chain = Chain(id=c["id"], steps=tuple(c["steps"]), within=tuple(c["within"]), value=value)
        cues = replace(base, chain_lists=(*base.chain_lists, *extra), chains=(chain,))

        def run(text: str, cues: Cues = cues) -> dict[str, float]:
            return {f"chain:{k}": v for k, v in analyse(text, cues).chains.items()}

        out[chain.id] = run
    return out


def with_groups(
    docs: list[ts.Doc], texts: list[list[str]], groups: list[Extra]
) -> list[list[dict[str, float]]]:
    out = []
    for d, ts_ in zip(docs, texts, strict=True):
        feats = []
        for f, t in zip(d.features, ts_, strict=True):
            g = dict(f)
            for fn in groups:
                g.update(fn(t))
            feats.append(g)
        out.append(feats)
    return out


def _with(piece: Piece, groups: list[Extra]) -> Piece:
    """``piece`` with the features of ``groups`` added, as its sentence has them."""
    f = dict(piece.features)
    for fn in groups:
        f.update(fn(piece.text))
    return replace(piece, features=f)


# -- cross-validation ----------------------------------------------------------------------
def oof_linear(
    docs: list[ts.Doc],
    feats: list[list[dict[str, float]]],
    train_mask: np.ndarray,
    folds: int,
    extra: tuple[list[ts.Doc], list[list[dict[str, float]]]] = ([], []),
    extra_weight: float = 1.0,
    weights: np.ndarray | None = None,
) -> list[np.ndarray]:
    """Out-of-fold gap scores per document (0 where not read); each fold's model is fitted
    on the read sentences of the documents of the other folds with ``train_mask`` (each
    sentence of document ``i`` weighing ``weights[i]``, 1 by default) and of the ``extra``
    documents (with their features, each sentence weighing ``extra_weight``), which are
    never scored."""
    folds = folds or len(docs)
    xs = [hashed(f) for f in feats]
    all_docs, all_xs = [*docs, *extra[0]], [*xs, *(hashed(f) for f in extra[1])]
    always = list(range(len(docs), len(all_docs)))
    out: list[np.ndarray] = [np.zeros(len(f)) for f in feats]
    for fold in range(folds):
        tr = [i for i in range(len(docs)) if i % folds != fold and train_mask[i]] + always
        x = sparse.vstack([all_xs[i][np.asarray(all_docs[i].read)] for i in tr]).tocsr()
        y = np.concatenate(
            [
                [lab.gap for lab, r in zip(all_docs[i].labels, all_docs[i].read, strict=True) if r]
                for i in tr
            ]
        ).astype(int)
        w = np.concatenate(
            [
                np.full(
                    int(np.sum(all_docs[i].read)),
                    extra_weight if i >= len(docs) else 1.0 if weights is None else weights[i],
                )
                for i in tr
            ]
        )
        used = np.unique(x.indices)
        m = LogisticRegression(C=ts.C, class_weight="balanced", solver="liblinear", random_state=0)
        m.fit(x[:, used], y, sample_weight=w)
        for i in range(len(docs)):
            if i % folds == fold:
                p = m.predict_proba(xs[i][:, used])[:, 1]
                if docs[i].pieces:
                    parts = hashed([q.features for q in docs[i].pieces])[:, used]
                    p, _ = best_pieces(p, docs[i].pieces, m.predict_proba(parts)[:, 1])
                out[i] = np.where(np.asarray(docs[i].read), p, 0.0)
    return out


def per_doc(
    docs: list[ts.Doc], lin: list[np.ndarray], enc: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per document: the linear scores and the encoder's (0 where a sentence is not read)."""
    out, k = [], 0
    for d, s in zip(docs, lin, strict=True):
        read = np.asarray(d.read)
        e = np.zeros(len(s))
        e[read] = enc[k : k + int(read.sum())]
        k += int(read.sum())
        out.append((s, e))
    assert k == len(enc), "the read sentences differ from the encoder's"
    return out


def blend(docs: list[ts.Doc], lin: list[np.ndarray], enc: np.ndarray) -> list[np.ndarray]:
    """Share x encoder (read only at the floor) + (1 - share) x linear, per document."""
    cues = default_cues()
    w, floor = cues.encoder_share, cues.encoder_floor
    return [w * np.where(s >= floor, e, 0.0) + (1 - w) * s for s, e in per_doc(docs, lin, enc)]


def prf(scores: np.ndarray, gold: np.ndarray, t: float) -> tuple[float, float, float]:
    pred = scores >= t
    return ts.prf(int((pred & gold).sum()), int(pred.sum()), int(gold.sum()))


def best(scores: np.ndarray, gold: np.ndarray) -> tuple[float, float, float, float]:
    rows = [(t, *prf(scores, gold, t)) for t in np.round(np.arange(0.2, 0.9, 0.025), 3)]
    return max(rows, key=lambda r: (r[3], -r[0]))


def summary(
    name: str,
    docs: list[ts.Doc],
    scores: list[np.ndarray],
    human: np.ndarray,
    new: np.ndarray | None = None,
) -> None:
    t = default_cues().threshold
    gold = [np.array([lab.gap for lab in d.labels]) for d in docs]
    seeds = np.array(["statement_check" in d.doc.label_file for d in docs])
    cells = []
    masks = [np.ones(len(docs), bool), human, human & ~seeds, seeds]
    if new is not None and new.any():
        masks += [~new, new]
    for mask in masks:
        s = np.concatenate([x for x, m in zip(scores, mask, strict=True) if m])
        g = np.concatenate([x for x, m in zip(gold, mask, strict=True) if m])
        p, r, f = prf(s, g, t)
        bt, _, _, bf = best(s, g)
        tp, n = int(((s >= t) & g).sum()), int((s >= t).sum())
        cells.append(f"{p:.3f} / {r:.3f} / {f:.3f} ({tp}/{n}) | {bf:.3f} @{bt:.3f}")
    print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


def counts(docs: list[ts.Doc], scores: list[np.ndarray]) -> np.ndarray:
    """Per document: (right, flagged, gaps) at the shipped threshold."""
    t = default_cues().threshold
    out = []
    for d, s in zip(docs, scores, strict=True):
        g = np.array([lab.gap for lab in d.labels])
        out.append((int(((s >= t) & g).sum()), int((s >= t).sum()), int(g.sum())))
    return np.array(out)


def paired(base: np.ndarray, other: np.ndarray, mask: np.ndarray, reps: int = 2000) -> str:
    """F1 difference (other - base) at the shipped threshold, with a 95% interval from
    resampling the documents of ``mask`` (the same resample for both)."""
    rng = np.random.default_rng(0)
    idx = np.flatnonzero(mask)

    def f1(c: np.ndarray) -> np.ndarray:
        tp, n, g = c[..., 0], c[..., 1], c[..., 2]
        return 2 * tp / np.maximum(n + g, 1)

    draws = rng.choice(idx, size=(reps, len(idx)))
    diff = f1(other[draws].sum(axis=1)) - f1(base[draws].sum(axis=1))
    point = f1(other[idx].sum(axis=0)) - f1(base[idx].sum(axis=0))
    lo, hi = np.percentile(diff, [2.5, 97.5])
    return f"{point:+.3f} [{lo:+.3f}, {hi:+.3f}]"


def breakdown(
    name: str, docs: list[ts.Doc], scores: list[np.ndarray], mask: np.ndarray | None = None
) -> None:
    t = default_cues().threshold
    groups: dict[str, list[int]] = {}
    for i, (d, s) in enumerate(zip(docs, scores, strict=True)):
        if mask is not None and not mask[i]:
            continue
        pred = s >= t
        for i, lab in enumerate(d.labels):
            for key in (f"genre {d.doc.genre}", *([f"kind {lab.kind}"] if lab.gap else [])):
                row = groups.setdefault(key, [0, 0, 0])
                if key.startswith("genre"):
                    row[0] += bool(pred[i] and lab.gap)
                    row[1] += bool(pred[i])
                    row[2] += lab.gap
                else:
                    row[0] += bool(pred[i])
                    row[2] += 1
    print(f"\n{name}: | group | gaps | flagged | right | P | R |")
    for key, (tp, npred, ngold) in sorted(groups.items()):
        p, r, _ = ts.prf(tp, npred, ngold)
        genre = key.startswith("genre")
        pc, nc = (f"{p:.3f}", str(npred)) if genre else ("–", "–")
        print(f"| {key} | {ngold} | {nc} | {tp} | {pc} | {r:.3f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", default="all", help="comma-separated: all, human, old")
    ap.add_argument("--new", default="", help="comma-separated doc ids labelled newly")
    ap.add_argument("--features", default="", help="comma-separated groups; 'base' for none")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cues", default="", help="comma-separated cue files, a variant each")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--scale", type=float, default=4.0, help="value of a candidate chain")
    ap.add_argument("--breakdown", action="store_true")
    ap.add_argument("--dump", default="", help="write the first variant's scores (TSV) here")
    ap.add_argument(
        "--drop-each", action="store_true", help="train on all but one machine-labelled document"
    )
    ap.add_argument(
        "--train-only", default="", help="comma-separated label files or folders: a variant "
        "'+only' trained on them too (every fold, never scored)"
    )  # fmt: skip
    ap.add_argument(
        "--no-pieces", action="store_true", help="score sentences whole, never their pieces"
    )
    ap.add_argument("--only-weight", type=float, default=1.0, help="weight of --train-only rows")
    args = ap.parse_args()
    t0 = time.process_time()
    docs = ts.load_all()
    if args.no_pieces:
        docs = [replace(d, pieces=[]) for d in docs]
    cues = default_cues()
    texts = [[s.flat for s in read_sentences(d.doc.text, cues)] for d in docs]
    human = np.array([is_human(d) for d in docs])
    new_ids = {x for x in args.new.split(",") if x}
    new = np.array([d.doc.doc_id in new_ids for d in docs])
    if len(new_ids) != int(new.sum()):
        raise SystemExit(f"--new names {len(new_ids)} documents, {int(new.sum())} are labelled")
    enc = encoder_oof.scores(docs)
    print(f"{len(docs)} documents, {int(human.sum())} annotated by people "
          f"(loaded in {time.process_time() - t0:.0f} CPU s)")  # fmt: skip
    print(f"\nblend at share {cues.encoder_share}, threshold {cues.threshold}; "
          "P / R / F1 at the threshold | best F1 @threshold\n")  # fmt: skip
    head = "| variant | all | human-annotated | shared 8 | seeds |"
    if new.any():
        head += " old | new |"
    print(head + "\n|" + "---|" * (head.count("|") - 1))
    groups = extra_features(args.scale)
    runs: list[tuple[str, list[np.ndarray]]] = []
    variants = [(f"train {t}", t, []) for t in args.train.split(",") if t]
    for path in [p for p in args.cues.split(",") if p]:
        variants.append((f"cues {Path(path).name}", "all", [Path(path)]))
    for spec in [s for s in args.features.split(",") if s]:
        names = [n for n in spec.split("+") if n != "base"]
        variants.append((f"+{spec}", "all", [groups[n] for n in names]))
    only = ts.load_files(ts.label_files([Path(p) for p in args.train_only.split(",") if p]))
    if only:
        variants += [(f"{n} +only", t, f) for n, t, f in variants]
    for name, train, fns in variants:
        extra = only if name.endswith("+only") else []
        scored = docs  # their pieces scored with the variant's features, as the sentences
        if fns and isinstance(fns[0], Path):
            other = load_cues(fns[0].read_text(encoding="utf-8"), str(fns[0]))
            sents = [read_sentences(d.doc.text, other) for d in docs]
            feats = [document_features(x, other) for x in sents]
            more = [document_features(read_sentences(d.doc.text, other), other) for d in extra]
            scored = [
                replace(d, pieces=sentence_pieces(x, f, other) if d.pieces else [])
                for d, x, f in zip(docs, sents, feats, strict=True)
            ]
        else:
            feats = with_groups(docs, texts, fns) if fns else [d.features for d in docs]
            more = [d.features for d in extra]
            if fns:
                said = [[s.flat for s in read_sentences(d.doc.text, cues)] for d in extra]
                more = with_groups(extra, said, fns)
                scored = [replace(d, pieces=[_with(p, fns) for p in d.pieces]) for d in docs]
        mask = {"human": human, "old": ~new}.get(train, np.ones(len(docs), bool))
        lin = oof_linear(scored, feats, mask, args.folds, (extra, more), args.only_weight)
        scores = blend(docs, lin, enc)
        summary(name, docs, scores, human, new)
        runs.append((name, scores))
    if len(runs) > 1:
        print("\nF1 at the threshold against the first, 95% interval over documents resampled:\n")
        print("| variant | all | human-annotated | old |\n|---|---|---|---|")
        base = counts(docs, runs[0][1])
        for name, scores in runs[1:]:
            c = counts(docs, scores)
            every = np.ones(len(docs), bool)
            old = f" {paired(base, c, ~new)} |" if new.any() else " – |"
            print(f"| {name} | {paired(base, c, every)} | {paired(base, c, human)} |{old}")
    if args.drop_each:
        for i in np.flatnonzero(~human):
            mask = np.ones(len(docs), bool)
            mask[i] = False
            feats = [d.features for d in docs]
            scores = blend(docs, oof_linear(docs, feats, mask, args.folds), enc)
            summary(f"all but {docs[i].doc.doc_id}", docs, scores, human, new)
    if args.breakdown:
        for name, scores in runs:
            breakdown(name, docs, scores)
            if new.any():
                breakdown(f"{name}, old documents", docs, scores, ~new)
                breakdown(f"{name}, new documents", docs, scores, new)
    if args.dump:
        dump(Path(args.dump), docs, texts, runs[0][1])
    if args.errors and len(runs) >= 2:
        differ(docs, texts, human, runs[0], runs[1])
    print(f"\n{time.process_time() - t0:.0f} CPU s")


def dump(path: Path, docs: list[ts.Doc], texts: list[list[str]], scores: list[np.ndarray]) -> None:
    """Every read sentence with its label and out-of-fold score, one a line (TSV: document,
    index, label (GAP, hard or no), kind, score, text), for reading the errors."""
    rows = ["doc\tindex\tlabel\tkind\tscore\ttext"]
    for d, ts_, s in zip(docs, texts, scores, strict=True):
        for j, (lab, text) in enumerate(zip(d.labels, ts_, strict=True)):
            if d.read[j]:
                tag = "GAP" if lab.gap else ("hard" if lab.hard else "no")
                flat = " ".join(text.split())
                rows.append(f"{d.doc.doc_id}\t{j}\t{tag}\t{lab.kind}\t{s[j]:.3f}\t{flat}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def differ(docs, texts, human, a, b) -> None:  # type: ignore[no-untyped-def]
    """Human-annotated sentences flagged differently by run ``a`` and run ``b``."""
    t = default_cues().threshold
    print(f"\n## human-annotated sentences flagged differently: {a[0]} vs {b[0]}\n")
    for i, d in enumerate(docs):
        if not human[i]:
            continue
        for j, lab in enumerate(d.labels):
            fa, fb = a[1][i][j] >= t, b[1][i][j] >= t
            if fa != fb:
                tag = "GAP" if lab.gap else ("hard" if lab.hard else "no")
                print(f"- [{tag}] {a[0]} {a[1][i][j]:.2f} / {b[0]} {b[1][i][j]:.2f} "
                      f"[{d.doc.doc_id}] {texts[i][j][:220]}")  # fmt: skip


if __name__ == "__main__":
    main()
