"""``litreview tag``: tag every work of the corpus with evidence (``bibliography/tags.csv``).

With ``--suggest``, a model trained on the confirmed tags also proposes tags for works the
rules leave untagged, written apart to ``bibliography/suggestions.csv``.
"""

from __future__ import annotations

import argparse

from ..errors import InputError, Problem
from ..review import Review
from ..tagging import TaggingResult, tag_corpus
from ._common import add_review, notice, review_of, say

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
    result = run_tagging(review)
    review.save_tags(result.tags)
    n_works = len({t.work_key for t in result.tags})
    say(f"tagged {n_works} works: {len(result.tags)} tag rows -> {review.tags_path}")
    if result.untaggable:
        shown = ", ".join(result.untaggable[:10]) + (" ..." if len(result.untaggable) > 10 else "")
        notice(
            f"{len(result.untaggable)} works have no text to tag "
            f"(no fields, no citing context): {shown}"
        )
    if args.suggest:
        _suggest(review, result)
    return 0


def run_tagging(review: Review) -> TaggingResult:
    """Load everything, tag, print problems; an empty corpus is an InputError."""
    taxonomy = review.load_taxonomy()
    for w in taxonomy.warnings:
        notice(f"warning: {w}")
    works, problems = review.load_works()
    _show(problems)
    if not works:
        raise InputError(
            "the corpus has no works: run 'litreview ingest' or 'litreview import' first",
            path=str(review.corpus_path),
        )
    documents = review.load_documents()
    texts = {}
    for doc in documents:
        try:
            texts[doc.doc_id] = review.load_text(doc)
        except InputError as exc:
            notice(
                f"warning: document {doc.doc_id} not read ({exc}); "
                "its contexts are matched as stored"
            )
    curation, cur_problems = review.load_curation()
    _show(cur_problems)
    result = tag_corpus(
        works,
        review.load_citations(),
        texts,
        documents,
        taxonomy,
        curation,
        curation_path=str(review.curation_path),
    )
    _show(result.problems)
    return result


def _suggest(review: Review, result: TaggingResult) -> None:
    """Train on the confirmed tags; write proposals for untagged works and report quality."""
    from ..suggest import suggest_tags

    works, _ = review.load_works()
    report = suggest_tags(works, result.tags)
    review.save_suggestions(report.suggestions)
    for line in report.summary():
        say(line)
    say(
        f"{len(report.suggestions)} suggestions -> {review.suggestions_path} "
        f"(accept one by adding it under tags: add: in curation.yaml)"
    )


def _show(problems: list[Problem] | tuple[Problem, ...]) -> None:
    """Print problems, one a line."""
    for p in problems:
        notice(str(p))
