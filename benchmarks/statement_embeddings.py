"""Dense word-vector features for the gap-statement detector, measured on and off.

    python3 benchmarks/statement_embeddings.py --vectors FILE [--folds N] [--variants a,b]
        [--genres]

``FILE`` is written by ``benchmarks/make_word_vectors.py`` (static word vectors distilled
from all-MiniLM-L6-v2; not shipped: benchmarks/statements/README.md says why). Every
variant is scored by the same grouped cross-validation (same folds, same run) as
``benchmarks/train_statements.py``: the shipped recipe's hashed features, then the same
plus the sentence's mean word vector (:func:`mean_vector`: SIF-weighted, unit length,
features ``emb:i`` scaled by ``alpha``), the mean vector of the words near a cue
(``near:i``: at most two words either side of a word of a cue list), max-pooled vectors
(``mx:i``), word clusters (``cl:k``: k-means over the vectors, fixed seed), or the logistic
regression's C. The variants ``enc*`` are a bound, not a candidate: the full encoder's own
sentence vectors (384 dims, about 50 sentences a second here), read from ``ENCODED``,
written by ``--dump-sentences FILE.json`` here, then ``ENCODER_PYTHON
benchmarks/make_word_vectors.py --sentences FILE.json --out ENCODED``.
Printed per variant: the best F1 over thresholds 0.20 to 0.90 with its precision and
recall, the seeds' precision and recall there, and the same at the shipped threshold;
with ``--genres``, precision and recall per genre at each variant's best threshold.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import train_statements as ts

from litreview.gaps.cues import Cues, default_cues
from litreview.gaps.statement_features import words
from litreview.gaps.statement_scope import Sentence, read_sentences

# -- word vectors (benchmarks/make_word_vectors.py writes the file) ----------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class WordVectors:
    """Word vectors: ``index`` maps a word to its row of ``vectors`` and ``weights``."""

    index: dict[str, int]
    vectors: np.ndarray
    weights: np.ndarray

    @property
    def dims(self) -> int:
        """The number of dimensions of a vector."""
        return int(self.vectors.shape[1])


def load_vectors(data: bytes) -> WordVectors:
    """Word vectors from ``.npz`` bytes written by ``benchmarks/make_word_vectors.py``."""
    with np.load(BytesIO(data), allow_pickle=False) as z:
        vocab = str(z["words"]).split("\n")
        vectors = np.asarray(z["vectors"], dtype=np.float32)
        weights = np.asarray(z["weights"], dtype=np.float32)
    if vectors.shape[0] != len(vocab) or weights.shape != (len(vocab),):
        raise ValueError(f"word vectors: {len(vocab)} words, {vectors.shape} vectors")
    return WordVectors(index={w: i for i, w in enumerate(vocab)}, vectors=vectors, weights=weights)


def rows(vectors: WordVectors, tokens: Iterable[str]) -> list[int]:
    """The rows of the words of ``tokens`` (a hyphenated word not known whole by its
    parts); unknown words and numbers have none."""
    out = []
    for t in tokens:
        i = vectors.index.get(t)
        if i is not None:
            out.append(i)
        elif "-" in t:
            out.extend(j for p in t.split("-") if (j := vectors.index.get(p)) is not None)
    return out


def mean_vector(vectors: WordVectors, tokens: Iterable[str]) -> np.ndarray:
    """The weighted mean of the vectors of ``tokens``, scaled to unit length (zeros when
    no word is known)."""
    found = rows(vectors, tokens)
    if not found:
        return np.zeros(vectors.dims, dtype=np.float32)
    w = vectors.weights[found]
    v = w @ vectors.vectors[found]
    norm = float(np.sqrt(v @ v))
    return v / norm if norm > 0 else v


rows_of = rows


@dataclass(frozen=True)
class Variant:
    """Dense features to add and the classifier's settings."""

    name: str
    alpha: float = 0.0
    near: float = 0.0
    c: float = 1.0
    positive_weight: float | None = None
    uniform: bool = False
    clusters: int = 0
    maxpool: float = 0.0
    encoder: float = 0.0
    near_clusters: int = 0
    soft: float = 0.0
    extra: dict = field(default_factory=dict)


