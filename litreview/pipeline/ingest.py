"""The ingest step: documents' notes and references into the corpus, saved in one transaction.

The curator's ``works: merge`` entries are applied after the new works are merged
(:func:`litreview.corpus.curated_merges.apply_work_curation`), so ``corpus.bib``,
``documents.csv`` and ``citations.csv`` agree. These and ``merges.csv`` (which gains the
merges this run made) change together, or not at all.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from litreview.core.bulk import bulk
from litreview.core.curation import Curation
from litreview.core.errors import InputError, LitreviewError, Problem
from litreview.core.files import path_text, present
from litreview.core.model import Citation, Document, Merge, Work
from litreview.core.progress import progress
from litreview.corpus.curated_merges import apply_work_curation
from litreview.corpus.ingest import CitedWork, IngestResult, Source, ingest
from litreview.formats.documents import (
    JATS_SUFFIXES,
    MANAGER_URI,
    PANDOC_READERS,
    UNREAD_SUFFIXES,
    StoredWork,
    is_jats,
    read_document_meta,
)
from litreview.review import Review

__all__ = [
    "MANAGER_URI",
    "DocumentCheck",
    "SourcesRead",
    "check_document",
    "document_source",
    "is_document",
    "outcome_summary",
    "read_sources",
    "run_ingest",
    "save_tables",
]

#: Suffixes that are always documents; ``.txt`` is a document unless its first lines show a
#: bibliography format (RIS, a database export).
DOCUMENT_SUFFIXES = frozenset(
    {".pdf", ".docx", ".odt", ".md", ".markdown", ".qmd", ".rmd", ".html", ".htm", ".xhtml"}
    | set(PANDOC_READERS)
    | set(UNREAD_SUFFIXES)
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentCheck:
    """What ingesting a document would find, without changing any review."""

    n_notes: int
    n_entries: int
    n_works: int
    problems: tuple[Problem, ...]


def is_document(path: str) -> bool:
    """Whether ``path`` is read as a document (``ingest``) rather than a bibliography."""
    from litreview.core.files import decode_utf8, read_bytes, utf16_as_utf8
    from litreview.formats import detect

    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        return True
    if suffix in JATS_SUFFIXES:
        try:
            with p.open("rb") as f:
                return suffix == ".nxml" or is_jats(f.read(20000))
        except OSError:
            return False
    if suffix not in (".txt", ".text"):
        return False
    try:
        head = decode_utf8(utf16_as_utf8(read_bytes(p)[:20000], head=True), str(p))
    except (OSError, InputError):
        return False
    return detect(head, ".txt") == ""


def document_source(path: str | os.PathLike[str]) -> Source:
    """The document at ``path`` as ingest reads it, its id its file's stem, with the works
    of the bibliography files its front matter names (beside it, or where the path says)
    and of the items its reference-manager citations hold (DOCX)."""
    doc = read_document_meta(path)
    cited, problems = _bibliographies(Path(path), doc.bibliography)
    held = _items(doc.cited)
    return Source(
        doc_id=Path(path).stem,
        path=str(path),
        text=doc.text,
        title=doc.title,
        author=doc.author,
        date=doc.date,
        stated_by=doc.stated_by,
        cited=cited + held,
        problems=problems + doc.problems,
    )


def _items(stored: Sequence[StoredWork]) -> tuple[CitedWork, ...]:
    """The works a document's reference-manager citations store (a DOCX's, an ODT's), each
    cited by its key and given a citekey of the corpus's own making, the manager's link to
    it kept (``reference-manager-uri``)."""
    return tuple(CitedWork(cited_as=s.key, work=s.work, raw=s.raw) for s in stored)


def _bibliographies(
    doc: Path, names: Sequence[str]
) -> tuple[tuple[CitedWork, ...], tuple[Problem, ...]]:
    """The works of the bibliography files ``names`` (relative to the document's folder),
    and their problems; a file that cannot be read is a warning on the document."""
    from litreview.formats import read_file

    works: list[CitedWork] = []
    problems: list[Problem] = []
    for name in names:
        try:
            found, said = read_file(doc.parent / Path(name).expanduser())
        except InputError as exc:
            message = f"the bibliography its front matter names cannot be read: {exc}"
            problems.append(Problem(path=str(doc), line=1, severity="warning", message=message))
            continue
        works += [CitedWork(cited_as=w.key, work=w) for w in found]
        problems += said
    return tuple(works), tuple(problems)


def check_document(path: str) -> DocumentCheck:
    """Scan a document as ``ingest`` would and return what it found and every problem."""
    from litreview.corpus.ingest import scan_document

    scanned = scan_document(document_source(path))
    return DocumentCheck(
        n_notes=scanned.n_footnotes,
        n_entries=scanned.n_entries,
        n_works=len(scanned.works),
        problems=tuple(scanned.problems),
    )


@dataclass(frozen=True, slots=True)
class SourcesRead:
    """The documents that could be read, an error for each that could not, and a notice
    for each given a doc_id other than its file name (its name was taken by another)."""

    sources: list[Source]
    failed: list[InputError]
    notices: list[str]


def read_sources(review: Review, paths: Iterable[str]) -> SourcesRead:
    """Read the documents at ``paths``. A doc_id is the file's stem, unless another document
    (already in the review or given in this run) has that stem: then the stem and a hash of
    its path, so two files never replace or pool each other's citations. A path given twice
    is read once."""
    taken = {d.doc_id: d.path for d in review.load_documents()}
    sources: list[Source] = []
    failed: list[InputError] = []
    notices: list[str] = []
    seen: set[str] = set()
    for path in paths:
        try:
            rel = review.relative(path)
            stem = Path(path_text(path)).stem
        except InputError as exc:  # a name that cannot be written in a table
            failed.append(exc)
            continue
        if rel in seen:
            notices.append(f"{path}: given twice; read once")
            continue
        seen.add(rel)
        try:
            source = document_source(path)
        except InputError as exc:
            failed.append(exc)
            continue
        doc_id = _doc_id(stem, rel, taken, review)
        if doc_id != stem:
            notices.append(
                f"{path}: another document ({taken[stem]}) has the name "
                f"'{stem}'; this one is ingested as '{doc_id}'"
            )
        taken[doc_id] = rel
        sources.append(dataclasses.replace(source, doc_id=doc_id, path=rel))
    return SourcesRead(sources, failed, notices)


def _same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are one file (``False`` when either cannot be reached)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _doc_id(stem: str, rel: str, taken: dict[str, str], review: Review) -> str:
    """``stem`` when it is free or already this file's (by any path to it, a link included);
    else ``stem-<hash of the path>``."""
    if taken.get(stem, rel) == rel or _same_file(review.resolve(taken[stem]), review.resolve(rel)):
        return stem
    return f"{stem}-{hashlib.sha1(rel.encode('utf-8')).hexdigest()[:8]}"


@bulk
def run_ingest(review: Review, sources: list[Source]) -> IngestResult:
    """Ingest ``sources`` into the review's tables and save them together."""
    works, problems = review.load_works(keep=False)  # it saves the corpus anew
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise errors[0].to_error()
    if not works:
        review.check_corpus()  # text that is not BibTeX is never overwritten
    curation, cur_problems = _curation(review)
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
        problems=(*cur_problems, *result.problems, *curated.problems),
    )
    merges += [m for m in result.merges if m not in merges]
    with review.transaction() as r:
        save_tables(
            r,
            works=result.works,
            documents=result.documents,
            citations=result.citations,
            merges=merges,
        )
        added = r.add_document_roots(s.path for s in sources)
    said = [f"{review.document_roots_path}: documents may now be read from {a}" for a in added]
    return dataclasses.replace(result, notices=(*result.notices, *said))


