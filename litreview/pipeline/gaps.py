"""The gaps step: gap statements, the register, briefs, map and figures under ``gaps/``.

Everything under ``gaps/`` is replaced at once (built beside it, then swapped in), so a
failure leaves it as it was.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from litreview.core.errors import InputError
from litreview.core.model import Document, GapStatement, Tag, Work
from litreview.gaps.register import Gap, find_gaps, load_settings
from litreview.review import Review
from litreview.taxonomy import Taxonomy

__all__ = ["GapsResult", "find_all_statements", "run_gaps"]


@dataclass(frozen=True, slots=True, kw_only=True)
class GapsResult:
    """What ``run_gaps`` computed and wrote."""

    gaps: tuple[Gap, ...]
    statements: tuple[GapStatement, ...]
    files: tuple[str, ...]
    notices: tuple[str, ...] = ()


def _documents(review: Review) -> list[Document]:
    docs = review.load_documents()
    if not docs:
        raise InputError(
            "no documents ingested: run 'litreview ingest DOC...' first",
            path=str(review.documents_path),
        )
    return docs


def find_all_statements(
    review: Review, taxonomy: Taxonomy, docs: Sequence[Document], texts: Mapping[str, str]
) -> list[GapStatement]:
    """Gap statements of every document (cues: the review's own file, else the packaged one),
    with the words that name each value (see :func:`attributed`)."""
    from litreview.gaps import statements as st

    cues = st.review_cues(review.read_gap_cues())
    found = [s for d in docs for s in st.find_statements(d.doc_id, texts[d.doc_id], cues, taxonomy)]
    ordered = sorted(found, key=lambda s: (s.doc_id, s.char_start, s.char_end))
    return attributed(review, taxonomy, ordered, texts)


def attributed(
    review: Review,
    taxonomy: Taxonomy,
    statements: Sequence[GapStatement],
    texts: Mapping[str, str],
) -> list[GapStatement]:
    """FALLBACK until the detector records mentions: ``statements`` with the words naming
    each value derived from the texts where they are missing
    (:mod:`litreview.gaps.fallback_mentions`)."""
    from litreview.gaps import statements as st
    from litreview.gaps.fallback_mentions import clause_words, with_mentions

    settings = load_settings()
    cues = st.review_cues(review.read_gap_cues())
    words = clause_words(
        settings.clause_breaks,
        settings.concessive,
        [c.pattern for c in cues.positive],
        look_back=settings.look_back,
    )
    return with_mentions(statements, texts, taxonomy, words)


def run_gaps(
    review: Review,
    *,
    top: int = 10,
    taxonomy: Taxonomy | None = None,
    tags: Sequence[Tag] | None = None,
) -> GapsResult:
    """Statements, register, briefs, map, EPPI export and figures under ``gaps/``
    (``tags``: the tags to count, when they are not yet saved in ``tags.csv``)."""
    from litreview.taxonomy import labels_of

    taxonomy = taxonomy or review.load_taxonomy()
    docs = _documents(review)
    texts = {d.doc_id: review.load_text(d) for d in docs}
    statements = find_all_statements(review, taxonomy, docs, texts)
    works, _ = review.load_works()
    tags = review.load_tags() if tags is None else tags
    notices = [] if tags else ["no tags yet: run 'litreview tag' (every cell counts as empty)"]
    labels = labels_of(taxonomy)
    settings = load_settings()
    gaps = find_gaps(
        statements,
        tags,
        works,
        taxonomy.facet_ids,
        labels=labels.values,
        settings=settings,
        any_values=taxonomy.fallbacks,
        exclude_works={d.work_key for d in docs if d.work_key},
    )
    files = render_all(
        review, taxonomy, gaps, statements, works, tags, docs, top=top, thin_max=settings.thin_max
    )
    review.save_gaps(files, keep=lambda rel: not rel.startswith("briefs/"))
    return GapsResult(
        gaps=tuple(gaps),
        statements=tuple(statements),
        files=tuple(sorted(files)),
        notices=tuple(notices),
    )


def render_all(
    review: Review,
    taxonomy: Taxonomy,
    gaps: Sequence[Gap],
    statements: Sequence[GapStatement],
    works: Sequence[Work],
    tags: Sequence[Tag],
    docs: Sequence[Document],
    *,
    top: int,
    thin_max: int,
) -> dict[str, str | bytes]:
    """Every file under ``gaps/``, keyed by its path there."""
    from litreview.render import egm, eppi, gap_figures
    from litreview.render.briefs import render_briefs
    from litreview.render.clusters import cluster_files
    from litreview.render.register import render_register
    from litreview.taxonomy import labels_of

    title = next((d.title for d in docs if d.title), "") or review.root.resolve().name
    citations = review.load_citations()
    files: dict[str, str | bytes] = dict(render_register(gaps, statements, taxonomy.facet_ids))
    files.update(render_briefs(gaps, works, labels_of(taxonomy), top=top))
    under_review = {d.work_key for d in docs if d.work_key}  # not evidence about themselves
    data = egm.egm_data(
        title=f"Evidence and gap map: {title}",
        facets=taxonomy.facets,
        works=[w for w in works if w.key not in under_review],
        tags=tags,
        statements=statements,
        citations=citations,
        documents=docs,
        thin_max=thin_max,
    )
    files["map.html"] = egm.render_map(data)
    files["eppi-reviewer.json"] = eppi.eppi_json(taxonomy.facets, works, tags)
    frame = gap_figures.compute_statements_per_theme(gaps)
    if len(frame):
        files["figures/statements-per-theme.png"] = gap_figures.plot_statements_per_theme(frame)
    files.update(other_figures(taxonomy, tags, under_review))
    files.update(cluster_files(works, citations, statements, taxonomy.facet_ids))
    return files


def other_figures(
    taxonomy: Taxonomy, tags: Sequence[Tag], exclude: Collection[str] = ()
) -> dict[str, bytes]:
    """Coverage heatmaps, one per pair of facets (works in ``exclude`` are not counted)."""
    import itertools

    from litreview.gaps.coverage import coverage_matrix
    from litreview.render.figures import heatmap_png

    labels = {v.id: v.label for f in taxonomy.facets for v in f.values}
    out: dict[str, bytes] = {}
    for rows, cols in itertools.combinations(taxonomy.facets, 2):
        counts = coverage_matrix(
            [t for t in tags if t.work_key not in exclude],
            rows.id,
            cols.id,
            row_values=[v.id for v in rows.values],
            col_values=[v.id for v in cols.values],
        ).counts.rename_axis(index=rows.label, columns=cols.label)
        out[f"figures/coverage-{rows.id}-x-{cols.id}.png"] = heatmap_png(
            counts, title=f"Unique works: {rows.label} × {cols.label}", labels=labels, dpi=90
        )
    return out
