"""``litreview coverage``: unique works per cell of two facets, as CSV and a heatmap PNG.

Writes ``gaps/coverage/coverage-<rows>-x-<cols>.csv`` (one line per cell with its works) and
``gaps/coverage/coverage-<rows>-x-<cols>.png`` (never the report's own figures); prints the
matrix.
"""

from __future__ import annotations

import argparse

from litreview.commands._common import add_review, notice, review_of, say

HELP = "coverage matrix of two facets (unique works per cell), as CSV and heatmap"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--rows F --cols F [--doc ID] [--year-from Y] [--year-to Y] [--type T] [--review DIR]``."""
    parser.add_argument(
        "--rows", metavar="FACET", help="facet for rows (default: the taxonomy's first)"
    )
    parser.add_argument(
        "--cols", metavar="FACET", help="facet for columns (default: the taxonomy's second)"
    )
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
    """Compute the matrix, save CSV and PNG, print it."""
    from litreview.pipeline.coverage import run_coverage  # pandas: only when it runs

    result = run_coverage(
        review_of(args),
        args.rows,
        args.cols,
        doc=args.doc,
        year_from=args.year_from,
        year_to=args.year_to,
        types=args.type,
    )
    say(result.coverage.counts.to_string())
    if not result.coverage.counts.to_numpy().any():
        notice(
            "note: no work is tagged with these facets' values, so every cell is 0 "
            "(see 'litreview tag' and the synonyms in taxonomy.yaml)"
        )
    say(f"wrote {result.csv_path} and {result.png_path}")
    return 0
