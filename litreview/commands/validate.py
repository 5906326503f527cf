"""``litreview validate FILE``: every problem of a bib/ris/csl-json/csv file, with its line."""

from __future__ import annotations

import argparse

from litreview.commands._common import say
from litreview.core.errors import has_errors
from litreview.formats import validate_file

HELP = (
    "check a bibliography file (bib, ris, csl-json, csv or a database export) and list every "
    "problem with its line"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``FILE [--format NAME]``."""
    parser.add_argument("file", metavar="FILE", help="the file to check")
    parser.add_argument("--format", default=None, help="the format, when the suffix does not say")


def run(args: argparse.Namespace) -> int:
    """Print each problem (stdout); exit 2 if any is an error, 0 otherwise."""
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