VARIANTS = {
    "base": Variant("hashed features only (shipped recipe)"),
    "e1": Variant("+ sentence mean, alpha 1", alpha=1.0),
    "e2": Variant("+ sentence mean, alpha 2", alpha=2.0),
    "e4": Variant("+ sentence mean, alpha 4", alpha=4.0),
    "e8": Variant("+ sentence mean, alpha 8", alpha=8.0),
    "e2u": Variant("+ sentence mean (unweighted), alpha 2", alpha=2.0, uniform=True),
    "e2n2": Variant("+ sentence mean and near-cue mean, alpha 2", alpha=2.0, near=2.0),
    "e4n4": Variant("+ sentence mean and near-cue mean, alpha 4", alpha=4.0, near=4.0),
    "n2": Variant("+ near-cue mean, alpha 2", near=2.0),
    "cl256": Variant("+ word clusters (k=256)", clusters=256),
    "cl1024": Variant("+ word clusters (k=1024)", clusters=1024),
    "cl4096": Variant("+ word clusters (k=4096)", clusters=4096),
    "ncl4096": Variant("+ clusters of the words near a cue (k=4096)", near_clusters=4096),
    "cl4096ncl": Variant(
        "+ word clusters and clusters of words near a cue (k=4096)",
        clusters=4096,
        near_clusters=4096,
    ),
    "soft6": Variant("+ soft word lists (cosine >= 0.6 to a list's word)", soft=0.6),
    "soft7": Variant("+ soft word lists (cosine >= 0.7 to a list's word)", soft=0.7),
    "mx2": Variant("+ max-pooled word vectors, alpha 2", maxpool=2.0),
    "enc2": Variant("(bound) + the encoder's own sentence vector, alpha 2", encoder=2.0),
    "enc4": Variant("(bound) + the encoder's own sentence vector, alpha 4", encoder=4.0),
    "e2c3": Variant("+ sentence mean, alpha 2, C 0.3", alpha=2.0, c=0.3),
    "e2c3b": Variant("+ sentence mean, alpha 2, C 3", alpha=2.0, c=3.0),
    "e4c3": Variant("+ sentence mean, alpha 4, C 0.3", alpha=4.0, c=0.3),
}


def near_tokens(text: str, toks: list[str], cues: Cues, width: int = 2) -> list[str]:
    """The words at most ``width`` words either side of a word of any cue list."""
    starts = [m.start() for m in ts_word_iter(text)]
    hits = set()
    for wl in cues.lexicon:
        for m in wl.pattern.finditer(text):
            hits.add(bisect_right(starts, m.start()) - 1)
    keep = {j for h in hits for j in range(h - width, h + width + 1) if 0 <= j < len(toks)}
    return [toks[j] for j in sorted(keep)]


def ts_word_iter(text: str):  # the tokenizer's matches, for their offsets
    from litreview.gaps.statement_features import _WORD

    return _WORD.finditer(text.lower())


def sentence_tokens(docs: list[ts.Doc], cues: Cues) -> list[list[tuple[list[str], list[str]]]]:
    """Per document, per sentence: its words and the words near a cue."""
    out = []
    for d in docs:
        sents: list[Sentence] = read_sentences(d.doc.text, cues)
        rows = []
        for s in sents:
            toks = words(s.flat)
            rows.append((toks, near_tokens(s.flat, toks, cues)))
        out.append(rows)
    return out


