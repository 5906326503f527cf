"""Hostile inputs at scale: every hostile case of issue 19, then every reader fuzzed.

    python3 benchmarks/bench_hostile.py [--examples 2000] [--timeout 120] [--only cases|fuzz]
        [--case NAME]

**Cases.** Each hostile case (a string bomb, a zip-bomb DOCX, deep JSON, a 5,000-digit year,
a 2 MB CSV cell, a 128 KiB sentence, two 512 KiB gap statements, NUL bytes, an unclosed quote,
/dev/zero and a FIFO in documents.csv, a 3,000-word synonym, bad XML, an encrypted PDF, a
file as ``--review``, a folder as ``-o``, a typo as ``--review``, injected citekeys and TeX,
9 MB files of one token; then, second round: a document named in bytes that are not UTF-8,
notes shaped like pointers inside the document that run on for 1,500 labels, a
symlink loop (given, and in documents.csv), a 300-character name, export to a pipe no one
reads, a folder where ``tags.csv`` goes and a file where ``gaps/`` goes, 200,000 nested DOCX
paragraphs, a 90 KB DOCX of 10 million tags, a DOCX citation field of 400,000 runs, a DOCX of
100,000 broken citation fields and one of 150,000 nested ones, 9 MB of ``<p>a`` in HTML,
40,000 short-form notes, a line of a million note markers, 3 million empty CSL-JSON items, a
curation section and a taxonomy key given twice; then 9 MB of one-line notes, a 9 MB numbered
reference list, 366,000 author-year citations, two PDF bombs and 9 MB of LaTeX; then tables:
an .xlsx unpacking to 2 GB, a text file and a broken .xls named as workbooks, a sheet of a
million cells, a 9 MB semicolon table below notes and 9 MB of text formulas; then library
XML: entity bombs and external entities in MODS and Word's list of sources, 9 MB of nested
``<mods>``, closed and not, 9 MB of empty records, a ``<mods>`` without its namespace,
text named .xml and 20,000 MODS records; MARCXML's entity bomb, external entity, 9 MB of
nested and of unclosed ``<record>``, 20,000 records and a field of 100,000 subfields) runs as
``litreview`` commands in a fresh process each, in a throwaway review; the peak memory of
each process is its own (``os.wait4``'s ``ru_maxrss``, the commands forked from a small
process started before the files are built; the largest of a command's own children, such as
pandoc, counts too). An outcome is *ok* (exit 0, or exit 2 with a one-line error), *traceback*,
*hang* (over ``--timeout`` seconds) or *over-memory* (over 1 GB; every input here is under
10 MB).

**Fuzz.** Every target of ``tests/hostile/fuzz_targets.py`` (each reader: BibTeX, RIS,
CSL-JSON, CSV, the search exports, documents .txt/.md/.docx, taxonomy and curation YAML,
synonyms matched, the review's own tables, files of each suffix as bytes, real DOCX and
XLSX packages with bytes changed anywhere (``damaged-package``); and import,
export and ingest, whose output must read back without error) gets ``--examples``
Hypothesis inputs in this process (``ingest``, ``tag`` and ``report`` of a hostile
document through the command line, a second an input, a tenth of that); each call has
``--timeout`` seconds (SIGALRM). An outcome is *result*, *error* (a one-line InputError),
*traceback* or *hang*; the process's peak memory is printed at the end.

The issue's target: 0 tracebacks, 0 hangs, peak memory under 1 GB for any input under 10 MB.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from tests.hostile.fuzz_targets import Target

GB_KIB = 1024 * 1024  # ru_maxrss is in KiB on Linux
TAXONOMY = "facets:\n  - id: topic\n    values:\n      - id: crops\n        synonyms: [wheat]\n"
MB9 = 9 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Case:
    """A hostile case: its name, the files it needs and the commands run on them in order.

    A file named ``review:PATH`` is written inside the review (``PATH/``: a folder made
    there); ``links`` are symbolic links ``(name, target)`` made beside the files (``review:PATH``:
    in the review, in place of its file, the target a name beside it). In the
    commands ``{f}`` is the first file, ``{r}`` the review, ``{t}`` the throwaway folder and
    ``{fifo}`` a pipe in it."""

    name: str
    files: dict[str, bytes]
    commands: tuple[tuple[str, ...], ...]
    links: tuple[tuple[str, str], ...] = ()


def _filled(head: str, line: Callable[[int], str], tail: str = "") -> bytes:
    """``head``, then ``line(0)``, ``line(1)``, ... up to 9 MB, then ``tail``."""
    parts, size, i = [head], len(head), 0
    while size < MB9:
        parts.append(line(i))
        size += len(parts[-1])
        i += 1
    return ("".join(parts) + tail).encode()


def _note_lines() -> bytes:
    return _filled("# R\n\n", lambda i: f"[^{i}]: R{i} (2001).\n")


def _numbered_list() -> bytes:
    return _filled(
        "# P\n\nText [1].\n\n## References\n\n",
        lambda i: f"{i + 1}. Roe J{i}. A title number {i}. J Things. 2001;3:{i}-9.\n",
    )


def _author_year_text() -> bytes:
    entries = "".join(f"Roe{i} J. (2001). A title {i}. J Things, 3, 4-9.\n" for i in range(500))
    return _filled(
        "# P\n\n", lambda i: f"As shown (Roe{i % 500} 2001). ", "\n\n## References\n\n" + entries
    )


def _capitalised_run() -> bytes:
    """9 MB of capitalised words with no full stop, then a reference list: every word could
    open an author's name."""
    return _filled(
        "# P\n\n",
        lambda i: "Word " * 100 + "\n",
        "\n\n## References\n\nRoe, J. (2001). A title. J Things, 3, 4-9.\n",
    )


def _string_bomb() -> bytes:
    lines = ['@string{a0 = "xxxxxxxxxx"}']
    lines += [f"@string{{a{i} = a{i - 1} # a{i - 1}}}" for i in range(1, 29)]
    return ("\n".join([*lines, "@misc{k, title = a28}", ""])).encode()


def _zip_bomb(size: int, part: str = "word/document.xml", root: str = "w:document") -> bytes:
    """A zip of one XML part that unpacks to ``size`` bytes of spaces (a DOCX by default)."""
    path = Path(tempfile.mkdtemp()) / "bomb.zip"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z,
        z.open(part, "w", force_zip64=True) as f,
    ):
        f.write(f"<{root}>".encode())
        chunk = b" " * (1 << 20)
        for _ in range(size >> 20):
            f.write(chunk)
        f.write(f"</{root}>".encode())
    return path.read_bytes()


def _docx(body: bytes) -> bytes:
    path = Path(tempfile.mkdtemp()) / "x.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", body)
    return path.read_bytes()


