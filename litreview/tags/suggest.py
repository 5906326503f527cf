"""Learned tag suggestions: a model trained on the accepted tags proposes values the rules did
not give, with a probability and the words that made it (optional step).

A suggestion is only worth a curator's time where the rules gave nothing, so each facet's
models read a work's evidence blind to that facet (``hide``,
:func:`litreview.tags.suggest_features.blind_to`): its phrases blanked out, its hits and tags
dropped. What is left is what a curator reading the work has besides those phrases: the other
words of its fields, citing sentences and section headings, the other facets' phrases and
accepted values (:mod:`litreview.tags.suggest_vectors`), and what the works cited under the
same headings were tagged (:mod:`litreview.tags.suggest_nearby`); the model learns from them
which value goes with which, rather than relearning the taxonomy's own words. One logistic
regression per facet value, unweighted, its regularisation chosen per facet by the log loss on
grouped folds of the training works (a proper score, so the probabilities stay near the share
right on held-out works: :mod:`litreview.tags.suggest_quality` measures it, by grouped
cross-validation with the held-out works blind too). Each work is scored by the models of the
fold that held it out (cross-fitting), so the written score is the measured one; it is
measured against the rule tags, which miss what the rules miss
(``benchmarks/data/suggest_checked.csv`` holds a reader's check of the top suggestions). A
suggestion's evidence is the located feature that raised its probability most (a word of the
title or of a heading, another facet's phrase in a citing sentence, the heading shared with the
neighbours), with its offsets. Suggestions are made for works the accepted tags leave without a
value of a facet (a reader's check found that extra values for works the rules had tagged were
seldom right), when their probability reaches ``MIN_SCORE`` (a curator reads the best first).
Suggestions are written apart (``suggestions.csv``) with source ``model:evidence-logreg`` and
become tags only when a curator accepts them in ``curation.yaml`` (``tags: accept``). Training
is deterministic (fixed ``random_state``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from litreview.core.model import Evidence, Tag
from litreview.tags.suggest_explain import locate
from litreview.tags.suggest_features import WorkEvidence, blind_to, with_accepted
from litreview.tags.suggest_nearby import NearbyTags
from litreview.tags.suggest_quality import FacetQuality, best_c, facet_quality, grouped_folds
from litreview.tags.suggest_vectors import EvidenceVectorizer
from litreview.taxonomy import Taxonomy

__all__ = ["MODEL_SOURCE", "SuggestReport", "TagSuggester", "confirmed_labels", "suggest_tags"]

MODEL_SOURCE = "model:evidence-logreg"
MIN_SCORE = 0.1  # suggestions less likely than this are not written
CS = (0.3, 1.0, 3.0, 10.0)  # regularisation strengths tried by nested cross-validation
FacetValue = tuple[str, str]
Hide = Callable[[WorkEvidence, str], WorkEvidence]


@dataclass(frozen=True, slots=True, kw_only=True)
class SuggestReport:
    """Suggested tags, the cross-validated quality of the model per facet, and the values
    with too few examples to learn."""

    suggestions: tuple[Tag, ...] = ()
    quality: tuple[FacetQuality, ...] = ()
    skipped: tuple[str, ...] = ()

    def summary(self) -> list[str]:
        """Lines for the user: per facet, cross-validated precision at the top and recall."""
        lines = [q.summary() for q in self.quality]
        if self.skipped:
            lines.append(f"no model for {len(self.skipped)} values with too few examples")
        return lines


class TagSuggester:
    """One logistic regression per facet value (scikit-learn conventions).

    Parameters
    ----------
    values : sequence of (facet, value)
        Every value of the taxonomy (their phrases' hits are features).
    hide : callable, optional
        ``hide(evidence, facet)``: the evidence a facet's models read, in training and in
        prediction (:func:`~litreview.tags.suggest_features.blind_to` hides the facet's own
        phrases, hits and tags, so the models learn what the rules cannot see). ``None``: the whole
        evidence, phrases included.
    C : float, optional
        Inverse regularisation strength of the logistic regressions; ``None``: per facet, the
        one of ``Cs`` with the lowest log loss on grouped folds of the training works
        (:func:`~litreview.tags.suggest_quality.best_c`).
    Cs : sequence of float
        The strengths tried when ``C`` is ``None``.
    min_positive : int
        Works needed with, and without, a value to learn it.
    use_hits, use_words : bool
        Read the taxonomy's phrase hits; read the words of the work's fields and citing
        sentences.
    use_headings, use_tags, use_nearby : bool
        Read the words of the headings citing the work; its accepted values of the other
        facets; the values of the works cited under the same headings
        (:class:`~litreview.tags.suggest_nearby.NearbyTags`). Every block is read by default;
        switch one off to measure what it brings.
    random_state : int
    """

    def __init__(
        self,
        *,
        values: Sequence[FacetValue],
        hide: Hide | None = None,
        C: float | None = None,
        Cs: Sequence[float] = CS,
        min_positive: int = 4,
        use_hits: bool = True,
        use_words: bool = True,
        use_headings: bool = True,
        use_tags: bool = True,
        use_nearby: bool = True,
        random_state: int = 0,
    ) -> None:
        self.values = values
        self.hide = hide
        self.C = C
        self.Cs = Cs
        self.min_positive = min_positive
        self.use_hits = use_hits
        self.use_words = use_words
        self.use_headings = use_headings
        self.use_tags = use_tags
        self.use_nearby = use_nearby
        self.random_state = random_state

    def fit(
        self, evidence: Sequence[WorkEvidence], labels: Mapping[FacetValue, Collection[str]]
    ) -> TagSuggester:
        """Learn each value of ``labels`` (value -> keys of the works that have it), each
        facet's values from the evidence as ``hide`` shows it."""
        from sklearn.linear_model import LogisticRegression

        self.vectorizers_: dict[str, EvidenceVectorizer] = {}
        self.nearby_: dict[str, NearbyTags] = {}
        self.models_: dict[FacetValue, Any] = {}
        self.skipped_: list[FacetValue] = []
        self.C_: dict[str, float] = {}
        for facet in sorted({f for f, _ in labels}):
            seen = self._view(evidence, facet)
            self.vectorizers_[facet] = EvidenceVectorizer(values=self.values, facet=facet).fit(seen)
            own = [fv for fv in self.values if fv[0] == facet]
            self.nearby_[facet] = NearbyTags(values=own).fit(evidence, labels)
            x = self._features(seen, facet)
            ys = {}
            for fv in sorted(fv for fv in labels if fv[0] == facet):
                y = np.array([e.key in labels[fv] for e in seen])
                if min(int(y.sum()), int((~y).sum())) < self.min_positive:
                    self.skipped_.append(fv)
                else:
                    ys[fv] = y
            self.C_[facet] = self._strength(x, list(ys.values()), [e.group for e in seen])
            for fv, y in ys.items():
                model = LogisticRegression(
                    C=self.C_[facet],
                    solver="liblinear",
                    max_iter=2000,
                    random_state=self.random_state,
                )
                self.models_[fv] = model.fit(x, y)
        return self

    def _strength(self, x: Any, ys: list[np.ndarray], groups: list[str]) -> float:
        """``C``, or the strength of ``Cs`` chosen on the training works' grouped folds."""
        if self.C is not None:
            return self.C
        if not ys:
            return float(self.Cs[len(self.Cs) // 2])
        return best_c(x, ys, groups, self.Cs, random_state=self.random_state)

    def predict_proba(self, evidence: Sequence[WorkEvidence]) -> dict[FacetValue, np.ndarray]:
        """Per learnt value, the probability of each work having it."""
        out = {}
        for facet in self.vectorizers_:
            x = self._features(self._view(evidence, facet), facet)
            for fv, m in self.models_.items():
                if fv[0] == facet:
                    out[fv] = m.predict_proba(x)[:, 1]
        return out

    def explain(self, e: WorkEvidence, fv: FacetValue) -> Evidence:
        """The located words that raised the probability of ``fv`` for ``e`` most (the title
        when no located feature raised it)."""
        row = self._features(self._view([e], fv[0]), fv[0]).tocoo()
        coef = self.models_[fv].coef_[0]
        names = self._names(fv[0])
        for _, col in sorted(((-coef[c] * v, c) for c, v in zip(row.col, row.data, strict=True))):
            if coef[col] <= 0:
                break
            found = locate(e, *names[col])
            if found is not None:
                return found
        title = dict(e.fields).get("title", "")
        return Evidence(quote=title, field="title", char_start=0, char_end=len(title))

    def _view(self, evidence: Sequence[WorkEvidence], facet: str) -> list[WorkEvidence]:
        """The evidence as the models of ``facet`` read it."""
        hide = self.hide
        return [hide(e, facet) for e in evidence] if hide else list(evidence)

    def _features(self, evidence: Sequence[WorkEvidence], facet: str) -> Any:
        """The feature matrix of a facet's models, with the switched-off blocks zeroed."""
        from scipy.sparse import hstack

        x = hstack(
            [self.vectorizers_[facet].transform(evidence), self.nearby_[facet].transform(evidence)]
        ).tocsc()
        blocks = np.array([b for b, _ in self._names(facet)])
        off = {
            "hit": not self.use_hits,
            "fields": not self.use_words,
            "contexts": not self.use_words,
            "headings": not self.use_headings,
            "tag": not self.use_tags,
            "near": not self.use_nearby,
        }
        keep = np.array([0.0 if off[b] else 1.0 for b in blocks])
        return (x @ _diagonal(keep)).tocsr()

    def _names(self, facet: str) -> list[tuple[str, str]]:
        """(block, name) per column of a facet's features (cached)."""
        if not hasattr(self, "names_"):
            self.names_: dict[str, list[tuple[str, str]]] = {}
        if facet not in self.names_:
            self.names_[facet] = [
                *self.vectorizers_[facet].feature_names(),
                *self.nearby_[facet].feature_names(),
            ]
        return self.names_[facet]


def _diagonal(values: np.ndarray) -> Any:
    """A sparse diagonal matrix."""
    from scipy.sparse import diags

    return diags(values)


def confirmed_labels(tags: Iterable[Tag]) -> dict[FacetValue, set[str]]:
    """Value -> works that have it, from every tag a rule, a curator or an acceptance gave
    (never a model's own suggestions)."""
    out: dict[FacetValue, set[str]] = {}
    for t in tags:
        if not t.source.startswith("model:"):
            out.setdefault((t.facet, t.value), set()).add(t.work_key)
    return out


def suggest_tags(
    evidence: Sequence[WorkEvidence],
    tags: Iterable[Tag],
    values: Sequence[FacetValue],
    *,
    taxonomy: Taxonomy | None = None,
    threshold: float = 0.5,
    min_score: float = MIN_SCORE,
    top: int = 20,
    folds: int = 5,
    random_state: int = 0,
) -> SuggestReport:
    """Score every (work, value) with a model that never saw the work, measure the scores
    against the accepted tags (quality at the ``top`` pairs and at ``threshold``), and
    suggest, for each work with no accepted value of a facet, the values scored at least
    ``min_score``.

    Works are split into grouped folds as cross-validation splits them, and each fold is
    scored by the model trained on the others (cross-fitting): a model trained on every work
    has been told that each candidate lacks the value, and scores it low for that reason. So
    the written scores are the measured ones. With ``taxonomy``, each facet's models read the
    evidence blind to that facet's phrases (held-out works blind too): the quality measured is
    that of what the rules cannot find. A value too rare to learn in every fold (a small
    review) is scored by the model trained on every work, and not measured."""
    labels = confirmed_labels(tags)
    evidence = with_accepted(evidence, labels)
    hide = blind_to(taxonomy) if taxonomy is not None else None

    def make() -> TagSuggester:
        return TagSuggester(values=values, hide=hide, random_state=random_state)

    fits = _cross_fit(evidence, labels, make, folds)
    keys = [e.key for e in evidence]
    quality = tuple(
        facet_quality(fits.measured(), labels, f, keys, top=top, threshold=threshold)
        for f in sorted({f for f, _ in labels})
    )
    has_facet = {(k, f) for (f, _), ks in labels.items() for k in ks}
    by_key = {e.key: e for e in evidence}
    suggestions = [
        _suggestion(fits.model_of(k, (f, v)), by_key[k], (f, v), p)
        for (k, f, v), p in sorted(fits.scores.items(), key=lambda t: (t[0][1], t[0][2], t[0][0]))
        if p >= min_score and (k, f) not in has_facet
    ]
    return SuggestReport(
        suggestions=tuple(suggestions),
        quality=quality,
        skipped=tuple(f"{f}={v}" for f, v in fits.full.skipped_),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class _CrossFit:
    """Every (work, value)'s score, from the model of the fold that held the work out, or
    from the model trained on every work for the values not learnt in every fold."""

    full: TagSuggester
    fold_of: dict[str, TagSuggester]  # work key -> the model that did not see it
    crossed: frozenset[FacetValue]  # the values learnt in every fold
    scores: dict[tuple[str, str, str], float]  # (work, facet, value) -> probability

    def model_of(self, key: str, fv: FacetValue) -> TagSuggester:
        """The model that scored ``fv`` for work ``key``."""
        return self.fold_of[key] if fv in self.crossed else self.full

    def measured(self) -> dict[tuple[str, str, str], float]:
        """The held-out scores only (those of values learnt in every fold)."""
        return {k: p for k, p in self.scores.items() if (k[1], k[2]) in self.crossed}


def _cross_fit(
    evidence: Sequence[WorkEvidence],
    labels: Mapping[FacetValue, Collection[str]],
    make: Callable[[], TagSuggester],
    folds: int,
) -> _CrossFit:
    """A model per grouped fold (trained on the other folds) and one on every work."""
    full = make().fit(evidence, labels)
    fitted = [
        (make().fit([evidence[i] for i in train], labels), [evidence[i] for i in test])
        for train, test in grouped_folds([e.group for e in evidence], folds)
    ]
    crossed = frozenset(
        fv for fv in full.models_ if fitted and all(fv in m.models_ for m, _ in fitted)
    )
    scores: dict[tuple[str, str, str], float] = {}
    for model, shown in [*fitted, (full, list(evidence))]:
        for fv, p in model.predict_proba(shown).items():
            if (fv in crossed) != (model is full):
                scores.update({(e.key, *fv): float(x) for e, x in zip(shown, p, strict=True)})
    return _CrossFit(
        full=full,
        fold_of={e.key: m for m, shown in fitted for e in shown},
        crossed=crossed,
        scores=scores,
    )


def _suggestion(model: TagSuggester, e: WorkEvidence, fv: FacetValue, score: float) -> Tag:
    """A suggested tag, with the words that raised its score most."""
    return Tag(
        work_key=e.key,
        facet=fv[0],
        value=fv[1],
        source=MODEL_SOURCE,
        evidence=model.explain(e, fv),
        score=round(score, 4),
    )
