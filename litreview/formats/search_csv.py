"""CSV exports of bibliographic databases (IEEE Xplore, Springer Link, PubMed, Embase,
Lens.org, Dimensions, Publish or Perish) -> Work; and the same for an export written as a
JSON list of objects (Publish or Perish's JSON), each object read as a row.

What each database calls its columns is data, in ``litreview/data/search_exports.yaml``:
the columns that identify its export, and which column holds which field, how its author
names are written, its document types. This module only applies that table. Every cell a
row has ends up in the work: in a field that holds it whole, or in ``extra`` (identifiers
under their shared names, ``pmid``, ``issn`` ...; other columns under the database's
prefix, ``IEEE:article-citation-count``); a cell litreview reads a guess from (a year that
is not only a year, a citation line, names run together) is kept whole in ``extra`` too.
Scopus CSV has its own reader (:mod:`litreview.formats.scopus`), which follows the same
naming.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import unquote

import yaml

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.limits import load_json
from litreview.core.model import Person, Work
from litreview.core.tables import parse_csv
from litreview.formats._bibtex_syntax import parse_month
from litreview.formats._search import (
    column_name,
    csl_type,
    initials_name,
    name_of,
    natural_name,
    pages_of,
    split_list,
)

__all__ = [
    "Export",
    "export_of",
    "exports",
    "is_search_csv",
    "is_search_json",
    "read_search_csv",
    "read_search_json",
]

_FIELDS = frozenset({"title", "container", "publisher", "volume", "issue", "doi", "abstract"})
_FIELDS_URL = _FIELDS | {"url"}
_PARSED = frozenset({"container", "volume", "issue", "doi"})
_GROUPS = _PARSED | {"pages", "year", "month_day"}
_FORMS: dict[str, Callable[[str], Person]] = {
    "family_initials": initials_name,
    "given_first": natural_name,
    "family_comma": name_of,
}
_HEADER_LINES = 3  # the header is one of a file's first lines (Dimensions writes a note first)


@dataclass(frozen=True, slots=True, kw_only=True)
class Names:
    """How an export writes its authors: the column, what separates two names (``""``:
    nothing, names run together), the name form, characters that end the cell."""

    column: str
    sep: str
    form: str
    trailing: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class CellPattern:
    """A cell holding several fields, read by a pattern whose named groups are fields."""

    column: str
    pattern: re.Pattern[str]
    unquote: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Export:
    """One database's CSV export, as ``search_exports.yaml`` describes it."""

    key: str
    name: str
    prefix: str
    identify: frozenset[str]
    fields: Mapping[str, str]
    year: str = ""
    date: str = ""
    pages: tuple[str, ...] = ()
    authors: Names | None = None
    keywords: tuple[str, str] | None = None
    type: str = ""
    types: Mapping[str, str]
    ids: Mapping[str, str]
    parse: tuple[CellPattern, ...] = ()
    unknown: frozenset[str] = frozenset()  # cell values meaning "not known" ("0"): in extra


@dataclass(frozen=True, slots=True, kw_only=True)
class _Table:
    exports: tuple[Export, ...]
    paste: frozenset[str]
    honorifics: frozenset[str]


@lru_cache(maxsize=1)
def _table() -> _Table:
    """``data/search_exports.yaml``, checked and compiled once."""
    raw = resources.files("litreview").joinpath("data/search_exports.yaml").read_text("utf-8")
    data = yaml.safe_load(raw)
    names = data["names"]
    return _Table(
        exports=tuple(_export(k, v) for k, v in data["exports"].items()),
        paste=frozenset(str(w) for w in names["paste"]),
        honorifics=frozenset(str(w) for w in names["honorifics"]),
    )