def save_tables(
    review: Review,
    *,
    works: Sequence[Work],
    documents: Sequence[Document],
    citations: Sequence[Citation],
    merges: Sequence[Merge],
) -> None:
    """Save the corpus, documents, citations and merges together (all or none)."""
    with review.transaction() as r:
        r.save_works(works)
        r.save_documents(documents)
        r.save_citations(citations)
        r.save_merges(merges)


def _bar(items: Iterable[Source], total: int) -> Iterator[Source]:
    """A progress bar over documents (quiet when stderr is not a terminal)."""
    return iter(progress(items, desc="ingest", total=total))


def _curation(review: Review) -> tuple[Curation, list[Problem]]:
    """The curator's file (empty without one); a file that cannot be read is a notice."""
    if not present(review.curation_path):
        return Curation(), []
    try:
        return review.load_curation()
    except LitreviewError as exc:
        note = Problem(
            path=str(review.curation_path),
            line=None,
            severity="warning",
            message=f"curation not applied: {exc}",
        )
        return Curation(), [note]


def outcome_summary(result: IngestResult, sources: Sequence[Source]) -> str:
    """Every outcome of an ingest counted: notes citing works, ibid, explanatory notes,
    in-text citations linked, citations left without a work, problems, the corpus."""
    ids = {s.doc_id for s in sources}
    rows = [c for c in result.citations if c.doc_id in ids]
    notes = {(c.doc_id, c.footnote, c.char_start) for c in rows if c.footnote is not None}
    kinds = {
        k: sum(1 for c in rows if c.kind == k) for k in ("citation", "url", "ibid", "note", "xref")
    }
    in_text = [c for c in rows if c.footnote is None]
    unresolved = sum(1 for c in rows if not c.work_key and c.kind not in ("note", "xref"))
    return (
        f"{len(notes)} notes, {kinds['citation'] + kinds['url']} works cited, "
        f"{kinds['ibid']} back-references, {kinds['note']} explanatory notes, "
        f"{kinds['xref']} cross-references, "
        f"{sum(1 for c in in_text if c.work_key)} in-text citations linked, "
        f"{unresolved} citations without a work (reported), {len(result.problems)} problems; "
        f"corpus has {len(result.works)} works ({len(result.merges)} merged)"
    )
