"""ODT (OpenDocument Text, as LibreOffice writes it) with its real footnotes and endnotes.

The body is read from ``content.xml`` in document order: paragraphs (``text:p``, in lists,
tables and sections too), a heading of outline level N (``text:h``) written with N + 1
``#`` marks, a paragraph in the ``Title`` style ``# text``; ``text:s`` spaces, tabs and line
breaks as the text shows them. A note (``text:note``) is written ``[^N]`` where it stands,
N counting the notes of its class in order; the footnotes follow the body as ``[^N]: text``
paragraphs, the endnotes under an ``Endnotes`` heading, as the DOCX reader writes them.
``meta.xml`` gives the title and author (not a date: the file's creation is not the
document's publication). Parts larger than the DOCX reader's limit are refused the same way.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from litreview.core.errors import InputError
from litreview.formats._docx_text import zip_part

__all__ = ["odt_text"]

_T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_BLOCKS = (f"{_T}p", f"{_T}h")


def odt_text(p: Path, data: bytes) -> tuple[str, dict[str, str]]:
    """The text of an ODT and its metadata (``title``, ``author``)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("not an ODT file (not a zip archive)", path=str(p))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            root = ElementTree.fromstring(zip_part(archive, "content.xml", p))
            meta = _meta(zip_part(archive, "meta.xml", p)) if "meta.xml" in names else {}
        notes: dict[str, list[str]] = {"footnote": [], "endnote": []}
        body = root.find(f"{_O}body/{_O}text")
        paragraphs = [t for block in _blocks(body) if (t := _block(block, notes))]
    except InputError:
        raise
    except (
        KeyError,
        ValueError,
        EOFError,
        OSError,
        NotImplementedError,
        RecursionError,
        zipfile.BadZipFile,
        ElementTree.ParseError,
    ) as exc:
        raise InputError(f"cannot read ODT: {exc}", path=str(p)) from None
    parts = ["\n\n".join(paragraphs)]
    for kind, heading in (("footnote", ""), ("endnote", "# Endnotes")):
        listed = [f"[^{n}]: {text}" for n, text in enumerate(notes[kind], 1) if text]
        if listed:
            parts.append("\n\n".join([heading, *listed] if heading else listed))
    return "\n\n".join(parts) + "\n", meta


def _blocks(body: ElementTree.Element | None) -> list[ElementTree.Element]:
    """The paragraphs and headings below ``body`` in document order, not those inside a
    note (read with their note) or inside another paragraph. No recursion."""
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
        elif child.tag != f"{_T}note":
            stack.append(iter(child))
    return out


def _block(block: ElementTree.Element, notes: dict[str, list[str]]) -> str:
    """A paragraph or heading's text, its notes written ``[^N]`` and their texts kept."""
    text = _inline(block, notes).strip()
    if not text:
        return ""
    if block.tag == f"{_T}h":
        level = block.get(f"{_T}outline-level", "1")
        return "#" * min((int(level) if level.isdigit() else 1) + 1, 6) + " " + text
    if block.get(f"{_T}style-name", "").replace("_20_", " ").lower() == "title":
        return f"# {text}"
    return text


def _inline(node: ElementTree.Element, notes: dict[str, list[str]] | None) -> str:
    """The text of ``node`` as shown: spaces (``text:s``), tabs, line breaks, spans and
    links; a note (when ``notes`` is given) as ``[^N]``, its text added to ``notes``."""
    out = [node.text or ""]
    for child in node:
        tag = child.tag
        if tag == f"{_T}s":
            count = child.get(f"{_T}c", "1")
            out.append(" " * min(int(count) if count.isdigit() else 1, 1000))
        elif tag == f"{_T}tab":
            out.append("\t")
        elif tag == f"{_T}line-break":
            out.append(" ")
        elif tag == f"{_T}note":
            if notes is not None:
                kind = "endnote" if child.get(f"{_T}note-class") == "endnote" else "footnote"
                inner = child.find(f"{_T}note-body")
                paras = [] if inner is None else [_inline(q, None) for q in _blocks(inner)]
                notes[kind].append(" ".join(t.strip() for t in paras if t.strip()))
                out.append(f"[^{len(notes[kind])}]")
        elif tag != f"{_T}note-citation":
            out.append(_inline(child, notes))
        out.append(child.tail or "")
    return "".join(out)


def _meta(xml: bytes) -> dict[str, str]:
    """Title and author of ``meta.xml``."""
    root = ElementTree.fromstring(xml)
    out = {}
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
