"""Learned tag suggestions: a model trained on the accepted tags proposes values the rules did
not give, with a calibrated probability and the words that made it (optional step).

One logistic regression per facet value reads a work's evidence
(:mod:`litreview.tags.suggest_features`: the words of its fields and citing sentences, and the
taxonomy's phrases found there, weak ones included). Plain (unweighted) logistic regression
gives probabilities that hold on held-out works: among suggestions scored about 0.7, about
seven in ten are right (:mod:`litreview.tags.suggest_quality` measures it). A suggestion's
evidence is the located feature that raised its probability most: a phrase of the taxonomy
in a citing sentence, or a word of the title, with its offsets. Suggestions are made only for
works with no accepted value of that facet, when their probability reaches ``MIN_SCORE`` (the
score says how likely a suggestion is right, so a curator reads the best first). They are
written apart (``suggestions.csv``) with source ``model:evidence-logreg`` and become tags
only when a curator accepts them in ``curation.yaml`` (``tags: accept``). Training is
deterministic (fixed ``random_state``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from litreview.core.model import Evidence, Tag
from litreview.tags.suggest_features import EvidenceVectorizer, WorkEvidence, place_of
from litreview.tags.suggest_quality import FacetQuality, cross_validate

__all__ = ["MODEL_SOURCE", "SuggestReport", "TagSuggester", "confirmed_labels", "suggest_tags"]

MODEL_SOURCE = "model:evidence-logreg"
MIN_SCORE = 0.1  # suggestions less likely than this are not written
FacetValue = tuple[str, str]


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
    """One calibrated classifier per facet value (scikit-learn conventions).

    Parameters
    ----------
    values : sequence of (facet, value)
        Every value of the taxonomy (their phrases' hits are features).
    C : float
        Inverse regularisation strength of the logistic regressions.
    min_positive : int
        Works needed with, and without, a value to learn it.
    use_hits, use_words : bool
        Read the taxonomy's phrase hits; read the words (both by default; switch one off to
        measure what it brings).
    random_state : int
    """

    def __init__(
        self,
        *,
        values: Sequence[FacetValue],
        C: float = 3.0,
        min_positive: int = 4,
        use_hits: bool = True,
        use_words: bool = True,
        random_state: int = 0,
    ) -> None:
        self.values = values
        self.C = C
        self.min_positive = min_positive
        self.use_hits = use_hits
        self.use_words = use_words
        self.random_state = random_state

    def fit(
        self, evidence: Sequence[WorkEvidence], labels: Mapping[FacetValue, Collection[str]]
    ) -> TagSuggester:
        """Learn each value of ``labels`` (value -> keys of the works that have it)."""
        from sklearn.linear_model import LogisticRegression

        self.vectorizer_ = EvidenceVectorizer(values=self.values).fit(evidence)
        x = self._features(evidence)
        self.models_: dict[FacetValue, Any] = {}
        self.skipped_: list[FacetValue] = []
        for fv in sorted(labels):
            y = np.array([e.key in labels[fv] for e in evidence])
            if min(int(y.sum()), int((~y).sum())) < self.min_positive:
                self.skipped_.append(fv)
                continue
            model = LogisticRegression(
                C=self.C, solver="liblinear", max_iter=2000, random_state=self.random_state
            )
            self.models_[fv] = model.fit(x, y)
        return self

    def predict_proba(self, evidence: Sequence[WorkEvidence]) -> dict[FacetValue, np.ndarray]:
        """Per learnt value, the probability of each work having it."""
        x = self._features(evidence)
        return {fv: m.predict_proba(x)[:, 1] for fv, m in self.models_.items()}

    def explain(self, e: WorkEvidence, fv: FacetValue) -> Evidence:
        """The located words that raised the probability of ``fv`` for ``e`` most (the title
        when no located feature raised it)."""
        row = self._features([e]).tocoo()
        coef = self.models_[fv].coef_[0]
        names = self._names()
        for _, col in sorted(((-coef[c] * v, c) for c, v in zip(row.col, row.data, strict=True))):
            if coef[col] <= 0:
                break
            found = _locate(e, fv, *names[col])
            if found is not None:
                return found
        title = dict(e.fields).get("title", "")
        return Evidence(quote=title, field="title", char_start=0, char_end=len(title))

    def _features(self, evidence: Sequence[WorkEvidence]) -> Any:
        """The feature matrix, with the switched-off blocks zeroed."""
        x = self.vectorizer_.transform(evidence).tocsc()
        blocks = np.array([b for b, _ in self._names()])
        keep = np.ones(len(blocks))
        if not self.use_hits:
            keep[blocks == "hit"] = 0.0
        if not self.use_words:
            keep[blocks != "hit"] = 0.0
        return (x @ _diagonal(keep)).tocsr()

    def _names(self) -> list[tuple[str, str]]:
        """(block, name) per column (cached)."""
        if not hasattr(self, "names_"):
            self.names_ = self.vectorizer_.feature_names()
        return self.names_


def _diagonal(values: np.ndarray) -> Any:
    """A sparse diagonal matrix."""
    from scipy.sparse import diags

    return diags(values)


def _locate(e: WorkEvidence, fv: FacetValue, block: str, name: str) -> Evidence | None:
    """Where feature ``(block, name)`` is in the work's evidence, with offsets."""
    if block == "hit":
        value, _, place = name.partition("@")
        hits = [h for h in e.hits if f"{h.facet}={h.value}" == value and place_of(h) == place]
        if not hits:
            return None
        h = max(hits, key=lambda h: (h.score, -h.char_start))
        return Evidence(
            quote=h.quote,
            doc_id=h.doc_id,
            char_start=h.char_start,
            char_end=h.char_end,
            field=h.field,
        )
    pattern = re.compile(
        r"\b" + r"\W+(?:\w+\W+){0,3}?".join(map(re.escape, name.split())) + r"\b", re.I
    )
    if block == "fields":
        for field, text in e.fields:
            m = pattern.search(text)
            if m:
                return Evidence(
                    quote=m.group(), field=field, char_start=m.start(), char_end=m.end()
                )
        return None
    for c in e.contexts:
        m = pattern.search(c.text)
        if m and c.char_start is not None:
            start = c.char_start + m.start()
            return Evidence(
                quote=m.group(), doc_id=c.doc_id, char_start=start, char_end=start + len(m.group())
            )
    return None


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
    threshold: float = 0.5,
    min_score: float = MIN_SCORE,
    top: int = 20,
    folds: int = 5,
    random_state: int = 0,
) -> SuggestReport:
    """Cross-validate (quality at the ``top`` pairs and at ``threshold``), then train on every
    work and suggest, for each work with no accepted value of a facet, the values scored at
    least ``min_score``."""
    labels = confirmed_labels(tags)

    def make() -> TagSuggester:
        return TagSuggester(values=values, random_state=random_state)

    quality = cross_validate(evidence, labels, make, top=top, threshold=threshold, folds=folds)
    model = make().fit(evidence, labels)
    probs = model.predict_proba(evidence)
    has_facet = {(k, f) for (f, _), keys in labels.items() for k in keys}
    suggestions = [
        Tag(
            work_key=e.key,
            facet=fv[0],
            value=fv[1],
            source=MODEL_SOURCE,
            evidence=model.explain(e, fv),
            score=round(float(p[i]), 4),
        )
        for fv, p in sorted(probs.items())
        for i, e in enumerate(evidence)
        if p[i] >= min_score and (e.key, fv[0]) not in has_facet
    ]
    return SuggestReport(
        suggestions=tuple(suggestions),
        quality=quality,
        skipped=tuple(f"{f}={v}" for f, v in model.skipped_),
    )
