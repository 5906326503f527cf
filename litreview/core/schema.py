"""Column contracts of the review folder's tables (DESIGN.md).

Writers emit exactly these columns in this order; readers require them. A table may carry
extra trailing columns (``citations.csv`` adds ``char_start,char_end``); readers keep them.
"""

from __future__ import annotations

from collections.abc import Sequence

from litreview.core.model import GapStatement

DOCUMENTS = ("doc_id", "path", "title", "author", "year", "work_key")
CITATIONS = (
    "doc_id",
    "footnote",
    "position",
    "raw",
    "work_key",
    "context",
    "section",
    "kind",
    "char_start",
    "char_end",
)
CITATIONS_REQUIRED = CITATIONS[:8]
TAGS = (
    "work_key",
    "facet",
    "value",
    "source",
    "evidence",
    "doc_id",
    "char_start",
    "char_end",
    "score",
)
STATEMENTS = (
    "doc_id",
    "char_start",
    "char_end",
    "section",
    "quote",
    "crime_type",
    "group",
    "gender_dimension",
    "strength",
    "kind",
    "score",
    "why",
)
STATEMENTS_HEAD = ("doc_id", "char_start", "char_end", "section", "quote")
STATEMENTS_TAIL = ("strength",)
#: Columns after ``strength`` (added by the trained detector); files written before them are
#: still read, with the columns empty.
STATEMENTS_DETECTOR = ("kind", "score", "why")
STATEMENT_KINDS = ("missing", "data", "research_needed", "contested")


def statement_columns(facets: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Columns of ``gaps/statements.csv``: one per taxonomy facet, in taxonomy order, between
    ``quote`` and ``strength``, then ``kind``, ``score``, ``why`` (for the default taxonomy
    this is ``STATEMENTS``)."""
    return (*STATEMENTS_HEAD, *facets, *STATEMENTS_TAIL, *STATEMENTS_DETECTOR)


def statement_rows(stmts: Sequence[GapStatement], facets: Sequence[str]) -> list[dict[str, object]]:
    """The rows of ``gaps/statements.csv`` for ``stmts``, in the order given (facet values are
    tuples; the CSV writer joins them with ``;``)."""
    return [
        {
            **s.located(),
            **{f: s.values(f) for f in facets},
            "kind": s.kind,
            "score": round(s.score, 3),
            "why": s.why,
        }
        for s in stmts
    ]


REGISTER_CSV = (
    "rank",
    "id",
    "title",
    "cells",
    "score",
    "n_sources",
    "n_statements",
    "documents",
    "sources",
    "why",
)
MERGES = ("kept", "merged", "reason", "score")
CITATION_KINDS = ("citation", "ibid", "url", "note", "xref")
MULTI_SEP = ";"
