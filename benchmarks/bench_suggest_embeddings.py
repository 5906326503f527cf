"""Benchmark: do sentence embeddings help the tag suggestions? Measured on the folds of
``bench_suggest.py``, with the rules hidden (a held-out work's facet phrases blanked before it
is scored, its models trained on works blind to the facet too), beside the shipped model.

A work's embedding is the mean of the unit-length embeddings of its evidence texts (each
field of the work, each citing sentence, as ``suggest_features.blind_to`` leaves them),
normalised; a taxonomy value's is the mean of its label's and its synonyms' (stars dropped).
The embeddings are the mean-pooled hidden states of the gap-statement encoder
(:meth:`litreview.gaps.sentence_encoder.Encoder.embeddings`), or, with ``--vectors``, those of
another encoder for the same texts. Variants, all with the shipped ``C`` and no tuning:

- ``embeddings``: one logistic regression per value on the work's embedding;
- ``embeddings + evidence``: the same beside the shipped features (TF-IDF words, phrase hits);
- ``zero-shot``: the cosine between the work and the value, through a logistic regression
  (one weight, for calibrated scores); ``zero-shot + evidence``: the cosines to every value
  of the facet beside the shipped features; ``best-text zero-shot + evidence``: the highest
  cosine between one of the work's texts and one of the value's phrases, times
  ``BEST_WEIGHT`` (chosen on these folds, so optimistic), beside the shipped features;
- ``neighbours``: the similarity-weighted share of the 10 nearest training works having the
  value, pulled towards its base rate as by two more works.

Also printed: the cost of an embedding per text (CPU seconds), and a check of the
embeddings' general sense: zero-shot average precision with the phrases *visible* (the
answers are the rule tags those phrases gave, so an encoder that keeps the meaning of words
ranks them high).

    python benchmarks/bench_suggest_embeddings.py [--top 20] [--folds 5] [--works N]
        [--dump-texts FILE.json] [--vectors FILE.npy]

To compare with all-MiniLM-L6-v2 before its fine-tuning for gaps: ``--dump-texts
/tmp/t.json``, then ``ENCODER_PYTHON benchmarks/make_word_vectors.py --sentences /tmp/t.json
--out /tmp/t.npy``, then ``--vectors /tmp/t.npy``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from litreview.gaps.sentence_encoder import default_encoder
from litreview.pipeline.suggest import review_evidence
from litreview.review import Review
from litreview.tags.suggest import TagSuggester, confirmed_labels
from litreview.tags.suggest_features import WorkEvidence, blind_to
from litreview.tags.suggest_quality import cross_validate, held_out_scores
from litreview.tags.suggest_vectors import EvidenceVectorizer
from litreview.taxonomy import Taxonomy

FacetValue = tuple[str, str]
BEST_WEIGHT = 10.0  # the best-text cosine's scale beside the evidence (chosen on these folds)
Hide = Callable[[WorkEvidence, str], WorkEvidence]
Embed = Callable[[Sequence[str]], np.ndarray]


def unit(m: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (zero rows stay zero)."""
    n = np.linalg.norm(m, axis=-1, keepdims=True)
    return m / np.where(n == 0, 1.0, n)


def texts_of(e: WorkEvidence) -> list[str]:
    """A work's evidence texts: its fields and citing sentences, blank ones left out."""
    return [t for t in [*(t for _, t in e.fields), *(c.text for c in e.contexts)] if t.strip()]


def value_texts(taxonomy: Taxonomy) -> dict[FacetValue, list[str]]:
    """Each value's label and synonyms (a trailing star dropped)."""
    return {
        (f.id, v.id): [v.label, *(s.rstrip("*") for s in v.synonyms)]
        for f in taxonomy.facets
        for v in f.values
    }


class Cached:
    """Embeddings of texts, each computed once (``embed`` for the ones not stored yet)."""

    def __init__(self, embed: Embed | None, stored: Mapping[str, np.ndarray] | None = None) -> None:
        self.embed = embed
        self.store = {t: unit(v) for t, v in (stored or {}).items()}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in self.store]
        if new:
            if self.embed is None:
                raise KeyError(f"no vector for {new[0]!r}")
            self.store.update(zip(new, unit(self.embed(new)), strict=True))
        return np.array([self.store[t] for t in texts])

    def works(self, evidence: Sequence[WorkEvidence]) -> np.ndarray:
        """One unit row per work: the mean of its texts' embeddings."""
        dims = len(next(iter(self.store.values())))
        rows = [self(ts).mean(0) if (ts := texts_of(e)) else np.zeros(dims) for e in evidence]
        return unit(np.array(rows))

    def best(self, evidence: Sequence[WorkEvidence], phrases: np.ndarray) -> np.ndarray:
        """Per work, the highest cosine between one of its texts and one of ``phrases``."""
        return np.array(
            [(self(ts) @ phrases.T).max() if (ts := texts_of(e)) else 0.0 for e in evidence]
        )


