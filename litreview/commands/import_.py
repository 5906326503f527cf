"""``litreview import FILE...``: bibliographies into the corpus, deduplicated.

Every file is read before anything is written. A file that cannot be read at all (missing,
not UTF-8, empty, no readable entry, unknown format) stops the command with a one-line error
(exit 2) and the corpus is left as it was. Bad entries in an otherwise readable file are
reported on stderr with their file and line; the good entries are imported (exit 0).
``corpus.bib`` and ``merges.csv`` are replaced together, atomically.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence

from litreview.commands._common import add_review, notice, review_of, say
from litreview.commands.ingest import save_tables
from litreview.core import atomic, schema
from litreview.core.curation import Curation
from litreview.core.errors import InputError, Problem, has_errors
from litreview.core.model import Merge, Work
from litreview.core.tables import csv_text
from litreview.corpus.curated_merges import apply_work_curation
from litreview.corpus.dedup import DedupResult, merge_into
from litreview.formats import read_file
from litreview.formats.bibtex import write_bibtex
from litreview.review import Review
from litreview.tags.slices import canonical_tag_keywords

HELP = "import bibliographies (bib/ris/csl-json/csv) into the corpus, deduplicated"
MAX_CONFLICTS_SHOWN = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``FILE... [--review DIR]``."""
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="BibTeX, RIS, CSL-JSON or CSV files"
    )
    add_review(parser)


def read_inputs(
    paths: Sequence[str], facets: set[str]
) -> list[tuple[str, list[Work], list[Problem]]]:
    """Each file's works and problems; a file with no readable entry -> :class:`InputError`."""
    out = []
    for path in paths:
        works, problems = read_file(path)
        if not works:
            for p in problems:
                notice(str(p))
            first = next((p for p in problems if p.severity == "error"), None)
            why = first.message if first else "no entries found"
            raise InputError(
                f"nothing could be read: {why}; the corpus was not changed",
                path=path,
                line=first.line if first else None,
            )
        out.append((path, [canonical_tag_keywords(w, facets) for w in works], problems))
    return out


def load_corpus(review: Review) -> list[Work]:
    """The corpus; refuse to go on if it has errors (saving would drop the broken entries)."""
    works, problems = review.load_works()
    for p in problems:
        notice(str(p))
    if has_errors(problems):
        first = next(p for p in problems if p.severity == "error")
        raise InputError(
            f"the corpus has errors; fix them before importing ({first.message})",
            path=first.path,
            line=first.line,
        )
    return works


def taxonomy_facets(review: Review) -> set[str]:
    """Facet ids of the review's taxonomy (empty when it has none or it cannot be read)."""
    if not review.taxonomy_path.exists():
        return set()
    try:
        return set(review.load_taxonomy().facet_ids)
    except (ImportError, InputError) as exc:
        notice(f"note: taxonomy not used for tag keywords: {exc}")
        return set()


def save(review: Review, works: Sequence[Work], merges: Sequence[Merge]) -> None:
    """Replace ``corpus.bib`` and ``merges.csv`` together (both or neither)."""
    corpus = write_bibtex(sorted(works, key=lambda w: w.key))
    table = csv_text(schema.MERGES, ({c: getattr(m, c) for c in schema.MERGES} for m in merges))
    atomic.write_many({review.corpus_path: corpus, review.merges_path: table})


def run(args: argparse.Namespace) -> int:
    """Read, deduplicate, save, and say what happened."""
    review = review_of(args)
    inputs = read_inputs(args.files, taxonomy_facets(review))
    existing = load_corpus(review)
    curation, cur_problems = review.load_curation()
    for p in cur_problems:
        notice(str(p))
    works: Sequence[Work] = existing
    merges: list[Merge] = []
    n_read = 0
    for path, incoming, problems in inputs:
        for p in problems:
            notice(str(p))
        result = merge_into(
            works, incoming, not_duplicates=curation.not_duplicate_sets(), source=path
        )
        report_file(path, incoming, problems, result)
        works, n_read = result.works, n_read + len(incoming)
        merges.extend(result.merges)
    works, merges = apply_curation(review, works, merges, curation)
    n_new = len({w.key for w in works} - {w.key for w in existing})
    reasons = Counter(m.reason for m in merges)
    detail = ", ".join(f"{r}: {n}" for r, n in sorted(reasons.items()))
    say(
        f"imported {n_read} entries: {n_new} new, {len(merges)} merged"
        f"{f' ({detail})' if detail else ''}; corpus has {len(works)} works "
        f"({review.corpus_path}; merges in {review.merges_path})"
    )
    return 0


def apply_curation(
    review: Review, works: Sequence[Work], merges: list[Merge], curation: Curation
) -> tuple[Sequence[Work], list[Merge]]:
    """Apply the curator's work merges and save; the tables are rewritten only if needed.

    When a curated merge removes a work, ``citations.csv`` and ``documents.csv`` are
    rewritten too (their rows then name the kept work), all or none.
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
    for p in curated.problems:
        notice(str(p))
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
        save(review, curated.works, history + merges)
    return curated.works, merges


def report_file(
    path: str, incoming: Sequence[Work], problems: Sequence[Problem], result: DedupResult
) -> None:
    """One line per file, and the conflicts a merge found (capped)."""
    bad = sum(p.severity == "error" for p in problems)
    say(f"{path}: {len(incoming)} entries read" + (f", {bad} skipped (see above)" if bad else ""))
    for p in result.conflicts[:MAX_CONFLICTS_SHOWN]:
        notice(str(p))
    if len(result.conflicts) > MAX_CONFLICTS_SHOWN:
        notice(
            f"{path}: ... and {len(result.conflicts) - MAX_CONFLICTS_SHOWN} more differing fields "
            f"(existing values kept)"
        )
