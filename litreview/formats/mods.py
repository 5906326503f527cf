"""MODS XML (the Library of Congress's Metadata Object Description Schema, root ``mods`` or
``modsCollection`` in the namespace of :data:`NS`) -> Work.

What library catalogues, Zotero ("MODS") and repositories export. Parsed as the other XML
formats are (:mod:`litreview.formats._xml`: no DTD or external entity fetched, entity bombs
refused). Read into fields: the main ``titleInfo`` (``nonSort``, ``title``, ``subTitle``,
``partNumber``, ``partName``), names by role (``roleTerm`` code or text; a name without a
role is an author; translators as ``translator``, other roles kept), ``originInfo``'s
date issued (or created), publisher (or agent) and place, the edition, the host
(``relatedItem type="host"``) as container with its ``part``'s volume, issue and pages
(and its publisher, place and date when the work has none), the series, identifiers
(DOI, ISBN, ISSN, PMID, LCCN ...; ``citekey`` as citekey), the first URL, abstract,
``subject/topic`` as keywords, notes, language. ``genre``, then the host's genre, then
``typeOfResource`` give the CSL type (:mod:`litreview.formats._mods_maps`). The text of
every other element, genre and type too, is kept as ``MODS:<path>``
(``MODS:relatedItem[host]/part/extent/total``), so nothing is lost. A record with no
title, name, date or identifier is a notice, not a work.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Work, replace
from litreview.formats._citekeys import is_citekey
from litreview.formats._mods_maps import IDENTIFIERS, csl_type
from litreview.formats._mods_names import read_people
from litreview.formats._search import date_of
from litreview.formats._xml import (
    element_leaves,
    local_name,
    parse_xml,
    read_records,
    start_lines,
)

__all__ = ["NS", "is_mods", "read_mods"]

NS = "http://www.loc.gov/mods/v3"
PREFIX = "MODS:"
_ROOT = re.compile(r"<(?:[\w.-]+:)?(?:mods|modsCollection)[\s>]")
_SPACE = re.compile(r"\s+")
_DATE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
# elements named in extra by their authority (``MODS:classification[lcc]``)
_BY_AUTHORITY = frozenset({"classification", "genre"})
# elements nested deeper than this below a record are kept as one value (their text)
_DEPTH = 24


def is_mods(text: str) -> bool:
    """Whether ``text`` is MODS: a ``mods`` or ``modsCollection`` root."""
    head = text.lstrip("\ufeff").lstrip()[:3000]
    return head.startswith("<") and bool(_ROOT.search(head))


@bulk
def read_mods(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of a MODS file and its problems."""
    root, problems = parse_xml(text, path)
    if root is None:
        return [], problems
    if not root.tag.startswith(f"{{{NS}}}"):
        if root.tag not in ("mods", "modsCollection"):
            message = f"root <{local_name(root)}> is not MODS (<mods> or <modsCollection>)"
            return [], [Problem(path=path, line=1, severity="error", message=message)]
        message = f"<{root.tag}> without the MODS namespace ({NS}): read as MODS"
        problems.append(Problem(path=path, line=1, severity="warning", message=message))
    _strip_namespace(root)
    records = [root] if root.tag == "mods" else [e for e in root if e.tag == "mods"]
    keys: set[str] = set()
    works, unread = read_records(
        records,
        lambda record: _keyed(record_work(record), record, keys),
        _IDS,
        start_lines(text, "mods"),
        path=path,
        kind="record",
    )
    if not records:
        message = "no <mods> record in the collection: no work read"
        unread.append(Problem(path=path, line=1, severity="notice", message=message))
    return works, problems + unread


def _strip_namespace(root: ET.Element) -> None:
    """MODS elements by their local names (every other namespace's keep theirs)."""
    ns = f"{{{NS}}}"
    for e in root.iter():
        if isinstance(e.tag, str) and e.tag.startswith(ns):
            e.tag = e.tag[len(ns) :]


def _text(element: ET.Element | None) -> str:
    if element is None:
        return ""
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


class _Record:
    """One record: finds that mark what they read (the rest goes to extra)."""

    def __init__(self, record: ET.Element) -> None:
        self.record = record
        self.used: set[int] = set()

    def all(self, path: str, under: ET.Element | None = None) -> list[ET.Element]:
        found = (self.record if under is None else under).findall(path)
        for e in found:
            self.mark(e)
        return found

    def texts(self, path: str, under: ET.Element | None = None) -> list[str]:
        return [t for t in (_text(e) for e in self.all(path, under)) if t]

    def first(self, path: str, under: ET.Element | None = None) -> str:
        """The first text at ``path``; only that element is marked read."""
        for e in (self.record if under is None else under).findall(path):
            if _text(e):
                self.mark(e)
                return _text(e)
        return ""

    def mark(self, element: ET.Element) -> None:
        self.used.update(id(e) for e in element.iter())


