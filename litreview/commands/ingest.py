"""``litreview ingest DOC... [--review DIR]``: footnotes and references of reports -> corpus."""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from litreview.commands._common import add_review, notice, review_of, say
from litreview.core.curation import Curation
from litreview.core.errors import InputError, LitreviewError
from litreview.core.model import Citation, Document, Merge, Work
from litreview.core.progress import progress
from litreview.corpus.curated_merges import apply_work_curation
from litreview.corpus.ingest import IngestResult, Source, ingest
from litreview.formats.documents import read_document
from litreview.review import Review

HELP = "read reports' footnotes and references into the corpus (corpus.bib, citations.csv)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``DOC...`` and ``--review DIR``."""
    parser.add_argument(
        "docs",
        nargs="+",
        metavar="DOC",
        help="documents to ingest (.txt, .md; .pdf and .docx with extras)",
    )
    add_review(parser)


def run(args: argparse.Namespace) -> int:
    """Ingest the documents; a document that cannot be read is reported and the rest go on."""
    review = review_of(args)
    sources, failed = read_sources(review, args.docs)
    if not sources:  # nothing readable: the first error is the command's one-line error
        for error in failed[1:]:
            notice(f"litreview ingest: {error}")
        raise failed[0] if failed else InputError("no documents given")
    for error in failed:
        notice(f"litreview ingest: {error}")
    result = ingest_into(review, sources)
    for problem in result.problems:
        notice(str(problem))
    for line in result.notices:
        notice(line)
    n_cits = sum(1 for c in result.citations if c.doc_id in {s.doc_id for s in sources})
    say(
        f"ingested {len(sources)} document(s): {n_cits} citation rows; "
        f"corpus has {len(result.works)} works ({len(result.merges)} merged)"
    )
    return 2 if failed else 0


def read_sources(review: Review, paths: Iterable[str]) -> tuple[list[Source], list[InputError]]:
    """The documents that could be read, and an error for each that could not."""
    sources, failed = [], []
    for path in paths:
        try:
            text = read_document(path)
        except InputError as exc:
            failed.append(exc)
            continue
        sources.append(Source(doc_id=Path(path).stem, path=review.relative(path), text=text))
    return sources, failed


def ingest_into(review: Review, sources: list[Source]) -> IngestResult:
    """Run the pipeline over the review's tables and save them; on failure restore them.

    The curator's ``works: merge`` entries are applied after the new works are merged
    (:func:`..work_curation.apply_work_curation`), so ``corpus.bib``, ``documents.csv`` and
    ``citations.csv`` agree. These and ``merges.csv`` (which gains the merges this run made)
    are each written atomically; if any write fails, those already written are put back, so
    the review is left as it was.
    """
    works, problems = review.load_works()
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise errors[0].to_error()
    curation = _curation(review)
    merges = review.load_merges()
    result = ingest(
        sources,
        works=works,
        documents=review.load_documents(),
        citations=review.load_citations(),
        not_duplicates=curation.not_duplicate_sets(),
        progress=lambda items: _bar(items, len(sources)),
    )
    curated = apply_work_curation(
        result.works,
        result.citations,
        curation,
        path=str(review.curation_path),
        documents=result.documents,
        merged={m.merged for m in merges},
    )
    result = dataclasses.replace(
        result,
        works=curated.works,
        citations=curated.citations,
        documents=curated.documents,
        merges=result.merges + curated.merges,
        problems=result.problems + curated.problems,
    )
    merges += [m for m in result.merges if m not in merges]
    save_tables(
        review,
        works=result.works,
        documents=result.documents,
        citations=result.citations,
        merges=merges,
    )
    return result


def save_tables(
    review: Review,
    *,
    works: Sequence[Work],
    documents: Sequence[Document],
    citations: Sequence[Citation],
    merges: Sequence[Merge],
) -> None:
    """Save the corpus, documents, citations and merges; if a write fails, restore them all."""
    paths = (review.corpus_path, review.documents_path, review.citations_path, review.merges_path)
    before = {p: p.read_bytes() if p.exists() else None for p in paths}
    try:
        review.save_works(works)
        review.save_documents(documents)
        review.save_citations(citations)
        review.save_merges(merges)
    except BaseException:
        _restore(before)
        raise


def _bar(items: Iterable[Source], total: int) -> Iterator[Source]:
    """A progress bar over documents (quiet when stderr is not a terminal)."""
    return iter(progress(items, desc="ingest", total=total))


def _curation(review: Review) -> Curation:
    """The curator's file (empty without one); a file that cannot be read is a notice."""
    if not review.curation_path.exists():
        return Curation()
    try:
        curation, problems = review.load_curation()
    except LitreviewError as exc:
        notice(f"litreview ingest: curation not applied: {exc}")
        return Curation()
    for problem in problems:
        notice(str(problem))
    return curation


def _restore(before: dict[Path, bytes | None]) -> None:
    """Put files back as they were before a failed save."""
    from litreview.core import atomic

    for path, data in before.items():
        if data is None:
            path.unlink(missing_ok=True)
        else:
            atomic.write_bytes(path, data)
