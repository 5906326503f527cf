"""``litreview parse [FILE|-]``: reference strings in, CSL-JSON out (one a line).

Each input line is one raw reference; each output line is one CSL-JSON object (no ``id``)
in the same order. A blank input line gives ``{}`` so that line numbers stay aligned. What
a reference does not say (a bare link has no title) is a warning on standard error, with
the input line: ``refs.txt:3: the reference gives only a link: ...``.
"""

from __future__ import annotations

import argparse
import json
import sys

from litreview.core.files import decode_utf8, read_bytes

LOCK = "none"  # reads no review
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


def _read_lines(name: str) -> tuple[str, list[str]]:
    """The input's name and lines (without line ends); bad input (a missing file, bytes that
    are not UTF-8, from a file or from standard input) raises :class:`InputError`."""
    if name == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        data = read_bytes(name)
    return name, decode_utf8(data, name).splitlines()


def run(args: argparse.Namespace) -> int:
    """Parse every line, print one JSON object a line and the warnings on standard error."""
    from litreview.extract.refparse import parse_detailed

    name, lines = _read_lines(args.file)
    for number, line in enumerate(lines, 1):
        parsed = parse_detailed(line)
        sys.stdout.write(json.dumps(parsed.item, ensure_ascii=False) + "\n")
        for warning in parsed.warnings:
            sys.stderr.write(f"{name}:{number}: {warning}\n")
    return 0