def record_work(record: ET.Element) -> Work:
    """One ``<mods>`` record as a work."""
    r = _Record(record)
    host = next((e for e in record.findall("relatedItem") if e.get("type") == "host"), None)
    fields: dict[str, Any] = {"title": _title(r, record)}
    people = read_people(r.all("name"), PREFIX)
    fields["container"] = _title(r, host) if host is not None else ""
    extra: list[tuple[str, str]] = []
    issued, raw = _issued(r, record)
    for where in (record, host):
        if where is None:
            continue
        fields["publisher"] = fields.get("publisher") or r.first("originInfo/publisher", where)
        fields["place"] = fields.get("place") or "; ".join(_places(r, where))
        if not issued and where is host:
            issued, raw = _issued(r, host)
        _part(r, where, fields, extra)
    if not fields["publisher"]:
        fields["publisher"] = r.first("originInfo/agent/namePart")
    if host is not None:
        people = people.with_host(read_people(r.all("name", host), PREFIX))
    extra += [(PREFIX + "originInfo/dateIssued", raw)] if raw and raw != issued else []
    fields["url"] = r.first("location/url")
    fields["accessed"] = _accessed(record, fields["url"])
    ids, fields["doi"] = _identifiers(r, record, host, fields["url"])
    fields["abstract"] = "\n\n".join(r.texts("abstract"))
    fields["note"] = "\n\n".join(r.texts("note"))
    keywords = tuple(dict.fromkeys(r.texts("subject/topic")))
    fields["url"] = fields["url"] or dict(ids).get("url", "")
    extra += [i for i in ids if i[0] != "url"] + people.extra + _misc(r, record, host)
    extra += _rest(record, r.used)
    return Work(
        key="",
        type=csl_type(record, host),
        authors=people.authors,
        editors=people.editors,
        issued=issued,
        keywords=keywords,
        extra=tuple(extra),
        **{k: v for k, v in fields.items() if v},
    )


def _title(r: _Record, item: ET.Element) -> str:
    """The title of the first ``titleInfo`` without a type: ``nonSort title: subTitle.
    partNumber, partName``."""
    info = next((t for t in item.findall("titleInfo") if not t.get("type")), None)
    if info is None:
        info = next(iter(item.findall("titleInfo")), None)
        if info is None:
            return ""
    r.mark(info)
    non_sort, title = _text(info.find("nonSort")), _text(info.find("title"))
    if non_sort:
        title = non_sort + ("" if non_sort.endswith(("'", "’")) else " ") + title
    sub = _text(info.find("subTitle"))
    part = ", ".join(t for t in (_text(info.find("partNumber")), _text(info.find("partName"))) if t)
    return ". ".join(t for t in (f"{title}: {sub}" if sub else title, part) if t)


def _issued(r: _Record, item: ET.Element) -> tuple[str, str]:
    """(``YYYY[-MM[-DD]]``, the text it was read from) of the date issued (the key date or
    an encoded one first), else of the date created."""
    for name in ("dateIssued", "dateCreated"):
        dates = [e for e in item.findall(f"originInfo/{name}") if _text(e)]
        dates = [e for e in dates if e.get("point") != "end"] or dates
        dates.sort(key=lambda e: (e.get("keyDate") != "yes", e.get("encoding") is None))
        if dates:
            r.mark(dates[0])
            raw = _text(dates[0])
            m = _DATE.match(raw)
            if m:
                return date_of(m[1], f"{m[2] or ''} {m[3] or ''}" if m[2] else ""), raw
            year = re.search(r"\b(?:1[5-9]|20)\d\d\b", raw)
            return (year[0] if year else ""), raw
    return "", ""


def _places(r: _Record, item: ET.Element) -> list[str]:
    """The places written as text (a code, ``type="code"``, is kept as it is)."""
    terms = [e for e in item.findall("originInfo/place/placeTerm") if e.get("type") != "code"]
    for e in terms:
        r.mark(e)
    return list(dict.fromkeys(t for t in map(_text, terms) if t))


_DETAILS = {"volume": "volume", "issue": "issue", "number": "issue", "page": "pages"}


