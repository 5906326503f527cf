"""Themes of the works against the stated gaps: a theme's works in each gap's cell."""

from __future__ import annotations

from litreview.gaps.cluster import cluster_texts
from litreview.gaps.register import find_gaps, load_settings
from litreview.gaps.theme_gaps import THEME_GAP_COLUMNS, theme_gap_counts
from litreview.gaps.themes import name_themes
from tests.gap_fakes import FACETS, corpus, statements


def test_counts_are_the_themes_works_in_each_stated_cell() -> None:
    tags, works = corpus()
    stmts = statements()
    gaps = find_gaps(stmts, tags, works, FACETS, settings=load_settings())
    keys = [w.key for w in works]
    result = cluster_texts([w.title for w in works], keys, n_clusters=2, random_state=0)
    themes = name_themes(result, [w.title for w in works])
    frame = theme_gap_counts(result, themes, gaps, tags, works)
    assert tuple(frame.columns) == THEME_GAP_COLUMNS
    stated = [g for g in gaps if g.statements]
    assert len(frame) == len(stated) * result.k
    drugs_women = next(
        g for g in stated if dict(g.cell) == {"crime_type": "drugs", "group": "women"}
    )
    rows = frame[frame["gap_rank"] == drugs_women.rank]
    assert rows["n_works"].sum() == 10  # the ten drug studies, wherever their theme is
    without = theme_gap_counts(result, themes, gaps, tags, works, exclude={"w0", "w1"})
    assert without[without["gap_rank"] == drugs_women.rank]["n_works"].sum() == 8
    assert list(frame["gap_rank"]) == sorted(frame["gap_rank"])
