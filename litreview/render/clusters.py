"""Cluster outputs under ``gaps/``: the statement themes table and the cluster figures.

``gaps/clusters.csv`` has one row per gap statement: ``statement_id`` (``doc_id:start-end``),
``doc_id``, ``char_start``, ``char_end``, ``cluster`` (0 is the largest), ``keywords`` (the
cluster's distinctive terms, ``;``-joined) and ``stability`` (mean adjusted Rand index of the
clustering runs, the same for every row). The figures are the map of works coloured by cluster
(``figures/cluster-map.png``) and the map of statements (``figures/statement-clusters.png``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from litreview.core.model import Citation, GapStatement, Work
from litreview.core.tables import csv_text
from litreview.gaps.cluster import ClusterResult, cluster_texts, statement_texts
from litreview.render.cluster_figures import cluster_map_png, works_cluster_map_png

__all__ = ["CLUSTERS_CSV", "cluster_files", "clusters_csv", "statement_clusters"]

CLUSTERS_CSV = (
    "statement_id",
    "doc_id",
    "char_start",
    "char_end",
    "cluster",
    "keywords",
    "stability",
)


def statement_clusters(
    statements: Sequence[GapStatement], facets: Sequence[str], *, random_state: int = 0
) -> ClusterResult | None:
    """Themes of the gap statements (quote plus facet values, TF-IDF, k-means over fixed
    seeds); ``None`` when there are no statements."""
    if not statements:
        return None
    ids, texts = statement_texts(statements, facets)
    return cluster_texts(texts, ids, random_state=random_state)


def clusters_csv(result: ClusterResult | None) -> str:
    """``gaps/clusters.csv`` for ``result`` (just the header when there is none)."""
    rows: list[dict[str, Any]] = []
    for sid, label in zip(
        result.ids if result else (), result.labels if result else (), strict=True
    ):
        doc, _, span = sid.rpartition(":")
        start, _, end = span.partition("-")
        words = result.keywords[label] if result and label < len(result.keywords) else ()
        rows.append(
            {
                "statement_id": sid,
                "doc_id": doc,
                "char_start": start,
                "char_end": end,
                "cluster": label,
                "keywords": list(words),
                "stability": round(result.stability, 4) if result else "",
            }
        )
    return csv_text(CLUSTERS_CSV, rows)


def cluster_files(
    works: Sequence[Work],
    citations: Sequence[Citation],
    statements: Sequence[GapStatement],
    facets: Sequence[str],
) -> dict[str, str | bytes]:
    """``clusters.csv`` and the two cluster figures, keyed by their path under ``gaps/``."""
    result = statement_clusters(statements, facets)
    files: dict[str, str | bytes] = {"clusters.csv": clusters_csv(result)}
    if works:
        files["figures/cluster-map.png"] = works_cluster_map_png(works, citations)
    if result is not None:
        files["figures/statement-clusters.png"] = cluster_map_png(
            result, title="Gap statements by theme"
        )
    return files
