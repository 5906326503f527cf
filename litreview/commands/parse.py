"""``litreview parse [FILE|-]``: reference strings in, CSL-JSON out (one a line).

Each input line is one raw reference; each output line is one CSL-JSON object (no ``id``)
in the same order. A blank input line gives ``{}`` so that line numbers stay aligned.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from litreview.core.errors import InputError
from litreview.core.files import decode_utf8

HELP = "parse reference strings (one a line) into CSL-JSON objects (one a line)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``[FILE|-]`` (default: standard input)."""
    parser.add_argument(
        "file",
        nargs="?",
        default="-",
        metavar="FILE",
        help="UTF-8 text, one reference a line ('-' or nothing: stdin); "
        "a blank line gives {} so output lines match input lines",
    )


def _read_lines(name: str) -> list[str]:
    """The input lines (without line ends); bad input (a missing file, bytes that are not
    UTF-8, from a file or from standard input) raises :class:`InputError`."""
    if name == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        path = Path(name)
        if not path.is_file():
            raise InputError("no such file", path=name)
        data = path.read_bytes()
    return decode_utf8(data, name).splitlines()


def run(args: argparse.Namespace) -> int:
    """Parse every line and print one JSON object a line."""
    from litreview.extract.refparse import parse_many

    lines = _read_lines(args.file)
    out = sys.stdout
    for item in parse_many(lines):
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
    return 0
