"""Build ``docs/gao-26-107787-dental-vision-endnotes.docx``: a real GAO report as a Word file
whose notes are Word endnotes (``word/endnotes.xml``), a layout no other document here has.

The report's Markdown (``sources/gao-26-107787.md``, see SOURCES.md) keeps its notes as
numbered paragraphs; :func:`documents_render.footnoted` makes them Markdown footnotes (the
notes located from the gold's numbers), pandoc writes a DOCX with Word footnotes, and the
footnotes part is then renamed an endnotes part (elements, relationship, content type).
Needs pandoc.

    python3 benchmarks/documents_extra/make_endnotes_docx.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from documents_render import footnoted

SOURCE = HERE / "sources" / "gao-26-107787.md"
OUT = HERE / "docs" / "gao-26-107787-dental-vision-endnotes.docx"
NOTES = 21


def as_endnotes(part: str, data: bytes) -> tuple[str, bytes]:
    """A DOCX part with its footnotes made endnotes."""
    part = part.replace("footnotes.xml", "endnotes.xml")  # the part and its relationships
    if not part.endswith((".xml", ".rels")):
        return part, data
    text = data.decode("utf-8")
    for old, new in (
        ("w:footnoteReference", "w:endnoteReference"),
        ("w:footnoteRef", "w:endnoteRef"),
        ("w:footnotes", "w:endnotes"),
        ("w:footnote ", "w:endnote "),
        ("w:footnote>", "w:endnote>"),
        ("relationships/footnotes", "relationships/endnotes"),
        ("footnotes.xml", "endnotes.xml"),
        ("footnotes+xml", "endnotes+xml"),
    ):
        text = text.replace(old, new)
    return part, text.encode("utf-8")


def main() -> None:
    """Render and convert."""
    doc = {"footnotes": [{"number": n} for n in range(1, NOTES + 1)], "citation_style": "footnotes"}
    md = footnoted(SOURCE.read_text(encoding="utf-8"), doc)
    assert md.count("\n[^") == NOTES, "every note made a footnote"
    with tempfile.TemporaryDirectory() as tmp:
        src, docx = Path(tmp) / "report.md", Path(tmp) / "report.docx"
        src.write_text(md, encoding="utf-8")
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01: same bytes
        subprocess.run(["pandoc", str(src), "-o", str(docx)], check=True, env=env)
        with zipfile.ZipFile(docx) as zin, zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                name, data = as_endnotes(info.filename, zin.read(info.filename))
                zout.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)


if __name__ == "__main__":
    main()
