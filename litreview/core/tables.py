"""CSV tables as text: a header of named columns, ``;``-joined multi-values, ``\\n`` line ends."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from litreview.core import schema
from litreview.core.errors import InputError, Problem
from litreview.core.files import read_text
from litreview.core.limits import allow_csv_cells

if TYPE_CHECKING:
    from _csv import Reader

__all__ = [
    "DELIMITERS",
    "CsvRows",
    "csv_pieces",
    "csv_text",
    "header_delimiter",
    "iter_csv",
    "parse_csv",
    "read_csv",
    "rows_text",
    "unique_names",
    "wrapped_lines",
]


class CsvRows(NamedTuple):
    """A CSV text read: its header, its rows with the line each starts on, and the problem
    that ended the reading early (``None`` when every row was read)."""

    header: list[str]
    rows: list[tuple[int, dict[Any, Any]]]
    problem: Problem | None


#: what separates cells in the tables people bring: a comma, a semicolon (a spreadsheet
#: saving CSV where the comma is the decimal mark), a tab (its "Unicode text")
DELIMITERS = (",", ";", "\t")


def header_delimiter(text: str) -> str:
    """The separator of a table's cells, from its first line that is not blank: the one of
    :data:`DELIMITERS` that cuts it into the most cells (a comma when none does)."""
    line = next((x.rstrip("\r\n") for x in io.StringIO(text.lstrip("\ufeff")) if x.strip()), "")

    def cells(delimiter: str) -> int:
        try:
            return len(next(csv.reader([line], delimiter=delimiter), []))
        except csv.Error:
            return 0

    return max(DELIMITERS, key=lambda d: (cells(d) if d in line else 0, d == ","))


def wrapped_lines(text: str) -> bool:
    """Whether a table's lines were each put in one cell by a spreadsheet and saved again
    with ``;`` between cells: its header is a comma-separated line followed by ``;`` only
    (``Authors,Title,Year;;;;``), and so is a row below it. What the spreadsheet did to the
    quotes of the cells cannot be undone (it dropped the quote opening each piece between
    two ``;``), so such a file is refused rather than read into wrong fields."""
    lines = (x.rstrip("\r\n") for x in io.StringIO(text[:65536].lstrip("\ufeff")))
    head = next((x for x in lines if x.strip()), "")
    cells = head.rstrip(";")
    if cells == head or ";" in cells or '"' in cells or cells.count(",") < 2:
        return False
    return any(x.endswith(";") and x.rstrip(";").endswith('"') for x in itertools.islice(lines, 20))


def parse_csv(text: str, path: str, delimiter: str = ",") -> CsvRows:
    """The rows of a CSV text (keyed by its header, as :class:`csv.DictReader` gives them);
    ``delimiter`` separates cells (``;`` as spreadsheets write CSV in many locales, a tab).

    A column named again keeps its cells under ``name (2)`` (the csv module would keep only
    the last). Cells may be as long as :data:`~litreview.core.limits.MAX_CSV_CELL_CHARS`. A row the
    csv module cannot read, or a quoted cell never closed (which would swallow every row
    after it), ends the reading: that row is dropped and reported as the problem.
    """
    allow_csv_cells()
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, dict[Any, Any]]] = []
    line = 1
    try:
        header = unique_names(list(reader.fieldnames or []))
        if reader.fieldnames is not None:
            reader.fieldnames = header
        line = reader.line_num + 1
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        return CsvRows([], rows, _bad(path, line, f"bad CSV: {exc}"))
    last = _last_cell(rows[-1][1]) if rows else (header[-1] if header else "")
    if _never_closed(text, last):
        start = rows[-1][0] if rows else 1
        problem = _bad(path, start, NEVER_CLOSED)
        return CsvRows(header if rows else [], rows[:-1], problem)
    return CsvRows(header, rows, None)


def unique_names(names: Sequence[str]) -> list[str]:
    """Column names with a repeated one numbered from its second use: ``a, a`` -> ``a, a (2)``."""
    taken = set(names)
    seen: dict[str, int] = {}
    out = []
    for name in names:
        n = seen[name] = seen.get(name, 0) + 1
        if n > 1:
            while f"{name} ({n})" in taken:
                n += 1
            taken.add(f"{name} ({n})")
            name = f"{name} ({n})"
        out.append(name)
    return out


def _bad(path: str, line: int, message: str) -> Problem:
    return Problem(path=path, line=line, severity="error", message=message)


NEVER_CLOSED = "a quoted cell is never closed: it runs to the end of the file"


def _never_closed(text: str, last_cell: str) -> bool:
    """Whether the last cell read swallowed the rest of the file: it runs over lines and the
    file does not end on the quote that would close it."""
    return "\n" in last_cell and not text.rstrip("\r\n").endswith('"')


def _last_cell(row: dict[Any, Any]) -> str:
    """The last cell a row really has (extra cells past the header come last)."""
    extra = row.get(None)
    if extra:
        return str(extra[-1])
    present = [v for k, v in row.items() if k is not None and v is not None]
    return str(present[-1]) if present else ""


def read_csv(path: Path, columns: Sequence[str]) -> list[dict[str, str]]:
    """Read a CSV file with a header that must contain ``columns``; a row that cannot be
    read is a one-line InputError naming its line."""
    return [row for _, row in iter_csv(path, columns)]


def iter_csv(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a review table one at a time, each with the line it starts on: a missing
    file has none; the header must contain ``columns``; a short row's missing cells read as
    empty and cells past the header are dropped. Equal cells are one string object (a
    table of a million tags repeats its facets, values, sources and quotes), and neither the
    file's text nor a list of rows is held (the file is read a line at a time), so a caller
    that keeps records, not rows, holds each row only briefly. A row the csv module cannot
    read, a quoted cell never closed, or a bad byte or NUL byte (as :func:`read_text` tells
    them) raises a one-line InputError naming its line (after the rows before it were given)."""
    if not path.exists():
        return
    allow_csv_cells()
    with open(path, "rb") as raw:
        lines = _Lines(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""), path)
        try:
            yield from _rows(csv.reader(lines), lines, path, columns)
        except UnicodeDecodeError:
            raise _text_error(path) from None


