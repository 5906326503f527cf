"""``litreview ingest DOC... [--review DIR]``: notes, reference lists and in-text citations of
documents -> corpus; the summary line counts every outcome."""

from __future__ import annotations

import argparse

from litreview.commands._common import add_review, notice, review_of, say, show_problems
from litreview.core.errors import InputError
from litreview.pipeline.ingest import outcome_summary, read_sources, run_ingest

HELP = (
    "read documents' notes, reference lists and in-text citations into the corpus "
    "(corpus.bib, citations.csv)"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``DOC...`` and ``--review DIR``."""
    parser.add_argument(
        "docs",
        nargs="+",
        metavar="DOC",
        help="documents to ingest (.txt, .md, .html; .pdf and .docx with extras)",
    )
    add_review(parser)


def run(args: argparse.Namespace) -> int:
    """Ingest the documents; a document that cannot be read is reported and the rest go on."""
    review = review_of(args)
    read = read_sources(review, args.docs)
    sources, failed = read.sources, read.failed
    for line in read.notices:
        notice(line)
    if not sources:  # nothing readable: the first error is the command's one-line error
        for error in failed[1:]:
            notice(f"litreview ingest: {error}")
        raise failed[0] if failed else InputError("no documents given")
    for error in failed:
        notice(f"litreview ingest: {error}")
    result = run_ingest(review, sources)
    show_problems(result.problems)
    for line in result.notices:
        notice(line)
    say(f"ingested {len(sources)} document(s): {outcome_summary(result, sources)}")
    return 2 if failed else 0
