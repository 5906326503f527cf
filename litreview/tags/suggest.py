"""Learned tag suggestions for large corpora (scikit-learn, optional step).

A TF-IDF + logistic-regression classifier per facet value (one-vs-rest) is trained on the
confirmed tags (rules and curator) and proposes values for works the rules left without any
value of that facet. Suggestions carry a probability and the source ``model:tfidf-logreg``;
they are stored apart (``suggestions.csv``) until a curator accepts one in curation.yaml.
Training is deterministic (fixed ``random_state``); quality is cross-validated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from litreview.core.model import Evidence, Tag, Work

__all__ = ["MODEL_SOURCE", "SuggestReport", "ValueQuality", "suggest_tags", "work_text"]

MODEL_SOURCE = "model:tfidf-logreg"


@dataclass(frozen=True, slots=True, kw_only=True)
class ValueQuality:
    """Cross-validated quality of one facet value's classifier."""

    facet: str
    value: str
    n_positive: int
    precision: float
    recall: float


@dataclass(frozen=True, slots=True, kw_only=True)
class SuggestReport:
    """Suggested tags and the cross-validated quality of the models that made them."""

    suggestions: tuple[Tag, ...] = ()
    quality: tuple[ValueQuality, ...] = ()
    skipped: tuple[str, ...] = field(default=())

    def facet_quality(self) -> dict[str, tuple[float, float]]:
        """Micro-averaged (precision, recall) per facet, weighted by positives."""
        out: dict[str, tuple[float, float]] = {}
        for facet in sorted({q.facet for q in self.quality}):
            qs = [q for q in self.quality if q.facet == facet]
            n = sum(q.n_positive for q in qs) or 1
            out[facet] = (
                sum(q.precision * q.n_positive for q in qs) / n,
                sum(q.recall * q.n_positive for q in qs) / n,
            )
        return out

    def summary(self) -> list[str]:
        """Lines for the user: per-facet cross-validated precision/recall."""
        lines = [
            f"model {facet}: cross-validated precision {p:.2f}, recall {r:.2f}"
            for facet, (p, r) in self.facet_quality().items()
        ]
        if self.skipped:
            lines.append(f"no model for {len(self.skipped)} values with too few examples")
        return lines


def work_text(work: Work, extra: Mapping[str, str] | None = None) -> str:
    """The words known about a work: its fields plus any extra text (e.g. citing contexts)."""
    parts = [work.title, work.container, " ".join(work.keywords), work.abstract, work.note]
    if extra:
        parts.append(extra.get(work.key, ""))
    return " ".join(p for p in parts if p)


def suggest_tags(
    works: Sequence[Work],
    tags: Iterable[Tag],
    *,
    extra: Mapping[str, str] | None = None,
    min_positive: int = 4,
    threshold: float = 0.5,
    folds: int = 5,
    random_state: int = 0,
) -> SuggestReport:
    """Train per facet value on confirmed ``tags``; suggest for works lacking that facet."""
    texts = {w.key: work_text(w, extra) for w in works}
    titles = {w.key: w.title for w in works}
    keys = sorted(k for k, t in texts.items() if t.strip())
    confirmed: dict[str, dict[str, set[str]]] = {}
    for t in tags:
        if not t.source.startswith("model:"):
            confirmed.setdefault(t.facet, {}).setdefault(t.value, set()).add(t.work_key)
    suggestions: list[Tag] = []
    quality: list[ValueQuality] = []
    skipped: list[str] = []
    for facet in sorted(confirmed):
        tagged = set().union(*confirmed[facet].values())
        train = [k for k in keys if k in tagged]
        todo = [k for k in keys if k not in tagged]
        for value in sorted(confirmed[facet]):
            y = [k in confirmed[facet][value] for k in train]
            if sum(y) < min_positive or len(y) - sum(y) < min_positive:
                skipped.append(f"{facet}={value}")
                continue
            q, probs = _fit_value(
                facet,
                value,
                [texts[k] for k in train],
                y,
                [texts[k] for k in todo],
                folds,
                random_state,
            )
            quality.append(q)
            suggestions += [
                _suggestion(k, facet, value, p, titles)
                for k, p in zip(todo, probs, strict=True)
                if p >= threshold
            ]
    return SuggestReport(
        suggestions=tuple(suggestions), quality=tuple(quality), skipped=tuple(skipped)
    )


def _fit_value(
    facet: str,
    value: str,
    x: list[str],
    y: list[bool],
    x_new: list[str],
    folds: int,
    random_state: int,
) -> tuple[ValueQuality, list[float]]:
    """Cross-validate, then fit on everything and score ``x_new``."""
    from sklearn.metrics import precision_score, recall_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    n_splits = max(2, min(folds, sum(y), len(y) - sum(y)))
    cv = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    predicted = cross_val_predict(_pipeline(random_state), x, y, cv=cv)
    q = ValueQuality(
        facet=facet,
        value=value,
        n_positive=sum(y),
        precision=float(precision_score(y, predicted, zero_division=0)),
        recall=float(recall_score(y, predicted, zero_division=0)),
    )
    if not x_new:
        return q, []
    model = _pipeline(random_state).fit(x, y)
    return q, [float(p) for p in model.predict_proba(x_new)[:, 1]]


def _pipeline(random_state: int):  # type: ignore[no-untyped-def]
    """TF-IDF of words and word pairs, then a balanced logistic regression."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode"),
        LogisticRegression(class_weight="balanced", max_iter=1000, random_state=random_state),
    )


def _suggestion(key: str, facet: str, value: str, prob: float, titles: Mapping[str, str]) -> Tag:
    """A suggested tag whose evidence is the work's title (what the model read first)."""
    return Tag(
        work_key=key,
        facet=facet,
        value=value,
        source=MODEL_SOURCE,
        evidence=Evidence(quote=titles.get(key, ""), field="title"),
        score=round(prob, 4),
    )
