"""The coverage step: unique works per cell of two facets, as a table and a heatmap.

Counted as everywhere else (:func:`litreview.gaps.coverage.evidence_tags`: works cited by or
imported into the review, never the documents under review). Saved under ``gaps/coverage/``
as ``coverage-<rows>-x-<cols>.csv`` and ``.png`` (the report's heatmaps have the same name
under ``gaps/figures/``), so the command never overwrites the report's files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from litreview.core.bulk import bulk
from litreview.core.errors import InputError
from litreview.core.tables import csv_text
from litreview.gaps.coverage import (
    Coverage,
    coverage_matrix,
    evidence_tags,
    select_works,
    under_review,
)
from litreview.gaps.index import load_settings
from litreview.render.figures import heatmap_png
from litreview.review import Review

__all__ = ["CoverageResult", "run_coverage"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CoverageResult:
    """The matrix computed and where it was saved."""

    coverage: Coverage
    csv_path: Path
    png_path: Path


@bulk
def run_coverage(
    review: Review,
    rows: str | None = None,
    cols: str | None = None,
    *,
    doc: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    types: Sequence[str] | None = None,
) -> CoverageResult:
    """Count the works of each cell of ``rows`` x ``cols`` (optionally a slice), and save.
    Unnamed, ``rows`` is the taxonomy's first facet and ``cols`` its second."""
    taxonomy = review.load_taxonomy()
    ids = taxonomy.facet_ids
    if not ids:
        raise InputError("the taxonomy has no facets", path=str(review.taxonomy_path))
    rows = rows or ids[0]
    cols = cols or (ids[1] if len(ids) > 1 else ids[0])
    for facet in (rows, cols):
        if facet not in taxonomy.facet_ids:
            raise InputError(
                f"unknown facet {facet!r} (the taxonomy has {', '.join(taxonomy.facet_ids)})",
                path=str(review.taxonomy_path),
            )
    if not review.tags_path.exists():
        raise InputError("no tags yet: run 'litreview tag' first", path=str(review.tags_path))
    tags = review.load_tags()  # none when no word of the taxonomy was found: every cell is 0
    counted = evidence_tags(
        tags,
        exclude_works=under_review(review.load_documents()),
        kinds=load_settings().evidence,
    )
    chosen = None
    if doc or year_from or year_to or types:
        works, _ = review.load_works()
        chosen = select_works(
            works,
            review.load_citations(),
            doc=doc,
            year_from=year_from,
            year_to=year_to,
            types=types,
        )
    cov = coverage_matrix(
        counted,
        rows,
        cols,
        works=chosen,
        row_values=taxonomy.facet(rows).value_ids,
        col_values=taxonomy.facet(cols).value_ids,
    )
    frame = cov.to_frame()
    labels = {v.id: v.label for f in taxonomy.facets for v in f.values}
    title = f"Works per {taxonomy.facet(rows).label} x {taxonomy.facet(cols).label}"
    csv_path, png_path = review.save_coverage(
        rows,
        cols,
        csv_text(list(frame.columns), frame.to_dict("records")),
        heatmap_png(cov.counts, title=title, labels=labels),
    )
    return CoverageResult(coverage=cov, csv_path=csv_path, png_path=png_path)
