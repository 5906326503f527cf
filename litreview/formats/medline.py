"""PubMed MEDLINE exports (``.nbib``, ``.txt``) -> Work.

Why no kept parser: ``nbib`` (last release 2021) drops every tag it does not know, so the
file could not be kept whole; Biopython's ``Bio.Medline`` reads the format well but brings a
large scientific package in for twenty lines of line splitting and counts no lines for
problems. The format is simple: ``TAG - value`` lines (the tag padded to four characters),
further lines of a value indented by six spaces, a record starting at ``PMID-``.

Full author names (``FAU``) are read before short ones (``AU``), corporate authors (``CN``)
as organisations, editors from ``FED``/``ED``; MeSH headings (``MH``) and other terms
(``OT``) are the keywords, whole (``Colitis, Ulcerative/*therapy`` is one). The PMID, PMC id,
ISSN, ISBN and language are kept under their shared names; every other tag as ``MEDLINE:XX``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Work
from litreview.formats._continued import Continued
from litreview.formats._search import csl_type, date_of, name_of

__all__ = ["is_medline", "read_medline"]

PREFIX = "MEDLINE:"
# the tag padded to four characters, then "- "; ERIC writes a four-letter tag and " - "
_TAG_SHAPE = re.compile(r"(?=[A-Z][A-Z0-9 ]{3}-)[A-Z][A-Z0-9]{1,3} *-")
_LINE = re.compile(r"([A-Z][A-Z0-9 ]{1,3}|[A-Z][A-Z0-9]{3} )- ?(.*)\Z")
_FIELDS = {
    "TI": "title",
    "JT": "container",
    "PB": "publisher",
    "PL": "place",
    "VI": "volume",
    "IP": "issue",
    "PG": "pages",
    "AB": "abstract",
}
_IDS = {
    "PMID": "pmid",
    "PMC": "pmcid",
    "IS": "issn",
    "ISSN": "issn",
    "ISBN": "isbn",
    "LA": "language",
}
_USED = frozenset({"FAU", "AU", "CN", "FED", "ED", "DP", "MH", "OT", "PT", *_FIELDS})
# "10.1000/x [doi]" (PubMed), or the DOI as a link (ERIC: "http://dx.doi.org/10.1000/x")
_DOI = re.compile(r"^(?:(10\.\S+) \[doi\]|https?://(?:dx\.)?doi\.org/(10\.\S+))$")


def is_medline(text: str) -> bool:
    """Whether ``text`` is a MEDLINE export: it opens with tag lines of MEDLINE's shape (a
    tag padded to four characters, then ``-``: ``PMID- ``, ``OWN - ``, ``PMC - ``; the
    first line and most of the first five, one of them a tag longer than RIS's two
    characters) and no line is RIS's ``TY  - ``, whose lines have that shape too."""
    text = text.lstrip("\ufeff")
    head = [x for x in text[:4000].splitlines() if x.strip()][:5]
    tags = [m.group(0).rstrip(" -") if (m := _TAG_SHAPE.match(x)) else "" for x in head]
    return (
        bool(tags)
        and bool(tags[0])
        and 2 * sum(map(bool, tags)) > len(tags)
        and any(len(t) > 2 for t in tags)  # RIS's tags are all of two characters
        and "\nTY  - " not in "\n" + text
    )


@bulk
def read_medline(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of a MEDLINE export and its problems (each with its line)."""
    records, problems = _records(text, path)
    works = [_work(tags) for tags in records]
    if not works and not problems:
        problems.append(
            Problem(path=path, line=1, severity="error", message="no MEDLINE records (PMID-)")
        )
    return works, problems


def _records(text: str, path: str) -> tuple[list[list[tuple[str, str]]], list[Problem]]:
    """The records' ``(tag, value)`` lines, continuation lines joined with a space."""
    records: list[list[tuple[str, str]]] = []
    problems: list[Problem] = []
    current: list[tuple[str, str]] | None = None
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    after_blank = False
    continued = Continued(" ")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            after_blank = True
            continue
        if line.startswith("      ") and current:
            continued.add(current, line.strip())
            continue
        m = _LINE.match(line)
        if not m:
            problems.append(
                Problem(
                    path=path,
                    line=number,
                    severity="warning",
                    message=f"not a tag line: {line[:40]!r}",
                )
            )
            continue
        tag, value = m.group(1).strip(), m.group(2).strip()
        # a record starts at its PMID; in a file of records without one (ERIC), after a
        # blank line
        if tag == "PMID" or current is None or (after_blank and current[0][0] != "PMID"):
            current = []
            records.append(current)
        after_blank = False
        current.append((tag, value))
    continued.flush()
    return records, problems


def _work(lines: list[tuple[str, str]]) -> Work:
    """One record as a work."""
    tags: dict[str, list[str]] = defaultdict(list)
    for tag, value in lines:
        tags[tag].append(value)
    one = {tag: values[0] for tag, values in tags.items()}
    fields: dict[str, Any] = {attr: one[tag] for tag, attr in _FIELDS.items() if tag in one}
    authors = [name_of(n) for n in tags.get("FAU") or tags.get("AU", [])]
    authors += [name_of(n) for n in tags.get("CN", [])]  # no comma: an organisation
    year, _, month_day = one.get("DP", "").partition(" ")
    doi = next(
        (
            m.group(1) or m.group(2)
            for v in tags.get("AID", []) + tags.get("LID", [])
            if (m := _DOI.match(v))
        ),
        "",
    )
    kind = "chapter" if "BTI" in one and "TI" in one else "book" if "BTI" in one else ""
    extra = [(_IDS.get(t, PREFIX + t), v) for t, v in lines if t not in _USED]
    extra += [(PREFIX + t, v) for t in _FIELDS for v in tags.get(t, [])[1:]]  # repeated
    extra += [
        (PREFIX + t, v) for t, v in lines if t in ("PT", "DP") or (t == "AU" and "FAU" in tags)
    ]
    return Work(
        key="",
        type=kind or csl_type(tags.get("PT", [])),
        authors=tuple(authors),
        editors=tuple(name_of(n) for n in tags.get("FED") or tags.get("ED", [])),
        issued=date_of(year, month_day),
        doi=doi,
        keywords=tuple(dict.fromkeys(tags.get("OT", []) + tags.get("MH", []))),
        extra=tuple(extra),
        **fields,
    )
