"""The cluster map: a 2-D scatter of clustered items, coloured by cluster, keyword legend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from litreview.gaps.cluster import ClusterResult, cluster_texts, work_texts
from litreview.render.figures import figure_png

__all__ = ["cluster_map_png", "compute_cluster_map", "works_cluster_map_png"]

_MAX_POINTS = 20000  # a map of more points is drawn from a fixed, evenly spaced subset


def compute_cluster_map(result: ClusterResult) -> pd.DataFrame:
    """One row per item: ``id``, ``x``, ``y``, ``cluster``, ``label`` (the cluster's keywords)."""
    labels = [
        ", ".join(result.keywords[c][:3]) if c < len(result.keywords) else "" for c in result.labels
    ]
    return pd.DataFrame(
        {
            "id": list(result.ids),
            "x": [x for x, _ in result.coords],
            "y": [y for _, y in result.coords],
            "cluster": list(result.labels),
            "label": labels,
        }
    )


def cluster_map_png(result: ClusterResult, *, title: str = "", dpi: int = 120) -> bytes:
    """The cluster map as PNG bytes (Agg backend, no display needed, no timestamp)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    frame = compute_cluster_map(result)
    if len(frame) > _MAX_POINTS:
        frame = frame.iloc[:: -(-len(frame) // _MAX_POINTS)]
    fig, ax = plt.subplots(figsize=(10, 6))
    try:
        cmap = plt.get_cmap("tab20")
        for c in sorted(frame["cluster"].unique()):
            part = frame[frame["cluster"] == c]
            words = ", ".join(result.keywords[c][:3]) if c < len(result.keywords) else ""
            ax.scatter(
                part["x"],
                part["y"],
                s=14 if len(frame) < 2000 else 3,
                alpha=0.75,
                color=cmap(int(c) % 20),
                label=f"{c}: {words} ({result.labels.count(c)})",
            )
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("SVD component 1")
        ax.set_ylabel("SVD component 2")
        sub = f"k={result.k}, stability (mean ARI)={result.stability:.2f}"
        ax.set_title(f"{title}\n{sub}" if title else sub, fontsize=10)
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        fig.tight_layout()
        return figure_png(fig, dpi=dpi)
    finally:
        plt.close(fig)


def works_cluster_map_png(
    works: Sequence[Any],
    citations: Sequence[Any] = (),
    *,
    title: str = "Works by theme",
    random_state: int = 0,
) -> bytes:
    """Cluster ``works`` (titles plus citing contexts) and draw the map, in one call."""
    keys, texts = work_texts(works, citations)
    return cluster_map_png(cluster_texts(texts, keys, random_state=random_state), title=title)
