"""``litreview parse [FILE|-]``: reference strings in, CSL-JSON out (one a line).

Each input line is one raw reference; each output line is one CSL-JSON object (no ``id``)
in the same order. A blank input line gives ``{}`` so that line numbers stay aligned, and so
does a back-reference (``Ibid., p. 23``, ``Id. at 5``, ``Smith, op. cit.``), with a warning:
it names no work of its own. A line citing an interview or a letter in the words notes use
for them (``Interview, police officer, Lahore, 14 March 2021.``) is typed so, as ingest
types it. What
a reference does not say (a bare link has no title) is a warning on standard error, with
the input line: ``refs.txt:3: the reference gives only a link: ...``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from litreview.core.files import decode_utf8, read_bytes

LOCK = "none"  # reads no review
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")  # a dated line names a work ("ID Cards (2018)")
BACKREF_WARNING = (
    "a back-reference (Ibid., Id., op. cit., supra) names no work of its own: {} "
    "(parse the reference it points back to)"
)
#: lines parsed together (tagged side by side), their output written before the next
BATCH = 2_000
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
    name, lines = _read_lines(args.file)
    for start in range(0, len(lines), BATCH):
        _parse_batch(name, lines[start : start + BATCH], start + 1)
    return 0


def _parse_batch(name: str, lines: list[str], first: int) -> None:
    """Parse ``lines`` (numbered from ``first``) together and write their objects and
    warnings."""
    from litreview.extract.note_text import classify
    from litreview.extract.refparse import parse_detailed_many

    back = [
        bool(line.strip()) and classify(line) == "ibid" and not _YEAR.search(line) for line in lines
    ]
    parsed = iter(parse_detailed_many([line for line, b in zip(lines, back, strict=True) if not b]))
    for number, (line, is_back) in enumerate(zip(lines, back, strict=True), first):
        if is_back:  # "Ibid., p. 23", "Id. at 5", "Smith, op. cit.": no work of its own
            sys.stdout.write("{}\n")
            sys.stderr.write(f"{name}:{number}: {BACKREF_WARNING}\n")
            continue
        found = next(parsed)
        item = dict(found.item)
        kind = _communication(line)
        if kind:  # "Interview, police officer, Lahore, 2021.": typed as ingest types it
            item["type"] = kind
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
        for warning in found.warnings:
            sys.stderr.write(f"{name}:{number}: {warning}\n")


def _communication(line: str) -> str:
    """The CSL type of a line that cites an interview or a letter by the wording notes use
    for them (``note_sources.yaml``, as ingest reads notes), else ``""``."""
    from litreview.extract.citations import split_works
    from litreview.extract.note_parts import citation_parts
    from litreview.extract.note_sources import communications

    if not communications(line):  # a part is one only by these words, which are the line's
        return ""
    parts = citation_parts(split_works(line), line)
    if len(parts) == 1 and parts[0].source == "communication":
        return parts[0].csl_type
    return ""
