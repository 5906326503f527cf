"""Read a document's text: plain text, Markdown and HTML; PDF and DOCX through optional extras.

The string returned is "the text as read": every offset litreview stores for a document
(citations' context, tags' evidence, gap statements) indexes it. Reading is deterministic, so
reading the same file again gives the same string.

* PDF is read by layout (:mod:`._pdf_layout`, pypdfium2): superscript markers become
  ``<sup>N</sup>``, each page's foot notes follow its body, running heads are left out.
* DOCX footnotes and endnotes live in ``word/footnotes.xml`` and ``word/endnotes.xml``,
  which python-docx ignores; they are read with :mod:`zipfile`. References to them are
  written ``[^N]`` where they sit (numbered in the order they appear, as Word shows them);
  the footnotes follow the body as ``[^N]: text`` lines, then the endnotes under an
  ``Endnotes`` heading. Headings are written ``# Title``.
* A reference manager's citations in a DOCX or ODT (Zotero, Mendeley, EndNote) are written by
  key, ``[@cite-...]``, and the works they store come with the text (:mod:`._cite_fields`).
* HTML (``.html``, ``.htm``, ``.xhtml``) is read as a browser shows it (:mod:`._html_text`):
  headings as ``# Title``, blocks as paragraphs, notes linked within the page (pandoc's,
  Wikipedia's, publishers') as ``[^N]`` references and ``[^N]: text`` lines after the body.
  The page is decoded by the charset it declares (UTF-8 if none).
* LaTeX, RTF, EPUB, reStructuredText and Org are read as the Markdown pandoc writes for them
  (:mod:`._pandoc_text`): notes, citations by key and the front matter kept.
* :func:`read_document_meta` also gives what the file says about itself: Markdown front
  matter (``title``, ``author``, ``date``), PDF metadata, DOCX core properties, an HTML
  page's ``citation_*`` and Dublin Core tags or its ``<title>``.

A file that is a bibliography (BibTeX, RIS, CSL-JSON, CSV) is refused with a one-line error
that says so and names ``litreview import``.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from litreview.core.errors import InputError, Problem
from litreview.core.files import check_nul, decode_text, decode_utf8, read_bytes
from litreview.formats._cite_fields import MANAGER_URI, CiteFields, StoredWork
from litreview.formats._docx_text import docx_footnotes, docx_text
from litreview.formats._front_matter import front_matter, front_matter_bibliography
from litreview.formats._html_text import html_text
from litreview.formats._odt_text import odt_text
from litreview.formats._pandoc_text import PANDOC_READERS, pandoc_markdown

__all__ = [
    "HTML_SUFFIXES",
    "MANAGER_URI",
    "PANDOC_READERS",
    "TEXT_SUFFIXES",
    "UNREAD_SUFFIXES",
    "DocumentText",
    "StoredWork",
    "docx_footnotes",
    "read_document",
    "read_document_meta",
]

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".qmd", ".rmd", ".text", "")
#: Documents litreview does not read, and what to give it instead.
UNREAD_SUFFIXES = {
    ".doc": "a Word 97-2003 document: save it as .docx (Word: File > Save As)",
    ".wpd": "a WordPerfect document: save it as .docx or PDF",
    ".pages": "an Apple Pages document: export it as .docx or PDF",
    ".ppt": "a PowerPoint 97-2003 presentation: save it as PDF",
    ".pptx": "a PowerPoint presentation: save it as PDF",
    ".xls": "a spreadsheet, not a document",
    ".xlsx": "a spreadsheet, not a document",
}
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_BIBLIOGRAPHY_SUFFIXES = {
    ".bib": "a BibTeX bibliography",
    ".bibtex": "a BibTeX bibliography",
    ".ris": "an RIS bibliography",
    ".nbib": "a PubMed bibliography",
    ".enw": "an EndNote bibliography",
    ".json": "a JSON file (a CSL-JSON bibliography?)",
    ".csv": "a CSV table (a bibliography?)",
    ".tsv": "a TSV table (a bibliography?)",
    ".xml": "an XML file",
}
_BIBLIOGRAPHY_START = (
    (re.compile(r"^\s*@\w+\s*[{(]"), "a BibTeX bibliography"),
    (re.compile(r"^\s*TY  - "), "an RIS bibliography"),
    (re.compile(r"^\s*[\[{]\s*[\[{\"]"), "a JSON file (a CSL-JSON bibliography?)"),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentText:
    """A document's text as read, and what the file says about itself (``""`` if nothing).

    ``stated_by`` says where title, author and date come from: ``front matter`` (written by
    the author for this purpose: it wins over the text's first lines) or ``file properties``
    (PDF metadata, DOCX core properties: often a template's leftovers, used only where the
    text states nothing). ``bibliography``: the bibliography files the front matter names
    (Pandoc's ``bibliography:``), as written there; ``cited``: the works a DOCX's or ODT's
    reference-manager citations store, each with the key its text cites it by;
    ``problems``: what reading the file found that did not stop it (a citation whose
    stored records cannot be read).
    """

    text: str
    title: str = ""
    author: str = ""
    date: str = ""
    stated_by: str = ""
    bibliography: tuple[str, ...] = ()
    cited: tuple[StoredWork, ...] = ()
    problems: tuple[Problem, ...] = ()


def read_document(path: str | os.PathLike[str]) -> str:
    """The text of the document at ``path``.

    Raises :class:`InputError` (with the path, and the line where it applies) for a missing
    file, a binary or empty file, text that is not UTF-8, a bibliography (read by ``litreview
    import``), or a PDF/DOCX when the extra that reads it is not installed.
    """
    return read_document_meta(path).text


def read_document_meta(path: str | os.PathLike[str]) -> DocumentText:
    """The text of the document at ``path`` with its title, author and date as the file
    states them (front matter, PDF metadata, DOCX core properties)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in UNREAD_SUFFIXES:
        raise InputError(f"not a format litreview reads: {UNREAD_SUFFIXES[suffix]}", path=str(p))
    data = read_bytes(p, "document")
    _refuse_bibliography(p, suffix, data)
    if suffix == ".pdf":
        doc = _pdf_text(p)
    elif suffix == ".docx":
        doc = _docx(p, data)
    elif suffix == ".odt":
        text, props, cited = odt_text(p, data)
        doc = _with_cited(_stated(text, props, "file properties"), cited)
    elif suffix in PANDOC_READERS:
        doc = _markdown(pandoc_markdown(p))
    elif suffix in HTML_SUFFIXES:
        body, stated = html_text(_html_source(data, str(p)))
        doc = _stated(body, stated, stated.get("stated_by", ""))
    else:
        doc = _markdown(_plain_text(data, str(p)))
    if not doc.text.strip():
        raise InputError("empty document: no text to read", path=str(p))
    return doc


def _markdown(text: str) -> DocumentText:
    """Markdown or plain text with what its front matter states and the bibliography files
    it names."""
    stated = front_matter(text)
    doc = _stated(text, stated, "front matter" if stated else "")
    return replace(doc, bibliography=front_matter_bibliography(text))


def _refuse_bibliography(p: Path, suffix: str, data: bytes) -> None:
    """A one-line error for a bibliography or data file given as a document."""
    what = _BIBLIOGRAPHY_SUFFIXES.get(suffix)
    if what is None and suffix in TEXT_SUFFIXES:
        head = data[:2000].decode("utf-8", errors="replace")
        what = next((name for pattern, name in _BIBLIOGRAPHY_START if pattern.match(head)), None)
    if what:
        raise InputError(
            f"this looks like {what}, not a document",
            path=str(p),
            hint="bibliographies are read by 'litreview import'",
        )


def _plain_text(data: bytes, path: str) -> str:
    """UTF-8 text (BOM dropped, CRLF kept as read), or UTF-16 text with a byte-order mark; a
    NUL byte means a binary file (:func:`~litreview.core.files.decode_utf8` says so, with its
    line)."""
    return decode_text(data, path)


_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.I)


def _html_source(data: bytes, path: str) -> str:
    """An HTML page's text: decoded by the charset its first 4 KB declare (``<meta
    charset>`` or ``http-equiv``), as UTF-8 when they declare none, a UTF-8 alias or one
    Python does not know; an undecodable byte is a one-line error naming its line."""
    m = _CHARSET.search(data[:4096])
    name = m.group(1).decode("ascii").lower() if m else "utf-8"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        codec = "utf-8"
    if codec in ("utf-8", "utf-8-sig") or data.startswith(codecs.BOM_UTF8):
        return decode_utf8(data, path)
    check_nul(data, path)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not {name}, as the page declares: byte 0x{data[exc.start]:02x} cannot be decoded",
            path=path,
            line=data.count(b"\n", 0, exc.start) + 1,
        ) from None


