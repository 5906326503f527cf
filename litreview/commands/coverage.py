"""``litreview coverage``: unique works per cell of two facets, as CSV and a heatmap PNG.

Writes ``gaps/coverage_<rows>_x_<cols>.csv`` (one line per cell with its works) and
``gaps/figures/coverage-<rows>-x-<cols>.png`` (the name ``report`` uses); prints the matrix.
"""

from __future__ import annotations

import argparse

from litreview.commands._common import add_review, review_of, say
from litreview.core import atomic
from litreview.core.errors import InputError
from litreview.core.tables import csv_text
from litreview.gaps.coverage import coverage_matrix, select_works
from litreview.render.figures import heatmap_png

HELP = "coverage matrix of two facets (unique works per cell), as CSV and heatmap"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--rows F --cols F [--doc ID] [--year-from Y] [--year-to Y] [--type T] [--review DIR]``."""
    parser.add_argument("--rows", default="crime_type", metavar="FACET", help="facet for rows")
    parser.add_argument("--cols", default="group", metavar="FACET", help="facet for columns")
    parser.add_argument("--doc", metavar="ID", help="only works cited by this document")
    parser.add_argument(
        "--year-from", type=int, metavar="Y", help="only works issued in or after Y"
    )
    parser.add_argument("--year-to", type=int, metavar="Y", help="only works issued in or before Y")
    parser.add_argument(
        "--type",
        action="append",
        metavar="CSLTYPE",
        help="only works of this CSL type (repeatable)",
    )
    add_review(parser)


def run(args: argparse.Namespace) -> int:
    """Compute the matrix, write CSV and PNG, print it."""
    review = review_of(args)
    taxonomy = review.load_taxonomy()
    for facet in (args.rows, args.cols):
        if facet not in taxonomy.facet_ids:
            raise InputError(
                f"unknown facet {facet!r} (the taxonomy has {', '.join(taxonomy.facet_ids)})",
                path=str(review.taxonomy_path),
            )
    tags = review.load_tags()
    if not tags:
        raise InputError("no tags yet: run 'litreview tag' first", path=str(review.tags_path))
    chosen = None
    if args.doc or args.year_from or args.year_to or args.type:
        works, _ = review.load_works()
        chosen = select_works(
            works,
            review.load_citations(),
            doc=args.doc,
            year_from=args.year_from,
            year_to=args.year_to,
            types=args.type,
        )
    cov = coverage_matrix(
        tags,
        args.rows,
        args.cols,
        works=chosen,
        row_values=taxonomy.facet(args.rows).value_ids,
        col_values=taxonomy.facet(args.cols).value_ids,
    )
    stem = f"coverage_{args.rows}_x_{args.cols}"
    frame = cov.to_frame()
    csv_path = review.gaps_dir / f"{stem}.csv"
    atomic.write_text(csv_path, csv_text(list(frame.columns), frame.to_dict("records")))
    labels = {v.id: v.label for f in taxonomy.facets for v in f.values}
    png = review.figures_dir / f"coverage-{args.rows}-x-{args.cols}.png"
    title = f"Works per {taxonomy.facet(args.rows).label} x {taxonomy.facet(args.cols).label}"
    atomic.write_bytes(png, heatmap_png(cov.counts, title=title, labels=labels))
    say(cov.counts.to_string())
    say(f"wrote {csv_path} and {png}")
    return 0
