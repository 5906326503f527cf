"""A work's evidence as features for the suggestion model (pure, scikit-learn conventions).

Blocks of columns, each named by :meth:`EvidenceVectorizer.feature_names`:

- ``fields``, ``contexts``, ``headings``: TF-IDF weights (sublinear, word unigrams and
  bigrams) of the work's own fields, of the sentences citing it and of the titles of the
  sections citing it;
- ``hit``: per facet value and per place (title, heading, sentence, paragraph, ...), the
  strongest hit of the taxonomy's phrases: the word lists as evidence, the model learning how
  far to trust each place;
- ``tag``: the work's accepted values of the *other* facets (a facet's models never read the
  facet's own tags, even when the evidence is not blind to it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from litreview.tags.suggest_features import PLACES, FacetValue, WorkEvidence, place_of

__all__ = ["EvidenceVectorizer"]


class EvidenceVectorizer:
    """Evidence to features (``fit``, then ``transform``).

    Parameters
    ----------
    values : sequence of (facet, value)
        The taxonomy values whose hits and tags become features, in a fixed order.
    facet : str, optional
        The facet the features are for: its values' tags are no feature.
    """

    def __init__(self, *, values: Sequence[FacetValue], facet: str | None = None) -> None:
        self.values = values
        self.facet = facet

    def fit(self, evidence: Sequence[WorkEvidence]) -> EvidenceVectorizer:
        """Learn the vocabularies of the fields, the citing sentences and the headings."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        def vectorizer() -> Any:
            return TfidfVectorizer(
                ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode", stop_words="english"
            )

        self.fields_ = _fitted(vectorizer(), [e.fields_text for e in evidence])
        self.contexts_ = _fitted(vectorizer(), [e.contexts_text for e in evidence])
        self.headings_ = _fitted(vectorizer(), [e.headings_text for e in evidence])
        self.index_ = {v: i for i, v in enumerate(self.values)}
        self.tags_ = [fv for fv in self.values if fv[0] != self.facet]
        return self

    def transform(self, evidence: Sequence[WorkEvidence]) -> Any:
        """The feature matrix (sparse), blocks in the order of :meth:`feature_names`."""
        from scipy.sparse import csr_matrix, hstack

        blocks = [
            _weights(self.fields_, [e.fields_text for e in evidence]),
            _weights(self.contexts_, [e.contexts_text for e in evidence]),
            _weights(self.headings_, [e.headings_text for e in evidence]),
            csr_matrix(self._hits(evidence)),
            csr_matrix(self._tags(evidence)),
        ]
        return hstack(blocks).tocsr()

    def feature_names(self) -> list[tuple[str, str]]:
        """(block, name) of every column: ``("fields", word)``, ``("contexts", word)``,
        ``("headings", word)``, ``("hit", "facet=value@place")``, ``("tag", "facet=value")``."""
        names = [("fields", str(t)) for t in _terms(self.fields_)]
        names += [("contexts", str(t)) for t in _terms(self.contexts_)]
        names += [("headings", str(t)) for t in _terms(self.headings_)]
        names += [("hit", f"{f}={v}@{p}") for f, v in self.values for p in PLACES]
        names += [("tag", f"{f}={v}") for f, v in self.tags_]
        return names

    def _hits(self, evidence: Sequence[WorkEvidence]) -> np.ndarray:
        """Per work, the strongest hit of each value in each place."""
        out = np.zeros((len(evidence), len(self.values) * len(PLACES)))
        for i, e in enumerate(evidence):
            for h in e.hits:
                j = self.index_.get((h.facet, h.value))
                place = place_of(h)
                if j is not None and place in PLACES:
                    col = j * len(PLACES) + PLACES.index(place)
                    out[i, col] = max(out[i, col], h.score)
        return out

    def _tags(self, evidence: Sequence[WorkEvidence]) -> np.ndarray:
        """Per work, 1 for each accepted value of another facet."""
        column = {fv: j for j, fv in enumerate(self.tags_)}
        out = np.zeros((len(evidence), len(self.tags_)))
        for i, e in enumerate(evidence):
            for fv in e.tags:
                if fv in column:
                    out[i, column[fv]] = 1.0
        return out


def _fitted(vectorizer: Any, texts: list[str]) -> Any:
    """``vectorizer`` fitted on ``texts``; ``None`` when they hold no word at all."""
    try:
        return vectorizer.fit(texts)
    except ValueError:
        return None


def _weights(vectorizer: Any, texts: list[str]) -> Any:
    """TF-IDF weights of ``texts`` (no columns when the vocabulary is empty)."""
    from scipy.sparse import csr_matrix

    if vectorizer is None:
        return csr_matrix((len(texts), 0))
    return vectorizer.transform(texts)


def _terms(vectorizer: Any) -> list[str]:
    """The vocabulary of a fitted vectorizer, in column order."""
    return [] if vectorizer is None else list(vectorizer.get_feature_names_out())
