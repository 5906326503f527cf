"""The gaps step: gap statements, the register, briefs, map and figures under ``gaps/``.

Everything under ``gaps/`` is replaced at once (built beside it, then swapped in), so a
failure leaves it as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from litreview.core.bulk import bulk
from litreview.core.errors import InputError
from litreview.core.model import Document, GapStatement, Tag, Work
from litreview.gaps.index import GapSettings
from litreview.gaps.register import Gap, find_gaps, load_settings
from litreview.review import Review
from litreview.taxonomy import Taxonomy

__all__ = ["GapsResult", "find_all_statements", "register_of", "run_gaps"]


@dataclass(frozen=True, slots=True, kw_only=True)
class GapsResult:
    """What ``run_gaps`` computed and wrote."""

    gaps: tuple[Gap, ...]
    statements: tuple[GapStatement, ...]
    files: tuple[str, ...]
    notices: tuple[str, ...] = ()


def _documents(review: Review) -> list[Document]:
    docs = review.load_documents()
    if not docs:
        raise InputError(
            "no documents ingested: run 'litreview ingest DOC...' first",
            path=str(review.documents_path),
        )
    return docs


def find_all_statements(
    review: Review, taxonomy: Taxonomy, docs: Sequence[Document], texts: Mapping[str, str]
) -> list[GapStatement]:
    """Gap statements of every document (the shipped cues with the review's own settings),
    with the words that name each value."""
    from litreview.gaps import statements as st

    cues = st.review_cues(review.read_gap_cues())
    found = [s for d in docs for s in st.find_statements(d.doc_id, texts[d.doc_id], cues, taxonomy)]
    return sorted(found, key=lambda s: (s.doc_id, s.char_start, s.char_end))


def register_of(
    statements: Sequence[GapStatement],
    tags: Sequence[Tag],
    works: Sequence[Work],
    documents: Sequence[Document],
    taxonomy: Taxonomy,
    settings: GapSettings | None = None,
) -> list[Gap]:
    """The ranked register, as ``litreview gaps`` computes it (the notebooks call this too)."""
    from litreview.gaps.coverage import under_review
    from litreview.taxonomy import labels_of

    return find_gaps(
        statements,
        tags,
        works,
        taxonomy.facet_ids,
        labels=labels_of(taxonomy).values,
        settings=settings or load_settings(),
        any_values=taxonomy.fallbacks,
        exclude_works=under_review(documents),
    )


@bulk
def run_gaps(
    review: Review,
    *,
    top: int = 10,
    taxonomy: Taxonomy | None = None,
    tags: Sequence[Tag] | None = None,
) -> GapsResult:
    """Statements, register, briefs, map, EPPI export and figures under ``gaps/``
    (``tags``: the tags to count, when they are not yet saved in ``tags.csv``)."""
    from litreview.gaps.coverage import evidence_tags, under_review
    from litreview.render.gap_outputs import GapInputs, gap_files

    taxonomy = taxonomy or review.load_taxonomy()
    docs = _documents(review)
    texts = {d.doc_id: review.load_text(d) for d in docs}
    statements = find_all_statements(review, taxonomy, docs, texts)
    works, _ = review.load_works()
    tags = review.load_tags() if tags is None else tags
    notices = [] if tags else ["no tags yet: run 'litreview tag' (every cell counts as empty)"]
    settings = load_settings()
    gaps = register_of(statements, tags, works, docs, taxonomy, settings)
    title = next((d.title for d in docs if d.title), "") or review.root.resolve().name
    files = gap_files(
        GapInputs(
            title=title,
            taxonomy=taxonomy,
            settings=settings,
            gaps=gaps,
            statements=statements,
            works=works,
            documents=docs,
            citations=review.load_citations(),
            counted=evidence_tags(tags, exclude_works=under_review(docs), kinds=settings.evidence),
            top=top,
        )
    )
    review.save_gaps(files, keep=lambda rel: not rel.startswith("briefs/"))
    return GapsResult(
        gaps=tuple(gaps),
        statements=tuple(statements),
        files=tuple(sorted(files)),
        notices=tuple(notices),
    )
