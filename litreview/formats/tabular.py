"""Works <-> a flat CSV, one row per work, for spreadsheets and pandas.

Multi-valued cells (``authors``, ``editors``, ``keywords``) are ``;``-separated; a person is
``Family, Given`` and an organisation is its name. ``\\`` escapes a ``;`` or ``,`` that is part
of a value, so every value comes back exactly. ``extra`` is a JSON list of ``[name, value]``
pairs; a column this module does not know is read into ``extra`` too.

Values are written as Unicode text (TeX markup of BibTeX values turned into characters).
A cell a spreadsheet would run as a formula (one starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return; the OWASP rule) is written with a leading ``'``, as is a cell that
starts with ``'`` itself; reading takes that one ``'`` off again, so nothing is lost.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.limits import load_json
from litreview.core.model import Person, Work
from litreview.core.tables import header_delimiter, parse_csv, rows_text
from litreview.core.texmarkup import plain_work
from litreview.formats._citekeys import keyed
from litreview.formats._names import text_person

__all__ = ["COLUMNS", "read_csv", "validate_csv", "write_csv"]

COLUMNS = (
    "key",
    "type",
    "authors",
    "editors",
    "issued",
    "title",
    "container",
    "publisher",
    "place",
    "volume",
    "issue",
    "pages",
    "url",
    "doi",
    "note",
    "accessed",
    "abstract",
    "keywords",
    "extra",
)
_PEOPLE = ("authors", "editors")
_PLAIN = tuple(c for c in COLUMNS if c not in (*_PEOPLE, "keywords", "extra"))


@bulk
def write_csv(works: Sequence[Work]) -> str:
    """The works as CSV text with the header :data:`COLUMNS` (``\\n`` line ends)."""
    return rows_text([COLUMNS, *([_safe(c) for c in _row(plain_work(w))] for w in works)])


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def _safe(cell: str) -> str:
    """A cell no spreadsheet runs as a formula: a leading ``'`` where it could be one."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


@bulk
def read_csv(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Read a works CSV: a work per good row and a problem (with its line) per bad one."""
    read = parse_csv(text.lstrip("\ufeff"), path, header_delimiter(text))
    header = read.header
    if read.problem is not None and not read.rows:
        return [], [read.problem]
    if "key" not in header and "title" not in header:
        return [], [
            Problem(
                path=path,
                line=1,
                severity="error",
                message=("not a works CSV: the header has neither a 'key' nor a 'title' column"),
            )
        ]
    works: list[Work] = []
    problems: list[Problem] = [] if read.problem is None else [read.problem]
    for start, row in read.rows:
        try:
            works.append(_work(row))
            if None in row:
                problems.append(
                    Problem(
                        path=path,
                        line=start,
                        severity="warning",
                        message="row has more cells than the header; extra cells ignored",
                    )
                )
        except ValueError as exc:
            problems.append(Problem(path=path, line=start, severity="error", message=str(exc)))
    return works, sorted(problems, key=lambda p: p.line or 0)


def validate_csv(text: str, path: str = "<string>") -> list[Problem]:
    """Every problem in a works CSV (as :func:`read_csv` finds them)."""
    return read_csv(text, path)[1]


def _row(work: Work) -> list[str]:
    """The cells of one work, in :data:`COLUMNS` order."""
    cells = {name: getattr(work, name) for name in _PLAIN}
    for name in _PEOPLE:
        cells[name] = "; ".join(_escape(_name(p), ";") for p in getattr(work, name))
    cells["keywords"] = "; ".join(_escape(k, ";") for k in work.keywords)
    cells["extra"] = (
        json.dumps([list(pair) for pair in work.extra], ensure_ascii=False) if work.extra else ""
    )
    return [cells[c] for c in COLUMNS]


def _work(row: dict[str | None, str | list[str]]) -> Work:
    """The work of one CSV row; raises ``ValueError`` for a bad ``extra`` cell."""
    cells = {
        k: v[1:] if v.startswith("'") else v
        for k, v in row.items()
        if isinstance(k, str) and isinstance(v, str)
    }
    fields: dict[str, object] = {name: cells.get(name, "") for name in _PLAIN}
    fields["type"] = fields["type"] or "document"
    for name in _PEOPLE:
        fields[name] = tuple(_person(_unescape(p)) for p in _split(cells.get(name, ""), ";"))
    fields["keywords"] = tuple(_unescape(k) for k in _split(cells.get("keywords", ""), ";"))
    extra = _extra(cells.get("extra", ""))
    extra += tuple((k, v) for k, v in cells.items() if k not in COLUMNS and v)
    return keyed(Work(extra=extra, **fields))  # type: ignore[arg-type]


def _extra(cell: str) -> tuple[tuple[str, str], ...]:
    """The ``extra`` cell: a JSON list of ``[name, value]`` string pairs."""
    if not cell.strip():
        return ()
    try:
        data = load_json(cell, "the extra cell", None)
    except json.JSONDecodeError as exc:
        raise ValueError(f"extra is not valid JSON: {exc.msg}") from None
    ok = isinstance(data, list) and all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(s, str) for s in p) for p in data
    )
    if not ok:
        raise ValueError("extra must be a JSON list of [name, value] string pairs")
    return tuple((p[0], p[1]) for p in data)


def _name(person: Person) -> str:
    """A person as ``Family, Given`` (comma kept when no given name); an organisation as is."""
    if person.literal:
        return _escape(person.literal, ",")
    given = " ".join(x for x in (person.given, person.dropping_particle) if x)
    name = f"{_escape(person.family, ',')}, {_escape(given, ',')}"
    return name + f", {_escape(person.suffix, ',')}" if person.suffix else name.rstrip(" ")


def _person(text: str) -> Person:
    """The inverse of :func:`_name`: no unescaped comma means an organisation."""
    parts = _split(text, ",", maxsplit=2)
    if len(parts) == 1:
        return Person(literal=_unescape(parts[0]))
    return text_person(*(_unescape(p) for p in parts))


def _escape(value: str, chars: str) -> str:
    """``value`` with ``\\`` and each of ``chars`` preceded by a backslash."""
    out = value.replace("\\", "\\\\")
    for ch in chars:
        out = out.replace(ch, "\\" + ch)
    return out


def _unescape(value: str) -> str:
    """Drop the backslash before every escaped character."""
    if "\\" not in value:
        return value
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            i += 1
        out.append(value[i])
        i += 1
    return "".join(out)


def _split(text: str, sep: str, maxsplit: int = -1) -> list[str]:
    """Split on unescaped ``sep``; parts are stripped (still escaped) and empty ones dropped."""
    if "\\" not in text:  # nothing escaped: the fast path
        plain = [p.strip() for p in text.split(sep, maxsplit)]
        return plain if maxsplit >= 0 else [p for p in plain if p]
    parts: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if ch == sep and (maxsplit < 0 or len(parts) < maxsplit):
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    stripped = [p.strip() for p in parts]
    return stripped if maxsplit >= 0 else [p for p in stripped if p]