class EmbeddingSuggester:
    """The variants of the module docstring (``fit``/``predict_proba`` as TagSuggester)."""

    def __init__(
        self, *, values: Sequence[FacetValue], hide: Hide, vectors: Cached, kind: str,
        phrases: Mapping[FacetValue, np.ndarray], C: float = 3.0, k: int = 10,
    ) -> None:  # fmt: skip
        self.values, self.hide, self.vectors, self.kind = values, hide, vectors, kind
        self.phrases, self.C, self.k = phrases, C, k
        self.values_at = {fv: unit(m.mean(0)) for fv, m in phrases.items()}

    def fit(
        self, evidence: Sequence[WorkEvidence], labels: Mapping[FacetValue, Collection[str]]
    ) -> EmbeddingSuggester:
        from sklearn.linear_model import LogisticRegression

        self.models_: dict[FacetValue, Any] = {}
        self.train_: dict[str, tuple[np.ndarray, dict[FacetValue, np.ndarray]]] = {}
        self.words_: dict[str, EvidenceVectorizer] = {}
        for facet in sorted({f for f, _ in labels}):
            seen = [self.hide(e, facet) for e in evidence]
            self.words_[facet] = EvidenceVectorizer(values=self.values).fit(seen)
            x = self.vectors.works(seen)
            answers = {}
            for fv in sorted(fv for fv in labels if fv[0] == facet):
                y = np.array([e.key in labels[fv] for e in seen])
                if min(int(y.sum()), int((~y).sum())) < 4:
                    continue
                answers[fv] = y
                if self.kind != "neighbours":
                    model = LogisticRegression(C=self.C, solver="liblinear", random_state=0)
                    self.models_[fv] = model.fit(self._features(seen, x, facet, fv), y)
            self.train_[facet] = (x, answers)
        return self

    def predict_proba(self, evidence: Sequence[WorkEvidence]) -> dict[FacetValue, np.ndarray]:
        out = {}
        for facet, (train, answers) in self.train_.items():
            shown = [self.hide(e, facet) for e in evidence]
            x = self.vectors.works(shown)
            for fv, y in answers.items():
                if self.kind == "neighbours":
                    out[fv] = self._vote(x @ train.T, y)
                else:
                    out[fv] = self.models_[fv].predict_proba(self._features(shown, x, facet, fv))[
                        :, 1
                    ]
        return out

    def _features(
        self, shown: Sequence[WorkEvidence], x: np.ndarray, facet: str, fv: FacetValue
    ) -> Any:
        from scipy.sparse import csr_matrix, hstack

        if self.kind.startswith("best"):
            dense = BEST_WEIGHT * self.vectors.best(shown, self.phrases[fv])[:, None]
        elif self.kind.startswith("zero-shot"):
            facet_values = [v for v in self.values if v[0] == facet]
            cosines = x @ np.array([self.values_at[v] for v in facet_values]).T
            dense = (
                cosines if self.kind.endswith("evidence") else cosines[:, [facet_values.index(fv)]]
            )
        else:
            dense = x
        if not self.kind.endswith("evidence"):
            return dense
        return hstack([self.words_[facet].transform(shown), csr_matrix(dense)]).tocsr()

    def _vote(self, sims: np.ndarray, y: np.ndarray) -> np.ndarray:
        near = np.argsort(-sims, axis=1, kind="stable")[:, : self.k]
        w = np.take_along_axis(sims, near, 1).clip(0)
        share = (w * y[near]).sum(1) / np.maximum(w.sum(1), 1e-12)
        return (share * self.k + y.mean() * 2) / (self.k + 2)


class ZeroShot:
    """Scores = cosine between work and value, as (1 + cos) / 2, no training, no hiding;
    with ``best``, that of the work's text and the value's phrase nearest each other."""

    def __init__(
        self, vectors: Cached, phrases: Mapping[FacetValue, np.ndarray], best: bool
    ) -> None:
        self.vectors, self.phrases, self.best = vectors, phrases, best
        self.values_at = {fv: unit(m.mean(0)) for fv, m in phrases.items()}

    def fit(self, evidence: Any, labels: Mapping[FacetValue, Any]) -> ZeroShot:
        self.learnt_ = list(labels)
        return self

    def predict_proba(self, evidence: Sequence[WorkEvidence]) -> dict[FacetValue, np.ndarray]:
        if self.best:
            return {
                fv: (1 + self.vectors.best(evidence, self.phrases[fv])) / 2 for fv in self.learnt_
            }
        x = self.vectors.works(evidence)
        return {fv: (1 + x @ self.values_at[fv]) / 2 for fv in self.learnt_}


