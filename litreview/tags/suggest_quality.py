"""How good the suggestions are, measured on works the model did not see (pure).

Works are split into folds by ``group`` (works sharing a citing sentence or paragraph stay in
one fold, so a model is never tested on the words it was trained on). Every held-out work gets
a probability for every learnt value; per facet, the (work, value) pairs are ranked by it and
compared with the accepted tags: precision and recall of the ``top`` best pairs (what a
curator reading the first suggestions sees), precision and recall of the pairs scored at least
``threshold`` (what is written), and the calibration error (the mean gap between a score and
the share of right answers among pairs scored alike; 0 is perfectly calibrated).

With ``blind`` (:func:`litreview.tags.suggest_features.blind_to`) it measures what the rules
cannot give, which is all a suggestion is for: before a held-out work is scored for a facet,
every phrase of that facet's values is blanked from its words and its hits are dropped, so only
the rest of its evidence can suggest a value, and the tags the rules gave it from those phrases
are the answers it is checked against.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from litreview.tags.suggest_features import WorkEvidence

__all__ = ["FacetQuality", "best_c", "cross_validate", "facet_quality", "grouped_folds"]

FacetValue = tuple[str, str]
Scores = dict[tuple[str, str, str], float]  # (work, facet, value) -> probability


@dataclass(frozen=True, slots=True, kw_only=True)
class FacetQuality:
    """Cross-validated quality of the suggestions of one facet."""

    facet: str
    n_works: int
    n_scored: int
    n_positive: int
    top: int
    precision_at_top: float
    recall_at_top: float
    threshold: float
    n_suggested: int
    precision: float
    recall: float
    calibration_error: float

    def summary(self) -> str:
        """One line for the user."""
        if not self.n_scored:
            return f"model {self.facet}: too few accepted tags to learn and measure it"
        return (
            f"model {self.facet}: cross-validated precision {self.precision_at_top:.2f} at the "
            f"top {self.top} (recall {self.recall_at_top:.2f}); at score >= {self.threshold:g}: "
            f"precision {self.precision:.2f}, recall {self.recall:.2f}; "
            f"calibration error {self.calibration_error:.2f}"
        )


def grouped_folds(
    groups: Sequence[str], folds: int, seed: int | None = None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) index pairs, each group wholly in one test fold (fewer folds when there
    are fewer groups). With ``seed``, another split: the groups in a random order, each put
    in the fold with the fewest works so far (to see how much a figure owes to one split)."""
    from sklearn.model_selection import GroupKFold

    n_groups = len(set(groups))
    if n_groups < 2:
        return []
    n_folds = min(folds, n_groups)
    if seed is None:
        splitter = GroupKFold(n_splits=n_folds)
        return list(splitter.split(np.zeros(len(groups)), groups=list(groups)))
    names = sorted(set(groups))
    order = np.random.default_rng(seed).permutation(len(names))
    size = dict(zip(*np.unique(np.array(groups), return_counts=True), strict=True))
    fold_of: dict[str, int] = {}
    load = [0] * n_folds
    for i in order:
        fold_of[names[i]] = j = load.index(min(load))
        load[j] += int(size[names[i]])
    which = np.array([fold_of[g] for g in groups])
    rows = np.arange(len(groups))
    return [(rows[which != j], rows[which == j]) for j in range(n_folds)]