class _Lines:
    """The lines of a text stream, for the csv module: a NUL byte is the error
    :func:`read_text` gives, and whether the text ends on a quote is known at the end."""

    def __init__(self, stream: io.TextIOWrapper, path: Path) -> None:
        self.stream = stream
        self.path = path
        self.ends_on_quote = False  # text.rstrip("\r\n").endswith('"') of the lines so far

    def __iter__(self) -> Iterator[str]:
        for line in self.stream:
            if "\x00" in line:
                raise _text_error(self.path)
            stripped = line.rstrip("\r\n")
            if stripped:
                self.ends_on_quote = stripped.endswith('"')
            yield line


def _text_error(path: Path) -> InputError:
    """The one-line error :func:`read_text` gives for ``path`` (a bad byte, a NUL byte)."""
    try:
        read_text(path)
    except InputError as exc:
        return exc
    return InputError("the file changed while it was read", path=str(path))  # pragma: no cover


def _rows(
    reader: Reader, lines: _Lines, path: Path, columns: Sequence[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """The body of :func:`iter_csv`: rows as :class:`csv.DictReader` reads them (blank rows
    skipped), made by C-level zips rather than its Python loop."""
    shared: dict[str, str] = {}
    share = shared.setdefault
    line = 1
    held: tuple[int, dict[str, str]] | None = None  # the last row waits for the closing check
    last: list[str] = []
    try:
        header: list[str] = next(reader, [])
        missing = [c for c in columns if c not in header]
        if missing:
            read_text(path)  # a bad byte further on is told first, as when read whole
            raise InputError(f"missing column(s) {', '.join(missing)}", path=str(path), line=1)
        line = reader.line_num + 1
        width = len(header)
        for row in reader:
            while not row:  # blank rows are skipped, as DictReader skips them
                row = next(reader)
            if held is not None:
                yield held
            cells = dict(zip(header, map(share, row, row), strict=False))
            if len(row) < width:
                cells.update(dict.fromkeys(header[len(row) :], ""))
            held, last = (line, cells), row
            line = reader.line_num + 1
    except StopIteration:  # blank rows at the end
        pass
    except csv.Error as exc:
        raise InputError(f"bad CSV: {exc}", path=str(path), line=line) from None
    if held is None:
        return
    if "\n" in _last_cell(_as_dict_reader(header, last)) and not lines.ends_on_quote:
        raise InputError(NEVER_CLOSED, path=str(path), line=held[0])
    yield held


def _as_dict_reader(header: list[str], row: list[str]) -> dict[Any, Any]:
    """``row`` as :class:`csv.DictReader` gives it (extra cells under ``None``)."""
    out: dict[Any, Any] = dict(zip(header, row, strict=False))
    if len(row) > len(header):
        out[None] = row[len(header) :]
    for key in header[len(row) :]:
        out[key] = None
    return out


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    """CSV text with a header and ``\\n`` line ends; ``None`` is written as empty."""
    return "".join(csv_pieces(columns, rows))


def csv_pieces(
    columns: Sequence[str], rows: Iterable[Mapping[str, object]], *, batch: int = 4096
) -> Iterator[str]:
    """The text of :func:`csv_text` a piece of ``batch`` rows at a time, each row made as
    its piece is (``rows`` may be a generator: a table of millions is never held whole)."""
    batch_rows: list[Sequence[str]] = [columns]
    for n, row in enumerate(rows, start=1):
        batch_rows.append([v if type(v := row.get(c)) is str else _cell(v) for c in columns])
        if n % batch == 0:
            yield rows_text(batch_rows)
            batch_rows = []
    yield rows_text(batch_rows)


def rows_text(rows: Sequence[Sequence[str]]) -> str:
    """CSV text of rows of text cells, ``\\n`` line ends. The csv module quotes a cell for
    the line terminator's own characters only, so a cell holding a bare carriage return
    would be written unquoted and split its row when read back: rows are then written one
    by one with every line-end character quoted."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    text = buf.getvalue()
    if "\r" not in text:
        return text
    pieces = []
    for row in rows:
        piece = io.StringIO()
        csv.writer(piece, lineterminator="\r\n").writerow(row)
        pieces.append(piece.getvalue()[:-2] + "\n")
    return "".join(pieces)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return schema.MULTI_SEP.join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value == value else ""
    return str(value)
