"""Limits on everything an input can make grow, in one place.

Each is a bound no honest file comes near; a file that reaches one is refused with a
one-line :class:`~litreview.core.errors.InputError` (or a ``Problem``) naming the file and,
where there is one, the line. Together they keep memory under 1 GB for any input under
10 MB (``benchmarks/bench_hostile.py`` measures it).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from typing import Any

from litreview.core.errors import InputError
from litreview.core.files import check_characters

__all__ = [
    "MAX_BIBTEX_MENDS",
    "MAX_CITE_CODE_CHARS",
    "MAX_CSV_CELL_CHARS",
    "MAX_DOCUMENT_NOTES",
    "MAX_DOCX_PART_BYTES",
    "MAX_DOCX_TAGS",
    "MAX_EXPANSION_CHARS",
    "MAX_FIELD_CHARS",
    "MAX_FILE_ENTRIES",
    "MAX_FILE_MENDS",
    "MAX_HTML_ELEMENTS",
    "MAX_JSON_DEPTH",
    "MAX_LABEL_DIGITS",
    "MAX_PDF_STREAM_BYTES",
    "MAX_SYNONYM_CHARS",
    "MAX_SYNONYM_WORDS",
    "allow_csv_cells",
    "check_json_depth",
    "load_json",
]

# One BibTeX field value built from @string macros, once they are expanded.
MAX_FIELD_CHARS = 1_000_000
# All the text @string macros may produce in one BibTeX file, over every field.
MAX_EXPANSION_CHARS = 20_000_000
# One cell of a CSV table (an import or a review's own table): above Python's default of
# 131,072 so that a long sentence quoted in citations.csv can be read back.
MAX_CSV_CELL_CHARS = 16 * 1024 * 1024
# Arrays and objects inside one another in a JSON file (CSL-JSON, OpenAlex).
MAX_JSON_DEPTH = 100
# The uncompressed size of one part of a DOCX archive (its body, notes or properties).
MAX_DOCX_PART_BYTES = 64 * 1024 * 1024
# The uncompressed size of a spreadsheet workbook (.xlsx) read as an import: a search
# export of 100,000 records with their abstracts is some 300 MB of sheet XML.
MAX_SPREADSHEET_BYTES = 1024 * 1024 * 1024
# The code of one reference manager's citation in a Word or OpenDocument file (its items'
# records as JSON or XML): a citation of 50 works with their abstracts is some 200 KB.
MAX_CITE_CODE_CHARS = 8 * 1024 * 1024
# The entries of one bibliography file read for import or validation: a real export of
# 500,000 works is hundreds of megabytes; 9 MB of empty items are millions, each a work.
MAX_FILE_ENTRIES = 500_000
# The notes of one document: a long legal treatise has some 10,000; each note becomes a
# work with its parse and its problems (some 3 KB), so 9 MB of one-line notes (360,000)
# took 1.1 GB.
MAX_DOCUMENT_NOTES = 100_000
# The digits of the number that labels a reference-list entry or cites one ("10000. Roe",
# "[10000]"): as many as a document's notes can number; a longer run of digits is no label
# (read whole it cost a scan of the run, and int() refuses past 4,300 digits).
MAX_LABEL_DIGITS = len(str(MAX_DOCUMENT_NOTES))
# What one compressed stream of a PDF that PDFium reads for the text (a page's contents, a
# form, a font) may inflate to: PDFium builds an object per operator, some 24 bytes of
# memory per byte of contents; a page of a real report has well under 1 MB.
MAX_PDF_STREAM_BYTES = 16 * 1024 * 1024
# The tags of one part of a DOCX archive: each becomes an element held in memory (some 200
# bytes), so 64 MB of empty tags would take 2 GB; a 2,000-page document has fewer.
MAX_DOCX_TAGS = 2_000_000
# The elements of an HTML page read into its tree (with what is made of them, some 500
# bytes each); past it, only the page's text is read (9 MB of empty tags are 2 million; a
# 500-page report is some 100,000).
MAX_HTML_ELEMENTS = 500_000
# A field as pandoc formats it into a citation (the map, briefs, a formatted bibliography):
# longer, it is cut and ends with '…' (the record keeps it whole). pandoc's citeproc spends
# time growing faster than a field's length on some characters: a title of 60,000
# superscript digits took 48 s; the longest real title seen is under 700 characters.
MAX_FORMATTED_FIELD_CHARS = 2_000
# Faults of one BibTeX entry mended before it is read (empty fields between commas, fields
# whose braces do not balance): each mend reads the entry again; past it, the entry is an
# error as it was (a real entry has one or two).
MAX_BIBTEX_MENDS = 20
# Mends in one BibTeX file (or in each part of a large one read in parallel): each reads
# its entry again, some 1 ms and 10 KB with its warnings; past it, a broken entry is an
# error as it was (7.7 MB of 60,000 entries, each with two faults, took 157 s and 1.2 GB).
MAX_FILE_MENDS = 2_000
# One synonym of a taxonomy value: words and characters.
MAX_SYNONYM_WORDS = 40
MAX_SYNONYM_CHARS = 400

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def allow_csv_cells() -> None:
    """Let Python's csv module read cells up to :data:`MAX_CSV_CELL_CHARS` (its default,
    131,072, is lower than a sentence a document may hold)."""
    if csv.field_size_limit() != MAX_CSV_CELL_CHARS:
        csv.field_size_limit(MAX_CSV_CELL_CHARS)


def check_json_depth(text: str, path: str) -> None:
    """Raise an InputError (with the line) when arrays and objects nest deeper than
    :data:`MAX_JSON_DEPTH`; strings are skipped, so brackets inside them do not count."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return
    depth = 0
    for m in _JSON_TOKENS.finditer(text):
        tok = m.group()
        if tok in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                line = text.count("\n", 0, m.start()) + 1
                raise InputError(
                    f"JSON nested more than {MAX_JSON_DEPTH} levels deep", path=path, line=line
                )
        elif tok in "]}":
            depth -= 1


def load_json(text: str, path: str, line: int | None = 1) -> Any:
    """``json.loads(text)`` within the limits: nesting deeper than :data:`MAX_JSON_DEPTH` or
    a number Python will not convert is an InputError; bad JSON raises
    ``json.JSONDecodeError`` as usual, for the caller to report."""
    check_json_depth(text, path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise
    except (ValueError, RecursionError) as exc:  # a number of thousands of digits, say
        why = str(exc)
        if "integer string conversion" in why:
            why = f"a number has more than {sys.get_int_max_str_digits():,} digits"
        raise InputError(f"cannot read JSON: {why}", path=path, line=line) from None
    if _SURROGATE_ESCAPE.search(text):
        _check_strings(data, path, line)
    return data


def _check_strings(data: Any, path: str, line: int | None) -> None:
    """Every string of ``data`` a real character string (an escape such as ``\\ud800``
    alone decodes to a lone surrogate, which no file can hold)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            check_characters(item, path, line)
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
