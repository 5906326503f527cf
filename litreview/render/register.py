"""Render a computed gap register to ``register.json``, ``.csv``, ``.md`` and ``statements.csv``.

The register is computed once (:func:`litreview.gaps.register.find_gaps`); this module only formats
it. ``register.json`` follows DESIGN.md and adds ``status``, ``kind``, ``n_works`` and, per
statement, ``section`` and ``strength``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from litreview.core import schema
from litreview.core.model import GapStatement
from litreview.core.tables import csv_text
from litreview.gaps.register import Cell, Gap

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
STATUS_WORDS = {
    "stated_confirmed": "stated and confirmed",
    "stated_contradicted": "stated but contradicted",
    "silent": "silent",
}
KIND_WORDS = {
    "absolute": "primary research",
    "synthesis": "evidence synthesis",
    "covered": "reviews exist",
}


def cell_text(cell: Cell) -> str:
    """A cell as ``facet=value,facet=value``."""
    return ",".join(f"{f}={v}" for f, v in cell)


def statement_record(s: GapStatement) -> dict[str, Any]:
    """A statement as in ``register.json``."""
    return {
        "doc_id": s.doc_id,
        "char_start": s.char_start,
        "char_end": s.char_end,
        "quote": s.quote,
        "section": s.section,
        "strength": s.strength,
    }


def gap_record(g: Gap) -> dict[str, Any]:
    """One register entry as a JSON-ready dict (DESIGN.md keys first)."""
    return {
        "rank": g.rank,
        "id": g.id,
        "title": g.title,
        "cells": [dict(g.cell)],
        "score": g.score,
        "n_sources": len(g.sources),
        "n_statements": len(g.statements),
        "documents": list(g.documents),
        "statements": [statement_record(s) for s in g.statements],
        "sources": list(g.sources),
        "why": g.why,
        "status": g.status,
        "kind": g.kind,
        "n_works": g.n_works,
    }


def register_json(gaps: Sequence[Gap]) -> str:
    """``register.json``: a list, best gap first."""
    return json.dumps([gap_record(g) for g in gaps], ensure_ascii=False, indent=2) + "\n"


def register_csv(gaps: Sequence[Gap]) -> str:
    """``register.csv``: DESIGN.md columns, then status, kind, n_works."""
    rows = [{**gap_record(g), "cells": cell_text(g.cell)} for g in gaps]
    return csv_text(schema.REGISTER_CSV + REGISTER_EXTRA, rows)


def statements_csv(statements: Sequence[GapStatement], facets: Sequence[str]) -> str:
    """``statements.csv`` in document order: DESIGN.md columns with one column per facet of
    ``facets`` (taxonomy order) between ``quote`` and ``strength``, then kind, score, why."""
    ordered = sorted(statements, key=lambda s: (s.doc_id, s.char_start, s.char_end))
    return csv_text(schema.statement_columns(list(facets)), schema.statement_rows(ordered, facets))


def register_markdown(gaps: Sequence[Gap], *, title: str = "Gap register") -> str:
    """``register.md``: a ranked table, then each gap with its statements and sources."""
    lines = [
        f"# {title}",
        "",
        "| rank | gap | status | study | score | statements | works |",
        "|---:|---|---|---|---:|---:|---:|",
    ]
    for g in gaps:
        lines.append(
            f"| {g.rank} | {_md(g.title)} | {STATUS_WORDS.get(g.status, g.status)} | "
            f"{KIND_WORDS.get(g.kind, g.kind)} | {g.score:.2f} | {len(g.statements)} | "
            f"{g.n_works} |"
        )
    for g in gaps:
        lines += [
            "",
            f"## {g.rank}. {_md(g.title)}",
            "",
            f"`{cell_text(g.cell)}`",
            "",
            _md(g.why),
            "",
        ]
        lines += [
            f"> {_md(s.quote)}  \n> — {s.doc_id}, {_md(s.section) or 'no section'}, "
            f"chars {s.char_start}–{s.char_end} ({s.strength})\n"
            for s in g.statements
        ]
        if g.sources:
            lines.append("Nearest sources: " + ", ".join(f"`{k}`" for k in g.sources))
    return "\n".join(lines) + "\n"


def render_register(
    gaps: Sequence[Gap], statements: Sequence[GapStatement], facets: Sequence[str]
) -> Mapping[str, str]:
    """Every register file, keyed by its path under ``gaps/``; ``facets`` are the taxonomy's
    facet ids in order (the statement table's facet columns)."""
    return {
        "register.json": register_json(gaps),
        "register.csv": register_csv(gaps),
        "register.md": register_markdown(gaps),
        "statements.csv": statements_csv(statements, facets),
    }


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell or paragraph."""
    return " ".join(text.replace("|", "\\|").split())
