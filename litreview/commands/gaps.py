"""``litreview gaps``: gap statements, register, briefs, map, EPPI export and figures."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from litreview.commands._common import add_review, notice, positive_int, review_of, say
from litreview.core.words import plural

if TYPE_CHECKING:
    from litreview.pipeline.gaps import GapsResult

HELP = "find gap statements and write the ranked register, briefs, map and figures under gaps/"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``[--top N] [--review DIR]``."""
    parser.add_argument(
        "--top",
        type=positive_int,
        default=10,
        metavar="N",
        help="write study briefs for the N best gaps (default 10)",
    )
    add_review(parser)


def summary(result: GapsResult, *, top: int = 5) -> list[str]:
    """A few lines naming the best gaps, in the counts the files hold: statements.csv rows,
    register rows by status, files written."""
    from litreview.gaps.register import unplaced
    from litreview.render.register_md import KIND_WORDS, STATUS_WORDS

    stated = [g for g in result.gaps if g.status != "silent"]
    left = len(unplaced(result.gaps, result.statements))
    outside = f" ({left} in no gap: listed at the end of gaps/register.md)" if left else ""
    lines = [
        f"{plural(len(result.statements), 'gap statement')}{outside}; "
        f"{plural(len(stated), 'stated gap')}, {len(result.gaps) - len(stated)} silent; "
        f"{plural(len(result.files), 'file')} under gaps/"
    ]
    for g in result.gaps[:top]:
        lines.append(
            f"  {g.rank:>2}. {g.title} [{STATUS_WORDS.get(g.status, g.status)}; "
            f"{KIND_WORDS.get(g.kind, g.kind)}; {plural(len(g.statements), 'statement')}, "
            f"{plural(g.n_works, 'work')}; score {g.score:.2f}]"
        )
    return lines


def run(args: argparse.Namespace) -> int:
    """Compute and write; print the top gaps."""
    from litreview.pipeline.gaps import run_gaps  # pandas and the models: only when it runs

    result = run_gaps(review_of(args), top=args.top)
    for n in result.notices:
        notice(n)
    for line in summary(result):
        say(line)
    return 0
