"""One MARC 21 record (leader, control fields, data fields of subfields) -> Work.

Fields read (:func:`record_work`): 100/110/111 and 700/710/711 names by their relator
(``$4`` code, else ``$e`` term; none is an author; a meeting, 111/711, is the event), 245
title (``$a: $b. $n, $p``, ISBD punctuation dropped), 250 edition, 260/264 place,
publisher and date, 300 page count, 490/830 series, 500/546 notes, 502 thesis, 520
abstract, 650/653 keywords, 773 host (title, and volume, issue and pages from ``$g`` when
it reads so whole), 010 LCCN, 020 ISBN, 022 ISSN, 024 DOI, 035 OCLC number, 856 URL,
041/008 language. A subfield is marked read only when its text is wholly in a field; every
other subfield is kept as ``MARC:<tag>$<code>``, and control fields as ``MARC:<tag>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from litreview.core.model import Person, Work
from litreview.formats._marc_g import read_g
from litreview.formats._marc_maps import ROLES, csl_type
from litreview.formats._names import text_person
from litreview.formats._search import natural_name

__all__ = ["Datafield", "Record", "record_work"]

PREFIX = "MARC:"
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_PAGE_COUNT = re.compile(
    r"(?<!\d)(\d{1,6})\s{0,3}(?:p\b|pp\b|pages\b|Seiten\b|S\.|leaves\b|Bl\.|f\.)", re.I
)
_ISBN = re.compile(r"[0-9][0-9Xx-]{8,16}")
_OCLC = re.compile(r"\((?:OCoLC|OCLC)\)\s*(?:oc[mn]|on)?(\d+)$")
_DOI_URL = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.I)


@dataclass(slots=True)
class Datafield:
    """A data field: its tag, indicators and subfields ``(code, text)``."""

    tag: str
    ind1: str
    ind2: str
    subfields: list[tuple[str, str]]


@dataclass(slots=True)
class Record:
    """A record's leader, control fields and data fields (with other elements' text),
    and which subfields were read."""

    leader: str = ""
    controls: list[tuple[str, str]] = field(default_factory=list)
    fields: list[Datafield] = field(default_factory=list)
    others: list[tuple[str, str]] = field(default_factory=list)
    used: set[tuple[int, int]] = field(default_factory=set)

    def tagged(self, *tags: str) -> list[tuple[int, Datafield]]:
        """The data fields of ``tags``, with their places."""
        return [(n, f) for n, f in enumerate(self.fields) if f.tag in tags]

    def values(self, n: int, code: str, *, mark: bool = True) -> list[str]:
        """The texts of subfield ``code`` of field ``n`` (marked read)."""
        out = []
        for k, (c, value) in enumerate(self.fields[n].subfields):
            if c == code and value:
                out.append(value)
                if mark:
                    self.used.add((n, k))
        return out

    def one(self, n: int, code: str, *, mark: bool = True) -> str:
        """The first text of subfield ``code`` of field ``n`` (only it marked read)."""
        for k, (c, value) in enumerate(self.fields[n].subfields):
            if c == code and value:
                if mark:
                    self.used.add((n, k))
                return value
        return ""

    def first(self, tag: str, code: str, *, mark: bool = True) -> str:
        """The first text of subfield ``code`` in a field ``tag``."""
        for n, _ in self.tagged(tag):
            if value := self.one(n, code, mark=mark):
                return value
        return ""

    def mark(self, n: int, code: str, value: str) -> None:
        """Mark the subfield ``code`` of field ``n`` holding ``value`` read."""
        for k, (c, v) in enumerate(self.fields[n].subfields):
            if c == code and v == value:
                self.used.add((n, k))
                return

    def control(self, tag: str) -> str:
        return next((v for t, v in self.controls if t == tag), "")


def clean(value: str) -> str:
    """A subfield without the ISBD punctuation that ends it: ``" /"``, ``" :"``,
    ``" ;"``, ``" ="``, ``","`` and a final ``"."`` (not an initial's, "Jr." and "U.S.A."
    keep theirs, nor an omission's "..."): ``"Cham :"`` -> ``"Cham"``."""
    value = value.strip()
    while value:
        last = value[-1]
        spaced = last in "/:;=" and value[-2:-1].isspace()
        stop = last == "." and not value.endswith("..") and not _initial(value)
        if not (last == "," or spaced or stop):
            break
        value = value[:-1].rstrip()
    return value


def _initial(value: str) -> bool:
    """Whether ``value`` ends in an initial's full stop (``"Roe, J."``, ``"U.S.A."``)."""
    return value[-2:-1].isupper() and (len(value) == 2 or value[-3] in " .")


def record_work(r: Record) -> Work:
    """A record as a work."""
    fields: dict[str, Any] = {}
    extra: list[tuple[str, str]] = []
    people = _people(r, extra)
    fields["title"] = _title(r)
    thesis = r.tagged("502")
    host = r.tagged("773")
    serial = any(r.values(n, "x", mark=False) for n, _ in host) or r.leader[7:8] == "b"
    kind = csl_type(r.leader, r.control("008")[26:27], bool(thesis), serial)
    _imprint(r, fields, extra)
    if kind == "thesis":
        _thesis(r, fields, extra)
    _host(r, fields, extra)
    fields["doi"] = _doi(r)
    fields["url"] = r.first("856", "u")
    fields["abstract"] = "\n\n".join(v for n, _ in r.tagged("520") for v in r.values(n, "a"))
    fields["note"] = "\n\n".join(v for n, _ in r.tagged("500", "546") for v in r.values(n, "a"))
    extra += _identifiers(r) + _misc(r)
    keywords = _keywords(r)
    extra += _rest(r)
    return Work(
        key="",
        type=kind,
        authors=people["authors"],
        editors=people["editors"],
        keywords=keywords,
        extra=tuple((k, v) for k, v in extra if v),
        **{k: v for k, v in fields.items() if v},
    )


_NAMES = {"100": "", "110": "corporate", "111": "meeting"}
_NAMES |= {"7" + tag[1:]: kind for tag, kind in _NAMES.items()}


def _people(r: Record, extra: list[tuple[str, str]]) -> dict[str, tuple[Person, ...]]:
    """The people of the main and added entries, by their relators."""
    found: dict[str, list[Person]] = {"authors": [], "editors": [], "translator": []}
    for n, f in r.tagged(*_NAMES):
        kind = _NAMES[f.tag]
        if any(code == "t" for code, _ in f.subfields):  # a name and title: a work, kept
            continue
        name = clean(r.one(n, "a"))
        if kind == "corporate":
            name = ". ".join([name, *map(clean, r.values(n, "b"))])
        if not name:
            continue
        if kind == "meeting":
            extra.append(("eventtitle", name))
            continue
        role, other = _role(r, n)
        person = _person(name, kind)
        if role:
            found[role].append(person)
        else:
            extra.append((f"{PREFIX}{f.tag}[{other}]", name))
    if found["translator"]:
        extra.append(("translator", " and ".join(_shown(p) for p in found["translator"])))
    return {k: tuple(v) for k, v in found.items()}


def _person(name: str, kind: str) -> Person:
    """A personal name (``Family, Given``, else in its natural order) or an
    organisation."""
    if kind:
        return Person(literal=name)
    family, comma, given = name.partition(",")
    if not comma:
        return natural_name(name) if " " in name else text_person(name)
    return text_person(family, clean(given))


def _role(r: Record, n: int) -> tuple[str, str]:
    """(where the people of field ``n`` go, ``""`` for a role kept as it is; that role)."""
    codes = [(c, v) for c, v in r.fields[n].subfields if c in "4e" and v]
    for _, value in codes:
        key = value.lower().strip(" .,")
        if key in ROLES:
            for c, v in codes:
                r.mark(n, c, v)
            return ROLES[key], ""
    return ("authors", "") if not codes else ("", codes[0][1].strip(" .,"))


def _shown(person: Person) -> str:
    return person.literal or ", ".join(x for x in (person.family, person.given) if x)


def _title(r: Record) -> str:
    """The 245 title: ``$a: $b. $n, $p``."""
    found = r.tagged("245")
    if not found:
        return ""
    n = found[0][0]
    title, sub = clean(r.one(n, "a")), clean(r.one(n, "b"))
    part = ", ".join(clean(v) for v in r.values(n, "n") + r.values(n, "p"))
    return ". ".join(t for t in (f"{title}: {sub}" if sub and title else title or sub, part) if t)


def _imprint(r: Record, fields: dict[str, Any], extra: list[tuple[str, str]]) -> None:
    """Place, publisher and year of the first 260/264 publication statement (a 264 of
    copyright, ``ind2`` 4, kept); the year from 008 when no statement gives one."""
    found = [(n, f) for n, f in r.tagged("260", "264") if f.tag == "260" or f.ind2 in "1 "]
    for n, _ in found:
        fields["place"] = fields.get("place") or clean(r.one(n, "a"))
        fields["publisher"] = fields.get("publisher") or clean(r.one(n, "b"))
        date = r.one(n, "c", mark=False)
        if date and not fields.get("issued") and (year := _YEAR.search(date)):
            fields["issued"] = year[0]
            if clean(date) == year[0]:
                r.mark(n, "c", date)
    fixed = r.control("008")[7:11]
    if not fields.get("issued") and fixed.isdecimal():
        fields["issued"] = fixed
    extents = [v for n, _ in r.tagged("300") for v in r.values(n, "a", mark=False)]
    counts = [hits[-1] for v in extents if (hits := _PAGE_COUNT.findall(v))]
    extra.append(("pagetotal", counts[0] if counts else ""))
    for n, _ in r.tagged("250"):
        extra.append(("edition", clean(r.one(n, "a"))))


def _thesis(r: Record, fields: dict[str, Any], extra: list[tuple[str, str]]) -> None:
    """A thesis's school as its publisher (the imprint's kept), its degree as its
    genre."""
    n = r.tagged("502")[0][0]
    school = clean(r.one(n, "c", mark=False))
    if school:
        r.mark(n, "c", r.one(n, "c", mark=False))
        for k, f in r.tagged("260", "264"):
            r.used -= {(k, j) for j, (c, _) in enumerate(f.subfields) if c in "ab"}
        fields["publisher"], fields["place"] = school, ""
    extra.append(("type", clean(r.one(n, "b"))))


def _host(r: Record, fields: dict[str, Any], extra: list[tuple[str, str]]) -> None:
    """The 773 host: its title, and volume, issue and pages from each ``$g`` that reads
    so whole and agrees with what is read (else the ``$g`` is kept)."""
    for n, _ in r.tagged("773"):
        fields["container"] = fields.get("container") or clean(r.one(n, "t"))
        for g in r.values(n, "g", mark=False):
            found = read_g(g)
            if found is None:
                continue
            year = found.pop("year", "")
            if year and fields.get("issued", year)[:4] != year:
                continue
            if all(fields.get(k, v) == v for k, v in found.items()):
                fields.update(found)
                fields["issued"] = fields.get("issued") or year
                r.mark(n, "g", g)
        for issn in r.values(n, "x"):
            extra.append(("issn", issn))
        for isbn in r.values(n, "z"):
            extra.append(("isbn", isbn))


def _doi(r: Record) -> str:
    for n, _ in r.tagged("024"):
        if any(v.lower() == "doi" for v in r.values(n, "2", mark=False)):
            r.values(n, "2")
            return _DOI_URL.sub("", r.one(n, "a"))
    return ""


def _identifiers(r: Record) -> list[tuple[str, str]]:
    """LCCN, ISBNs (the number, its qualifier kept), ISSNs, OCLC numbers."""
    out = [("lccn", r.first("010", "a").strip())]
    for n, _ in r.tagged("020"):
        for value in r.values(n, "a", mark=False):
            m = _ISBN.match(value.strip())
            if m:
                out.append(("isbn", m[0]))
                if m[0] == value.strip():
                    r.mark(n, "a", value)
    out += [("issn", v) for n, _ in r.tagged("022") for v in r.values(n, "a")]
    for n, _ in r.tagged("035"):
        for value in r.values(n, "a", mark=False):
            if m := _OCLC.match(value.strip()):
                out.append(("oclc", m[1]))
    return out


def _misc(r: Record) -> list[tuple[str, str]]:
    """Language (041, else 008/35-37) and series (490, else 830), under their shared
    names."""
    language = r.first("041", "a") or r.control("008")[35:38].strip(" |")
    series = [clean(v) for n, _ in r.tagged("490") for v in r.values(n, "a")]
    if not series:
        series = [clean(v) for n, _ in r.tagged("830") for v in r.values(n, "a")]
    return [("language", language)] + [("series", s) for s in series]


def _keywords(r: Record) -> tuple[str, ...]:
    """650 topics (``$a -- $x -- $y -- $z``) and 653 terms, each once."""
    found = []
    for n, f in r.tagged("650", "653"):
        if f.tag == "653":
            found += [clean(v) for v in r.values(n, "a")]
            continue
        parts = [clean(v) for c in "axyz" for v in r.values(n, c)]
        found.append(" -- ".join(p for p in parts if p))
    return tuple(dict.fromkeys(k for k in found if k))


def _rest(r: Record) -> list[tuple[str, str]]:
    """The leader, control fields, other elements and every subfield not read."""
    out = [(PREFIX + "leader", r.leader)] + [(PREFIX + t, v) for t, v in r.controls]
    for n, f in enumerate(r.fields):
        out += [
            (f"{PREFIX}{f.tag}${c}", v)
            for k, (c, v) in enumerate(f.subfields)
            if (n, k) not in r.used and v
        ]
    return out + [(PREFIX + name, v) for name, v in r.others]
