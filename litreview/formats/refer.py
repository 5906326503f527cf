"""EndNote tagged exports (``.enw``; the refer format's ``%X value`` lines) -> Work.

What Google Scholar's "EndNote" link, HAL, the AIS eLibrary and EndNote's own "EndNote
Export" style write: a record is a run of lines ``%T title``, ``%A Family, Given``, one
tag (``%`` and one character) and a space before each value; a line without a tag goes on
the value before it; records end at a blank line, or where a record that has a type
(``%0``) meets another. No kept parser reads it in Python (``refer`` readers drop the tags
they do not know), and the format is a dozen lines of splitting.

The type (``%0``) maps through the databases' type table; ``%J`` is the journal and ``%B``
the book or proceedings (or, in AIS exports, the journal), ``%D`` the year and ``%8`` the
date; ``%R`` a DOI (a doi.org link is its DOI); ``%@`` an ISSN or ISBN; ``%K`` lines the
keywords, one a line. Every other tag is kept as ``EndNote:`` and its name (``%F`` is
``EndNote:label``), or ``EndNote:%c`` for a tag with no name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Work
from litreview.formats._continued import Continued
from litreview.formats._search import csl_type, date_of, doi_of, name_of

__all__ = ["is_refer", "read_refer"]

PREFIX = "EndNote:"
_LINE = re.compile(r"%(\S)(?: (.*))?\Z")
_FIELDS = {
    "T": "title",
    "I": "publisher",
    "C": "place",
    "V": "volume",
    "N": "issue",
    "P": "pages",
    "X": "abstract",
    "Z": "note",
    "U": "url",
}
# tags kept under a name of their own (identifiers under the names every export shares)
_NAMES = {
    "G": "language",
    "M": "accession-number",
    "F": "label",
    "L": "call-number",
    "S": "series",
    "Y": "tertiary-author",
    "?": "translator",
    "7": "edition",
    "9": "type-of-work",
    "!": "short-title",
    "+": "author-address",
    "W": "database-provider",
    "~": "database",
    "[": "accessed",
    "0": "type",
    "D": "year",
    "8": "date",
}
_IDS = frozenset({"language", "accession-number"})
_USED = frozenset({"A", "E", "J", "B", "K", "R", "@", *_FIELDS})
_ISSN = re.compile(r"\d{4}-?\d{3}[\dXx]\Z")


def is_refer(text: str) -> bool:
    """Whether ``text`` is an EndNote tagged export: its first line is a tag line, and a
    title (``%T``) or type (``%0``) line comes within its first lines."""
    lines = [x for x in text.lstrip("\ufeff").splitlines()[:40] if x.strip()]
    if not lines or not _LINE.match(lines[0]):
        return False
    return any(x.startswith(("%0 ", "%T ")) for x in lines)


@bulk
def read_refer(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of an EndNote tagged export and its problems (each with its line)."""
    records, problems = _records(text, path)
    works = [_work(lines) for lines in records]
    if not works and not problems:
        message = "no EndNote tagged records (lines like '%T title')"
        problems.append(Problem(path=path, line=1, severity="error", message=message))
    return works, problems


def _records(text: str, path: str) -> tuple[list[list[tuple[str, str]]], list[Problem]]:
    """The records' ``(tag, value)`` lines; a line without a tag goes on the value before."""
    records: list[list[tuple[str, str]]] = []
    problems: list[Problem] = []
    current: list[tuple[str, str]] | None = None
    continued = Continued("\n")
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            current = None
            continue
        m = _LINE.match(line.rstrip())
        if not m:
            if current:
                continued.add(current, line.strip())
            else:
                problems.append(
                    Problem(
                        path=path,
                        line=number,
                        severity="warning",
                        message=f"text outside a record ignored: {line[:40]!r}",
                    )
                )
            continue
        tag, value = m.group(1), (m.group(2) or "").strip()
        if current is None or (tag == "0" and any(t == "0" for t, _ in current)):
            current = []
            records.append(current)
        current.append((tag, value))
    continued.flush()
    return records, problems


def _work(lines: list[tuple[str, str]]) -> Work:
    """One record as a work."""
    tags: dict[str, list[str]] = defaultdict(list)
    for tag, value in lines:
        if value:
            tags[tag].append(value)
    one = {tag: _flat(values[0]) for tag, values in tags.items()}
    fields: dict[str, Any] = {attr: one[tag] for tag, attr in _FIELDS.items() if tag in one}
    containers = tags.get("J", []) + tags.get("B", [])
    if containers:
        fields["container"] = _flat(containers[0])
    doi = next((d for v in tags.get("R", []) if (d := doi_of(v))), "")
    extra = [(_name(t), _flat(v)) for t, v in lines if t not in _USED and v]
    extra += [(PREFIX + _FIELDS[t], _flat(v)) for t in _FIELDS for v in tags.get(t, [])[1:]]
    extra += [(PREFIX + "secondary-title", _flat(v)) for v in containers[1:]]
    extra += [(PREFIX + "R", _flat(v)) for v in tags.get("R", []) if not doi_of(v)]
    extra += [("issn" if _ISSN.match(v) else "isbn", _flat(v)) for v in tags.get("@", [])]
    return Work(
        key="",
        type=csl_type(tags.get("0", []), "document"),
        authors=tuple(name_of(_flat(n)) for n in tags.get("A", [])),
        editors=tuple(name_of(_flat(n)) for n in tags.get("E", [])),
        issued=_issued(one.get("D", ""), one.get("8", "")),
        doi=doi,
        keywords=tuple(dict.fromkeys(k for v in tags.get("K", []) for k in _lines(v))),
        extra=tuple(extra),
        **fields,
    )


def _name(tag: str) -> str:
    name = _NAMES.get(tag, tag)
    return name if name in _IDS else PREFIX + name


def _flat(value: str) -> str:
    """A value's lines joined by a space."""
    return " ".join(value.split()) if "\n" in value else value


def _lines(value: str) -> list[str]:
    return [x.strip() for x in value.split("\n") if x.strip()]


_ISO = re.compile(r"\d{4}(-\d{2}){0,2}\Z")
_YEAR = re.compile(r"\b(\d{4})\b")


def _issued(year: str, date: str) -> str:
    """The date of the year (``%D``) and the date (``%8``: ``2022-06-21``, or
    ``September 1, 2021``), or a year the date holds when there is no ``%D``."""
    date = date.strip()
    if _ISO.match(date) and date[:4] == (year.strip()[:4] or date[:4]):
        return date
    m = _YEAR.search(date)
    return date_of(year, date) or (m.group(1) if m else "")
