"""Scopus CSV exports -> Work.

The file is read with the standard ``csv`` module (the format is plain CSV with a header;
no kept parser adds anything to it). Authors are ``Phillips J.C., Braun R.`` (older exports)
or ``;``-separated, with ``Author full names`` (``Phillips, James C. (7402220509)``) in newer
ones, which are preferred. The EID is kept as ``scopus-eid``, the PubMed ID as ``pmid``,
ISSN, ISBN and language under their shared names; every other column as ``Scopus:<column>``
(lower case, words joined by ``-``: ``Art. No.`` is ``Scopus:art-no``).
"""

from __future__ import annotations

import re
from typing import Any

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Person, Work
from litreview.core.tables import header_delimiter, parse_csv
from litreview.formats._search import (
    column_name,
    csl_type,
    date_of,
    initials_name,
    name_of,
    pages_of,
    split_list,
)

__all__ = ["is_scopus_csv", "read_scopus"]

PREFIX = "Scopus:"
_FIELDS = {
    "Title": "title",
    "Source title": "container",
    "Publisher": "publisher",
    "Volume": "volume",
    "Issue": "issue",
    "DOI": "doi",
    "Abstract": "abstract",
}
_IDS = {
    "EID": "scopus-eid",
    "PubMed ID": "pmid",
    "ISSN": "issn",
    "ISBN": "isbn",
    "Language of Original Document": "language",
}
_USED = frozenset(
    {"Authors", "Author full names", "Year", "Page start", "Page end", "Author Keywords"}
) | frozenset(_FIELDS)
_AUTHOR_ID = re.compile(r"\s*\(\d+\)\s*\Z")


def is_scopus_csv(text: str) -> bool:
    """Whether ``text`` is a Scopus CSV export (its header names an EID or a source title)."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    return "EID" in header or ("Source title" in header and "Authors" in header)


@bulk
def read_scopus(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of a Scopus CSV export and its problems (a row with more cells than the header
    is read, the extra cells reported)."""
    read = parse_csv(text.lstrip("\ufeff"), path, header_delimiter(text))
    works: list[Work] = []
    problems: list[Problem] = []
    for line, row in read.rows:
        if None in row:
            problems.append(
                Problem(path=path, line=line, severity="warning", message="more cells than columns")
            )
        works.append(_work({k: v for k, v in row.items() if isinstance(k, str)}))
    if read.problem is not None:
        problems.append(read.problem)
    if not works and not problems:
        problems.append(Problem(path=path, line=1, severity="error", message="no records found"))
    return works, problems


def _work(row: dict[str, str | list[str]]) -> Work:
    """One row as a work."""
    cells = {k.strip(): v.strip() for k, v in row.items() if isinstance(v, str) and v.strip()}
    fields: dict[str, Any] = {attr: cells[col] for col, attr in _FIELDS.items() if col in cells}
    extra = [(_IDS.get(c) or _name(c), v) for c, v in cells.items() if c not in _USED]
    if "Author full names" in cells and "Authors" in cells:
        extra.append((_name("Authors"), cells["Authors"]))
    return Work(
        key="",
        type=csl_type([cells.get("Document Type", "")]),
        authors=_authors(cells),
        issued=date_of(cells.get("Year", "")),
        pages=pages_of(cells.get("Page start", ""), cells.get("Page end", "")),
        keywords=tuple(dict.fromkeys(split_list(cells.get("Author Keywords", "")))),
        extra=tuple(extra),
        **fields,
    )


def _name(column: str) -> str:
    """A column as a field name every format can write: ``Art. No.`` -> ``Scopus:art-no``."""
    return column_name(PREFIX, column)


def _authors(cells: dict[str, str]) -> tuple[Person, ...]:
    """The authors: full names when the export has them, else ``Surname Initials``."""
    full = cells.get("Author full names", "")
    if full:
        return tuple(name_of(_AUTHOR_ID.sub("", n)) for n in split_list(full))
    short = cells.get("Authors", "")
    if not short or short.startswith("[No author"):
        return ()
    names = split_list(short) if ";" in short else split_list(short, ",")
    return tuple(initials_name(n) for n in names)
