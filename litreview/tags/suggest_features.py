"""What the suggestion model reads about a work, and the features it makes of it (pure).

A work's evidence is its own fields, the sentences that cite it (located in their documents)
and every hit of the taxonomy's phrases in those places, including hits too weak for a rule
tag (a paragraph's passing mention). The features are TF-IDF weights of the words of the
fields and of the citing sentences, and, per facet value and per place (title, heading,
sentence, paragraph, ...), the strongest hit: the taxonomy's word lists as evidence for the
model, which learns how far to trust each place. ``group`` ties works that share a citing
sentence or paragraph, so that cross-validation never trains on the words it tests.

A suggestion is only worth a curator's time where the rules gave nothing, so the model of a
facet reads the evidence blind to that facet (:func:`blind_to`): the facet's phrases blanked
out and its hits dropped. It learns what else goes with a value (the other words of a title or
a citing sentence, the other facets' phrases) instead of relearning the taxonomy's own words.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from litreview.core.model import Citation, Work
from litreview.core.text import paragraphs
from litreview.tags.hits import FIELDS, LEVELS, ContextTagger, Hit, tag_work_fields
from litreview.taxonomy import Taxonomy

__all__ = [
    "Context",
    "EvidenceVectorizer",
    "WorkEvidence",
    "blind_to",
    "gather_evidence",
    "place_of",
]

PLACES = tuple(LEVELS)  # where a hit can be: a field of the work or a part of a document


def place_of(hit: Hit) -> str:
    """Where a hit is: the work's field (``title`` ...) or the part of a document
    (``heading``, ``sentence``, ``paragraph``, ``text``)."""
    return hit.field if hit.unit[0] == "field" else hit.unit[0]


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """A sentence citing the work, located: ``text`` is ``document[char_start:char_end]``
    (offsets ``None`` when the sentence was not found in its document)."""

    doc_id: str
    text: str
    char_start: int | None = None
    char_end: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkEvidence:
    """Everything the model reads about one work."""

    key: str
    fields: tuple[tuple[str, str], ...]
    contexts: tuple[Context, ...]
    hits: tuple[Hit, ...]
    group: str

    @property
    def fields_text(self) -> str:
        """The work's own words."""
        return " ".join(v for _, v in self.fields)

    @property
    def contexts_text(self) -> str:
        """The sentences citing it."""
        return " ".join(c.text for c in self.contexts)


def gather_evidence(
    works: Sequence[Work],
    citations: Sequence[Citation],
    texts: Mapping[str, str],
    taxonomy: Taxonomy,
) -> list[WorkEvidence]:
    """The evidence of every work, in key order."""
    tagger = ContextTagger(texts, taxonomy)
    by_work: dict[str, list[Citation]] = {}
    for c in citations:
        if c.work_key:
            by_work.setdefault(c.work_key, []).append(c)
    starts = {doc: [p.start for p in paragraphs(text)] for doc, text in texts.items()}
    units: dict[str, set[tuple[str, int]]] = {}
    out = []
    for w in sorted(works, key=lambda w: w.key):
        cits = by_work.get(w.key, [])
        contexts = tuple(dict.fromkeys(_context(c, texts.get(c.doc_id, "")) for c in cits))
        hits = [*tag_work_fields(w, taxonomy), *(h for c in cits for h in tagger.hits(w.key, c))]
        units[w.key] = _units(contexts, starts)
        out.append(
            WorkEvidence(
                key=w.key,
                fields=tuple((f, _field(w, f)) for f in FIELDS if _field(w, f)),
                contexts=tuple(c for c in contexts if c.text),
                hits=tuple(hits),
                group="",
            )
        )
    groups = _groups(units)
    return [
        WorkEvidence(
            key=e.key, fields=e.fields, contexts=e.contexts, hits=e.hits, group=groups[e.key]
        )
        for e in out
    ]


def _field(work: Work, name: str) -> str:
    """A field of a work as text (keywords joined)."""
    value = getattr(work, name)
    return "; ".join(value) if isinstance(value, tuple) else str(value or "")  # as hits join


