"""EndNote XML exports (``<xml><records><record>``) -> Work.

Read with the standard library's ``xml.etree.ElementTree`` (no kept parser of EndNote XML
exists on PyPI; the format is a plain element tree). ElementTree never fetches external
entities, and the expat it runs on refuses entity-expansion bombs. A value's text is the
text of its element with the ``<style>`` wrappers EndNote puts around it taken off.

``ref-type``'s name gives the type; authors, secondary (editors) and tertiary contributors,
titles, periodical, pages, volume, number, dates, publisher, place, ISBN/ISSN, DOI
(``electronic-resource-num``), URLs, abstract, notes and keywords are read into their
fields; every other element is kept as ``EndNote:<element>``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Work
from litreview.formats._search import csl_type, date_of, name_of
from litreview.formats._xml import parse_xml

__all__ = ["is_endnote_xml", "read_endnote", "record_work"]

PREFIX = "EndNote:"
_FIELDS = {
    "titles/title": "title",
    "titles/secondary-title": "container",
    "publisher": "publisher",
    "pub-location": "place",
    "volume": "volume",
    "number": "issue",
    "pages": "pages",
    "abstract": "abstract",
    "notes": "note",
    "electronic-resource-num": "doi",
}
_IDS = {"isbn": "isbn", "language": "language", "accession-num": "accession-number"}
_DONE = frozenset({"contributors", "titles", "dates", "keywords", "urls", "ref-type", "periodical"})
_SPACE = re.compile(r"\s+")


def is_endnote_xml(text: str) -> bool:
    """Whether ``text`` is an EndNote XML export."""
    head = text.lstrip("\ufeff").lstrip()[:500]
    return head.startswith("<") and "<records>" in head.replace(" ", "")


@bulk
def read_endnote(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of an EndNote XML export and its problems."""
    root, problems = parse_xml(text, path)
    if root is None:
        return [], problems
    works = [record_work(rec) for rec in root.iter("record")]
    if not works:
        return [], [Problem(path=path, line=1, severity="error", message="no <record> found")]
    return works, []


def _text(element: ET.Element | None) -> str:
    """The text of an element and its children (``<style>``), white space made single."""
    if element is None:
        return ""
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def _all(rec: ET.Element, path: str) -> list[str]:
    return [t for t in (_text(e) for e in rec.findall(path)) if t]


def record_work(rec: ET.Element) -> Work:
    """One ``<record>`` as a work (an export's, or one EndNote put in a Word citation)."""
    fields: dict[str, Any] = {
        attr: _text(rec.find(p)) for p, attr in _FIELDS.items() if _text(rec.find(p))
    }
    if "container" not in fields and _text(rec.find("periodical/full-title")):
        fields["container"] = _text(rec.find("periodical/full-title"))
    kind = rec.find("ref-type")
    date = _text(rec.find("dates/pub-dates/date"))
    return Work(
        key="",
        type=csl_type([kind.get("name", "") if kind is not None else ""], "document"),
        authors=tuple(name_of(n) for n in _all(rec, "contributors/authors/author")),
        editors=tuple(name_of(n) for n in _all(rec, "contributors/secondary-authors/author")),
        issued=date_of(_text(rec.find("dates/year")), date),
        url=next(iter(_all(rec, "urls/related-urls/url")), ""),
        keywords=tuple(dict.fromkeys(_all(rec, "keywords/keyword"))),
        extra=_extra(rec, date),
        **fields,
    )


def _extra(rec: ET.Element, date: str) -> tuple[tuple[str, str], ...]:
    """Elements not read into fields, under their shared names or ``EndNote:<element>``."""
    out = []
    for child in rec:
        value = _text(child)
        if child.tag in _DONE or child.tag in _FIELDS or not value:
            continue
        out.append((_IDS.get(child.tag, PREFIX + child.tag), value))
    kind = rec.find("ref-type")
    if kind is not None and kind.get("name"):
        out.append((PREFIX + "ref-type", f"{kind.get('name')} ({_text(kind)})"))
    out += [
        (PREFIX + "tertiary-author", n) for n in _all(rec, "contributors/tertiary-authors/author")
    ]
    out += [(PREFIX + "url", u) for u in _all(rec, "urls/related-urls/url")[1:]]
    out += [(PREFIX + "pdf-url", u) for u in _all(rec, "urls/pdf-urls/url")]
    if date:
        out.append((PREFIX + "pub-date", date))
    for path in (
        "titles/tertiary-title",
        "titles/alt-title",
        "titles/short-title",
        "periodical/abbr-1",
    ):
        if _text(rec.find(path)):
            out.append((PREFIX + path.split("/")[-1], _text(rec.find(path))))
    return tuple(out)
