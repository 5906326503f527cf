"""``litreview tag``: tag every work of the corpus with evidence (``bibliography/tags.csv``).

With ``--suggest``, a model trained on the confirmed tags also proposes tags the rules did not
give, written apart to ``bibliography/suggestions.csv``.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from litreview.commands._common import add_review, notice, review_of, say, show_problems
from litreview.core.model import Tag
from litreview.core.words import plural
from litreview.pipeline.tag import TagResult, run_tag
from litreview.review import Review

if TYPE_CHECKING:
    from litreview.tags.suggest import SuggestReport

HELP = "tag every work by the taxonomy, with evidence (bibliography/tags.csv)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``[--suggest] [--review DIR]``."""
    parser.add_argument(
        "--suggest",
        action="store_true",
        help="also propose tags with a learned model (bibliography/suggestions.csv)",
    )
    add_review(parser)


def run(args: argparse.Namespace) -> int:
    """Tag, report problems and untaggable works, write tags (and suggestions)."""
    review = review_of(args)
    taxonomy = review.load_taxonomy()
    for w in taxonomy.warnings:
        notice(f"warning: {w}")
    with review.transaction() as r:  # tags and suggestions change together
        result = run_tag(r, taxonomy)
        report = _suggest(r, r.as_stored(result.tags)) if args.suggest else None
    show_problems(result.problems)
    say(tagged_line(result, review))
    if not result.n_tagged and result.n_works > len(result.untaggable):
        notice(
            f"note: no synonym of the taxonomy was found in any work: are the values of "
            f"{review.taxonomy_path} yours yet?"
        )
    if result.untaggable:
        shown = ", ".join(result.untaggable[:10]) + (" ..." if len(result.untaggable) > 10 else "")
        notice(
            f"{plural(len(result.untaggable), 'work')} without any text to tag "
            f"(no fields, no citing context): {shown}"
        )
    if report is not None:
        _say_suggestions(report, review)
    return 0


def tagged_line(result: TagResult, review: Review) -> str:
    """What was tagged, in the counts ``tags.csv`` holds (``tag`` and ``report`` both say it):
    works with a tag of all works, and tag rows."""
    return (
        f"tagged {result.n_tagged} of {plural(result.n_works, 'work')}: "
        f"{plural(result.n_tags, 'tag row')} -> {review.tags_path}"
    )


def _suggest(review: Review, tags: Sequence[Tag]) -> SuggestReport:
    """Train on ``tags``; stage proposals for the values they do not give."""
    from litreview.pipeline.suggest import run_suggest

    return run_suggest(review, review.load_taxonomy(), tags)


def _say_suggestions(report: SuggestReport, review: Review) -> None:
    """The model's quality and where its suggestions are."""
    from litreview.tags.suggest import MIN_SCORE

    for line in report.summary():
        say(line)
    say(
        f"{len(report.suggestions)} suggestions (scored >= {MIN_SCORE:g}: the chance they are "
        f"right) -> {review.suggestions_path}; accept one under tags: accept: in curation.yaml"
    )