def _context(c: Citation, text: str) -> Context:
    """A citation's sentence, located in its document when it can be."""
    s, e = c.char_start, c.char_end
    if s is not None and e is not None and 0 <= s < e <= len(text) and text[s:e] == c.context:
        return Context(doc_id=c.doc_id, text=c.context, char_start=s, char_end=e)
    at = text.find(c.context) if c.context else -1
    if at >= 0:
        return Context(doc_id=c.doc_id, text=c.context, char_start=at, char_end=at + len(c.context))
    return Context(doc_id=c.doc_id, text=c.context)


def _units(
    contexts: Sequence[Context], paragraph_starts: Mapping[str, list[int]]
) -> set[tuple[str, int]]:
    """The citing sentences and paragraphs of a work, as (document, start) pairs."""
    found: set[tuple[str, int]] = set()
    for c in contexts:
        if c.char_start is None:
            found.add((c.doc_id + "#" + c.text, 0))
            continue
        found.add((c.doc_id, c.char_start))
        starts = paragraph_starts.get(c.doc_id, [])
        i = bisect_right(starts, c.char_start) - 1
        if i >= 0:
            found.add((c.doc_id + "#paragraph", starts[i]))
    return found


def _groups(units: Mapping[str, set[tuple[str, int]]]) -> dict[str, str]:
    """Works sharing a citing sentence or paragraph, joined (union-find); each group is named
    by its first work key."""
    parent = {k: k for k in units}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    first: dict[tuple[str, int], str] = {}
    for key in sorted(units):
        for unit in sorted(units[key]):
            if unit in first:
                a, b = sorted((root(first[unit]), root(key)))
                parent[b] = a
            else:
                first[unit] = key
    return {k: root(k) for k in units}


def blind_to(taxonomy: Taxonomy) -> Callable[[WorkEvidence, str], WorkEvidence]:
    """A function hiding one facet from a work's evidence: the phrases of its values blanked
    out of the fields and citing sentences (spaces of the same length, so every offset still
    holds) and its hits dropped. What is left is what the rules of that facet cannot read."""

    def cut(text: str, facet: str) -> str:
        out = list(text)
        for f, _, s, e in taxonomy.spans(text):
            if f == facet:
                out[s:e] = " " * (e - s)
        return "".join(out)

    def hide(e: WorkEvidence, facet: str) -> WorkEvidence:
        return replace(
            e,
            fields=tuple((n, cut(t, facet)) for n, t in e.fields),
            contexts=tuple(replace(c, text=cut(c.text, facet)) for c in e.contexts),
            hits=tuple(h for h in e.hits if h.facet != facet),
        )

    return hide


class EvidenceVectorizer:
    """Evidence to features (scikit-learn conventions: ``fit``, then ``transform``).

    Parameters
    ----------
    values : sequence of (facet, value)
        The taxonomy values whose hits become features, in a fixed order.
    """

    def __init__(self, *, values: Sequence[tuple[str, str]]) -> None:
        self.values = values

    def fit(self, evidence: Sequence[WorkEvidence]) -> EvidenceVectorizer:
        """Learn the vocabularies of the fields and the citing sentences."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        def vectorizer() -> Any:
            return TfidfVectorizer(
                ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode", stop_words="english"
            )

        self.fields_ = _fitted(vectorizer(), [e.fields_text for e in evidence])
        self.contexts_ = _fitted(vectorizer(), [e.contexts_text for e in evidence])
        self.index_ = {v: i for i, v in enumerate(self.values)}
        return self

    def transform(self, evidence: Sequence[WorkEvidence]) -> Any:
        """The feature matrix (sparse): fields' words, sentences' words, hits."""
        from scipy.sparse import csr_matrix, hstack

        blocks = [
            _weights(self.fields_, [e.fields_text for e in evidence]),
            _weights(self.contexts_, [e.contexts_text for e in evidence]),
            csr_matrix(self._hits(evidence)),
        ]
        return hstack(blocks).tocsr()

    def feature_names(self) -> list[tuple[str, str]]:
        """(block, name) of every column: ``("fields", word)``, ``("contexts", word)``,
        ``("hit", "facet=value@place")``."""
        names = [("fields", str(t)) for t in _terms(self.fields_)]
        names += [("contexts", str(t)) for t in _terms(self.contexts_)]
        names += [("hit", f"{f}={v}@{p}") for f, v in self.values for p in PLACES]
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
