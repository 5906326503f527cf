"""Small steps the notebooks need, kept here so they are tested and the notebooks stay thin.

Everything is computed in memory from a :class:`litreview.notebook.corpus.Corpus`: nothing
here writes into a review folder.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import Any

import pandas as pd

from litreview.core.errors import Problem
from litreview.core.model import Tag
from litreview.gaps.register import Gap
from litreview.notebook.corpus import Corpus
from litreview.taxonomy import Taxonomy


def taxonomy_of(corpus: Corpus) -> Taxonomy:
    """The review's taxonomy (``bibliography/taxonomy.yaml``)."""
    return corpus.review.load_taxonomy()


def without_works(corpus: Corpus, keys: Collection[str]) -> Corpus:
    """The corpus with works ``keys`` removed, with their tags and citations."""
    drop = frozenset(keys)
    return replace(
        corpus,
        works=tuple(w for w in corpus.works if w.key not in drop),
        tags=tuple(t for t in corpus.tags if t.work_key not in drop),
        citations=tuple(c for c in corpus.citations if c.work_key not in drop),
    )


def without_tags(corpus: Corpus, facet: str, value: str) -> Corpus:
    """The corpus with every tag ``facet=value`` removed (as if the value were never found)."""
    kept = tuple(t for t in corpus.tags if (t.facet, t.value) != (facet, value))
    return replace(corpus, tags=kept)


def evidence_tags(corpus: Corpus) -> list[Tag]:
    """The tags that count as coverage, as the register, map and ``litreview coverage`` count
    them: never the documents under review (:func:`litreview.gaps.coverage.evidence_tags`)."""
    from litreview.gaps.coverage import evidence_tags as counted
    from litreview.gaps.coverage import under_review
    from litreview.gaps.register import load_settings

    return counted(
        corpus.tags,
        exclude_works=under_review(corpus.documents),
        kinds=load_settings().evidence,
    )


def rank_gaps(corpus: Corpus, taxonomy: Taxonomy | None = None) -> list[Gap]:
    """The gap register computed from the corpus in memory, as ``litreview gaps`` ranks it
    (from ``gaps/statements.csv``, which keeps the words naming each value)."""
    from litreview.pipeline.gaps import register_of

    taxonomy = taxonomy or taxonomy_of(corpus)
    return register_of(corpus.statements, corpus.tags, corpus.works, corpus.documents, taxonomy)


def study_briefs(
    corpus: Corpus, gaps: Sequence[Gap], taxonomy: Taxonomy | None = None, *, top: int = 3
) -> dict[str, str]:
    """The study briefs of the ``top`` best gaps (name -> Markdown), as ``litreview gaps``
    writes them."""
    from litreview.gaps.register import load_settings
    from litreview.gaps.sensitivity import rank_moves
    from litreview.render.briefs import render_briefs
    from litreview.render.gap_outputs import gap_context

    taxonomy = taxonomy or taxonomy_of(corpus)
    settings = load_settings()
    reviewed = {d.work_key for d in corpus.documents if d.work_key}
    works = [w for w in corpus.works if w.key not in reviewed]
    ctx = gap_context(taxonomy, works, corpus.documents, evidence_tags(corpus), settings)
    moves = {
        g.id: rank_moves(g, gaps, taxonomy.facet_ids, settings, any_values=taxonomy.fallbacks)
        for g in [g for g in gaps if g.statements][:top]
    }
    return render_briefs(gaps, ctx, top=top, moves=moves)


def ranking_frame(gaps: Sequence[Gap]) -> pd.DataFrame:
    """One row per gap: rank, id, title, score, kind, statements, sources, why."""
    rows = [
        {
            "rank": g.rank,
            "id": g.id,
            "title": g.title,
            "score": round(g.score, 3),
            "kind": g.kind,
            "n_statements": len(g.statements),
            "n_sources": len(g.sources),
            "why": g.why,
        }
        for g in gaps
    ]
    columns = ["rank", "id", "title", "score", "kind", "n_statements", "n_sources", "why"]
    return pd.DataFrame(rows, columns=columns)


