"""Spreadsheets (``.xlsx``, and the older ``.xls``) -> Work.

Databases and screening tools save their exports as spreadsheets too (Web of Science's
"Excel" export, Embase, Lens.org, EPPI-Reviewer, a CSV a person opened and saved again). The
first sheet is read as the table it holds: its rows become CSV lines and the CSV readers
decide what it is, as they do for a ``.csv`` file (a database's export the table of
:mod:`litreview.formats.search_csv` describes, a Scopus export, or litreview's own CSV).
Problems name the sheet's row as their line.

A cell's value is its text as the sheet shows it: a whole number without ``.0``, a date as
``YYYY-MM-DD`` (with its time when it has one), a formula as the value it last computed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import struct
import zipfile
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from litreview.core.errors import InputError, Problem
from litreview.core.limits import MAX_FILE_ENTRIES, MAX_SPREADSHEET_BYTES
from litreview.core.model import Work
from litreview.formats._zip import PACKAGE_ERRORS

__all__ = ["read_spreadsheet"]

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an .xls workbook (a compound document)


def read_spreadsheet(data: bytes, path: str = "<bytes>") -> tuple[list[Work], list[Problem]]:
    """Works and problems of a spreadsheet's first sheet; a file that is not a workbook,
    or one too large to read, is an :class:`InputError`."""
    from litreview.formats import FORMATS, detect

    text, starts = _as_csv(_rows(data, path))
    if not text.strip():
        raise InputError("the first sheet of the workbook is empty", path=path)
    form = FORMATS.get(detect(text, ".csv"), FORMATS["csv"])
    works, problems = form.read()(text, path)
    return works, [_at_row(p, starts) for p in problems]


def _rows(data: bytes, path: str) -> list[list[str]]:
    """The first sheet's rows as text cells, trailing empty cells and rows left out."""
    if data.startswith(_ZIP):
        rows = _xlsx_rows(data, path)
    elif data.startswith(_OLE):
        rows = _xls_rows(data, path)
    else:
        raise InputError("not a spreadsheet (neither an .xlsx nor an .xls workbook)", path=path)
    out: list[list[str]] = []
    for row in rows:
        cells = [_text(v) for v in row]
        while cells and not cells[-1]:
            cells.pop()
        out.append(cells)
        if len(out) > MAX_FILE_ENTRIES + 100:
            message = f"more than {MAX_FILE_ENTRIES:,} rows in one sheet"
            raise InputError(message, path=path, hint="split the file")
    while out and not out[-1]:
        out.pop()
    return out


def _xlsx_rows(data: bytes, path: str) -> Iterator[Sequence[Any]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            size = sum(info.file_size for info in archive.infolist())
        if size > MAX_SPREADSHEET_BYTES:
            raise InputError(
                f"the workbook unpacks to {size:,} bytes, more than {MAX_SPREADSHEET_BYTES:,}",
                path=path,
                hint="export fewer records at a time",
            )
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        if not book.worksheets:
            raise InputError("the workbook has no sheet", path=path)
        yield from book.worksheets[0].iter_rows(min_row=1, values_only=True)
    except InputError:
        raise
    except (
        *PACKAGE_ERRORS,
        LookupError,  # a cell out of range, an unknown encoding
        TypeError,
        AttributeError,
        InvalidFileException,
    ) as exc:
        raise InputError(f"cannot read the workbook: {_said(exc)}", path=path) from None


def _xls_rows(data: bytes, path: str) -> Iterator[Sequence[Any]]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=io.StringIO())
        sheet = book.sheet_by_index(0)
        for i in range(sheet.nrows):
            yield [_xls_value(c, book.datemode) for c in sheet.row(i)]
    except (
        xlrd.XLRDError,
        xlrd.compdoc.CompDocError,
        ValueError,
        TypeError,
        IndexError,
        KeyError,
        AssertionError,
        struct.error,
    ) as exc:
        raise InputError(f"cannot read the workbook: {_said(exc)}", path=path) from None


def _xls_value(cell: Any, datemode: int) -> Any:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    return cell.value


def _said(exc: BaseException) -> str:
    """An exception's message on one line (or its kind, when it has none)."""
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _text(value: Any) -> str:
    """A cell's value as the text the sheet shows."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _as_csv(rows: Iterable[list[str]]) -> tuple[str, list[int]]:
    """The rows as CSV text, and the line each row starts on (its cells may hold line
    breaks, so a row may take several lines)."""
    out = _Written()
    writer = csv.writer(out, lineterminator="\n")
    starts: list[int] = []
    line = 1
    for row in rows:
        starts.append(line)
        writer.writerow(row)
        line += out[-1].count("\n")
    return "".join(out), starts


class _Written(list[str]):
    """What a csv writer writes, one string per row."""

    def write(self, text: str) -> int:
        self.append(text)
        return len(text)


def _at_row(problem: Problem, starts: list[int]) -> Problem:
    """A problem of the CSV text with its line made the sheet's row."""
    if problem.line is None or not starts:
        return problem
    row = bisect_right(starts, problem.line)
    return Problem(path=problem.path, line=row, severity=problem.severity, message=problem.message)
