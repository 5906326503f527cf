"""Zotero RDF (``rdf:RDF`` with Zotero's export namespace, ``.rdf``) -> Work.

The export Zotero offers as "Zotero RDF": the one that keeps an item's notes, its
attachments, the collections it is filed in and every field. An item is a described
resource (``bib:Article``, ``rdf:Description`` ...) with a ``z:itemType`` other than
``attachment`` or ``note``; what it refers to (its journal, a series, its publisher, its
notes and attachments) is another resource, written inside it or at the top level and named
by ``rdf:resource``. Parsed as the other XML formats are (:mod:`litreview.formats._xml`: no
DTD or external entity fetched, entity bombs refused).

Read into fields: the title; creators by role (:data:`~._zotero_rdf_maps.ROLES`); the
container (``dcterms:isPartOf``: a journal, book, website ... with its title, short title,
volume, number and identifiers; a ``bib:Part`` as the section; a ``bib:Series`` as the
series); the publisher (``foaf:Organization``'s name and ``vcard:locality``); ``dc:date`` as
the date issued (the text as written kept when it says more or otherwise), the accessed date
(``dcterms:dateSubmitted``); pages, volume, number, edition, language, short title, page
total, genre (``dc:type``), the conference's name; identifiers (``DOI``, ``ISSN``, ``ISBN``
written as text; a ``dcterms:URI`` as the URL); the abstract; tags as keywords; Zotero's
Extra field (``dc:description``) as the note, a ``Citation Key: key`` line in it (Better
BibTeX's) as the citekey and its ``DOI:``, ``PMID:``, ``PMCID:`` and ``arXiv:`` lines as the
work's identifiers; child notes (``bib:Memo``, HTML) as ``annote`` in plain text. What
has no field is kept as ``Zotero:<path>``: an attachment (``Zotero:attachment``: its title,
link or file, its type and when it was saved), each collection an item is filed in
(``Zotero:collection``, parents first: ``Reviews / Included``), a related item
(``Zotero:relation``, its title), the call number, creators of other roles and every other
element by its path (``Zotero:libraryCatalog``). A resource with no ``z:itemType`` that
nothing refers to is a work when its class says what kind
(:data:`~._zotero_rdf_maps.CLASSES`: what other tools writing this vocabulary give); an item
with no title, creator, date or identifier is a notice, and notes filed under no item are
one notice.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from litreview.core.bulk import bulk
from litreview.core.errors import Problem
from litreview.core.model import Person, Work, replace
from litreview.core.text import line_numbers
from litreview.formats._citekeys import is_citekey
from litreview.formats._dates import typed_date
from litreview.formats._mods_maps import GENRES, genre_key
from litreview.formats._names import names_text, text_person
from litreview.formats._xml import element_leaves, local_name, parse_xml, read_records
from litreview.formats._zotero_rdf_maps import CLASSES, NS, ROLES, SKIPPED_TYPES

__all__ = ["is_zotero_rdf", "read_zotero_rdf"]

PREFIX = "Zotero:"
_RDF = NS["rdf"]
_ABOUT = f"{{{_RDF}}}about"
_NODE = f"{{{_RDF}}}nodeID"
_RESOURCE = f"{{{_RDF}}}resource"
_ROOT = re.compile(r"<(?:[\w.-]+:)?RDF[\s>]")
_SPACE = re.compile(r"\s+")
_ID = re.compile(r"(ISSN|ISBN|DOI)\s+(\S.*)", re.S)
_KEY = re.compile(r"^\s*Citation Key\s*:\s*(\S+)\s*$", re.M | re.I)
_EXTRA_LINE = re.compile(r"^\s*(DOI|PMID|PMCID|arXiv|ISBN|ISSN)\s*:\s*(\S[^\n]*)$", re.M | re.I)
_EXTRA_IDS = {"pmid": "pmid", "pmcid": "pmcid", "arxiv": "eprint", "isbn": "isbn", "issn": "issn"}
# elements nested deeper than this below an item are kept as one value (their text)
_DEPTH = 24


def _q(name: str) -> str:
    """``"dc:title"`` as ElementTree names it: ``{http://purl.org/dc/elements/1.1/}title``."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def is_zotero_rdf(text: str) -> bool:
    """Whether ``text`` is RDF/XML naming Zotero's export namespace."""
    head = text.lstrip("\ufeff").lstrip()[:5000]
    return head.startswith("<") and NS["z"] in head and bool(_ROOT.search(head))


@bulk
def read_zotero_rdf(text: str, path: str = "<string>") -> tuple[list[Work], list[Problem]]:
    """Works of a Zotero RDF export and its problems."""
    root, problems = parse_xml(text, path)
    if root is None:
        return [], problems
    if root.tag != f"{{{_RDF}}}RDF":
        message = f"root <{local_name(root)}> is not rdf:RDF: not a Zotero RDF export"
        return [], [Problem(path=path, line=1, severity="error", message=message)]
    graph = _Graph(root)
    items = graph.items()
    lines = _lines(text, items)
    keys: set[str] = set()
    works, unread = read_records(
        items,
        lambda item: _keyed(_Item(item, graph).work(), keys),
        _IDS,
        lines,
        path=path,
        kind="item",
    )
    loose = graph.loose_notes()
    if loose:
        message = f"{loose} note(s) filed under no item: not read (no work to keep them with)"
        unread.append(Problem(path=path, line=None, severity="notice", message=message))
    if not items:
        message = "no item (a resource whose z:itemType is not attachment or note): no work read"
        unread.append(Problem(path=path, line=1, severity="notice", message=message))
    return works, problems + unread


_IDS = frozenset({"isbn", "issn", "accession-number"})


class _Graph:
    """The resources of a file by name, what refers to what, and the collections."""

    def __init__(self, root: ET.Element) -> None:
        self.root = root
        self.named: dict[str, ET.Element] = {}
        referred: set[str] = set()
        for e in root.iter():
            name = e.get(_ABOUT) or e.get(_NODE)
            if name and name not in self.named and isinstance(e.tag, str):
                self.named[name] = e
            if e.get(_RESOURCE) is not None:
                referred.add(e.get(_RESOURCE) or "")
        self.referred = referred
        self.collections = _collections(self)

    def resolve(self, prop: ET.Element) -> ET.Element | None:
        """The resource a property names: the one written inside it, else the one its
        ``rdf:resource`` names (``None``: a literal, or a name no resource has)."""
        inside = next((c for c in prop if isinstance(c.tag, str)), None)
        if inside is not None:
            return inside
        name = prop.get(_RESOURCE)
        return self.named.get(name) if name else None

    def loose_notes(self) -> int:
        """Top-level notes no item names as its own (Zotero's standalone notes; a
        collection may hold them)."""
        owned = {p.get(_RESOURCE) for p in self.root.iter(_q("dcterms:isReferencedBy"))}
        return sum(
            1
            for node in self.root
            if (node.tag == _q("bib:Memo") or _text(node.find(_q("z:itemType"))) == "note")
            and (node.get(_ABOUT) or "") not in owned
        )

    def items(self) -> list[ET.Element]:
        """The top-level resources that are works."""
        out = []
        for node in self.root:
            if not isinstance(node.tag, str):
                continue
            kind = _text(node.find(_q("z:itemType")))
            if kind:
                if kind not in SKIPPED_TYPES:
                    out.append(node)
            elif (
                node.tag.startswith(f"{{{NS['bib']}}}")
                and local_name(node) in CLASSES
                and (node.get(_ABOUT) or "") not in self.referred
            ):
                out.append(node)
        return out


def _collections(graph: _Graph) -> dict[str, list[str]]:
    """The name of each item (its ``rdf:about``) -> the collections it is filed in, each as
    its path from the top (``Reviews / Included``)."""
    collections = [n for n in graph.root if n.tag == _q("z:Collection")]
    title = {(c.get(_ABOUT) or ""): _text(c.find(_q("dc:title"))) for c in collections}
    parent: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    for c in collections:
        here = c.get(_ABOUT) or ""
        for part in c.findall(_q("dcterms:hasPart")):
            name = part.get(_RESOURCE) or ""
            if name in title:
                parent.setdefault(name, here)
            elif name:
                members.setdefault(name, []).append(here)

    def path(name: str) -> str:
        steps: list[str] = []
        seen: set[str] = set()
        while name and name not in seen:  # a file may make a cycle of collections
            seen.add(name)
            steps.append(title.get(name) or name)
            name = parent.get(name, "")
        return " / ".join(reversed(steps))

    return {item: [path(c) for c in dict.fromkeys(cs)] for item, cs in members.items()}


def _text(element: ET.Element | None) -> str:
    if element is None:
        return ""
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def _block(element: ET.Element) -> str:
    """An element's text with its line breaks (an abstract's paragraphs), each line's
    spaces collapsed, blank lines run together."""
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(element.itertext()).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _lines(text: str, items: list[ET.Element]) -> list[int]:
    """The line each item starts on, found by its name (``rdf:about``); 0 when unnamed."""
    at: dict[str, int] = {}
    for m in re.finditer(r"""\brdf:(?:about|nodeID)\s*=\s*["']([^"']*)["']""", text):
        at.setdefault(m.group(1), m.start())
    starts = [at.get(item.get(_ABOUT) or item.get(_NODE) or "", -1) for item in items]
    found = line_numbers(text, [max(s, 0) for s in starts])
    return [line if s >= 0 else 0 for line, s in zip(found, starts, strict=True)]


class _Item:
    """One item being read: what it and the resources it names hold, each element marked
    when read (the rest goes to extra)."""

    def __init__(self, node: ET.Element, graph: _Graph) -> None:
        self.node = node
        self.graph = graph
        self.used: set[int] = set()
        self.fields: dict[str, Any] = {}
        self.extra: list[tuple[str, str]] = []
        self.people: dict[str, list[Person]] = {"authors": [], "editors": []}
        self.keywords: list[str] = []
        # resources read with the item (its journal at the top level): their elements not
        # read are kept too, under the property that named them
        self.parts: list[tuple[str, ET.Element]] = []

    def mark(self, element: ET.Element) -> None:
        self.used.update(id(e) for e in element.iter())

    def value(self, parent: ET.Element, name: str) -> str:
        """The first text of ``name`` under ``parent``; that element marked read."""
        for e in parent.findall(_q(name)):
            if _text(e):
                self.mark(e)
                return _text(e)
        return ""

    def set(self, field: str, value: str) -> None:
        if value and not self.fields.get(field):
            self.fields[field] = value

    def work(self) -> Work:
        node = self.node
        kind = self.value(node, "z:itemType")
        csl = GENRES.get(genre_key(kind)) or ("" if kind else CLASSES.get(local_name(node), ""))
        if kind and not GENRES.get(genre_key(kind)):
            self.extra.append((PREFIX + "itemType", kind))
        csl = csl or "document"
        self.set("title", self.value(node, "dc:title"))
        self._containers(node)
        self._creators()
        self._publisher()
        self._dates()
        self._simple(csl)
        self._identifiers(node)
        self._subjects()
        self._notes()
        self._attachments()
        self._relations()
        self._extra_field()
        name = node.get(_ABOUT) or ""
        self.extra += [(PREFIX + "collection", c) for c in self.graph.collections.get(name, [])]
        self.extra += self._rest()
        return Work(
            key="",
            type=csl,
            authors=tuple(self.people["authors"]),
            editors=tuple(self.people["editors"]),
            keywords=tuple(dict.fromkeys(self.keywords)),
            extra=tuple((k, v) for k, v in self.extra if v),
            **{k: v for k, v in self.fields.items() if v},
        )

    def _containers(self, node: ET.Element, depth: int = 0) -> None:
        """What ``node`` is part of: a section (``bib:Part``, itself part of the
        container), a series, or the container."""
        for prop in node.findall(_q("dcterms:isPartOf")):
            target = self.graph.resolve(prop)
            self.mark(prop)
            if target is None or depth > 2 or target is node:
                if target is None and _text(prop):
                    self.set("container", _text(prop))
                continue
            self._read_part(prop, target)
            cls = local_name(target)
            if cls == "Part":
                self.extra.append((PREFIX + "section", self.value(target, "dc:title")))
                self._containers(target, depth + 1)
            elif cls == "Series":
                self._series(target)
            else:
                self.set("container", self.value(target, "dc:title"))
                self.extra.append(("shortjournal", self.value(target, "dcterms:alternative")))
                self.set("volume", self.value(target, "prism:volume"))
                self.set("issue", self.value(target, "prism:number"))
                self._identifiers(target)
                self._containers(target, depth + 1)

    def _read_part(self, prop: ET.Element, target: ET.Element) -> None:
        """Keep what a resource at the top level holds beyond what is read of it."""
        if not any(c is target for c in prop):
            self.parts.append((local_name(prop), target))

    def _series(self, series: ET.Element) -> None:
        self.extra.append(("series", self.value(series, "dc:title")))
        for name, field in (
            ("dcterms:alternative", "seriesTitle"),
            ("dc:description", "seriesText"),
            ("dc:identifier", "seriesNumber"),
        ):
            self.extra.append((PREFIX + field, self.value(series, name)))

    def _creators(self) -> None:
        for prop in self.node:
            if not isinstance(prop.tag, str) or prop.find(f"{{{_RDF}}}Seq") is None:
                continue
            role = local_name(prop)
            if not prop.tag.startswith((f"{{{NS['bib']}}}", f"{{{NS['z']}}}")):
                continue
            people = [p for p in (self._person(li) for li in prop.iter(f"{{{_RDF}}}li")) if p]
            self.mark(prop)
            place = ROLES.get(role, "")
            if place in self.people:
                self.people[place] += people
            else:
                self.extra.append(((place or PREFIX + role), names_text(people)))

    def _person(self, li: ET.Element) -> Person | None:
        person = next((c for c in li if isinstance(c.tag, str)), None)
        if person is None and li.get(_RESOURCE):
            person = self.graph.named.get(li.get(_RESOURCE) or "")
        if person is None:
            return Person(literal=_text(li)) if _text(li) else None
        family = _text(person.find(_q("foaf:surname")))
        given = _text(person.find(_q("foaf:givenName"))) or _text(person.find(_q("foaf:givenname")))
        if not family and not given:
            name = _text(person.find(_q("foaf:name"))) or _text(person)
            return Person(literal=name) if name else None
        # a name Zotero keeps in one field ("World Health Organization") has no given name
        return text_person(family, given) if given else Person(literal=family)

    def _publisher(self) -> None:
        for prop in self.node.findall(_q("dc:publisher")):
            self.mark(prop)
            org = self.graph.resolve(prop)
            if org is None:
                self.set("publisher", _text(prop))
                continue
            self._read_part(prop, org)
            self.set("publisher", self.value(org, "foaf:name"))
            for adr in org.findall(_q("vcard:adr")):
                address = self.graph.resolve(adr)
                if address is not None:
                    self.set("place", self.value(address, "vcard:locality"))

    def _dates(self) -> None:
        raw = self.value(self.node, "dc:date")
        issued = typed_date(raw)
        self.set("issued", issued)
        if raw and raw != issued:
            self.extra.append((PREFIX + "date", raw))
        seen = self.value(self.node, "dcterms:dateSubmitted")
        self.set("accessed", typed_date(seen))
        if seen and seen != typed_date(seen):
            self.extra.append((PREFIX + "dateSubmitted", seen))

    def _simple(self, csl: str) -> None:
        node = self.node
        self.set("abstract", "\n\n".join(self._all(node, "dcterms:abstract")))
        self.set("pages", self.value(node, "bib:pages"))
        self.set("volume", self.value(node, "prism:volume"))
        self.set("issue", self.value(node, "prism:number"))
        self.set("note", "\n\n".join(self._all(node, "dc:description")))
        edition = self.value(node, "prism:edition")
        self.extra.append(("version" if csl == "software" else "edition", edition))
        for name, shared in (
            ("z:language", "language"),
            ("dc:language", "language"),
            ("z:shortTitle", "shorttitle"),
            ("z:numPages", "pagetotal"),
            ("z:numberOfVolumes", "volumes"),
            ("dc:type", "type"),
            ("z:type", "type"),
        ):
            self.extra.append((shared, self.value(node, name)))
        for prop in node.findall(_q("bib:presentedAt")):
            self.mark(prop)
            event = self.graph.resolve(prop)
            self.extra.append(("eventtitle", _text(prop) if event is None else _text(event)))

    def _all(self, node: ET.Element, name: str) -> list[str]:
        found = node.findall(_q(name))
        for e in found:
            self.mark(e)
        return [t for t in map(_block, found) if t]

    def _identifiers(self, node: ET.Element) -> None:
        """``DOI 10.1/x``, ``ISSN ...``, ``ISBN ...`` as written; a ``dcterms:URI`` as the
        URL (a second as ``Zotero:url``); any other as an accession number."""
        for prop in node.findall(_q("dc:identifier")):
            self.mark(prop)
            target = self.graph.resolve(prop)
            if target is not None:
                link = _text(target.find(f"{{{_RDF}}}value")) or (target.get(_ABOUT) or "")
                if self.fields.get("url") and link != self.fields["url"]:
                    self.extra.append((PREFIX + "url", link))
                self.set("url", link)
                continue
            value = _text(prop)
            m = _ID.fullmatch(value)
            if m and m.group(1) == "DOI":
                self.set("doi", m.group(2).strip())
            elif m:
                self.extra.append((m.group(1).lower(), m.group(2).strip()))
            else:
                self.extra.append(("accession-number", value))

    def _subjects(self) -> None:
        """Tags (a text, or an automatic tag's ``rdf:value``) as keywords; a call number
        (``dcterms:LCC``) kept."""
        for prop in self.node.findall(_q("dc:subject")):
            self.mark(prop)
            target = self.graph.resolve(prop)
            if target is None:
                self.keywords.append(_text(prop))
                continue
            value = _text(target.find(f"{{{_RDF}}}value")) or _text(target)
            if target.tag == _q("dcterms:LCC"):
                self.extra.append((PREFIX + "callNumber", value))
            else:
                self.keywords.append(value)
        self.keywords = [k for k in self.keywords if k]

    def _notes(self) -> None:
        """Child notes (HTML) as one ``annote``, in plain text, paragraphs apart."""
        from litreview.formats._html_text import html_text

        notes = []
        for prop in self.node.findall(_q("dcterms:isReferencedBy")):
            self.mark(prop)
            memo = self.graph.resolve(prop)
            if memo is None:
                notes.append(_text(prop))
                continue
            value = memo.find(f"{{{_RDF}}}value")
            body = "".join(value.itertext()) if value is not None else ""
            text = html_text(body)[0].strip() if "<" in body else body.strip()
            notes.append(text)
        self.extra.append(("annote", "\n\n".join(n for n in notes if n)))

    def _attachments(self) -> None:
        for prop in self.node.findall(_q("link:link")):
            self.mark(prop)
            att = self.graph.resolve(prop)
            if att is None:
                self.extra.append((PREFIX + "attachment", prop.get(_RESOURCE) or _text(prop)))
                continue
            title = _text(att.find(_q("dc:title")))
            where = [
                _text(i.find(f"{{{_RDF}}}value"))
                for i in att.findall(f"{_q('dc:identifier')}/{_q('dcterms:URI')}")
            ]
            where += [r.get(_RESOURCE) or "" for r in att.findall(_RESOURCE)]
            mime = _text(att.find(_q("link:type")))
            seen = _text(att.find(_q("dcterms:dateSubmitted")))
            shown = "; ".join(w for w in where if w)
            value = ": ".join(t for t in (title, shown) if t) + (f" ({mime})" if mime else "")
            value += f", accessed {seen}" if seen else ""
            self.extra.append((PREFIX + "attachment", value))

    def _extra_field(self) -> None:
        """Identifiers Zotero keeps in the Extra field, a ``Key: value`` a line (``DOI:``
        for a type with no DOI field, ``PMID:``, ``PMCID:``, ``arXiv:``), read as the
        work's; the note keeps the field as written."""
        for m in _EXTRA_LINE.finditer(self.fields.get("note", "")):
            key, value = m.group(1).lower(), m.group(2).strip()
            if key == "doi":
                self.set("doi", value)
            elif key in _EXTRA_IDS and value:
                self.extra.append((_EXTRA_IDS[key], value))

    def _relations(self) -> None:
        for prop in self.node.findall(_q("dc:relation")):
            self.mark(prop)
            other = self.graph.resolve(prop)
            title = _text(other.find(_q("dc:title"))) if other is not None else ""
            self.extra.append((PREFIX + "relation", title or prop.get(_RESOURCE) or _text(prop)))

    def _rest(self) -> list[tuple[str, str]]:
        """The text of every element not read (or the resource it names), as
        ``Zotero:<path>``; of a resource at the top level read with the item, under the
        property that named it (``Zotero:isPartOf/Journal/...``)."""
        out = []
        for under, node in [("", self.node), *self.parts]:
            for path, e in element_leaves(node, _DEPTH, lambda name, el: ""):
                if id(e) in self.used:
                    continue
                value = _text(e) or (e.get(_RESOURCE) or "").strip()
                if value:
                    where = f"{under}/{local_name(node)}/{path}" if under else path
                    out.append((PREFIX + where, value))
        return out


def _keyed(work: Work, keys: set[str]) -> Work:
    """``work`` under the key a ``Citation Key:`` line of its note names, the first time a
    key that can be one is seen."""
    m = _KEY.search(work.note)
    if m and is_citekey(m.group(1)) and m.group(1) not in keys:
        keys.add(m.group(1))
        return work.with_key(m.group(1))
    return work if m is None else replace(work, extra=(("id", m.group(1)), *work.extra))
