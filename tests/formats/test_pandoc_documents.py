"""Documents pandoc reads (LaTeX, RTF, EPUB, ...) read as the Markdown it writes: notes,
citations by key, title, authors and bibliography files kept; formats litreview does not
read refused with what to give instead."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from litreview.core.errors import InputError
from litreview.formats import _pandoc_text
from litreview.formats.documents import read_document_meta
from litreview.pipeline.ingest import check_document, is_document
from tests.conftest import require_tool

PAPER = r"""\documentclass{article}
\title{A Study of Rivers}
\author{Jane Roe}
\addbibresource{refs.bib}
\begin{document}
\maketitle
\section{Introduction}
Rivers matter.\footnote{Smith, J. (2001). \emph{A title}. Journal of Things, 3, 4--9.}
As shown \cite{smith2001} and \citep[p.~3]{roe2010}.
Little is known about floods.\footnote{See Doe, K. (2005). Floods. Water Press.}
\bibliography{refs}
\end{document}
"""
BIB = (
    "@article{smith2001, title={A title}, author={Smith, J.}, year=2001}\n"
    "@book{roe2010, title={Rivers}, author={Roe, K.}, year=2010}\n"
)


def test_a_latex_paper_keeps_its_notes_citations_and_front_matter(tmp_path: Path) -> None:
    require_tool("pandoc")
    paper = tmp_path / "paper.tex"
    paper.write_text(PAPER, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    doc = read_document_meta(paper)
    assert doc.title == "A Study of Rivers" and doc.author == "Jane Roe"
    assert doc.bibliography == ("refs.bib",)  # named twice (biblatex and bibtex), read once
    assert "[@smith2001]" in doc.text and re.search(r"\[@roe2010 p\.\s3\]", doc.text)
    assert "[^1]: Smith, J. (2001). *A title*. Journal of Things, 3, 4–9." in doc.text
    assert is_document(str(paper))
    check = check_document(str(paper))
    assert check.n_notes == 2 and not [p for p in check.problems if p.severity == "error"]
    assert check.n_works >= 4  # two notes' works and the two keys' works of refs.bib


def test_an_rtf_note_is_a_note(tmp_path: Path) -> None:
    require_tool("pandoc")
    rtf = tmp_path / "memo.rtf"
    rtf.write_text(
        r"{\rtf1\ansi Some text.{\super\chftn}{\footnote\pard\plain{\super\chftn} "
        r"Roe, K. (2010). Rivers. Water Press.} More.\par}",
        encoding="ascii",
    )
    assert check_document(str(rtf)).n_notes == 1


def test_notes_of_an_rtf_pandoc_wrote_are_notes(tmp_path: Path) -> None:
    """pandoc's RTF writer marks each note's group as one a reader may skip
    (``{\\*\\footnote ...}``) and its reader skips it: the notes are read all the same,
    the text shown around them unchanged."""
    require_tool("pandoc")
    import subprocess

    md = tmp_path / "memo.md"
    md.write_text(
        "# Rivers\n\nRivers matter.[^1] Floods too.[^2]\n\n"
        "[^1]: Smith, J. (2001). *A title*. Journal of Things, 3, 4-9.\n\n"
        "[^2]: See Doe, K. (2005). Floods. Water Press.\n",
        encoding="utf-8",
    )
    rtf = tmp_path / "memo.rtf"
    subprocess.run(["pandoc", "-s", str(md), "-o", str(rtf)], check=True)
    assert rb"{\*\footnote" in rtf.read_bytes()  # as the installed pandoc writes a note
    text = read_document_meta(rtf).text
    assert "Rivers matter.[^1] Floods too.[^2]" in text
    assert "Smith, J. (2001). *A title*. Journal of Things, 3, 4-9." in text
    check = check_document(str(rtf))
    assert check.n_notes == 2


def test_a_character_rtf_gives_by_its_code_keeps_the_text_after_it(tmp_path: Path) -> None:
    """pandoc writes an en dash ``\\u8211-`` (its code, then "-" for old readers) and its
    reader took the "-" for the code's end and skipped the next character: "31–39" was read
    "31–9". Read as RTF means: the stand-in skipped, nothing else; with no stand-in
    (``\\uc0``) the "-" is text; a backslash written as text is no code."""
    require_tool("pandoc")
    import subprocess

    md = tmp_path / "paper.md"
    md.write_text("Ages were reported [28, 29, 31–39] and [4–7].\n", encoding="utf-8")
    rtf = tmp_path / "paper.rtf"
    subprocess.run(["pandoc", "-s", str(md), "-o", str(rtf)], check=True)
    assert rb"31\u8211-39" in rtf.read_bytes()
    assert read_document_meta(rtf).text.strip() == "Ages were reported [28, 29, 31–39] and [4–7]."
    raw = tmp_path / "raw.rtf"
    raw.write_bytes(rb"{\rtf1\ansi A\u8211?1 {\uc0 B\u8211-2} C\\u8211-3\par}")
    assert read_document_meta(raw).text.strip() == "A–1 B–-2 C\\u8211-3"


def test_what_pandoc_cannot_read_is_one_error_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_tool("pandoc")
    book = tmp_path / "book.epub"
    book.write_bytes(b"not a zip archive")
    with pytest.raises(InputError, match="pandoc cannot read it as epub") as err:
        read_document_meta(book)
    assert err.value.path == str(book)
    paper = tmp_path / "paper.tex"
    paper.write_text("\\section{A}\n" + "Text \\textbf{x} " * 60_000, encoding="utf-8")
    monkeypatch.setattr(_pandoc_text, "HEAP_MB", 80)  # 1 MB of markup needs more
    with pytest.raises(InputError, match="needs more than 80 MB of memory"):
        read_document_meta(paper)


def test_without_pandoc_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paper = tmp_path / "paper.tex"
    paper.write_text(PAPER, encoding="utf-8")
    monkeypatch.setattr(_pandoc_text.shutil, "which", lambda name: None)
    with pytest.raises(InputError, match=r"reading \.tex documents needs pandoc") as err:
        read_document_meta(paper)
    assert "apt install pandoc" in (err.value.hint or "")


@pytest.mark.parametrize("name", ["old.doc", "deck.pptx"])  # a spreadsheet: a bibliography
def test_a_format_litreview_does_not_read_is_refused_with_what_to_give(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    assert is_document(str(path))  # validate reads it as a document, not a bibliography
    with pytest.raises(InputError, match="not a format litreview reads"):
        read_document_meta(path)


def test_the_escapes_pandoc_writes_are_taken_off(tmp_path: Path) -> None:
    # a numbered paper: pandoc writes its citations '\[1\]' and its list's numbers '1\.'
    require_tool("pandoc")
    paper = tmp_path / "numeric.tex"
    paper.write_text(
        "\\documentclass{article}\n\\begin{document}\nRivers matter {[}1{]}.\n\n"
        "\\section{References}\n\n1. Smith J. A title. J Things. 2001;3:4-9.\n\n"
        "2. Roe K. Rivers. Water Press; 2010.\n\\end{document}\n",
        encoding="utf-8",
    )
    text = read_document_meta(paper).text
    assert "Rivers matter [1]." in text and "\n1. Smith J." in text and "\\" not in text
    assert check_document(str(paper)).n_entries == 2


def test_a_title_with_markdown_punctuation_is_read_whole(tmp_path: Path) -> None:
    """Pandoc escapes the title's punctuation inside a YAML string ("Rivers \\[and\\]");
    taking the escapes off the whole text broke the YAML, and the title was lost."""
    require_tool("pandoc")
    paper = tmp_path / "paper.tex"
    paper.write_text(
        "\\documentclass{article}\n\\title{Rivers [and] floods * 2 of \\#1}\n"
        "\\author{Jane Roe}\n\\begin{document}\n\\maketitle\nText.\n\\end{document}\n",
        encoding="utf-8",
    )
    doc = read_document_meta(paper)
    assert (doc.title, doc.author) == ("Rivers [and] floods * 2 of #1", "Jane Roe")
