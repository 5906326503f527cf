"""DOCX text with its real footnotes and endnotes (``word/footnotes.xml``, ``endnotes.xml``).

The body is read paragraph by paragraph from ``word/document.xml``; a reference to a note is
written ``[^N]``, N counting the notes of its kind in the order their references appear (as
Word numbers them). The footnotes follow the body as ``[^N]: text`` paragraphs; the endnotes
follow under an ``Endnotes`` heading, numbered afresh. A paragraph in the ``Title`` style is
written ``# text``, a heading of level N (its style, named ``heading N`` in
``word/styles.xml`` whatever Word's language, or its outline level) ``## text`` with N + 1
marks; italic runs are written ``*text*``. A text box is read once, after the paragraph
that holds it (Word also writes it as VML for older readers: that copy is not read). A
citation Zotero, Mendeley or EndNote put in a field, in the body or in a note (the field
holds the cited works' records: :mod:`._cite_fields`), is written by its keys, as Pandoc
writes a citation (``[@cite-ABCD1234; @cite-EFGH5678]``), and the works come back with the
text; so is a bookmark whose code is kept in the document's custom properties
(``docProps/custom.xml``: Zotero's citations stored as bookmarks, :mod:`._stored_codes`),
and a link (an element, or a ``HYPERLINK`` field) whose text is a citation's code, as Zotero
leaves one in a document it transferred to another word processor.
Any other field, and one whose records cannot be read (a warning), keeps the text Word
shows for it; custom properties that cannot be read are a warning, the text read as ever.
Core properties (``docProps/core.xml``) give the title and author (not a date: the file's
creation is not the document's publication).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from xml.etree import ElementTree

from litreview.core.errors import InputError, Problem
from litreview.core.limits import MAX_DOCX_PART_BYTES, MAX_DOCX_TAGS
from litreview.formats._cite_fields import CiteFields, without_transfer_notice
from litreview.formats._docx_numbering import Numbering, numbering_of
from litreview.formats._links import markdown_link
from litreview.formats._stored_codes import StoredCodes, custom_properties
from litreview.formats._sup import sup_joined, sup_piece
from litreview.formats._word_sources import is_sources, word_sources
from litreview.formats._xml import xml_root
from litreview.formats._zip import PACKAGE_ERRORS

__all__ = ["docx_footnotes", "docx_text", "zip_part"]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CORE = {
    "title": "{http://purl.org/dc/elements/1.1/}title",
    "author": "{http://purl.org/dc/elements/1.1/}creator",
}
_KINDS = (("footnote", "word/footnotes.xml"), ("endnote", "word/endnotes.xml"))
_P, _R, _BOX, _SDT = f"{_W}p", f"{_W}r", f"{_W}txbxContent", f"{_W}sdt"
_LINK = f"{_W}hyperlink"
_SIMPLE = f"{_W}fldSimple"  # a field whose code is an attribute and whose runs are its text
_MARKS = {
    f"{_W}bookmarkStart": "mark",
    f"{_W}bookmarkEnd": "unmark",
    _R: "run",
    _SDT: "control",
    _LINK: "link",
    _SIMPLE: "field",
}
_HYPERLINK = "HYPERLINK"  # a link written as a field
_CUSTOM = "docProps/custom.xml"
# Word writes a text box twice: as a drawing (mc:Choice) and as VML for older readers
# (mc:Fallback). The fallback is never read.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
#: Not read in a paragraph: a markup-compatibility fallback, and the text a tracked change
#: takes out (deleted, or moved away from here): the text is read with every change accepted.
_NOT_READ = frozenset({_FALLBACK, f"{_W}del", f"{_W}moveFrom"})


def docx_text(p: Path, data: bytes) -> tuple[str, dict[str, str], CiteFields]:
    """The text of a DOCX, its core properties (``title``, ``author``) and its
    reference-manager citations (the works they store, a warning for each unreadable)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("not a DOCX file (not a zip archive)", path=str(p))
    cited = CiteFields(str(p))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if _CUSTOM in names:
                _stored_codes(archive, p, cited)
            _sources(archive, sorted(n for n in names if _CUSTOM_XML.fullmatch(n)), p, cited)
            body = xml_root(_part(archive, "word/document.xml", p))
            notes = {
                kind: _notes(
                    xml_root(_part(archive, part, p)),
                    kind,
                    cited,
                    _link_targets(archive, part, names, p),
                )
                for kind, part in _KINDS
                if part in names
            }
            core = "docProps/core.xml"
            props = _core(zip_part(archive, core, p)) if core in names else {}
            styles = "word/styles.xml"
            levels = _levels(_part(archive, styles, p)) if styles in names else {}
            lists = "word/numbering.xml"
            numbering = numbering_of(_part(archive, lists, p)) if lists in names else Numbering()
    except InputError:
        raise
    except PACKAGE_ERRORS as exc:
        raise InputError(f"cannot read DOCX: {exc}", path=str(p)) from None
    order: dict[str, list[str]] = {"footnote": [], "endnote": []}
    rendered = _rendered_sources(body) if cited.sources else set()
    paragraphs = without_transfer_notice(
        [
            t
            for para in _paragraphs(body)
            if id(para) not in rendered and (t := _paragraph(para, order, levels, cited, numbering))
        ]
    )
    parts = ["\n\n".join(paragraphs)]
    for kind, heading in (("footnote", ""), ("endnote", "# Endnotes")):
        texts = notes.get(kind, {})
        listed = [f"[^{n}]: {texts[i]}" for n, i in enumerate(order[kind], 1) if texts.get(i)]
        if listed:
            parts.append("\n\n".join([heading, *listed] if heading else listed))
    return "\n\n".join(parts) + "\n", props, cited


