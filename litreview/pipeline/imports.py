"""The import step: bibliographies into the corpus, deduplicated, saved in one transaction.

Every file is read before anything is written. A file that cannot be read at all (missing,
not UTF-8, empty, no readable entry, unknown format) is an :class:`InputError` and the corpus
is left as it was. Bad entries in an otherwise readable file are problems of that file; its
good entries are imported. ``corpus.bib`` and ``merges.csv`` (and, when a curated merge removes
a work, ``citations.csv`` and ``documents.csv``) change together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from litreview.core.bulk import bulk
from litreview.core.curation import Curation
from litreview.core.errors import InputError, Problem, has_errors
from litreview.core.files import present
from litreview.core.model import Merge, Work
from litreview.corpus.curated_merges import apply_work_curation
from litreview.corpus.dedup import merge_files
from litreview.formats import read_file
from litreview.pipeline.ingest import save_tables
from litreview.review import Review
from litreview.tags.slices import canonical_tag_keywords

__all__ = ["FileImport", "ImportResult", "read_inputs", "run_import"]


@dataclass(frozen=True, slots=True, kw_only=True)
class FileImport:
    """One file read: its entries, the problems of its entries, and the conflicts its merges
    found (fields where an incoming value differed from the one kept)."""

    path: str
    works: tuple[Work, ...]
    problems: tuple[Problem, ...]
    conflicts: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportResult:
    """What ``run_import`` did."""

    files: tuple[FileImport, ...]
    works: tuple[Work, ...]
    merges: tuple[Merge, ...]
    n_new: int
    problems: tuple[Problem, ...]

    @property
    def n_read(self) -> int:
        """Entries read from every file."""
        return sum(len(f.works) for f in self.files)


def read_inputs(paths: Sequence[str], facets: set[str]) -> list[FileImport]:
    """Each file's works and problems; a file with no readable entry -> :class:`InputError`."""
    out = []
    for path in paths:
        works, problems = read_file(path)
        if not works:
            first = next((p for p in problems if p.severity == "error"), None)
            why = first.message if first else "no entries found"
            raise InputError(
                f"nothing could be read: {why}; the corpus was not changed",
                path=path,
                line=first.line if first else None,
                details=tuple(problems),
            )
        keyed = tuple(canonical_tag_keywords(w, facets) for w in works)
        out.append(FileImport(path=path, works=keyed, problems=tuple(problems)))
    return out


@bulk
def run_import(review: Review, paths: Sequence[str]) -> ImportResult:
    """Read every file, fold each into the corpus, apply the curator's merges, save."""
    facets, notes = _taxonomy_facets(review)
    inputs = read_inputs(paths, facets)
    existing, corpus_problems = _load_corpus(review)
    curation, cur_problems = review.load_curation()
    folded = merge_files(
        existing, [(f.path, f.works) for f in inputs], not_duplicates=curation.not_duplicate_sets()
    )
    files = [
        FileImport(path=f.path, works=f.works, problems=f.problems, conflicts=conflicts)
        for f, conflicts in zip(inputs, folded.file_conflicts, strict=True)
    ]
    works: Sequence[Work] = folded.result.works
    merges = list(folded.result.merges)
    works, merges, problems = _apply_curation(review, works, merges, curation)
    return ImportResult(
        files=tuple(files),
        works=tuple(works),
        merges=tuple(merges),
        n_new=len({w.key for w in works} - {w.key for w in existing}),
        problems=(*notes, *corpus_problems, *cur_problems, *problems),
    )


def _load_corpus(review: Review) -> tuple[list[Work], list[Problem]]:
    """The corpus; refuse to go on if it has errors (saving would drop the broken entries)."""
    works, problems = review.load_works(keep=False)  # it saves the corpus anew
    if has_errors(problems):
        first = next(p for p in problems if p.severity == "error")
        raise InputError(
            f"the corpus has errors; fix them before importing ({first.message})",
            path=first.path,
            line=first.line,
        )
    if not works:
        review.check_corpus()  # text that is not BibTeX is never overwritten
    return works, problems


def _taxonomy_facets(review: Review) -> tuple[set[str], list[Problem]]:
    """Facet ids of the review's taxonomy (none when it has none or it cannot be read)."""
    if not present(review.taxonomy_path):
        return set(), []
    try:
        return set(review.load_taxonomy().facet_ids), []
    except InputError as exc:
        note = Problem(
            path=str(review.taxonomy_path),
            line=exc.line,
            severity="notice",
            message=f"taxonomy not used for tag keywords: {exc.message}",
        )
        return set(), [note]


def _apply_curation(
    review: Review, works: Sequence[Work], merges: list[Merge], curation: Curation
) -> tuple[Sequence[Work], list[Merge], list[Problem]]:
    """Apply the curator's work merges and save; the tables are rewritten only if needed.

    When a curated merge removes a work, ``citations.csv`` and ``documents.csv`` are
    rewritten too (their rows then name the kept work).
    """
    history = review.load_merges()
    curated = apply_work_curation(
        works,
        review.load_citations(),
        curation,
        path=str(review.curation_path),
        documents=review.load_documents(),
        merged={m.merged for m in history},
    )
    merges = merges + list(curated.merges)
    if curated.key_map:
        save_tables(
            review,
            works=sorted(curated.works, key=lambda w: w.key),
            documents=curated.documents,
            citations=curated.citations,
            merges=history + merges,
        )
    else:
        with review.transaction() as r:
            r.save_works(curated.works)
            r.save_merges(history + merges)
    return curated.works, merges, list(curated.problems)
