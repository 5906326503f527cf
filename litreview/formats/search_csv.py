"""CSV exports of bibliographic databases and tools (IEEE Xplore, Springer Link, PubMed,
Embase, Lens.org, Dimensions, Publish or Perish, Zotero, screening tools ...) -> Work; and the
same for an export written as a JSON list of objects (Publish or Perish's JSON), each object
read as a row.

The cells may be separated by commas, semicolons (a spreadsheet's CSV in many locales) or
tabs, and the header may come after a few lines of notes (Embase writes the search first):
the first line, among the first :data:`_HEADER_LINES`, that names an export's identifying
columns when split by one of these is the header, and that separator is the file's.
A cell written as a spreadsheet text formula (``="0012345"``, which keeps the zeros a
spreadsheet would drop) is read as its text.

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
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import unquote

import yaml

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.limits import load_json
from litreview.core.model import Person, Work
from litreview.core.tables import DELIMITERS, parse_csv
from litreview.formats._bibtex_syntax import parse_month
from litreview.formats._search import (
    column_name,
    csl_type,
    doi_of,
    initials_name,
    name_of,
    natural_name,
    pages_of,
    split_list,
)

__all__ = [
    "Export",
    "Found",
    "export_of",
    "exports",
    "is_search_csv",
    "is_search_json",
    "is_titled_table",
    "read_search_csv",
    "read_search_json",
]

_FIELDS = frozenset(
    {"title", "container", "publisher", "place", "volume", "issue", "doi", "abstract", "note"}
)
_FIELDS_URL = _FIELDS | {"url"}
_PARSED = frozenset({"container", "volume", "issue", "doi"})
_GROUPS = _PARSED | {"pages", "year", "month_day"}
_FORMS: dict[str, Callable[[str], Person]] = {
    "family_initials": initials_name,
    "given_first": natural_name,
    "family_comma": name_of,
    # a table whose name form is not known: "Family, Given" when there is a comma
    "guess": lambda v: name_of(v) if "," in v else _family_first_or_natural(v),
}
_OWN_COLUMNS = frozenset({"key", "title"})  # both: litreview's own CSV (formats.tabular)
# the header is one of a file's first lines (Dimensions writes a note first, Embase its search
# and a rule)
_HEADER_LINES = 12

_FORMULA_TEXT = re.compile(r'="(.*)"', re.DOTALL)  # a spreadsheet's ="0012345"
_INITIALS_LAST = re.compile(r"\S\s+(?:[A-Z]\.?-?){1,3}\Z")  # "Smith J", "van Dijk AB."


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
    date_order: str = ""  # "mdy" or "dmy": how the date column writes 4/3/2024
    month: str = ""  # a column of the month (a number or a name), beside the year's
    day: str = ""
    pages: tuple[str, ...] = ()
    authors: Names | None = None
    editors: Names | None = None
    keywords: tuple[str, str] | None = None
    type: str = ""
    types: Mapping[str, str]
    default_type: str = "article-journal"  # when no type is given
    ids: Mapping[str, str]
    parse: tuple[CellPattern, ...] = ()
    nest: str = ""  # columns named "a.b" kept together as one JSON object under "a"
    unknown: frozenset[str] = frozenset()  # cell values meaning "not known" ("0"): in extra
    # (also a name part meaning "not known": RefWorks writes "Family,null")


@dataclass(frozen=True, slots=True, kw_only=True)
class Found:
    """Where an export's header is in a text: the export, the lines before the header, and
    the character that separates the cells."""

    export: Export
    skip: int
    delimiter: str


@dataclass(frozen=True, slots=True, kw_only=True)
class _Tables:
    """The table any other titled table is read by: for each field, its column names."""

    name: str
    prefix: str
    fields: Mapping[str, tuple[str, ...]]
    year: tuple[str, ...]
    date: tuple[str, ...]
    pages: tuple[str, ...]
    authors: tuple[str, ...]
    keywords: tuple[str, ...]
    type: tuple[str, ...]
    unknown: frozenset[str] = frozenset()  # cells meaning "not known" (R's NA): in extra

    @property
    def names(self) -> frozenset[str]:
        """Every column name this reader knows (lower case)."""
        lists = (*self.fields.values(), self.year, self.date, self.pages, self.authors)
        return frozenset(n for names in (*lists, self.keywords, self.type) for n in names)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Table:
    exports: tuple[Export, ...]
    paste: frozenset[str]
    honorifics: frozenset[str]
    tables: _Tables


@lru_cache(maxsize=1)
def _table() -> _Table:
    """``data/search_exports.yaml``, checked and compiled once."""
    raw = resources.files("litreview").joinpath("data/search_exports.yaml").read_text("utf-8")
    data = yaml.safe_load(raw)
    names = data["names"]
    tables = data["tables"]
    bad = [f for f in tables["fields"] if f not in _FIELDS_URL]
    if bad:
        raise ValueError(f"search_exports.yaml: tables: unknown fields {bad}")
    return _Table(
        exports=tuple(_export(k, v) for k, v in data["exports"].items()),
        paste=frozenset(str(w) for w in names["paste"]),
        honorifics=frozenset(str(w) for w in names["honorifics"]),
        tables=_Tables(
            name=str(tables["name"]),
            prefix=str(tables["prefix"]),
            fields={str(f): tuple(map(str, c)) for f, c in tables["fields"].items()},
            **{k: tuple(map(str, tables[k])) for k in ("year", "date", "pages", "authors")},
            keywords=tuple(map(str, tables["keywords"])),
            type=tuple(map(str, tables["type"])),
            unknown=frozenset(str(v) for v in tables.get("unknown") or ()),
        ),
    )


def _is_own(cells: list[str], tables: _Tables) -> bool:
    """Whether a header is litreview's own CSV's: it has a ``key`` column, or a ``title``
    one and no column the titled-table reader knows under a name the own CSV lacks (a
    ``title,author,year,journal`` table is read by those names, not kept in extra)."""
    if "key" in cells:
        return True
    if "title" not in cells:
        return False
    from litreview.formats.tabular import COLUMNS

    return not any(c.casefold() in tables.names and c not in COLUMNS for c in cells)


def _any_table(cells: list[str]) -> Export | None:
    """The export a header names no database's columns of is read as, when it names a title
    column (in any case) and is not litreview's own CSV; else ``None``."""
    tables = _table().tables
    if _is_own(cells, tables):
        return None
    by_name: dict[str, str] = {}
    for cell in cells:
        by_name.setdefault(cell.casefold(), cell)

    def first(names: tuple[str, ...]) -> str:
        return next((by_name[n] for n in names if n in by_name), "")

    fields = {c: f for f, names in tables.fields.items() if (c := first(names))}
    title = first(tables.fields["title"])
    if not title:
        return None
    authors = first(tables.authors)
    keywords = first(tables.keywords)
    kind = first(tables.type)
    return Export(
        key="tables",
        name=tables.name,
        prefix=tables.prefix,
        identify=frozenset({title}),
        fields=fields,
        year=first(tables.year),
        date=first(tables.date),
        pages=(first(tables.pages),) if first(tables.pages) else (),
        authors=Names(column=authors, sep=";", form="guess") if authors else None,
        keywords=(keywords, ";") if keywords else None,
        type=kind,
        types={},
        unknown=tables.unknown,
        default_type="document",  # nothing says what the rows are
        ids={},
    )


