"""``litreview report``: tag + coverage + gaps, the main job, with a short summary."""

from __future__ import annotations

import argparse

from litreview.commands._common import notice, review_of, say, show_problems
from litreview.commands.gaps import add_arguments, summary
from litreview.commands.tag import tagged_line

__all__ = ["HELP", "add_arguments", "run"]

HELP = "tag the corpus, then compute coverage and gaps (writes bibliography/tags.csv and gaps/)"


def run(args: argparse.Namespace) -> int:
    """Run the steps; print what was tagged and the top gaps."""
    review = review_of(args)
    from litreview.pipeline.report import run_report  # pandas: only when it runs

    tagged, result = run_report(review, top=args.top)
    if tagged is None:
        notice(
            "no works in the corpus yet: run 'litreview ingest' or 'litreview import'; "
            "gaps come from the documents alone"
        )
    else:
        show_problems(tagged.problems)
        say(tagged_line(tagged, review))
    for n in result.notices:
        notice(n)
    for line in summary(result):
        say(line)
    return 0
