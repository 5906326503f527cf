"""A Zotero item (JSON, as Zotero and Better BibTeX export it) as a CSL-JSON record.

Only what a reference shows is kept: type, names, title, container, date, numbers,
publisher and place, identifiers, URL and access date. Items with markup left in their
titles (BibTeX braces, HTML), without a title, or of a type references seldom cite
(artworks, films, ...) give ``None``.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["zotero_csl"]

TYPES = {
    "journalArticle": "article-journal",
    "book": "book",
    "bookSection": "chapter",
    "conferencePaper": "paper-conference",
    "report": "report",
    "webpage": "webpage",
    "blogPost": "post-weblog",
    "thesis": "thesis",
    "document": "document",
    "magazineArticle": "article-magazine",
    "manuscript": "manuscript",
    "newspaperArticle": "article-newspaper",
    "encyclopediaArticle": "entry-encyclopedia",
    "dictionaryEntry": "entry-dictionary",
    "letter": "personal_communication",
    "email": "personal_communication",
    "interview": "interview",
    "statute": "legislation",
    "bill": "bill",
    "case": "legal_case",
    "patent": "patent",
    "dataset": "dataset",
    "presentation": "speech",
    "preprint": "article",
    "map": "map",
}
FIELDS = {
    "title": "title",
    "nameOfAct": "title",
    "caseName": "title",
    "subject": "title",
    "publicationTitle": "container-title",
    "bookTitle": "container-title",
    "proceedingsTitle": "container-title",
    "websiteTitle": "container-title",
    "blogTitle": "container-title",
    "encyclopediaTitle": "container-title",
    "dictionaryTitle": "container-title",
    "reporter": "container-title",
    "code": "container-title",
    "series": "collection-title",
    "seriesTitle": "collection-title",
    "seriesNumber": "collection-number",
    "volume": "volume",
    "codeVolume": "volume",
    "reporterVolume": "volume",
    "issue": "issue",
    "pages": "page",
    "codePages": "page",
    "firstPage": "page",
    "numPages": "number-of-pages",
    "numberOfVolumes": "number-of-volumes",
    "edition": "edition",
    "publisher": "publisher",
    "institution": "publisher",
    "university": "publisher",
    "court": "authority",
    "place": "publisher-place",
    "number": "number",
    "reportNumber": "number",
    "billNumber": "number",
    "docketNumber": "number",
    "publicLawNumber": "number",
    "type": "genre",
    "reportType": "genre",
    "thesisType": "genre",
    "websiteType": "genre",
    "letterType": "genre",
    "manuscriptType": "genre",
    "section": "section",
    "DOI": "DOI",
    "ISBN": "ISBN",
    "url": "URL",
    "archive": "archive",
    "conferenceName": "event-title",
}
ROLES = {"author", "editor", "translator", "director", "interviewer", "recipient"}
_MARKUP = re.compile(r"[{}\\$<>]|&[a-z]+;")
_ISO = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _clean(value: Any) -> str | None:
    """A field value as one line of text, or ``None`` when it holds markup or nothing."""
    if not isinstance(value, str | int):
        return None
    text = " ".join(str(value).split())
    if not text or _MARKUP.search(text):
        return None
    return text


def date_parts(value: str) -> dict[str, Any] | None:
    """CSL ``date-parts`` from an ISO date or a date written with a month word."""
    m = _ISO.match(value)
    if m:
        parts = [int(g) for g in m.groups() if g and int(g)]
        return {"date-parts": [parts]}
    year = re.search(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", value)
    if not year:
        return None
    parts = [int(year.group(1))]
    month = re.search(r"\b(" + "|".join(_MONTHS) + r")[a-z]*\b", value, re.I)
    if month:
        parts.append(_MONTHS.index(month.group(1).lower()) + 1)
        day = re.search(r"\b(\d{1,2})\b", value.replace(year.group(1), " "))
        if day and 1 <= int(day.group(1)) <= 31:
            parts.append(int(day.group(1)))
    return {"date-parts": [parts]}


def _name(creator: dict[str, Any]) -> dict[str, str] | None:
    """A Zotero creator as a CSL name."""
    if "name" in creator:
        literal = _clean(creator["name"])
        return {"literal": literal} if literal else None
    family, given = _clean(creator.get("lastName")), _clean(creator.get("firstName"))
    if not family:
        return None
    return {"family": family, "given": given} if given else {"family": family}


def _names(item: dict[str, Any], out: dict[str, Any]) -> None:
    """The item's creators in ``out`` by role (contributors as authors)."""
    for creator in item.get("creators") or []:
        role = creator.get("creatorType") or "author"
        role = "author" if role not in ROLES else role
        name = _name(creator)
        if name:
            out.setdefault(role, []).append(name)


def zotero_csl(item: dict[str, Any]) -> dict[str, Any] | None:
    """The CSL-JSON record of a Zotero item, or ``None`` (see the module docstring)."""
    csl_type = TYPES.get(str(item.get("itemType")))
    if csl_type is None:
        return None
    out: dict[str, Any] = {"type": csl_type}
    for field, var in FIELDS.items():
        value = _clean(item.get(field))
        if value and var not in out:
            out[var] = value
    if "title" not in out or len(out["title"]) > 250:
        return None
    _names(item, out)
    for field, var in (("date", "issued"), ("accessDate", "accessed")):
        value = _clean(item.get(field))
        parts = date_parts(value) if value else None
        if parts:
            out[var] = parts
    return out