def best_c(
    x: Any,
    ys: Sequence[np.ndarray],
    groups: Sequence[str],
    cs: Sequence[float],
    *,
    folds: int = 4,
    random_state: int = 0,
) -> float:
    """The regularisation of ``cs`` whose logistic regressions (one per label vector of
    ``ys``, over the rows of ``x``) give the lowest log loss, pooled over grouped folds of the
    rows: a proper score, so the choice keeps the probabilities calibrated. Called on training
    works only (nested in the outer cross-validation). The middle of ``cs`` when there are too
    few groups or labels to fold."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss

    splits = grouped_folds(groups, folds)
    losses = []
    for c in cs:
        probs, right = [], []
        for train, test in splits:
            for y in ys:
                if min(int(y[train].sum()), int((~y[train]).sum())) < 2:
                    continue
                model = LogisticRegression(
                    C=c, solver="liblinear", max_iter=2000, random_state=random_state
                )
                probs.extend(model.fit(x[train], y[train]).predict_proba(x[test])[:, 1])
                right.extend(y[test])
        losses.append(log_loss(right, probs, labels=[False, True]) if right else np.inf)
    if not np.isfinite(min(losses)):
        return float(cs[len(cs) // 2])
    return float(cs[int(np.argmin(losses))])


def cross_validate(
    evidence: Sequence[WorkEvidence],
    labels: Mapping[FacetValue, Collection[str]],
    make: Callable[[], Any],
    *,
    top: int = 20,
    threshold: float = 0.5,
    folds: int = 5,
    blind: Callable[[WorkEvidence, str], WorkEvidence] | None = None,
    seed: int | None = None,
) -> tuple[FacetQuality, ...]:
    """Quality per facet of the models ``make()`` builds (see the module docstring); ``seed``
    picks another split into folds (:func:`grouped_folds`)."""
    scores = held_out_scores(evidence, labels, make, folds=folds, blind=blind, seed=seed)
    keys = [e.key for e in evidence]
    facets = sorted({f for f, _ in labels})
    return tuple(
        facet_quality(scores, labels, f, keys, top=top, threshold=threshold) for f in facets
    )


def held_out_scores(
    evidence: Sequence[WorkEvidence],
    labels: Mapping[FacetValue, Collection[str]],
    make: Callable[[], Any],
    *,
    folds: int = 5,
    blind: Callable[[WorkEvidence, str], WorkEvidence] | None = None,
    seed: int | None = None,
) -> Scores:
    """The probability of every (held-out work, learnt value)."""
    scores: Scores = {}
    facets = sorted({f for f, _ in labels})
    for train, test in grouped_folds([e.group for e in evidence], folds, seed):
        model = make().fit([evidence[i] for i in train], labels)
        for facet in facets if blind else [""]:
            shown = [blind(evidence[i], facet) if blind else evidence[i] for i in test]
            for (f, v), p in model.predict_proba(shown).items():
                if not blind or f == facet:
                    scores.update({(e.key, f, v): float(x) for e, x in zip(shown, p, strict=True)})
    return scores


def facet_quality(
    scores: Scores,
    labels: Mapping[FacetValue, Collection[str]],
    facet: str,
    keys: Sequence[str],
    *,
    top: int = 20,
    threshold: float = 0.5,
) -> FacetQuality:
    """Precision and recall at the top and at the threshold, and calibration, of a facet."""
    pairs = sorted(((-p, k, v) for (k, f, v), p in scores.items() if f == facet), key=lambda t: t)
    right = np.array([k in labels.get((facet, v), ()) for _, k, v in pairs], dtype=float)
    probs = np.array([-p for p, _, _ in pairs])
    held = set(keys) & {k for _, k, _ in pairs}
    positives = sum(len(set(ks) & held) for (f, _), ks in labels.items() if f == facet)
    chosen = probs >= threshold
    return FacetQuality(
        facet=facet,
        n_works=len(held),
        n_scored=len(pairs),
        n_positive=positives,
        top=top,
        precision_at_top=float(right[:top].mean()) if len(right) else 0.0,
        recall_at_top=float(right[:top].sum() / positives) if positives else 0.0,
        threshold=threshold,
        n_suggested=int(chosen.sum()),
        precision=float(right[chosen].mean()) if chosen.any() else 0.0,
        recall=float(right[chosen].sum() / positives) if positives else 0.0,
        calibration_error=calibration_error(probs, right),
    )


def calibration_error(probs: np.ndarray, right: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: per tenth of the score range, the gap between the mean
    score and the share right, weighted by the pairs in it."""
    if not len(probs):
        return 0.0
    which = np.minimum((probs * bins).astype(int), bins - 1)
    gaps = [
        abs(probs[which == b].mean() - right[which == b].mean()) * (which == b).mean()
        for b in range(bins)
        if (which == b).any()
    ]
    return float(sum(gaps))