def with_dense(docs, tokens, vectors: WordVectors, v: Variant) -> list[ts.Doc]:
    """``docs`` with the variant's dense features added to every sentence."""
    dense = (v.alpha, v.near, v.clusters, v.maxpool, v.encoder, v.near_clusters, v.soft)
    if not any(dense):
        return docs
    enc = iter(np.load(ENCODED)) if v.encoder else None
    labels = cluster_ids(vectors, v.clusters) if v.clusters else None
    nlabels = cluster_ids(vectors, v.near_clusters) if v.near_clusters else None
    soft = soft_lists(vectors, v.soft) if v.soft else None
    out = []
    for d, rows in zip(docs, tokens, strict=True):
        feats = []
        for f, (toks, near) in zip(d.features, rows, strict=True):
            g = dict(f)
            if v.alpha:
                for i, x in enumerate(mean_vector(vectors, toks)):
                    g[f"emb:{i}"] = v.alpha * float(x)
            if v.near:
                for i, x in enumerate(mean_vector(vectors, near)):
                    g[f"near:{i}"] = v.near * float(x)
            if enc is not None:
                for i, x in enumerate(next(enc)):
                    g[f"enc:{i}"] = v.encoder * float(x)
            if nlabels is not None:
                for j in rows_of(vectors, near):
                    g[f"ncl:{nlabels[j]}"] = 1.0
            if soft is not None:
                names, sims = soft
                found = rows_of(vectors, toks)
                if found:
                    for name, x in zip(names, sims[found].max(axis=0), strict=True):
                        if x > 0:
                            g[f"soft:{name}"] = float(x)
            if labels is not None:
                for j in rows_of(vectors, toks):
                    g[f"cl:{labels[j]}"] = 1.0
            if v.maxpool:
                found = rows_of(vectors, toks)
                if found:
                    m = np.abs(vectors.vectors[found]).max(axis=0) * np.sign(
                        vectors.vectors[found][
                            np.abs(vectors.vectors[found]).argmax(axis=0), np.arange(vectors.dims)
                        ]
                    )
                    m = m / max(float(np.linalg.norm(m)), 1e-9)
                    for i, x in enumerate(m):
                        g[f"mx:{i}"] = v.maxpool * float(x)
            feats.append(g)
        out.append(ts.Doc(d.doc, feats, d.labels, d.read, d.pieces))
    return out


#: The full encoder's sentence vectors (an upper bound, not shippable), in load_all order.
ENCODED = Path("/tmp/e16_sentvec.npy")
_CLUSTERS: dict[int, np.ndarray] = {}


def cluster_ids(vectors: WordVectors, k: int) -> np.ndarray:
    """A cluster per word: k-means (fixed seed) over the unit-length vectors."""
    if k not in _CLUSTERS:
        from sklearn.cluster import MiniBatchKMeans

        x = vectors.vectors / np.linalg.norm(vectors.vectors, axis=1, keepdims=True)
        km = MiniBatchKMeans(n_clusters=k, random_state=0, batch_size=4096, n_init=3)
        _CLUSTERS[k] = km.fit_predict(x)
    return _CLUSTERS[k]


def soft_lists(vectors: WordVectors, floor: float) -> tuple[list[str], np.ndarray]:
    """Per word, per cue list: its cosine to the list's nearest single word when at least
    ``floor`` and the word is not in the list itself, else 0."""
    import yaml

    lexicon = yaml.safe_load((ROOT / "litreview/data/gap_cues.yaml").read_text())["lexicon"]
    unit = vectors.vectors / np.linalg.norm(vectors.vectors, axis=1, keepdims=True)
    names, cols = [], []
    for name, entries in lexicon.items():
        members = {str(e).rstrip("*").lower() for e in entries if " " not in str(e)}
        idx = [vectors.index[m] for m in sorted(members) if m in vectors.index]
        if not idx:
            continue
        sim = (unit @ unit[idx].T).max(axis=1)
        sim[idx] = 0.0
        names.append(name)
        cols.append(np.where(sim >= floor, sim, 0.0))
    return names, np.stack(cols, axis=1)


def summary(docs, oof, threshold: float) -> dict:
    """Best F1 and its P/R, the seeds' P/R there, and P/R/F1 at ``threshold``."""
    rows = ts.curve(docs, oof)
    t, p, r, f = max(rows, key=lambda x: (x[3], -x[0]))
    return {
        "best": (t, p, r, f),
        "seeds_best": seeds_pr(docs, oof, t),
        "at": next(x for x in rows if abs(x[0] - threshold) < 1e-9),
        "seeds_at": seeds_pr(docs, oof, threshold),
    }


