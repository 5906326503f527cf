"""Reading documents: text, Markdown, DOCX with footnotes; bad files as one-line errors."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from litreview.core.errors import InputError
from litreview.formats.documents import docx_footnotes, read_document, read_document_meta
from tests.conftest import require_module

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _docx(path: Path, *, footnotes: bool = True) -> Path:
    """A minimal DOCX: one paragraph with a footnote reference, and footnotes.xml."""
    ref = '<w:r><w:footnoteReference w:id="1"/></w:r>' if footnotes else ""
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {W} {R}><w:body>'
        f"<w:p><w:r><w:t>Rivers are low this year.</w:t></w:r>{ref}</w:p>"
        "<w:p><w:r><w:t>Second paragraph.</w:t></w:r></w:p></w:body></w:document>"
    )
    notes = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:id="1"><w:p><w:r><w:t>Lima, A. (2019), </w:t></w:r>'
        "<w:r><w:t>'River Catch Survey', Lagos.</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footnotes+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/footnotes" Target="footnotes.xml"/></Relationships>'
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        if footnotes:
            z.writestr("word/footnotes.xml", notes)
    return path


def test_text_is_read_as_is(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes("\ufeffTitle\n\nBody ¹ text.\n".encode())
    assert read_document(p) == "Title\n\nBody ¹ text.\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_text_with_a_byte_order_mark_is_read_as_a_document(
    tmp_path: Path, encoding: str
) -> None:
    """Windows "Unicode" text (UTF-16 with a byte-order mark) reads as its UTF-8 twin, and
    is taken for a document, not a bibliography, as ingest and validate decide."""
    from litreview.pipeline.ingest import is_document

    text = "Title\n\nA claim.[1]\n\n## References\n\n1. Smith J. A paper. J Stud. 2001;1:1-2.\n"
    p = tmp_path / "w.txt"
    data = text.encode(encoding)
    p.write_bytes(data if encoding == "utf-16" else b"\xfe\xff" + data)
    assert read_document(p) == text
    assert is_document(str(p))


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        ("one\ntwo\nthree\n".encode("utf-16") + b"A", 4, "broken character"),
        (b"\xff\xfe" + "a\nb\n".encode("utf-16-le") + b"\x00\xd8" + b"c\x00", 3, "broken"),
        ("one\ntw\x00o\n".encode("utf-16"), 2, "NUL character"),
    ],
)
def test_broken_utf16_is_one_line_error_with_its_line(
    tmp_path: Path, data: bytes, line: int, message: str
) -> None:
    p = tmp_path / "w.txt"
    p.write_bytes(data)
    with pytest.raises(InputError, match=message) as info:
        read_document(p)
    assert info.value.line == line


def test_markdown_is_read(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text("# Head\n\nText.[1]\n", encoding="utf-8")
    assert read_document(p).startswith("# Head")


def test_binary_file_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "b.txt"
    p.write_bytes(b"line one\nline\x00two\n")
    with pytest.raises(InputError, match="binary file") as info:
        read_document(p)
    assert info.value.line == 2 and str(p) in str(info.value)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "e.txt"
    p.write_text(" \n\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty document"):
        read_document(p)


def test_non_utf8_names_the_line(tmp_path: Path) -> None:
    p = tmp_path / "l.txt"
    p.write_bytes(b"ok\nstill ok\ncaf\xe9\n")
    with pytest.raises(InputError, match="not UTF-8") as info:
        read_document(p)
    assert info.value.line == 3
    assert f"{p}:3" in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")


def test_docx_body_and_footnotes(tmp_path: Path) -> None:
    text = read_document(_docx(tmp_path / "r.docx"))
    assert "Rivers are low this year.[^1]" in text
    assert "[^1]: Lima, A. (2019), 'River Catch Survey', Lagos." in text
    assert text.index("Second paragraph.") < text.index("[^1]: Lima")


def test_docx_footnotes_skip_separators(tmp_path: Path) -> None:
    data = _docx(tmp_path / "r.docx").read_bytes()
    assert docx_footnotes(data) == [(1, "Lima, A. (2019), 'River Catch Survey', Lagos.")]


def test_docx_without_footnotes(tmp_path: Path) -> None:
    data = _docx(tmp_path / "r.docx", footnotes=False).read_bytes()
    assert docx_footnotes(data) == []


def test_docx_footnotes_pair_with_markers(tmp_path: Path) -> None:
    from litreview.extract.footnotes import find_footnotes

    scan = find_footnotes(read_document(_docx(tmp_path / "r.docx")))
    assert [f.number for f in scan.footnotes] == [1]
    assert scan.footnotes[0].context == "Rivers are low this year.[^1]"
    assert scan.problems == ()


def test_missing_docx_extra_says_which(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(InputError, match=r"litreview\[docx\]"):
        read_document(_docx(tmp_path / "r.docx"))


def test_missing_pdf_extra_says_which(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "r.pdf"
    p.write_bytes(b"%PDF-1.4\n")
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(InputError, match=r"litreview\[pdf\]"):
        read_document(p)


def test_broken_pdf_is_one_line_error(tmp_path: Path) -> None:
    p = tmp_path / "r.pdf"
    p.write_bytes(b"not a pdf at all")
    with pytest.raises(InputError, match="PDF"):
        read_document(p)


def test_docx_that_is_not_zip(tmp_path: Path) -> None:
    p = tmp_path / "r.docx"
    p.write_bytes(b"plain text pretending")
    with pytest.raises(InputError, match="not a DOCX"):
        read_document(p)


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from litreview.extract.footnotes import find_footnotes

    fig = plt.figure(figsize=(6, 4))
    fig.text(0.1, 0.8, "River Report")
    fig.text(0.1, 0.6, "Catches fell after the dam.[1]")
    fig.text(0.1, 0.2, "[1] Lima, A. (2019), River Catch Survey, Lagos.")
    fig.savefig(tmp_path / "r.pdf")
    plt.close(fig)
    text = read_document(tmp_path / "r.pdf")
    assert [ln for ln in text.splitlines() if ln][:2] == [
        "River Report",
        "Catches fell after the dam.[1]",
    ]
    (note,) = find_footnotes(text).footnotes
    assert note.text == "Lima, A. (2019), River Catch Survey, Lagos."
    assert note.context == "Catches fell after the dam.[1]"


# --- real-shaped rendered fixtures (tests/data/docs/render.sh: pandoc, pdfLaTeX) -----------

DOCS = Path(__file__).resolve().parents[1] / "data" / "docs"


def test_docx_rendered_by_pandoc_has_real_footnotes_and_core_properties() -> None:
    from litreview.extract.document import scan_text
    from litreview.formats.documents import read_document_meta

    doc = read_document_meta(DOCS / "footnoted_report.docx")
    scan = scan_text(doc.text)
    assert [f.number for f in scan.notes.footnotes] == [1, 2, 3, 4, 5, 6]
    assert all(f.marker is not None for f in scan.notes.footnotes)
    assert doc.title == "Ukraine Funding: HHS Allocation and Oversight of Refugee Assistance"
    assert (doc.author, doc.date, doc.stated_by) == (
        "U.S. Government Accountability Office",
        "",
        "file properties",
    )
    assert "*Humanitarian Parole: DHS Identified Fraud Risks" in doc.text  # italics kept


def test_pdf_page_foot_notes_are_read_by_layout() -> None:
    from litreview.extract.document import scan_text

    text = read_document(DOCS / "footnoted_report.pdf")
    scan = scan_text(text)
    assert [f.number for f in scan.notes.footnotes] == [1, 2, 3, 4, 5, 6]
    assert scan.problems == ()
    five = scan.notes.footnotes[4]
    assert (five.text, five.context.endswith("as previously reported.<sup>5</sup>")) == (
        "GAO-26-107433.",
        True,
    )
    assert "<sup>1</sup> Humanitarian" not in text  # the page number is not kept


def test_pdf_numbered_reference_list_and_citations() -> None:
    from litreview.extract.document import scan_text

    scan = scan_text(read_document(DOCS / "numeric_paper.pdf"))
    assert [e.label for e in scan.entries] == list(range(1, 13))
    assert [w.entry for w in scan.citations[1].works] == [2, 3, 4, 5]


def test_pdf_reference_list_set_with_a_hanging_indent_reads_as_its_markdown() -> None:
    """Entries with no space between them, run on one indent in (and across a page break),
    and paragraphs with an indented first line: as many entries, and the same citations
    linked to them, as the Markdown the PDF was set from (3 entries were read before)."""
    from litreview.extract.document import scan_text

    require_module("pypdfium2")
    pdf = scan_text(read_document(DOCS / "author_year_paper.pdf"))
    md = scan_text(read_document(DOCS / "author_year_paper.md"))
    assert [e.raw.split(".")[0] for e in pdf.entries] == [e.raw.split(".")[0] for e in md.entries]
    assert len(pdf.entries) == 17
    assert pdf.entries[8].raw.endswith("Final Report (PIEC 200430E599).")  # across the page
    linked = [[w.entry for w in c.works] for c in pdf.citations]
    assert linked == [[w.entry for w in c.works] for c in md.citations]


def test_pdf_words_broken_at_line_ends_are_made_whole() -> None:
    """TeX breaks words with a hyphen at the line's end: the word comes back whole, and a
    compound the document writes with its hyphen elsewhere keeps it."""
    report = read_document(DOCS / "footnoted_report.pdf")
    paper = read_document(DOCS / "numeric_paper.pdf")
    assert "discretionary" in report and "discre tionary" not in report
    assert "pharmaceutical companies" in paper and "pharma ceutical" not in paper
    assert "$520 million for off-label drug" in paper
    assert "\x02" not in report + paper


def _replaced(path: Path, new: dict[str, bytes]) -> Path:
    """The DOCX at ``path`` with the parts ``new`` put in (added or replaced)."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()} | new
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _docx_with_endnotes(path: Path) -> Path:
    """A DOCX with a footnote and an endnote (and a heading, an italic run)."""
    _docx(path)
    parts = {
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document {W} {R}><w:body>'
            '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Rivers</w:t></w:r></w:p>'
            "<w:p><w:r><w:t>Low water.</w:t></w:r>"
            '<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve"> See </w:t>'
            "</w:r><w:r><w:rPr><w:i/></w:rPr><w:t>River Atlas</w:t></w:r>"
            '<w:r><w:endnoteReference w:id="2"/></w:r></w:p></w:body></w:document>'
        ).encode(),
        "word/endnotes.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:endnotes {W}>'
            '<w:endnote w:type="separator" w:id="0"><w:p/></w:endnote>'
            '<w:endnote w:id="2"><w:p><w:r><w:t>Osei, B. (2018), Atlas, Accra.</w:t></w:r></w:p>'
            "</w:endnote></w:endnotes>"
        ).encode(),
    }
    _replaced(path, parts)
    return path


MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def test_docx_title_headings_in_any_language_and_a_text_box_read_once(tmp_path: Path) -> None:
    """The Title style is the document's ``# `` title; a heading is known by its style's
    name in styles.xml (German Word's id "berschrift1" is named "heading 1"), a style based
    on it, or an outline level; a text box, which Word writes twice (a drawing and its VML
    fallback), is read once, after its paragraph, not inside it."""
    path = _docx(tmp_path / "t.docx", footnotes=False)
    box = "<w:txbxContent><w:p><w:r><w:t>Box 1: little is known.</w:t></w:r></w:p></w:txbxContent>"
    parts = {
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document {W} {R} {MC}><w:body>'
            '<w:p><w:pPr><w:pStyle w:val="Titel"/></w:pPr><w:r><w:t>Rivers</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:pStyle w:val="berschrift1"/></w:pPr><w:r><w:t>Flow</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:pStyle w:val="Kapitel"/></w:pPr><w:r><w:t>Banks</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Fish</w:t></w:r></w:p>'
            '<w:p><w:r><w:t xml:space="preserve">Before. </w:t></w:r><w:r><mc:AlternateContent>'
            f"<mc:Choice><w:drawing>{box}</w:drawing></mc:Choice>"
            f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
            "<w:r><w:t>After.</w:t></w:r></w:p></w:body></w:document>"
        ).encode(),
        "word/styles.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:styles {W}>'
            '<w:style w:styleId="Titel"><w:name w:val="Title"/></w:style>'
            '<w:style w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>'
            '<w:style w:styleId="Kapitel"><w:name w:val="Kapitel"/><w:basedOn w:val="berschrift1"/>'
            "</w:style></w:styles>"
        ).encode(),
    }
    _replaced(path, parts)
    text = read_document(path)
    assert text == (
        "# Rivers\n\n## Flow\n\n## Banks\n\n#### Fish\n\nBefore. After.\n\n"
        "Box 1: little is known.\n"
    )


