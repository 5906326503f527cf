"""Learned tag suggestions: a model trained on the accepted tags proposes values the rules did
not give, with a probability and the words that made it (optional step).

A suggestion is only worth a curator's time where the rules gave nothing, so each facet's
models read a work's evidence blind to that facet (``hide``,
:func:`litreview.tags.suggest_features.blind_to`): its phrases blanked out, its hits dropped.
What is left is the other words of the work's fields and citing sentences and the other
facets' phrases (a title on trafficking of brides is evidence for women and for gender-based
violence); the model learns from them which value goes with which, rather than relearning the
taxonomy's own words. One logistic regression per facet value; plain (unweighted) logistic
regression gives scores near the share right on held-out works
(:mod:`litreview.tags.suggest_quality` measures it, by grouped cross-validation with the
held-out works blind too). A suggestion's evidence is the located feature that raised its
probability most (a word of the title, another facet's phrase in a citing sentence), with its
offsets. Every (work, value) the accepted tags do not already give is a candidate, suggested
when its probability reaches ``MIN_SCORE`` (a curator reads the best first). Suggestions are
written apart (``suggestions.csv``) with source ``model:evidence-logreg`` and become tags only
when a curator accepts them in ``curation.yaml`` (``tags: accept``). Training is
deterministic (fixed ``random_state``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from litreview.core.model import Evidence, Tag
from litreview.tags.suggest_features import EvidenceVectorizer, WorkEvidence, blind_to, place_of
from litreview.tags.suggest_quality import FacetQuality, cross_validate
from litreview.taxonomy import Taxonomy

__all__ = ["MODEL_SOURCE", "SuggestReport", "TagSuggester", "confirmed_labels", "suggest_tags"]

MODEL_SOURCE = "model:evidence-logreg"
MIN_SCORE = 0.1  # suggestions less likely than this are not written
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
        phrases and hits, so the models learn what the rules cannot see). ``None``: the whole
        evidence, phrases included.
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
        hide: Hide | None = None,
        C: float = 3.0,
        min_positive: int = 4,
        use_hits: bool = True,
        use_words: bool = True,
        random_state: int = 0,
    ) -> None:
        self.values = values
        self.hide = hide
        self.C = C
        self.min_positive = min_positive
        self.use_hits = use_hits
        self.use_words = use_words
        self.random_state = random_state

    def fit(
        self, evidence: Sequence[WorkEvidence], labels: Mapping[FacetValue, Collection[str]]
    ) -> TagSuggester:
        """Learn each value of ``labels`` (value -> keys of the works that have it), each
        facet's values from the evidence as ``hide`` shows it."""
        from sklearn.linear_model import LogisticRegression

        self.vectorizers_: dict[str, EvidenceVectorizer] = {}
        self.models_: dict[FacetValue, Any] = {}
        self.skipped_: list[FacetValue] = []
        for facet in sorted({f for f, _ in labels}):
            seen = self._view(evidence, facet)
            self.vectorizers_[facet] = EvidenceVectorizer(values=self.values).fit(seen)
            x = self._features(seen, facet)
            for fv in sorted(fv for fv in labels if fv[0] == facet):
                y = np.array([e.key in labels[fv] for e in seen])
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
            found = _locate(e, fv, *names[col])
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
        x = self.vectorizers_[facet].transform(evidence).tocsc()
        blocks = np.array([b for b, _ in self._names(facet)])
        keep = np.ones(len(blocks))
        if not self.use_hits:
            keep[blocks == "hit"] = 0.0
        if not self.use_words:
            keep[blocks != "hit"] = 0.0
        return (x @ _diagonal(keep)).tocsr()

    def _names(self, facet: str) -> list[tuple[str, str]]:
        """(block, name) per column of a facet's features (cached)."""
        if not hasattr(self, "names_"):
            self.names_: dict[str, list[tuple[str, str]]] = {}
        if facet not in self.names_:
            self.names_[facet] = self.vectorizers_[facet].feature_names()
        return self.names_[facet]


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
    taxonomy: Taxonomy | None = None,
    threshold: float = 0.5,
    min_score: float = MIN_SCORE,
    top: int = 20,
    folds: int = 5,
    random_state: int = 0,
) -> SuggestReport:
    """Cross-validate (quality at the ``top`` pairs and at ``threshold``), then train on every
    work and suggest every (work, value) the accepted tags do not already give, scored at
    least ``min_score``. With ``taxonomy``, each facet's models read the evidence blind to
    that facet's phrases, and are measured so (held-out works blind too): the quality of
    what the rules cannot find."""
    labels = confirmed_labels(tags)
    hide = blind_to(taxonomy) if taxonomy is not None else None

    def make() -> TagSuggester:
        return TagSuggester(values=values, hide=hide, random_state=random_state)

    quality = cross_validate(
        evidence, labels, make, top=top, threshold=threshold, folds=folds, blind=hide
    )
    model = make().fit(evidence, labels)
    probs = model.predict_proba(evidence)
    given = {(k, f, v) for (f, v), keys in labels.items() for k in keys}
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
        if p[i] >= min_score and (e.key, *fv) not in given
    ]
    return SuggestReport(
        suggestions=tuple(suggestions),
        quality=quality,
        skipped=tuple(f"{f}={v}" for f, v in model.skipped_),
    )
