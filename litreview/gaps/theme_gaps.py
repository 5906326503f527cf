"""Themes of the works read against the gaps the documents state (pure).

For each stated gap of the register (best first) and each theme of the works, the number of
the theme's works that cover the gap's cell: works tagged with every value of the cell, the
documents under review left out (the register's own coverage index,
:func:`litreview.gaps.index.index_corpus`). A theme with no work where a gap is stated is
thin there; a theme with many may answer part of the gap.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd

from litreview.core.model import Tag, Work
from litreview.gaps.cluster import ClusterResult
from litreview.gaps.gap import Gap
from litreview.gaps.index import index_corpus, load_settings
from litreview.gaps.themes import Theme

__all__ = ["THEME_GAP_COLUMNS", "theme_gap_counts"]

THEME_GAP_COLUMNS = (
    "gap_rank",
    "gap_title",
    "n_statements",
    "cluster",
    "theme",
    "theme_size",
    "n_works",
)


def theme_gap_counts(
    result: ClusterResult,
    themes: Sequence[Theme],
    gaps: Sequence[Gap],
    tags: Sequence[Tag],
    works: Sequence[Work],
    *,
    exclude: Collection[str] = (),
    top: int = 12,
) -> pd.DataFrame:
    """One row per (stated gap, theme), the ``top`` stated gaps by rank, themes by number:
    see ``THEME_GAP_COLUMNS``; ``n_works`` is the theme's works in the gap's cell."""
    stated = sorted((g for g in gaps if g.statements), key=lambda g: g.rank)[:top]
    index = index_corpus([t for t in tags if t.work_key not in exclude], works, load_settings())
    members = {t.cluster: frozenset(result.members(t.cluster)) for t in themes}
    rows = [
        {
            "gap_rank": g.rank,
            "gap_title": g.title,
            "n_statements": len(g.statements),
            "cluster": t.cluster,
            "theme": t.label,
            "theme_size": t.size,
            "n_works": len(index.works(g.cell) & members[t.cluster]),
        }
        for g in stated
        for t in sorted(themes, key=lambda t: t.cluster)
    ]
    return pd.DataFrame(rows, columns=list(THEME_GAP_COLUMNS))
