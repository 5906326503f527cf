"""``litreview import FILE...``: bibliographies into the corpus, deduplicated.

Every file is read before anything is written. A file that cannot be read at all (missing,
not UTF-8, empty, no readable entry, unknown format) stops the command with a one-line error
(exit 2) and the corpus is left as it was. Bad entries in an otherwise readable file are
reported on stderr with their file and line (a file's warnings in one line, with their lines
and ``litreview validate FILE`` to read them all); the good entries are imported (exit 0).
``corpus.bib`` and ``merges.csv`` are replaced together, atomically.
"""

from __future__ import annotations

import argparse
from collections import Counter

from litreview.commands._common import add_review, notice, review_of, say, show_problems
from litreview.pipeline.imports import FileImport, run_import

HELP = (
    "import bibliographies (bib/ris/csl-json/csl-yaml/csv) and database and tool exports"
    " (tagged text, XML, JSON, CSV, TSV, spreadsheets) into the corpus, deduplicated"
)
MAX_CONFLICTS_SHOWN = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``FILE... [--review DIR]``."""
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="BibTeX, RIS, CSL-JSON, CSL YAML or CSV files, or search exports (Web of Science,"
        " Scopus, PubMed, Ovid, ProQuest, OpenAlex, Crossref, EndNote XML and tagged text,"
        " RefWorks tagged text),"
        " library files (Word's Sources.xml, MODS XML, MARCXML, Zotero RDF), Typst's Hayagriva"
        " YAML, CITATION.cff, and CSV, TSV or"
        " .xlsx/.xls of IEEE Xplore, Springer Link, PubMed, Embase, Lens.org, Dimensions,"
        " Publish or Perish, Cochrane, EBSCOhost, Web of Science, OpenAlex, Zotero, RefWorks,"
        " Google Scholar, Covidence, Rayyan, Abstrackr, or any table with a title column)",
    )
    add_review(parser)


def run(args: argparse.Namespace) -> int:
    """Read, deduplicate, save, and say what happened."""
    review = review_of(args)
    result = run_import(review, args.files)
    for f in result.files:
        report_file(f)
    show_problems(result.problems)
    reasons = Counter(m.reason for m in result.merges)
    detail = ", ".join(f"{r}: {n}" for r, n in sorted(reasons.items()))
    known = result.n_read - result.n_new - len(result.merges)
    say(
        f"imported {result.n_read} entries: {result.n_new} new, {len(result.merges)} merged"
        f"{f' ({detail})' if detail else ''}"
        f"{f', {known} already in the corpus' if known > 0 else ''}; "
        f"corpus has {len(result.works)} works "
        f"({review.corpus_path}; merges in {review.merges_path})"
    )
    return 0


def report_file(f: FileImport) -> None:
    """The file's problems (errors one a line, its warnings folded into one line that says
    where to read them all), one line for the file, and the conflicts its merges found
    (capped)."""
    show_problems(f.problems)
    bad = sum(p.severity == "error" for p in f.problems)
    say(f"{f.path}: {len(f.works)} entries read" + (f", {bad} skipped (see above)" if bad else ""))
    for p in f.conflicts[:MAX_CONFLICTS_SHOWN]:
        notice(str(p))
    if len(f.conflicts) > MAX_CONFLICTS_SHOWN:
        notice(
            f"{f.path}: ... and {len(f.conflicts) - MAX_CONFLICTS_SHOWN} more differing fields "
            f"(existing values kept)"
        )
