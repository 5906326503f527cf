"""CSV tables as text: a header of named columns, ``;``-joined multi-values, ``\\n`` line ends."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from litreview.core import schema
from litreview.core.errors import InputError, Problem
from litreview.core.files import read_text
from litreview.core.limits import allow_csv_cells

__all__ = ["CsvRows", "csv_text", "parse_csv", "read_csv"]


class CsvRows(NamedTuple):
    """A CSV text read: its header, its rows with the line each starts on, and the problem
    that ended the reading early (``None`` when every row was read)."""

    header: list[str]
    rows: list[tuple[int, dict[Any, Any]]]
    problem: Problem | None


def parse_csv(text: str, path: str) -> CsvRows:
    """The rows of a CSV text (keyed by its header, as :class:`csv.DictReader` gives them).

    Cells may be as long as :data:`~litreview.core.limits.MAX_CSV_CELL_CHARS`. A row the
    csv module cannot read, or a quoted cell never closed (which would swallow every row
    after it), ends the reading: that row is dropped and reported as the problem.
    """
    allow_csv_cells()
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows: list[tuple[int, dict[Any, Any]]] = []
    line = 1
    try:
        header = list(reader.fieldnames or [])
        line = reader.line_num + 1
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        return CsvRows([], rows, _bad(path, line, f"bad CSV: {exc}"))
    last = _last_cell(rows[-1][1]) if rows else (header[-1] if header else "")
    if "\n" in last and not text.rstrip("\r\n").endswith('"'):
        start = rows[-1][0] if rows else 1
        problem = _bad(path, start, "a quoted cell is never closed: it runs to the end of the file")
        return CsvRows(header if rows else [], rows[:-1], problem)
    return CsvRows(header, rows, None)


def _bad(path: str, line: int, message: str) -> Problem:
    return Problem(path=path, line=line, severity="error", message=message)


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
    if not path.exists():
        return []
    read = parse_csv(read_text(path), str(path))
    if read.problem is not None:
        raise read.problem.to_error()
    missing = [c for c in columns if c not in read.header]
    if missing:
        raise InputError(f"missing column(s) {', '.join(missing)}", path=str(path), line=1)
    # a short row's missing cells read as empty; cells past the header are dropped
    return [{k: v or "" for k, v in row.items() if k is not None} for _, row in read.rows]


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    """CSV text with a header and ``\\n`` line ends; ``None`` is written as empty."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else _cell(row.get(c)) for c in columns])
    return buf.getvalue()


def _cell(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return schema.MULTI_SEP.join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value == value else ""
    return str(value)
