"""A JATS article (PubMed Central, PLOS, eLife, PeerJ, ...): its front matter, its
reference list as works, and its XML made ready for Pandoc's JATS reader.

Pandoc writes a figure, table or box that sits inside a paragraph (``<p>...<fig>``) into
that paragraph's text, so its caption runs on from the sentence before it;
:func:`blocks_lifted` moves each such block out, after its paragraph.

A JATS ``<ref>`` holds one citation, either ``<element-citation>`` (only tagged fields) or
``<mixed-citation>`` (the reference as printed, its fields tagged where the publisher tagged
them). Both are read the same way: names (``<name>``, ``<string-name>``, ``<collab>``, in a
``<person-group>`` of authors or editors, or loose), titles (``<article-title>``,
``<chapter-title>``, ``<source>``), dates, volume, issue, pages, publisher, identifiers
(``<pub-id>``, ``<ext-link>``, ``<uri>``) become fields; a tag litreview has no field for is
kept as ``JATS:<tag>``. The citation's text as printed is kept too (:attr:`JatsRef.text`), so
a reference the publisher did not tag can be read by the reference parser.

Parsed with the standard library's ElementTree: it never fetches the DTD or an external
entity, and its expat refuses entity-expansion bombs; a file that is not XML (or uses an
entity only the DTD defines) is a problem, not an exception.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from litreview.core.errors import InputError, Problem
from litreview.core.model import Person, Work
from litreview.formats._xml import xml_root

__all__ = ["JatsArticle", "JatsFront", "JatsRef", "blocks_lifted", "jats_article"]

PREFIX = "JATS:"

_TYPES = {
    "journal": "article-journal",
    "book": "book",
    "report": "report",
    "thesis": "thesis",
    "confproc": "paper-conference",
    "conf-proc": "paper-conference",
    "web": "webpage",
    "webpage": "webpage",
    "website": "webpage",
    "data": "dataset",
    "dataset": "dataset",
    "database": "dataset",
    "patent": "patent",
    "software": "software",
    "preprint": "article",
    "newspaper": "article-newspaper",
    "magazine": "article-magazine",
    "standard": "standard",
    "legal-doc": "legislation",
    "legislation": "legislation",
}
_TEXT_TAGS = {"volume": "volume", "issue": "issue", "publisher-name": "publisher"}
_PLACE_TAGS = ("publisher-loc",)
_DOI = re.compile(r"\b10\.\d{4,9}/\S+")
_KNOWN = frozenset(
    {
        "person-group", "name", "string-name", "collab", "etal", "surname", "given-names",
        "suffix", "prefix", "article-title", "chapter-title", "source", "year", "month",
        "day", "date", "volume", "issue", "fpage", "lpage", "elocation-id", "page-range",
        "publisher-name", "publisher-loc", "pub-id", "ext-link", "uri", "italic", "bold",
        "sup", "sub", "sc", "label", "date-in-citation", "part-title", "comment",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class JatsRef:
    """One ``<ref>``: its id (what the article's citations name), the work its tags give,
    the citation's text as printed, and whether its fields were tagged at all."""

    id: str
    work: Work
    text: str
    tagged: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class JatsFront:
    """What a JATS article says about itself: its title, authors (``Given Family``) and
    date of publication (``YYYY[-MM[-DD]]``), ``""`` or empty when it does not say."""

    title: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class JatsArticle:
    """What :func:`jats_article` reads: the front matter, the references in the order of
    the reference list, the XML with its blocks lifted out of paragraphs (``b""`` when the
    file cannot be read), and a warning when it cannot."""

    front: JatsFront
    refs: tuple[JatsRef, ...]
    xml: bytes
    problems: tuple[Problem, ...]


def jats_article(data: bytes, path: str) -> JatsArticle:
    """The JATS article ``data``; a file ElementTree cannot read is a warning and
    nothing, one that nests deeper than :data:`MAX_DEPTH` an :class:`InputError`."""
    try:
        root = xml_root(data)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        message = f"its front matter and reference list cannot be read as XML: {exc}"
        problem = Problem(path=path, line=line, severity="warning", message=message)
        return JatsArticle(front=JatsFront(), refs=(), xml=b"", problems=(problem,))
    depth = _depth(root)
    if depth > MAX_DEPTH:
        raise InputError(
            f"its XML nests {depth:,} elements deep (an article needs a few dozen; "
            f"more than {MAX_DEPTH:,} is refused)",
            path=path,
        )
    front, refs = _front(root), tuple(_references(root))
    return JatsArticle(front=front, refs=refs, xml=blocks_lifted(root), problems=())


#: Deeper than any article's XML (tables in boxes in figures: a few dozen levels); the XML
#: writer and Pandoc recurse once a level.
MAX_DEPTH = 500


def _depth(root: ET.Element) -> int:
    """How deep elements nest below ``root`` (iteratively)."""
    deepest, todo = 0, [(root, 1)]
    while todo:
        node, depth = todo.pop()
        deepest = max(deepest, depth)
        todo.extend((k, depth + 1) for k in node)
    return deepest


#: Elements Pandoc reads as blocks of their own: lifted out of the paragraph they sit in.
BLOCKS = frozenset(
    {"fig", "fig-group", "table-wrap", "table-wrap-group", "boxed-text",
     "supplementary-material", "media", "graphic", "disp-formula", "list", "disp-quote"}
)  # fmt: skip
_NAMESPACES = {
    "xlink": "http://www.w3.org/1999/xlink",
    "mml": "http://www.w3.org/1998/Math/MathML",
    "ali": "http://www.niso.org/schemas/ali/1.0/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


def blocks_lifted(root: ET.Element) -> bytes:
    """The article's XML with every block (:data:`BLOCKS`) inside a ``<p>`` moved to just
    after that paragraph (the text after the block stays in the paragraph). ``root`` is
    changed in place."""
    for prefix, uri in _NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    for parent in list(root.iter()):
        kids = list(parent)
        for at in range(len(kids) - 1, -1, -1):
            p = kids[at]
            if _local(p.tag) != "p":
                continue
            lifted = [k for k in p if _local(k.tag) in BLOCKS]
            for n, block in enumerate(lifted):
                _remove_keeping_tail(p, block)
                parent.insert(at + 1 + n, block)
    return ET.tostring(root, encoding="utf-8")


def _remove_keeping_tail(parent: ET.Element, child: ET.Element) -> None:
    """Take ``child`` out of ``parent``, its tail text joined to what came before it."""
    tail, child.tail = child.tail or "", None
    kids = list(parent)
    at = kids.index(child)
    if at:
        kids[at - 1].tail = (kids[at - 1].tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(child)


def _front(root: ET.Element) -> JatsFront:
    """Title, authors and first publication date of ``<article-meta>``."""
    meta = next((e for e in root.iter() if _local(e.tag) == "article-meta"), None)
    if meta is None:
        return JatsFront()
    title = next((e for e in meta.iter() if _local(e.tag) == "article-title"), None)
    authors = []
    for contrib in meta.iter():
        if _local(contrib.tag) != "contrib" or contrib.get("contrib-type", "author") != "author":
            continue
        for person in _names_of([k for k in contrib if _local(k.tag) in _NAME_TAGS]):
            authors.append(person.literal or f"{person.given} {person.family}".strip())
    dates = [e for e in meta if _local(e.tag) == "pub-date"]
    date = _date({_local(k.tag): k for k in reversed(list(dates[0]))}) if dates else ""
    return JatsFront(
        title=_text(title) if title is not None else "", authors=tuple(authors), date=date
    )


_NAME_TAGS = ("name", "string-name", "collab")


def _references(root: ET.Element) -> list[JatsRef]:
    """Every ``<ref>`` with a citation, in document order."""
    refs: list[JatsRef] = []
    for ref in root.iter():
        if _local(ref.tag) != "ref":
            continue
        cite = next(
            (c for c in ref if _local(c.tag) in ("element-citation", "mixed-citation", "citation")),
            None,
        )
        if cite is None:
            continue
        refs.append(_ref(ref.get("id", ""), cite))
    return refs


def _local(tag: object) -> str:
    """An element's name without its namespace."""
    return str(tag).rsplit("}", 1)[-1]


def _text(el: ET.Element) -> str:
    """An element's text with its children's, spaces made one."""
    return " ".join("".join(el.itertext()).split())


def _ref(ref_id: str, cite: ET.Element) -> JatsRef:
    """The work of one citation element."""
    kids = {_local(k.tag): k for k in reversed(list(cite))}  # the first of each name
    fields: dict[str, str] = {}
    authors: list[Person] = []
    editors: list[Person] = []
    extra: list[tuple[str, str]] = []
    for k in cite:
        name = _local(k.tag)
        if name == "person-group":
            role = k.get("person-group-type", "author")
            (editors if role == "editor" else authors).extend(_names(k))
        elif name in ("name", "string-name", "collab"):
            authors.extend(_names_of([k]))
        elif name not in _KNOWN:
            extra.append((PREFIX + name, _text(k)))
    title = next(
        (kids[t] for t in ("article-title", "chapter-title", "part-title") if t in kids), None
    )  # an element without children is false: never ``or`` elements
    source = kids.get("source")
    if title is not None:
        fields["title"] = _text(title)
        if source is not None:
            fields["container"] = _text(source)
    elif source is not None:
        fields["title"] = _text(source)
    for tag, attr in _TEXT_TAGS.items():
        if tag in kids:
            fields[attr] = _text(kids[tag])
    for tag in _PLACE_TAGS:
        if tag in kids:
            fields["place"] = _text(kids[tag])
    fields["issued"] = _date(kids)
    fields["pages"] = _pages(kids)
    fields.update(_links(cite, extra))
    if "date-in-citation" in kids:
        extra.append((PREFIX + "date-in-citation", _text(kids["date-in-citation"])))
    kind = (cite.get("publication-type") or cite.get("citation-type") or "").lower()
    csl = _TYPES.get(kind) or (
        "chapter" if "chapter-title" in kids else "article-journal" if "volume" in kids else ""
    )
    if csl == "book" and "chapter-title" in kids:
        csl = "chapter"
    tagged = bool(authors or fields.get("title"))
    work = Work(
        key="",
        type=csl or "document",
        authors=tuple(authors),
        editors=tuple(editors),
        extra=tuple((k, v) for k, v in extra if v),
        title=fields.get("title", ""),
        container=fields.get("container", ""),
        publisher=fields.get("publisher", ""),
        place=fields.get("place", ""),
        issued=fields.get("issued", ""),
        pages=fields.get("pages", ""),
        volume=fields.get("volume", ""),
        issue=fields.get("issue", ""),
        doi=fields.get("doi", ""),
        url=fields.get("url", ""),
    )
    label = kids.get("label")
    text = _text(cite)
    if label is not None and text.startswith(_text(label)):
        text = text[len(_text(label)) :].lstrip(" .")
    return JatsRef(id=ref_id, work=work, text=text, tagged=tagged)


def _names(group: ET.Element) -> list[Person]:
    return _names_of(list(group))


def _names_of(elements: list[ET.Element]) -> list[Person]:
    out = []
    for el in elements:
        name = _local(el.tag)
        if name == "collab":
            out.append(Person(literal=_text(el)))
        elif name in ("name", "string-name"):
            parts = {_local(k.tag): _text(k) for k in el}
            family, given = parts.get("surname", ""), parts.get("given-names", "")
            if family or given:
                out.append(
                    Person(
                        family=family,
                        given=given,
                        particle=parts.get("prefix", ""),
                        suffix=parts.get("suffix", ""),
                    )
                )
            elif _text(el):
                out.append(Person(literal=_text(el)))
    return out


def _date(kids: dict[str, ET.Element]) -> str:
    """``YYYY[-MM[-DD]]`` from ``<year>``, ``<month>``, ``<day>`` (a year with a letter, as
    author-year lists tell two works apart, gives its year)."""
    year = re.match(r"\s*(\d{4})", _text(kids["year"])) if "year" in kids else None
    if year is None:
        return ""
    out = year.group(1)
    for tag in ("month", "day"):
        value = _text(kids[tag]) if tag in kids else ""
        if not value.isdecimal() or not 1 <= int(value) <= 31:
            break
        out += f"-{int(value):02d}"
    return out


def _pages(kids: dict[str, ET.Element]) -> str:
    if "page-range" in kids:
        return _text(kids["page-range"])
    first = _text(kids["fpage"]) if "fpage" in kids else ""
    last = _text(kids["lpage"]) if "lpage" in kids else ""
    if first:
        return f"{first}–{last}" if last and last != first else first
    return _text(kids["elocation-id"]) if "elocation-id" in kids else ""


def _links(cite: ET.Element, extra: list[tuple[str, str]]) -> dict[str, str]:
    """DOI and URL from ``<pub-id>``, ``<ext-link>`` and ``<uri>`` (anywhere in the
    citation: a DOI is often inside a ``<comment>``); other identifiers go to ``extra``."""
    doi = url = ""
    for el in cite.iter():
        name = _local(el.tag)
        value = _text(el)
        if name == "pub-id":
            kind = el.get("pub-id-type", "").lower()
            if kind == "doi" and not doi:
                doi = value
            elif value:
                extra.append((PREFIX + (kind or "pub-id"), value))
        elif name in ("ext-link", "uri"):
            href = next((v for k, v in el.attrib.items() if _local(k) == "href"), "") or value
            found = _DOI.search(href) or _DOI.search(value)
            if found and not doi:
                doi = found.group(0).rstrip(".,;")
            elif href and not url and not found:
                url = href
    return {"doi": doi, "url": url}