def _pdf_text(p: Path) -> DocumentText:
    """The text of a PDF read by layout, with its metadata (needs the ``pdf`` extra)."""
    try:
        import pypdfium2

        from litreview.formats._pdf_layout import pdf_layout_text
        from litreview.formats._pdf_streams import check_pdf_streams
    except ImportError:
        raise InputError(
            "reading PDF needs the pdf extra", path=str(p), hint="pip install 'litreview[pdf]'"
        ) from None
    check_pdf_streams(p)
    try:
        text, meta = pdf_layout_text(str(p))
    except (pypdfium2.PdfiumError, ValueError, KeyError) as exc:
        raise InputError(f"cannot read PDF: {exc}", path=str(p)) from None
    return DocumentText(
        text=text,
        title=meta.get("Title", ""),
        author=meta.get("Author", ""),
        date=_pdf_date(meta.get("CreationDate", "")),
        stated_by="file properties",
    )


def _pdf_date(value: str) -> str:
    """``D:20060125...`` as ``2006-01-25`` (``""`` when it is not a PDF date)."""
    m = re.match(r"^D:(\d{4})(\d{2})?(\d{2})?", value)
    return "-".join(g for g in m.groups() if g) if m else ""


def _docx(p: Path, data: bytes) -> DocumentText:
    """The text of a DOCX with its core properties (needs the ``docx`` extra)."""
    try:
        import docx  # noqa: F401
    except ImportError:
        raise InputError(
            "reading DOCX needs the docx extra", path=str(p), hint="pip install 'litreview[docx]'"
        ) from None
    text, props, cited = docx_text(p, data)
    return _with_cited(_stated(text, props, "file properties"), cited)


def _with_cited(doc: DocumentText, cited: CiteFields) -> DocumentText:
    """``doc`` with the works its reference-manager citations store and their warnings."""
    return replace(doc, cited=cited.stored(), problems=tuple(cited.problems))


def _stated(text: str, stated: dict[str, str], by: str) -> DocumentText:
    """``text`` with the title, author and date ``stated`` by ``by``."""
    return DocumentText(
        text=text,
        title=stated.get("title", ""),
        author=stated.get("author", ""),
        date=stated.get("date", ""),
        stated_by=by,
    )