def _export(key: str, entry: dict[str, Any]) -> Export:
    """One entry of the table; a field or name form the reader does not know is a
    ``ValueError`` naming the entry (the table ships with litreview: a bug, not input)."""
    fields = {str(c): str(f) for c, f in (entry.get("fields") or {}).items()}
    authors = entry.get("authors")
    editors = entry.get("editors")
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
        date_order=str(entry.get("date_order", "")),
        month=str(entry.get("month", "")),
        day=str(entry.get("day", "")),
        pages=(pages,) if isinstance(pages, str) else tuple(str(c) for c in pages),
        authors=Names(**authors) if authors else None,
        editors=Names(**editors) if editors else None,
        keywords=(str(keywords["column"]), str(keywords["sep"])) if keywords else None,
        type=str(entry.get("type", "")),
        types={str(k).lower(): str(v) for k, v in (entry.get("types") or {}).items()},
        ids={str(c): str(n) for c, n in (entry.get("ids") or {}).items()},
        parse=parse,
        unknown=frozenset(str(v) for v in entry.get("unknown") or ()),
        nest=str(entry.get("nest", "")),
    )
    bad = [f for f in fields.values() if f not in _FIELDS_URL]
    bad += [export.date_order] if export.date_order not in ("", "mdy", "dmy") else []
    bad += [g for p in parse for g in p.pattern.groupindex if g not in _GROUPS]
    bad += [n.form for n in (export.authors, export.editors) if n and n.form not in _FORMS]
    if bad or not export.identify:
        raise ValueError(f"search_exports.yaml: {key}: unknown field or name form {bad}")
    return export


