"""LibreOffice's own citations (Insert > Table of Contents and Index > Bibliography Entry):
each a ``text:bibliography-mark`` whose attributes are the cited work's record.

The record is BibTeX's fields under OpenDocument names (``text:identifier``,
``text:bibliography-type``, ``text:author``, ``text:title``, ``text:journal``,
``text:year``, ...); authors and editors are one text each, names parted by ``;`` or
``and``, each "Family, Given" or "Given Family". A field litreview has no place for is kept
as ``ODF:<name>``. The marks carry the same record each time a work is cited; the first
one read wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from litreview.core.model import Person, Work
from litreview.formats._bibtex_syntax import parse_month, split_names

__all__ = ["mark_record"]

_T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
PREFIX = "ODF:"

_TYPES = {
    "article": "article-journal",
    "book": "book",
    "booklet": "pamphlet",
    "conference": "paper-conference",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "journal": "periodical",
    "manual": "report",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "proceedings": "book",
    "techreport": "report",
    "unpublished": "manuscript",
    "www": "webpage",
    "email": "personal_communication",
}
_PLAIN = {
    "title": "title",
    "publisher": "publisher",
    "address": "place",
    "volume": "volume",
    "pages": "pages",
    "url": "url",
    "note": "note",
}
_CONTAINER = ("journal", "booktitle")
_PUBLISHER = ("institution", "organizations", "school")
_USED = frozenset(
    {"identifier", "bibliography-type", "author", "editor", "year", "month", "number",
     *_PLAIN, *_CONTAINER}
)  # fmt: skip


def mark_record(attrib: Mapping[str, str]) -> tuple[str, Work] | None:
    """The identifier and the work of a bibliography mark's attributes (``None`` when it
    names no identifier: nothing could cite it again)."""
    values = {
        k.removeprefix(_T): " ".join(v.split())
        for k, v in attrib.items()
        if k.startswith(_T) and v.strip()
    }
    ident = values.get("identifier", "")
    if not ident:
        return None
    kind = _TYPES.get(values.get("bibliography-type", "").lower(), "document")
    fields: dict[str, Any] = {attr: values.get(name, "") for name, attr in _PLAIN.items()}
    if not fields["publisher"]:
        fields["publisher"] = next((values[k] for k in _PUBLISHER if values.get(k)), "")
    number = values.get("number", "")
    extra = [
        (PREFIX + k, v)
        for k, v in values.items()
        if k not in _USED and not (k in _PUBLISHER and v == fields["publisher"])
    ]
    if number and kind != "article-journal":
        extra.append((PREFIX + "number", number))
    work = Work(
        key="",
        type=kind,
        authors=_names(values.get("author", "")),
        editors=_names(values.get("editor", "")),
        issued=_date(values.get("year", ""), values.get("month", "")),
        container=next((values[k] for k in _CONTAINER if values.get(k)), ""),
        issue=number if kind == "article-journal" else "",
        extra=tuple(extra),
        **fields,
    )
    return ident, work


def _names(text: str) -> tuple[Person, ...]:
    """Names parted by ``;`` (LibreOffice's own advice) or BibTeX's ``and``."""
    return split_names(" and ".join(p.strip() for p in text.split(";") if p.strip()))


def _date(year: str, month: str) -> str:
    """``YYYY[-MM]`` from a four-digit year and a month (a number or English name)."""
    if not (len(year) == 4 and year.isdecimal()):
        return year
    m = parse_month(month)
    return f"{year}-{m:02d}" if m else year
