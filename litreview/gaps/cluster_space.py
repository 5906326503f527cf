"""The space themes are found in: TF-IDF weights reduced by latent semantic analysis (LSA),
fixed samples of it, and how typical each point is of its cluster."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

__all__ = ["centrality", "fixed_sample", "lsa", "per_cluster_sample", "tfidf_matrix"]


def tfidf_matrix(texts: Sequence[str]) -> Any:
    """TF-IDF matrix (English stop words, sublinear tf)."""
    n = len(texts)
    vec = TfidfVectorizer(
        stop_words="english",
        sublinear_tf=True,
        dtype=np.float32,
        min_df=1 if n < 50 else 2,
        max_df=1.0 if n < 50 else 0.5,
        ngram_range=(1, 2) if n < 5000 else (1, 1),
        max_features=50000,
    )
    try:
        return vec.fit_transform(texts)
    except ValueError:  # every word a stop word, or nothing left after min_df
        return _empty(n)


def _empty(n: int) -> Any:
    """An n x 0 sparse matrix."""
    from scipy.sparse import csr_matrix

    return csr_matrix((n, 0), dtype=np.float32)


def lsa(tfidf: Any, n_components: int, seed: int) -> np.ndarray:
    """LSA: truncated SVD then unit-length rows."""
    dims = min(n_components, tfidf.shape[1] - 1, tfidf.shape[0] - 1)
    if dims < 2:
        return normalize(tfidf.toarray().astype(np.float64))
    svd = TruncatedSVD(n_components=dims, random_state=seed, algorithm="randomized", n_iter=4)
    # float64: k-means and distances take their fast path (float32 is upcast piecewise);
    # normalised in place, so no second copy of the points is made
    return normalize(svd.fit_transform(tfidf).astype(np.float64), copy=False)


def fixed_sample(n: int, size: int, seed: int) -> np.ndarray:
    """Sorted indices of a fixed random sample (all indices when ``n <= size``)."""
    if n <= size:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=size, replace=False))


def centrality(points: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Cosine similarity of each (unit-length) point to its cluster's mean direction."""
    out = np.zeros(len(points))
    for c in range(int(labels.max()) + 1):
        members = labels == c
        centre = points[members].mean(axis=0)
        norm = float(np.linalg.norm(centre))
        out[members] = points[members] @ (centre / norm) if norm > 1e-12 else 0.0
    return out


def per_cluster_sample(labels: np.ndarray, size: int, seed: int) -> np.ndarray:
    """Sorted indices: every member of a cluster of at most ``size``, else a fixed sample."""
    rng = np.random.default_rng(seed)
    keep = []
    for c in range(int(labels.max()) + 1):
        members = np.flatnonzero(labels == c)
        if len(members) > size:
            members = rng.choice(members, size=size, replace=False)
        keep.append(members)
    return np.sort(np.concatenate(keep))
