"""Column contracts of the review folder's tables (DESIGN.md).

Writers emit exactly these columns in this order; readers require them. A table may carry
extra trailing columns (``citations.csv`` adds ``char_start,char_end``); readers keep them.
"""

from __future__ import annotations

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
)
STATEMENTS_HEAD = ("doc_id", "char_start", "char_end", "section", "quote")
STATEMENTS_TAIL = ("strength",)


def statement_columns(facets: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Columns of ``gaps/statements.csv``: one per taxonomy facet, in taxonomy order, between
    ``quote`` and ``strength`` (for the default taxonomy this is ``STATEMENTS``)."""
    return (*STATEMENTS_HEAD, *facets, *STATEMENTS_TAIL)


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
CITATION_KINDS = ("citation", "ibid", "url", "note")
MULTI_SEP = ";"