def _export(key: str, entry: dict[str, Any]) -> Export:
    """One entry of the table; a field or name form the reader does not know is a
    ``ValueError`` naming the entry (the table ships with litreview: a bug, not input)."""
    fields = {str(c): str(f) for c, f in (entry.get("fields") or {}).items()}
    authors = entry.get("authors")
    keywords = entry.get("keywords")
    parse = tuple(
        CellPattern(
            column=p["column"], pattern=re.compile(p["pattern"]), unquote=p.get("unquote", False)
        )
        for p in entry.get("parse") or ()
    )
    pages = entry.get("pages") or ()
    export = Export(
        key=key,
        name=str(entry["name"]),
        prefix=str(entry["prefix"]),
        identify=frozenset(str(c) for c in entry["identify"]),
        fields=fields,
        year=str(entry.get("year", "")),
        date=str(entry.get("date", "")),
        pages=(pages,) if isinstance(pages, str) else tuple(str(c) for c in pages),
        authors=Names(**authors) if authors else None,
        keywords=(str(keywords["column"]), str(keywords["sep"])) if keywords else None,
        type=str(entry.get("type", "")),
        types={str(k).lower(): str(v) for k, v in (entry.get("types") or {}).items()},
        ids={str(c): str(n) for c, n in (entry.get("ids") or {}).items()},
        parse=parse,
        unknown=frozenset(str(v) for v in entry.get("unknown") or ()),
    )
    bad = [f for f in fields.values() if f not in _FIELDS_URL]
    bad += [g for p in parse for g in p.pattern.groupindex if g not in _GROUPS]
    if authors and export.authors and export.authors.form not in _FORMS:
        bad.append(export.authors.form)
    if bad or not export.identify:
        raise ValueError(f"search_exports.yaml: {key}: unknown field or name form {bad}")
    return export


def exports() -> tuple[Export, ...]:
    """Every export the table describes, in its order."""
    return _table().exports


def export_of(text: str) -> tuple[Export, int] | None:
    """The export whose header is one of the first lines of ``text``, and how many lines
    come before that header; ``None`` when no export's identifying columns are there."""
    lines = text.lstrip("\ufeff").split("\n", _HEADER_LINES)[:_HEADER_LINES]
    for n, line in enumerate(lines):
        try:
            cells = {c.strip() for c in next(csv.reader([line.rstrip("\r")]), [])}
        except csv.Error:
            continue
        for export in _table().exports:
            if export.identify <= cells:
                return export, n
    return None


_AGAIN = re.compile(r"^(.*) \((\d+)\)$")


def is_search_csv(text: str) -> bool:
    """Whether ``text`` is the CSV export of a database the table describes."""
    return export_of(text) is not None


@bulk
def read_search_csv(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of a database's CSV export and its problems (a note above the header, a column
    named twice, a row with more cells than the header: each reported with its line, the
    cells kept)."""
    text = text.lstrip("\ufeff")
    found = export_of(text)
    if found is None:
        known = ", ".join(e.name for e in _table().exports)
        message = f"not a database CSV export litreview knows (the header names none of {known})"
        return [], [Problem(path=path, line=1, severity="error", message=message)]
    export, skip = found
    problems = [_note(path, n + 1, line) for n, line in enumerate(text.split("\n", skip)[:skip])]
    read = parse_csv(text.split("\n", skip)[skip] if skip else text, path)
    problems += _twice(path, skip + 1, read.header)
    works: list[Work] = []
    for line, row in read.rows:
        if None in row:
            message = "more cells than columns: kept in extra"
            problems.append(
                Problem(path=path, line=line + skip, severity="warning", message=message)
            )
        works.append(_work(export, row))
    if read.problem is not None:
        problems.append(_shifted(read.problem, skip))
    if not works and not [p for p in problems if p.severity == "error"]:
        problems.append(
            Problem(path=path, line=skip + 1, severity="error", message="no records found")
        )
    return works, problems


def _json_export(head: str) -> Export | None:
    """The export whose identifying keys the first object of a JSON list names."""
    if not head.lstrip("\ufeff").lstrip().startswith("["):
        return None
    first = head[: head.find("}") + 1 or None]
    for export in _table().exports:
        if all(json.dumps(k) + ":" in first.replace('" :', '":') for k in export.identify):
            return export
    return None


def is_search_json(text: str) -> bool:
    """Whether ``text`` is a database's export as a JSON list the table describes."""
    return _json_export(text[:20000]) is not None


