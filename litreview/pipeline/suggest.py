"""The suggest step: a model trained on the accepted tags proposes tags the rules did not
give, written apart to ``suggestions.csv`` (``litreview tag --suggest``).

Suggestions a curator has accepted (``tags: accept`` in ``curation.yaml``) stay in the file,
so the accepted tags keep the model's evidence on every later run.
"""

from __future__ import annotations

from collections.abc import Sequence

from litreview.core.errors import InputError
from litreview.core.model import Tag
from litreview.review import Review
from litreview.tags.suggest import SuggestReport
from litreview.tags.suggest_features import WorkEvidence
from litreview.taxonomy import Taxonomy

__all__ = ["review_evidence", "run_suggest"]


def review_evidence(
    review: Review, taxonomy: Taxonomy, tags: Sequence[Tag] | None = None
) -> list[WorkEvidence]:
    """The evidence of every work of the review (curated merges applied), with its accepted
    tags (the saved ones, or ``tags``), read only."""
    from litreview.pipeline.tag import curated_works
    from litreview.tags.suggest import confirmed_labels
    from litreview.tags.suggest_features import gather_evidence

    works, _ = review.load_works()
    docs = review.load_documents()
    texts = {}
    for d in docs:
        try:
            texts[d.doc_id] = review.load_text(d)
        except InputError:
            continue  # a document that cannot be read gives its citations' sentences only
    curation, _ = review.load_curation()
    curated = curated_works(review, works, docs, curation)
    accepted = confirmed_labels(review.load_tags() if tags is None else tags)
    return gather_evidence(curated.works, curated.citations, texts, taxonomy, accepted=accepted)


def run_suggest(
    review: Review, taxonomy: Taxonomy, tags: Sequence[Tag] | None = None
) -> SuggestReport:
    """Train on the saved tags (or ``tags``, when they are not saved yet), suggest, and write
    ``suggestions.csv`` (the accepted suggestions kept)."""
    from litreview.tags.suggest import suggest_tags

    tags = review.load_tags() if tags is None else tags
    evidence = review_evidence(review, taxonomy, tags)
    values = [(f.id, v.id) for f in taxonomy.facets for v in f.values]
    report = suggest_tags(evidence, tags, values, taxonomy=taxonomy)
    curation, _ = review.load_curation()
    accepted = {(e.work, e.facet, e.value) for e in curation.tag_accept}
    kept = [s for s in review.load_suggestions() if (s.work_key, s.facet, s.value) in accepted]
    fresh = [s for s in report.suggestions if (s.work_key, s.facet, s.value) not in accepted]
    review.save_suggestions([*kept, *fresh])
    return report
