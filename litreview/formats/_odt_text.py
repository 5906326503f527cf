"""ODT (OpenDocument Text, as LibreOffice writes it) with its real footnotes and endnotes.

The body is read from ``content.xml`` in document order: paragraphs (``text:p``, in lists,
tables and sections too), a heading of outline level N (``text:h``) written with N + 1
``#`` marks, a paragraph in the ``Title`` style ``# text``; ``text:s`` spaces, tabs and line
breaks as the text shows them. A note (``text:note``) is written ``[^N]`` where it stands,
N counting the notes of its class in order; the footnotes follow the body as ``[^N]: text``
paragraphs, the endnotes under an ``Endnotes`` heading, as the DOCX reader writes them.
A citation Zotero or Mendeley put in a reference mark or bookmark, in the body or in a
note (its name holds the cited works' records: ``ZOTERO_ITEM CSL_CITATION {...}
RNDa1B2c3D4e5``; :mod:`._cite_fields`), is written by its keys (``[@cite-ABCD1234]``), as
the DOCX reader writes one, the works coming back with the text; so is a bookmark whose
code is kept in the user-defined properties of ``meta.xml`` (Zotero's citations stored as
bookmarks, :mod:`._stored_codes`), and a link whose text is a citation's code (a document
Zotero transferred from another word processor). A mark whose records cannot be read keeps
its text, with a warning. ``meta.xml`` gives the title and author (not a date: the file's
creation is not the document's publication). Parts larger than the DOCX reader's limit are
refused the same way.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import partial
from pathlib import Path
from xml.etree import ElementTree

from litreview.core.errors import InputError
from litreview.formats._cite_fields import CiteFields, without_transfer_notice
from litreview.formats._docx_text import zip_part
from litreview.formats._links import markdown_link
from litreview.formats._odt_bibliography import mark_record
from litreview.formats._odt_lists import list_labels, list_styles
from litreview.formats._stored_codes import StoredCodes
from litreview.formats._sup import sup_joined, sup_piece
from litreview.formats._xml import xml_root
from litreview.formats._zip import PACKAGE_ERRORS

__all__ = ["odt_text"]

_T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_BLOCKS = (f"{_T}p", f"{_T}h")
#: The marks around a span of text whose name may be a reference manager's citation.
_STARTS = {f"{_T}reference-mark-start": "mark", f"{_T}bookmark-start": "bookmark"}
_ENDS = {f"{_T}reference-mark-end": "mark", f"{_T}bookmark-end": "bookmark"}
#: Tracked changes: the text they deleted, kept apart from the body (read accepted: not read)
_CHANGES = f"{_T}tracked-changes"
_BIB_MARK = f"{_T}bibliography-mark"  # LibreOffice's own citation: the record in attributes


def odt_text(p: Path, data: bytes) -> tuple[str, dict[str, str], CiteFields]:
    """The text of an ODT, its metadata (``title``, ``author``) and its reference-manager
    citations (the works they store, a warning for each unreadable)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("not an ODT file (not a zip archive)", path=str(p))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            root = xml_root(zip_part(archive, "content.xml", p))
            styles = "styles.xml"
            named = xml_root(zip_part(archive, styles, p)) if styles in names else None
            has_meta = "meta.xml" in names
            meta = xml_root(zip_part(archive, "meta.xml", p)) if has_meta else None
        notes: dict[str, list[str]] = {"footnote": [], "endnote": []}
        body = root.find(f"{_O}body/{_O}text")
        cited = CiteFields(str(p), codes=StoredCodes.of(_user_defined(meta)))
        raised = _raised_styles(root) | _raised_styles(named)
        labels = list_labels(body, list_styles(root, named))
        # LibreOffice's rendering of its own records, read again as a list, only copies them
        marked = next(root.iter(_BIB_MARK), None) is not None
        skip = f"{_T}bibliography" if marked else None
        paragraphs = without_transfer_notice(
            [
                _labelled(t, labels.get(id(block), ""))
                for block in _blocks(body, skip)
                if (t := _block(block, notes, cited, raised))
            ]
        )
    except InputError:
        raise
    except PACKAGE_ERRORS as exc:
        raise InputError(f"cannot read ODT: {exc}", path=str(p)) from None
    parts = ["\n\n".join(paragraphs)]
    for kind, heading in (("footnote", ""), ("endnote", "# Endnotes")):
        listed = [f"[^{n}]: {text}" for n, text in enumerate(notes[kind], 1) if text]
        if listed:
            parts.append("\n\n".join([heading, *listed] if heading else listed))
    return "\n\n".join(parts) + "\n", _meta(meta), cited


