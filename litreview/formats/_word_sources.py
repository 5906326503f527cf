"""Word's own citations (References > Insert Citation): the sources a DOCX keeps, and the
``CITATION`` fields that cite them.

Word keeps the document's sources in a custom XML part (``customXml/itemN.xml``, root
``b:Sources`` in the namespace of :data:`NS`), one ``b:Source`` each, named by its
``b:Tag``. A citation is a field whose code is ``CITATION <tag>``, with switches: ``\\m
<tag>`` adds another source, ``\\l <language>``, ``\\p <pages>``, ``\\s``, ``\\t``, ``\\v``,
``\\f``, ``\\n``, ``\\y`` change how it is shown. Each source's fields become a
:class:`Work` (its type from ``b:SourceType``); a field litreview has no place for is kept
as ``Word:<name>``.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

from litreview.core.model import Person, Work
from litreview.formats._bibtex_syntax import parse_month

__all__ = ["NS", "citation_tags", "is_sources", "word_sources"]

NS = "http://schemas.openxmlformats.org/officeDocument/2006/bibliography"
_B = f"{{{NS}}}"
PREFIX = "Word:"

_TYPES = {
    "Book": "book",
    "BookSection": "chapter",
    "JournalArticle": "article-journal",
    "ArticleInAPeriodical": "article-magazine",
    "ConferenceProceedings": "paper-conference",
    "Report": "report",
    "SoundRecording": "song",
    "Performance": "performance",
    "Art": "graphic",
    "DocumentFromInternetSite": "webpage",
    "InternetSite": "webpage",
    "Film": "motion_picture",
    "Interview": "interview",
    "Patent": "patent",
    "ElectronicSource": "document",
    "Case": "legal_case",
    "Misc": "document",
}
#: Where each type keeps the title of the work it is part of.
_CONTAINERS = (
    "JournalName",
    "BookTitle",
    "ConferenceName",
    "PeriodicalTitle",
    "InternetSiteTitle",
    "AlbumTitle",
    "Court",
)
_FIELDS = {
    "Title": "title",
    "Publisher": "publisher",
    "City": "place",
    "Volume": "volume",
    "Issue": "issue",
    "Pages": "pages",
    "URL": "url",
    "DOI": "doi",
    "Comments": "note",
}
_SKIP = frozenset({"Tag", "SourceType", "Author", "Year", "Month", "Day", "Guid", "RefOrder"})
_SKIP |= {"YearAccessed", "MonthAccessed", "DayAccessed", "LCID", *_CONTAINERS, *_FIELDS}
_CODE = re.compile(r"\s*CITATION\s+(?P<rest>.*)", re.S)
_SWITCH = re.compile(r"\\(?P<name>[a-zA-Z])(?:\s+(?P<arg>\"[^\"]*\"|[^\s\\]+))?")


def is_sources(root: ElementTree.Element) -> bool:
    """Whether a custom XML part is Word's list of sources."""
    return root.tag == f"{_B}Sources"


def word_sources(root: ElementTree.Element) -> dict[str, Work]:
    """Tag -> work of each ``b:Source`` of Word's list of sources (the first of a tag)."""
    out: dict[str, Work] = {}
    for source in root.iter(f"{_B}Source"):
        tag = _child(source, "Tag")
        if tag and tag not in out:
            out[tag] = _work(source)
    return out


def citation_tags(code: str) -> list[str] | None:
    """The tags of the sources a ``CITATION`` field's code cites, in order (``None`` when
    the code is no such field)."""
    m = _CODE.match(code)
    if not m:
        return None
    rest = m["rest"]
    first = re.match(r"\s*(\"[^\"]*\"|[^\s\\]+)", rest)
    tags = [first[1].strip('"')] if first else []
    for s in _SWITCH.finditer(rest):
        if s["name"].lower() == "m" and s["arg"]:
            tags.append(s["arg"].strip('"'))
    return list(dict.fromkeys(t for t in tags if t))


def _child(el: ElementTree.Element, name: str) -> str:
    found = el.find(f"{_B}{name}")
    return " ".join("".join(found.itertext()).split()) if found is not None else ""


def _work(source: ElementTree.Element) -> Work:
    """One ``b:Source`` as a work."""
    kind = _child(source, "SourceType")
    fields: dict[str, Any] = {attr: _child(source, name) for name, attr in _FIELDS.items()}
    container = next((v for c in _CONTAINERS if (v := _child(source, c))), "")
    if kind == "Report" and not fields["publisher"]:
        fields["publisher"] = _child(source, "Institution")
    extra = tuple(
        (PREFIX + local, value)
        for el in source
        if (local := el.tag.rsplit("}", 1)[-1]) not in _SKIP
        and (value := " ".join("".join(el.itertext()).split()))
    )
    return Work(
        key="",
        type=_TYPES.get(kind, "document"),
        authors=_people(source, "Author"),
        editors=_people(source, "Editor"),
        issued=_date(source, ""),
        accessed=_date(source, "Accessed"),
        container=container,
        extra=extra,
        **fields,
    )


def _people(source: ElementTree.Element, role: str) -> tuple[Person, ...]:
    """The people (or the body, ``b:Corporate``) of a role under ``b:Author``."""
    group = source.find(f"{_B}Author/{_B}{role}")
    if group is None:
        return ()
    corporate = _child(group, "Corporate")
    if corporate:
        return (Person(literal=corporate),)
    out = []
    for p in group.iter(f"{_B}Person"):
        given = " ".join(x for x in (_child(p, "First"), _child(p, "Middle")) if x)
        family = _child(p, "Last")
        if family or given:
            out.append(Person(family=family, given=given) if family else Person(literal=given))
    return tuple(out)


def _date(source: ElementTree.Element, suffix: str) -> str:
    """``YYYY[-MM[-DD]]`` from ``b:Year``, ``b:Month`` (a number or an English name) and
    ``b:Day`` (or their ``Accessed`` forms); a year that is not four digits is kept as
    written."""
    year = _child(source, "Year" + suffix)
    if not re.fullmatch(r"\d{4}", year):
        return year
    month = parse_month(_child(source, "Month" + suffix))
    if month is None:
        return year
    day = _child(source, "Day" + suffix)
    if day.isdigit() and 1 <= int(day) <= 31:
        return f"{year}-{month:02d}-{int(day):02d}"
    return f"{year}-{month:02d}"
