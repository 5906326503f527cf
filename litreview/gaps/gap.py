"""One entry of the gap register, and how a cell is named (records, no computing)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from litreview.core.model import GapStatement
from litreview.gaps.attribution import Backing
from litreview.gaps.index import Cell

__all__ = ["Gap", "cell_id", "counted_shares", "title_of"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Gap:
    """One entry of the gap register (``rank`` 1 is the best).

    ``backing`` says, for each of ``statements`` (same order), which clause backs the gap and
    which words name each of its values; ``counted`` are the statements its score counts (those
    no higher gap on a wider or narrower cell counts in full), ``shares`` how much of each
    (1: all of its focus on the cell; less: the part a higher nested gap left); ``thin_max`` is the
    most works a thin cell has.
    """

    rank: int
    id: str
    title: str
    cell: Cell
    score: float
    status: str
    kind: str
    n_works: int
    statements: tuple[GapStatement, ...]
    sources: tuple[str, ...]
    documents: tuple[str, ...]
    why: str
    parts: tuple[tuple[str, float], ...] = field(default=())
    backing: tuple[Backing, ...] = field(default=())
    counted: tuple[GapStatement, ...] = field(default=())
    shares: tuple[float, ...] = field(default=())
    thin_max: int = 0


def counted_shares(gap: Gap) -> tuple[float, ...]:
    """How much of each of ``gap.counted`` its score counts, in order (all of each, for a
    gap made without ``shares``)."""
    if len(gap.shares) == len(gap.counted):
        return gap.shares
    return (1.0,) * len(gap.counted)


def title_of(cell: Cell, labels: Mapping[tuple[str, str], str]) -> str:
    """A cell's title: its values' labels joined with `` · ``."""
    return " · ".join(labels.get(p, p[1].replace("_", " ")) for p in cell)


def cell_id(cell: Cell) -> str:
    """A cell's stable id: ``facet.value`` pairs joined with ``--``."""
    return "--".join(re.sub(r"[^a-z0-9_.]+", "-", f"{f}.{v}".lower()) for f, v in cell)