def _blocks(body: ElementTree.Element | None, skip: str | None = None) -> list[ElementTree.Element]:
    """The paragraphs and headings below ``body`` in document order, not those inside a
    note (read with their note), inside another paragraph, in the text tracked changes
    deleted (``text:tracked-changes``) or inside an element ``skip``. No recursion."""
    if body is None:
        return []
    out = []
    stack = [iter(body)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in _BLOCKS:
            out.append(child)
        elif child.tag not in (f"{_T}note", _CHANGES, skip):
            stack.append(iter(child))
    return out


def _labelled(text: str, label: str) -> str:
    """A list item's first paragraph with the number its list draws before it."""
    if not label:
        return text
    heading = re.match(r"#+ ", text)
    return f"{heading.group(0)}{label} {text[heading.end() :]}" if heading else f"{label} {text}"


def _block(
    block: ElementTree.Element,
    notes: dict[str, list[str]],
    cited: CiteFields,
    raised: frozenset[str] = frozenset(),
) -> str:
    """A paragraph or heading's text, its notes written ``[^N]`` and their texts kept."""
    text = _text_of(block, notes, cited, raised)
    if not text:
        return ""
    if block.tag == f"{_T}h":
        level = block.get(f"{_T}outline-level", "1")
        return "#" * min((int(level) if level.isdecimal() else 1) + 1, 6) + " " + text
    if block.get(f"{_T}style-name", "").replace("_20_", " ").lower() == "title":
        return f"# {text}"
    return text


def _text_of(
    block: ElementTree.Element,
    notes: dict[str, list[str]] | None,
    cited: CiteFields,
    raised: frozenset[str] = frozenset(),
) -> str:
    """A block's text as shown, a reference manager's citation in it written as its keys,
    citation numbers in a raised span (a style of ``raised``) as ``<sup>N</sup>``; in a
    note (``notes`` ``None``), a link to another page as ``[text](url)``."""
    out: list[str] = []
    _inline(block, notes, cited, out, {}, raised)
    return sup_joined("".join(out)).strip()


def _inline(
    node: ElementTree.Element,
    notes: dict[str, list[str]] | None,
    cited: CiteFields,
    out: list[str],
    marks: dict[tuple[str, str], int],
    raised: frozenset[str] = frozenset(),
) -> None:
    """The text of ``node`` as shown, added to ``out``: spaces (``text:s``), tabs, line
    breaks, spans and links; a note (when ``notes`` is given) as ``[^N]``, its text added to
    ``notes``; the text between the start and end of a mark (``marks``: where each open one
    starts in ``out``) whose name is a manager's citation as the citation's keys."""
    out.append(node.text or "")
    for child in node:
        tag = child.tag
        if tag == f"{_T}s":
            count = child.get(f"{_T}c", "1")
            out.append(" " * min(int(count) if count.isdecimal() else 1, 1000))
        elif tag == f"{_T}tab":
            out.append("\t")
        elif tag == f"{_T}line-break":
            out.append(" ")
        elif tag == f"{_T}note":
            if notes is not None:
                kind = "endnote" if child.get(f"{_T}note-class") == "endnote" else "footnote"
                inner = child.find(f"{_T}note-body")
                paras = (
                    []
                    if inner is None
                    else [_text_of(q, None, cited, raised) for q in _blocks(inner)]
                )
                notes[kind].append(" ".join(t for t in paras if t))
                out.append(f"[^{len(notes[kind])}]")
        elif tag in _STARTS:
            marks[(_STARTS[tag], child.get(f"{_T}name", ""))] = len(out)
        elif tag in _ENDS:
            _cite(
                child.get(f"{_T}name", ""),
                marks.pop((_ENDS[tag], child.get(f"{_T}name", "")), None),
                cited,
                out,
            )
        elif tag == f"{_T}a":  # a link: its text may be a transferred Zotero citation
            at = len(out)
            _inline(child, notes, cited, out, marks, raised)
            keys = cited.cite_link("".join(out[at:]))
            if keys is not None:
                out[at:] = [keys]
            elif notes is None and (md := markdown_link("".join(out[at:]), child.get(_HREF, ""))):
                out[at:] = [md]
        elif tag == _BIB_MARK and (record := mark_record(child.attrib)) is not None:
            out.append(cited.cite_record(*record))
        elif tag == f"{_T}span" and child.get(f"{_T}style-name") in raised:
            at = len(out)
            _inline(child, notes, cited, out, marks, raised)
            out[at:] = [sup_piece("".join(out[at:]))]
        elif tag != f"{_T}note-citation":
            _inline(child, notes, cited, out, marks, raised)
        out.append(child.tail or "")


def _cite(name: str, at: int | None, cited: CiteFields, out: list[str]) -> None:
    """The text in ``out`` from ``at`` on (a mark's) replaced by the citation's keys, when
    the mark's ``name`` is a manager's citation that can be read."""
    if at is None:
        return
    keys = cited.cite_mark(name, partial(_joined, out, at))
    if keys:
        out[at:] = [keys]


def _joined(out: list[str], at: int) -> str:
    """The start of the text of ``out`` from ``at`` on, as a warning quotes it."""
    return CiteFields.quoted(out[i] for i in range(at, len(out)))


_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_HREF = "{http://www.w3.org/1999/xlink}href"
_RAISED = re.compile(r"\s*(?:super\b|\+?0*[1-9]\d{0,2}(?:\.\d+)?%)")  # "super 58%", "33%"


def _raised_styles(root: ElementTree.Element | None) -> frozenset[str]:
    """The names of the text styles that raise their text (``style:text-position`` is
    ``super ...`` or a positive percentage)."""
    if root is None:
        return frozenset()
    out = set()
    for style in root.iter(f"{_STYLE}style"):
        props = style.find(f"{_STYLE}text-properties")
        position = props.get(f"{_STYLE}text-position", "") if props is not None else ""
        raised = _RAISED.match(position) is not None
        if raised and style.get(f"{_STYLE}name"):
            out.add(style.get(f"{_STYLE}name", ""))
    return frozenset(out)


def _user_defined(root: ElementTree.Element | None) -> dict[str, str]:
    """Name -> value of each user-defined property of ``meta.xml``."""
    if root is None:
        return {}
    return {
        node.get(f"{_META}name", ""): node.text or ""
        for node in root.iterfind(f"{_O}meta/{_META}user-defined")
    }


def _meta(root: ElementTree.Element | None) -> dict[str, str]:
    """Title and author of ``meta.xml``."""
    out: dict[str, str] = {}
    if root is None:
        return out
    for key, tags in (
        ("title", (f"{_DC}title",)),
        ("author", (f"{_DC}creator", f"{_META}initial-creator")),
    ):
        for tag in tags:
            node = root.find(f"{_O}meta/{tag}")
            if node is not None and node.text and node.text.strip():
                out[key] = node.text.strip()
                break
    return out
