"""Rendering of the development set's Markdown documents with pandoc: DOCX, ODT, PDF, plain
text, HTML, LaTeX.

The journal articles are rendered as they are (their reference list kept one entry a
paragraph, numbers written out so the renderers do not turn them into list numbering). The
GAO reports keep their notes as numbered paragraphs or an endnote list; to render them with
real notes, their notes are first made Markdown footnotes (``[^n]`` where the marker stands,
``[^n]: text`` for the note). Which paragraph is which note is taken from the gold (numbers in
reading order), so the rendering does not depend on the code being measured: a note is the
paragraph opening with its number after the previous note, with the paragraphs after it
that continue it (no marker, and the note stopped unfinished, or, in an endnote list, up to
the next note). Page furniture (``Page 14 ...``) is dropped.

* DOCX: ``pandoc -o x.docx`` (real Word footnotes in ``word/footnotes.xml``);
* ODT: ``pandoc -o x.odt`` (real OpenDocument notes, ``text:note``, in ``content.xml``);
* PDF: ``pandoc -t latex`` with a small template (:data:`LATEX`), then ``pdflatex`` (real
  page-foot notes); needs pdfLaTeX and the lmodern fonts (Debian ``lmodern``);
* txt: ``pandoc -t plain --wrap=none`` (the notes as an endnote list ``[n] text``);
* LaTeX: ``pandoc -t latex --standalone`` (read back through pandoc:
  :mod:`litreview.formats._pandoc_text`; not RTF: pandoc 2.17 does not read back the notes of
  the RTF it writes, though it reads Word's);
* HTML: ``pandoc -t html5 --standalone`` (notes linked within the page: ``<a
  href="#fn1">`` references, a ``<section class="footnotes">`` list, back-links).

A format whose tool is missing is skipped with a line on stderr.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from documents_score import GOLD_DIR

LATEX = r"""\documentclass[11pt]{article}
\usepackage{lmodern}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{textcomp}
\usepackage[margin=2.5cm]{geometry}
\input glyphtounicode
\pdfgentounicode=1
\usepackage{hyperref}
\usepackage{url}
\setlength{\parindent}{0pt}
\setlength{\parskip}{6pt plus 1pt}
\providecommand{\tightlist}{\setlength{\itemsep}{0pt}\setlength{\parskip}{0pt}}
\begin{document}
$body$
\end{document}
"""
_FURNITURE = re.compile(r"^Page \d+ ")
_MARKER = re.compile(r" ?\[(\d{1,3})\]")
_ENDS = re.compile(r"[.)\]”\"’]\s*$")


def render_all(
    gold: list[dict[str, Any]], out: Path, formats: list[str]
) -> dict[tuple[str, str], Path]:
    """Every Markdown document of the set rendered in ``formats``: (doc_id, format) -> file."""
    done: dict[tuple[str, str], Path] = {}
    for doc in gold:
        source = GOLD_DIR / doc["file"]
        if source.suffix != ".md":
            continue
        text = source.read_text(encoding="utf-8")
        md = footnoted(text, doc) if doc.get("footnotes") else numbered_refs(text)
        src = out / f"{doc['doc_id']}.md"
        src.write_text(md, encoding="utf-8")
        for fmt in formats:
            path = _render(src, fmt)
            if path is not None:
                done[(doc["doc_id"], fmt)] = path
    return done


def _render(src: Path, fmt: str) -> Path | None:
    """``src`` rendered as ``fmt`` (``None`` when a tool is missing or fails)."""
    if shutil.which("pandoc") is None:
        print("pandoc not installed: renderings skipped", file=sys.stderr)
        return None
    base = ["pandoc", str(src), "-f", "markdown-auto_identifiers", "--wrap=none"]
    if fmt in ("docx", "odt"):
        out = src.with_suffix(f".{fmt}")
        subprocess.run([*base, "-o", str(out)], check=True)
        return out
    if fmt == "html":
        out = src.with_suffix(".html")
        subprocess.run([*base, "-t", "html5", "--standalone", "-o", str(out)], check=True)
        return out
    if fmt == "txt":
        out = src.with_suffix(".txt")
        subprocess.run([*base, "-t", "plain", "-o", str(out)], check=True)
        return out
    if fmt == "rtf":  # read back through pandoc, which writes each note {\*\footnote ...}
        out = src.with_suffix(".rtf")
        subprocess.run([*base, "-t", "rtf", "--standalone", "-o", str(out)], check=True)
        return out
    if fmt == "tex":  # what a LaTeX author brings
        out = src.with_suffix(".tex")
        subprocess.run([*base, "-t", "latex", "--standalone", "-o", str(out)], check=True)
        return out
    if fmt == "pdf":
        return _pdf(src, base)
    return None


def _pdf(src: Path, base: list[str]) -> Path | None:
    """``src`` through LaTeX to PDF."""
    if shutil.which("pdflatex") is None:
        print("pdflatex not installed: PDF renderings skipped", file=sys.stderr)
        return None
    template = src.parent / "template.tex"
    template.write_text(LATEX, encoding="utf-8")
    tex = src.with_suffix(".tex")
    subprocess.run([*base, "-t", "latex", "--template", str(template), "-o", str(tex)], check=True)
    env = {**os.environ, "TEXMFVAR": str(src.parent / "texmf-var")}
    subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", tex.name],
        cwd=src.parent,
        env=env,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    pdf = src.with_suffix(".pdf")
    if not pdf.exists():
        print(f"pdflatex failed on {src.name}", file=sys.stderr)
        return None
    return pdf


def numbered_refs(text: str) -> str:
    """The reference list with one entry a paragraph and its numbers written out (``1\\.``),
    so Markdown readers keep them as text."""
    head, sep, refs = text.partition("\n## References\n")
    if not sep:
        return text
    entries = [ln for ln in refs.splitlines() if ln.strip()]
    entries = [re.sub(r"^(\d+)\. ", r"\1\\. ", ln) for ln in entries]
    return head + sep + "\n" + "\n\n".join(entries) + "\n"


def footnoted(text: str, doc: dict[str, Any]) -> str:
    """A GAO report with its notes made Markdown footnotes, the notes located from the gold."""
    paras = [p for p in re.split(r"\n\s*\n", text) if p.strip() and not _FURNITURE.match(p)]
    starts = _note_paragraphs(paras, doc["footnotes"])
    notes: dict[int, str] = {}
    keep: list[str] = []
    owner: dict[int, int] = {}
    for k, (i, ordinal) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(paras)
        owner[i] = ordinal
        for j in range(i + 1, end):
            if _continues(paras, i, j, endnotes=doc["citation_style"] == "endnotes"):
                owner[j] = ordinal
            else:
                break
    for j, para in enumerate(paras):
        if j in owner:
            body = re.sub(r"^\d{1,3} ", "", para) if j in dict(starts) else para
            notes[owner[j]] = f"{notes.get(owner[j], '')} {' '.join(body.split())}".strip()
        else:
            keep.append(para)
    body = "\n\n".join(keep)
    body = _number_markers(body, doc["footnotes"])
    defs = "\n\n".join(f"[^{n}]: {notes[n]}" for n in sorted(notes))
    return body + "\n\n" + defs + "\n"


def _note_paragraphs(paras: list[str], gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """``(paragraph index, ordinal)`` of every gold note, found in reading order."""
    out = []
    at = 0
    for ordinal, note in enumerate(gold, start=1):
        pattern = re.compile(rf"^{note['number']} [^\d\s]")
        for i in range(at, len(paras)):
            if pattern.match(paras[i]) and not re.search(r"(?:\s\d[\d,]*){2,}\s*$", paras[i]):
                out.append((i, ordinal))
                at = i + 1
                break
    return out


def _continues(paras: list[str], start: int, j: int, *, endnotes: bool) -> bool:
    """Whether paragraph ``j`` continues the note opening at ``start``."""
    if _MARKER.search(paras[j]) or paras[j].startswith(("#", "**")):
        return False
    return endnotes or not _ENDS.search(paras[j - 1])


def _number_markers(body: str, gold: list[dict[str, Any]]) -> str:
    """Body markers ``[n]`` as footnote references ``[^ordinal]`` (n counted in runs)."""
    ordinals: dict[tuple[int, int], int] = {}
    run, previous = 0, 0
    for k, note in enumerate(gold, start=1):
        if note["number"] <= previous:
            run += 1
        previous = note["number"]
        ordinals[(run, note["number"])] = k
    state = {"run": 0, "previous": 0}

    def repl(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if n <= state["previous"] and n == 1:
            state["run"] += 1
        state["previous"] = max(state["previous"], n) if n != 1 else 1
        k = ordinals.get((state["run"], n))
        return f"[^{k}]" if k else m.group(0)

    return _MARKER.sub(repl, body)
