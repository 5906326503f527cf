"""The texts clustered into themes: a work's title with its citing sentences; a gap
statement's quote with the facet values it names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from litreview.core.model import Citation, GapStatement, Work

__all__ = ["statement_id", "statement_texts", "work_texts"]


# markup a document's text may keep around note markers ("<sup>3</sup>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


def work_texts(
    works: Sequence[Work], citations: Sequence[Citation] = ()
) -> tuple[list[str], list[str]]:
    """(keys, texts): each work's title with the sentences that cite it, in key order. A
    citing sentence is read without its citation markers (every in-text citation the
    document makes in it, "(Koenig et al., 1987)") or markup: the names and years of the works
    it cites say nothing of what the sentence is about."""
    markers: dict[tuple[str, int | None, str], set[str]] = {}
    for c in citations:
        if c.context and c.raw and c.raw in c.context:
            markers.setdefault((c.doc_id, c.char_start, c.context), set()).add(c.raw)
    contexts: dict[str, list[str]] = {}
    for c in citations:
        if c.work_key and c.context:
            said = _without(c.context, markers.get((c.doc_id, c.char_start, c.context), ()))
            contexts.setdefault(c.work_key, []).append(said)
    keys = sorted(w.key for w in works)
    by_key = {w.key: w for w in works}
    texts = [" ".join([by_key[k].title, *sorted(set(contexts.get(k, [])))]) for k in keys]
    return keys, texts


def _without(context: str, markers: Sequence[str] | set[str]) -> str:
    """``context`` with each of ``markers`` (longest first) and its markup taken out."""
    for m in sorted(markers, key=lambda m: (-len(m), m)):
        context = context.replace(m, " ")
    return " ".join(_TAG.sub(" ", context).split())


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
