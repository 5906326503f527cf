"""Which gap cells a statement supports, and which of its words name each value (pure).

A statement's ``mentions`` (see :class:`litreview.core.model.Mention`) say which words name
each facet value and in which *clause*: a compound sentence stating two gaps has clauses 0
and 1; words from an antecedent or a heading (clause -1) apply to every clause. A statement
supports a cell only for values named together in one clause (plus the clause -1 values),
never the cross-product of a compound sentence. A statement without mentions (a record made
by hand or by an older detector) counts as one clause naming its ``facets``.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from litreview.core.model import GapStatement, Mention
from litreview.gaps.index import Cell

ClauseValues = Mapping[str, tuple[str, ...]]

__all__ = [
    "Backing",
    "Cell",
    "ClauseValues",
    "backing",
    "cells_of",
    "clause_values",
    "supports",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Backing:
    """A statement backing a gap: the clause that names the gap's values and the words that
    name each of them (``mentions``, in cell order; empty for a statement without mentions)."""

    statement: GapStatement
    clause: int
    mentions: tuple[Mention, ...] = ()


def clause_values(stmt: GapStatement) -> tuple[tuple[int, ClauseValues], ...]:
    """``(clause, facet -> values)`` for each clause of ``stmt``: the values its own words name
    plus the values named for every clause (antecedent, heading), facets in statement order."""
    if not stmt.mentions:
        return ((0, {f: vs for f, vs in stmt.facets if vs}),)
    shared = [m for m in stmt.mentions if m.clause < 0]
    numbers = sorted({m.clause for m in stmt.mentions if m.clause >= 0}) or [0]
    out = []
    for k in numbers:
        named: dict[str, list[str]] = {}
        for m in [*(m for m in stmt.mentions if m.clause == k), *shared]:
            values = named.setdefault(m.facet, [])
            if m.value not in values:
                values.append(m.value)
        out.append((k, {f: tuple(sorted(vs)) for f, vs in named.items()}))
    return tuple(out)


def cells_of(
    values: ClauseValues,
    facets: Sequence[str],
    *,
    min_facets: int = 1,
    any_values: Collection[tuple[str, str]] = (),
) -> set[Cell]:
    """Every cell (at most one value per facet) the values of one clause allow.

    A cell pins at least ``min_facets`` facets, or every facet the clause names if fewer.
    Values in ``any_values`` (a taxonomy's catch-all "general" values) leave their facet open.
    """
    named = {f: [v for v in values.get(f, ()) if (f, v) not in any_values] for f in facets}
    options = [[(f, v) for v in named[f]] + [None] for f in facets]
    need = max(1, min(min_facets, sum(1 for f in facets if named[f])))
    cells = set()
    for combo in itertools.product(*options):
        cell = tuple(p for p in combo if p is not None)
        if len(cell) >= need:
            cells.add(cell)
    return cells


def supports(stmt: GapStatement, cell: Cell) -> int | None:
    """The first clause of ``stmt`` naming every value of ``cell``, or None."""
    for k, values in clause_values(stmt):
        if all(v in values.get(f, ()) for f, v in cell):
            return k
    return None


def backing(stmt: GapStatement, cell: Cell) -> Backing | None:
    """How ``stmt`` backs ``cell``: its clause and, per value of the cell, the words naming it
    (the statement's own words before an antecedent's, before a heading's)."""
    k = supports(stmt, cell)
    if k is None:
        return None
    words: list[Mention] = []
    for f, v in cell:
        found = [m for m in stmt.mentions if (m.facet, m.value) == (f, v) and m.clause in (k, -1)]
        words += sorted(found, key=_nearest_first)
    return Backing(statement=stmt, clause=k, mentions=tuple(words))


_SOURCE_ORDER = {"statement": 0, "antecedent": 1, "heading": 2}


def _nearest_first(m: Mention) -> tuple[int, int]:
    return (_SOURCE_ORDER.get(m.source, 3), m.char_start)
