"""CSV tables as text: a header of named columns, ``;``-joined multi-values, ``\\n`` line ends."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from litreview.core import schema
from litreview.core.errors import InputError
from litreview.core.files import read_text

__all__ = ["csv_text", "read_csv"]


def read_csv(path: Path, columns: Sequence[str]) -> list[dict[str, str]]:
    """Read a CSV file with a header that must contain ``columns``."""
    if not path.exists():
        return []
    text = read_text(path)
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in columns if c not in header]
    if missing:
        raise InputError(f"missing column(s) {', '.join(missing)}", path=str(path), line=1)
    return [dict(row) for row in reader]


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