ZOTERO = (
    ' ADDIN ZOTERO_ITEM CSL_CITATION {"citationID":"a1","citationItems":[{"id":12,'
    '"uris":["http://zotero.org/users/1/items/ABCD1234"],"itemData":{"id":12,'
    '"type":"article-journal","title":"River fish","author":[{"family":"Smith",'
    '"given":"John"}],"issued":{"date-parts":[[2020]]}}},{"id":13,"uris":'
    '["http://zotero.org/users/1/items/EFGH5678"],"itemData":{"id":13,"type":"book",'
    '"title":"Nets"}}]}'
)


def _field(instr: str, shown: str) -> str:
    """A complex Word field, its instruction split over two runs as Zotero writes it."""
    half = len(instr) // 2
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f"<w:r><w:instrText>{instr[:half]}</w:instrText></w:r>"
        f"<w:r><w:instrText>{instr[half:]}</w:instrText></w:r>"
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{shown}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def test_docx_reference_manager_citations_are_written_by_key_with_their_items(
    tmp_path: Path,
) -> None:
    """A Zotero citation field is written as its keys, as Pandoc writes a citation, and the
    items' CSL-JSON comes back with the text; a field of another kind (a page number) and
    one whose data is broken keep the text Word shows."""
    from html import escape

    path = _docx(tmp_path / "z.docx", footnotes=False)
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Fish are scarce </w:t></w:r>'
        + _field(escape(ZOTERO, quote=False), "(Smith 2020; Nets n.d.)")
        + '<w:r><w:t xml:space="preserve">, page </w:t></w:r>'
        + _field(" PAGE ", "3")
        + '<w:r><w:t xml:space="preserve">, broken </w:t></w:r>'
        + _field(" ADDIN ZOTERO_ITEM CSL_CITATION {not json", "(Lima 2019)")
        + "<w:r><w:t>.</w:t></w:r></w:p>"
    )
    parts = {
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document {W} {R}><w:body>{body}'
            "</w:body></w:document>"
        ).encode(),
    }
    _replaced(path, parts)
    doc = read_document_meta(path)
    assert doc.text == (
        "Fish are scarce [@cite-ABCD1234; @cite-EFGH5678], page 3, broken (Lima 2019).\n"
    )
    assert [(s.key, s.work.title) for s in doc.cited] == [
        ("cite-ABCD1234", "River fish"),
        ("cite-EFGH5678", "Nets"),
    ]
    from litreview.corpus.ingest import ingest
    from litreview.pipeline.ingest import MANAGER_URI, document_source

    result = ingest([document_source(path)])
    rows = [c.work_key for c in result.citations if c.kind == "citation"]
    works = {w.key: w for w in result.works}
    assert rows == ["smith2020river", "nets"]  # the corpus's own citekeys
    assert works["nets"].extra_value(MANAGER_URI) == "http://zotero.org/users/1/items/EFGH5678"


