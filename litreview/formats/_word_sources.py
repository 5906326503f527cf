"""Word's own citations (References > Insert Citation): the sources a DOCX keeps, and the
``CITATION`` fields that cite them.

Word keeps the document's sources in a custom XML part (``customXml/itemN.xml``, root
``b:Sources`` in the namespace of :data:`NS`), one ``b:Source`` each, named by its
``b:Tag``. A citation is a field whose code is ``CITATION <tag>``, with switches: ``\\m
<tag>`` adds another source, ``\\l <language>``, ``\\p <pages>``, ``\\s``, ``\\t``, ``\\v``,
``\\f``, ``\\n``, ``\\y`` change how it is shown. Each source's fields become a
:class:`Work` (its type from ``b:SourceType``); a field litreview has no place for is kept
as ``Word:<name>``. The same sources saved as a file of their own (Word's Source Manager,
JabRef's "MS Office 2007" export) are read by :mod:`litreview.formats.word_xml`, with
:func:`source_work`.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

from litreview.core.model import Person, Work
from litreview.formats._bibtex_syntax import parse_month

__all__ = ["NS", "citation_tags", "is_sources", "source_work", "word_sources"]

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
#: Elements a list of sources in a document has for Word's own use (which source, in what
#: order, in which language's style): not kept from a document, kept from a file.
_INTERNAL = frozenset({"Guid", "RefOrder", "LCID"})
_SKIP = frozenset({"Tag", "SourceType", "Author", "Year", "Month", "Day", "PatentNumber"})
_SKIP |= {"YearAccessed", "MonthAccessed", "DayAccessed", "StandardNumber", "BIBTEX_KeyWords"}
_SKIP |= {*_CONTAINERS, *_FIELDS}
#: Roles under ``b:Author`` other than the author and the editor, under their shared names
#: (the others as ``Word:<role>``).
_ROLES = {"Translator": "translator", "BookAuthor": "bookauthor"}
#: JabRef's ``b:StandardNumber`` (``:ISBN:x:ISSN:y``): its parts' names -> shared names.
_NUMBERS = {"ISBN": "isbn", "ISSN": "issn", "LCCN": "lccn", "MRN": "mrnumber"}
_NUMBER = re.compile(r":(ISBN|ISSN|LCCN|MRN):([^:]*)")
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
    return source_work(source)


def source_work(source: ElementTree.Element, *, internal: bool = False) -> Work:
    """One ``b:Source`` as a work; ``internal``: Word's own ``Guid``, ``RefOrder`` and
    ``LCID`` kept too (as ``Word:<name>``)."""
    kind = _child(source, "SourceType")
    fields: dict[str, Any] = {attr: _child(source, name) for name, attr in _FIELDS.items()}
    containers = [(c, v) for c in _CONTAINERS if (v := _child(source, c))]
    if kind == "Report" and not fields["publisher"]:
        fields["publisher"] = _child(source, "Institution")
    if _child(source, "PatentNumber"):
        fields["issue"] = fields["issue"] or _child(source, "PatentNumber")
    skip = _SKIP if internal else _SKIP | _INTERNAL
    extra = [
        (PREFIX + local, value)
        for el in source
        if (local := el.tag.rsplit("}", 1)[-1]) not in skip
        and (value := " ".join("".join(el.itertext()).split()))
    ]
    extra += [(PREFIX + name, value) for name, value in containers[1:]]
    return Work(
        key="",
        type=_TYPES.get(kind, "document"),
        authors=_people(source, "Author"),
        editors=_people(source, "Editor"),
        issued=_date(source, ""),
        accessed=_date(source, "Accessed"),
        container=containers[0][1] if containers else "",
        keywords=_keywords(_child(source, "BIBTEX_KeyWords")),
        extra=tuple(extra + _kept(source, kind, fields["issue"])),
        **fields,
    )


def _kept(source: ElementTree.Element, kind: str, issue: str) -> list[tuple[str, str]]:
    """What the fields read leave out: a type Word does not name, other roles' people,
    a month or a day that is no date's, the parts of a standard number, a patent number
    beside an issue."""
    out = [(PREFIX + "SourceType", kind)] if kind and kind not in _TYPES else []
    for el in source.findall(f"{_B}Author/*"):
        role = el.tag.rsplit("}", 1)[-1]
        if role not in ("Author", "Editor") and (people := _people(source, role)):
            names = " and ".join(_name(p) for p in people)
            out.append((_ROLES.get(role, PREFIX + role), names))
    for suffix in ("", "Accessed"):
        parts_read = len(_date(source, suffix).split("-"))  # 2: a month read, 3: a day too
        for n, part in ((2, "Month"), (3, "Day")):
            value = _child(source, part + suffix)
            if value and parts_read < n:
                out.append((PREFIX + part + suffix, value))
    number = _child(source, "StandardNumber")
    parts = _NUMBER.findall(number)
    out += [(_NUMBERS[name], value.strip()) for name, value in parts if value.strip()]
    if number and not parts:
        out.append((PREFIX + "StandardNumber", number))
    patent = _child(source, "PatentNumber")
    if patent and patent != issue:
        out.append((PREFIX + "PatentNumber", patent))
    return out


def _name(person: Person) -> str:
    """A person as a name list writes one (``Family, Given``; an organisation braced)."""
    if person.literal:
        return "{" + person.literal + "}"
    return ", ".join(x for x in (person.family, person.given) if x)


def _keywords(text: str) -> tuple[str, ...]:
    """JabRef's ``b:BIBTEX_KeyWords``: its keywords, split on ``;`` (on ``,`` when it has
    none)."""
    sep = ";" if ";" in text else ","
    return tuple(dict.fromkeys(k.strip() for k in text.split(sep) if k.strip()))


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
    if day.isdecimal() and 1 <= int(day) <= 31:
        return f"{year}-{month:02d}-{int(day):02d}"
    return f"{year}-{month:02d}"
