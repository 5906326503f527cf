"""Render a computed gap register to ``register.json``, ``.csv``, ``.md`` and ``statements.csv``.

The register is computed once (:func:`litreview.gaps.register.find_gaps`); this module only
formats it, so the three files carry the same numbers. ``register.json`` follows DESIGN.md and
adds ``status``, ``kind``, ``n_works``, the score's ``parts``, per statement its ``section``,
``strength``, ``clause`` and the ``words`` naming each of the gap's values, and per nearest
source its formatted ``citation``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from litreview.core import schema
from litreview.core.model import GapStatement
from litreview.core.tables import csv_text
from litreview.gaps.attribution import Backing
from litreview.gaps.gap import Gap
from litreview.gaps.index import Cell
from litreview.render.context import GapContext, counted_share
from litreview.render.register_md import register_markdown
from litreview.taxonomy import labels_of

__all__ = [
    "REGISTER_EXTRA",
    "cell_text",
    "gap_record",
    "register_csv",
    "register_json",
    "register_markdown",
    "render_register",
    "statements_csv",
]

REGISTER_EXTRA = ("status", "kind", "n_works")


def cell_text(cell: Cell) -> str:
    """A cell as ``facet=value,facet=value``."""
    return ",".join(f"{f}={v}" for f, v in cell)


def backing_record(b: Backing, *, share: float = 1.0) -> dict[str, Any]:
    """A statement backing a gap, as in ``register.json``: where it is, what it says, the
    words that name each of the gap's values, whether the gap's score counts it (``counted``
    false: a higher gap on a wider or narrower cell counts it) and how much of it
    (``share``: 1 all; less, the part such a gap left)."""
    s = b.statement
    return {
        "doc_id": s.doc_id,
        "char_start": s.char_start,
        "char_end": s.char_end,
        "quote": s.quote,
        "section": s.section,
        "strength": s.strength,
        "clause": b.clause,
        "counted": share > 0,
        "share": round(share, 4),
        "words": [
            {
                "facet": m.facet,
                "value": m.value,
                "quote": m.quote,
                "char_start": m.char_start,
                "char_end": m.char_end,
                "source": m.source,
            }
            for m in b.mentions
        ],
    }


def gap_record(g: Gap, ctx: GapContext | None = None) -> dict[str, Any]:
    """One register entry as a JSON-ready dict (DESIGN.md keys first)."""
    backs = g.backing or tuple(Backing(statement=s, clause=0) for s in g.statements)
    return {
        "rank": g.rank,
        "id": g.id,
        "title": g.title,
        "cells": [dict(g.cell)],
        "score": g.score,
        "n_sources": len(g.sources),
        "n_statements": len(g.statements),
        "documents": list(g.documents),
        "statements": [backing_record(b, share=counted_share(g, b)) for b in backs],
        "sources": list(g.sources),
        "why": g.why,
        "status": g.status,
        "kind": g.kind,
        "n_works": g.n_works,
        "thin_max": g.thin_max,
        "parts": {name: round(value, 4) for name, value in g.parts},
        "source_citations": [
            {"key": k, "citation": ctx.citation(k) if ctx else k, "in_cell": i < g.n_works}
            for i, k in enumerate(g.sources)
        ],
    }


def register_json(gaps: Sequence[Gap], ctx: GapContext | None = None) -> str:
    """``register.json``: a list, best gap first."""
    return json.dumps([gap_record(g, ctx) for g in gaps], ensure_ascii=False, indent=2) + "\n"


def register_csv(gaps: Sequence[Gap]) -> str:
    """``register.csv``: DESIGN.md columns, then status, kind, n_works."""
    rows = [{**gap_record(g), "cells": cell_text(g.cell)} for g in gaps]
    return csv_text(schema.REGISTER_CSV + REGISTER_EXTRA, rows)


def statements_csv(statements: Sequence[GapStatement], facets: Sequence[str]) -> str:
    """``statements.csv`` in document order: DESIGN.md columns with one column per facet of
    ``facets`` (taxonomy order) between ``quote`` and ``strength``, then kind, score, why."""
    ordered = sorted(statements, key=lambda s: (s.doc_id, s.char_start, s.char_end))
    return csv_text(schema.statement_columns(list(facets)), schema.statement_rows(ordered, facets))


def render_register(
    gaps: Sequence[Gap],
    statements: Sequence[GapStatement],
    facets: Sequence[str],
    ctx: GapContext | None = None,
) -> Mapping[str, str]:
    """Every register file, keyed by its path under ``gaps/``; ``facets`` are the taxonomy's
    facet ids in order (the statement table's facet columns)."""
    ctx = ctx or GapContext(labels=labels_of(None))
    return {
        "register.json": register_json(gaps, ctx),
        "register.csv": register_csv(gaps),
        "register.md": register_markdown(gaps, ctx, statements=statements),
        "statements.csv": statements_csv(statements, facets),
    }
