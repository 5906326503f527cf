"""Reading documents: text, Markdown, DOCX with footnotes; bad files as one-line errors."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from litreview.core.errors import InputError
from litreview.formats.documents import docx_footnotes, read_document

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
