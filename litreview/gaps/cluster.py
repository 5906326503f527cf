"""Themes: deterministic clustering of works and gap statements over TF-IDF.

Texts are weighted with TF-IDF, reduced with truncated SVD (latent semantic analysis) and
normalised, then clustered with k-means several times from fixed seeds (mini-batch k-means
on large inputs). ``k`` is chosen by the silhouette score over a small range on a fixed
sample, so 20 texts and 100,000 texts go through the same path; centroid methods do not
fail on small corpora the way density-based topic models do. The agreement between runs
(mean adjusted Rand index) is reported as ``stability_``; clusters are described by their most
distinctive phrases (:mod:`litreview.gaps.cluster_terms`), numbered by size so that numbers do
not depend on run order, and laid out as separate islands on a 2-D map
(:mod:`litreview.gaps.cluster_layout`). Warnings the fitting libraries raise are counted into
``notes_``, one line each, rather than printed.

Examples
--------
>>> texts = ["river flood routes", "river flood defences", "coastal river flood",
...          "crop yield drought", "drought and crop prices", "crop drought insurance"]
>>> model = ThemeClusterer(n_clusters=2, random_state=0).fit(texts)
>>> sorted(model.labels_[:3]) == [model.labels_[0]] * 3
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.exceptions import NotFittedError
from sklearn.metrics import adjusted_rand_score, pairwise_distances, silhouette_score
from threadpoolctl import threadpool_limits

from litreview.core.library_warnings import counted_warnings, retell
from litreview.gaps.cluster_layout import island_layout
from litreview.gaps.cluster_space import (
    centrality,
    fixed_sample,
    lsa,
    per_cluster_sample,
    tfidf_matrix,
)
from litreview.gaps.cluster_terms import distinctive_terms
from litreview.gaps.cluster_texts import statement_texts, work_texts

__all__ = ["ClusterResult", "ThemeClusterer", "cluster_texts", "statement_texts", "work_texts"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterResult:
    """A fitted clustering, ready to save or plot.

    ``labels[i]`` is the cluster of ``ids[i]`` (0 is the largest cluster); ``keywords[c]`` are
    the most distinctive phrases of cluster ``c``; ``coords[i]`` is a 2-D position for a map;
    ``centrality[i]`` is the cosine similarity of item ``i`` to its cluster's centre (1: the
    most typical member); ``notes`` are warnings raised while fitting, one line each.
    """

    ids: tuple[str, ...]
    labels: tuple[int, ...]
    keywords: tuple[tuple[str, ...], ...]
    coords: tuple[tuple[float, float], ...]
    k: int
    stability: float
    silhouette: float
    method: str
    centrality: tuple[float, ...] = ()
    notes: tuple[str, ...] = ()

    def members(self, cluster: int) -> tuple[str, ...]:
        """The ids in ``cluster``, in input order."""
        return tuple(i for i, lab in zip(self.ids, self.labels, strict=True) if lab == cluster)

    def central(self, cluster: int, n: int = 3) -> tuple[str, ...]:
        """The ``n`` most typical ids of ``cluster`` (closest to its centre), best first."""
        rows = [
            (-self.centrality[i] if self.centrality else 0.0, i)
            for i, lab in enumerate(self.labels)
            if lab == cluster
        ]
        return tuple(self.ids[i] for _, i in sorted(rows)[:n])


class ThemeClusterer:
    """Cluster texts into themes (scikit-learn conventions: ``fit`` then fitted attributes).

    Parameters
    ----------
    n_clusters : int or None
        Number of clusters; ``None`` picks it by silhouette over ``k_range``.
    k_range : (int, int)
        Smallest and largest k tried when ``n_clusters`` is None.
    n_runs : int
        Clusterings from seeds ``random_state .. random_state + n_runs - 1``; the one with the
        lowest inertia is kept and all are compared for ``stability_``.
    random_state : int
        The base seed; the same input and seed always give the same result.
    n_components : int or None
        Dimensions kept by truncated SVD before clustering; ``None``: about sqrt(n), between
        5 and 100 (few dimensions keep small corpora from splitting on single words).
    sample_size : int
        Points used for choosing k and the silhouette score.
    minibatch_above : int
        Inputs larger than this use mini-batch k-means.
    n_keywords : int
        Distinctive phrases kept per cluster.
    label_sample : int
        Texts per cluster read for its phrases (a fixed sample of a larger cluster).
    n_threads : int or None
        OpenMP/BLAS threads while fitting; 1 by default (on busy shared machines more threads
        can make k-means many times slower); ``None`` leaves the libraries' default.

    Attributes
    ----------
    labels_ : ndarray of int
    keywords_ : list of tuple of str
    stability_ : float
        Mean adjusted Rand index between the runs (1.0: every run agrees).
    silhouette_ : float
    k_ : int
    coords_ : ndarray of shape (n, 2)
    centrality_ : ndarray of shape (n,)
    notes_ : tuple of str
        Warnings raised by the fitting libraries, counted: one line per kind (each told once
        more as a :class:`~litreview.core.library_warnings.LibraryWarning`).
    n_samples_fit_ : int
    """

    def __init__(
        self,
        *,
        n_clusters: int | None = None,
        k_range: tuple[int, int] = (2, 12),
        n_runs: int = 5,
        random_state: int = 0,
        n_components: int | None = None,
        sample_size: int = 2000,
        minibatch_above: int = 5000,
        n_keywords: int = 5,
        label_sample: int = 500,
        n_threads: int | None = 1,
    ) -> None:
        self.n_clusters = n_clusters
        self.k_range = k_range
        self.n_runs = n_runs
        self.random_state = random_state
        self.n_components = n_components
        self.sample_size = sample_size
        self.minibatch_above = minibatch_above
        self.n_keywords = n_keywords
        self.label_sample = label_sample
        self.n_threads = n_threads

    def fit(
        self, texts: Sequence[str], y: Any = None, *, naming: Sequence[str] | None = None
    ) -> ThemeClusterer:
        """Cluster ``texts`` (``y`` is ignored, as in scikit-learn); ``naming``: the texts to
        read each cluster's phrases from, one per text (default: ``texts``)."""
        self._validate(texts)
        if naming is not None and len(naming) != len(texts):
            raise ValueError("naming must have one text per text clustered")
        with counted_warnings() as caught:
            if self.n_threads is None:
                self._fit(texts, naming or texts)
            else:
                with threadpool_limits(limits=self.n_threads):
                    self._fit(texts, naming or texts)
        self.notes_ = tuple(caught)
        retell(self.notes_)
        return self

    def _fit(self, texts: Sequence[str], naming: Sequence[str]) -> ThemeClusterer:
        """The work of ``fit``."""
        self.n_samples_fit_ = len(texts)
        tfidf = tfidf_matrix(texts)
        if len(texts) < 3 or tfidf.shape[1] < 2:
            return self._trivial(naming)
        dims = self.n_components or int(min(100, max(5, round(np.sqrt(len(texts))))))
        reduced = lsa(tfidf, dims, self.random_state)
        sample = fixed_sample(len(texts), self.sample_size, self.random_state)
        self.k_ = self.n_clusters or self._choose_k(reduced[sample])
        self.k_ = max(1, min(self.k_, len(texts) - 1))
        runs = [self._kmeans(seed).fit(reduced) for seed in self._seeds()]
        best = min(runs, key=lambda m: (m.inertia_, runs.index(m)))
        self.labels_ = _canonical(best.labels_)
        self.stability_ = _mean_ari([r.labels_ for r in runs])
        self.silhouette_ = _silhouette(pairwise_distances(reduced[sample]), self.labels_[sample])
        self.keywords_ = self._terms(naming)
        self.centrality_ = centrality(reduced, self.labels_)
        self.coords_ = island_layout(reduced, self.labels_)
        return self

    def result(self, ids: Sequence[str] | None = None) -> ClusterResult:
        """The fitted clustering as a frozen record; ``ids`` default to "0", "1", ..."""
        if not hasattr(self, "labels_"):
            raise NotFittedError("call fit() before result()")
        ids = tuple(ids) if ids is not None else tuple(str(i) for i in range(len(self.labels_)))
        return ClusterResult(
            ids=ids,
            labels=tuple(int(x) for x in self.labels_),
            keywords=tuple(self.keywords_),
            coords=tuple((float(a), float(b)) for a, b in self.coords_),
            k=int(self.k_),
            stability=float(self.stability_),
            silhouette=float(self.silhouette_),
            method=self._method(),
            centrality=tuple(round(float(x), 6) for x in self.centrality_),
            notes=tuple(self.notes_),
        )

    # -- steps -------------------------------------------------------------------------------
    def _validate(self, texts: Sequence[str]) -> None:
        """Parameters and input checked once, in ``fit``."""
        lo, hi = self.k_range
        if not 2 <= lo <= hi:
            raise ValueError(f"k_range must be (lo, hi) with 2 <= lo <= hi, got {self.k_range}")
        if self.n_clusters is not None and self.n_clusters < 1:
            raise ValueError("n_clusters must be at least 1")
        if self.n_runs < 1:
            raise ValueError("n_runs must be at least 1")
        if isinstance(texts, str) or not len(texts):
            raise ValueError("texts must be a non-empty sequence of strings")

    def _seeds(self) -> range:
        """One seed per run."""
        return range(self.random_state, self.random_state + self.n_runs)

    def _method(self) -> str:
        """The algorithm used, for the record."""
        big = self.n_samples_fit_ > self.minibatch_above
        return f"tfidf-lsa-{'minibatch-kmeans' if big else 'kmeans'}"

    def _kmeans(self, seed: int) -> Any:
        """A k-means estimator (mini-batch for large inputs) with a fixed seed."""
        if self.n_samples_fit_ > self.minibatch_above:
            return MiniBatchKMeans(n_clusters=self.k_, random_state=seed, n_init=1, batch_size=4096)
        return KMeans(n_clusters=self.k_, random_state=seed, n_init=10)

    def _choose_k(self, points: np.ndarray) -> int:
        """The k in ``k_range`` with the best silhouette on ``points`` (smallest on ties)."""
        lo, hi = self.k_range
        # more than sqrt(n) clusters splits a small corpus into pairs; keep k below that
        hi = max(lo, min(hi, len(points) - 1, int(np.sqrt(len(points)))))
        best_k, best_s = lo, -2.0
        distances = pairwise_distances(points)
        for k in range(lo, hi + 1):
            model = KMeans(n_clusters=k, random_state=self.random_state, n_init=2)
            labels = model.fit_predict(points)
            score = _silhouette(distances, labels)
            if score > best_s + 1e-9:
                best_k, best_s = k, score
        return best_k

    def _terms(self, texts: Sequence[str]) -> list[tuple[str, ...]]:
        """Each cluster's distinctive phrases, read from at most ``label_sample`` of its texts."""
        keep = per_cluster_sample(self.labels_, self.label_sample, self.random_state)
        chosen = [texts[i] for i in keep]
        return distinctive_terms(chosen, self.labels_[keep].tolist(), n=self.n_keywords)

    def _trivial(self, texts: Sequence[str]) -> ThemeClusterer:
        """Too few texts or terms to split: one cluster."""
        n = len(texts)
        self.k_ = 1
        self.labels_ = np.zeros(n, dtype=int)
        self.stability_ = 1.0
        self.silhouette_ = 0.0
        self.keywords_ = self._terms(texts)
        self.centrality_ = np.ones(n)
        self.coords_ = np.zeros((n, 2))
        return self