def compare_rankings(before: Sequence[Gap], after: Sequence[Gap]) -> pd.DataFrame:
    """How a ranking changed: one row per gap id in either ranking.

    Columns: ``id``, ``title``, ``rank_before``, ``rank_after`` (missing: ``<NA>``),
    ``score_before``, ``score_after``, ``moved`` (positive: moved up) and ``change``
    (``up``, ``down``, ``same``, ``new``, ``gone``). Ordered by the new rank, gone gaps last.
    """
    old = {g.id: g for g in before}
    new = {g.id: g for g in after}
    rows = []
    for gid in [*new, *(k for k in old if k not in new)]:
        a, b = old.get(gid), new.get(gid)
        rows.append(
            {
                "id": gid,
                "title": (b or a).title,  # type: ignore[union-attr]
                "rank_before": a.rank if a else None,
                "rank_after": b.rank if b else None,
                "score_before": a.score if a else None,
                "score_after": b.score if b else None,
                "moved": (a.rank - b.rank) if a and b else None,
                "change": _change(a, b),
            }
        )
    columns = [
        "id",
        "title",
        "rank_before",
        "rank_after",
        "score_before",
        "score_after",
        "moved",
        "change",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype(
        {
            "rank_before": "Int64",
            "rank_after": "Int64",
            "moved": "Int64",
            "score_before": "float64",
            "score_after": "float64",
        }
    )


def _change(a: Gap | None, b: Gap | None) -> str:
    """``new``/``gone``/``up``/``down``/``same`` for a gap ranked ``a`` before, ``b`` after."""
    if a is None:
        return "new"
    if b is None:
        return "gone"
    return "up" if b.rank < a.rank else "down" if b.rank > a.rank else "same"


def gap_statements(gap: Gap) -> pd.DataFrame:
    """The statements behind one gap: document, offsets, section and quote."""
    rows = [
        {
            "doc_id": s.doc_id,
            "char_start": s.char_start,
            "char_end": s.char_end,
            "section": s.section,
            "quote": s.quote,
        }
        for s in gap.statements
    ]
    return pd.DataFrame(rows, columns=["doc_id", "char_start", "char_end", "section", "quote"])


def curated_tags(
    corpus: Corpus,
    curation_text: str,
    taxonomy: Taxonomy | None = None,
    suggestions: Sequence[Tag] | None = None,
) -> tuple[list[Tag], list[Problem]]:
    """The corpus's tags with a curation (YAML text, as in ``curation.yaml``) applied:
    additions, removals, and the suggestions it accepts (from ``suggestions``, by default the
    review's ``suggestions.csv``)."""
    from litreview.core.curation import load_curation
    from litreview.tags.curated_tags import accept_suggestions, apply_tag_curation

    taxonomy = taxonomy or taxonomy_of(corpus)
    curation, problems = load_curation(curation_text, "<curation>")
    keys = {w.key for w in corpus.works}
    tags, more = apply_tag_curation(list(corpus.tags), curation, keys, taxonomy, "<curation>")
    offered = corpus.suggestions if suggestions is None else suggestions
    accepted, rest = accept_suggestions(curation, offered, keys, taxonomy, "<curation>")
    return [*tags, *accepted], [*problems, *more, *rest]


def problem_lines(corpus: Corpus) -> list[str]:
    """The problems met reading the review, told once: each file's warnings in one line."""
    from litreview.core.problem_summary import summarise

    return summarise(corpus.problems)


def tag_changes(before: Sequence[Tag], after: Sequence[Tag]) -> pd.DataFrame:
    """Tags (work, facet, value) present in only one of two tag lists, with ``change``
    ``added`` or ``removed``."""

    def keys(tags: Sequence[Tag]) -> set[tuple[str, str, str]]:
        return {(t.work_key, t.facet, t.value) for t in tags}

    old, new = keys(before), keys(after)
    rows = [(*k, "added") for k in sorted(new - old)] + [(*k, "removed") for k in sorted(old - new)]
    return pd.DataFrame(rows, columns=["work_key", "facet", "value", "change"])


def coverage_heatmaps(
    tags: Sequence[Tag], taxonomy: Taxonomy, works: Collection[str] | None = None
) -> dict[str, bytes]:
    """A coverage heatmap PNG per pair of facets (``"rows x cols"`` -> PNG), drawn as the
    report draws ``gaps/figures/coverage-*.png``; pass :func:`evidence_tags` to count as the
    register does. ``works`` restricts the counts to those work keys."""
    from litreview.render.gap_outputs import coverage_figures

    chosen = [t for t in tags if works is None or t.work_key in works]
    figures = coverage_figures(taxonomy, chosen)
    return {
        f"{rows.id} x {cols.id}": figures[f"figures/coverage-{rows.id}-x-{cols.id}.png"]
        for rows, cols in itertools.combinations(taxonomy.facets, 2)
    }


def cube_slice(cube: pd.DataFrame, **values: str) -> pd.DataFrame:
    """Rows of a :func:`litreview.gaps.coverage.coverage_cube` frame with the given facet values."""
    mask = pd.Series(True, index=cube.index)
    for facet, value in values.items():
        mask &= cube[facet] == value
    return cube.loc[mask].reset_index(drop=True)


def export_slice(
    corpus: Corpus, wheres: Sequence[str] | Mapping[str, Collection[str]], fmt: str
) -> str:
    """The works matching ``wheres`` (``FACET=VALUE`` strings) in format ``fmt``, as
    ``litreview export`` writes them: by citekey, tags as ``facet:value`` keywords."""
    from litreview.formats import writer_for
    from litreview.tags.slices import select_works, with_tag_keywords

    chosen = sorted(select_works(corpus.works, corpus.tags, wheres), key=lambda w: w.key)
    return str(writer_for(fmt)(with_tag_keywords(chosen, corpus.tags)))


def cluster_table(result: Any) -> pd.DataFrame:
    """One row per cluster of a :class:`litreview.gaps.cluster.ClusterResult`: size, keywords and
    up to three members."""
    rows = [
        {
            "cluster": c,
            "size": len(result.members(c)),
            "keywords": ", ".join(kw[:6]),
            "examples": "; ".join(result.members(c)[:3]),
        }
        for c, kw in enumerate(result.keywords)
    ]
    return pd.DataFrame(rows, columns=["cluster", "size", "keywords", "examples"])


def png(fig: Any, *, dpi: int = 90) -> bytes:
    """A matplotlib figure as PNG bytes (the figure is closed), for ``IPython.display.Image``."""
    from litreview.render.figures import figure_png

    return figure_png(fig, dpi=dpi, tight=True)
