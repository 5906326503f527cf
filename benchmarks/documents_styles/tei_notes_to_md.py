"""Write chapters of a TEI book as Markdown with endnotes per chapter (numbering restarts).

Used once to make ``docs/frus-history-chapters.md`` from the Office of the Historian's TEI
of *Toward "Thorough, Accurate, and Reliable": A History of the Foreign Relations of the
United States Series* (public domain; see SOURCES.md). Each chapter's notes (``<note
place="foot" n="N">``) become superscript markers in the text and a ``Notes`` list after
the chapter, as a book with chapter endnotes prints them; italics become ``*...*``.

    python3 benchmarks/documents_styles/tei_notes_to_md.py FRUS_HISTORY_XML OUT.md chapter-1 ...

The XML is ``monograph/frus-history.xml`` of HistoryAtState/frus-history (fetched into
``/work/.mirror``); the script stops with a one-line message when it is absent.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SKIP = {"figure", "table", "anchor", "pb", "graphic"}


def _inline(el: ET.Element, notes: list[str] | None) -> str:
    """The text of ``el`` and its children; a note becomes a superscript marker and its text
    goes to ``notes`` (None inside a note: notes do not nest)."""
    out = [el.text or ""]
    for child in el:
        tag = child.tag.removeprefix(TEI)
        if tag == "note" and notes is not None and child.get("n"):
            notes.append(_block_text(child))
            out.append(child.get("n", "").translate(SUPERSCRIPT))
        elif tag == "hi" and "italic" in (child.get("rend") or ""):
            out.append(f"*{_inline(child, notes).strip()}*")
        elif tag not in SKIP and tag != "note":
            out.append(_inline(child, notes))
        out.append(child.tail or "")
    return "".join(out)


def _block_text(el: ET.Element) -> str:
    """A note's text on one line (its paragraphs joined)."""
    return " ".join(_inline(el, None).split())


def chapter_markdown(div: ET.Element) -> str:
    """One chapter: its heading, paragraphs with markers, then its notes."""
    notes: list[str] = []
    lines = []
    head = div.find(f"{TEI}head")
    if head is not None:
        lines.append("## " + " ".join("".join(head.itertext()).split()))
    for el in div.iter():
        tag = el.tag.removeprefix(TEI)
        if tag in ("p", "item") and not _inside_note(div, el):
            text = " ".join(_inline(el, notes).split())
            if text:
                lines.append(("- " if tag == "item" else "") + text)
        elif tag == "head" and el is not head and not el.get("type"):
            lines.append("### " + " ".join("".join(el.itertext()).split()))
    lines.append("### Notes")
    lines += [f"{k}. {text}" for k, text in enumerate(notes, start=1)]  # n runs 1..N
    return "\n\n".join(lines)


def _inside_note(div: ET.Element, el: ET.Element) -> bool:
    """Whether ``el`` lies inside a note or a paragraph of ``div`` (read with its parent)."""
    parents = {c: p for p in div.iter() for c in p}
    p = parents.get(el)
    while p is not None:
        if p.tag.removeprefix(TEI) in ("note", "p", "item"):
            return True
        p = parents.get(p)
    return False


def main() -> None:
    """Read the TEI, write the chapters named."""
    src, out, *ids = sys.argv[1:]
    if not Path(src).is_file():
        sys.exit(f"{src}: not found (fetch HistoryAtState/frus-history first)")
    root = ET.parse(src).getroot()
    divs = {d.get(XML_ID): d for d in root.iter(f"{TEI}div")}
    title = " ".join("".join(root.find(f".//{TEI}title").itertext()).split())
    parts = [f"# {title}", *(chapter_markdown(divs[i]) for i in ids)]
    text = re.sub(r"[ \t]+\n", "\n", "\n\n".join(parts)) + "\n"
    Path(out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
