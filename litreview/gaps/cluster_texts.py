"""The texts clustered into themes: a work's title with its citing sentences; a gap
statement's quote with the facet values it names."""

from __future__ import annotations

from collections.abc import Sequence

from litreview.core.model import Citation, GapStatement, Work

__all__ = ["statement_id", "statement_texts", "work_texts"]


def work_texts(
    works: Sequence[Work], citations: Sequence[Citation] = ()
) -> tuple[list[str], list[str]]:
    """(keys, texts): each work's title with the sentences that cite it, in key order."""
    contexts: dict[str, list[str]] = {}
    for c in citations:
        if c.work_key and c.context:
            contexts.setdefault(c.work_key, []).append(c.context)
    keys = sorted(w.key for w in works)
    by_key = {w.key: w for w in works}
    texts = [" ".join([by_key[k].title, *sorted(set(contexts.get(k, [])))]) for k in keys]
    return keys, texts


def statement_id(s: GapStatement) -> str:
    """A statement's id in ``gaps/clusters.csv``: ``doc_id:char_start-char_end``."""
    return f"{s.doc_id}:{s.char_start}-{s.char_end}"


def statement_texts(
    statements: Sequence[GapStatement], facets: Sequence[str] = ()
) -> tuple[list[str], list[str]]:
    """(ids, texts) in document order: each statement's quote plus the ids of the facet values
    it names, as tokens (so statements about the same values are drawn together; the labels
    are read from the quotes alone)."""
    ids, texts = [], []
    for s in sorted(statements, key=lambda s: (s.doc_id, s.char_start)):
        values = [v for f in facets for v in s.values(f)]
        ids.append(statement_id(s))
        texts.append(" ".join([s.quote, *values]))
    return ids, texts
