"""``litreview validate FILE``: every problem of a bibliography file or a document, with its line.

A bibliography (bib, ris, csl-json, csv, a database export, Word's Sources.xml, MODS,
MARCXML) is read
as ``import`` reads it; a document (pdf, docx, html, md, or text that is not a bibliography) is
scanned as ``ingest`` scans it; a review's ``taxonomy.yaml`` or ``curation.yaml`` (by its name,
or ``--format taxonomy`` / ``curation``) is read as the review reads it. Nothing is written
anywhere.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from litreview.commands._common import say
from litreview.core.errors import InputError, has_errors
from litreview.formats import validate_file
from litreview.pipeline.ingest import check_document, is_document

LOCK = "none"  # reads no review
HELP = (
    "check a bibliography file (bib, ris, csl-json, csv, a database export, Word's Sources.xml,"
    " MODS or MARCXML) or a document "
    "(pdf, docx, html, md, txt), or a review's taxonomy.yaml or curation.yaml, and list every "
    "problem with its line"
)
_REVIEW_FILES = ("taxonomy", "curation")  # a review's own YAML files, by their names


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``FILE [--format NAME]``."""
    parser.add_argument("file", metavar="FILE", help="the file to check")
    parser.add_argument(
        "--format",
        default=None,
        help="the format, when the suffix does not say (also: taxonomy, curation)",
    )


def run(args: argparse.Namespace) -> int:
    """Print each problem (stdout); exit 2 if any is an error, 0 otherwise."""
    kind = args.format or Path(args.file).stem.lower()
    if kind in _REVIEW_FILES and (args.format or Path(args.file).suffix in (".yaml", ".yml")):
        return _review_file(args.file, kind)
    if args.format is None and is_document(args.file):
        return _document(args.file)
    works, problems = validate_file(args.file, args.format)
    for p in problems:
        say(str(p))
    errors = sum(p.severity == "error" for p in problems)
    if not problems:
        say(f"ok: {len(works)} entries")
    else:
        say(
            f"{args.file}: {len(works)} entries read, {errors} error(s), "
            f"{len(problems) - errors} warning(s) or notice(s)"
        )
    return 2 if has_errors(problems) else 0


def _document(path: str) -> int:
    """A document's problems, as ingest would find them, and what it holds."""
    found = check_document(path)
    for p in found.problems:
        say(str(p))
    errors = sum(p.severity == "error" for p in found.problems)
    say(
        f"{path}: a document with {found.n_notes} notes, {found.n_entries} reference-list "
        f"entries and {found.n_works} works; {errors} error(s), "
        f"{len(found.problems) - errors} warning(s) or notice(s)"
    )
    return 2 if errors else 0


def _review_file(path: str, kind: str) -> int:
    """A review's taxonomy or curation file, read as the review reads it."""
    from litreview.core.curation import load_curation
    from litreview.core.files import read_text
    from litreview.taxonomy.facets import load_taxonomy

    text = read_text(Path(path))
    if kind == "taxonomy":
        try:
            taxonomy = load_taxonomy(text, path)
        except InputError as exc:
            say(str(exc))
            return 2
        for warning in taxonomy.warnings:
            say(f"{path}: warning: {warning}")
        values = sum(len(f.values) for f in taxonomy.facets)
        say(f"ok: a taxonomy of {len(taxonomy.facets)} facets and {values} values")
        return 0
    _, problems = load_curation(text, path)
    for p in problems:
        say(str(p))
    errors = sum(p.severity == "error" for p in problems)
    say(f"{path}: curation read, {errors} error(s), {len(problems) - errors} warning(s)")
    return 2 if has_errors(problems) else 0
