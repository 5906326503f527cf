"""Gap figures: statements per gap theme (a bar chart), as PNG bytes.

``compute_statements_per_theme`` returns the DataFrame; ``plot_statements_per_theme`` only
draws it (litstudy's compute/plot split).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from litreview.gaps.register import Gap
from litreview.render.figures import figure_png

__all__ = ["compute_statements_per_theme", "plot_statements_per_theme"]


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


def plot_statements_per_theme(frame: pd.DataFrame) -> bytes:
    """A horizontal stacked bar chart of ``frame`` as PNG bytes (deterministic metadata)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 0.45 * max(3, len(frame)) + 1))
    labels = [f"{r}. {t[:50]}" for r, t in zip(frame["rank"], frame["title"], strict=True)]
    ax.barh(labels, frame["explicit"], color="#c0392b", label="explicit")
    ax.barh(labels, frame["implicit"], left=frame["explicit"], color="#f5b7b1", label="implicit")
    ax.invert_yaxis()
    ax.set_xlabel("gap statements")
    ax.set_title("Statements per gap theme")
    ax.legend(loc="lower right")
    fig.tight_layout()
    return figure_png(fig, dpi=100)
