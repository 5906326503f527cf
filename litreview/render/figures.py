"""Coverage heatmaps as PNG bytes (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__ = ["figure_png", "heatmap_png"]


def heatmap_png(
    counts: pd.DataFrame,
    *,
    title: str = "",
    labels: Mapping[str, str] | None = None,
    dpi: int = 120,
) -> bytes:
    """A heatmap of ``counts`` (rows x cols of unique works) with the count in every cell.

    ``labels`` maps value ids to readable labels; long labels are wrapped. Zero cells are
    left white so the gaps stand out.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = labels or {}
    n_rows, n_cols = counts.shape
    fig, ax = plt.subplots(figsize=(max(4.0, 1.1 * n_cols + 3), max(3.0, 0.55 * n_rows + 2)))
    try:
        data = counts.to_numpy(dtype=float)
        vmax = max(1.0, float(data.max()) if data.size else 1.0)
        masked = pd.DataFrame(data).where(data > 0).to_numpy()
        ax.imshow(masked, cmap="Blues", vmin=0, vmax=vmax, aspect="auto")
        ax.set_xticks(
            range(n_cols),
            [_wrap(labels.get(str(c), str(c)), 14) for c in counts.columns],
            rotation=45,
            ha="right",
            fontsize=8,
        )
        ax.set_yticks(
            range(n_rows), [_wrap(labels.get(str(r), str(r)), 28) for r in counts.index], fontsize=8
        )
        for i in range(n_rows):
            for j in range(n_cols):
                v = int(data[i, j])
                ax.text(
                    j,
                    i,
                    str(v),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if v > vmax * 0.6 else "black",
                )
        ax.set_xlabel(str(counts.columns.name or ""))
        ax.set_ylabel(str(counts.index.name or ""))
        ax.set_xticks([x - 0.5 for x in range(1, n_cols)], minor=True)
        ax.set_yticks([y - 0.5 for y in range(1, n_rows)], minor=True)
        ax.grid(which="minor", color="#dddddd", linewidth=0.5)
        ax.tick_params(which="minor", length=0)
        if title:
            ax.set_title(title, fontsize=10)
        fig.tight_layout()
        return figure_png(fig, dpi=dpi)
    finally:
        plt.close(fig)


def _wrap(label: str, width: int) -> str:
    """``label`` wrapped to lines of at most ``width`` characters."""
    return "\n".join(textwrap.wrap(label, width)) or label


def figure_png(fig: Any, *, dpi: int = 100, tight: bool = False) -> bytes:
    """A matplotlib figure as PNG bytes, the same for the same figure (no software or date
    stamp); the figure is closed. ``tight`` crops to the drawn area."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    try:
        fig.savefig(
            buf,
            format="png",
            dpi=dpi,
            metadata={"Software": None},
            **({"bbox_inches": "tight"} if tight else {}),
        )
    finally:
        plt.close(fig)
    return buf.getvalue()
