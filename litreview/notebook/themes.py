"""Themes read against coverage, for notebooks: the works' themes and the gap statements'
themes as tables, the taxonomy values each theme's works carry, and the themes against the
stated gaps. Computed in memory as ``litreview gaps`` computes them, from the tags that count
as evidence (:func:`litreview.notebook.helpers.evidence_tags`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from litreview.gaps.gap import Gap
from litreview.notebook.corpus import Corpus
from litreview.notebook.helpers import evidence_tags
from litreview.render.clusters import Themes
from litreview.taxonomy import Taxonomy

__all__ = ["statement_themes", "theme_table", "theme_values", "themes_against_gaps", "work_themes"]


def _under_review(corpus: Corpus) -> set[str]:
    """The works that are documents under review (never counted as evidence)."""
    return {d.work_key for d in corpus.documents if d.work_key}


def work_themes(corpus: Corpus, taxonomy: Taxonomy) -> Themes:
    """Themes of the corpus's works (not the documents under review), named in words."""
    from litreview.render.clusters import work_clusters

    skip = _under_review(corpus)
    works = [w for w in corpus.works if w.key not in skip]
    return work_clusters(works, corpus.citations, evidence_tags(corpus), taxonomy)


def statement_themes(corpus: Corpus, taxonomy: Taxonomy) -> Themes | None:
    """Themes of the gap statements, named by what they say is missing (``None``: none)."""
    from litreview.render.clusters import statement_clusters

    return statement_clusters(corpus.statements, taxonomy)


def theme_table(found: Themes) -> pd.DataFrame:
    """One row per theme: its label, size, distinctive words, the taxonomy values it lines up
    with (and the share of its members carrying each), and its most typical members."""
    rows = [
        {
            "theme": t.label,
            "size": t.size,
            "words": ", ".join(t.terms),
            "values": "; ".join(f"{v.label} ({v.share:.0%})" for v in t.values),
            "examples": " | ".join(t.examples),
        }
        for t in found.themes
    ]
    return pd.DataFrame(rows, columns=["theme", "size", "words", "values", "examples"])


def theme_values(corpus: Corpus, found: Themes, taxonomy: Taxonomy, facet: str) -> pd.DataFrame:
    """Works of each theme (rows) tagged with each value of ``facet`` (columns, by label)."""
    of = {t.cluster: t.label for t in found.themes}
    theme = {k: of[c] for k, c in zip(found.result.ids, found.result.labels, strict=True)}
    pairs = {
        (theme[t.work_key], t.value, t.work_key)
        for t in evidence_tags(corpus)
        if t.facet == facet and t.work_key in theme
    }
    labels = {v.id: v.label for v in taxonomy.facet(facet).values}
    frame = pd.DataFrame(sorted(pairs), columns=["theme", "value", "work_key"])
    counts = frame.groupby(["theme", "value"])["work_key"].nunique().unstack(fill_value=0)
    counts = (
        counts.reindex(index=[t.label for t in found.themes], columns=list(labels), fill_value=0)
        .fillna(0)
        .astype(int)
    )
    return counts.rename(columns=labels).rename_axis(
        index="theme", columns=taxonomy.facet(facet).label
    )


def themes_against_gaps(
    corpus: Corpus, found: Themes, gaps: Sequence[Gap], *, top: int = 12
) -> pd.DataFrame:
    """Works of each theme in the cells of the ``top`` stated gaps
    (:func:`litreview.gaps.theme_gaps.theme_gap_counts`), one row per (gap, theme)."""
    from litreview.gaps.theme_gaps import theme_gap_counts

    skip = _under_review(corpus)
    works = [w for w in corpus.works if w.key not in skip]
    return theme_gap_counts(
        found.result, found.themes, gaps, evidence_tags(corpus), works, exclude=skip, top=top
    )