def test_docx_footnotes_and_endnotes(tmp_path: Path) -> None:
    from litreview.extract.document import scan_text

    text = read_document(_docx_with_endnotes(tmp_path / "r.docx"))
    assert text.startswith("## Rivers\n\nLow water.[^1] See *River Atlas*[^1]")
    assert "[^1]: Lima, A. (2019), 'River Catch Survey', Lagos." in text
    assert text.index("# Endnotes") < text.index("[^1]: Osei, B. (2018), Atlas, Accra.")
    notes = scan_text(text).notes.footnotes
    assert [(f.run, f.number) for f in notes] == [(0, 1), (1, 1)]


def test_markdown_front_matter(tmp_path: Path) -> None:
    from litreview.formats.documents import read_document_meta

    p = tmp_path / "brief.md"
    p.write_text(
        "---\ntitle: Teacher Wellbeing Policy Note\nauthor: [A. Lima, B. Osei]\n"
        "date: 2023-05-01\n---\n\n# Teacher Wellbeing Policy Note\n\nText.\n",
        encoding="utf-8",
    )
    doc = read_document_meta(p)
    assert (doc.title, doc.author, doc.date, doc.stated_by) == (
        "Teacher Wellbeing Policy Note",
        "A. Lima; B. Osei",
        "2023-05-01",
        "front matter",
    )
    assert doc.text.startswith("---\ntitle:")  # the text is kept as written


