"""The gap-statement model: three linear models over hashed sentence features.

``gap`` scores whether a sentence states a gap (a logistic regression; its probability is the
statement's ``score``), ``kind`` which kind it is (multinomial, over
:data:`~litreview.gaps.statement_data.KINDS`), ``strength`` whether it is explicit or
implicit. Features are named (:mod:`litreview.gaps.statement_features`) and hashed into
``N_FEATURES`` columns, so the model is a handful of weight vectors, stored in
``litreview/data/gap_model.npz`` (no pickle) and rebuilt by
``benchmarks/train_statements.py``. Training is deterministic (fixed solver and seed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from io import BytesIO

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression

from litreview.gaps.statement_data import KINDS, STRENGTHS

__all__ = [
    "N_FEATURES",
    "Features",
    "Scores",
    "StatementModel",
    "contributions",
    "default_model",
    "fit_model",
    "load_model",
    "model_bytes",
]

N_FEATURES = 2**18
_HASHER = FeatureHasher(n_features=N_FEATURES, input_type="dict", alternate_sign=False)
Features = Mapping[str, float]


@dataclass(frozen=True, slots=True, kw_only=True)
class StatementModel:
    """Fitted weights: ``gap`` (one vector), ``kind`` (one row per kind), ``strength``
    (implicit against explicit); ``fingerprint`` names the word lists it was fitted with."""

    gap: np.ndarray
    gap_bias: float
    kind: np.ndarray
    kind_bias: np.ndarray
    strength: np.ndarray
    strength_bias: float
    fingerprint: str

    def __post_init__(self) -> None:
        # kept column by column, so that ``kind.T`` is contiguous: a sparse matrix times a
        # transposed row-major ``kind`` first copies all of it (1.4 ms a call, 2^18 x 4)
        object.__setattr__(self, "kind", np.asfortranarray(self.kind))


@dataclass(frozen=True, slots=True, kw_only=True)
class Scores:
    """What the model says of some sentences: gap probability, kind, implicit probability."""

    gap: np.ndarray
    kind: tuple[str, ...]
    kind_score: np.ndarray
    implicit: np.ndarray


def hashed(features: Sequence[Features]) -> sparse.csr_matrix:
    """The feature dicts as a sparse matrix of ``N_FEATURES`` columns."""
    return _HASHER.transform(list(features)).tocsr()


def score(model: StatementModel, features: Sequence[Features]) -> Scores:
    """Gap probability, kind and strength of each feature dict."""
    if not features:
        empty = np.zeros(0)
        return Scores(gap=empty, kind=(), kind_score=empty, implicit=empty)
    x = hashed(features)
    gap = _sigmoid(x @ model.gap + model.gap_bias)
    logits = x @ model.kind.T + model.kind_bias
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    best = probs.argmax(axis=1)
    return Scores(
        gap=gap,
        kind=tuple(KINDS[k] for k in best),
        kind_score=probs[np.arange(len(best)), best],
        implicit=_sigmoid(x @ model.strength + model.strength_bias),
    )


def contributions(model: StatementModel, features: Features) -> list[tuple[str, float]]:
    """Each feature's share of the gap score (weight times value), largest first."""
    names = list(features)
    if not names:
        return []
    rows = hashed([{n: features[n]} for n in names])
    parts = rows @ model.gap
    return sorted(zip(names, parts.tolist(), strict=True), key=lambda p: -p[1])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