def exports() -> tuple[Export, ...]:
    """Every export the table describes, in its order."""
    return _table().exports


def export_of(text: str) -> Found | None:
    """The export whose header is one of the first lines of ``text`` (its cells separated
    by a comma, a semicolon or a tab), where it is and its separator; else any other titled
    table's (:func:`_any_table`); ``None`` when neither is there."""
    return _database_export(text) or _titled_table(_head_lines(text))


def _head_lines(text: str) -> list[str]:
    return text.lstrip("\ufeff").split("\n", _HEADER_LINES)[:_HEADER_LINES]


def _splits(line: str) -> Iterator[tuple[str, list[str]]]:
    """A line's cells split by each separator it holds (stripped), with the separator."""
    for delimiter in DELIMITERS:
        if delimiter in line:
            try:
                row = next(csv.reader([line.rstrip("\r")], delimiter=delimiter), [])
            except csv.Error:
                continue
            yield delimiter, [c.strip() for c in row]


def _database_export(text: str) -> Found | None:
    """Where the header of a database's export the table describes is, and its separator."""
    for n, line in enumerate(_head_lines(text)):
        for delimiter, row in _splits(line):
            cells = set(row)
            for export in _table().exports:
                if export.identify <= cells:
                    return Found(export=export, skip=n, delimiter=delimiter)
            if cells >= _OWN_COLUMNS:
                return None  # litreview's own header: its rows are not looked at
    return None


def _titled_table(lines: list[str]) -> Found | None:
    """Where the header of any other titled table is (:func:`_any_table`): its first line
    that is not blank (a cell of a row below may hold any word)."""
    n, line = next(((n, x) for n, x in enumerate(lines) if x.strip(" \t\r;,")), (0, ""))
    for delimiter, row in _splits(line):
        export = _any_table(row)
        if export is not None:
            return Found(export=export, skip=n, delimiter=delimiter)
    return None


_AGAIN = re.compile(r"^(.*) \((\d+)\)$")


def is_search_csv(text: str) -> bool:
    """Whether ``text`` is the CSV export of a database the table describes."""
    return _database_export(text) is not None


def is_titled_table(text: str) -> bool:
    """Whether ``text`` is a table with a title column that is not litreview's own CSV
    (:func:`_any_table`): asked after every database's export was ruled out."""
    return _titled_table(_head_lines(text)) is not None


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
    export, skip = found.export, found.skip
    above = enumerate(text.split("\n", skip)[:skip])
    blank = found.delimiter + " \r"
    problems = [_note(path, n + 1, line) for n, line in above if line.strip(blank)]
    body = text.split("\n", skip)[skip] if skip else text
    read = parse_csv(body, path, found.delimiter)
    problems += _twice(path, skip + 1, read.header)
    works: list[Work] = []
    for line, row in read.rows:
        if any(str(c).strip() for c in row.get(None) or ()):  # an empty one after a row's
            message = "more cells than columns: kept in extra"  # last comma says nothing
            problems.append(
                Problem(path=path, line=line + skip, severity="warning", message=message)
            )
        work = _work(export, row)
        if _holds_a_work(work):
            works.append(work)
        elif text := _row_text(row):
            # a section's label between the rows ("citations not yet labeled ..."): said,
            # whatever column its cells are in
            problems.append(_note(path, line + skip, text))
    if read.problem is not None:
        problems.append(_shifted(read.problem, skip))
    if not works and not [p for p in problems if p.severity == "error"]:
        problems.append(
            Problem(path=path, line=skip + 1, severity="error", message="no records found")
        )
    return works, problems


