"""Arguments and helpers shared by subcommands."""

from __future__ import annotations

import argparse
import sys

from litreview.review import Review


def add_review(parser: argparse.ArgumentParser) -> None:
    """Add ``--review DIR`` (default: the current directory)."""
    parser.add_argument(
        "--review",
        default=".",
        metavar="DIR",
        help="the review folder (default: current directory)",
    )


def review_of(args: argparse.Namespace) -> Review:
    """The review named by ``--review``."""
    return Review.at(args.review)


def say(message: str) -> None:
    """A line of report for the user (stdout)."""
    print(message, file=sys.stdout)


def notice(message: str) -> None:
    """A notice or warning for the user (stderr)."""
    print(message, file=sys.stderr)