def average_precision(scores: Mapping[tuple[str, str, str], float], labels: Any, facet: str) -> str:
    """Average precision of a facet's ranked pairs, and its base rate."""
    from sklearn.metrics import average_precision_score

    pairs = sorted((-p, k, v) for (k, f, v), p in scores.items() if f == facet)
    y = np.array([k in labels.get((facet, v), ()) for _, k, v in pairs])
    return f"{average_precision_score(y, [-p for p, _, _ in pairs]):.2f} (base rate {y.mean():.2f})"


def main() -> None:
    """Print the tables."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--review", default=str(ROOT))
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--works", type=int, help="the first N works only (a quick run)")
    ap.add_argument("--dump-texts", type=Path, help="write the texts to embed (JSON) and stop")
    ap.add_argument("--vectors", type=Path, help="their vectors (.npy, rows in that order)")
    args = ap.parse_args()
    review = Review.at(args.review)
    taxonomy = review.load_taxonomy()
    evidence = review_evidence(review, taxonomy)[: args.works]
    labels = confirmed_labels(review.load_tags())
    values = [(f.id, v.id) for f in taxonomy.facets for v in f.values]
    hide = blind_to(taxonomy)
    facets = sorted({f for f, _ in labels})
    named = value_texts(taxonomy)
    views = [v for e in evidence for v in (e, *(hide(e, f) for f in facets))]
    needed = list(dict.fromkeys(t for e in views for t in texts_of(e)))
    # a model's predict_proba hides every facet from works held out blind to one of them
    twice = (hide(hide(e, f), g) for e in evidence for f in facets for g in facets if f != g)
    texts = list(
        dict.fromkeys(
            [
                *needed,
                *chain.from_iterable(named.values()),
                *(t for e in twice for t in texts_of(e)),
            ]
        )
    )
    if args.dump_texts:
        args.dump_texts.write_text(json.dumps(texts), encoding="utf-8")
        print(f"{len(texts)} texts -> {args.dump_texts}")
        return
    if args.vectors:
        vectors = Cached(None, dict(zip(texts, np.load(args.vectors), strict=True)))
        source = str(args.vectors)
    else:
        encoder = default_encoder()
        assert encoder is not None, "litreview/data/gap_encoder.npz is missing"
        vectors = Cached(encoder.embeddings)
        t0 = time.process_time()
        vectors(needed)
        cost = time.process_time() - t0
        vectors(texts)
        words = sum(len(t.split()) for t in needed) / len(needed)
        source = "the gap encoder"
        print(
            f"embedded the {len(needed)} texts of the works (mean {words:.0f} words) in "
            f"{cost:.1f} CPU s: {1000 * cost / len(needed):.1f} ms a text, "
            f"{cost / len(evidence):.2f} s a work for its {len(views) // len(evidence)} views"
        )
    phrases = {fv: vectors(ts) for fv, ts in named.items()}
    print(f"review {review.root.name}: {len(evidence)} works; embeddings of {source}")
    for best in (False, True):
        for blind, seen in ((None, "visible"), (hide, "hidden")):
            scores = held_out_scores(
                evidence,
                labels,
                lambda best=best: ZeroShot(vectors, phrases, best),
                folds=args.folds,
                blind=blind,
            )
            ap_ = "; ".join(f"{f} {average_precision(scores, labels, f)}" for f in facets)
            print(f"{'best-text ' * best}zero-shot average precision, phrases {seen}: {ap_}")
    at = f"@{args.top}"
    print(f"| model, rules hidden | facet | P{at} | R{at} | P(>=0.5) | R(>=0.5) | n(>=0.5) | ECE |")
    print("|---|---|---|---|---|---|---|---|")
    kinds = ["embeddings", "embeddings + evidence", "zero-shot", "zero-shot + evidence"]
    makers: dict[str, Callable[[], Any]] = {
        "rule-blind (shipped)": lambda: TagSuggester(values=values, hide=hide)
    }
    for kind in [*kinds, "best-text zero-shot + evidence", "neighbours"]:
        makers[kind] = lambda kind=kind: EmbeddingSuggester(
            values=values, hide=hide, vectors=vectors, kind=kind, phrases=phrases
        )
    for name, make in makers.items():
        t0 = time.process_time()
        for q in cross_validate(evidence, labels, make, top=args.top, folds=args.folds, blind=hide):
            print(
                f"| {name} | {q.facet} | {q.precision_at_top:.2f} | {q.recall_at_top:.2f} | "
                f"{q.precision:.2f} | {q.recall:.2f} | {q.n_suggested} | "
                f"{q.calibration_error:.3f} |"
            )
        print(f"<!-- {name}: {time.process_time() - t0:.1f} CPU s -->")


if __name__ == "__main__":
    main()
