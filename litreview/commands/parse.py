"""``litreview parse [FILE|-]``: reference strings in, CSL-JSON out (one a line).

Each input line is one raw reference; each output line is one CSL-JSON object (no ``id``)
in the same order. A blank input line gives ``{}`` so that line numbers stay aligned.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import InputError

HELP = "parse reference strings (one a line) into CSL-JSON objects (one a line)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``[FILE|-]`` (default: standard input)."""
    parser.add_argument("file", nargs="?", default="-", metavar="FILE",
                        help="UTF-8 text, one reference a line ('-' or nothing: stdin); "
                             "a blank line gives {} so output lines match input lines")


def _read_lines(name: str) -> list[str]:
    """The input lines (without line ends); bad input raises :class:`InputError`."""
    if name == "-":
        return sys.stdin.read().splitlines()
    path = Path(name)
    if not path.is_file():
        raise InputError("no such file", path=name)
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", path=name, line=line) from exc


def run(args: argparse.Namespace) -> int:
    """Parse every line and print one JSON object a line."""
    from ..extract.refparse import parse_many

    lines = _read_lines(args.file)
    out = sys.stdout
    for item in parse_many(lines):
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
    return 0
