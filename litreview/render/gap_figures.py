"""Gap figures, as matplotlib figures or PNG bytes: the statements behind each stated gap, and
the themes of the works read against the stated gaps.

``compute_*`` return the DataFrame; ``plot_*`` only draw it (litstudy's compute/plot split);
``*_figure`` return the figure, so tests can check its layout. Labels are wrapped, never cut,
and the figure is sized from them (:mod:`litreview.render.layout`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from litreview.gaps.gap import Gap
from litreview.render.figures import figure_png
from litreview.render.layout import FONT, QUALITATIVE, SEQUENTIAL, new_figure, text_inches, wrap

__all__ = [
    "compute_statements_per_theme",
    "plot_statements_per_theme",
    "plot_theme_gaps",
    "statements_per_theme_figure",
    "theme_gaps_figure",
]

_EXPLICIT, _IMPLICIT = QUALITATIVE[0], QUALITATIVE[1]


def compute_statements_per_theme(gaps: Sequence[Gap], *, top: int = 15) -> pd.DataFrame:
    """One row per stated gap (best first): title, explicit and implicit statement counts."""
    rows = [
        {
            "rank": g.rank,
            "title": g.title,
            "status": g.status,
            "explicit": sum(s.strength == "explicit" for s in g.statements),
            "implicit": sum(s.strength != "explicit" for s in g.statements),
        }
        for g in gaps
        if g.statements
    ][:top]
    return pd.DataFrame(rows, columns=["rank", "title", "status", "explicit", "implicit"])


def statements_per_theme_figure(frame: pd.DataFrame) -> Any:
    """Horizontal stacked bars: the gap statements behind each stated gap, by strength."""
    labels = [wrap(f"{r}. {t}", 44) for r, t in zip(frame["rank"], frame["title"], strict=True)]
    label_w, _ = text_inches(labels)
    lines = sum(label.count("\n") + 1 for label in labels)
    fig, ax = new_figure(label_w + 5.0, 1.4 + 0.2 * lines + 0.12 * len(labels))
    y = np.arange(len(frame))
    ax.barh(y, frame["explicit"], color=_EXPLICIT, label="explicit (says evidence is missing)")
    ax.barh(
        y,
        frame["implicit"],
        left=frame["explicit"],
        color=_IMPLICIT,
        label="implicit (hedged, or a call for study)",
    )
    ax.set_yticks(y, labels, fontsize=FONT)
    ax.invert_yaxis()
    ax.set_xlabel("gap statements (sentences of the documents)", fontsize=FONT)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(
        "Gap statements behind each stated gap, best-ranked first", fontsize=FONT + 2, loc="left"
    )
    ax.legend(fontsize=FONT, loc="lower right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def plot_statements_per_theme(frame: pd.DataFrame, *, dpi: int = 100) -> bytes:
    """:func:`statements_per_theme_figure` as PNG bytes (deterministic metadata)."""
    return figure_png(statements_per_theme_figure(frame), dpi=dpi)


def theme_gaps_figure(frame: pd.DataFrame) -> Any:
    """A grid of stated gaps (rows, best first) by themes of the works (columns): in each
    cell the theme's works in the gap's cell; empty cells are white. ``frame`` is
    :func:`litreview.gaps.theme_gaps.theme_gap_counts`."""
    grid = frame.pivot_table(
        index=["gap_rank", "gap_title", "n_statements"],
        columns="cluster",
        values="n_works",
        aggfunc="sum",
        fill_value=0,
    )
    themes = frame.drop_duplicates("cluster").set_index("cluster")
    rows = [f"{wrap(f'{r}. {t}', 38)} ({n} st.)" for r, t, n in grid.index]
    cols = [
        wrap(f"{themes.at[c, 'theme']} ({themes.at[c, 'theme_size']} works)", 13, max_lines=7)
        for c in grid.columns
    ]
    row_w, _ = text_inches(rows)
    col_w, col_h = text_inches(cols)
    cell = max(0.7, col_w + 0.08)
    height = 1.6 + col_h + 0.42 * len(rows) + 0.1 * sum(r.count("\n") for r in rows)
    fig, ax = new_figure(row_w + cell * len(cols) + 1.2, height)
    data = grid.to_numpy(dtype=float)
    vmax = max(1.0, float(data.max()) if data.size else 1.0)
    ax.imshow(
        np.where(data > 0, data, np.nan),
        cmap=SEQUENTIAL,
        vmin=-0.3 * vmax,
        vmax=vmax,
        aspect="auto",
    )
    for i, j in np.ndindex(data.shape):
        dark = data[i, j] > vmax * 0.6
        ax.text(
            j,
            i,
            str(int(data[i, j])),
            ha="center",
            va="center",
            fontsize=FONT,
            color="white" if dark else "black",
        )
    ax.set_xticks(range(len(cols)), cols, fontsize=FONT)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(rows)), rows, fontsize=FONT)
    ax.set_xticks(np.arange(-0.5, len(cols)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(rows)), minor=True)
    ax.grid(which="minor", color="#cccccc", linewidth=0.6)
    ax.tick_params(which="both", length=0)
    ax.set_title(
        "Works of each theme (columns) in the cells of the gaps the documents state (rows)\n"
        "White: the theme has no work where the gap is stated; 'st.': gap statements",
        fontsize=FONT + 1,
        loc="left",
    )
    return fig


def plot_theme_gaps(frame: pd.DataFrame, *, dpi: int = 100) -> bytes:
    """:func:`theme_gaps_figure` as PNG bytes."""
    return figure_png(theme_gaps_figure(frame), dpi=dpi)
