"""``litreview export``: the corpus, or a tagged slice of it, in a bibliography format.

Tags travel as ``facet:value`` keywords. ``text`` is a formatted bibliography in a CSL style.
Without ``-o`` the export goes to stdout; with it, the file is written atomically.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from litreview.commands._common import add_review, notice, review_of, show_problems
from litreview.core import atomic
from litreview.core.errors import InputError, Problem, has_errors
from litreview.core.model import Work
from litreview.formats import WRITABLE, canonical, writer_for
from litreview.tags.slices import check_wheres, parse_wheres, select_works, with_tag_keywords

LOCK = "read"  # reads the review (a shared lock: never a save half made); writes outside it
HELP = "export the corpus (or a tagged slice) as bibtex, biblatex, ris, csljson, csv or text"
CHOICES = (*WRITABLE, "text")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--format F [--style NAME] [--where FACET=VALUE ...] [-o FILE] [--review DIR]``."""
    parser.add_argument(
        "--format",
        required=True,
        type=canonical,
        choices=CHOICES,
        help="output format (other names too: csl-json, json, bib, csl-yaml, yaml)",
    )
    parser.add_argument(
        "--style",
        default="apa",
        metavar="NAME",
        help="CSL style for --format text (apa, chicago-author-date, ...)",
    )
    parser.add_argument(
        "--engine",
        default="auto",
        choices=("auto", "pandoc", "citeproc-py"),
        help="formatter for --format text: pandoc when installed (fast), else citeproc-py",
    )
    parser.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="FACET=VALUE",
        help="only works tagged so; repeat: AND across facets, OR within one",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    add_review(parser)


def render(
    works: Sequence[Work], fmt: str, style: str, engine: str = "auto"
) -> tuple[str, list[Problem]]:
    """The works as text in ``fmt``, with any entry that could not be formatted."""
    if fmt == "text":
        from litreview.render.bibliography import render_bibliography

        return render_bibliography(works, style=style, output="text", engine=engine)
    return writer_for(fmt)(works), []


def run(args: argparse.Namespace) -> int:
    """Select, add tag keywords, write."""
    wheres = parse_wheres(args.where)
    if args.output and os.path.isdir(args.output):
        raise InputError("is a folder: -o names the file to write", path=args.output)
    review = review_of(args)
    if wheres and review.taxonomy_path.exists():
        taxonomy = review.load_taxonomy()
        check_wheres(wheres, {f.id: [v.id for v in f.values] for f in taxonomy.facets})
    works, problems = review.load_works()
    show_problems(problems)
    if has_errors(problems):
        notice("warning: entries of the corpus with errors are not exported")
    tags = review.load_tags()
    chosen = with_tag_keywords(sorted(select_works(works, tags, wheres), key=lambda w: w.key), tags)
    if wheres and not chosen:
        notice(
            "note: no work is tagged so"
            + ("" if tags else "; there are no tags yet (run litreview tag)")
        )
    if (args.style != "apa" or args.engine != "auto") and args.format != "text":
        notice("note: --style and --engine are used only with --format text")
    text, trouble = render(chosen, args.format, args.style, args.engine)
    for p in trouble:
        notice(f"{p.severity}: {p.message}")
    done = f"exported {len(chosen) - _left_out(trouble)} of {len(works)} works as {args.format}"
    if args.output:
        atomic.write_output(args.output, text)
        notice(f"{done} to {args.output}")
    else:
        sys.stdout.write(text)
        notice(done)
    return 0


def _left_out(trouble: Sequence[Problem]) -> int:
    """Works the formatted bibliography has no entry for (its warning counts them)."""
    from litreview.render.bibliography import left_out

    return left_out(trouble)
