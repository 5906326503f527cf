"""The report step, the main job: tag, then gaps, saved together."""

from __future__ import annotations

from litreview.pipeline.gaps import GapsResult, run_gaps
from litreview.pipeline.tag import TagResult, run_tag
from litreview.review import Review

__all__ = ["run_report"]


def run_report(review: Review, *, top: int = 10) -> tuple[TagResult | None, GapsResult]:
    """Tag (when the corpus has works), then gaps; ``tags.csv`` and ``gaps/`` change together.
    The results of both."""
    taxonomy = review.load_taxonomy()
    works, _ = review.load_works()
    with review.transaction() as r:
        tagged = run_tag(r, taxonomy) if works else None
        tags = r.as_stored(tagged.tags) if tagged is not None else None
        return tagged, run_gaps(r, top=top, taxonomy=taxonomy, tags=tags)