def _row_text(row: dict[Any, Any]) -> str:
    """The filled cells of a row, in order (cells past the header too)."""
    cells = [v for k, v in row.items() if k is not None and isinstance(v, str)]
    cells += [str(v) for v in row.get(None) or ()]
    return " ".join(c.strip() for c in cells if c.strip())


def _holds_a_work(work: Work) -> bool:
    """Whether a row names a work at all: a title, an author, a date, a DOI or a link."""
    return bool(work.title or work.authors or work.issued or work.doi or work.url)


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
        k.strip(): _text_of(v.strip())
        for k, v in row.items()
        if isinstance(k, str) and isinstance(v, str) and v.strip()
    }
    # a value meaning "not known" (PoP's 0) fills no field, but is kept as written
    cells = {k: v for k, v in given.items() if v not in export.unknown}
    unknown = [(column_name(export.prefix, k), v) for k, v in given.items() if k not in cells]
    fields: dict[str, Any] = {f: cells[c] for c, f in export.fields.items() if c in cells}
    if doi := doi_of(fields.get("doi", "")):
        fields["doi"] = doi  # the DOI a doi.org link names: nothing is lost
    parsed = _parsed(export, cells)
    for name in _PARSED & parsed.keys():
        fields.setdefault(name, parsed[name])
    held = set(export.fields) & cells.keys()
    fields["issued"] = _issued(export, cells, parsed)
    if fields["issued"] and cells.get(export.date) == fields["issued"]:
        held.add(export.date)
    if fields["issued"][:4] == cells.get(export.year):
        held.add(export.year)
        held |= _date_parts_held(export, cells, fields["issued"])
    fields["pages"] = _pages(export, cells) or parsed.get("pages", "")
    held |= _pages_held(export, cells, fields["pages"])
    kind = cells.get(export.type, "")
    fields["type"] = export.types.get(kind.lower()) or csl_type([kind], export.default_type)
    if kind.lower() == fields["type"]:
        held.add(export.type)
    for role, names in (("authors", export.authors), ("editors", export.editors)):
        if names and names.column in cells:
            fields[role] = _authors(names, cells[names.column], export.unknown)
            if names.sep and names.form != "guess":  # a guess keeps the cell whole too
                held.add(names.column)
    if export.keywords and export.keywords[0] in cells:
        column, sep = export.keywords
        fields["keywords"] = tuple(dict.fromkeys(_items(cells[column], sep)))
        held.add(column)
    rest = {c: v for c, v in cells.items() if c not in held}
    extra = [(export.ids.get(c) or column_name(export.prefix, c), v) for c, v in rest.items()]
    if export.nest:
        extra = _nested(export, rest)
    extra += [
        (column_name(export.prefix, "more cells"), str(v).strip())
        for v in row.get(None) or ()
        if str(v).strip()
    ]
    return Work(key="", extra=(*extra, *unknown), **fields)


def _nested(export: Export, cells: dict[str, str]) -> list[tuple[str, str]]:
    """Cells for ``extra``, those of columns named ``group.rest`` (a JSON record flattened:
    ``best_oa_location.source.issn``) as one JSON object per group, ``json:{"rest": ...}``
    (a BibTeX entry of 140 fields is more than biber reads)."""
    out: list[tuple[str, str]] = []
    groups: dict[str, dict[str, str]] = {}
    for column, value in cells.items():
        group, dot, rest = column.partition(export.nest)
        if dot and group and rest and group not in export.ids:
            if group not in groups:
                groups[group] = {}
                out.append((group, ""))  # its place among the columns
            groups[group][rest] = value
        else:
            out.append((column, value))
    return [
        (
            export.ids.get(c) or column_name(export.prefix, c),
            "json:" + json.dumps(groups[c], ensure_ascii=False) if c in groups else v,
        )
        for c, v in out
    ]


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
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_DAY = re.compile(r"\b(0?[1-9]|[12]\d|3[01])\b")