def _part(
    r: _Record, item: ET.Element, fields: dict[str, Any], extra: list[tuple[str, str]]
) -> None:
    """Volume, issue and pages of ``item``'s ``part`` (its page total as ``pagetotal``)."""
    for detail in item.findall("part/detail"):
        name = _DETAILS.get((detail.get("type") or "").lower())
        value = _text(detail.find("number")) or _text(detail.find("caption"))
        if name and value and not fields.get(name):
            fields[name] = value
            r.mark(detail)
    for extent in item.findall("part/extent"):
        if (extent.get("unit") or "page").lower() not in ("page", "pages", "pp", "p"):
            continue
        start, end = _text(extent.find("start")), _text(extent.find("end"))
        pages = f"{start}-{end}" if start and end else start or end or _text(extent.find("list"))
        if pages and not fields.get("pages"):
            fields["pages"] = pages
            r.mark(extent)
        total = _text(extent.find("total"))
        if total:
            extra.append(("pagetotal", total))
            r.mark(extent)


def _identifiers(
    r: _Record, record: ET.Element, host: ET.Element | None, url: str
) -> tuple[list[tuple[str, str]], str]:
    """(identifiers under their shared names, the DOI) of the record and its host (a
    host's ISSN or ISBN is the work's journal's or book's); a URI is the URL when the
    record's ``location`` gives none."""
    out: list[tuple[str, str]] = []
    doi = ""
    found = list(record.findall("identifier"))
    found += list(host.findall("identifier")) if host is not None else []
    for e in found:
        kind, value = (e.get("type") or "").lower(), _text(e)
        if not value or e.get("invalid") == "yes":
            continue
        if kind == "citekey" and e in record:  # the key (:func:`_keyed`)
            pass
        elif kind == "doi" and not doi:
            doi = re.sub(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", "", value, flags=re.I)
        elif kind in ("uri", "url") and not url:
            out.append(("url", value))
            url = value
        elif kind in IDENTIFIERS:
            out.append((IDENTIFIERS[kind], value))
        else:
            continue
        r.mark(e)
    return out, doi


def _misc(r: _Record, record: ET.Element, host: ET.Element | None) -> list[tuple[str, str]]:
    """Language, edition, series and short title under their shared names."""
    out = []
    language = r.first("language/languageTerm[@type='code']") or r.first("language/languageTerm")
    out.append(("language", language or r.first("language")))
    out.append(("edition", r.first("originInfo/edition")))
    series = next((e for e in record.findall("relatedItem") if e.get("type") == "series"), None)
    if series is not None:
        out.append(("series", _title(r, series)))
    short = next((e for e in record.findall("titleInfo") if e.get("type") == "abbreviated"), None)
    if short is not None:
        r.mark(short)
        out.append(("shorttitle", _text(short.find("title"))))
    if host is not None:
        out.append(("shortjournal", _abbreviated(r, host)))
    return [(k, v) for k, v in out if v]


def _abbreviated(r: _Record, host: ET.Element) -> str:
    short = next((e for e in host.findall("titleInfo") if e.get("type") == "abbreviated"), None)
    if short is None:
        return ""
    r.mark(short)
    return _text(short.find("title"))


def _keyed(work: Work, record: ET.Element, keys: set[str]) -> Work:
    """``work`` under its ``citekey`` identifier (else its ``ID``) as citekey, the first
    time a key that can be one is seen; else the identifier kept as ``id``."""
    cited = [e for e in record.findall("identifier") if e.get("type") == "citekey"]
    key = _text(cited[0]) if cited else (record.get("ID") or "").strip()
    if key and is_citekey(key) and key not in keys:
        keys.add(key)
        return work.with_key(key)
    return replace(work, extra=(("id", key), *work.extra)) if cited and key else work


_IDS = frozenset({*IDENTIFIERS.values()})


def _accessed(record: ET.Element, url: str) -> str:
    """When the URL read was last seen (``dateLastAccessed``, as Zotero writes it)."""
    for e in record.findall("location/url"):
        if _text(e) == url and (m := _DATE.match(e.get("dateLastAccessed") or "")):
            return date_of(m[1], f"{m[2] or ''} {m[3] or ''}" if m[2] else "")
    return ""


_XLINK = "{http://www.w3.org/1999/xlink}href"


def _rest(record: ET.Element, used: set[int]) -> list[tuple[str, str]]:
    """The text of every element not read (or the link of one without text, its
    ``xlink:href``), as ``MODS:<path>`` (a ``type`` in brackets:
    ``MODS:identifier[local]``)."""
    leaves = element_leaves(record, _DEPTH, _qualifier)
    return [
        (PREFIX + path, value)
        for path, e in leaves
        if id(e) not in used and (value := _text(e) or (e.get(_XLINK) or "").strip())
    ]


def _qualifier(name: str, element: ET.Element) -> str:
    """What tells an element from others of its name in a path: its ``type`` (a
    classification's or a genre's authority)."""
    return element.get("type") or (element.get("authority") if name in _BY_AUTHORITY else "") or ""