# -- fitting ---------------------------------------------------------------------------------
def fit_model(
    features: Sequence[Features],
    gap: Sequence[bool],
    kind: Sequence[str],
    strength: Sequence[str],
    *,
    fingerprint: str,
    c: float = 1.0,
    positive_weight: float | None = None,
    seed: int = 0,
) -> StatementModel:
    """Fit the three models; ``kind`` and ``strength`` are read on the gap rows only.
    ``positive_weight`` weighs gap rows against the others (None: by their shares)."""
    full = hashed(features)
    used = np.unique(full.indices)  # fit on the columns that occur, then put them back
    x = full[:, used]
    y = np.asarray(gap, dtype=int)
    weights = "balanced" if positive_weight is None else {0: 1.0, 1: positive_weight}
    g = LogisticRegression(C=c, class_weight=weights, solver="liblinear", random_state=seed).fit(
        x, y
    )
    rows = [int(i) for i in np.flatnonzero(y)]
    k = LogisticRegression(C=c, max_iter=2000, random_state=seed).fit(
        x[rows], [KINDS.index(kind[i]) for i in rows]
    )
    s = LogisticRegression(C=c, solver="liblinear", random_state=seed).fit(
        x[rows], [int(strength[i] == STRENGTHS[1]) for i in rows]
    )
    kind_w, kind_b = _all_kinds(k, used)
    return StatementModel(
        gap=_spread(g.coef_[0], used),
        gap_bias=float(g.intercept_[0]),
        kind=kind_w,
        kind_bias=kind_b,
        strength=_spread(s.coef_[0], used),
        strength_bias=float(s.intercept_[0]),
        fingerprint=fingerprint,
    )


def _spread(weights: np.ndarray, used: np.ndarray) -> np.ndarray:
    """Weights of the ``used`` columns as a full-width vector."""
    w = np.zeros(N_FEATURES, dtype=np.float32)
    w[used] = weights
    return w


def _all_kinds(model: LogisticRegression, used: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One weight row per kind, in KINDS order (a kind absent from training never wins)."""
    w = np.zeros((len(KINDS), N_FEATURES), dtype=np.float32)
    b = np.full(len(KINDS), -1e3)
    coef, intercept = model.coef_, model.intercept_
    if coef.shape[0] == 1:  # two kinds only: the first is the zero row
        coef = np.vstack([np.zeros_like(coef[0]), coef[0]])
        intercept = np.array([0.0, intercept[0]])
    for row, label in enumerate(model.classes_):
        w[int(label)] = _spread(coef[row], used)
        b[int(label)] = intercept[row]
    return w, b


# -- storing ---------------------------------------------------------------------------------
def model_bytes(model: StatementModel) -> bytes:
    """The model as compressed ``.npz`` bytes (non-zero weights only)."""
    arrays: dict[str, np.ndarray] = {
        "fingerprint": np.array(model.fingerprint),
        "biases": np.array([model.gap_bias, model.strength_bias]),
        "kind_bias": model.kind_bias,
    }
    for name, w in (("gap", model.gap), ("strength", model.strength)):
        arrays[f"{name}_index"] = np.flatnonzero(w).astype(np.int32)
        arrays[f"{name}_value"] = w[w != 0].astype(np.float32)
    for r, kind in enumerate(KINDS):
        arrays[f"kind_{kind}_index"] = np.flatnonzero(model.kind[r]).astype(np.int32)
        arrays[f"kind_{kind}_value"] = model.kind[r][model.kind[r] != 0].astype(np.float32)
    buf = BytesIO()
    np.savez_compressed(buf, allow_pickle=False, **arrays)
    return buf.getvalue()


def load_model(data: bytes) -> StatementModel:
    """A model from ``.npz`` bytes written by :func:`model_bytes`."""
    with np.load(BytesIO(data), allow_pickle=False) as z:

        def dense(name: str) -> np.ndarray:
            w = np.zeros(N_FEATURES, dtype=np.float32)
            w[z[f"{name}_index"]] = z[f"{name}_value"]
            return w

        biases = z["biases"]
        return StatementModel(
            gap=dense("gap"),
            gap_bias=float(biases[0]),
            kind=np.stack([dense(f"kind_{k}") for k in KINDS]),
            kind_bias=np.asarray(z["kind_bias"], dtype=float),
            strength=dense("strength"),
            strength_bias=float(biases[1]),
            fingerprint=str(z["fingerprint"]),
        )


@lru_cache(maxsize=1)
def default_model() -> StatementModel:
    """The model shipped with litreview (``litreview/data/gap_model.npz``)."""
    path = resources.files("litreview").joinpath("data", "gap_model.npz")
    return load_model(path.read_bytes())
