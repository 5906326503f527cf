"""Column contracts of the review folder's tables (DESIGN.md).

Writers emit exactly these columns in this order; readers require them. A table may carry
extra trailing columns (``citations.csv`` adds ``char_start,char_end``); readers keep them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from litreview.core.limits import load_json
from litreview.core.model import GapStatement, Mention

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
STATEMENTS_HEAD = ("doc_id", "char_start", "char_end", "section", "quote")
STATEMENTS_TAIL = ("strength",)
#: Columns after ``strength`` (added by the trained detector); files written before them are
#: still read, with the columns empty.
STATEMENTS_DETECTOR = ("kind", "score", "why", "mentions")
STATEMENT_KINDS = ("missing", "data", "research_needed", "contested")


def statement_columns(facets: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Columns of ``gaps/statements.csv``: one per taxonomy facet, in taxonomy order, between
    ``quote`` and ``strength``, then ``kind``, ``score``, ``why`` and ``mentions``."""
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
            "mentions": mentions_cell(s.mentions),
        }
        for s in stmts
    ]


def mentions_cell(mentions: Sequence[Mention]) -> str:
    """The ``mentions`` cell: a JSON list of the words naming each value, with their offsets,
    source and clause (empty when there are none)."""
    if not mentions:
        return ""
    rows = [
        {
            "facet": m.facet,
            "value": m.value,
            "char_start": m.char_start,
            "char_end": m.char_end,
            "quote": m.quote,
            "source": m.source,
            "clause": m.clause,
        }
        for m in mentions
    ]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def mentions_of(cell: str) -> tuple[Mention, ...]:
    """The mentions of a ``mentions`` cell; ValueError when it is not such a list."""
    if not cell.strip():
        return ()
    rows = load_json(cell, "the mentions cell", None)
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ValueError("mentions must be a JSON list of objects")
    try:
        return tuple(
            Mention(
                facet=str(r["facet"]),
                value=str(r["value"]),
                char_start=int(r["char_start"]),
                char_end=int(r["char_end"]),
                quote=str(r["quote"]),
                source=str(r.get("source", "statement")),
                clause=int(r.get("clause", 0)),
            )
            for r in rows
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"a mention lacks {exc}") from None


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
MERGES = ("kept", "merged", "reason", "score", "conflicts")
# merges.csv written before the conflicts column was added are still read
MERGES_REQUIRED = ("kept", "merged", "reason", "score")
CITATION_KINDS = ("citation", "ibid", "url", "note", "xref")
MULTI_SEP = ";"