def cluster_texts(
    texts: Sequence[str],
    ids: Sequence[str] | None = None,
    *,
    naming: Sequence[str] | None = None,
    **params: Any,
) -> ClusterResult:
    """Cluster ``texts`` with :class:`ThemeClusterer` (``params`` are its parameters;
    ``naming`` as in :meth:`ThemeClusterer.fit`)."""
    return ThemeClusterer(**params).fit(texts, naming=naming).result(ids)


# -- helpers ------------------------------------------------------------------------------------
def _silhouette(distances: np.ndarray, labels: np.ndarray) -> float:
    """Silhouette score from a distance matrix; 0.0 when undefined (one cluster, or one point
    per cluster)."""
    k = len(set(labels.tolist()))
    if k < 2 or k >= len(labels):
        return 0.0
    return float(silhouette_score(distances, labels, metric="precomputed"))


def _canonical(labels: np.ndarray) -> np.ndarray:
    """Relabel clusters 0..k-1 by size (largest first), ties by first member."""
    uniq, first, counts = np.unique(labels, return_index=True, return_counts=True)
    order = sorted(range(len(uniq)), key=lambda i: (-counts[i], first[i]))
    mapping = {int(uniq[i]): rank for rank, i in enumerate(order)}
    return np.array([mapping[int(x)] for x in labels], dtype=int)


def _mean_ari(runs: Sequence[np.ndarray]) -> float:
    """Mean adjusted Rand index over every pair of runs (1.0 for a single run)."""
    pairs = list(combinations(runs, 2))
    if not pairs:
        return 1.0
    return float(np.mean([adjusted_rand_score(a, b) for a, b in pairs]))