def _stored_codes(archive: zipfile.ZipFile, p: Path, cited: CiteFields) -> None:
    """The codes kept in the custom properties, for the bookmarks that cite by them; a part
    too large or broken is a warning (only those citations are lost)."""
    try:
        props = custom_properties(zip_part(archive, _CUSTOM, p))
    except (InputError, ElementTree.ParseError) as exc:
        why = exc.message if isinstance(exc, InputError) else f"cannot read {_CUSTOM}: {exc}"
        message = f"{why}; citations kept there as bookmarks' codes are read as their text"
        cited.problems.append(Problem(path=str(p), line=None, severity="warning", message=message))
        return
    cited.codes = StoredCodes.of(props)


_CUSTOM_XML = re.compile(r"customXml/item\d{1,6}\.xml")


def _sources(archive: zipfile.ZipFile, parts: list[str], p: Path, cited: CiteFields) -> None:
    """Word's own list of sources, from the custom XML part that holds it; a part that
    cannot be read is a warning (Word's citations then keep their text)."""
    for name in parts:
        try:
            root = xml_root(_part(archive, name, p))
        except (InputError, ElementTree.ParseError) as exc:
            why = exc.message if isinstance(exc, InputError) else f"cannot read {name}: {exc}"
            message = f"{why}; Word's citations of the sources it may hold are read as their text"
            cited.problems.append(
                Problem(path=str(p), line=None, severity="warning", message=message)
            )
            continue
        if is_sources(root):
            cited.sources = word_sources(root)
            return


#: The namespaces of a DOCX saved as "Strict Open XML" and the usual ones they stand for.
_STRICT = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", _W[1:-1].encode()),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/bibliography",
        b"http://schemas.openxmlformats.org/officeDocument/2006/bibliography",
    ),
)


def _part(archive: zipfile.ZipFile, name: str, p: Path) -> bytes:
    """:func:`zip_part`, a Strict Open XML part's namespaces made the usual ones (Word's
    "Strict Open XML Document" names the same elements in other namespaces)."""
    data = zip_part(archive, name, p)
    for strict, usual in _STRICT:
        data = data.replace(strict, usual)
    return data


def zip_part(archive: zipfile.ZipFile, name: str, p: Path) -> bytes:
    """One part of the archive, uncompressed; more than :data:`MAX_DOCX_PART_BYTES` (a zip
    bomb, say) or :data:`MAX_DOCX_TAGS` tags is a one-line InputError. The size is counted
    as read, not taken from the archive's directory, which may lie."""
    with archive.open(name) as f:
        data = f.read(MAX_DOCX_PART_BYTES + 1)
    if len(data) > MAX_DOCX_PART_BYTES:
        raise InputError(
            f"cannot read DOCX: {name} is larger than {MAX_DOCX_PART_BYTES:,} bytes uncompressed",
            path=str(p),
        )
    if data.count(b"<") > MAX_DOCX_TAGS:
        raise InputError(
            f"cannot read DOCX: {name} has more than {MAX_DOCX_TAGS:,} XML tags",
            path=str(p),
        )
    return data