def _inflating_pdf(piece: bytes, times: int) -> bytes:
    """A one-page PDF whose content stream is ``piece`` ``times`` over, Flate-compressed a
    piece at a time (a gigabyte inflated is never held here)."""
    squeeze = zlib.compressobj(9)
    data = b"".join(squeeze.compress(piece) for _ in range(times)) + squeeze.flush()
    font = b"/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << " + font + b" >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
    ]
    out, offsets = [b"%PDF-1.4\n"], []
    for n, obj in enumerate(objs, 1):
        offsets.append(sum(map(len, out)))
        out.append(b"%d 0 obj\n" % n + obj + b"\nendobj\n")
    xref = sum(map(len, out))
    out.append(b"xref\n0 5\n0000000000 65535 f \n")
    out += [b"%010d 00000 n \n" % o for o in offsets]
    out.append(b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return b"".join(out)


def _one_line_pdf(chars: int) -> bytes:
    """A one-page PDF whose text is ``chars`` characters on one baseline (strings of 30,000
    shown one after another)."""
    shown = b"(" + b"ab " * 10_000 + b") Tj "
    return _inflating_pdf(b"BT /F1 1 Tf 0 720 Td " + shown * (chars // 30_000) + b"ET", 1)


def _encrypted_pdf() -> bytes:
    try:
        import pypdf
    except ImportError:
        return b""
    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt("secret", algorithm="AES-256")
    path = Path(tempfile.mkdtemp()) / "locked.pdf"
    writer.write(str(path))
    return path.read_bytes()


def _long_sentence_doc(chars: int) -> bytes:
    words = "the wheat harvest failed again in the district " * (chars // 48)
    return (
        f"# A report\n\nA claim about {words}.[^1]\n\n[^1]: Jane Roe, *On Wheat* (2001).\n".encode()
    )


_GAP_WORDS = "little research exists on the data of farms and the data are unreliable so "


def _long_gap_doc(chars: int, words: str = _GAP_WORDS) -> bytes:
    """One sentence that says, again and again, that evidence is missing: it is read as a gap
    statement, so the gap objects and chain features run on all of it."""
    words = words * (chars // len(words))
    note = "[^1]: Jane Roe, *On Wheat* (2001).\n"
    return f"# A report\n\nSo {words}studies are needed.[^1]\n\n{note}".encode()


#: Shapes whose 60,000-character runs once made a pattern backtrack (quadratic or worse):
#: each took over a minute in a note or a reference before 2026-12-03.
RUNS = ("A", ".", ",", " ", "(", "A. ", "A-", "Ab, ")
#: Shapes that were slow only beside an author-year reference list, or in the gap-statement
#: reader: a word of capitals, capitalised words, superscript digits, link openings, initials.
MORE_RUNS = ("Word ", "¹", "[", "[a](", "A.B.")
#: Shapes of links whose text holds brackets (``[[PDF] Title](url)``, read since 2026-12-04).
LINK_RUNS = ("[[a](", "[a[b]", "[[a] b", "[[P] T](u) ")
#: Shapes of the works a note cuts apart (since 2026-12-05): works joined by ", and", a
#: lead-in naming its topic before each, a signal before each, a law's back-reference, a
#: document's number after a signal (no comma in the note), works joined by ";".
WORK_RUNS = (
    ', and Xy, "T," 2001',
    "For a b, see Roe, “T,” 2001. ",
    "See also Roe, “T,” 2001. ",
    "Id. at 5. ",
    "See GAO-12-345. ",
    "Roe et al., “T,” J. 5 (2001): 1–2; ",
)


def _runs_doc(runs: tuple[str, ...] = RUNS, references: bool = False) -> bytes:
    """A document with one note per shape of ``runs``, the run in the note and in the
    sentence citing it (and, with ``references``, an author-year reference list)."""
    lines, notes = ["# A report", ""], []
    for i, unit in enumerate(runs, 1):
        run = unit * (60_000 // len(unit))
        lines.append(f"A claim about {run} here.[^{i}] Little research exists on it.")
        notes.append(f"[^{i}]: Roe, J. (2001) {run} Title.")
    refs = ["## References", "Roe, J. (2001). A title. J Things, 3, 4-9."] if references else []
    return "\n\n".join([*lines, *notes, *refs]).encode() + b"\n"


def _temporary_notes() -> bytes:
    """Notes of 60 KB of EndNote temporary citations: many in one pair of braces, many
    pairs, and pairs of items with neither name nor year."""
    runs = ("A, 2001 #1; ", "{A, 2001 #1@3} ", "{, #1}")
    body = " ".join(f"A claim.[^{i}]" for i in range(1, len(runs) + 1))
    notes = [f"[^{i}]: See {{{u * (60_000 // len(u))}, 2001 #3}}." for i, u in enumerate(runs, 1)]
    refs = "## References\n\nA, B. (2001). A title. J Things, 3, 4-9."
    return "\n\n".join(["# A report", body, *notes, refs]).encode() + b"\n"


def _rtf_runs(size: int) -> bytes:
    """An RTF of ``size`` bytes: notes marked skippable, each holding characters given by
    their code then a stand-in (the two shapes mended before pandoc reads RTF)."""
    note = rb"A claim.{\super\chftn}{\*\footnote\chftn " + rb"\u8211-1" * 20 + rb"}"
    return rb"{\rtf1\ansi " + note * (size // len(note)) + rb"\par}"


def _run_titles(runs: tuple[str, ...]) -> bytes:
    """CSL-JSON works, each titled by a 60,000-character run of one shape of ``runs``."""
    items = [
        {"id": f"r{i}", "type": "book", "title": u * (60_000 // len(u)), "issued": {"raw": "2001"}}
        for i, u in enumerate(runs)
    ]
    return json.dumps(items).encode()


def _laughs_front_matter() -> bytes:
    """A Markdown document whose YAML front matter expands to 10^10 values."""
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    front = "\n".join([*lines, "title: *a9"])
    return f"---\n{front}\n---\n\n# A report\n\nText.[^1]\n\n[^1]: Roe (2001).\n".encode()


#: Shapes after a legal citation's page or section, under the grammar's length limit (a run of
#: digits after a register's page had one reading per way to cut it: 30 digits, 2.5 s).
LEGAL_RUNS = (
    "1",
    ", 1",
    "-1",
    "a",
    "(",
    "Pub. L. No. 1-1 x. ",
    "[2019] ",
    ", s 1",
    " https://x.org",
)


def _legal_refs() -> bytes:
    """One legal citation a line, each ending in a 3,900-character run of a LEGAL_RUNS shape."""
    heads = (
        "85 Fed. Reg. 1",
        "21 U.S.C. § 1",
        "Roe v. Wade, 410 U.S. 113",
        "Name Act, H.R. 1234, 118th Cong.",
        "Name Act 2015, c. 30",
        "Pub L. No. 1-1, div. B",
        "Order, Roe v. Doe, No. 1",
        "R v Brown [1994] 1 AC 1",
        "Roe v Doe [2017] UKSC 5",
        "Khan v Rao, PLD 2009 SC 1",
        "Equality Act 2010, s 1",
        "Conn. Gen. Stat. § 1, https://x.org/a",
    )
    return "".join(f"{h}{u * (3_900 // len(u))} x\n" for h in heads for u in LEGAL_RUNS).encode()


def _runs_refs() -> bytes:
    """One reference a line, each holding a 60,000-character run of a shape of RUNS."""
    return "".join(f"Roe, J. (2001) {u * (60_000 // len(u))} Title.\n" for u in RUNS).encode()


def _note_links_page(size: int) -> bytes:
    """Links to the page's own list items, the shape of a note reference, some 9 MB of them,
    each item linking back (a page of notes with nothing else)."""
    n = size // 90
    refs = "".join(f'<a href="#n{i}"><sup>{i}</sup></a>' for i in range(n // 2))
    items = "".join(f'<li id="n{i}"><a href="#r{i}">^</a> W{i}.</li>' for i in range(n // 2))
    return f"<p>{refs}</p><ol>{items}</ol>".encode()


def _docx_of(*parts: tuple[bytes, int]) -> bytes:
    """A DOCX whose document part is each ``(unit, n)`` of ``parts`` repeated ``n`` times,
    inside ``<w:document><w:body>``; written a piece at a time (never held whole)."""
    path = Path(tempfile.mkdtemp()) / "x.docx"
    ns = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z,
        z.open("word/document.xml", "w") as f,
    ):
        f.write(b"<w:document " + ns + b"><w:body>")
        for unit, n in parts:
            for start in range(0, n, 100_000):
                f.write(unit * min(100_000, n - start))
        f.write(b"</w:body></w:document>")
    return path.read_bytes()


def _long_field(runs: int) -> tuple[tuple[bytes, int], ...]:
    """A paragraph of one EndNote citation field whose instruction (a record titled with
    ``runs`` letters) is split over ``runs`` runs, one letter each."""
    head = b"<w:p><w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> ADDIN EN.CITE "
    head += (
        b"&lt;EndNote&gt;&lt;Cite&gt;&lt;record&gt;&lt;titles&gt;&lt;title&gt;</w:instrText></w:r>"
    )
    tail = b"<w:r><w:instrText>&lt;/title&gt;&lt;/titles&gt;&lt;/record&gt;&lt;/Cite&gt;"
    tail += b"&lt;/EndNote&gt;</w:instrText></w:r><w:r><w:fldChar w:fldCharType='separate'/></w:r>"
    tail += b"<w:r><w:t>(A)</w:t></w:r><w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>"
    return ((head, 1), (b"<w:r><w:instrText>a</w:instrText></w:r>", runs), (tail, 1))


def _broken_field() -> bytes:
    """A Zotero citation field whose JSON is broken."""
    return (
        b"<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> ADDIN ZOTERO_ITEM "
        b"CSL_CITATION {</w:instrText></w:r><w:r><w:fldChar w:fldCharType='separate'/></w:r>"
        b"<w:r><w:t>(Roe 2001)</w:t></w:r><w:r><w:fldChar w:fldCharType='end'/></w:r>"
    )


def _nested_controls(n: int) -> tuple[tuple[bytes, int], ...]:
    """``n`` content controls nested in one another, each a Mendeley Cite citation whose
    data is not base64, each with a run of text."""
    tag = b"<w:sdtPr><w:tag w:val='MENDELEY_CITATION_v3_*'/></w:sdtPr>"
    opened = b"<w:sdt>" + tag + b"<w:sdtContent><w:r><w:t>ab</w:t></w:r>"
    return ((opened, n), (b"</w:sdtContent></w:sdt>", n))


def _marker_line() -> bytes:
    """A million note markers on one line with no full stop, to a thousand notes."""
    line = " ".join(f"x[^{i % 1000}]" for i in range(MB9 // 9))
    notes = "".join(f"[^{i}]: Roe, J. (2001) T{i}.\n" for i in range(1000))
    return f"# R\n\n{line}\n\n{notes}".encode()


def _jats_refs(n: int) -> bytes:
    """A JATS article citing ``n`` references, each cited once, half of them untagged."""
    body = "".join(f'<xref ref-type="bibr" rid="r{i}">[{i}]</xref> ' for i in range(n))
    refs = "".join(
        f'<ref id="r{i}"><element-citation><person-group><name><surname>Lima{i}</surname>'
        f"</name></person-group><article-title>T{i}</article-title><year>2001</year>"
        "</element-citation></ref>"
        if i % 2
        else f'<ref id="r{i}"><mixed-citation>Lima A. T{i}. Press; 2001.</mixed-citation></ref>'
        for i in range(n)
    )
    return (
        f"<article><front><article-meta><title-group><article-title>T</article-title>"
        f"</title-group></article-meta></front><body><p>{body}</p></body>"
        f"<back><ref-list>{refs}</ref-list></back></article>"
    ).encode()


def _word_sources(n: int) -> bytes:
    """A DOCX of ``n`` Word citations of ``n`` sources in its customXml list."""
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/bibliography"
    sources = "".join(
        f"<b:Source><b:Tag>S{i}</b:Tag><b:SourceType>Book</b:SourceType>"
        f"<b:Title>T{i}</b:Title><b:Year>2001</b:Year></b:Source>"
        for i in range(n)
    )
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> CITATION S{i} '
        '\\l 1033 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>(T)</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    body = "".join(field.format(i=i) for i in range(n))
    buf = io.BytesIO()
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "word/document.xml", f"<w:document {w}><w:body><w:p>{body}</w:p></w:body></w:document>"
        )
        z.writestr("customXml/item1.xml", f'<b:Sources xmlns:b="{ns}">{sources}</b:Sources>')
    return buf.getvalue()


def _pointer_notes() -> bytes:
    """Notes shaped like pointers inside the document ("See tables I, II, ...") that run on
    and fail at their end: the pointer patterns must not try every way to read the labels."""
    notes = [
        "See table " + "III, " * 350 + "!",
        "See table " + "IIIIIIIIII" * 150 + "!",
        "See footnote " + "1, " * 600 + "x",
        "See app. I of this report " + "I" * 1900 + "!",
    ]
    body = " ".join(f"Claim {i}.[^{i}]" for i in range(1, len(notes) + 1))
    foot = "".join(f"[^{i}]: {n}\n" for i, n in enumerate(notes, 1))
    return f"# R\n\n{body}\n\n{foot}".encode()


def round_two() -> list[Case]:
    """The second round: names, links and devices on the command line, the review's files
    replaced by folders and the reverse, nesting and numbers of tags, keys given twice."""
    ris = b"TY  - BOOK\nTI  - Wheat\nER  - \n"
    doc = b"# R\n\nLittle is known about wheat.[^1]\n\n[^1]: Jane Roe, *On Wheat* (2001).\n"
    imp = ("import", "{f}", "--review", "{r}")
    ing = ("ingest", "{f}", "--review", "{r}")
    twice = b"tags:\n  add: []\ntags:\n  remove: []\n"
    return [
        Case("document name not UTF-8", {os.fsdecode(b"d\xffoc.md"): doc}, (ing,)),
        Case(
            "notes pointing to 350 tables, a label of 1,500 numerals, 600 footnotes",
            {"pointers.md": _pointer_notes()},
            (ing, ("report", "--review", "{r}")),
        ),
        Case(
            "symlink loop",
            {},
            (imp, ing, ("validate", "{f}")),
            (("b.ris", "c.ris"), ("c.ris", "b.ris")),
        ),
        Case(
            "documents.csv row to a symlink loop",
            {
                "a.ris": ris,
                "documents.csv": b"doc_id,path,title,author,year,work_key\nz,{tmp}/b.md,,,,\n",
                "document_roots.txt": b"{tmp}\n",
            },
            (imp, ("tag", "--review", "{r}"), ("gaps", "--review", "{r}")),
            (("b.md", "c.md"), ("c.md", "b.md")),
        ),
        Case(
            "300-character name",
            {"a.ris": ris},
            (("import", "{t}/" + "x" * 300 + ".ris", "--review", "{r}"),),
        ),
        Case(
            "export -o a pipe no one reads",
            {"a.ris": ris},
            (imp, ("export", "--format", "ris", "-o", "{fifo}", "--review", "{r}")),
        ),
        Case(
            "a folder where tags.csv goes",
            {"a.ris": ris, "review:bibliography/tags.csv/": b""},
            (imp, ("tag", "--review", "{r}"), ("export", "--format", "ris", "--review", "{r}")),
        ),
        Case(
            "a file where gaps/ goes",
            {"d.md": doc, "review:gaps": b"notes\n"},
            (ing, ("gaps", "--review", "{r}"), ("tag", "--review", "{r}")),
        ),
        Case(
            "DOCX of 200,000 nested paragraphs",
            {"deep.docx": _docx_of((b"<w:p><w:r>", 100_000), (b"</w:r></w:p>", 100_000))},
            (("validate", "{f}"),),
        ),
        Case(
            "DOCX of 10 million tags (90 KB)",
            {"flat.docx": _docx_of((b"<w:p>", 1), (b"<w:r/>", 10_000_000), (b"</w:p>", 1))},
            (("validate", "{f}"),),
        ),
        Case(
            "DOCX citation field of 400,000 runs (EndNote XML)",
            {"field.docx": _docx_of(*_long_field(400_000))},
            (("validate", "{f}"), ("ingest", "{f}", "--review", "{r}")),
        ),
        Case(
            "DOCX of 100,000 broken citation fields",
            {"broken.docx": _docx_of((b"<w:p>", 1), (_broken_field(), 100_000), (b"</w:p>", 1))},
            (("validate", "{f}"), ("ingest", "{f}", "--review", "{r}")),
        ),
        Case(
            "DOCX of 150,000 nested broken citation controls",
            {"nested.docx": _docx_of((b"<w:p>", 1), *_nested_controls(150_000), (b"</w:p>", 1))},
            (("validate", "{f}"),),
        ),
        Case("9 MB HTML of '<p>a'", {"p.html": b"<p>a" * (MB9 // 4)}, (("validate", "{f}"),)),
        Case(
            "JATS article of 20,000 references, each cited (half untagged: parsed)",
            {"a.xml": _jats_refs(20_000)},
            (("validate", "{f}"), ("ingest", "{f}", "--review", "{r}")),
        ),
        Case(
            "JATS article nested 200,000 deep",
            {
                "d.xml": b"<article><body>"
                + b"<sec>" * 200_000
                + b"</sec>" * 200_000
                + b"</body></article>"
            },
            (("validate", "{f}"),),
        ),
        Case(
            "DOCX of 20,000 Word citations of its own sources",
            {"w.docx": _word_sources(20_000)},
            (("validate", "{f}"), ("ingest", "{f}", "--review", "{r}")),
        ),
        Case(
            "40,000 notes 'Rn (2001).' (1 MB)",
            {
                "n.md": b"# R\n\n"
                + "".join(f"[^{i}]: R{i} (2001).\n" for i in range(40_000)).encode()
            },
            (("validate", "{f}"),),
        ),
        Case(
            "8 MB line of a million note markers", {"m.md": _marker_line()}, (("validate", "{f}"),)
        ),
        Case("9 MB of one-line notes (360,000)", {"n.md": _note_lines()}, (("validate", "{f}"),)),
        Case(
            "9 MB numbered reference list (135,000 entries, run together past 9,999)",
            {"r.md": _numbered_list()},
            (("validate", "{f}"),),
        ),
        Case(
            "9 MB of author-year citations (366,000) to 500 entries",
            {"a.md": _author_year_text()},
            (("validate", "{f}"),),
        ),
        Case(
            "works titled by 60 KB runs of 13 shapes, formatted for the map and briefs",
            {
                "a.md": b"# A report\n\nLittle research exists on it.[^1]\n\n[^1]: Roe (2001).\n",
                "t.json": _run_titles(RUNS + MORE_RUNS),
            },
            (
                ("ingest", "{f}", "--review", "{r}"),
                ("import", "{t}/t.json", "--review", "{r}"),
                ("gaps", "--review", "{r}"),
            ),
        ),
        Case(
            "9 MB of capitalised words and a reference list",
            {"w.md": _capitalised_run()},
            (("validate", "{f}"),),
        ),
        Case(
            "9 MB CSL-JSON of 3 million empty items",
            {"e.json": b"[" + b",".join([b"{}"] * (MB9 // 3)) + b"]"},
            (imp,),
        ),
        Case(
            "curation section twice",
            {"a.ris": ris, "review:bibliography/curation.yaml": twice},
            (imp, ("tag", "--review", "{r}")),
        ),
        Case(
            "taxonomy key twice",
            {"review:bibliography/taxonomy.yaml": TAXONOMY.encode() + b"facets: []\n"},
            (("tag", "--review", "{r}"),),
        ),
    ]


def _broken_bib(size: int) -> bytes:
    """``size`` bytes of BibTeX entries each with a lone brace in its title (EBSCO) and an
    empty field between two commas: each is mended and read again (to a budget)."""
    return _filled(
        "",
        lambda i: (
            f"@article{{e{i},\n  author = {{Roe, Jane}},\n  title = {{Rice {{yields {i}}},"
            "\n  , journal = {Field Crops},\n  year = {2004}\n}\n\n"
        ),
    )[:size]


def round_three() -> list[Case]:
    """The third round: the importers' files and the review's own ones, mended or refused
    (BibTeX faults mended, UTF-16 without a byte-order mark, the own files as looping links,
    a 50 MB line)."""
    imp = ("import", "{f}", "--review", "{r}")
    v = ("validate", "{f}")
    ris = b"TY  - BOOK\nTI  - Wheat\nER  - \n"
    tag = ("tag", "--review", "{r}")
    valid = _filled("", lambda i: f"@book{{b{i},\n  title = {{Wheat {i}}},\n  year = {{2001}}}}\n")
    loops = [
        Case(
            f"{name} a symlink loop",
            {"a.ris": ris},
            (imp, tag),
            ((f"review:bibliography/{name}", name + ".x"), (f"review:bibliography/{name}.x", name)),
        )
        for name in ("corpus.bib", "curation.yaml", "taxonomy.yaml")
    ]
    return [
        Case("9 MB of broken BibTeX entries (2 faults each)", {"b.bib": _broken_bib(MB9)}, (v,)),
        Case("9 MB of BibTeX entries, validated", {"v.bib": valid}, (v,)),
        Case(
            "9 MB RIS in UTF-16 without a byte-order mark",
            {"u.ris": ("TY  - BOOK\nTI  - Café\nER  - \n" * (MB9 // 60)).encode("utf-16-le")},
            (v, imp),
        ),
        Case(
            "UTF-16 .bib without a byte-order mark",
            {"u.bib": "@book{a, title={Café}}\n".encode("utf-16-le")},
            (v, imp),
        ),
        Case(
            "50 MB RIS line",
            {"l.ris": b"TY  - BOOK\nTI  - " + b"x" * (50 * 1024 * 1024) + b"\nER  - \n"},
            (imp,),
        ),
        *loops,
    ]


def _yaml_bomb() -> bytes:
    """Ten YAML anchors, each listing the one before ten times (10^10 values built)."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 10)}]" for k in range(1, 10)]
    return ("\n".join(lines) + "\nreferences: *a9\n").encode()


def _xml_bomb(root: bytes) -> bytes:
    """Billion laughs under a root element of the given name."""
    ents = b"".join(
        b'<!ENTITY l%d "%s">' % (k, b"&l%d;" % (k - 1) * 10 if k else b"lol") for k in range(10)
    )
    return b'<?xml version="1.0"?><!DOCTYPE %s [%s]><%s>&l9;</%s>' % (root, ents, root, root)


def _pubmed_articles(n: int) -> bytes:
    """A PubMed XML set of ``n`` articles."""
    one = (
        "<PubmedArticle><MedlineCitation><PMID>{k}</PMID><Article><Journal><Title>J</Title>"
        "<JournalIssue><PubDate><Year>2001</Year></PubDate></JournalIssue></Journal>"
        "<ArticleTitle>Title {k}</ArticleTitle><AuthorList><Author><LastName>Roe</LastName>"
        "<ForeName>A</ForeName></Author></AuthorList></Article></MedlineCitation>"
        "</PubmedArticle>\n"
    )
    body = "".join(one.format(k=k) for k in range(n))
    return f"<PubmedArticleSet>\n{body}</PubmedArticleSet>\n".encode()


def _ovid_records(n: int) -> bytes:
    """An Ovid export of ``n`` records, the first with an abstract of one 1 MB line."""
    rec = "<{k}. >\nVN  - Ovid Technologies\nTI  - Title {k}\nAU  - Roe A.\nYR  - 2001\n"
    first = rec.format(k=1) + "AB  - " + "word " * 200_000 + "\n\n"
    return (first + "\n".join(rec.format(k=k) for k in range(2, n + 1))).encode()


def cases() -> list[Case]:
    """Every hostile case of the issue, and 9 MB files of one token."""
    nine = "9" * 5000
    v = ("validate", "{f}")
    imp = ("import", "{f}", "--review", "{r}")
    out = [
        Case("string bomb (545 bytes)", {"bomb.bib": _string_bomb()}, (v, imp)),
        Case("zip bomb docx (1 GB inside)", {"bomb.docx": _zip_bomb(1 << 30)}, (v,)),
        Case("deep CSL-JSON", {"deep.json": b"[" * 100_000 + b"]" * 100_000}, (v, imp)),
        Case(
            "BibTeX of 200,000 '@Comment' lines between entries",
            {"c.bib": b"@book{a, title={A}}\n" + b"@Comment x = y\n" * 200_000 + b"@book{b,}\n"},
            (v, imp),
        ),
        Case("CSL YAML alias bomb", {"bomb.yaml": _yaml_bomb()}, (v, imp)),
        Case(
            "deep CSL YAML",
            {"deep.yaml": b"references:\n- " + b"[" * 50_000 + b"]" * 50_000 + b"\n"},
            (v, imp),
        ),
        Case("PubMed XML entity bomb", {"bomb.xml": _xml_bomb(b"PubmedArticleSet")}, (v, imp)),
        Case(
            "PubMed XML of 20,000 articles",
            {"pm.xml": _pubmed_articles(20_000)},
            (v, imp, ("export", "--format", "cslyaml", "--review", "{r}")),
        ),
        Case(
            "Ovid export of 20,000 records, one abstract line of 1 MB",
            {"o.cgi": _ovid_records(20_000)},
            (v, imp),
        ),
        Case(
            "5000-digit year json",
            {"y.json": f'[{{"id":"a","issued":{{"date-parts":[[{nine}]]}}}}]'.encode()},
            (v, imp),
        ),
        Case(
            "5000-digit year bib",
            {"y.bib": f"@misc{{k, title={{T}}, year={{{nine}}}}}\n".encode()},
            (v, imp, ("export", "--format", "csljson", "--review", "{r}")),
        ),
        Case(
            "5000-digit year ris",
            {"y.ris": f"TY  - BOOK\nTI  - T\nPY  - {nine}\nER  - \n".encode()},
            (v, imp, ("export", "--format", "bibtex", "--review", "{r}")),
        ),
        Case("5000-digit year csv", {"y.csv": f"key,title,year\nk,T,{nine}\n".encode()}, (v, imp)),
        Case(
            "2 MB CSV cell",
            {"big.csv": b"key,title\nk1," + b"a " * 1_000_000 + b"\n"},
            (v, imp, ("export", "--format", "csv", "--review", "{r}")),
        ),
        Case(
            "128 KiB sentence, then tag/report",
            {"long.md": _long_sentence_doc(130_000)},
            (
                ("ingest", "{f}", "--review", "{r}"),
                ("tag", "--review", "{r}"),
                ("report", "--review", "{r}"),
            ),
        ),
        Case(
            "512 KiB gap sentence, then report",
            {"gap.md": _long_gap_doc(520_000)},
            (("ingest", "{f}", "--review", "{r}"), ("report", "--review", "{r}")),
        ),
        Case(
            "512 KiB gap sentence of covered and compared, then report",
            {
                "gap.md": _long_gap_doc(
                    520_000, "studies focus on farms whose yields are unknown unlike towns "
                )
            },
            (("ingest", "{f}", "--review", "{r}"), ("report", "--review", "{r}")),
        ),
        Case("NUL in bib", {"n.bib": b"@misc{k, title={A\x00B}}\n"}, (v, imp)),
        Case("NUL in ris", {"n.ris": b"TY  - BOOK\nTI  - A\x00B\nER  - \n"}, (v, imp)),
        Case("NUL in csv", {"n.csv": b"key,title\nk,A\x00B\n"}, (v, imp)),
        Case("unclosed CSV quote", {"q.csv": b'key,title\nk0,Zero\nk1,"never\nk2,Two\n'}, (v, imp)),
        Case("3000-word synonym", {"t.txt": b""}, (("tag", "--review", "{r}"),)),
        Case(
            "docx with bad XML",
            {"bad.docx": _docx(b"<w:document><x>")},
            (v, ("ingest", "{f}", "--review", "{r}")),
        ),
        Case(
            "1 MB PDF inflating to 1 GB",
            {"bomb.pdf": _inflating_pdf(b" " * (1 << 20), 1024)},
            (v, ("ingest", "{f}", "--review", "{r}")),
        ),
        Case(
            "PDF of 3 million text operators (42 MB inflated)",
            {"ops.pdf": _inflating_pdf(b"(a) Tj 1 0 Td " * 1000, 3000)},
            (v,),
        ),
        Case(
            "PDF of one line of a million characters",
            {"line.pdf": _one_line_pdf(1_000_000)},
            (v, ("ingest", "{f}", "--review", "{r}")),
        ),
        Case(
            "9 MB LaTeX of markup (pandoc's heap)",
            {"big.tex": b"\\section{A}\n" + b"Text \\textbf{x} " * (MB9 // 16)},
            (v,),
        ),
        Case(
            "encrypted PDF",
            {"locked.pdf": _encrypted_pdf()},
            (v, ("ingest", "{f}", "--review", "{r}")),
        ),
        Case(
            "--review a regular file",
            {"a.ris": b"TY  - BOOK\nTI  - T\nER  - \n"},
            (("import", "{f}", "--review", "{f}"),),
        ),
        Case(
            "export -o a folder",
            {"a.ris": b"TY  - BOOK\nTI  - T\nER  - \n"},
            (("export", "--format", "ris", "-o", "{r}", "--review", "{r}"),),
        ),
        Case(
            "import --review typo",
            {"a.ris": b"TY  - BOOK\nTI  - T\nER  - \n"},
            (("import", "{f}", "--review", "{r}x"),),
        ),
        Case(
            "citekey injection",
            {"k.ris": b"TY  - BOOK\nID  - k2}@misc{pwn,title={x}},\nTI  - T\nER  - \n"},
            (imp, imp),
        ),
        Case(
            "TeX injection export",
            {"t.ris": b"TY  - BOOK\nTI  - \\input{/etc/passwd}\\immediate\\write18{id}\nER  - \n"},
            (imp, ("export", "--format", "bibtex", "--review", "{r}")),
        ),
        Case(
            "/dev/zero in documents.csv",
            {"documents.csv": b"doc_id,path,title,author,year,work_key\nz,/dev/zero,,,,\n"},
            (
                ("gaps", "--review", "{r}"),
                ("report", "--review", "{r}"),
                ("tag", "--review", "{r}"),
            ),
        ),
        Case(
            "FIFO in documents.csv",
            {"documents.csv": b"doc_id,path,title,author,year,work_key\nz,{fifo},,,,\n"},
            (("gaps", "--review", "{r}"), ("tag", "--review", "{r}")),
        ),
        Case(
            "FIFO, its folder a declared root",
            {
                "a.ris": b"TY  - BOOK\nTI  - Wheat\nER  - \n",
                "documents.csv": b"doc_id,path,title,author,year,work_key\nz,{fifo},,,,\n",
                "document_roots.txt": b"{tmp}\n",
            },
            (imp, ("tag", "--review", "{r}"), ("gaps", "--review", "{r}")),
        ),
        Case(
            "/dev/zero, /dev a declared root",
            {
                "a.ris": b"TY  - BOOK\nTI  - Wheat\nER  - \n",
                "documents.csv": b"doc_id,path,title,author,year,work_key\nz,/dev/zero,,,,\n",
                "document_roots.txt": b"/dev\n",
            },
            (imp, ("tag", "--review", "{r}"), ("gaps", "--review", "{r}")),
        ),
        Case("9 MB of '{' bib", {"b.bib": b"@misc{k, title=" + b"{" * MB9 + b"}\n"}, (v, imp)),
        Case("9 MB of '[' json", {"b.json": b"[" * MB9}, (v,)),
        Case(
            "9 MB JSON string",
            {"s.json": b'[{"id":"a","type":"book","title":"' + b"a" * MB9 + b'"}]'},
            (v, imp),
        ),
        Case(
            "9 MB RIS line", {"l.ris": b"TY  - BOOK\nTI  - " + b"x" * MB9 + b"\nER  - \n"}, (v, imp)
        ),
        Case("9 MB of 'TY  - ' ris", {"t.ris": b"TY  - BOOK\n" * (MB9 // 11)}, (v,)),
        Case(
            "9 MB one-sentence document",
            {"one.md": _long_sentence_doc(MB9)},
            (("validate", "{f}"),),
        ),
        Case(
            "HTML nested 1,000,000 deep",
            {"deep.html": b"<div>" * 1_000_000 + b"<p>Deep.</p>"},
            (v, ("ingest", "{f}", "--review", "{r}")),
        ),
        Case(
            "9 MB HTML of note links",
            {"links.html": _note_links_page(MB9)},
            (v, ("ingest", "{f}", "--review", "{r}")),
        ),
        Case("60 KB runs of 8 shapes in notes", {"runs.md": _runs_doc()}, (v,)),
        Case(
            "60 KB runs of 13 shapes in notes and text, and a reference list",
            {"runs.md": _runs_doc(RUNS + MORE_RUNS, references=True)},
            (v, ("ingest", "{f}", "--review", "{r}"), ("gaps", "--review", "{r}")),
        ),
        Case(
            "60 KB runs of 4 shapes of links with brackets in notes and text",
            {"runs.md": _runs_doc(LINK_RUNS)},
            (v, ("ingest", "{f}", "--review", "{r}"), ("gaps", "--review", "{r}")),
        ),
        Case(
            "60 KB runs of 6 shapes of works a note cuts apart",
            {"runs.md": _runs_doc(WORK_RUNS)},
            (v, ("ingest", "{f}", "--review", "{r}")),
        ),
        Case(
            "notes of 60 KB of EndNote temporary citations, 3 shapes",
            {"temp.md": _temporary_notes()},
            (v, ("ingest", "{f}", "--review", "{r}")),
        ),
        Case(
            "9 MB RTF of skippable notes and characters by code",
            {"notes.rtf": _rtf_runs(MB9)},
            (v,),
        ),
        Case(
            "front matter of billion laughs",
            {"laughs.md": _laughs_front_matter()},
            (v, ("ingest", "{f}", "--review", "{r}")),
        ),
        Case("60 KB runs of 8 shapes, references", {"runs.txt": _runs_refs()}, (("parse", "{f}"),)),
        Case(
            "legal citations of 12 kinds ending in 4 KB runs of 9 shapes",
            {"legal.txt": _legal_refs()},
            (("parse", "{f}"),),
        ),
        Case(
            "reference of 200,000 digits",
            {"digits.txt": b"Roe, J. (2001) " + b"7" * 200_000 + b".\n"},
            (("parse", "{f}"),),
        ),
        Case(
            "HTML in a charset Python lacks, with NUL",
            {"odd.html": b'<meta charset="x-unknown"><p>a\x00b</p>'},
            (v, ("ingest", "{f}", "--review", "{r}")),
        ),
        Case(
            "9 MB UTF-16 document cut in a character",
            {"cut.txt": ("A claim.[1]\n\n" * (MB9 // 26)).encode("utf-16") + b"\x41"},
            (v, ("ingest", "{f}", "--review", "{r}")),
        ),
        *(
            Case(f"9 MB {what} value of a million lines", {name: _continued(head, line)}, (v, imp))
            for what, name, head, line in (
                ("RIS", "lines.ris", "TY  - JOUR\nTI  - T\nAB  - x\n", "more words\n"),
                ("MEDLINE", "lines.nbib", "PMID- 1\nTI  - T\nAB  - x\n", "      words\n"),
                ("EndNote tagged", "lines.enw", "%0 Book\n%T T\n%X x\n", "more words\n"),
            )
        ),
        *round_two(),
        *round_three(),
        *tables(),
        *library_xml(),
    ]
    return out


def _wide_sheet(columns: int, rows: int) -> bytes:
    """An .xlsx of a titled table ``columns`` wide and ``rows`` long."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Title", *(f"Column {i}" for i in range(columns - 1))])
    for r in range(rows):
        sheet.append([f"Work {r}", *("x" for _ in range(columns - 1))])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def tables() -> list[Case]:
    """Tables as tools save them: spreadsheets that are bombs, broken or wide, and CSV
    headers that hide below notes or in other separators."""
    imp = ("import", "{f}", "--review", "{r}")
    head = "Title;Authors;Year\n"
    ole = bytes.fromhex("d0cf11e0a1b11ae1")
    sheet_bomb = _zip_bomb(2 << 30, "xl/worksheets/sheet1.xml", "worksheet")
    return [
        Case("xlsx unpacking to 2 GB", {"bomb.xlsx": sheet_bomb}, (imp,)),
        Case("xlsx that is a text file", {"t.xlsx": b"Title,Year\nA,2001\n"}, (imp,)),
        Case("xls of a compound-file signature and zeros", {"z.xls": ole + bytes(4096)}, (imp,)),
        Case("xlsx of 1,000 columns and 1,000 rows", {"w.xlsx": _wide_sheet(1000, 1000)}, (imp,)),
        Case(
            "9 MB semicolon table below 11 note lines",
            {"n.csv": ("note\n" * 11 + head + "x;y;2001\n" * (MB9 // 9)).encode()},
            (imp,),
        ),
        Case(
            "9 MB text formulas",
            {"f.csv": (head.replace(";", ",") + '="0012","=""a""",2001\n' * (MB9 // 24)).encode()},
            (imp,),
        ),
    ]


_MODS = b'xmlns="http://www.loc.gov/mods/v3"'
_WORD = b'xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"'


def _bomb_in(root: bytes, attrs: bytes, inner: bytes) -> bytes:
    """Billion laughs in ``inner`` (``{e}`` is where the entity goes), under a root with
    ``attrs`` (its namespace: the file is told apart as its format first)."""
    ents = b"".join(
        b'<!ENTITY l%d "%s">' % (k, b"&l%d;" % (k - 1) * 10 if k else b"lol") for k in range(10)
    )
    body = inner.replace(b"{e}", b"&l9;")
    return b'<?xml version="1.0"?>\n<!DOCTYPE %s [%s]>\n<%s %s>%s</%s>\n' % (
        root,
        ents,
        root,
        attrs,
        body,
        root,
    )


def _xxe_in(root: bytes, attrs: bytes, inner: bytes) -> bytes:
    """An external entity (a file of this machine) referred to in ``inner``."""
    body = inner.replace(b"{e}", b"&x;")
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE %s [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        b"<%s %s>%s</%s>\n" % (root, root, attrs, body, root)
    )


def library_xml() -> list[Case]:
    """Library files in XML (Word's list of sources, MODS): entity bombs, external
    entities, deep nesting, a missing namespace, text named .xml, a million empty records."""
    imp = ("import", "{f}", "--review", "{r}")
    v = ("validate", "{f}")
    mods_title = b"<mods><titleInfo><title>{e}</title></titleInfo></mods>"
    word_title = b"<b:Source><b:Title>{e}</b:Title></b:Source>"
    deep = (MB9 // 13) // 2
    return [
        Case(
            "MODS entity bomb",
            {"bomb.xml": _bomb_in(b"modsCollection", _MODS, mods_title)},
            (v, imp),
        ),
        Case(
            "Word XML entity bomb",
            {"bomb.xml": _bomb_in(b"b:Sources", _WORD, word_title)},
            (v, imp),
        ),
        Case(
            "MODS external entity",
            {"xxe.xml": _xxe_in(b"modsCollection", _MODS, mods_title)},
            (v, imp),
        ),
        Case(
            "Word XML external entity",
            {"xxe.xml": _xxe_in(b"b:Sources", _WORD, word_title)},
            (v, imp),
        ),
        Case(
            "9 MB of nested <mods>",
            {"deep.xml": b"<mods %s>" % _MODS + b"<mods>" * deep + b"</mods>" * deep + b"</mods>"},
            (v, imp),
        ),
        Case(
            "9 MB of unclosed <mods>",
            {"open.xml": b"<mods %s>" % _MODS + b"<mods>" * (MB9 // 6)},
            (v,),
        ),
        Case(
            "9 MB of empty <mods/> records",
            {
                "empty.xml": b"<modsCollection %s>" % _MODS
                + b"<mods/>\n" * (MB9 // 8)
                + b"</modsCollection>"
            },
            (v, imp),
        ),
        Case(
            "<mods> with no namespace",
            {"plain.xml": b"<mods><titleInfo><title>Rice</title></titleInfo></mods>\n"},
            (v, imp),
        ),
        Case("text named .xml", {"notes.xml": b"Some notes.\nNot XML at all.\n"}, (v, imp)),
        Case(
            "MODS of 20,000 records",
            {"many.xml": _mods_records(20_000)},
            (v, imp, ("export", "--format", "csljson", "--review", "{r}")),
        ),
        *_marcxml_cases(),
        *_new_library_cases(),
    ]


_ZOTERO = (
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    b'xmlns:z="http://www.zotero.org/namespaces/export#" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:bib="http://purl.org/net/biblio#"'
)


def _new_library_cases() -> list[Case]:
    """Zotero RDF, Hayagriva and CITATION.cff: entity bombs and alias bombs, an external
    entity, 9 MB of nesting, resources naming each other in a ring, 20,000 items."""
    imp = ("import", "{f}", "--review", "{r}")
    v = ("validate", "{f}")
    item = (
        b'<bib:Book rdf:about="#a"><z:itemType>book</z:itemType><dc:title>{e}</dc:title></bib:Book>'
    )
    deep = (MB9 // 40) // 2
    ring = b"".join(
        b'<bib:Book rdf:about="#b%d"><z:itemType>book</z:itemType><dc:title>T%d</dc:title>'
        b'<dcterms:isPartOf rdf:resource="#b%d"/></bib:Book>' % (k, k, (k + 1) % 5000)
        for k in range(5000)
    )
    items = b"".join(
        b'<bib:Book rdf:about="#i%d"><z:itemType>book</z:itemType><dc:title>Title %d</dc:title>'
        b"<dc:date>2001</dc:date></bib:Book>\n" % (k, k)
        for k in range(20_000)
    )
    haya = "".join(
        f'e{k}:\n  type: article\n  title: Title {k}\n  author: ["Roe, Ann"]\n  date: 2001\n'
        "  parent:\n    type: periodical\n    title: Journal\n"
        for k in range(20_000)
    ).encode()
    bomb = _yaml_bomb().replace(b"references: *a9", b"entry:\n  type: book\n  title: *a9")
    return [
        Case("Zotero RDF entity bomb", {"bomb.rdf": _bomb_in(b"rdf:RDF", _ZOTERO, item)}, (v, imp)),
        Case(
            "Zotero RDF external entity", {"xxe.rdf": _xxe_in(b"rdf:RDF", _ZOTERO, item)}, (v, imp)
        ),
        Case(
            "9 MB of nested isPartOf in Zotero RDF",
            {
                "deep.rdf": b"<rdf:RDF %s>" % _ZOTERO
                + item.replace(b"{e}", b"T")[:-11]
                + b"<dcterms:isPartOf><bib:Journal>" * deep
                + b"</bib:Journal></dcterms:isPartOf>" * deep
                + b"</bib:Book></rdf:RDF>"
            },
            (v, imp),
        ),
        Case(
            "Zotero RDF of 5,000 items, each part of the next, in a ring",
            {"ring.rdf": b"<rdf:RDF %s>%s</rdf:RDF>" % (_ZOTERO, ring)},
            (v, imp),
        ),
        Case(
            "Zotero RDF of 20,000 items",
            {"many.rdf": b"<rdf:RDF %s>\n%s</rdf:RDF>" % (_ZOTERO, items)},
            (v, imp),
        ),
        Case(
            "RefWorks export of 20,000 records, one abstract line of 1 MB",
            {
                "rw.txt": (
                    "RT Journal Article\nT1 First\nAB "
                    + "word " * 200_000
                    + "\n\n"
                    + "".join(
                        f"RT Journal Article\nA1 Roe, Ann;Lee, Bo\nT1 Title {k}\nYR 2001\n\n"
                        for k in range(20_000)
                    )
                ).encode()
            },
            (v, imp),
        ),
        Case(
            "RefWorks type line, then 9 MB of lines without a tag",
            {"rw.txt": b"RT Journal Article\nT1 T\n" + b"no tag here\n" * (MB9 // 12)},
            (v, imp),
        ),
        Case("Hayagriva alias bomb", {"bomb.yml": bomb}, (v, imp)),
        Case("Hayagriva of 20,000 entries", {"many.yml": haya}, (v, imp)),
        Case(
            "CITATION.cff alias bomb",
            {
                "CITATION.cff": b"cff-version: 1.2.0\ntitle: T\n"
                + _yaml_bomb().replace(b"references: *a9", b"references: *a9")
            },
            (v, imp),
        ),
        Case(
            "CITATION.cff nested 50,000 deep",
            {"deep.cff": b"cff-version: 1.2.0\ntitle: " + b"[" * 50_000 + b"]" * 50_000 + b"\n"},
            (v, imp),
        ),
    ]


_MARC = b'xmlns="http://www.loc.gov/MARC21/slim"'


def _marcxml_cases() -> list[Case]:
    """MARCXML: an entity bomb, an external entity, 9 MB of nested and of unclosed
    ``<record>``, 20,000 records, a data field of 100,000 subfields."""
    imp = ("import", "{f}", "--review", "{r}")
    v = ("validate", "{f}")
    title = b'<record><datafield tag="245"><subfield code="a">{e}</subfield></datafield></record>'
    deep = (MB9 // 17) // 2
    wide = b'<subfield code="a">x</subfield>' * 100_000
    return [
        Case("MARCXML entity bomb", {"bomb.xml": _bomb_in(b"collection", _MARC, title)}, (v, imp)),
        Case("MARCXML external entity", {"xxe.xml": _xxe_in(b"collection", _MARC, title)}, (v,)),
        Case(
            "9 MB of nested <record>",
            {
                "deep.xml": b"<record %s>" % _MARC
                + b"<record>" * deep
                + b"</record>" * deep
                + b"</record>"
            },
            (v, imp),
        ),
        Case(
            "9 MB of unclosed <record>",
            {"open.xml": b"<collection %s>" % _MARC + b"<record>" * (MB9 // 8)},
            (v,),
        ),
        Case(
            "MARCXML of 20,000 records",
            {"many.xml": _marc_records(20_000)},
            (v, imp, ("export", "--format", "csljson", "--review", "{r}")),
        ),
        Case(
            "MARCXML data field of 100,000 subfields",
            {
                "wide.xml": b'<record %s><datafield tag="500">%s</datafield></record>'
                % (_MARC, wide)
            },
            (v, imp),
        ),
    ]


def _marc_records(n: int) -> bytes:
    """A MARCXML collection of ``n`` journal articles, as a catalogue exports them."""
    one = (
        "<record><leader>00000nab a2200000 a 4500</leader>"
        '<controlfield tag="001">{k}</controlfield>'
        '<datafield tag="100" ind1="1" ind2=" "><subfield code="a">Roe, A.</subfield>'
        '<subfield code="4">aut</subfield></datafield>'
        '<datafield tag="245" ind1="1" ind2="0"><subfield code="a">Title {k} /</subfield>'
        '<subfield code="c">A. Roe.</subfield></datafield>'
        '<datafield tag="024" ind1="7" ind2=" "><subfield code="a">10.1/{k}</subfield>'
        '<subfield code="2">doi</subfield></datafield>'
        '<datafield tag="773" ind1="0" ind2=" "><subfield code="t">J</subfield>'
        '<subfield code="g">Vol. 3 (2001), p. 1-9</subfield></datafield></record>\n'
    )
    body = "".join(one.format(k=k) for k in range(n))
    return b"<collection %s>\n%s</collection>\n" % (_MARC, body.encode())


def _mods_records(n: int) -> bytes:
    """A MODS collection of ``n`` journal articles, as Zotero exports them."""
    one = (
        '<mods><titleInfo><title>Title {k}</title></titleInfo><name type="personal">'
        '<namePart type="family">Roe</namePart><namePart type="given">A</namePart><role>'
        '<roleTerm type="code">aut</roleTerm></role></name><relatedItem type="host"><titleInfo>'
        "<title>J</title></titleInfo><originInfo><dateIssued>2001</dateIssued></originInfo>"
        '<part><detail type="volume"><number>3</number></detail><extent unit="pages"><start>1'
        '</start><end>9</end></extent></part></relatedItem><identifier type="doi">10.1/{k}'
        "</identifier></mods>\n"
    )
    body = "".join(one.format(k=k) for k in range(n))
    return b"<modsCollection %s>\n%s</modsCollection>\n" % (_MODS, body.encode())


def _continued(head: str, line: str) -> bytes:
    """One value going on for 9 MB of lines (each added to the value was quadratic)."""
    return _filled(head, lambda _i: line, "ER  - \n" if head.startswith("TY") else "")


# Runs each command and reports its exit status and peak memory. A child's ru_maxrss counts
# the pages of the process it was forked from, so the commands are forked from this small
# process, started before the cases' files are built (forked from the benchmark itself,
# every command counted its half-gigabyte of files).
_SPAWNER = """
import json, os, subprocess, sys, time
for line in sys.stdin:
    job = json.loads(line)
    with open(job["err"], "wb") as err:
        proc = subprocess.Popen(job["cmd"], stdout=subprocess.DEVNULL, stderr=err, env=job["env"])
        start, hang = time.monotonic(), False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > job["timeout"]:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                hang = True
                break
            time.sleep(0.05)
    out = {"code": os.waitstatus_to_exitcode(status), "kib": usage.ru_maxrss, "hang": hang}
    print(json.dumps(out), flush=True)
"""


class _Spawner:
    """The small process that runs the commands (see :data:`_SPAWNER`)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _SPAWNER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(self, argv: list[str], timeout: float) -> tuple[str, int, int, str]:
        """``(outcome, exit status, peak KiB, last stderr line)`` of one command in a fresh
        process."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        with tempfile.NamedTemporaryFile(suffix=".err") as err:
            job = {
                "cmd": [sys.executable, "-m", "litreview", *argv],
                "env": env,
                "timeout": timeout,
                "err": err.name,
            }
            self.proc.stdin.write(json.dumps(job) + "\n")
            self.proc.stdin.flush()
            done = json.loads(self.proc.stdout.readline())
            text = Path(err.name).read_bytes().decode("utf-8", "replace")
        if done["hang"]:
            return "hang", -1, done["kib"], ""
        code, kib = done["code"], done["kib"]
        last = (text.strip().splitlines() or [""])[-1]
        if "Traceback" in text or code not in (0, 2):
            outcome = "traceback"
        elif kib > GB_KIB:
            outcome = "over-memory"
        else:
            outcome = "ok"
        return outcome, code, kib, last

    def close(self) -> None:
        """End the spawner."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def run_cases(timeout: float, match: str = "") -> Counter[str]:
    """Run every case (whose name holds ``match``); print one line per command."""
    from tests.hostile.fuzz_targets import bare_review

    tally: Counter[str] = Counter()
    spawner = _Spawner()
    print(f"{'case':38} {'command':9} {'exit':>4} {'peak MB':>8}  outcome  last line")
    for case in (c for c in cases() if match in c.name):
        with tempfile.TemporaryDirectory(prefix="hostile-") as name:
            tmp = Path(name)
            review = bare_review(tmp / "rev", TAXONOMY)
            fifo = tmp / "pipe.txt"
            os.mkfifo(fifo)
            paths = []
            for fname, data in case.files.items():
                data = data.replace(b"{fifo}", str(fifo).encode()).replace(b"{tmp}", bytes(tmp))
                if fname.startswith("review:"):
                    inside = review / fname.removeprefix("review:")
                    if fname.endswith("/"):
                        inside.mkdir(parents=True)
                    else:
                        inside.parent.mkdir(parents=True, exist_ok=True)
                        inside.write_bytes(data)
                    continue
                if fname in ("documents.csv", "document_roots.txt"):
                    (review / "bibliography" / fname).write_bytes(data)
                    continue
                path = (review / "documents" if fname.endswith((".md", ".txt")) else tmp) / fname
                path.write_bytes(data)
                paths.append(path)
            for link, target in case.links:
                if link.startswith("review:"):  # a link inside the review, in place of a file
                    inside = review / link.removeprefix("review:")
                    if os.path.lexists(inside):
                        inside.unlink()
                    inside.symlink_to(inside.with_name(target))
                    continue
                (tmp / link).symlink_to(tmp / target)
                paths.append(tmp / link)
            if case.name.startswith("3000-word"):
                long = " ".join(["w"] * 3000)
                (review / "bibliography" / "taxonomy.yaml").write_text(
                    TAXONOMY.replace("wheat", long), encoding="utf-8"
                )
            for argv in case.commands:
                args = [
                    a.replace("{f}", str(paths[0]) if paths else "")
                    .replace("{r}", str(review))
                    .replace("{t}", str(tmp))
                    .replace("{fifo}", str(fifo))
                    for a in argv
                ]
                outcome, code, peak, last = spawner.run(args, timeout)
                tally[outcome] += 1
                print(
                    f"{case.name[:38]:38} {argv[0]:9} {code:>4} {peak / 1024:8.0f}  "
                    f"{outcome:8} {last[:90]}"
                )
    spawner.close()
    return tally


class Hang(Exception):
    """A call that ran past its time."""


def fuzz_target(target: Target, examples: int, timeout: int) -> tuple[Counter[str], list[str]]:
    """The outcomes of ``examples`` Hypothesis inputs to one target, and the first few
    inputs that escaped (a traceback) or hung."""
    from hypothesis import HealthCheck, given, settings

    from litreview.core.errors import InputError

    tally: Counter[str] = Counter()
    bad: list[str] = []

    @settings(
        max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(target.inputs)
    def check(value: object) -> None:
        signal.alarm(timeout)
        try:
            target.call(value)
            tally["result"] += 1
        except InputError:
            tally["error"] += 1
        except Hang:
            tally["hang"] += 1
            bad.append(f"hang: {value!r:.200}")
        except Exception as exc:  # counting what escapes is the point
            tally["traceback"] += 1
            bad.append(f"{type(exc).__name__}: {exc!s:.100} on {value!r:.200}")
        finally:
            signal.alarm(0)

    check()
    return tally, bad


def _alarm(signum: int, frame: object) -> None:
    raise Hang


def run_fuzz(examples: int, timeout: int) -> Counter[str]:
    """Every fuzz target at ``examples`` inputs; print one line per target."""
    from tests.hostile.fuzz_targets import SLOW_TARGETS, TARGETS

    logging.disable(logging.WARNING)  # bibtexparser logs every block it cannot parse
    signal.signal(signal.SIGALRM, _alarm)
    total: Counter[str] = Counter()
    print(f"\n{'target':16} {'inputs':>7} {'result':>7} {'error':>7} {'traceback':>9} {'hang':>5}")
    runs = [(t, examples) for t in TARGETS] + [(t, max(1, examples // 10)) for t in SLOW_TARGETS]
    for target, count in runs:
        start = time.monotonic()
        tally, bad = fuzz_target(target, count, timeout)
        n = sum(tally.values())
        print(
            f"{target.name:16} {n:7} {tally['result']:7} {tally['error']:7} "
            f"{tally['traceback']:9} {tally['hang']:5}  {time.monotonic() - start:.0f} s"
        )
        for line in bad[:3]:
            print(f"    {line}")
        total.update(tally)
        total["inputs"] += n
        total["targets"] += 1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"fuzz: peak memory of this process {peak / 1024:.0f} MB")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="inputs per fuzz target")
    parser.add_argument("--timeout", type=int, default=120, help="seconds per command or call")
    parser.add_argument("--only", choices=("cases", "fuzz"), default=None)
    parser.add_argument(
        "--case", default="", help="run only the cases whose name holds this (and no fuzzing)"
    )
    args = parser.parse_args()
    if args.case and args.only is None:
        args.only = "cases"
    if args.only != "fuzz":
        tally = run_cases(args.timeout, args.case)
        print(
            f"cases: {sum(tally.values())} commands; ok {tally['ok']}, tracebacks "
            f"{tally['traceback']}, hangs {tally['hang']}, over 1 GB {tally['over-memory']}"
        )
    if args.only != "cases":
        total = run_fuzz(args.examples, args.timeout)
        print(
            f"fuzz: {total['inputs']} inputs over {total['targets']} targets; results "
            f"{total['result']}, one-line errors {total['error']}, tracebacks "
            f"{total['traceback']}, hangs {total['hang']}"
        )


if __name__ == "__main__":
    main()
