"""Every file under ``gaps/`` from one computed register, with one count of coverage.

The register, briefs, map, EPPI export and heatmaps all count the same tags: the evidence
tags of works cited by or imported into the review (never the documents under review;
:func:`litreview.gaps.coverage.evidence_tags`), so their numbers agree.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from litreview.core.model import Citation, Document, GapStatement, Tag, Work
from litreview.gaps.coverage import best_evidence, coverage_matrix
from litreview.gaps.gap import Gap
from litreview.gaps.index import GapSettings
from litreview.gaps.sensitivity import rank_moves
from litreview.render.context import GapContext
from litreview.taxonomy import Taxonomy, labels_of

__all__ = ["GapInputs", "coverage_figures", "coverage_name", "gap_context", "gap_files"]


@dataclass(frozen=True, slots=True, kw_only=True)
class GapInputs:
    """What the files under ``gaps/`` are made from. ``counted`` are the evidence tags that
    count as coverage; ``tags`` all tags (the clusters read them)."""

    title: str
    taxonomy: Taxonomy
    settings: GapSettings
    gaps: Sequence[Gap]
    statements: Sequence[GapStatement]
    works: Sequence[Work]
    documents: Sequence[Document]
    citations: Sequence[Citation]
    counted: Sequence[Tag]
    top: int = 10


def gap_files(g: GapInputs) -> dict[str, str | bytes | Iterator[str]]:
    """Every file under ``gaps/``, keyed by its path there; the map and the EPPI export,
    which grow with the corpus, as text made a piece at a time while they are written."""
    from litreview.render import eppi, gap_figures
    from litreview.render.briefs import render_briefs
    from litreview.render.clusters import cluster_files
    from litreview.render.register import render_register

    reviewed = {d.work_key for d in g.documents if d.work_key}
    works = [w for w in g.works if w.key not in reviewed]
    named = {key for gap in g.gaps for key in gap.sources}  # the works the texts name
    ctx = gap_context(g.taxonomy, works, g.documents, g.counted, g.settings, sources=named)
    facets = g.taxonomy.facet_ids
    files: dict[str, str | bytes | Iterator[str]] = dict(
        render_register(g.gaps, g.statements, facets, ctx)
    )
    moves = {
        gap.id: rank_moves(gap, g.gaps, facets, g.settings, any_values=g.taxonomy.fallbacks)
        for gap in [x for x in g.gaps if x.statements][: g.top]
    }
    files.update(render_briefs(g.gaps, ctx, top=g.top, moves=moves))
    files["map.html"] = _map(g, works, ctx)
    files["eppi-reviewer.json"] = eppi.eppi_pieces(g.taxonomy.facets, works, g.counted)
    frame = gap_figures.compute_statements_per_theme(g.gaps)
    if len(frame):
        files["figures/statements-per-theme.png"] = gap_figures.plot_statements_per_theme(frame)
    files.update(coverage_figures(g.taxonomy, g.counted))
    files.update(
        cluster_files(
            g.works,
            g.citations,
            g.statements,
            g.taxonomy,
            tags=g.counted,
            gaps=g.gaps,
            exclude=reviewed,
        )
    )
    return files


def _map(g: GapInputs, works: Sequence[Work], ctx: GapContext) -> Iterator[str]:
    """``map.html``: the works not under review, the counted tags, the register's gaps. Its
    data (a record per work) is made when the file is written, not held beside the other
    files until then."""
    from litreview.render import egm

    data = egm.egm_data(
        title=f"Evidence and gap map: {g.title}",
        facets=g.taxonomy.facets,
        works=works,
        tags=g.counted,
        statements=g.statements,
        citations=g.citations,
        documents=g.documents,
        thin_max=max((x.thin_max for x in g.gaps), default=g.settings.thin_max),
        citation_text=ctx.citations,
        gaps=g.gaps,
        stream=True,
    )
    yield from egm.map_pieces(data)


def gap_context(
    taxonomy: Taxonomy,
    works: Sequence[Work],
    documents: Sequence[Document],
    counted: Sequence[Tag],
    settings: GapSettings,
    *,
    sources: Collection[str] | None = None,
) -> GapContext:
    """What the register, briefs and map say about sources: titles, formatted citations of
    ``works`` (those not under review), the best evidence of each counted tag, the weights.
    ``sources``: the only works whose evidence is named (the gaps' sources), when known; the
    evidence of every work is then not held."""
    from litreview.render.egm import work_citations

    if sources is not None:
        counted = [t for t in counted if t.work_key in sources]
    return GapContext(
        labels=labels_of(taxonomy),
        documents={d.doc_id: d for d in documents},
        citations=work_citations(works),
        evidence=best_evidence(counted),
        settings=settings,
    )


def coverage_figures(taxonomy: Taxonomy, counted: Sequence[Tag]) -> dict[str, bytes]:
    """A coverage heatmap per pair of facets, ``figures/coverage-<rows>-x-<cols>.png``,
    counting ``counted`` (the evidence tags)."""
    from litreview.render.figures import heatmap_png

    labels = {v.id: v.label for f in taxonomy.facets for v in f.values}
    out: dict[str, bytes] = {}
    for rows, cols in itertools.combinations(taxonomy.facets, 2):
        counts = coverage_matrix(
            counted,
            rows.id,
            cols.id,
            row_values=list(rows.value_ids),
            col_values=list(cols.value_ids),
        ).counts.rename_axis(index=rows.label, columns=cols.label)
        out[f"figures/{coverage_name(rows.id, cols.id)}.png"] = heatmap_png(
            counts, title=f"Unique works: {rows.label} × {cols.label}", labels=labels, dpi=90
        )
    return out


def coverage_name(rows: str, cols: str) -> str:
    """The one name of a coverage file of two facets: ``coverage-<rows>-x-<cols>``."""
    return f"coverage-{rows}-x-{cols}"