def _issued(export: Export, cells: dict[str, str], parsed: dict[str, str]) -> str:
    """The date: a full date column when it is ``YYYY[-MM[-DD]]``, else the year (with the
    month and day a citation line gives when its year is the same)."""
    date = cells.get(export.date, "")
    if _ISO_DATE.fullmatch(date):
        return date
    if export.date_order and (numeric := _NUMERIC_DATE.fullmatch(date)):
        first, second, year = numeric.groups()
        month, day = (first, second) if export.date_order == "mdy" else (second, first)
        return _numeric_date(year, month, day)
    year, their_year = cells.get(export.year, ""), parsed.get("year", "")
    if their_year and year in ("", their_year):
        return _date(their_year, parsed.get("month_day", ""))
    if export.month and cells.get(export.month):
        return _numeric_date(year, cells[export.month], cells.get(export.day, ""))
    return _date(year, "")


def _numeric_date(year: str, month: str, day: str) -> str:
    """``YYYY-MM[-DD]`` from a year, a month (a number or a name) and a day's number."""
    named = parse_month(month)
    number = named or (int(month) if month.isdecimal() and 1 <= int(month) <= 12 else 0)
    if not (number and len(year) == 4 and year.isdecimal()):
        return _date(year, "")
    ok_day = day.isdecimal() and 1 <= int(day) <= 31
    return f"{year}-{number:02d}" + (f"-{int(day):02d}" if ok_day else "")


def _date_parts_held(export: Export, cells: dict[str, str], issued: str) -> set[str]:
    """The month and day columns whose cell the date holds (``3``, ``03`` or ``Mar``)."""
    held = set()
    for column, part in zip((export.month, export.day), issued.split("-")[1:], strict=False):
        cell = cells.get(column, "") if column else ""
        number = (parse_month(cell) if not cell.isdecimal() else None) or (
            int(cell) if cell.isdecimal() else -1
        )
        if number == int(part):
            held.add(column)
    return held


def _date(year: str, rest: str) -> str:
    """``YYYY[-MM[-DD]]`` from a year and the rest of a date (``"Mar"``, ``"25 Aug 2004"``,
    ``"January 7, 2011"``): the month by its name, the day a number beside it."""
    if not (len(year) == 4 and year.isdecimal()):
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


def _authors(names: Names, cell: str, unknown: frozenset[str] = frozenset()) -> tuple[Person, ...]:
    """The people of an authors cell, in the export's name form; a given name the export
    writes for "not known" (``unknown``) is left empty."""
    text = cell.rstrip(names.trailing) if names.trailing else cell
    if names.form == "guess":
        people: Iterable[Person] = _guessed(text)
    else:
        parts = split_list(text, names.sep) if names.sep else _run_apart(text)
        people = (_FORMS[names.form](p) for p in parts)
    return tuple(replace(p, given="") if p.given in unknown else p for p in people)


def _family_first_or_natural(name: str) -> Person:
    """A name with no comma: ``Family Initials`` when it ends in initials (``CORDS M``,
    ``van Dijk AB``, as Web of Science and bibliometrix write them), else ``Given Family``."""
    return initials_name(name) if _INITIALS_LAST.search(name) else natural_name(name)


def _guessed(cell: str) -> list[Person]:
    """The people of an authors cell whose form no table names, by its shape: names split
    on ``;`` or `` and ``; else, split on commas, a list of ``Family Initials`` (``Smith J,
    Doe AB``) or of names of two words or more (``Jane Doe, John Smith``); else one name,
    ``Family, Given`` when it has a comma."""
    for sep in (";", " and "):
        if sep in cell:
            return [_FORMS["guess"](p) for p in split_list(cell, sep)]
    parts = split_list(cell, ",")
    if len(parts) > 1 and all(_INITIALS_LAST.search(p) for p in parts):
        return [initials_name(p) for p in parts]
    if len(parts) > 1 and all(len(p.split()) > 1 for p in parts):
        return [natural_name(p) for p in parts]
    return [_FORMS["guess"](cell.strip())] if cell.strip() else []


def _text_of(cell: str) -> str:
    """A cell's text: a spreadsheet text formula (``="0012345"``) as the text it shows."""
    match = _FORMULA_TEXT.fullmatch(cell)
    return match.group(1).replace('""', '"') if match else cell


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
