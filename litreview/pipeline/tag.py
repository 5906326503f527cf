"""The tag step: every work of the corpus tagged by the taxonomy, with evidence (``tags.csv``);
the suggestions a curator accepted in ``curation.yaml`` join them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from litreview.core.bulk import bulk
from litreview.core.errors import InputError, Problem
from litreview.core.model import Document, Tag, Work
from litreview.review import Review
from litreview.taxonomy import Taxonomy

if TYPE_CHECKING:
    from litreview.core.curation import Curation
    from litreview.corpus.curated_merges import CuratedWorks

__all__ = ["TagResult", "curated_works", "run_tag"]


@dataclass(frozen=True, slots=True, kw_only=True)
class TagResult:
    """What ``run_tag`` did."""

    n_works: int
    n_tags: int
    untaggable: tuple[str, ...]
    problems: tuple[Problem, ...]
    tags: tuple[Tag, ...] = ()
    works: tuple[Work, ...] = ()

    @property
    def n_tagged(self) -> int:
        """Works with at least one tag: the distinct work keys of ``tags.csv``."""
        return len({t.work_key for t in self.tags})


def curated_works(
    review: Review, works: Sequence[Work], docs: Sequence[Document], curation: Curation
) -> CuratedWorks:
    """The review's saved works with its curation's merges applied (read only): the works
    and citations the tag and suggest steps read."""
    from litreview.corpus.curated_merges import apply_work_curation

    return apply_work_curation(
        works,
        review.load_citations(),
        curation,
        path=str(review.curation_path),
        documents=docs,
        merged={m.merged for m in review.load_merges()},
    )


@bulk
def run_tag(review: Review, taxonomy: Taxonomy | None = None) -> TagResult:
    """Tag the corpus from its fields and citing contexts; write ``tags.csv``."""
    from litreview.tags.curated_tags import accept_suggestions
    from litreview.tags.tagging import tag_corpus

    taxonomy = taxonomy or review.load_taxonomy()
    works, problems = review.load_works()
    if not works:
        raise InputError(
            "the corpus has no works: run 'litreview ingest' or 'litreview import' first",
            path=str(review.corpus_path),
        )
    docs = review.load_documents()
    texts, unread = {}, []
    for d in docs:
        try:
            texts[d.doc_id] = review.load_text(d)
        except InputError as exc:
            unread.append(
                Problem(
                    path=d.path,
                    line=None,
                    severity="warning",
                    message=f"document not read ({exc}); contexts matched as stored",
                )
            )
    curation, cur_problems = review.load_curation()
    curated = curated_works(review, works, docs, curation)
    result = tag_corpus(
        curated.works,
        curated.citations,
        texts,
        curated.documents,
        taxonomy,
        curation,
        curation_path=str(review.curation_path),
    )
    accepted, acc_problems = accept_suggestions(
        curation,
        review.load_suggestions(),
        {w.key for w in curated.works},
        taxonomy,
        str(review.curation_path),
    )
    tags = (*result.tags, *accepted)
    review.save_tags(tags)
    return TagResult(
        n_works=len(curated.works),
        n_tags=len(tags),
        untaggable=tuple(result.untaggable),
        problems=(
            *problems,
            *unread,
            *cur_problems,
            *curated.problems,
            *result.problems,
            *acc_problems,
        ),
        tags=tags,
        works=tuple(curated.works),
    )