@bulk
def read_search_json(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of a database's export written as a JSON list of objects, each read as a CSV
    row (a list value's items joined as the export's CSV writes them); problems name the
    item."""
    text = text.lstrip("\ufeff")
    export = _json_export(text)
    try:
        data = load_json(text, path)
    except json.JSONDecodeError as exc:
        return [], [Problem(path=path, line=exc.lineno, severity="error", message=f"{exc.msg}")]
    if export is None or not isinstance(data, list):
        message = "not a database's JSON export litreview knows"
        return [], [Problem(path=path, line=1, severity="error", message=message)]
    works, problems = [], []
    for n, item in enumerate(data):
        if not isinstance(item, dict):
            message = f"item {n} is a JSON {type(item).__name__}, not an object; skipped"
            problems.append(Problem(path=path, line=None, severity="warning", message=message))
            continue
        works.append(_work(export, {str(k): _cell(export, str(k), v) for k, v in item.items()}))
    if not works:
        problems.append(Problem(path=path, line=1, severity="error", message="no records found"))
    return works, problems


def _cell(export: Export, key: str, value: Any) -> str:
    """A JSON value as the export's CSV cell would hold it."""
    if value is None:
        return ""
    if isinstance(value, list):
        names = export.authors is not None and key == export.authors.column
        sep = export.authors.sep if names and export.authors else ";"
        return f"{sep} ".join(_cell(export, key, v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _note(path: str, line: int, text: str) -> Problem:
    shown = text.strip()[:80]
    return Problem(
        path=path, line=line, severity="notice", message=f"not a record, skipped: {shown}"
    )


def _twice(path: str, line: int, header: list[str]) -> list[Problem]:
    """A problem for each column the header names again (its cells are kept under the name
    :func:`~litreview.core.tables.parse_csv` numbers: ``Title (2)``)."""
    names = set(header)
    again = [(c, m.group(1)) for c in header if (m := _AGAIN.match(c)) and m.group(1) in names]
    return [
        Problem(
            path=path,
            line=line,
            severity="warning",
            message=f"column {base!r} is named twice: the cells of the second are read as {c!r}",
        )
        for c, base in again
    ]


def _shifted(problem: Problem, skip: int) -> Problem:
    line = None if problem.line is None else problem.line + skip
    return Problem(path=problem.path, line=line, severity=problem.severity, message=problem.message)


def _work(export: Export, row: dict[Any, Any]) -> Work:
    """One row as a work: every cell in a field that holds it whole, or in ``extra``."""
    given = {
        k.strip(): v.strip()
        for k, v in row.items()
        if isinstance(k, str) and isinstance(v, str) and v.strip()
    }
    # a value meaning "not known" (PoP's 0) fills no field, but is kept as written
    cells = {k: v for k, v in given.items() if v not in export.unknown}
    unknown = [(column_name(export.prefix, k), v) for k, v in given.items() if k not in cells]
    fields: dict[str, Any] = {f: cells[c] for c, f in export.fields.items() if c in cells}
    parsed = _parsed(export, cells)
    for name in _PARSED & parsed.keys():
        fields.setdefault(name, parsed[name])
    held = set(export.fields) & cells.keys()
    fields["issued"] = _issued(export, cells, parsed)
    if fields["issued"] and cells.get(export.date) == fields["issued"]:
        held.add(export.date)
    if fields["issued"][:4] == cells.get(export.year):
        held.add(export.year)
    fields["pages"] = _pages(export, cells) or parsed.get("pages", "")
    held |= _pages_held(export, cells, fields["pages"])
    kind = cells.get(export.type, "")
    fields["type"] = export.types.get(kind.lower()) or csl_type([kind])
    if kind.lower() == fields["type"]:
        held.add(export.type)
    if export.authors and export.authors.column in cells:
        fields["authors"] = _authors(export.authors, cells[export.authors.column])
        if export.authors.sep:
            held.add(export.authors.column)
    if export.keywords and export.keywords[0] in cells:
        column, sep = export.keywords
        fields["keywords"] = tuple(dict.fromkeys(_items(cells[column], sep)))
        held.add(column)
    extra = [
        (export.ids.get(c) or column_name(export.prefix, c), v)
        for c, v in cells.items()
        if c not in held
    ]
    extra += [
        (column_name(export.prefix, "more cells"), str(v).strip())
        for v in row.get(None) or ()
        if str(v).strip()
    ]
    return Work(key="", extra=(*extra, *unknown), **fields)


def _parsed(export: Export, cells: dict[str, str]) -> dict[str, str]:
    """The fields the export's citation-line cells give (the first pattern to give one wins)."""
    out: dict[str, str] = {}
    for cell in export.parse:
        match = cell.pattern.search(cells.get(cell.column, ""))
        for name, value in (match.groupdict() if match else {}).items():
            text = (unquote(value) if cell.unquote else value).strip() if value else ""
            if text:
                out.setdefault(name, text)
    return out


_ISO_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
_DAY = re.compile(r"\b(0?[1-9]|[12]\d|3[01])\b")


def _issued(export: Export, cells: dict[str, str], parsed: dict[str, str]) -> str:
    """The date: a full date column when it is ``YYYY[-MM[-DD]]``, else the year (with the
    month and day a citation line gives when its year is the same)."""
    date = cells.get(export.date, "")
    if _ISO_DATE.fullmatch(date):
        return date
    year, their_year = cells.get(export.year, ""), parsed.get("year", "")
    if their_year and year in ("", their_year):
        return _date(their_year, parsed.get("month_day", ""))
    return _date(year, "")


def _date(year: str, rest: str) -> str:
    """``YYYY[-MM[-DD]]`` from a year and the rest of a date (``"Mar"``, ``"25 Aug 2004"``,
    ``"January 7, 2011"``): the month by its name, the day a number beside it."""
    if not (len(year) == 4 and year.isdigit()):
        return ""
    words = re.findall(r"[^\W\d_]+", rest)
    month = next((m for m in map(parse_month, words) if m), None)
    if not month:
        return year
    day = _DAY.search(rest)
    return f"{year}-{month:02d}" + (f"-{int(day.group(1)):02d}" if day else "")


def _pages(export: Export, cells: dict[str, str]) -> str:
    """``first-last`` from the page columns (or the one column holding both)."""
    values = [cells.get(c, "") for c in export.pages]
    return pages_of(*values) if len(values) == 2 else "".join(values)


def _pages_held(export: Export, cells: dict[str, str], pages: str) -> set[str]:
    """The page columns whose cell the pages hold whole."""
    if len(export.pages) == 1:
        return {c for c in export.pages if cells.get(c) == pages}
    parts = pages.split("-") if pages.count("-") == 1 else [pages]
    return {c for c in export.pages if c in cells and cells[c] in parts}


def _authors(names: Names, cell: str) -> tuple[Person, ...]:
    """The people of an authors cell, in the export's name form."""
    text = cell.rstrip(names.trailing) if names.trailing else cell
    parts = split_list(text, names.sep) if names.sep else _run_apart(text)
    return tuple(_FORMS[names.form](p) for p in parts)


def _run_apart(text: str) -> list[str]:
    """Names written with nothing between them (``Araz R. AlievNigar T. Ismayilova``): one
    ends where a lower-case letter meets a capital, unless the word so far is one that is
    written joined to a capital (``McIntosh``); words such as ``Prof.`` are left out."""
    table = _table()
    cuts = [0]
    for i in range(1, len(text)):
        if text[i - 1].islower() and text[i].isupper():
            word = text[max(text.rfind(" ", 0, i), cuts[-1] - 1) + 1 : i]
            if word not in table.paste:
                cuts.append(i)
    names = [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
    out = []
    for name in names:
        words = name.split()
        while len(words) > 1 and words[0] in table.honorifics:
            words.pop(0)
        if words:
            out.append(" ".join(words))
    return out


def _items(value: str, sep: str) -> list[str]:
    """A list cell's items: split on ``sep`` outside brackets, stripped, empty ones dropped."""
    items, depth, start = [], 0, 0
    for i, ch in enumerate(value):
        depth += (ch in "([") - (ch in ")]")
        if ch == sep and depth <= 0:
            items.append(value[start:i])
            start = i + 1
    items.append(value[start:])
    return [s.strip() for s in items if s.strip()]
