"""Read a document's text: plain text and Markdown; PDF and DOCX through optional extras.

The string returned is "the text as read": every offset litreview stores for a document
(citations' context, tags' evidence, gap statements) indexes it. Reading is deterministic, so
reading the same file again gives the same string.

DOCX footnotes live in ``word/footnotes.xml``, which python-docx ignores; they are read with
:mod:`zipfile` and appended after the body, each on its own line as ``[N] text`` so that the
footnote finder pairs them with the ``[N]`` markers written where the references sit.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from litreview.core.errors import InputError
from litreview.core.files import decode_utf8

__all__ = ["TEXT_SUFFIXES", "read_document"]

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_document(path: str | os.PathLike[str]) -> str:
    """The text of the document at ``path``.

    Raises :class:`InputError` (with the path, and the line where it applies) for a missing
    file, a binary or empty file, text that is not UTF-8, or a PDF/DOCX when the extra that
    reads it is not installed.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    data = _read_bytes(p)
    if suffix == ".pdf":
        text = _pdf_text(p)
    elif suffix == ".docx":
        text = _docx_text(p, data)
    else:
        text = _plain_text(data, str(p))
    if not text.strip():
        raise InputError("empty document: no text to read", path=str(p))
    return text


def _read_bytes(p: Path) -> bytes:
    """The file's bytes, with one-line errors for a missing file or a folder."""
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=str(p)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a document", path=str(p)) from None


def _plain_text(data: bytes, path: str) -> str:
    """UTF-8 text (BOM dropped, CRLF kept as read); NUL bytes mean a binary file."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(
            "binary file, not text (a NUL byte)",
            path=path,
            line=line,
            hint="give a .txt, .md, .pdf or .docx document",
        )
    return decode_utf8(data, path)


def _pdf_text(p: Path) -> str:
    """The text layer of a PDF, pages separated by a blank line (needs the ``pdf`` extra)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise InputError(
            "reading PDF needs the pdf extra", path=str(p), hint="pip install 'litreview[pdf]'"
        ) from None
    try:
        reader = PdfReader(str(p))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise InputError(f"cannot read PDF: {exc}", path=str(p)) from None
    return "\n\n".join(page.strip("\n") for page in pages) + "\n"


def _docx_text(p: Path, data: bytes) -> str:
    """Body paragraphs of a DOCX, then its footnotes as ``[N] text`` lines (``docx`` extra)."""
    try:
        import docx
    except ImportError:
        raise InputError(
            "reading DOCX needs the docx extra", path=str(p), hint="pip install 'litreview[docx]'"
        ) from None
    if not zipfile.is_zipfile(p):
        raise InputError("not a DOCX file (not a zip archive)", path=str(p))
    try:
        body = _docx_body(docx.Document(str(p)))
        notes = docx_footnotes(data)
    except (KeyError, ValueError, zipfile.BadZipFile, ElementTree.ParseError) as exc:
        raise InputError(f"cannot read DOCX: {exc}", path=str(p)) from None
    parts = ["\n\n".join(body)]
    if notes:
        parts.append("\n\n".join(f"[{n}] {t}" for n, t in notes))
    return "\n\n".join(parts) + "\n"


def _docx_body(document: object) -> list[str]:
    """Paragraph texts of a python-docx document, footnote references written as ``[N]``."""
    out = []
    for para in document.paragraphs:  # type: ignore[attr-defined]
        pieces = []
        for node in para._p.iter():
            if node.tag == f"{_W}t" and node.text:
                pieces.append(node.text)
            elif node.tag == f"{_W}footnoteReference":
                pieces.append(f"[{node.get(f'{_W}id')}]")
            elif node.tag == f"{_W}tab":
                pieces.append("\t")
        text = "".join(pieces).strip()
        if text:
            out.append(text)
    return out


def docx_footnotes(data: bytes) -> list[tuple[int, str]]:
    """``(id, text)`` of each real footnote in a DOCX's ``word/footnotes.xml`` (``[]`` if none).

    Separator pseudo-footnotes (ids ``-1`` and ``0``, or a ``w:type`` attribute) are skipped.
    """
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/footnotes.xml" not in archive.namelist():
            return []
        root = ElementTree.fromstring(archive.read("word/footnotes.xml"))
    notes = []
    for note in root.iter(f"{_W}footnote"):
        if note.get(f"{_W}type"):
            continue
        number = int(note.get(f"{_W}id", "0"))
        paras = []
        for para in note.iter(f"{_W}p"):
            paras.append("".join(t.text or "" for t in para.iter(f"{_W}t")).strip())
        text = " ".join(p for p in paras if p)
        if number > 0 and text:
            notes.append((number, text))
    return sorted(notes)