def _walk(node: ElementTree.Element, stop: Collection[str] = ()) -> Iterator[ElementTree.Element]:
    """The elements below ``node`` in document order, without going into an element whose
    tag is in ``stop`` (it is given, its insides are not) or into a markup-compatibility
    fallback. No recursion: a hostile file may nest elements without end."""
    stack = [iter(node)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag != _FALLBACK:
            yield child
            if child.tag not in stop:
                stack.append(iter(child))


def _rendered_sources(body: ElementTree.Element) -> set[int]:
    """The ids of the paragraphs of Word's rendered list of its own sources (a content
    control marked ``w:bibliography``): the works are read from the sources themselves, and
    their rendering, read again as a reference list, would only make copies of them."""
    return {
        id(p)
        for sdt in body.iter(_SDT)
        if sdt.find(f"{_W}sdtPr/{_W}bibliography") is not None
        for p in sdt.iter(_P)
    }


def _paragraphs(root: ElementTree.Element) -> Iterator[ElementTree.Element]:
    """The paragraphs below ``root`` in reading order; those of a text box come after the
    paragraph that holds it, once."""
    return (e for e in _walk(root) if e.tag == _P)


def _runs(para: ElementTree.Element) -> Iterator[tuple[str, ElementTree.Element]]:
    """A paragraph's own runs (in links, insertions, fields, content controls) as
    ``("run", run)``, not those of its text boxes nor of a paragraph nested in it otherwise
    (each is read as its own: were they read as this one's too, 200,000 paragraphs nested in
    one another would take 10^10 steps); each content control (``w:sdt``) in it as
    ``("control", sdt)`` where it opens and ``("end", sdt)`` where it closes, each link as
    ``("link", link)`` and ``("unlink", link)``; each simple field as ``("field", f)``
    and ``("unfield", f)``; each bookmark's start and end as ``("mark", start)`` and
    ``("unmark", end)``. Tracked changes are read accepted: what a change deletes or moves
    away (``w:del``, ``w:moveFrom``) is not read. No recursion."""
    stack: list[tuple[Iterator[ElementTree.Element], ElementTree.Element]] = [(iter(para), para)]
    while stack:
        child = next(stack[-1][0], None)
        if child is None:
            node = stack.pop()[1]
            if node.tag == _SDT:
                yield "end", node
            elif node.tag == _LINK:
                yield "unlink", node
            elif node.tag == _SIMPLE:
                yield "unfield", node
        elif child.tag not in _NOT_READ:
            if child.tag in _MARKS:
                yield _MARKS[child.tag], child
            if child.tag not in (_BOX, _P):
                stack.append((iter(child), child))


@dataclass(slots=True)
class _Field:
    """A Word field being read: its instruction, its data (``w:fldData``, base64), and
    where its shown result starts."""

    instr: list[str]
    data: str = ""
    shown_at: int | None = None


def _paragraph(
    para: ElementTree.Element,
    order: dict[str, list[str]],
    levels: dict[str, int],
    cited: CiteFields,
    numbering: Numbering | None = None,
) -> str:
    """A body paragraph's text: note references written ``[^N]``, italic runs ``*...*``, a
    title ``# text``, a heading of level N ``## text`` (N + 1 marks, six at most), and a
    reference manager's citation written as its keys (:func:`_fields_read`)."""
    label = numbering.label(para) if numbering is not None else ""
    pieces = _fields_read(para, cited, lambda run: _run_text(run, order))
    text = sup_joined(_emphasised(pieces)).strip()
    if label and text:
        text = f"{label} {text}"
    level = _level(para, levels)
    if text and level is not None:
        return "#" * min(level + 1, 6) + " " + text
    return text


def _fields_read(
    para: ElementTree.Element,
    cited: CiteFields,
    run_text: Callable[[ElementTree.Element], str],
    targets: dict[str, str] | None = None,
) -> list[tuple[str, bool]]:
    """A paragraph's runs as ``(text, italic)`` pieces, each field read: a reference
    manager's citation (its code in the field's instruction or data) written as its keys,
    its works kept in ``cited``; any other field as the text Word shows. The data of a
    field nested in an instruction (EndNote's ``EN.CITE.DATA``) is its outer field's."""
    pieces: list[tuple[str, bool]] = []
    fields: list[_Field] = []
    controls: list[tuple[str, int]] = []  # the open content controls: tag, where it starts
    marks: dict[str, tuple[str, int]] = {}  # the open bookmarks: id -> name, where it starts
    links: list[int] = []  # where each open link starts
    simple: list[int] = []  # where each open simple field's text starts
    for what, run in _runs(para):
        if what in ("mark", "unmark"):
            _bookmark(what, run, marks, pieces, cited)
            continue
        if what == "link":
            links.append(len(pieces))
            continue
        if what == "unlink":
            if links:
                at = links.pop()
                if not _link(at, pieces, cited) and targets is not None:
                    _markdown_link(at, pieces, targets.get(run.get(_RID, ""), ""))
            continue
        if what == "field":
            simple.append(len(pieces))
            continue
        if what == "unfield":
            if simple:
                _cited_from(run.get(f"{_W}instr", ""), simple.pop(), pieces, cited)
            continue
        if what != "run":
            _control(what, run, controls, pieces, cited)
            continue
        mark = run.find(f"{_W}fldChar")
        instr = run.find(f"{_W}instrText")
        if mark is not None:
            kind = mark.get(f"{_W}fldCharType", "")
            if kind == "begin":
                fields.append(_Field(instr=[], data="".join(mark.itertext())))
            elif kind == "separate" and fields:
                fields[-1].shown_at = len(pieces)
            elif kind == "end" and fields:
                field = fields.pop()
                if field.shown_at is None:  # a field in an instruction: its data is the outer's
                    if fields and not fields[-1].data:
                        fields[-1].data = field.data
                    continue
                at = field.shown_at
                code = "".join(field.instr)
                keys = cited.cite(code, partial(_shown, pieces, at), field.data)
                if keys:
                    pieces[at:] = [(keys, False)]
                elif (
                    code.lstrip().startswith(_HYPERLINK)
                    and not _link(at, pieces, cited)
                    and targets is not None
                ):
                    m = _FIELD_URL.match(code)
                    _markdown_link(at, pieces, m.group(1) if m else "")
        elif instr is not None:
            if fields and fields[-1].shown_at is None:
                fields[-1].instr.append(instr.text or "")
        else:
            pieces.append((run_text(run), _italic(run)))
    return pieces


def _control(
    what: str,
    sdt: ElementTree.Element,
    controls: list[tuple[str, int]],
    pieces: list[tuple[str, bool]],
    cited: CiteFields,
) -> None:
    """A content control opening (its tag kept in ``controls``) or closing: a reference
    manager's citation (Mendeley Cite's tag ``MENDELEY_CITATION_v3_<base64 JSON>``) is
    written as its keys in place of the text it shows."""
    if what == "control":
        tag = sdt.find(f"{_W}sdtPr/{_W}tag")
        controls.append((tag.get(f"{_W}val", "") if tag is not None else "", len(pieces)))
        return
    if not controls:
        return
    code, at = controls.pop()
    _cited_from(code, at, pieces, cited)


def _cited_from(code: str, at: int, pieces: list[tuple[str, bool]], cited: CiteFields) -> None:
    """The pieces from ``at`` on (a control's or a simple field's text) written as the keys
    of the citation of code ``code``, when it is a manager's citation that can be read."""
    keys = cited.cite(code, partial(_shown, pieces, at)) if code.strip() else None
    if keys:
        pieces[at:] = [(keys, False)]


def _bookmark(
    what: str,
    mark: ElementTree.Element,
    marks: dict[str, tuple[str, int]],
    pieces: list[tuple[str, bool]],
    cited: CiteFields,
) -> None:
    """A bookmark's start (kept in ``marks`` by its id) or end: the text between them, when
    the bookmark's code (kept in the document's properties) is a manager's citation, is
    written as its keys. A bookmark ending in another paragraph keeps its text."""
    mid = mark.get(f"{_W}id", "")
    if what == "mark":
        marks[mid] = (mark.get(f"{_W}name", ""), len(pieces))
        return
    if mid not in marks:
        return
    name, at = marks.pop(mid)
    at = min(at, len(pieces))
    keys = cited.cite_mark(name, partial(_shown, pieces, at))
    if keys:
        pieces[at:] = [(keys, False)]


def _link(at: int, pieces: list[tuple[str, bool]], cited: CiteFields) -> bool:
    """A link's text (``pieces`` from ``at`` on) written as the citation it is, in a
    document Zotero transferred to another word processor (:meth:`CiteFields.cite_link`);
    whether it was one."""
    at = min(at, len(pieces))
    keys = cited.cite_link("".join(t for t, _ in pieces[at:]))
    if keys is not None:
        pieces[at:] = [(keys, False)] if keys else []
    return keys is not None


_FIELD_URL = re.compile(r"\s*HYPERLINK\s+\"([^\"]+)\"\s*\Z")
_RID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _markdown_link(at: int, pieces: list[tuple[str, bool]], url: str) -> None:
    """In a note, a link to another page (``url``) around its text, as Markdown's
    ``[text](url)`` (:func:`._links.markdown_link`), its italics kept inside."""
    at = min(at, len(pieces))
    if markdown_link("".join(t for t, _ in pieces[at:]), url):
        pieces.insert(at, ("[", False))
        pieces.append((f"]({url.strip()})", False))


def _shown(pieces: list[tuple[str, bool]], at: int) -> str:
    """The start of the text of ``pieces`` from ``at`` on, as a warning quotes it."""
    return CiteFields.quoted(pieces[i][0] for i in range(at, len(pieces)))


def _level(para: ElementTree.Element, levels: dict[str, int]) -> int | None:
    """0 for a title, N for a heading of level N, ``None`` for body text: the paragraph's
    own outline level, else its style's (``word/styles.xml``), else its style's id."""
    own = para.find(f"{_W}pPr/{_W}outlineLvl")
    if own is not None and (val := own.get(f"{_W}val", "")).isdecimal() and int(val) < 9:
        return int(val) + 1
    style = para.find(f"{_W}pPr/{_W}pStyle")
    sid = style.get(f"{_W}val", "") if style is not None else ""
    if sid in levels:
        return levels[sid]
    return _named_level(sid)


def _named_level(name: str) -> int | None:
    """The level a style's name or id says: ``Title`` 0, ``heading 2``/``Heading2`` 2."""
    key = name.replace(" ", "").lower()
    if key == "title":
        return 0
    digits = key.removeprefix("heading")
    return int(digits) if digits != key and digits.isdecimal() and 0 < int(digits) < 10 else None


def _levels(xml: bytes) -> dict[str, int]:
    """Style id -> level of every title and heading style: by its name (built-in names are
    English whatever the language of Word: ``heading 1``), else by its outline level, its
    own or inherited (``basedOn``)."""
    root = xml_root(xml)
    named: dict[str, int | None] = {}
    outline: dict[str, int] = {}
    based: dict[str, str] = {}
    for style in root.iter(f"{_W}style"):
        sid = style.get(f"{_W}styleId", "")
        name = style.find(f"{_W}name")
        named[sid] = _named_level(name.get(f"{_W}val", "") if name is not None else "")
        lvl = style.find(f"{_W}pPr/{_W}outlineLvl")
        if lvl is not None and (val := lvl.get(f"{_W}val", "")).isdecimal() and int(val) < 9:
            outline[sid] = int(val) + 1
        parent = style.find(f"{_W}basedOn")
        if parent is not None:
            based[sid] = parent.get(f"{_W}val", "")
    out = {}
    for sid in named:
        level, seen, cur = named[sid], set(), sid
        while level is None and cur and cur not in seen:  # inherited outline level
            seen.add(cur)
            level = outline.get(cur)
            if level is None and cur != sid:  # a style based on a heading is a heading
                level = named.get(cur)
            cur = based.get(cur, "")
        if level is not None:
            out[sid] = level
    return out


def _run_text(run: ElementTree.Element, order: dict[str, list[str]]) -> str:
    """A run's text, tabs kept, note references written ``[^N]``, raised citation numbers
    ``<sup>N</sup>`` (:mod:`._sup`)."""
    out = []
    raised = run.find(f"{_W}rPr/{_W}vertAlign")
    sup = raised is not None and raised.get(f"{_W}val") == "superscript"
    for node in run:
        if node.tag == f"{_W}t" and node.text:
            out.append(sup_piece(node.text) if sup else node.text)
        elif node.tag == f"{_W}tab":
            out.append("\t")
        for kind in ("footnote", "endnote"):
            if node.tag == f"{_W}{kind}Reference":
                order[kind].append(node.get(f"{_W}id", ""))
                out.append(f"[^{len(order[kind])}]")
    return "".join(out)


def _italic(run: ElementTree.Element) -> bool:
    """Whether a run is set in italics."""
    node = run.find(f"{_W}rPr/{_W}i")
    return node is not None and node.get(f"{_W}val", "true") not in ("0", "false")


def _emphasised(pieces: list[tuple[str, bool]]) -> str:
    """Runs joined, each stretch of italic runs wrapped in ``*`` (blanks kept outside; a
    blank run between two italic runs belongs to the stretch)."""
    pieces = [
        (
            t,
            italic
            or (
                not t.strip() and 0 < k < len(pieces) - 1 and pieces[k - 1][1] and pieces[k + 1][1]
            ),
        )
        for k, (t, italic) in enumerate(pieces)
    ]
    out: list[str] = []
    k = 0
    while k < len(pieces):
        if not pieces[k][1]:
            out.append(pieces[k][0])
            k += 1
            continue
        j = k
        while j < len(pieces) and pieces[j][1]:
            j += 1
        inner = "".join(t for t, _ in pieces[k:j])
        core = inner.strip()
        if core:
            lead = inner[: len(inner) - len(inner.lstrip())]
            tail = inner[len(inner.rstrip()) :]
            out.append(f"{lead}*{core}*{tail}")
        else:
            out.append(inner)
        k = j
    return "".join(out)


_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _link_targets(archive: zipfile.ZipFile, part: str, names: set[str], p: Path) -> dict[str, str]:
    """The external links of a part (``word/_rels/footnotes.xml.rels``): id -> URL."""
    folder, _, name = part.rpartition("/")
    rels = f"{folder}/_rels/{name}.rels"
    if rels not in names:
        return {}
    root = xml_root(_part(archive, rels, p))
    return {
        r.get("Id", ""): r.get("Target", "")
        for r in root.iter(_RELATIONSHIP)
        if r.get("TargetMode") == "External" and r.get("Type", "").endswith("/hyperlink")
    }


def _notes(
    root: ElementTree.Element, kind: str, cited: CiteFields, targets: dict[str, str]
) -> dict[str, str]:
    """Note id -> text of every real note (separators, with a ``w:type``, are skipped), a
    reference manager's citation in it written as its keys, a link to another page as
    ``[text](url)``."""
    out = {}
    tag = f"{_W}{kind}"
    for note in root.iter(tag):
        if note.get(f"{_W}type"):
            continue
        # a note nested in this one is read as its own, not as this one's too
        paras = [_note_paragraph(e, cited, targets) for e in _walk(note, (tag,)) if e.tag == _P]
        text = " ".join(p for p in paras if p)
        if text:
            out[note.get(f"{_W}id", "")] = text
    return out


def _note_paragraph(
    para: ElementTree.Element, cited: CiteFields, targets: dict[str, str] | None = None
) -> str:
    """A note paragraph's text, italic runs written ``*...*``, fields read as in the body,
    links to other pages as ``[text](url)``."""
    return _emphasised(_fields_read(para, cited, _note_run_text, targets or {})).strip()


def _note_run_text(run: ElementTree.Element) -> str:
    """A note run's text (its tabs, which set the note's number off, left out)."""
    return "".join(t.text or "" for t in run if t.tag == f"{_W}t")


def _core(xml: bytes) -> dict[str, str]:
    """Title and author of ``docProps/core.xml``."""
    root = xml_root(xml)
    out = {}
    for key, tag in _CORE.items():
        node = root.find(tag)
        if node is not None and node.text and node.text.strip():
            out[key] = node.text.strip()
    return out


def docx_footnotes(data: bytes) -> list[tuple[int, str]]:
    """``(id, text)`` of each real footnote in a DOCX's ``word/footnotes.xml`` (``[]`` if none).

    Separator pseudo-footnotes (ids ``-1`` and ``0``, or a ``w:type`` attribute) are skipped.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/footnotes.xml" not in archive.namelist():
            return []
        body = _part(archive, "word/footnotes.xml", Path("<docx>"))
        notes = _notes(xml_root(body), "footnote", CiteFields("<docx>"), {})
    return sorted((int(k), v) for k, v in notes.items() if k.lstrip("-").isdecimal() and int(k) > 0)
