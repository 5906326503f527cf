"""Cluster outputs under ``gaps/``: the statement clusters table, the themes table and the
cluster figures.

``gaps/clusters.csv`` has one row per gap statement: ``statement_id`` (``doc_id:start-end``),
``doc_id``, ``char_start``, ``char_end``, ``cluster`` (0 is the largest), ``keywords`` (the
cluster's distinctive phrases, ``;``-joined), ``stability`` (mean adjusted Rand index of the
clustering runs, the same for every row) and ``label`` (the theme's name).
``gaps/themes.csv`` has one row per theme, of the works (``kind`` ``works``) and of the gap
statements (``statements``): its label, size, phrases, the taxonomy values it lines up with and
its most typical members. The figures: the map of works by theme
(``figures/cluster-map.png``), the map of gap statements (``figures/statement-clusters.png``)
and the themes of the works against the stated gaps (``figures/clusters-x-gaps.png``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import Any

from litreview.core.model import Citation, GapStatement, Tag, Work
from litreview.core.tables import csv_text
from litreview.gaps.cluster import ClusterResult, cluster_texts
from litreview.gaps.cluster_texts import statement_id, statement_texts, work_texts
from litreview.gaps.gap import Gap
from litreview.gaps.objects import load_object_rules, statement_objects
from litreview.gaps.theme_gaps import theme_gap_counts
from litreview.gaps.themes import Theme, missing_terms, name_themes
from litreview.render.cluster_figures import cluster_map_png
from litreview.render.gap_figures import plot_theme_gaps
from litreview.taxonomy import Taxonomy

__all__ = [
    "CLUSTERS_CSV",
    "THEMES_CSV",
    "Themes",
    "cluster_files",
    "clusters_csv",
    "statement_clusters",
    "themes_csv",
    "work_clusters",
]

CLUSTERS_CSV = (
    "statement_id",
    "doc_id",
    "char_start",
    "char_end",
    "cluster",
    "keywords",
    "stability",
    "label",
)
THEMES_CSV = ("kind", "cluster", "label", "size", "keywords", "values", "examples", "stability")


@dataclass(frozen=True, slots=True, kw_only=True)
class Themes:
    """A clustering and its named themes."""

    result: ClusterResult
    themes: tuple[Theme, ...]


def _value_labels(taxonomy: Taxonomy | None) -> dict[tuple[str, str], str]:
    """(facet, value) -> the value's label."""
    if taxonomy is None:
        return {}
    return {(f.id, v.id): v.label for f in taxonomy.facets for v in f.values}


def work_clusters(
    works: Sequence[Work],
    citations: Sequence[Citation],
    tags: Sequence[Tag],
    taxonomy: Taxonomy | None,
    *,
    random_state: int = 0,
) -> Themes:
    """Themes of ``works`` (titles plus citing sentences), named with their tags' values."""
    keys, texts = work_texts(works, citations)
    result = cluster_texts(texts, keys, random_state=random_state)
    values: dict[str, set[tuple[str, str]]] = {}
    for t in tags:
        values.setdefault(t.work_key, set()).add((t.facet, t.value))
    themes = name_themes(
        result,
        texts,
        values=values,
        value_labels=_value_labels(taxonomy),
        skip_values=taxonomy.fallbacks if taxonomy else (),
        examples={w.key: w.title for w in works},
    )
    return Themes(result=result, themes=themes)


def statement_clusters(
    statements: Sequence[GapStatement],
    taxonomy: Taxonomy | None = None,
    *,
    random_state: int = 0,
) -> Themes | None:
    """Themes of the gap statements (quote plus the values they name), named by what they say
    is missing: the values' labels and their own words; ``None`` when there are none."""
    if not statements:
        return None
    facets = taxonomy.facet_ids if taxonomy else ()
    ids, texts = statement_texts(statements, facets)
    by_id = {statement_id(s): s for s in statements}
    quotes = [by_id[i].quote for i in ids]
    rules = load_object_rules()
    objects = ["; ".join(statement_objects(by_id[i], rules)) for i in ids]
    result = cluster_texts(texts, ids, naming=objects, random_state=random_state)
    by_object, by_quote = missing_terms(result, objects, quotes)
    result = replace(result, keywords=by_object)
    values = {i: {(f, v) for f, vs in by_id[i].facets for v in vs} for i in ids}
    themes = name_themes(
        result,
        quotes,
        values=values,
        value_labels=_value_labels(taxonomy),
        skip_values=taxonomy.fallbacks if taxonomy else (),
        fallback=by_quote,
    )
    return Themes(result=result, themes=themes)


def clusters_csv(found: Themes | None) -> str:
    """``gaps/clusters.csv`` for the statement themes (just the header when there are none)."""
    rows: list[dict[str, Any]] = []
    if found is not None:
        by_cluster = {t.cluster: t for t in found.themes}
        for sid, c in zip(found.result.ids, found.result.labels, strict=True):
            doc, _, span = sid.rpartition(":")
            start, _, end = span.partition("-")
            rows.append(
                {
                    "statement_id": sid,
                    "doc_id": doc,
                    "char_start": start,
                    "char_end": end,
                    "cluster": c,
                    "keywords": list(by_cluster[c].terms),
                    "stability": round(found.result.stability, 4),
                    "label": by_cluster[c].label,
                }
            )
    return csv_text(CLUSTERS_CSV, rows)


def themes_csv(**kinds: Themes | None) -> str:
    """``gaps/themes.csv``: one row per theme of each kind given (``works=...``)."""
    rows = [
        {
            "kind": kind,
            "cluster": t.cluster,
            "label": t.label,
            "size": t.size,
            "keywords": list(t.terms),
            "values": [f"{v.facet}={v.value}" for v in t.values],
            "examples": list(t.examples),
            "stability": round(found.result.stability, 4),
        }
        for kind, found in kinds.items()
        if found is not None
        for t in found.themes
    ]
    return csv_text(THEMES_CSV, rows)


def cluster_files(
    works: Sequence[Work],
    citations: Sequence[Citation],
    statements: Sequence[GapStatement],
    taxonomy: Taxonomy | None = None,
    *,
    tags: Sequence[Tag] = (),
    gaps: Sequence[Gap] = (),
    exclude: Collection[str] = (),
) -> dict[str, str | bytes]:
    """``clusters.csv``, ``themes.csv`` and the cluster figures, keyed by their path under
    ``gaps/``. Works in ``exclude`` (the documents under review) are not clustered."""
    stmts = statement_clusters(statements, taxonomy)
    kept = [w for w in works if w.key not in exclude]
    found = work_clusters(kept, citations, tags, taxonomy) if kept else None
    files: dict[str, str | bytes] = {
        "clusters.csv": clusters_csv(stmts),
        "themes.csv": themes_csv(works=found, statements=stmts),
    }
    if found is not None:
        files["figures/cluster-map.png"] = cluster_map_png(
            found.result,
            found.themes,
            shapes={w.key: w.type for w in kept},
            what="works",
            shape_title="Source type",
        )
        frame = theme_gap_counts(found.result, found.themes, gaps, tags, kept, exclude=exclude)
        if len(frame):
            files["figures/clusters-x-gaps.png"] = plot_theme_gaps(frame)
    if stmts is not None:
        files["figures/statement-clusters.png"] = cluster_map_png(
            stmts.result,
            stmts.themes,
            shapes={statement_id(s): s.strength for s in statements},
            what="gap statements",
            shape_title="Statement",
        )
    return files
