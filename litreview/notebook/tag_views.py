"""Tags seen side by side, for notebooks: rule tags, a curator's edits, accepted suggestions
and open suggestions, each with the words that produced it.

Suggestions are computed in memory (:func:`suggest`) as ``litreview tag --suggest`` computes
them; nothing here writes into the review.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd

from litreview.core.errors import InputError
from litreview.core.model import Tag
from litreview.notebook.corpus import Corpus
from litreview.tags.suggest import SuggestReport
from litreview.taxonomy import Taxonomy

__all__ = ["KINDS", "side_by_side", "source_counts", "suggest"]

KINDS = ("rule", "curator", "accepted", "suggested")


def suggest(corpus: Corpus, taxonomy: Taxonomy) -> SuggestReport:
    """The suggestions of the model trained on the corpus's tags, with its cross-validated
    quality (in memory)."""
    from litreview.tags.suggest import suggest_tags
    from litreview.tags.suggest_features import gather_evidence

    texts = {}
    for d in corpus.documents:
        try:
            texts[d.doc_id] = corpus.review.load_text(d)
        except InputError:
            continue  # a document that cannot be read gives its citations' sentences only
    evidence = gather_evidence(corpus.works, corpus.citations, texts, taxonomy)
    values = [(f.id, v.id) for f in taxonomy.facets for v in f.values]
    return suggest_tags(evidence, corpus.tags, values, taxonomy=taxonomy)


def _kind(tag: Tag) -> str:
    """``rule``, ``curator``, ``accepted`` or ``suggested`` (a model's open suggestion)."""
    head = tag.source.split(":", 1)[0]
    return "suggested" if head == "model" else head


def source_counts(tags: Sequence[Tag], taxonomy: Taxonomy | None = None) -> pd.DataFrame:
    """Works tagged per facet (rows, by label when ``taxonomy`` is given) and kind of source
    (columns, ``KINDS`` order)."""
    rows = {(t.facet, _kind(t), t.work_key) for t in tags}
    frame = pd.DataFrame(sorted(rows), columns=["facet", "kind", "work_key"])
    counts = frame.groupby(["facet", "kind"])["work_key"].nunique().unstack(fill_value=0)
    counts = counts.reindex(columns=[k for k in KINDS if k in counts.columns])
    if taxonomy is not None:
        counts = counts.rename(index={f.id: f.label for f in taxonomy.facets})
    return counts


def side_by_side(
    tags: Sequence[Tag], suggestions: Sequence[Tag] = (), works: Collection[str] | None = None
) -> pd.DataFrame:
    """One row per (work, facet, value) of ``works`` (default: every work with a curator's,
    an accepted or a suggested tag); one column per kind of source holding the first words of
    evidence of that kind (empty: none), and the suggestion's ``score``."""
    every = [*tags, *suggestions]
    if works is None:
        works = {t.work_key for t in every if _kind(t) != "rule"}
    cells: dict[tuple[str, str, str], dict[str, object]] = {}
    for t in sorted(every, key=lambda t: (t.work_key, t.facet, t.value, -t.score)):
        if t.work_key not in works:
            continue
        row = cells.setdefault((t.work_key, t.facet, t.value), dict.fromkeys(KINDS, ""))
        kind = _kind(t)
        if not row[kind]:
            row[kind] = t.evidence.quote or "(no quote)"
        if kind in ("suggested", "accepted") and "score" not in row:
            row["score"] = t.score
    records = [
        {"work_key": k, "facet": f, "value": v, **row} for (k, f, v), row in sorted(cells.items())
    ]
    frame = pd.DataFrame(records, columns=["work_key", "facet", "value", *KINDS, "score"])
    return frame.astype({"score": "float64"})