def seeds_pr(docs, oof, t: float) -> tuple[float, float]:
    tp = n_pred = n_gold = 0
    for d in docs:
        if "statement_check" not in d.doc.label_file:
            continue
        pred = oof[d.doc.doc_id][0] >= t
        gold = np.array([lab.gap for lab in d.labels])
        tp += int((pred & gold).sum())
        n_pred += int(pred.sum())
        n_gold += int(gold.sum())
    return ts.prf(tp, n_pred, n_gold)[:2]


def genres(docs, oof, t: float) -> dict[str, tuple[int, float, float]]:
    out: dict[str, list[int]] = {}
    for d in docs:
        pred = oof[d.doc.doc_id][0] >= t
        gold = np.array([lab.gap for lab in d.labels])
        row = out.setdefault(d.doc.genre, [0, 0, 0])
        row[0] += int((pred & gold).sum())
        row[1] += int(pred.sum())
        row[2] += int(gold.sum())
    return {g: (r[2], *ts.prf(*r)[:2]) for g, r in sorted(out.items())}


def run(docs, folds: int, fingerprint: str, v: Variant) -> dict:
    old = ts.C, ts.POSITIVE_WEIGHT
    ts.C, ts.POSITIVE_WEIGHT = v.c, v.positive_weight
    try:
        return ts.cross_validate(docs, folds, fingerprint)
    finally:
        ts.C, ts.POSITIVE_WEIGHT = old


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5, help="0: one document per fold")
    parser.add_argument("--vectors", type=Path, required=True)
    parser.add_argument("--variants", default="base,e1,e2,e4")
    parser.add_argument("--genres", action="store_true", help="print per-genre tables")
    parser.add_argument("--dump-sentences", type=Path, help="write every sentence's text (JSON)")
    args = parser.parse_args()
    cues = default_cues()
    docs = ts.load_all()
    if args.dump_sentences:
        texts = [s.flat for d in docs for s in read_sentences(d.doc.text, cues)]
        args.dump_sentences.write_text(json.dumps(texts), encoding="utf-8")
        return
    tokens = sentence_tokens(docs, cues)
    vectors = load_vectors(args.vectors.read_bytes())
    uniform = WordVectors(
        index=vectors.index, vectors=vectors.vectors, weights=np.ones_like(vectors.weights)
    )
    print(
        f"{len(docs)} documents; folds {args.folds or 'one document each'}; "
        f"vectors {args.vectors.name} ({len(vectors.index)} words, {vectors.dims} dims)\n"
    )
    print(
        "| variant | best F1 | at | P | R | seeds P | seeds R "
        f"| F1 at {cues.threshold:.2f} | P | R | seeds P | seeds R |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    results = {}
    for key in args.variants.split(","):
        v = VARIANTS[key]
        t0 = time.perf_counter()
        used = with_dense(docs, tokens, uniform if v.uniform else vectors, v)
        oof = run(used, args.folds, cues.fingerprint, v)
        s = summary(used, oof, cues.threshold)
        results[key] = (used, oof, s)
        t, p, r, f = s["best"]
        _, pa, ra, fa = s["at"]
        print(
            f"| {v.name} | {f:.3f} | {t:.2f} | {p:.3f} | {r:.3f} | {s['seeds_best'][0]:.3f} "
            f"| {s['seeds_best'][1]:.3f} | {fa:.3f} | {pa:.3f} | {ra:.3f} "
            f"| {s['seeds_at'][0]:.3f} | {s['seeds_at'][1]:.3f} |",
            flush=True,
        )
        print(f"<!-- {key}: {time.perf_counter() - t0:.0f} s -->", file=sys.stderr)
    if args.genres:
        for key, (used, oof, s) in results.items():
            t = s["best"][0]
            print(f"\n{VARIANTS[key].name}, at its best threshold {t:.2f}:\n")
            print("| genre | gaps | P | R |\n|---|---:|---:|---:|")
            for g, (n, p, r) in genres(used, oof, t).items():
                print(f"| {g} | {n} | {p:.2f} | {r:.2f} |")


if __name__ == "__main__":
    main()
