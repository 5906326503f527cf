"""Ovid exports (Embase, Ovid MEDLINE, PsycINFO, ...) in Ovid's own tagged text -> Work.

What Ovid writes for its "Citavi", "EndNote" and "Ovid Fields" direct exports (a ``.cgi``,
``.ovd`` or ``.txt`` file): records opened by a ``<1. >`` line, then ``XX  - value`` lines
(the tag padded to four characters) and further lines of a value indented by spaces. The
tags differ by database (Embase's ``LG`` is MEDLINE's ``LA``); both sets are below.

Read into fields: the title, authors (full names ``FA``/``AF`` before short ones ``AU``;
``Behan L.`` is a person; ``CN`` an organisation), the abstract, journal or, when the
record has no journal field, the source line (``SO``: ``Plos one. 13 (4) (no pagination),
2018. ...`` gives the journal, volume and issue), volume, issue, pages, the year, DOI (a link
made bare), publisher, subject headings and keywords, and the type from the publication
type. ISSN, ISBN, language and the accession number are kept under the names every search
export shares (``issn``, ``isbn``, ``language``, ``accession-number``; in Ovid's MEDLINE
databases the unique identifier is the PubMed id, ``pmid``); every other tag as
``Ovid:XX``, so nothing is lost.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Work
from litreview.formats._continued import Continued
from litreview.formats._search import csl_type, date_of, doi_of, initials_name, name_of

__all__ = ["is_ovid", "read_ovid"]

PREFIX = "Ovid:"
_HEADER = re.compile(r"<\d+\.?\s*>\s*\Z")
_LINE = re.compile(r"([A-Z][A-Z0-9]{1,3}) *- ?(.*)\Z")
# tag -> field, the first tag of a field that a record has winning
_FIELDS = {
    "TI": "title",
    "AB": "abstract",
    "JN": "container",
    "JT": "container",
    "JX": "container",
    "VO": "volume",
    "VI": "volume",
    "IP": "issue",
    "PG": "pages",
    "PB": "publisher",
}
_IDS = {"IS": "issn", "IB": "isbn", "LG": "language", "LA": "language", "UI": "accession-number"}
# In Ovid's MEDLINE databases ("Ovid MEDLINE(R) ALL") the unique identifier is the PubMed id,
# so that the record meets the same article read from PubMed.
_MEDLINE_IDS = {**_IDS, "UI": "pmid"}
_NAMES = ("FA", "AF", "AU")
# the source line: "Plos one. 13 (4) (no pagination), 2018. ..." (Embase), "Journal of X.
# 27(5-6):e1100-e1110, 2018 Mar." (MEDLINE): the journal before the first ". ", then the
# first volume (issue) and pages after it
_SOURCE_JOURNAL = re.compile(r"([^.]{2,200}?)\.\s")
_SOURCE_NUMBERS = re.compile(r"\b(\d{1,5}[A-Z]?)\s?\(([^()]{1,40})\)(?:\s?:\s?([\w-]{1,30}))?")


def is_ovid(text: str) -> bool:
    """Whether ``text`` is Ovid's tagged export: it opens with a ``<1. >`` record line
    followed by tag lines."""
    lines = [x for x in text.lstrip("\ufeff")[:4000].splitlines() if x.strip()][:3]
    return (
        len(lines) == 3
        and bool(_HEADER.match(lines[0].strip()))
        and all(_LINE.match(x) for x in lines[1:])
    )


@bulk
def read_ovid(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of an Ovid tagged export and its problems (each with its line)."""
    records, problems = _records(text, path)
    works = [_work(tags) for tags in records]
    if not works and not problems:
        message = "no Ovid records (a '<1. >' line, then tag lines)"
        problems.append(Problem(path=path, line=1, severity="error", message=message))
    return works, problems


def _records(text: str, path: str) -> tuple[list[list[tuple[str, str]]], list[Problem]]:
    """The records' ``(tag, value)`` lines, further lines of a value joined with a space
    (a line break in an affiliation list: ``IN``, one institution a line)."""
    records: list[list[tuple[str, str]]] = []
    problems: list[Problem] = []
    current: list[tuple[str, str]] | None = None
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    continued = Continued(" ")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if _HEADER.match(line.strip()):
            continued.flush()
            current = []
            records.append(current)
            continue
        m = None if line[:1].isspace() else _LINE.match(line)
        if m is None and current:  # an indented line, or a paragraph of the abstract
            continued.add(current, line.strip())
            continue
        if m is None or current is None:
            what = "not a tag line" if m is None else "a tag line before any '<1. >' record"
            message = f"{what}: {line[:40]!r}"
            problems.append(Problem(path=path, line=number, severity="warning", message=message))
            continue
        current.append((m.group(1), m.group(2).strip()))
    continued.flush()
    return [r for r in records if r], problems


def _work(lines: list[tuple[str, str]]) -> Work:
    """One record as a work; every value not read whole into a field kept in extra."""
    tags: dict[str, list[str]] = defaultdict(list)
    for tag, value in lines:
        if value:
            tags[tag].append(value)
    read: set[tuple[str, int]] = set()  # (tag, index) of the values read whole
    fields: dict[str, Any] = {}
    for tag, attr in _FIELDS.items():
        if tag in tags and attr not in fields:
            fields[attr] = tags[tag][0]
            read.add((tag, 0))
    if tags.get("SO") and "container" not in fields:  # SO is kept whole too: it says more
        fields |= {k: v for k, v in _source(tags["SO"][0]).items() if k not in fields}
    used = next((t for t in _NAMES if tags.get(t)), "")
    authors = [name_of(n) if "," in n else initials_name(n) for n in tags.get(used, [])]
    authors += [name_of(n) for n in tags.get("CN", [])]  # no comma: an organisation
    read |= {(t, k) for t in (used, "CN", "MH", "KW") for k in range(len(tags.get(t, [])))}
    doi = ""
    for k, value in enumerate(tags.get("DO", [])):
        if (found := doi_of(value)) and not doi:
            doi = found
            read.add(("DO", k))
    year = (tags.get("YR") or [""])[0]
    date = (tags.get("DP") or [""])[0]
    issued = date_of(year or date[:4], date[4:] if not year or date.startswith(year) else "")
    if year:
        read.add(("YR", 0))
    ids = _MEDLINE_IDS if any("medline" in db.lower() for db in tags.get("DB", [])) else _IDS
    extra = [
        (ids.get(t, PREFIX + t), v)
        for t, values in tags.items()
        for k, v in enumerate(values)
        if (t, k) not in read
    ]
    return Work(
        key="",
        type=csl_type(tags.get("PT", []) + tags.get("ST", [])),
        authors=tuple(authors),
        issued=issued,
        doi=doi,
        keywords=tuple(dict.fromkeys(tags.get("MH", []) + tags.get("KW", []))),
        extra=tuple(extra),
        **fields,
    )


def _source(line: str) -> dict[str, str]:
    """The journal, volume, issue and pages an ``SO`` line gives (what it gives)."""
    journal = _SOURCE_JOURNAL.match(line)
    if journal is None:
        return {}
    out = {"container": journal.group(1).strip()}
    numbers = _SOURCE_NUMBERS.search(line, journal.end())
    if numbers:
        parts = zip(("volume", "issue", "pages"), numbers.groups(), strict=True)
        out |= {k: v.strip() for k, v in parts if v and v.strip() != "no pagination"}
    return out
