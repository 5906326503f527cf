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

import yaml

from litreview.core.errors import InputError, Problem
from litreview.core.files import check_nul, decode_text, decode_utf8, read_bytes
from litreview.formats._cite_fields import MANAGER_URI, CiteFields, StoredWork
from litreview.formats._docx_text import docx_footnotes, docx_text
from litreview.formats._front_matter import (
    front_matter,
    front_matter_bibliography,
    front_matter_references,
    front_matter_value,
    references_blanked,
    split_front,
)
from litreview.formats._html_text import html_text
from litreview.formats._odt_text import odt_text
from litreview.formats._pandoc_text import PANDOC_READERS, pandoc_markdown, unescaped
from litreview.formats.jats import jats_article

__all__ = [
    "HTML_SUFFIXES",
    "JATS_SUFFIXES",
    "MANAGER_URI",
    "PANDOC_READERS",
    "TEXT_SUFFIXES",
    "UNREAD_SUFFIXES",
    "DocumentText",
    "StoredWork",
    "docx_footnotes",
    "is_jats",
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
}
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: A journal article in JATS XML (PubMed Central's ``.nxml``; an ``.xml`` file whose first
#: element is ``<article>``: :func:`is_jats`): its body read by Pandoc's JATS reader (its
#: citations become ``[@id]``), its reference list by :mod:`litreview.formats.jats`.
JATS_SUFFIXES = (".nxml", ".xml")
_BIBLIOGRAPHY_SUFFIXES = {
    ".bib": "a BibTeX bibliography",
    ".bibtex": "a BibTeX bibliography",
    ".ris": "an RIS bibliography",
    ".nbib": "a PubMed bibliography",
    ".enw": "an EndNote bibliography",
    ".json": "a JSON file (a CSL-JSON bibliography?)",
    ".csv": "a CSV table (a bibliography?)",
    ".tsv": "a TSV table (a bibliography?)",
    ".xls": "a spreadsheet (a bibliography?)",
    ".xlsx": "a spreadsheet (a bibliography?)",
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
    jats = suffix in JATS_SUFFIXES and (suffix == ".nxml" or is_jats(data))
    if not jats:
        _refuse_bibliography(p, suffix, data)
    if jats:
        doc = _jats(p, data)
    elif suffix == ".pdf":
        doc = _pdf_text(p)
    elif suffix == ".docx":
        doc = _docx(p, data)
    elif suffix == ".odt":
        text, props, cited = odt_text(p, data)
        doc = _with_cited(_stated(text, props, "file properties"), cited)
    elif suffix in PANDOC_READERS:
        doc = _markdown(pandoc_markdown(p, data=data), str(p))
        # the front matter's values are Pandoc's Markdown too ('Rivers \\[and\\] floods')
        doc = replace(
            doc, title=unescaped(doc.title), author=unescaped(doc.author), date=unescaped(doc.date)
        )
    elif suffix in HTML_SUFFIXES:
        body, stated = html_text(_html_source(data, str(p)))
        doc = _stated(body, stated, stated.get("stated_by", ""))
    else:
        doc = _markdown(_plain_text(data, str(p)), str(p))
    if not doc.text.strip():
        raise InputError("empty document: no text to read", path=str(p))
    return doc


def _jats(p: Path, data: bytes) -> DocumentText:
    """A JATS article as Pandoc reads its body (citations ``[@id]``) and abstract (a first
    section), under a front matter of its title, authors and date; the works of its
    reference list as :mod:`litreview.formats.jats` reads them (Pandoc's own reading misses
    what ``<mixed-citation>`` prints, and its front matter's affiliations and notes are no
    text to read). A file ElementTree cannot read keeps Pandoc's reading, with a warning."""
    article = jats_article(data, str(p))
    front, refs, problems = article.front, article.refs, article.problems
    # link attributes ('[Figure 3](#fig3){ref-type="fig"}') are markup, not text
    writer = "markdown-smart-link_attributes-raw_html"
    markdown = pandoc_markdown(p, reader="jats", writer=writer, data=article.xml or None)
    if not refs and not front.title:  # Pandoc's reading alone
        doc = _markdown(markdown, str(p), keep_ids=False)
        return replace(doc, problems=(*doc.problems, *problems))
    head, body = split_front(markdown)
    abstract = front_matter_value(head, "abstract") if head else ""
    stated = {"title": front.title, "author": list(front.authors), "date": front.date}
    meta = yaml.safe_dump(
        {k: v for k, v in stated.items() if v}, allow_unicode=True, sort_keys=False
    )
    text = f"---\n{meta}---\n\n"
    if isinstance(abstract, str) and abstract.strip():
        text += f"# Abstract\n\n{unescaped(abstract.strip())}\n\n"
    text += _ranges_expanded(body.lstrip("\n"), [r.id for r in refs])
    cited = tuple(
        StoredWork(key=r.id, work=r.work, raw="" if r.tagged else r.text) for r in refs if r.id
    )
    return replace(_markdown(text, str(p)), cited=cited, problems=problems)


_KEY_RANGE = re.compile(r"\[@([^\s\[\];@]{1,200})\] ?[–‐-] ?\[@([^\s\[\];@]{1,200})\]")
MAX_RANGE = 200  # works one range of citations may span ("[2]–[5]")


def _ranges_expanded(text: str, order: list[str]) -> str:
    """Citation ranges ``[@a]–[@d]`` (a publisher's "[2]–[5]") as the citations of every
    work from ``a`` to ``d`` in reference-list ``order``: ``[@a; @b; @c; @d]``. A range
    whose ends are not both in the list, or run backwards, stays as written."""
    at = {key: i for i, key in enumerate(order)}

    def whole(m: re.Match[str]) -> str:
        a, b = at.get(m.group(1)), at.get(m.group(2))
        if a is None or b is None or not 0 < b - a <= MAX_RANGE:
            return m.group(0)
        return "[" + "; ".join(f"@{k}" for k in order[a : b + 1]) + "]"

    return _KEY_RANGE.sub(whole, text)


def _markdown(text: str, path: str, *, keep_ids: bool = True) -> DocumentText:
    """Markdown or plain text with what its front matter states, the bibliography files it
    names and the references it holds (their ids kept as citekeys if ``keep_ids``)."""
    stated = front_matter(text)
    cited, problems = front_matter_references(text, path, keep_ids=keep_ids)
    if cited or problems:
        text = references_blanked(text)
    doc = _stated(text, stated, "front matter" if stated else "")
    return replace(
        doc, bibliography=front_matter_bibliography(text), cited=cited, problems=problems
    )


_XML_LEAD = (("<?", "?>"), ("<!--", "-->"))
_ARTICLE = re.compile(r"<(?:[A-Za-z_][\w.-]{0,40}:)?article[\s>/]")
_HEAD_BYTES = 16384


def is_jats(data: bytes) -> bool:
    """Whether XML ``data`` is a JATS article: its first element (after the declaration,
    comments, processing instructions and the doctype, in its first 16 KB) is
    ``<article>``."""
    head = data[:_HEAD_BYTES].decode("utf-8", "replace").lstrip("\ufeff")
    at = 0
    while True:
        while at < len(head) and head[at].isspace():
            at += 1
        lead = next((pair for pair in _XML_LEAD if head.startswith(pair[0], at)), None)
        if lead is not None:
            end = head.find(lead[1], at)
            if end < 0:
                return False
            at = end + len(lead[1])
        elif head.startswith("<!DOCTYPE", at):
            subset, close = head.find("[", at), head.find(">", at)
            if 0 <= subset < close:  # an internal subset: the doctype ends after its ']'
                close = head.find(">", max(head.find("]", subset), subset))
            if close < 0:
                return False
            at = close + 1
        else:
            return bool(_ARTICLE.match(head, at))


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

        from litreview.formats._pdf_layout import pdf_layout
        from litreview.formats._pdf_streams import check_pdf_streams
    except ImportError:
        raise InputError(
            "reading PDF needs the pdf extra", path=str(p), hint="pip install 'litreview[pdf]'"
        ) from None
    check_pdf_streams(p)
    try:
        text, meta, images = pdf_layout(str(p))
    except (pypdfium2.PdfiumError, ValueError, KeyError) as exc:
        raise InputError(f"cannot read PDF: {exc}", path=str(p)) from None
    if not text.strip() and images:  # (a PDF of blank pages is an empty document below)
        raise InputError(
            "the PDF has no text to read: its pages are images (a scan?)",
            path=str(p),
            hint="run OCR on it first (for example 'ocrmypdf in.pdf out.pdf') and give the result",
        )
    problems: tuple[Problem, ...] = ()
    if images:
        shown = ", ".join(map(str, images[:10])) + (", ..." if len(images) > 10 else "")
        message = (
            f"{len(images)} page(s) are images with no text (a scan?), not read: {shown}; "
            "run OCR on the PDF (for example ocrmypdf) to read them"
        )
        problems = (Problem(path=str(p), line=None, severity="warning", message=message),)
    return DocumentText(
        text=text,
        title=meta.get("Title", ""),
        author=meta.get("Author", ""),
        date=_pdf_date(meta.get("CreationDate", "")),
        stated_by="file properties",
        problems=problems,
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