@pytest.mark.parametrize(
    ("name", "content", "what"),
    [
        pytest.param("refs.bib", "@article{a, title={T}}\n", "BibTeX", id="bib_suffix"),
        pytest.param("refs.json", '[{"title": "T"}]\n', "JSON", id="json_suffix"),
        pytest.param("refs.ris", "TY  - JOUR\nER  -\n", "RIS", id="ris_suffix"),
        pytest.param("refs.txt", "@book{b, title={T}}\n", "BibTeX", id="bibtex_content"),
        pytest.param("refs.txt", "TY  - BOOK\nTI  - T\nER  -\n", "RIS", id="ris_content"),
        pytest.param("refs.md", '[{"id": "x", "title": "T"}]\n', "JSON", id="json_content"),
    ],
)
def test_a_bibliography_is_not_a_document(
    tmp_path: Path, name: str, content: str, what: str
) -> None:
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=what) as info:
        read_document(p)
    assert "litreview import" in str(info.value)
    assert str(p) in str(info.value)


def test_a_scanned_pdf_says_it_needs_ocr(tmp_path: Path) -> None:
    """A PDF whose pages are images has no text: the error says why and what to do, rather
    than calling the document empty."""
    require_module("pypdfium2")
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (300, 400), "white")
    ImageDraw.Draw(page).text((20, 20), "Scanned words", fill="black")
    page.save(tmp_path / "scan.pdf")
    with pytest.raises(InputError, match="pages are images") as err:
        read_document(tmp_path / "scan.pdf")
    assert "ocrmypdf" in str(err.value) and "\n" not in str(err.value)


def test_scanned_pages_among_text_pages_are_a_warning_naming_them(tmp_path: Path) -> None:
    pdfium = require_module("pypdfium2")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages
    from PIL import Image

    with PdfPages(tmp_path / "text.pdf") as pages:
        for words in ("Page one has words.", "Page three has words."):
            fig = plt.figure()
            fig.text(0.1, 0.5, words)
            pages.savefig(fig)
            plt.close(fig)
    Image.new("RGB", (300, 400), "white").save(tmp_path / "scan.pdf")
    pdf = pdfium.PdfDocument(tmp_path / "text.pdf")
    pdf.import_pages(pdfium.PdfDocument(tmp_path / "scan.pdf"), [0], index=1)
    pdf.save(tmp_path / "mixed.pdf")
    doc = read_document_meta(tmp_path / "mixed.pdf")
    assert "Page one has words." in doc.text and "Page three has words." in doc.text
    (warning,) = doc.problems
    assert warning.severity == "warning" and "not read: 2;" in warning.message


def test_a_pdf_of_blank_pages_is_an_empty_document_not_a_scan(tmp_path: Path) -> None:
    pdfium = require_module("pypdfium2")
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(300, 400)
    pdf.save(tmp_path / "blank.pdf")
    with pytest.raises(InputError, match="empty document") as err:
        read_document(tmp_path / "blank.pdf")
    assert "scan" not in str(err.value)


def test_a_docx_notes_links_to_other_pages_keep_their_urls(tmp_path: Path) -> None:
    """A title linked to its page in a Word note (a w:hyperlink whose target is in the
    note part's relationships, or a HYPERLINK field) keeps its URL, written as a Markdown
    link for the reference parser; a link whose text is the URL stays that text."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
    notes = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W} {R}>'
        '<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">UNODC, </w:t></w:r>'
        '<w:hyperlink r:id="rId7"><w:r><w:rPr><w:i/></w:rPr><w:t>Global Report 2020</w:t>'
        '</w:r></w:hyperlink><w:r><w:t xml:space="preserve"> (Vienna, 2020); see </w:t></w:r>'
        '<w:hyperlink r:id="rId8"><w:r><w:t>https://example.org/a</w:t></w:r></w:hyperlink>'
        '<w:r><w:t xml:space="preserve">; and </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
        ' HYPERLINK "https://example.org/b" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Field Report</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    note_rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId7" Type="{rel}" Target="https://www.unodc.org/gr2020" '
        'TargetMode="External"/>'
        f'<Relationship Id="rId8" Type="{rel}" Target="https://example.org/a" '
        'TargetMode="External"/></Relationships>'
    )
    base = _docx(tmp_path / "base.docx")
    path = tmp_path / "linked.docx"
    with zipfile.ZipFile(base) as old, zipfile.ZipFile(path, "w") as z:
        for name in old.namelist():
            if name != "word/footnotes.xml":
                z.writestr(name, old.read(name))
        z.writestr("word/footnotes.xml", notes)
        z.writestr("word/_rels/footnotes.xml.rels", note_rels)
    text = read_document(path)
    assert (
        "[^1]: UNODC, [*Global Report 2020*](https://www.unodc.org/gr2020) (Vienna, 2020); see "
        "https://example.org/a; and [Field Report](https://example.org/b)." in text
    )
