"""Arguments and helpers shared by subcommands."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path

from litreview.core.errors import Problem
from litreview.review import Review


def add_review(parser: argparse.ArgumentParser) -> None:
    """Add ``--review DIR`` (default: the current directory)."""
    parser.add_argument(
        "--review",
        default=".",
        metavar="DIR",
        help="the review folder (default: current directory)",
    )


def positive_int(text: str) -> int:
    """An argument that counts something: a whole number of at least 1 (argparse says so
    in one line and exits 2 otherwise)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def review_of(args: argparse.Namespace) -> Review:
    """The existing review named by ``--review`` (a missing one is an error, never made)."""
    return Review.open(args.review)


def review_lock(args: argparse.Namespace) -> contextlib.AbstractContextManager[None]:
    """The lock a command holds on its review (``--review``, or ``init``'s folder) from start
    to end: exclusive for a command that writes, shared for one that only reads. A folder
    that is no review yet has nothing to lock (nor gets a lock file): the command says so,
    or ``init`` makes the review and its save takes the lock."""
    kind = getattr(args, "_lock", "write")
    root = getattr(args, "review", None) or getattr(args, "dir", None)
    if kind == "none" or root is None or not Review.at(root).bibliography.is_dir():
        return contextlib.nullcontext()
    return Review.at(root).lock(
        write=kind == "write", on_wait=lambda m: notice(f"litreview {args.command}: {m}")
    )


def say(message: str) -> None:
    """A line of report for the user (stdout)."""
    print(message, file=sys.stdout)


def notice(message: str) -> None:
    """A notice or warning for the user (stderr)."""
    print(message, file=sys.stderr)


def show_problems(problems: Sequence[Problem]) -> None:
    """Errors one a line; each file's warnings and notices in one line with a count, their
    lines and where to read them all (``litreview validate`` for a bibliography file)."""
    from litreview.core.problem_summary import summarise

    for line in summarise(problems, hint=_validate_hint):
        notice(line)


def _validate_hint(path: str) -> str:
    """``litreview validate PATH`` when ``path`` is a bibliography file it can read."""
    from litreview.core.errors import InputError
    from litreview.formats import format_for

    if Path(path).name in _REVIEW_YAML:  # YAML, but no bibliography (CSL YAML's suffix)
        return ""
    try:
        format_for(path)
    except InputError:
        return ""
    return f"litreview validate {path}"


# the review's own YAML files (litreview.review.folder): their problems are the loaders'
_REVIEW_YAML = frozenset({"curation.yaml", "taxonomy.yaml"})
