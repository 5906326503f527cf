"""``litreview init DIR``: a new, empty review with a starter taxonomy."""

from __future__ import annotations

import argparse
from importlib import resources

from litreview.commands._common import say
from litreview.review import Review

HELP = "create a new, empty review folder with a starter taxonomy"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``DIR``."""
    parser.add_argument("dir", metavar="DIR", help="the folder to create (may exist, if empty)")


def run(args: argparse.Namespace) -> int:
    """Create the folder layout; never overwrite an existing review."""
    review = Review.at(args.dir)
    starter = resources.files("litreview").joinpath("data/starter_taxonomy.yaml").read_text("utf-8")
    review.create(starter, CURATION_TEMPLATE)
    say(
        f"created review in {review.root}: edit {review.taxonomy_path} to describe your topic, "
        f"then 'litreview ingest' documents or 'litreview import' bibliographies"
    )
    return 0


CURATION_TEMPLATE = """\
# Curation: your corrections, applied on every run. litreview reads this file, never writes it.
#
# tags:
#   add:
#     - {work: citekey, facet: topic, value: example_one, reason: "why"}
#   remove:
#     - {work: citekey, facet: topic, value: example_two, reason: "why"}
#   accept:   # a suggestion of bibliography/suggestions.csv ('litreview tag --suggest')
#     - {work: citekey, facet: topic, value: example_two, reason: "read the abstract"}
# works:
#   merge:
#     - {keep: citekey1, drop: citekey2, reason: "same report"}
#   not_duplicates:
#     - {works: [citekey1, citekey2], reason: "different editions"}
tags:
  add: []
  remove: []
  accept: []
works:
  merge: []
  not_duplicates: []
"""
